"""The system of record: accounts, risk classes, reports, claims and valuations, sponsors,
groups, memberships, enrollments, adjustment results, users and the append-only audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Program workflow tables (applications, notices, protests, appeals, probation) come in a later
revision. Reviewed by hand; imports only column types, never the application's models.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from retrodesk.adapters.db.types import ExactDecimal, UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The audit log is append-only in the database too, not only by convention in the code.
SQLITE_GUARDS = [
    f"CREATE TRIGGER audit_log_no_{verb} BEFORE {verb.upper()} ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    for verb in ("update", "delete")
]
POSTGRES_GUARDS = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def upgrade() -> None:
    op.create_table(
        "adjustment_results",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("participant_kind", sa.String(length=8), nullable=False),
        sa.Column("participant_id", sa.String(length=20), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=False),
        sa.Column("adjustment_number", sa.Integer(), nullable=False),
        sa.Column("valuation_date", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("standard_premium", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("retro_premium", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("result_kind", sa.String(length=12), nullable=False),
        sa.Column("result_amount", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("provenance", sa.String(length=16), nullable=False),
        sa.Column("worksheet", sa.JSON(), nullable=False),
        sa.Column("rule_versions", sa.JSON(), nullable=False),
        sa.Column("computed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adjustment_results")),
        sa.UniqueConstraint(
            "participant_kind",
            "participant_id",
            "coverage_start",
            "adjustment_number",
            "valuation_date",
            "revision",
            name="uq_adjustment_results_issue",
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("record_key", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_record", ["table_name", "record_key"], unique=False)

    op.create_table(
        "risk_classes",
        sa.Column("risk_class", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("industry_categories", sa.String(length=40), nullable=False),
        sa.Column("hazard_group", sa.Integer(), nullable=False),
        sa.Column("loss_cost_per_hour", ExactDecimal(precision=10, scale=4), nullable=False),
        sa.Column("primary_ratio", ExactDecimal(precision=6, scale=3), nullable=False),
        sa.Column("exposure_unit", sa.String(length=20), nullable=False),
        sa.Column("book_weight", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("risk_class", name=op.f("pk_risk_classes")),
    )
    op.create_table(
        "sponsors",
        sa.Column("sponsor_id", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("founded_on", sa.Date(), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column("industry_category", sa.String(length=2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("sponsor_id", name=op.f("pk_sponsors")),
    )
    op.create_table(
        "employers",
        sa.Column("account_id", sa.String(length=12), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("governing_class", sa.String(length=10), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("is_in_good_standing", sa.Boolean(), nullable=False),
        sa.Column("standing_reason", sa.String(length=200), nullable=True),
        sa.Column("standing_as_of", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["governing_class"],
            ["risk_classes.risk_class"],
            name=op.f("fk_employers_governing_class_risk_classes"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_employers")),
    )
    op.create_table(
        "groups",
        sa.Column("group_id", sa.String(length=20), nullable=False),
        sa.Column("sponsor_id", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("industry_category", sa.String(length=2), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sponsor_id"], ["sponsors.sponsor_id"], name=op.f("fk_groups_sponsor_id_sponsors")
        ),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_groups")),
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_groups_sponsor_id"), ["sponsor_id"], unique=False)

    op.create_table(
        "claims",
        sa.Column("claim_number", sa.String(length=20), nullable=False),
        sa.Column("account_id", sa.String(length=12), nullable=False),
        sa.Column("risk_class", sa.String(length=10), nullable=False),
        sa.Column("injury_kind", sa.String(length=24), nullable=False),
        sa.Column("injury_date", sa.Date(), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("occurrence", sa.String(length=24), nullable=True),
        sa.Column("is_fatal", sa.Boolean(), nullable=False),
        sa.Column("is_public_health_emergency", sa.Boolean(), nullable=False),
        sa.Column("body_part_code", sa.String(length=10), nullable=True),
        sa.Column("nature_code", sa.String(length=10), nullable=True),
        sa.Column("cause_code", sa.String(length=10), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["employers.account_id"], name=op.f("fk_claims_account_id_employers")
        ),
        sa.ForeignKeyConstraint(
            ["risk_class"],
            ["risk_classes.risk_class"],
            name=op.f("fk_claims_risk_class_risk_classes"),
        ),
        sa.PrimaryKeyConstraint("claim_number", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_account_id"), ["account_id"], unique=False)

    op.create_table(
        "enrollments",
        sa.Column("participant_kind", sa.String(length=8), nullable=False),
        sa.Column("participant_id", sa.String(length=20), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=False),
        sa.Column("account_id", sa.String(length=12), nullable=True),
        sa.Column("group_id", sa.String(length=20), nullable=True),
        sa.Column("first_quarter", sa.Date(), nullable=False),
        sa.Column("last_quarter", sa.Date(), nullable=False),
        sa.Column("plan_basis", sa.String(length=8), nullable=True),
        sa.Column("single_loss_limit", ExactDecimal(precision=14, scale=2), nullable=True),
        sa.Column("max_loss_ratio", ExactDecimal(precision=6, scale=4), nullable=True),
        sa.Column("min_loss_ratio", ExactDecimal(precision=6, scale=4), nullable=True),
        sa.Column("application_received", sa.Date(), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_title", sa.String(length=100), nullable=False),
        sa.Column("is_endorsed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["employers.account_id"],
            name=op.f("fk_enrollments_account_id_employers"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.group_id"], name=op.f("fk_enrollments_group_id_groups")
        ),
        sa.PrimaryKeyConstraint(
            "participant_kind", "participant_id", "coverage_start", name=op.f("pk_enrollments")
        ),
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollments_group_id"), ["group_id"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("sponsor_id", sa.String(length=20), nullable=False),
        sa.Column("account_id", sa.String(length=12), nullable=False),
        sa.Column("dues_paid_since", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["employers.account_id"],
            name=op.f("fk_memberships_account_id_employers"),
        ),
        sa.ForeignKeyConstraint(
            ["sponsor_id"], ["sponsors.sponsor_id"], name=op.f("fk_memberships_sponsor_id_sponsors")
        ),
        sa.PrimaryKeyConstraint("sponsor_id", "account_id", name=op.f("pk_memberships")),
    )
    op.create_table(
        "ownership_links",
        sa.Column("account_id", sa.String(length=12), nullable=False),
        sa.Column("related_id", sa.String(length=12), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["employers.account_id"],
            name=op.f("fk_ownership_links_account_id_employers"),
        ),
        sa.ForeignKeyConstraint(
            ["related_id"],
            ["employers.account_id"],
            name=op.f("fk_ownership_links_related_id_employers"),
        ),
        sa.PrimaryKeyConstraint("account_id", "related_id", name=op.f("pk_ownership_links")),
    )
    op.create_table(
        "quarterly_reports",
        sa.Column("account_id", sa.String(length=12), nullable=False),
        sa.Column("quarter_start", sa.Date(), nullable=False),
        sa.Column("risk_class", sa.String(length=10), nullable=False),
        sa.Column("hours", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("accident_fund", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("medical_aid", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("stay_at_work", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("supplemental_pension", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["employers.account_id"],
            name=op.f("fk_quarterly_reports_account_id_employers"),
        ),
        sa.ForeignKeyConstraint(
            ["risk_class"],
            ["risk_classes.risk_class"],
            name=op.f("fk_quarterly_reports_risk_class_risk_classes"),
        ),
        sa.PrimaryKeyConstraint(
            "account_id", "quarter_start", "risk_class", name=op.f("pk_quarterly_reports")
        ),
    )
    op.create_table(
        "users",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("sponsor_id", sa.String(length=20), nullable=True),
        sa.Column("employer_account_id", sa.String(length=12), nullable=True),
        sa.Column("api_token_hash", sa.String(length=255), nullable=True),
        sa.Column("failed_login_count", sa.Integer(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_account_id"],
            ["employers.account_id"],
            name=op.f("fk_users_employer_account_id_employers"),
        ),
        sa.ForeignKeyConstraint(
            ["sponsor_id"], ["sponsors.sponsor_id"], name=op.f("fk_users_sponsor_id_sponsors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("api_token_hash", name=op.f("uq_users_api_token_hash")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "claim_valuations",
        sa.Column("claim_number", sa.String(length=20), nullable=False),
        sa.Column("valuation_date", sa.Date(), nullable=False),
        sa.Column("claim_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("af_paid", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("af_reserve", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("ma_paid", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("ma_reserve", ExactDecimal(precision=14, scale=2), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("source_as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_number"],
            ["claims.claim_number"],
            name=op.f("fk_claim_valuations_claim_number_claims"),
        ),
        sa.PrimaryKeyConstraint("claim_number", "valuation_date", name=op.f("pk_claim_valuations")),
    )

    guards = POSTGRES_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{verb}")
    op.drop_table("claim_valuations")
    op.drop_table("users")
    op.drop_table("quarterly_reports")
    op.drop_table("ownership_links")
    op.drop_table("memberships")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollments_group_id"))

    op.drop_table("enrollments")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_account_id"))

    op.drop_table("claims")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groups_sponsor_id"))

    op.drop_table("groups")
    op.drop_table("employers")
    op.drop_table("sponsors")
    op.drop_table("risk_classes")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_record")

    op.drop_table("audit_log")
    op.drop_table("adjustment_results")
