"""Which of the platform's four languages an e-mail is written in."""

from collections.abc import Iterable

LANGUAGES = ("ro", "en", "uk", "ru")
DEFAULT_LANGUAGE = "en"
# When an organisation names no language we write in: its country's official one.
COUNTRY_LANGUAGE = {"RO": "ro", "MD": "ro", "UA": "uk"}


def pick(*candidates: str | None) -> str:
    """The first candidate that is one of our languages, else English."""
    for candidate in candidates:
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return DEFAULT_LANGUAGE


def of_organisation(languages: Iterable[str] | None, country: str | None, hint: str | None = None) -> str:
    """An organisation's first language we write in; else the page the request came from; else its country's."""
    spoken = [code for code in (languages or []) if code and code.lower() in LANGUAGES]
    return pick(*spoken, hint, COUNTRY_LANGUAGE.get(country or ""))
