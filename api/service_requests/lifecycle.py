"""The service-request lifecycle as an explicit transition table, and who may take each step.

    submitted → triaged → in_progress → resolved → closed
    submitted | triaged → rejected            (staff, with a reason)
    submitted | triaged → cancelled           (the requester)
    resolved → in_progress                    (the requester reopens, within 30 days of resolution)
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from api.service_requests.models import RequestStatus as S


class Actor(StrEnum):
    """The part a caller plays on one request."""

    staff = "staff"
    requester = "requester"
    collaborator = "collaborator"


@dataclass(frozen=True)
class Transition:
    source: S
    target: S
    by: Actor
    reason_required: bool = False
    # Only within this long after the request was resolved (the requester's reopen).
    window: timedelta | None = None


REOPEN_WINDOW = timedelta(days=30)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.submitted, S.triaged, Actor.staff),
    Transition(S.triaged, S.in_progress, Actor.staff),
    Transition(S.in_progress, S.resolved, Actor.staff),
    Transition(S.resolved, S.closed, Actor.staff),
    Transition(S.submitted, S.rejected, Actor.staff, reason_required=True),
    Transition(S.triaged, S.rejected, Actor.staff, reason_required=True),
    Transition(S.submitted, S.cancelled, Actor.requester),
    Transition(S.triaged, S.cancelled, Actor.requester),
    Transition(S.resolved, S.in_progress, Actor.requester, window=REOPEN_WINDOW),
)

OPEN_STATES = frozenset({S.submitted, S.triaged, S.in_progress})
FINAL_STATES = frozenset({S.closed, S.rejected, S.cancelled})


def _usable(transition: Transition, *, resolved_at: datetime | None, now: datetime) -> bool:
    if transition.window is None:
        return True
    return resolved_at is not None and now - resolved_at <= transition.window


def allowed_targets(status: str, actor: Actor, *, resolved_at: datetime | None, now: datetime) -> list[str]:
    """The states this caller may move a request in `status` to, right now."""
    return [t.target.value for t in TRANSITIONS
            if t.source == status and t.by == actor and _usable(t, resolved_at=resolved_at, now=now)]


def find(status: str, target: str, actor: Actor, *, resolved_at: datetime | None,
         now: datetime) -> Transition | None:
    """The transition the caller may take from `status` to `target`, or None."""
    for transition in TRANSITIONS:
        if (transition.source == status and transition.target == target and transition.by == actor
                and _usable(transition, resolved_at=resolved_at, now=now)):
            return transition
    return None


def explain_refusal(status: str, target: str, actor: Actor, *, resolved_at: datetime | None,
                    now: datetime) -> str:
    """Why a transition is not allowed, in words a caller can act on."""
    if status == target:
        return f"The request is already {status}."
    takers = {t.by for t in TRANSITIONS if t.source == status and t.target == target}
    if not takers:
        return f"A request cannot go from {status} to {target}."
    if actor not in takers:
        who = " or ".join(sorted(f"the {a.value}" for a in takers))
        return f"Only {who} may move a request from {status} to {target}."
    return (f"A resolved request can be reopened only within {REOPEN_WINDOW.days} days of its resolution; "
            "file a new request instead.")
