"""Steps 3-4: pre-label items with the rulebook (LLM or offline engine)."""
