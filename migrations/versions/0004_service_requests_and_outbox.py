"""service requests and outbox: the e-mail outbox, the support-service catalogue, service requests.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create_outbox() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("to_address", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("headers", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name=op.f("ck_outbox_messages_known_status")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outbox_messages_attempts_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_messages_dedupe_key")),
    )
    op.create_index("ix_outbox_messages_due", "outbox_messages", ["next_attempt_at", "id"], unique=False,
                    postgresql_where=sa.text("status = 'pending'"))
    op.create_index("ix_outbox_messages_status_created_at", "outbox_messages", ["status", "created_at"],
                    unique=False)


# The cluster's support services as the issue names them; admins edit them through the API later.
SUPPORT_SERVICES = [
    ("advisory",
     {"ro": "Servicii de consultanță", "en": "Advisory services", "uk": "Консультаційні послуги",
      "ru": "Консультационные услуги"},
     {"ro": "Consultanță pentru membri în management, juridic, financiar și dezvoltarea afacerii sociale.",
      "en": "Advice for members on management, legal, financial and social-business development questions.",
      "uk": "Консультації для членів з питань управління, права, фінансів і розвитку соціального бізнесу.",
      "ru": "Консультации для членов по вопросам управления, права, финансов и развития социального бизнеса."}),
    ("funding_access",
     {"ro": "Acces la finanțare publică și privată", "en": "Access to public and private funding",
      "uk": "Доступ до державного та приватного фінансування",
      "ru": "Доступ к государственному и частному финансированию"},
     {"ro": "Identificarea surselor de finanțare, pregătirea cererilor și a bugetelor, legătura cu finanțatorii.",
      "en": "Finding funding sources, preparing applications and budgets, meeting funders.",
      "uk": "Пошук джерел фінансування, підготовка заявок і бюджетів, зв'язок із донорами.",
      "ru": "Поиск источников финансирования, подготовка заявок и бюджетов, связь с донорами."}),
    ("collaboration",
     {"ro": "Facilitarea colaborării între membri", "en": "Facilitation of collaboration between members",
      "uk": "Сприяння співпраці між членами", "ru": "Содействие сотрудничеству между членами"},
     {"ro": "Punerea în legătură a membrilor pentru proiecte, achiziții și oferte comune.",
      "en": "Connecting members for joint projects, purchasing and offers.",
      "uk": "Налагодження зв'язків між членами для спільних проєктів, закупівель і пропозицій.",
      "ru": "Налаживание связей между членами для совместных проектов, закупок и предложений."}),
    ("policy_training",
     {"ro": "Instruire pentru managerii de cluster și factorii de decizie",
      "en": "Support training for cluster managers and policy makers",
      "uk": "Навчання для менеджерів кластерів і розробників політик",
      "ru": "Обучение для менеджеров кластеров и лиц, определяющих политику"},
     {"ro": "Formare despre economia socială pentru managerii de cluster și factorii de decizie.",
      "en": "Training on the social economy for cluster managers and policy makers.",
      "uk": "Навчання з соціальної економіки для менеджерів кластерів і розробників політик.",
      "ru": "Обучение социальной экономике для менеджеров кластеров и лиц, определяющих политику."}),
    ("upskilling",
     {"ro": "Perfecționare și recalificare", "en": "Upskilling and reskilling",
      "uk": "Підвищення кваліфікації та перекваліфікація", "ru": "Повышение квалификации и переподготовка"},
     {"ro": "Cursuri pentru angajații membrilor: competențe noi și recalificare.",
      "en": "Courses for members' staff: new skills and retraining.",
      "uk": "Курси для працівників членів: нові навички та перекваліфікація.",
      "ru": "Курсы для сотрудников членов: новые навыки и переподготовка."}),
    ("staff_mobility",
     {"ro": "Mobilitatea personalului și acces la formare", "en": "Staff mobility and access to training",
      "uk": "Мобільність персоналу та доступ до навчання", "ru": "Мобильность персонала и доступ к обучению"},
     {"ro": "Schimburi de personal între membri și parteneri, acces la programe de formare.",
      "en": "Staff exchanges between members and partners, and access to training programmes.",
      "uk": "Обміни персоналом між членами й партнерами, доступ до навчальних програм.",
      "ru": "Обмен персоналом между членами и партнёрами, доступ к программам обучения."}),
]


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def _updated_at() -> sa.Column:
    return sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def _create_support_services() -> None:
    table = op.create_table(
        "support_services",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("names", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("descriptions", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        _created_at(), _updated_at(),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("code ~ '^[a-z][a-z0-9_]{1,39}$'", name=op.f("ck_support_services_code_format")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_services")),
        sa.UniqueConstraint("code", name=op.f("uq_support_services_code")),
    )
    op.bulk_insert(table, [{"code": code, "names": names, "descriptions": descriptions}
                           for code, names, descriptions in SUPPORT_SERVICES])


def _create_service_requests() -> None:
    op.create_table(
        "service_requests",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("service_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("preferred_from", sa.Date(), nullable=True),
        sa.Column("preferred_to", sa.Date(), nullable=True),
        sa.Column("contact_name", sa.Text(), nullable=False),
        sa.Column("contact_email", sa.Text(), nullable=False),
        sa.Column("contact_phone", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="submitted", nullable=False),
        sa.Column("priority", sa.String(length=8), server_default="normal", nullable=False),
        sa.Column("assignee_token_id", sa.BigInteger(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("created_by_token_id", sa.BigInteger(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        _created_at(), _updated_at(),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('submitted', 'triaged', 'in_progress', 'resolved', 'closed', 'rejected', "
                           "'cancelled')", name=op.f("ck_service_requests_known_status")),
        sa.CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')",
                           name=op.f("ck_service_requests_known_priority")),
        sa.CheckConstraint("preferred_to IS NULL OR preferred_from IS NULL OR preferred_to >= preferred_from",
                           name=op.f("ck_service_requests_preferred_period_ordered")),
        sa.ForeignKeyConstraint(["assignee_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_service_requests_assignee_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["created_by_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_service_requests_created_by_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_service_requests_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["service_id"], ["support_services.id"],
                                name=op.f("fk_service_requests_service_id_support_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_requests")),
    )
    op.create_index("ix_service_requests_status_id", "service_requests", ["status", "id"])
    op.create_index("ix_service_requests_organisation_id_id", "service_requests", ["organisation_id", "id"])
    op.create_index("ix_service_requests_due_date", "service_requests", ["due_date"])
    op.create_index("ix_service_requests_service_id", "service_requests", ["service_id"])
    op.create_index("ix_service_requests_assignee_token_id", "service_requests", ["assignee_token_id"])


def _create_events_and_collaborators() -> None:
    op.create_table(
        "service_request_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("request_id", sa.BigInteger(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor_token_id", sa.BigInteger(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("actor_role", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("internal", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('created', 'transition', 'assignment', 'priority', 'due_date', 'details', "
                           "'comment', 'collaborator_added')", name=op.f("ck_service_request_events_known_kind")),
        sa.ForeignKeyConstraint(["actor_token_id"], ["api_tokens.id"], ondelete="SET NULL",
                                name=op.f("fk_service_request_events_actor_token_id_api_tokens")),
        sa.ForeignKeyConstraint(["request_id"], ["service_requests.id"], ondelete="CASCADE",
                                name=op.f("fk_service_request_events_request_id_service_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request_events")),
    )
    op.create_index("ix_service_request_events_request_id_id", "service_request_events", ["request_id", "id"])
    op.create_index("ix_service_request_events_actor_token_id", "service_request_events", ["actor_token_id"])
    op.create_table(
        "service_request_collaborators",
        sa.Column("request_id", sa.BigInteger(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_service_request_collaborators_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["request_id"], ["service_requests.id"], ondelete="CASCADE",
                                name=op.f("fk_service_request_collaborators_request_id_service_requests")),
        sa.PrimaryKeyConstraint("request_id", "organisation_id", name=op.f("pk_service_request_collaborators")),
    )
    op.create_index("ix_service_request_collaborators_organisation_id", "service_request_collaborators",
                    ["organisation_id"])


def upgrade() -> None:
    _create_outbox()
    _create_support_services()
    _create_service_requests()
    _create_events_and_collaborators()


def downgrade() -> None:
    op.drop_table("service_request_collaborators")
    op.drop_table("service_request_events")
    op.drop_table("service_requests")
    op.drop_table("support_services")
    op.drop_table("outbox_messages")
