"""Stored OCDS matches keep only the tender fields a match reads: drop the rest (contact points, e-mails,
phones…) that earlier versions stored and served to anyone with the match's link.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The fields api/matching/ocds.py declares, on the tender and on each item; anything else goes.
STRIP_UNREAD_TENDER_FIELDS = """
UPDATE matches SET need = jsonb_set(need, '{tender}', (
    SELECT coalesce(jsonb_object_agg(key, CASE WHEN key = 'items' AND jsonb_typeof(value) = 'array' THEN (
        SELECT coalesce(jsonb_agg((
            SELECT coalesce(jsonb_object_agg(item_key, item_value), '{}'::jsonb)
            FROM jsonb_each(CASE WHEN jsonb_typeof(item) = 'object' THEN item ELSE '{}'::jsonb END)
                 AS fields(item_key, item_value)
            WHERE item_key IN ('classification', 'additionalClassifications', 'quantity', 'deliveryLocation',
                               'deliveryAddress'))), '[]'::jsonb)
        FROM jsonb_array_elements(value) AS items(item)) ELSE value END), '{}'::jsonb)
    FROM jsonb_each(need -> 'tender')
    WHERE key IN ('title', 'items', 'value', 'tenderPeriod', 'contractPeriod')))
WHERE source = 'ocds' AND jsonb_typeof(need -> 'tender') = 'object'
"""


def upgrade() -> None:
    op.execute(STRIP_UNREAD_TENDER_FIELDS)


def downgrade() -> None:
    pass  # what was dropped is gone; the schema is unchanged
