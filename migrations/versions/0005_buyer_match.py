"""buyer match: stored matches and inquiries.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "matches",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("token_id", sa.BigInteger(), nullable=True),
        sa.Column("source", sa.String(length=16), server_default="api", nullable=False),
        sa.Column("need", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("location", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("weights", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("results", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("result_count", sa.Integer(), nullable=False),
        sa.Column("candidates_considered", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["token_id"], ["api_tokens.id"], name=op.f("fk_matches_token_id_api_tokens"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
    )
    op.create_index("ix_matches_created_at", "matches", ["created_at"])
    op.create_index(op.f("ix_matches_token_id"), "matches", ["token_id"])

    op.create_table(
        "inquiries",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=True),
        sa.Column("buyer_name", sa.Text(), nullable=False),
        sa.Column("buyer_organisation", sa.Text(), nullable=True),
        sa.Column("buyer_email", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("wanted_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("emailed", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('open', 'replied', 'won', 'lost')", name=op.f("ck_inquiries_known_status")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_inquiries_quantity_positive")),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], name=op.f("fk_inquiries_match_id_matches"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_inquiries_organisation_id_organisations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inquiries")),
    )
    op.create_index(op.f("ix_inquiries_match_id"), "inquiries", ["match_id"])
    op.create_index("ix_inquiries_organisation_id_created_at", "inquiries", ["organisation_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_inquiries_organisation_id_created_at", table_name="inquiries")
    op.drop_index(op.f("ix_inquiries_match_id"), table_name="inquiries")
    op.drop_table("inquiries")
    op.drop_index(op.f("ix_matches_token_id"), table_name="matches")
    op.drop_index("ix_matches_created_at", table_name="matches")
    op.drop_table("matches")
