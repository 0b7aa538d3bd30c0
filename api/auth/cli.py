"""Token creation for the command line, in its own transaction."""

from datetime import datetime

from api.audit import service as audit
from api.auth import service
from api.auth.models import Role
from api.config import Settings
from api.db import create_engine, create_sessionmaker


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
