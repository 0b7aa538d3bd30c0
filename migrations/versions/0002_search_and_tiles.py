"""Search and tiles: a normalised, transliterated search document with its indexes; tile and sort indexes.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# unaccent() is only STABLE (its dictionary could change); naming the dictionary explicitly makes
# the result fixed for a given input, which is what an index or a generated column needs.
IMMUTABLE_UNACCENT_SQL = """
CREATE FUNCTION semap_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT public.unaccent('public.unaccent'::regdictionary, $1)
$$"""

# Ukrainian national romanisation (KMU 2010) on lower-case text, plus the Russian letters ы э ё ъ.
# Є Ї Й Ю Я have a word-initial form (ye yi y yu ya) and another elsewhere (ie i i iu ia; an apostrophe
# does not start a word: Знам'янка → znamianka); "зг" is
# "zgh" so that it is not read as "zh". Applied before unaccent(), which would turn ё into е.
TRANSLITERATE_SQL = r"""
CREATE FUNCTION semap_transliterate(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(
      regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace($1,
        '(^|[^[:alpha:]ʼ''’])є', '\1ye', 'g'), '(^|[^[:alpha:]ʼ''’])ї', '\1yi', 'g'),
        '(^|[^[:alpha:]ʼ''’])й', '\1y', 'g'), '(^|[^[:alpha:]ʼ''’])ю', '\1yu', 'g'), '(^|[^[:alpha:]ʼ''’])я', '\1ya', 'g'),
      'зг', 'zgh'), 'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'),
      'є', 'ie'), 'ю', 'iu'), 'я', 'ia'), 'ї', 'i'), 'й', 'i'), 'ё', 'e'), 'ы', 'y'),
    'абвгґдезиіклмнопрстуфэьъʼ''’',
    'abvhgdezyiklmnoprstufe')
$$"""

# Lower case, Cyrillic romanised, Latin diacritics removed: ș ş s, ț ţ t, ă â a, î i all meet. The
# romanisation runs only on text with a Cyrillic letter: it costs several times the rest. Calls are
# schema-qualified because pg_restore computes generated columns with an empty search_path.
NORMALISE_SQL = """
CREATE FUNCTION semap_normalise(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT public.semap_unaccent(CASE WHEN $1 ~ '[Ѐ-ӿ]' THEN public.semap_transliterate(lower($1)) ELSE lower($1) END)
$$"""

# Every language's description as one text: the values as a JSON array's text (its brackets, quotes
# and commas are punctuation to both indexes) costs a tenth of aggregating jsonb_each_text().
DESCRIPTIONS_SQL = """
CREATE FUNCTION semap_descriptions(jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_path_query_array($1, '$.*')::text, '')
$$"""

# The organisation's offerings' titles and descriptions, copied onto it so that one document and
# one index answer a query (an EXISTS over a second index cannot share one ranking or one LIMIT).
OFFERINGS_TEXT_FUNCTION_SQL = """
CREATE FUNCTION organisations_refresh_offerings_text() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target bigint;
BEGIN
  FOREACH target IN ARRAY ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.organisation_id END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.organisation_id END] LOOP
    CONTINUE WHEN target IS NULL;
    UPDATE organisations SET offerings_text = coalesce((
        SELECT string_agg(concat_ws(' ', title, description), ' ' ORDER BY id)
        FROM offerings WHERE organisation_id = target), '')
      WHERE id = target;
  END LOOP;
  RETURN NULL;
END $$"""

OFFERINGS_TEXT_TRIGGER_SQL = """
CREATE TRIGGER offerings_refresh_offerings_text
  AFTER INSERT OR DELETE OR UPDATE OF title, description, organisation_id ON offerings
  FOR EACH ROW EXECUTE FUNCTION organisations_refresh_offerings_text()
"""

# Copied from api/enterprises/models.py at this revision: a migration must not change when the model does.
SEARCH_TEXT = (
    "semap_normalise(name || ' ' || coalesce(locality, '') || ' ' || semap_descriptions(description) || ' ' "
    "|| offerings_text)")
SEARCH_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, semap_normalise(name)), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, semap_normalise(coalesce(locality, '') || ' ' "
    "|| semap_descriptions(description) || ' ' || offerings_text)), 'B')"
)


# Tiles: a version per table, bumped once per writing statement in the writer's transaction (so it
# changes exactly when committed data does, in every worker), which also empties the tile cache.
BUMP_ORGANISATIONS_VERSION_SQL = """
CREATE FUNCTION organisations_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1, changed_at = now() WHERE name = 'organisations';
  DELETE FROM tile_cache;
  RETURN NULL;
