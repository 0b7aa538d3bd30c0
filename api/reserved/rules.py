"""Reserved contracts by law: which legal bases let a buyer of a country reserve a contract, and who qualifies.

A buyer reserves a contract under its own country's law, so eligibility is always judged by the BUYER's
country: a Romanian buyer's reserved contract is open to the operators that Romanian law names, whatever
country the match is run from. Each basis says which suppliers' countries its authorisations can come
from (a Romanian authorisation under Law 448/2006 or Law 219/2015 is issued to organisations in Romania)
and the minimum share of disabled or disadvantaged employees it requires.

- EU, Directive 2014/24/EU, art. 20: member states may reserve contracts for sheltered workshops and
  economic operators whose main aim is the social and professional integration of disabled or
  disadvantaged persons, provided at least 30% of their employees are such persons. It binds member
  states through their transposition, so it is modelled through Romania's law, not as a basis of its own.
- Romania, Law 98/2016, art. 56 (transposing art. 20): authorised protected units (Law 448/2006) and
  social insertion enterprises (Law 219/2015), at least 30% of employees disabled or disadvantaged.
- Moldova, Law 131/2015 on public procurement: amended in 2018 (Law 169/2018) to transpose Directive
  2014/24/EU, but we could not confirm the text of a reserved-contracts article or who may use it; the
  older regime (Law 96/2007 and Government Decision 891/2008, enterprises of organisations of disabled
  persons with at least 50% disabled staff) was repealed with Law 96/2007. No basis is modelled.
- Ukraine, Law No. 922-VIII "On Public Procurement": we found no provision reserving contracts for
  sheltered workshops or social enterprises. No basis is modelled.

A country without a modelled basis answers "reserved only" with a 422 that says so, rather than with a
list that would look like legal advice.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class RuleStatus(StrEnum):
    modelled = "modelled"
    unconfirmed = "unconfirmed"
    none_found = "none_found"


@dataclass(frozen=True)
class LegalBasis:
    code: str
    buyer_country: str
    law: str
    supplier_countries: tuple[str, ...]
    min_share_pct: Decimal
    title: dict[str, str]


@dataclass(frozen=True)
class CountryRule:
    country: str
    status: RuleStatus
    law: str
    note: str
    bases: tuple[LegalBasis, ...] = ()


RO_PROTECTED_UNIT = LegalBasis(
    code="ro_protected_unit", buyer_country="RO", law="Law 98/2016, art. 56; Law 448/2006",
    supplier_countries=("RO",), min_share_pct=Decimal(30),
    title={"ro": "Unitate protejată autorizată (Legea 448/2006), art. 56 din Legea 98/2016",
           "en": "Authorised protected unit (Law 448/2006), art. 56 of Law 98/2016",
           "uk": "Авторизований захищений підрозділ (Закон 448/2006), ст. 56 Закону 98/2016",
           "ru": "Авторизованное защищённое подразделение (Закон 448/2006), ст. 56 Закона 98/2016"})
RO_SOCIAL_INSERTION = LegalBasis(
    code="ro_social_insertion", buyer_country="RO", law="Law 98/2016, art. 56; Law 219/2015",
    supplier_countries=("RO",), min_share_pct=Decimal(30),
    title={"ro": "Întreprindere socială de inserție (Legea 219/2015), art. 56 din Legea 98/2016",
           "en": "Social insertion enterprise (Law 219/2015), art. 56 of Law 98/2016",
           "uk": "Соціальне підприємство інтеграції (Закон 219/2015), ст. 56 Закону 98/2016",
           "ru": "Социальное предприятие интеграции (Закон 219/2015), ст. 56 Закона 98/2016"})

RULES: dict[str, CountryRule] = {
    "RO": CountryRule("RO", RuleStatus.modelled, "Law 98/2016, art. 56 (Directive 2014/24/EU, art. 20)",
                      "Reserved for authorised protected units and social insertion enterprises with at least 30% "
                      "disabled or disadvantaged employees.", (RO_PROTECTED_UNIT, RO_SOCIAL_INSERTION)),
    "MD": CountryRule("MD", RuleStatus.unconfirmed, "Law 131/2015 on public procurement",
                      "We could not confirm a reserved-contracts rule in the law in force; none is applied."),
    "UA": CountryRule("UA", RuleStatus.none_found, "Law No. 922-VIII on public procurement",
                      "The law has no provision reserving contracts for sheltered workshops or social enterprises."),
}
BASES: dict[str, LegalBasis] = {basis.code: basis for rule in RULES.values() for basis in rule.bases}


def bases_for_buyer(country: str | None) -> tuple[LegalBasis, ...]:
    """The legal bases under which a buyer of this country may reserve a contract (none: no rule modelled)."""
    rule = RULES.get(country or "")
    return rule.bases if rule is not None else ()


def qualifies(basis: LegalBasis, *, supplier_country: str, share_pct: Decimal) -> bool:
    """Whether evidence of this share, held by a supplier of this country, meets the basis."""
    return supplier_country in basis.supplier_countries and share_pct >= basis.min_share_pct
