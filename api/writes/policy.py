"""Who may write which field of an organisation: directly, as a proposal for staff, or not at all.

This table is the one place that decides it. Every path that writes an organisation asks it: the API's
create and PATCH (admins, editors, and the members' area, which is a member token on the same PATCH), the
public submission and correction form, the approval of a proposal in the moderation queue, and the import.

Fields fall into five groups:

- **moderation** (status, verified): what staff decide about an entry;
- **contact** (email, contact_person): private, and the e-mail is where a claim's one-time link goes, so
  whoever changes it can take the entry over;
- **trust** (kind, slug, country, registration_code, certifications): facts a buyer relies on (the
  buyer-match filters on kind and certifications) or that identify the entry (slug, country + registration
  code);
- **derived** (reserved_contract_eligible): follows the reserved-contract evidence that staff verified and
  that is in force (`api/reserved`), so nobody writes it: a member proposes evidence instead, and
  `api.reserved.service.sync_eligibility` keeps the column true to it;
- **profile**: everything else (name, descriptions, address and location, headcounts, sectors, service
  area, opening hours…), which the organisation knows best. The buyer-match also filters on distance and
  service area, but those describe how the organisation works and change with it; no third party vouches
  for them, unlike a certification or eligibility for reserved contracts.

Decisions on an existing organisation:

| group      | admin   | editor  | member (own) | integration | public  | import by admin | import by editor |
|------------|---------|---------|--------------|-------------|---------|-----------------|------------------|
| moderation | direct  | direct  | refused      | refused     | refused | direct          | direct           |
| contact    | direct  | propose | propose      | refused     | propose | direct          | refused          |
| trust      | direct  | propose | propose      | refused     | propose | direct          | refused          |
| profile    | direct  | direct  | direct       | refused     | propose | direct          | direct           |
| derived    | refused | refused | refused      | refused     | refused | refused         | refused          |

Creating an organisation: admins, editors and imports write every field directly (a new entry has no
owner to take over and no buyer has relied on it yet), except a derived field, which starts false; the
public proposes everything (a moderator
approves it); members and integrations cannot create one.

A proposal becomes a pending correction in the moderation queue; approving it writes it with the
approver's own rights, so a proposal touching contact or trust fields needs an admin. An import cannot
hold proposals row by row, so an editor's file that would change a contact or trust field of an existing
organisation has that row refused instead. The command line imports as an admin.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from api.auth.models import ApiToken, Role


class Decision(StrEnum):
    direct = "direct"
    propose = "propose"
    refuse = "refuse"


class Writer(StrEnum):
    """Who writes, by role and by path."""

    admin = "admin"
    editor = "editor"
    member = "member"
    integration = "integration"
    public = "public"
    import_admin = "import_admin"
    import_editor = "import_editor"


MODERATION_FIELDS = frozenset({"status", "verified"})
CONTACT_FIELDS = frozenset({"email", "contact_person"})
TRUST_FIELDS = frozenset({"kind", "slug", "country", "registration_code", "certifications"})
DERIVED_FIELDS = frozenset({"reserved_contract_eligible"})
# Private: their values are shown to admins (and the organisation's own members) only.
PRIVATE_FIELDS = CONTACT_FIELDS

D, P, R = Decision.direct, Decision.propose, Decision.refuse
#                   admin editor member integration public import_admin import_editor
_ROWS = {
    "moderation": (D, D, R, R, R, D, D),
    "contact": (D, P, P, R, P, D, R),
    "trust": (D, P, P, R, P, D, R),
    "profile": (D, D, D, R, P, D, D),
    "derived": (R, R, R, R, R, R, R),
}
_ON_CREATE = {Writer.admin: D, Writer.editor: D, Writer.import_admin: D, Writer.import_editor: D,
              Writer.public: P, Writer.member: R, Writer.integration: R}
_COLUMN = {writer: index for index, writer in enumerate(Writer)}


def group_of(name: str) -> str:
    if name in MODERATION_FIELDS:
        return "moderation"
    if name in CONTACT_FIELDS:
        return "contact"
    if name in DERIVED_FIELDS:
        return "derived"
    return "trust" if name in TRUST_FIELDS else "profile"


def decide(writer: Writer, name: str, *, existing: bool = True) -> Decision:
    """The decision for one field: the table above for an existing organisation, `_ON_CREATE` for a new one."""
    if name in DERIVED_FIELDS:
        return Decision.refuse
    if not existing:
        return Decision.refuse if writer == Writer.public and name in MODERATION_FIELDS else _ON_CREATE[writer]
    return _ROWS[group_of(name)][_COLUMN[writer]]


def writer_of(token: ApiToken | None, *, importing: bool = False) -> Writer:
    """The writer a token is: no token is the public on the API, or the command line (an admin) on imports."""
    if importing:
        return Writer.import_editor if token is not None and token.role == Role.editor.value else Writer.import_admin
    if token is None:
        return Writer.public
    return Writer(token.role)


@dataclass
class SortedChanges:
    direct: dict[str, Any] = field(default_factory=dict)
    proposed: dict[str, Any] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


def sort_changes(writer: Writer, changes: dict[str, Any], current: dict[str, Any] | None) -> SortedChanges:
    """Split `changes` by decision. On an existing organisation (`current` holds its values as JSON) a field
    sent with the value it already has is no change at all, so a form that sends every field proposes
    nothing it did not edit. A new organisation's derived field sent false is its starting value, no change."""
    result = SortedChanges()
    for name, value in changes.items():
        if current is not None and name in current and same_value(current[name], value):
            continue
        if current is None and name in DERIVED_FIELDS and value is False:
            continue
        decision = decide(writer, name, existing=current is not None)
        if decision == Decision.direct:
            result.direct[name] = value
        elif decision == Decision.propose:
            result.proposed[name] = value
        else:
            result.refused.append(name)
    return result


def same_value(stored: Any, sent: Any) -> bool:
    """Equal as JSON, lists compared as sets (codes are kept de-duplicated, order carries no meaning)."""
    if isinstance(stored, list) and isinstance(sent, list):
        return set(map(str, stored)) == set(map(str, sent))
    if stored is None or sent is None or isinstance(stored, bool) or isinstance(sent, bool):
        return bool(stored == sent)
    return str(stored) == str(sent)


def needs_admin(names: list[str] | set[str], *, existing: bool = True) -> list[str]:
    """The fields among `names` an editor may not write directly: changing them needs an admin."""
    return sorted(n for n in names if decide(Writer.editor, n, existing=existing) != Decision.direct)
