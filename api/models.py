"""Every table's model, imported in one place for Alembic and the tests."""

from api.audit.models import AuditEntry
from api.auth.models import ApiToken
from api.db import Base
from api.enterprises.models import Offering, Organisation
from api.geo.models import Region
from api.imports.models import ImportRun, OrganisationExternalId
from api.inquiries.models import Inquiry
from api.matching.models import Match
from api.members.models import Cluster, Membership
from api.outbox.models import OutboxMessage
from api.service_requests.models import (
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)
from api.submissions.models import Submission
from api.tiles.models import DataVersion, TileCache

__all__ = ["ApiToken", "AuditEntry", "Base", "Cluster", "DataVersion", "ImportRun", "Inquiry", "Match",
           "Membership", "Offering", "Organisation", "OrganisationExternalId", "OutboxMessage", "Region",
           "ServiceRequest", "ServiceRequestCollaborator", "ServiceRequestEvent", "Submission",
           "SupportService", "TileCache"]
