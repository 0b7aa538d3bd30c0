"""Admin side: optimistic concurrency on memberships, and public submissions for moderation.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("memberships", sa.Column("updated_at", sa.DateTime(timezone=True),
                                           server_default=sa.text("now()"), nullable=False))
    op.add_column("memberships", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    # Member lists filter by cluster and status.
    op.create_index("ix_memberships_cluster_id_status", "memberships", ["cluster_id", "status"])

    op.create_table(
        "submissions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("submitter_name", sa.Text(), nullable=False),
        sa.Column("submitter_email", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_token_id", sa.BigInteger(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("kind IN ('new', 'correction')", name=op.f("ck_submissions_known_kind")),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f("ck_submissions_known_status")),
        sa.CheckConstraint("kind = 'new' OR organisation_id IS NOT NULL",
                           name=op.f("ck_submissions_correction_has_organisation")),
        sa.ForeignKeyConstraint(["decided_by_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_submissions_decided_by_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="SET NULL",
                                name=op.f("fk_submissions_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
    )
    op.create_index("ix_submissions_organisation_id", "submissions", ["organisation_id"])
    op.create_index("ix_submissions_status_id", "submissions", ["status", "id"])


def downgrade() -> None:
    op.drop_index("ix_submissions_status_id", table_name="submissions")
    op.drop_index("ix_submissions_organisation_id", table_name="submissions")
    op.drop_table("submissions")
    op.drop_index("ix_memberships_cluster_id_status", table_name="memberships")
    op.drop_column("memberships", "version")
    op.drop_column("memberships", "updated_at")
