"""Before the trial: training packs, qualification quizzes, training data."""
