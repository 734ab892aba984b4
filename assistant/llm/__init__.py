"""The model seams: the chat LLM, the embedder, prompt templates and token counts."""
