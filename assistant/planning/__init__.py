"""Effort and schedule planning."""
