"""The cluster's public face: its story (dates, linked organisations), inquiries from outsiders, and
yearly impact reports of organisations.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _cluster_columns() -> None:
    op.add_column("clusters", sa.Column("programme_since", sa.Date(), nullable=True))
    op.add_column("clusters", sa.Column("founded_on", sa.Date(), nullable=True))
    op.add_column("clusters", sa.Column("eccp_registered_on", sa.Date(), nullable=True))
    op.add_column("clusters", sa.Column("linked_organisations", JSONB, server_default="[]", nullable=False))


def _cluster_inquiries() -> None:
    op.create_table(
        "cluster_inquiries",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("cluster_id", sa.BigInteger(), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("asker_role", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("emailed", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.CheckConstraint("asker_role IN ('policy_maker', 'public_authority', 'enterprise', 'researcher', "
                           "'journalist', 'other')", name=op.f("ck_cluster_inquiries_known_role")),
        sa.ForeignKeyConstraint(["cluster_id"], ["clusters.id"], ondelete="CASCADE",
                                name=op.f("fk_cluster_inquiries_cluster_id_clusters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_inquiries")),
    )
    op.create_index("ix_cluster_inquiries_cluster_id_created_at", "cluster_inquiries", ["cluster_id", "created_at"])


def _impact_reports() -> None:
    op.create_table(
        "impact_reports",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("employees_total", sa.Integer(), nullable=True),
        sa.Column("employees_vulnerable", sa.Integer(), nullable=True),
        sa.Column("vulnerable_by_group", JSONB, server_default="{}", nullable=False),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("turnover_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("public_contracts_won", sa.Integer(), nullable=True),
        sa.Column("public_contracts_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("environment", JSONB, server_default="{}", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="submitted", nullable=False),
        sa.Column("submitted_by_token_id", sa.BigInteger(), nullable=True),
        sa.Column("verified_by_token_id", sa.BigInteger(), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('submitted', 'verified')", name=op.f("ck_impact_reports_known_status")),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name=op.f("ck_impact_reports_plausible_year")),
        sa.CheckConstraint("employees_vulnerable IS NULL OR employees_total IS NULL "
                           "OR employees_vulnerable <= employees_total",
                           name=op.f("ck_impact_reports_vulnerable_within_total")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_impact_reports_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["submitted_by_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_impact_reports_submitted_by_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["verified_by_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_impact_reports_verified_by_token_id_api_tokens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_reports")),
        sa.UniqueConstraint("organisation_id", "year", name=op.f("uq_impact_reports_organisation_id_year")),
    )
    op.create_index("ix_impact_reports_submitted_by_token_id", "impact_reports", ["submitted_by_token_id"])
    op.create_index("ix_impact_reports_verified_by_token_id", "impact_reports", ["verified_by_token_id"])


# The member filter of the tiles reads memberships: a change to them must invalidate cached tiles too.
MEMBERSHIP_BUMP_TRIGGER_SQL = """
CREATE TRIGGER memberships_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH STATEMENT EXECUTE FUNCTION organisations_bump_data_version()
"""


def upgrade() -> None:
    op.execute(MEMBERSHIP_BUMP_TRIGGER_SQL)
    _cluster_columns()
    _cluster_inquiries()
    _impact_reports()


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS memberships_bump_data_version ON memberships")
    op.drop_table("impact_reports")
    op.drop_table("cluster_inquiries")
    for column in ("linked_organisations", "eccp_registered_on", "founded_on", "programme_since"):
        op.drop_column("clusters", column)
