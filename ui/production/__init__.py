"""The production page's sections (ui/pages/production.py): record a batch, flags, the accuracy chart, the tables."""
