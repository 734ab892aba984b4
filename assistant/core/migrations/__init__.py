"""Alembic migrations of the project store, run by `assistant.core.schema.upgrade` when a store is opened.

A new schema change: edit the models in `assistant/store.py`, add `versions/NNNN_what.py` (copy the
latest one; `down_revision` is the previous number) and set `assistant.core.schema_version.HEAD` to its number.
`tests/test_migrations.py` fails while the migrations and the models disagree.
"""
