"""Knowledge base of past annotation projects."""
