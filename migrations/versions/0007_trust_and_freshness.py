"""Trust and freshness: revisions, one-time links, claims, reminders, subscriptions, embed sites,
duplicates flagged on submissions, and the organisations' opening hours, claim and freshness columns.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")


def _timestamp(name: str, *, default: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=NOW if default else None,
                     nullable=not default)


def _organisation_columns() -> None:
    op.add_column("organisations", sa.Column("opening_hours", sa.Text(), nullable=True))
    op.add_column("organisations", _timestamp("claimed_at"))
    op.add_column("organisations", _timestamp("last_confirmed_at"))
    op.add_column("organisations", _timestamp("stale_since"))
    op.add_column("organisations", sa.Column("merged_into_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(op.f("fk_organisations_merged_into_id_organisations"), "organisations",
                          "organisations", ["merged_into_id"], ["id"], ondelete="SET NULL")
    # Without it, deleting an organisation scans the whole table for rows merged into it.
    op.create_index("ix_organisations_merged_into_id", "organisations", ["merged_into_id"],
                    postgresql_where=sa.text("merged_into_id IS NOT NULL"))


def _revisions_and_links() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("actor_token_id", sa.BigInteger(), nullable=True),
        _timestamp("occurred_at", default=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_revisions_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["actor_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_revisions_actor_token_id_api_tokens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    op.create_index("ix_revisions_organisation_id_id", "revisions", ["organisation_id", "id"])
    op.create_index("ix_revisions_actor_token_id", "revisions", ["actor_token_id"])
    op.create_table(
        "one_time_links",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.BigInteger(), nullable=False),
        _timestamp("created_at", default=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        _timestamp("used_at"),
        sa.CheckConstraint("purpose IN ('claim', 'freshness', 'subscription_confirm', 'unsubscribe')",
                           name=op.f("ck_one_time_links_known_purpose")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_one_time_links_token_hash")),
    )


def _claims_and_reminders() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("claimant_name", sa.Text(), nullable=False),
        sa.Column("claimant_email", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("route", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("decided_at"),
        sa.Column("decided_by_token_id", sa.BigInteger(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("member_token_id", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("route IN ('email', 'review')", name=op.f("ck_claims_known_route")),
        sa.CheckConstraint("status IN ('pending', 'confirmed', 'rejected')", name=op.f("ck_claims_known_status")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_claims_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["decided_by_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_claims_decided_by_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["member_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_claims_member_token_id_api_tokens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index("ix_claims_organisation_id", "claims", ["organisation_id"])
    op.create_index("ix_claims_status_id", "claims", ["status", "id"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        _timestamp("sent_at", default=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_reminders_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("organisation_id", "period", name=op.f("uq_reminders_organisation_id_period")),
    )


def _subscriptions() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("area", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("filters", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=2), server_default="en", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("confirmed_at"),
        _timestamp("unsubscribed_at"),
        _timestamp("last_digest_at"),
        sa.CheckConstraint("frequency IN ('daily', 'weekly')", name=op.f("ck_subscriptions_known_frequency")),
        sa.CheckConstraint("status IN ('pending', 'active', 'unsubscribed')",
                           name=op.f("ck_subscriptions_known_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
    )
    op.create_index("ix_subscriptions_status_frequency", "subscriptions", ["status", "frequency"])
    op.create_table(
        "digests",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("subscription_id", sa.BigInteger(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        _timestamp("sent_at", default=True),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscriptions.id"], ondelete="CASCADE",
                                name=op.f("fk_digests_subscription_id_subscriptions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digests")),
        sa.UniqueConstraint("subscription_id", "period", name=op.f("uq_digests_subscription_id_period")),
    )


def _embeds_and_duplicates() -> None:
    op.create_table(
        "embed_sites",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _timestamp("created_at", default=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_embed_sites")),
        sa.UniqueConstraint("origin", name=op.f("uq_embed_sites_origin")),
    )
    op.create_table(
        "submission_duplicates",
        sa.Column("submission_id", sa.BigInteger(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_submission_duplicates_submission_id_submissions")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_submission_duplicates_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("submission_id", "organisation_id", name=op.f("pk_submission_duplicates")),
    )
    op.create_index("ix_submission_duplicates_organisation_id", "submission_duplicates", ["organisation_id"])


def upgrade() -> None:
    _organisation_columns()
    _revisions_and_links()
    _claims_and_reminders()
    _subscriptions()
    _embeds_and_duplicates()


def downgrade() -> None:
    for table in ("submission_duplicates", "embed_sites", "digests", "subscriptions", "reminders", "claims",
                  "one_time_links", "revisions"):
        op.drop_table(table)
    op.drop_index("ix_organisations_merged_into_id", table_name="organisations")
    op.drop_constraint(op.f("fk_organisations_merged_into_id_organisations"), "organisations", type_="foreignkey")
    for column in ("merged_into_id", "stale_since", "last_confirmed_at", "claimed_at", "opening_hours"):
        op.drop_column("organisations", column)
