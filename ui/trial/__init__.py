"""The trial page's sections (ui/pages/trial.py): the training pack, the quiz, the scores and the plan."""
