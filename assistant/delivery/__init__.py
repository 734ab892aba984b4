"""Step 5: the finished project becomes a past project for the knowledge base."""
