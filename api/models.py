"""Every table's model, imported in one place for Alembic and the tests."""

from api.audit.models import AuditEntry
from api.auth.models import ApiToken
from api.claims.models import Claim
from api.clusters.models import ClusterInquiry
from api.db import Base
from api.duplicates.models import SubmissionDuplicate
from api.embeds.models import EmbedSite
from api.enterprises.models import Offering, Organisation
from api.freshness.models import Reminder
from api.funding.models import FundingCall
from api.geo.models import Region
from api.history.models import Revision
from api.impact.models import ImpactReport
from api.imports.models import ImportRun, OrganisationExternalId
from api.inquiries.models import Inquiry
from api.links.models import OneTimeLink
from api.matching.models import Match
from api.members.models import Cluster, Membership
from api.outbox.models import OutboxMessage
from api.outcomes.models import InquiryOutcome
from api.reserved.models import ReservedEligibility
from api.saved_needs.models import SavedNeed
from api.service_requests.models import (
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)
from api.submissions.models import Submission
from api.subscriptions.models import Digest, Subscription
from api.tenders.models import Tender, TenderLot
from api.tiles.models import DataVersion
from api.webhooks.models import WebhookDelivery, WebhookSubscription
from api.worker.models import WorkerHeartbeat, WorkerJob

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Claim",
    "Cluster",
    "ClusterInquiry",
    "DataVersion",
    "Digest",
    "EmbedSite",
    "FundingCall",
    "ImpactReport",
    "ImportRun",
    "Inquiry",
    "InquiryOutcome",
    "Match",
    "Membership",
    "Offering",
    "OneTimeLink",
    "Organisation",
    "OrganisationExternalId",
    "OutboxMessage",
    "Region",
    "Reminder",
    "ReservedEligibility",
    "Revision",
    "SavedNeed",
    "ServiceRequest",
    "ServiceRequestCollaborator",
    "ServiceRequestEvent",
    "Submission",
    "SubmissionDuplicate",
    "Subscription",
    "SupportService",
    "Tender",
    "TenderLot",
    "WebhookDelivery",
    "WebhookSubscription",
    "WorkerHeartbeat",
    "WorkerJob",
]
