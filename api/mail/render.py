"""Rendering a message: subject, plain text and HTML from one template pair, in one language (Jinja2).

Each message `name` has `templates/name.txt` (which sets `subject`) and `templates/name.html` (which
extends layout.html).
Both get the caller's context and `t(key, **values)`, the catalog's words in the message's language.
Autoescape is on for the HTML only: a buyer's name or message is text there, never markup.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from api.mail.catalog import STRINGS
from api.mail.headers import single_line
from api.mail.language import DEFAULT_LANGUAGE, pick


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class UnknownTemplate(LookupError):
    pass


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("api.mail", "templates"), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def translator(language: str) -> Callable[..., str]:
    words, fallback = STRINGS[pick(language)], STRINGS[DEFAULT_LANGUAGE]

    def t(key: str, **values: Any) -> str:
        return words.get(key, fallback[key]).format(**values)

    return t


def templates() -> list[str]:
    """The names of the messages that can be rendered."""
    return sorted({name.rsplit(".", 1)[0] for name in _environment().list_templates(extensions=["txt"])})


def render(name: str, language: str, context: dict[str, Any]) -> Rendered:
    if name not in templates():
        raise UnknownTemplate(f"no e-mail template {name!r}; known: {', '.join(templates())}")
    language = pick(language)
    values = {**context, "t": translator(language), "language": language}
    environment = _environment()
    # The text template sets `subject` at its top level: one render gives the body and the subject.
    text = environment.get_template(f"{name}.txt").make_module(values)
    html = environment.get_template(f"{name}.html").render(values)
    # Optional lines (quantity, a reason …) leave blank runs behind: one empty line between paragraphs.
    body = re.sub(r"\n{3,}", "\n\n", str(text)).strip() + "\n"
    subject = getattr(text, "subject")  # noqa: B009 - a name the template defines, unknown to the type checker
    return Rendered(subject=single_line(str(subject)), text=body, html=html)
