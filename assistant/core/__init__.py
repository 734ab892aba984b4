"""Core: contracts, errors, settings, store and files. Depends on nothing of ours."""
