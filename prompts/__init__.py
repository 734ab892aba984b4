"""Prompt templates as YAML files; loaded by assistant.prompts."""
