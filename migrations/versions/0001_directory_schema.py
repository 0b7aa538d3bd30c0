"""Directory schema: organisations, offerings, clusters, memberships, regions, tokens, audit.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 13:13:58.021155
"""

from collections.abc import Sequence

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from api.geo.boundaries import read_region_features

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The unit that contains the point; a point just outside every unit of its country (a coast,
# a river border) takes the nearest unit within 30 km; farther away it has no region.
REGION_OF_SQL = """
CREATE FUNCTION region_of(point geometry, country_code text) RETURNS varchar
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    (SELECT code FROM regions
      WHERE country = country_code AND ST_Intersects(geom, point) ORDER BY code LIMIT 1),
    (SELECT code FROM (SELECT code, geom FROM regions WHERE country = country_code
                        ORDER BY geom <-> point LIMIT 1) nearest
      WHERE ST_DWithin(nearest.geom::geography, point::geography, 30000)))
$$"""

SET_REGION_FUNCTION_SQL = """
CREATE FUNCTION organisations_set_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.region_code := region_of(NEW.location, NEW.country);
  RETURN NEW;
END $$"""

SET_REGION_TRIGGER_SQL = """
CREATE TRIGGER organisations_set_region BEFORE INSERT OR UPDATE OF location, country ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_set_region();
"""


def insert_regions() -> None:
    regions = sa.table("regions", sa.column("code"), sa.column("country"), sa.column("name_ro"),
                       sa.column("name_en"), sa.column("name_uk"), sa.column("name_ru"), sa.column("geom"))
    for feature in read_region_features():
        op.execute(regions.insert().values(
            **{key: feature[key] for key in ("code", "country", "name_ro", "name_en", "name_uk", "name_ru")},
            geom=sa.func.ST_Multi(sa.func.ST_GeomFromGeoJSON(feature["geometry_json"])),
        ))


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table('clusters',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('countries', sa.ARRAY(sa.String(length=2)), server_default='{}', nullable=False),
    sa.Column('description', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('eccp_url', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clusters')),
    sa.UniqueConstraint('slug', name=op.f('uq_clusters_slug'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name_ro', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('name_uk', sa.Text(), nullable=False),
    sa.Column('name_ru', sa.Text(), nullable=False),
    sa.Column('geom', geoalchemy2.types.Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.CheckConstraint("code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'", name=op.f('ck_regions_iso_3166_2_code')),
    sa.CheckConstraint('country = left(code, 2)', name=op.f('ck_regions_code_matches_country')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_index(op.f('ix_regions_country'), 'regions', ['country'], unique=False)
    op.create_index('ix_regions_geom', 'regions', ['geom'], unique=False, postgresql_using='gist')
    op.create_table('organisations',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('legal_form', sa.Text(), nullable=True),
    sa.Column('registration_code', sa.String(length=40), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region_code', sa.String(length=8), server_default=sa.FetchedValue(), nullable=True),
    sa.Column('locality', sa.Text(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('location', geoalchemy2.types.Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('website', sa.Text(), nullable=True),
    sa.Column('contact_person', sa.Text(), nullable=True),
    sa.Column('languages', sa.ARRAY(sa.String(length=8)), server_default='{}', nullable=False),
    sa.Column('description', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('founded_year', sa.SmallInteger(), nullable=True),
    sa.Column('employees_total', sa.Integer(), server_default='0', nullable=False),
    sa.Column('employees_vulnerable', sa.Integer(), server_default='0', nullable=False),
    sa.Column('annual_turnover_eur', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('impact_areas', sa.ARRAY(sa.String(length=40)), server_default='{}', nullable=False),
    sa.Column('beneficiary_groups', sa.ARRAY(sa.String(length=40)), server_default='{}', nullable=False),
    sa.Column('sectors', sa.ARRAY(sa.String(length=8)), server_default='{}', nullable=False),
    sa.Column('certifications', sa.ARRAY(sa.String(length=60)), server_default='{}', nullable=False),
    sa.Column('service_radius_km', sa.Numeric(precision=7, scale=1), nullable=True),
    sa.Column('service_countries', sa.ARRAY(sa.String(length=2)), server_default='{}', nullable=False),
    sa.Column('reserved_contract_eligible', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('status', sa.String(length=16), server_default='draft', nullable=False),
    sa.Column('verified', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('is_demo', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("country IN ('RO', 'MD', 'UA')", name=op.f('ck_organisations_known_country')),
    sa.CheckConstraint("kind IN ('social_enterprise', 'public_authority', 'educational_institution', 'ngo', 'company', 'financial_institution')", name=op.f('ck_organisations_known_kind')),
    sa.CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_organisations_slug_format')),
    sa.CheckConstraint("status IN ('draft', 'pending', 'published', 'suspended', 'archived')", name=op.f('ck_organisations_known_status')),
    sa.CheckConstraint('ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90', name=op.f('ck_organisations_coordinates_in_range')),
    sa.CheckConstraint('annual_turnover_eur >= 0', name=op.f('ck_organisations_turnover_non_negative')),
    sa.CheckConstraint('employees_total >= 0', name=op.f('ck_organisations_employees_total_non_negative')),
    sa.CheckConstraint('employees_vulnerable >= 0 AND employees_vulnerable <= employees_total', name=op.f('ck_organisations_employees_vulnerable_within_total')),
    sa.CheckConstraint('founded_year BETWEEN 1800 AND 2100', name=op.f('ck_organisations_founded_year_plausible')),
    sa.CheckConstraint('service_radius_km > 0', name=op.f('ck_organisations_service_radius_positive')),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_organisations_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('country', 'registration_code', name=op.f('uq_organisations_country_registration_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_organisations_slug'))
    )
    op.create_index('ix_organisations_location', 'organisations', ['location'], unique=False, postgresql_using='gist')
    op.create_index(op.f('ix_organisations_region_code'), 'organisations', ['region_code'], unique=False)
    op.create_index('ix_organisations_status_country', 'organisations', ['status', 'country'], unique=False)
    # Distances in metres on the spheroid use the geography cast; index it so ST_DWithin can.
    op.execute("CREATE INDEX ix_organisations_location_geog ON organisations USING gist ((location::geography))")
    op.execute(REGION_OF_SQL)
    op.execute(SET_REGION_FUNCTION_SQL)
    op.execute(SET_REGION_TRIGGER_SQL)
    op.create_table('api_tokens',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('organisation_id', sa.BigInteger(), nullable=True),
    sa.Column('lookup_id', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role <> 'member' OR organisation_id IS NOT NULL", name=op.f('ck_api_tokens_member_has_organisation')),
    sa.CheckConstraint("role IN ('admin', 'editor', 'member', 'integration')", name=op.f('ck_api_tokens_known_role')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_api_tokens_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('lookup_id', name=op.f('uq_api_tokens_lookup_id'))
    )
    op.create_index(op.f('ix_api_tokens_organisation_id'), 'api_tokens', ['organisation_id'], unique=False)
    op.create_table('memberships',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('cluster_id', sa.BigInteger(), nullable=False),
    sa.Column('organisation_id', sa.BigInteger(), nullable=False),
    sa.Column('role', sa.String(length=20), server_default='member', nullable=False),
    sa.Column('status', sa.String(length=16), server_default='active', nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("role IN ('member', 'founding_member', 'coordinator', 'partner')", name=op.f('ck_memberships_known_role')),
    sa.CheckConstraint("status IN ('active', 'suspended', 'ended')", name=op.f('ck_memberships_known_status')),
    sa.CheckConstraint('left_on IS NULL OR left_on >= joined_on', name=op.f('ck_memberships_left_after_joined')),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], name=op.f('fk_memberships_cluster_id_clusters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_memberships_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships'))
    )
    op.create_index(op.f('ix_memberships_organisation_id'), 'memberships', ['organisation_id'], unique=False)
    op.create_index('uq_memberships_open', 'memberships', ['cluster_id', 'organisation_id'], unique=True, postgresql_where=sa.text('left_on IS NULL'))
    op.create_table('offerings',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('organisation_id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('cpv_codes', sa.ARRAY(sa.String(length=10)), server_default='{}', nullable=False),
    sa.Column('delivery_mode', sa.String(length=16), server_default='delivery', nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('min_order_quantity', sa.Integer(), nullable=True),
    sa.Column('max_order_quantity', sa.Integer(), nullable=True),
    sa.Column('quantity_unit', sa.String(length=40), nullable=True),
    sa.Column('min_order_value_eur', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('price_from_eur', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("delivery_mode IN ('pickup', 'delivery', 'shipping', 'on_site', 'remote')", name=op.f('ck_offerings_known_delivery_mode')),
    sa.CheckConstraint('lead_time_days >= 0', name=op.f('ck_offerings_lead_time_non_negative')),
    sa.CheckConstraint('max_order_quantity >= min_order_quantity', name=op.f('ck_offerings_max_quantity_above_min')),
    sa.CheckConstraint('min_order_quantity >= 0', name=op.f('ck_offerings_min_quantity_non_negative')),
    sa.CheckConstraint('min_order_value_eur >= 0', name=op.f('ck_offerings_min_value_non_negative')),
    sa.CheckConstraint('price_from_eur >= 0', name=op.f('ck_offerings_price_non_negative')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_offerings_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offerings'))
    )
    op.create_index(op.f('ix_offerings_organisation_id'), 'offerings', ['organisation_id'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('actor_token_id', sa.BigInteger(), nullable=True),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('changes', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.ForeignKeyConstraint(['actor_token_id'], ['api_tokens.id'], name=op.f('fk_audit_log_actor_token_id_api_tokens'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_actor_token_id'), 'audit_log', ['actor_token_id'], unique=False)
    op.create_index('ix_audit_log_entity', 'audit_log', ['entity', 'entity_id'], unique=False)
    op.create_index('ix_audit_log_occurred_at', 'audit_log', ['occurred_at'], unique=False)
    insert_regions()


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS organisations_set_region ON organisations")
    op.execute("DROP FUNCTION IF EXISTS organisations_set_region()")
    op.execute("DROP FUNCTION IF EXISTS region_of(geometry, text)")
    op.execute("DROP INDEX IF EXISTS ix_organisations_location_geog")
    op.drop_index('ix_audit_log_occurred_at', table_name='audit_log')
    op.drop_index('ix_audit_log_entity', table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_actor_token_id'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index(op.f('ix_offerings_organisation_id'), table_name='offerings')
    op.drop_table('offerings')
    op.drop_index('uq_memberships_open', table_name='memberships', postgresql_where=sa.text('left_on IS NULL'))
    op.drop_index(op.f('ix_memberships_organisation_id'), table_name='memberships')
    op.drop_table('memberships')
    op.drop_index(op.f('ix_api_tokens_organisation_id'), table_name='api_tokens')
    op.drop_table('api_tokens')
    op.drop_index('ix_organisations_status_country', table_name='organisations')
    op.drop_index(op.f('ix_organisations_region_code'), table_name='organisations')
    op.drop_index('ix_organisations_location', table_name='organisations', postgresql_using='gist')
    op.drop_table('organisations')
    op.drop_index('ix_regions_geom', table_name='regions', postgresql_using='gist')
    op.drop_index(op.f('ix_regions_country'), table_name='regions')
    op.drop_table('regions')
    op.drop_table('clusters')
