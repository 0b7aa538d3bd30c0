"""Sites allowed to embed the map (CSP frame-ancestors of /embed)."""


from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class EmbedSite(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "embed_sites"

    # A serialised origin: scheme://host[:port], lower case, no path.
    origin: Mapped[str] = mapped_column(Text, unique=True)
    note: Mapped[str | None] = mapped_column(Text)