END $$"""

BUMP_ORGANISATIONS_VERSION_TRIGGER_SQL = """
CREATE TRIGGER organisations_bump_data_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION organisations_bump_data_version()
"""


def create_tile_versioning() -> None:
    op.create_table("data_versions",
                    sa.Column("name", sa.String(length=40), nullable=False),
                    sa.Column("version", sa.BigInteger(), server_default="1", nullable=False),
                    sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                              nullable=False),
                    sa.PrimaryKeyConstraint("name", name=op.f("pk_data_versions")))
    op.execute("INSERT INTO data_versions (name) VALUES ('organisations')")
    op.create_table("tile_cache",
                    sa.Column("key", sa.String(length=64), nullable=False),
                    sa.Column("version", sa.BigInteger(), nullable=False),
                    sa.Column("body", sa.LargeBinary(), nullable=False),
                    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                              nullable=False),
                    sa.PrimaryKeyConstraint("key", name=op.f("pk_tile_cache")),
                    prefixes=["UNLOGGED"])
    op.execute(BUMP_ORGANISATIONS_VERSION_SQL)
    op.execute(BUMP_ORGANISATIONS_VERSION_TRIGGER_SQL)


def drop_tile_versioning() -> None:
    op.execute("DROP TRIGGER IF EXISTS organisations_bump_data_version ON organisations")
    op.execute("DROP FUNCTION IF EXISTS organisations_bump_data_version()")
    op.drop_table("tile_cache")
    op.drop_table("data_versions")


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in (IMMUTABLE_UNACCENT_SQL, TRANSLITERATE_SQL, NORMALISE_SQL, DESCRIPTIONS_SQL):
        op.execute(statement)
    op.add_column("organisations", sa.Column("offerings_text", sa.Text(), server_default="", nullable=False))
    op.add_column("organisations", sa.Column("search_text", sa.Text(), sa.Computed(SEARCH_TEXT, persisted=True),
                                             nullable=False))
    op.add_column("organisations", sa.Column(
        "search_vector", sa.dialects.postgresql.TSVECTOR(), sa.Computed(SEARCH_VECTOR, persisted=True),
        nullable=False))
    op.execute(OFFERINGS_TEXT_FUNCTION_SQL)
    op.execute(OFFERINGS_TEXT_TRIGGER_SQL)
    op.execute("""UPDATE organisations o SET offerings_text = s.text FROM (
        SELECT organisation_id, string_agg(concat_ws(' ', title, description), ' ' ORDER BY id) AS text
        FROM offerings GROUP BY organisation_id) s WHERE s.organisation_id = o.id""")
    op.create_index("ix_organisations_search_text", "organisations", ["search_text"],
                    postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"})
    op.create_index("ix_organisations_search_vector", "organisations", ["search_vector"], postgresql_using="gin")
    op.create_index("ix_organisations_name_id", "organisations", ["name", "id"])
    op.create_index("ix_organisations_status_region_code", "organisations", ["status", "region_code"])
    # Vector tiles clip in Web Mercator: index the projected point so a tile's && uses it.
    op.execute("CREATE INDEX ix_organisations_location_3857 ON organisations "
               "USING gist (ST_Transform(location, 3857))")
    create_tile_versioning()


def downgrade() -> None:
    drop_tile_versioning()
    op.execute("DROP INDEX IF EXISTS ix_organisations_location_3857")
    op.drop_index("ix_organisations_status_region_code", table_name="organisations")
    op.drop_index("ix_organisations_name_id", table_name="organisations")
    op.drop_index("ix_organisations_search_vector", table_name="organisations")
    op.drop_index("ix_organisations_search_text", table_name="organisations")
    op.execute("DROP TRIGGER IF EXISTS offerings_refresh_offerings_text ON offerings")
    op.execute("DROP FUNCTION IF EXISTS organisations_refresh_offerings_text()")
    op.drop_column("organisations", "search_vector")
    op.drop_column("organisations", "search_text")
    op.drop_column("organisations", "offerings_text")
    for function in ("semap_descriptions(jsonb)", "semap_normalise(text)", "semap_transliterate(text)",
                     "semap_unaccent(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
    op.execute("DROP EXTENSION IF EXISTS unaccent")
