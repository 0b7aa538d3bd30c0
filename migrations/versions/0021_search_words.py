"""The vocabulary of the search terms: each distinct word of names and localities and in how many entries.

`search_words` holds one row per distinct `search_terms.term` with its number of entries, kept by
statement-level triggers on `search_terms` (one grouped upsert per statement, so the seed's one-statement
fill costs one aggregate, not a million upserts). Search reads it before a page (api.enterprises.words):
a typed word that is in no name or locality is corrected to its most similar word here (trigram GIN, `%`: a tenth of a
millisecond over ten thousand words, where the GiST `<->` walk took several), and of several typed words the one in the
fewest entries is the one whose postings a page walks.

Also two indexes for a list by country and sector in id order: (status, country, id), which replaces
(status, country) and walks a country's entries in id order (the list had walked the whole id range and
skipped the other countries' rows: 175 ms for Moldova), and a GIN index on (country, the NACE divisions of
the sectors) (btree_gin, a contrib extension), which the sector filter's division test uses to count a
country's entries of a sector from the index instead of testing each of the country's rows.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows in term order, so two transactions adding the same words lock them in the same order.
ADDED_SQL = """
CREATE FUNCTION search_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (term, entries)
  SELECT term, count(*) FROM new_terms GROUP BY term ORDER BY term
  ON CONFLICT (term) DO UPDATE SET entries = search_words.entries + excluded.entries;
  RETURN NULL;
END $$"""
REMOVED_SQL = """
CREATE FUNCTION search_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (SELECT term, count(*) AS n FROM old_terms GROUP BY term ORDER BY term)
  UPDATE search_words w SET entries = w.entries - gone.n FROM gone WHERE w.term = gone.term;
  DELETE FROM search_words WHERE entries <= 0;
  RETURN NULL;
END $$"""
TRUNCATED_SQL = """
CREATE FUNCTION search_words_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_words;
  RETURN NULL;
END $$"""
# search_terms rows are only inserted and deleted (the trigger of 0014 replaces a changed name's words).
TRIGGERS = {
    "search_terms_words_insert": "AFTER INSERT ON search_terms REFERENCING NEW TABLE AS new_terms "
                                 "FOR EACH STATEMENT EXECUTE FUNCTION search_words_added()",
    "search_terms_words_delete": "AFTER DELETE ON search_terms REFERENCING OLD TABLE AS old_terms "
                                 "FOR EACH STATEMENT EXECUTE FUNCTION search_words_removed()",
    "search_terms_words_truncate": "AFTER TRUNCATE ON search_terms "
                                   "FOR EACH STATEMENT EXECUTE FUNCTION search_words_truncated()",
}


DIVISIONS_SQL = """
CREATE FUNCTION semap_nace_divisions(text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT array(SELECT DISTINCT left(code, 2) FROM unnest($1) AS code ORDER BY 1)
$$"""


def upgrade() -> None:
    op.execute(DIVISIONS_SQL)
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute("CREATE INDEX ix_organisations_country_divisions ON organisations "
               "USING gin (country, semap_nace_divisions(sectors))")
    op.execute("CREATE INDEX ix_organisations_status_country_id ON organisations (status, country, id)")
    op.execute("DROP INDEX ix_organisations_status_country")
    op.execute("CREATE TABLE search_words (term text PRIMARY KEY, entries integer NOT NULL)")
    op.execute("INSERT INTO search_words (term, entries) SELECT term, count(*) FROM search_terms GROUP BY term")
    op.execute("CREATE INDEX ix_search_words_trigram ON search_words USING gin (term gin_trgm_ops)")
    for sql in (ADDED_SQL, REMOVED_SQL, TRUNCATED_SQL):
        op.execute(sql)
    for name, definition in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON search_terms")
    for function in ("search_words_added", "search_words_removed", "search_words_truncated"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.execute("DROP TABLE IF EXISTS search_words")
    op.execute("CREATE INDEX ix_organisations_status_country ON organisations (status, country)")
    op.execute("DROP INDEX IF EXISTS ix_organisations_status_country_id")
    op.execute("DROP INDEX IF EXISTS ix_organisations_country_divisions")
    op.execute("DROP EXTENSION IF EXISTS btree_gin")
    op.execute("DROP FUNCTION IF EXISTS semap_nace_divisions(text[])")
