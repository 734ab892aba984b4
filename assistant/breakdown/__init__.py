"""Step 1: a vague request becomes a structured 5W2H breakdown."""
