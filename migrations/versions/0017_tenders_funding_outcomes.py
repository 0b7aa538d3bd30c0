"""Procurement and funding: imported OCDS tenders and their lots with their best matches, buyers' saved
needs, inquiry outcomes (the social spend), funding calls, and service requests that point at a call.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "funding_calls",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("funder", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("amount_min", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("amount_max", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("countries", postgresql.ARRAY(sa.String(length=2)), server_default="{}", nullable=False),
        sa.Column("kinds", postgresql.ARRAY(sa.String(length=32)), server_default="{}", nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.String(length=8)), server_default="{}", nullable=False),
        sa.Column("impact_areas", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False),
        sa.Column("min_employees", sa.Integer(), nullable=True),
        sa.Column("max_employees", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="draft", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('grant', 'loan', 'esf_plus', 'private_donor', 'other')", name=op.f("ck_funding_calls_known_kind")
        ),
        sa.CheckConstraint("status IN ('draft', 'published', 'archived')", name=op.f("ck_funding_calls_known_status")),
        sa.CheckConstraint(
            "amount_max IS NULL OR amount_min IS NULL OR amount_max >= amount_min",
            name=op.f("ck_funding_calls_amounts_ordered"),
        ),
        sa.CheckConstraint(
            "max_employees IS NULL OR min_employees IS NULL OR max_employees >= min_employees",
            name=op.f("ck_funding_calls_sizes_ordered"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_calls")),
    )
    op.create_index("ix_funding_calls_status_deadline", "funding_calls", ["status", "deadline"], unique=False)
    op.create_table(
        "saved_needs",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), server_default="en", nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("need", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("known_enterprise_ids", postgresql.ARRAY(sa.BigInteger()), server_default="{}", nullable=False),
        sa.Column("last_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'active', 'unsubscribed')", name=op.f("ck_saved_needs_known_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_needs")),
    )
    op.create_index("ix_saved_needs_status", "saved_needs", ["status"], unique=False)
    op.create_table(
        "tenders",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("ocid", sa.String(length=200), nullable=False),
        sa.Column("release_id", sa.String(length=200), nullable=False),
        sa.Column("release_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("buyer_name", sa.Text(), nullable=False),
        sa.Column("buyer_identifier", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("procurement_method", sa.String(length=20), nullable=True),
        sa.Column("value_amount", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_url", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenders")),
        sa.UniqueConstraint("ocid", name=op.f("uq_tenders_ocid")),
    )
    op.create_index("ix_tenders_country", "tenders", ["country"], unique=False)
    op.create_index("ix_tenders_deadline_id", "tenders", ["deadline", "id"], unique=False)
    op.create_table(
        "tender_lots",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("tender_id", sa.BigInteger(), nullable=False),
        sa.Column("lot_key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("cpv_codes", postgresql.ARRAY(sa.String(length=8)), server_default="{}", nullable=False),
        sa.Column("value_amount", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("reserved", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("reserved_for", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False),
        sa.Column("locality", sa.Text(), nullable=True),
        sa.Column("region_code", sa.String(length=6), nullable=True),
        sa.Column(
            "location",
            geoalchemy2.types.Geometry(
                geometry_type="POINT",
                srid=4326,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
            ),
            nullable=True,
        ),
        sa.Column("matches", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tenders.id"], name=op.f("fk_tender_lots_tender_id_tenders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tender_lots")),
        sa.UniqueConstraint("tender_id", "lot_key", name=op.f("uq_tender_lots_tender_id_lot_key")),
    )
    op.create_index("ix_tender_lots_cpv_codes", "tender_lots", ["cpv_codes"], unique=False, postgresql_using="gin")
    op.create_index(
        "ix_tender_lots_matches",
        "tender_lots",
        ["matches"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"matches": "jsonb_path_ops"},
    )
    op.create_index("ix_tender_lots_region_code", "tender_lots", ["region_code"], unique=False)
    op.create_index(op.f("ix_tender_lots_tender_id"), "tender_lots", ["tender_id"], unique=False)
    op.create_table(
        "inquiry_outcomes",
        sa.Column("inquiry_id", sa.BigInteger(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(outcome = 'won') = (value IS NOT NULL AND currency IS NOT NULL)",
            name=op.f("ck_inquiry_outcomes_value_when_won"),
        ),
        sa.CheckConstraint(
            "currency IS NULL OR currency IN ('EUR', 'RON', 'MDL', 'UAH')",
            name=op.f("ck_inquiry_outcomes_known_currency"),
        ),
        sa.CheckConstraint("outcome IN ('quoted', 'won', 'declined')", name=op.f("ck_inquiry_outcomes_known_outcome")),
        sa.CheckConstraint("value IS NULL OR value > 0", name=op.f("ck_inquiry_outcomes_value_positive")),
        sa.ForeignKeyConstraint(
            ["inquiry_id"], ["inquiries.id"], name=op.f("fk_inquiry_outcomes_inquiry_id_inquiries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("inquiry_id", name=op.f("pk_inquiry_outcomes")),
    )
    op.add_column("service_requests", sa.Column("funding_call_id", sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_service_requests_funding_call_id"), "service_requests", ["funding_call_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_service_requests_funding_call_id_funding_calls"),
        "service_requests",
        "funding_calls",
        ["funding_call_id"],
        ["id"],
        ondelete="SET NULL",
    )
    _link_purposes(
        "('claim', 'freshness', 'subscription_confirm', 'unsubscribe', 'saved_need_confirm', 'saved_need_stop')"
    )


def _link_purposes(allowed: str) -> None:
    op.drop_constraint(op.f("ck_one_time_links_known_purpose"), "one_time_links", type_="check")
    op.create_check_constraint(op.f("ck_one_time_links_known_purpose"), "one_time_links", f"purpose IN {allowed}")


def downgrade() -> None:
    op.execute("DELETE FROM one_time_links WHERE purpose LIKE 'saved_need_%'")
    _link_purposes("('claim', 'freshness', 'subscription_confirm', 'unsubscribe')")
    op.drop_constraint(
        op.f("fk_service_requests_funding_call_id_funding_calls"), "service_requests", type_="foreignkey"
    )
    op.drop_index(op.f("ix_service_requests_funding_call_id"), table_name="service_requests")
    op.drop_column("service_requests", "funding_call_id")
    op.drop_table("inquiry_outcomes")
    op.drop_index(op.f("ix_tender_lots_tender_id"), table_name="tender_lots")
    op.drop_index("ix_tender_lots_region_code", table_name="tender_lots")
    op.drop_index(
        "ix_tender_lots_matches",
        table_name="tender_lots",
        postgresql_using="gin",
        postgresql_ops={"matches": "jsonb_path_ops"},
    )
    op.drop_index("ix_tender_lots_cpv_codes", table_name="tender_lots", postgresql_using="gin")
    op.drop_table("tender_lots")
    op.drop_index("ix_tenders_deadline_id", table_name="tenders")
    op.drop_index("ix_tenders_country", table_name="tenders")
    op.drop_table("tenders")
    op.drop_index("ix_saved_needs_status", table_name="saved_needs")
    op.drop_table("saved_needs")
    op.drop_index("ix_funding_calls_status_deadline", table_name="funding_calls")
    op.drop_table("funding_calls")
