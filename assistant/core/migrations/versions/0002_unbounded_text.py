"""Names, sources, annotators and engine descriptions become unbounded text.

SQLite never enforced the VARCHAR lengths of the baseline, PostgreSQL does: a project name over
300 characters or a knowledge file path over 500 was stored on SQLite and refused on PostgreSQL.
Now both accept what a user gives. (SQLite copies each altered table; PostgreSQL alters in place.)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WIDENED = {
    "knowledge_projects": {"name": 300, "source": 500},
    "projects": {"name": 300},
    "label_sets": {"name": 300, "annotator": 200},
    "artifacts": {"engine": 200},
}


def upgrade() -> None:
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for column, length in columns.items():
                batch.alter_column(column, type_=sa.Text(), existing_type=sa.String(length), existing_nullable=False)


def downgrade() -> None:
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for column, length in columns.items():
                batch.alter_column(column, type_=sa.String(length), existing_type=sa.Text(), existing_nullable=False)
