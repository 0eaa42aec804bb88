"""Quarterly report lines keep their history: `known_from` joins the key.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

A corrected report (an audit, a late report) adds a version known from its import's as-of date
instead of rewriting the line, so standard premium can be read as of any valuation date
(WAC 296-17B-500). Existing lines become their first version, known from the as-of date of the
file they came from, or from their quarter's start when none was given. Reviewed by hand; batch
mode rebuilds the table on SQLite, which cannot alter a primary key in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEY = ["account_id", "quarter_start", "risk_class"]


def upgrade() -> None:
    with op.batch_alter_table("quarterly_reports") as batch:
        batch.add_column(sa.Column("known_from", sa.Date(), nullable=True))
    op.execute("UPDATE quarterly_reports SET known_from = COALESCE(source_as_of, quarter_start)")
    with op.batch_alter_table("quarterly_reports") as batch:
        batch.alter_column("known_from", existing_type=sa.Date(), nullable=False)
        batch.drop_constraint("pk_quarterly_reports", type_="primary")
        batch.create_primary_key("pk_quarterly_reports", [*KEY, "known_from"])


def downgrade() -> None:
    # Only the latest version of each line survives a downgrade (the key cannot hold more).
    op.execute(
        "DELETE FROM quarterly_reports WHERE known_from < (SELECT MAX(v.known_from) "
        "FROM quarterly_reports v WHERE v.account_id = quarterly_reports.account_id "
        "AND v.quarter_start = quarterly_reports.quarter_start "
        "AND v.risk_class = quarterly_reports.risk_class)")
    with op.batch_alter_table("quarterly_reports") as batch:
        batch.drop_constraint("pk_quarterly_reports", type_="primary")
        batch.create_primary_key("pk_quarterly_reports", KEY)
        batch.drop_column("known_from")
