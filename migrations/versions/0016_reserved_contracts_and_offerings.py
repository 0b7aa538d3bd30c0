"""Reserved contracts by law: evidence that staff verify; offerings' delivery area.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
LEGAL_BASES = "'ro_protected_unit', 'ro_social_insertion'"


def upgrade() -> None:
    op.create_table(
        "reserved_eligibilities",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("legal_basis", sa.String(length=40), nullable=False),
        sa.Column("share_disadvantaged_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("attestation_number", sa.String(length=80), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="proposed", nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("verified_by", sa.BigInteger(), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('proposed', 'verified', 'rejected')", name=op.f("ck_reserved_eligibilities_known_status")),
        sa.CheckConstraint(f"legal_basis IN ({LEGAL_BASES})", name=op.f("ck_reserved_eligibilities_known_legal_basis")),
        sa.CheckConstraint("share_disadvantaged_pct >= 0 AND share_disadvantaged_pct <= 100",
                           name=op.f("ck_reserved_eligibilities_share_is_percent")),
        sa.CheckConstraint("issued_on IS NULL OR expires_on > issued_on", name=op.f("ck_reserved_eligibilities_expires_after_issue")),
        sa.CheckConstraint("status <> 'verified' OR verified_at IS NOT NULL", name=op.f("ck_reserved_eligibilities_verified_has_time")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_reserved_eligibilities_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["verified_by"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_reserved_eligibilities_verified_by_api_tokens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserved_eligibilities")),
    )
    op.create_index("ix_reserved_eligibilities_organisation_id", "reserved_eligibilities", ["organisation_id"])
    op.create_index("ix_reserved_eligibilities_verified", "reserved_eligibilities",
                    ["organisation_id", "legal_basis", "expires_on"], postgresql_where=sa.text("status = 'verified'"))
    op.add_column("offerings", sa.Column("delivery_radius_km", sa.Numeric(6, 1), nullable=True))
    op.add_column("offerings", sa.Column("delivery_countries", postgresql.ARRAY(sa.String(length=2)),
                                         server_default="{}", nullable=False))
    op.create_check_constraint(op.f("ck_offerings_delivery_radius_positive"), "offerings", "delivery_radius_km > 0")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_offerings_delivery_radius_positive"), "offerings", type_="check")
    op.drop_column("offerings", "delivery_countries")
    op.drop_column("offerings", "delivery_radius_km")
    op.drop_index("ix_reserved_eligibilities_verified", table_name="reserved_eligibilities")
    op.drop_index("ix_reserved_eligibilities_organisation_id", table_name="reserved_eligibilities")
    op.drop_table("reserved_eligibilities")
