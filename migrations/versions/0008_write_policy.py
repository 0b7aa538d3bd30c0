"""The write policy: proposals from members and editors in the moderation queue, and member tokens that expire.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A proposal made through the write policy names its token, not a submitter's e-mail.
    op.alter_column("submissions", "submitter_email", existing_type=sa.Text(), nullable=True)
    op.add_column("submissions", sa.Column("proposed_by_token_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(op.f("fk_submissions_proposed_by_token_id_api_tokens"), "submissions", "api_tokens",
                          ["proposed_by_token_id"], ["id"], ondelete="SET NULL")
    # Member tokens expire: the ones issued without an expiry get a year from now, never less.
    op.execute("UPDATE api_tokens SET expires_at = now() + interval '365 days' "
               "WHERE role = 'member' AND expires_at IS NULL")
    op.create_check_constraint(op.f("ck_api_tokens_member_expires"), "api_tokens",
                               "role <> 'member' OR expires_at IS NOT NULL")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_api_tokens_member_expires"), "api_tokens", type_="check")
    op.drop_constraint(op.f("fk_submissions_proposed_by_token_id_api_tokens"), "submissions", type_="foreignkey")
    op.drop_column("submissions", "proposed_by_token_id")
    op.execute("UPDATE submissions SET submitter_email = '' WHERE submitter_email IS NULL")
    op.alter_column("submissions", "submitter_email", existing_type=sa.Text(), nullable=False)
