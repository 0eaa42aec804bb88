"""Payments received against additional premium notices, employers' safety-training
attendance, the refund-sharing terms sponsors disclosed at enrollment, and loss-control
recommendations.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Four workflow tables shaped like those of revision 0002: key, state, version and the record
as JSON. Rule: WAC 296-17B-780 (an additional premium is due by its due date) and RCW 51.48.120
(what is left unpaid is collected by an order of assessment); attendance feeds refund
distribution's training pool, which shares a refund on the disclosed terms (WAC 296-17B-720(3);
programs.md §11); recommendations are followed up from the worklist. Reviewed by hand; imports
no application models.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("payments", "training_attendance", "disclosed_terms", "recommendations")


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
