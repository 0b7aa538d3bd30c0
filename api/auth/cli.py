"""Token creation for the command line, each in its own transaction."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from api.audit import service as audit
from api.auth import service
from api.auth.models import ApiToken, Role
from api.config import Settings
from api.db import create_engine, create_sessionmaker
from api.enterprises.models import Organisation
from api.members.models import Membership


async def create_token(settings: Settings, *, name: str, role: Role, organisation_id: int | None,
                       expires_at: datetime | None) -> str:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            token, plaintext = await service.create_token(
                session, name=name, role=role, organisation_id=organisation_id, expires_at=expires_at)
            audit.record(session, actor=None, entity="api_token", entity_id=token.id, action="create",
                         changes={"name": {"before": None, "after": name},
                                  "role": {"before": None, "after": role.value}})
        return plaintext
    finally:
        await engine.dispose()


DEMO_NAMES = {Role.admin: "Demo admin (make run)", Role.member: "Demo member (make run)"}


async def issue_demo_tokens(settings: Settings, *, hours: int) -> dict[str, object]:
    """Short-lived admin and member tokens over the demo data, so that a newcomer can open the admin
    console and the members' area right after `make run`. Earlier demo tokens are revoked first, so
    that each run leaves exactly one pair alive. Refused when the database holds no demo data."""
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            organisation = (await session.execute(
                select(Organisation.id, Organisation.name)
                .join(Membership, Membership.organisation_id == Organisation.id)
                .where(Organisation.is_demo, Membership.left_on.is_(None)).order_by(Organisation.id).limit(1))).first()
            if organisation is None:
                raise ValueError("no demo data here: run `semap seed demo` first (demo tokens are for demo databases)")
            await session.execute(update(ApiToken).where(ApiToken.name.in_(DEMO_NAMES.values()),
                                                         ApiToken.revoked_at.is_(None))
                                  .values(revoked_at=func.now()))
            expires_at = datetime.now(UTC) + timedelta(hours=hours)
            issued: dict[str, object] = {"organisation": organisation.name, "expires_at": expires_at}
            for role, name in DEMO_NAMES.items():
                token, plaintext = await service.create_token(
                    session, name=name, role=role, expires_at=expires_at,
                    organisation_id=organisation.id if role == Role.member else None)
                audit.record(session, actor=None, entity="api_token", entity_id=token.id, action="create",
                             changes={"name": {"before": None, "after": name},
                                      "role": {"before": None, "after": role.value}})
                issued[role.value] = plaintext
        return issued
    finally:
        await engine.dispose()
