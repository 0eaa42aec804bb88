"""Payments received against additional premium notices.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

One workflow table shaped like those of revision 0002: key, state, version and the record as
JSON. Rule: WAC 296-17B-780 (an additional premium is due by its due date); RCW 51.48.120 (what
is left unpaid is collected by an order of assessment). Reviewed by hand; imports no
application models.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_payments")),
    )
    op.create_index(op.f("ix_payments_state"), "payments", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_payments_state"), table_name="payments")
    op.drop_table("payments")
