"""Every saved version records who saved it: the `actor` column of artifacts.

Versions saved before this migration keep an empty actor (shown as unknown); nothing else changes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("artifacts") as batch:
        batch.add_column(sa.Column("actor", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("artifacts") as batch:
        batch.drop_column("actor")
