"""Program workflows: applications, removal requests, adjustment notices, protests, appeals,
group standing (probation), payouts, adjustment runs, issued documents and state transitions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Each workflow record is one row: key, state, version and the record as JSON (dates as ISO
strings, money as decimal strings); issued documents keep their PDF. Reviewed by hand; imports
no application models.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("applications", "removal_requests", "notices", "protests", "appeals",
          "group_standings", "payouts", "adjustment_runs", "workflow_transitions",
          "issued_documents")


def upgrade() -> None:
    for name in TABLES:
        extra = [sa.Column("pdf", sa.LargeBinary(), nullable=False)] \
            if name == "issued_documents" else []
        op.create_table(
            name,
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.Column("state", sa.String(length=40), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            *extra,
            sa.PrimaryKeyConstraint("key", name=op.f(f"pk_{name}")),
        )
        op.create_index(op.f(f"ix_{name}_state"), name, ["state"])


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_index(op.f(f"ix_{name}_state"), table_name=name)
        op.drop_table(name)
