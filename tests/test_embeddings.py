import numpy as np
import pytest

from assistant.llm.embeddings import HashingEmbedder, analyze, get_embedder
from assistant.core.errors import ConfigurationError
from assistant.core.settings import Settings


@pytest.fixture(scope="module")
def embedder():
    return HashingEmbedder(1024)


def cos(embedder, a, b):
    va, vb = embedder.embed([a, b])
    return float(va @ vb)


def test_vectors_are_normalised_deterministic_and_sized(embedder):
    vectors = embedder.embed(["用户投诉物流太慢", "The search results are irrelevant", ""])
    assert vectors.shape == (3, 1024)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[2], 0.0)  # nothing to hash: a zero vector, not NaN
    assert np.array_equal(vectors, HashingEmbedder(1024).embed(["用户投诉物流太慢", "The search results are irrelevant", ""]))


def test_chinese_similarity_prefers_related_text(embedder):
    query = "用户投诉 情绪识别"
    related = "识别客服对话中用户投诉的情绪强烈程度"
    unrelated = "医疗病历中的药物和疾病实体抽取"
    assert cos(embedder, query, related) > cos(embedder, query, unrelated) + 0.2


def test_english_similarity_prefers_related_text(embedder):
    query = "search result relevance"
    related = "Rate the relevance of each product to the shopper's search query"
    unrelated = "Classify the intent of banking chatbot messages"
    assert cos(embedder, query, related) > cos(embedder, query, unrelated) + 0.15


def test_morphological_variants_still_match(embedder):
    assert cos(embedder, "complaints about delivery", "complaint about a delayed delivery") > 0.4


def test_full_width_and_case_are_normalised(embedder):
    assert cos(embedder, "ＡＰＰ Review", "app review") > 0.99


def test_analyzer_splits_scripts():
    features = analyze("投诉 refund")
    assert "投诉" in features and "投" in features
    assert "w:refund" in features and "<re" in features


def test_openai_embedder_needs_an_endpoint(settings):
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        get_embedder(Settings(embedding_provider="openai"))


def test_hashing_embedder_matches_scikit_learns_hashing_vectorizer_without_importing_it():
    """Indexes built by earlier versions (scikit-learn's HashingVectorizer) stay valid: same vectors."""
    import subprocess
    import sys

    from sklearn.feature_extraction.text import HashingVectorizer

    from assistant.llm.embeddings import HashingEmbedder, analyze

    texts = ["用户投诉物流太慢了", "Refund not received after 3 weeks!!", "ＡＢＣ全角 mixed 中英", "", "😀", "a" * 3000]
    for dimension in (64, 1024):
        vectorizer = HashingVectorizer(analyzer=analyze, n_features=dimension, alternate_sign=False, norm="l2")
        matrix = vectorizer.transform(texts)
        matrix.data = np.sqrt(matrix.data)
        reference = matrix.toarray()
        norms = np.linalg.norm(reference, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        np.testing.assert_allclose(HashingEmbedder(dimension).embed(texts), reference / norms, atol=1e-6)

    # The default embedder must not pull in scikit-learn, SciPy or pandas (they cost seconds at start-up).
    code = (
        "import sys; from assistant.llm.embeddings import HashingEmbedder; HashingEmbedder(64).embed(['x']); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'pandas') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
