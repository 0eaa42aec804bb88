"""Removals for prohibited conduct (with the permanent bar) and notices and orders of assessment
for collection.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Two workflow tables shaped like those of revision 0002: key, state, version and the record as
JSON. Rule: WAC 296-17B-720; RCW 51.48.120. Reviewed by hand; imports no application models.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("sanctions", "collection_orders")


def upgrade() -> None:
    for name in TABLES:
        op.create_table(
            name,
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.Column("state", sa.String(length=40), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("key", name=op.f(f"pk_{name}")),
        )
        op.create_index(op.f(f"ix_{name}_state"), name, ["state"])


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_index(op.f(f"ix_{name}_state"), table_name=name)
        op.drop_table(name)
