"""A cluster an organisation is a current member of, as the linked-data documents name it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterLink:
    name: str
    url: str  # the cluster's page on this site: the IRI that stands for it
    eccp_url: str | None
