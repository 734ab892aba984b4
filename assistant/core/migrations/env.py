"""Alembic environment: always run from `assistant.core.schema.upgrade`, on the connection it passes in."""

from alembic import context

from assistant.core.store import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
    transactional_ddl=True,  # all steps in one transaction: an upgrade is complete or not done at all
)
with context.begin_transaction():
    context.run_migrations()
