"""Search at a million: a term index of names and localities that hands out the best matches first.

`search_terms` holds one row per (word of an organisation's name or locality, organisation), with the
word's score in that entry (a word of a short name scores more than one of a long name; a locality
word less than a name word), and the entry's country. The b-tree on (term, score DESC, organisation_id) answers "the 20 best
entries with this word" by reading 20 index entries, whatever the number of entries that have it; a second one with the country first serves a search within
a country (the commonest filter, and one that a walk in score order would otherwise skip through).
A trigger keeps it in step with the organisations. Words are split by the same parser and normal form
as the search vector (semap_normalise, 'simple').

Also an index on (region_code, id) for searches that resolve to a region (gazetteer), and a GiST index
on (location, id) (btree_gist, a contrib extension) so that a bbox listed by id is a nearest-neighbour walk
`ORDER BY (id + 0) <-> 0` inside the box (the expression keeps the planner from looking up single ids
through this index, which costs twenty times the primary key's): the first page of a country-sized box reads a page of index entries
instead of every row in the box, or every row before it in id order.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME_TERMS_SQL = """
CREATE FUNCTION semap_name_terms(name text, locality text) RETURNS TABLE (term text, score real)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH name_words AS (
    SELECT tsvector_to_array(to_tsvector('simple'::regconfig, public.semap_normalise(name))) AS words
  ), locality_words AS (
    SELECT tsvector_to_array(to_tsvector('simple'::regconfig, public.semap_normalise(coalesce(locality, ''))))
           AS words
  )
  SELECT w, CAST(1.0 / (1 + 0.1 * (cardinality(n.words) - 1)) AS real) FROM name_words n, unnest(n.words) AS w
  UNION ALL
  SELECT w, CAST(0.5 AS real) FROM locality_words l, name_words n, unnest(l.words) AS w
  WHERE NOT w = ANY (n.words)
$$"""

TRIGGER_SQL = """
CREATE FUNCTION organisations_index_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM search_terms
    WHERE organisation_id = OLD.id AND term IN (SELECT t.term FROM semap_name_terms(OLD.name, OLD.locality) AS t);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_terms (term, organisation_id, score, country)
    SELECT t.term, NEW.id, t.score, NEW.country FROM semap_name_terms(NEW.name, NEW.locality) AS t;
  END IF;
  RETURN NULL;
END $$"""
TRIGGER_CREATE_SQL = """
CREATE TRIGGER organisations_index_terms AFTER INSERT OR DELETE OR UPDATE OF name, locality, country
  ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_index_terms();
"""


# A timestamp as Pydantic writes it in JSON (UTC, "Z", microseconds only when there are some), so that a
# page the database builds as JSON reads the same as one built in Python.
JSON_TIME_SQL = """
CREATE FUNCTION semap_json_time(timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
  SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
         || CASE WHEN to_char($1, 'US') = '000000' THEN '' ELSE '.' || to_char($1, 'US') END || 'Z'
$$"""


def upgrade() -> None:
    op.execute(NAME_TERMS_SQL)
    op.execute(JSON_TIME_SQL)
    # No foreign key: the trigger removes an organisation's terms, and bulk loads manage them set-wise.
    op.execute("CREATE TABLE search_terms (term text NOT NULL, organisation_id bigint NOT NULL, "
               "score real NOT NULL, country varchar(2) NOT NULL, "
               "CONSTRAINT pk_search_terms PRIMARY KEY (term, organisation_id))")
    op.execute("INSERT INTO search_terms (term, organisation_id, score, country) SELECT t.term, o.id, t.score, "
               "o.country FROM organisations o, semap_name_terms(o.name, o.locality) AS t")
    op.execute("CREATE INDEX ix_search_terms_ranked ON search_terms (term, score DESC, organisation_id)")
    op.execute("CREATE INDEX ix_search_terms_country_ranked ON search_terms "
               "(term, country, score DESC, organisation_id)")
    op.execute(TRIGGER_SQL)
    op.execute(TRIGGER_CREATE_SQL)
    op.execute("CREATE INDEX ix_organisations_region_code_id ON organisations (region_code, id)")
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute("CREATE INDEX ix_organisations_location_id ON organisations USING gist (location, (id + 0))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_organisations_location_id")
    op.execute("DROP EXTENSION IF EXISTS btree_gist")
    op.execute("DROP INDEX IF EXISTS ix_organisations_region_code_id")
    op.execute("DROP TRIGGER IF EXISTS organisations_index_terms ON organisations")
    op.execute("DROP FUNCTION IF EXISTS organisations_index_terms()")
    op.execute("DROP TABLE IF EXISTS search_terms")
    op.execute("DROP FUNCTION IF EXISTS semap_name_terms(text, text)")
    op.execute("DROP FUNCTION IF EXISTS semap_json_time(timestamptz)")
