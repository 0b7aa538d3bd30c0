"""Public submissions remember the submitter's language, so that the outcome e-mail speaks it.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("submissions", sa.Column("language", sa.String(length=2), nullable=True))
    op.create_check_constraint(op.f("ck_submissions_known_language"), "submissions", "language IN ('ro', 'en', 'uk', 'ru')")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_submissions_known_language"), "submissions", type_="check")
    op.drop_column("submissions", "language")
