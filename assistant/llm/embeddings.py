"""Text embedders behind one small interface.

The default embedder needs no download: character n-gram feature hashing
(MurmurHash3, as scikit-learn's `HashingVectorizer` hashes) over Chinese character uni/bigrams and
Latin word tokens plus their character trigrams, L2-normalised. It is
deterministic, fast on two cores and handles Chinese and English alike.
An OpenAI-compatible embeddings endpoint can be used instead.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, Sequence, runtime_checkable

import mmh3

from assistant.core import lazy
from assistant.core.errors import ConfigurationError, LLMError
from assistant.core.messages import Message
from assistant.llm.pii import Masking, masker_for

if TYPE_CHECKING:
    import numpy as np

    from assistant.core.settings import Settings
else:
    np = lazy.module("numpy")  # imported on the first embedding, not by every command that names an embedder

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors of a fixed dimension."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension), float32, rows of unit length."""
        ...


def analyze(text: str) -> list[str]:
    """Features of a text: CJK characters and bigrams; Latin words and their trigrams."""
    normalized = unicodedata.normalize("NFKC", text).lower()
    features: list[str] = []
    for token in _TOKEN.findall(normalized):
        if _CJK_RUN.match(token):
            features.extend(token)
            features.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            features.append(f"w:{token}")
            if len(token) > 3:
                padded = f"<{token}>"
                features.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return features


def feature_index(feature: str, dimension: int) -> int:
    """The column of a feature: signed MurmurHash3 (seed 0) of its UTF-8 bytes, as scikit-learn's
    `HashingVectorizer` computes it, so indexes built with either stay interchangeable."""
    h = mmh3.hash(feature.encode("utf-8"), 0, signed=True)
    if h == -(2**31):  # abs() would overflow int32 in scikit-learn's implementation
        return (2**31 - 1 - (dimension - 1)) % dimension
    return abs(h) % dimension


class HashingEmbedder:
    """Character n-gram feature hashing; no model download, no network, no scikit-learn.

    Each text's feature counts are square-root damped (so one repeated n-gram cannot dominate)
    and L2-normalised: the same vectors as `HashingVectorizer(alternate_sign=False, norm="l2")`
    followed by the square root, which earlier versions used.
    """

    def __init__(self, dimension: int = 1024) -> None:
        self.dimension = dimension
        self.name = f"hashing-ngram-v1-{dimension}"
        self._index = lru_cache(maxsize=200_000)(lambda feature: feature_index(feature, dimension))

    def counts(self, text: str) -> Counter[int]:
        """How often each column's features occur in a text."""
        return Counter(self._index(feature) for feature in analyze(text))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        dense = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = self.counts(text)
            if counts:
                dense[row, list(counts)] = np.sqrt(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        return _normalise(dense)

    def sparse(self, text: str) -> dict[int, float]:
        """One text's vector as {column: value}, its nonzero entries: `embed([text])[0]` computed in
        float64 without numpy, for callers that compare a few texts (`rulebook check`'s label overlap)."""
        weights = {column: math.sqrt(count) for column, count in self.counts(text).items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values()))
        return {column: weight / norm for column, weight in weights.items()} if norm else {}


def sparse_dot(first: dict[int, float], second: dict[int, float]) -> float:
    """The dot product of two sparse vectors (the cosine similarity of two `HashingEmbedder.sparse` vectors)."""
    if len(second) < len(first):
        first, second = second, first
    return sum(value * second.get(column, 0.0) for column, value in first.items())


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible `/embeddings` endpoint."""

    def __init__(self, settings: "Settings") -> None:
        if not settings.llm_configured:
            raise ConfigurationError(Message("error.embeddings.no_endpoint"))
        from openai import OpenAI

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        self._client = OpenAI(
            api_key=key, base_url=settings.openai_base_url, timeout=settings.request_timeout, max_retries=settings.max_retries
        )

        self._pii = masker_for(settings)  # personal data is masked before texts leave (assistant.llm.pii)
        self._model = settings.embedding_model
        self.name = f"openai-{settings.embedding_model}"
        self.dimension = 0  # known after the first call

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import openai

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors: list[list[float]] = []
        if self._pii is not None:

            texts = [Masking(self._pii).mask(text) for text in texts]
        try:
            for start in range(0, len(texts), 256):
                response = self._client.embeddings.create(model=self._model, input=list(texts[start : start + 256]))
                vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        except (openai.AuthenticationError, openai.NotFoundError, openai.BadRequestError) as error:
            raise ConfigurationError(Message("error.embeddings.refused", model=self._model, reason=str(error))) from error
        except openai.OpenAIError as error:
            raise LLMError(Message("error.embeddings.failed", reason=str(error)), step="embed") from error
        array = np.asarray(vectors, dtype=np.float32)
        self.dimension = int(array.shape[1])
        return _normalise(array)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def get_embedder(settings: "Settings") -> Embedder:
    """The embedder the settings ask for."""
    if settings.embedding_provider == "openai":
        return OpenAIEmbedder(settings)
    return HashingEmbedder(settings.embedding_dimensions)
