"""The head of a shared page: title, description, Open Graph and Twitter tags and the JSON-LD, put by the
server into the SPA's index.html for `/e/{slug}` and `/cluster/{slug}`, so that a link pasted into a chat
or read by a crawler describes the enterprise or cluster without running the app.

Every value is HTML-escaped; the JSON-LD is embedded with `<`, `>` and `&` as JSON escapes, so no text
in it can close the script element.
"""

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_database
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation, OrganisationStatus
from api.errors import NotFound
from api.linked_data import schema_org
from api.linked_data.service import clusters_of
from api.members.models import Cluster, Membership
from api.urls import public_base_url

LANGUAGES = ("ro", "en", "uk", "ru")
LOCALES = {"ro": "ro_RO", "en": "en_GB", "uk": "uk_UA", "ru": "ru_RU"}
SITE_NAME = {"ro": "Harta întreprinderilor sociale", "en": "Social Enterprise Map",
             "uk": "Мапа соціальних підприємств", "ru": "Карта социальных предприятий"}
COUNTRY = {"RO": {"ro": "România", "en": "Romania", "uk": "Румунія", "ru": "Румыния"},
           "MD": {"ro": "Republica Moldova", "en": "Republic of Moldova", "uk": "Республіка Молдова",
                  "ru": "Республика Молдова"},
           "UA": {"ro": "Ucraina", "en": "Ukraine", "uk": "Україна", "ru": "Украина"}}
CLUSTER_LINE = {"ro": "Cluster cu {n} membri", "en": "Cluster of {n} members", "uk": "Кластер, учасників: {n}",
                "ru": "Кластер, участников: {n}"}
DESCRIPTION_CHARS = 200
PAGE = re.compile(r"^/(e|enterprises|cluster)/([a-z0-9][a-z0-9-]{0,119})/?$")
CLUSTER_MEMBERS_IN_JSONLD = 1000


@dataclass(frozen=True)
class Head:
    title: str
    description: str
    url: str
    path: str
    jsonld: dict[str, Any]


def language(request: Request) -> str:
    """?lang= first, then the best of Accept-Language, then Romanian (the SPA's default)."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    ranked = []
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((quality, primary))
    return max(ranked, key=lambda pair: pair[0])[1] if ranked else "ro"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rstrip() + "…"


def _in(texts: dict[str, str], lang: str) -> str | None:
    return texts.get(lang) or texts.get("en") or texts.get("ro") or next(iter(texts.values()), None)


async def _enterprise(session: AsyncSession, slug: str, lang: str, base: str) -> Head | None:
    try:
        org = await enterprises.get_organisation(session, slug, staff=False)
    except NotFound:
        return None
    out = enterprises.organisation_to_out(org, private=False)
    place = ", ".join(p for p in (out.locality, COUNTRY.get(out.country, {}).get(lang)) if p)
    about = _in(out.description, lang) or ""
    path = f"/e/{out.slug}"
    return Head(title=f"{out.name} — {place}" if place else out.name,
                description=_clip(" · ".join(p for p in (place, about) if p)), url=f"{base}{path}", path=path,
                jsonld=schema_org.organisation(out, base_url=base, clusters=await clusters_of(session, org.id,
                                                                                               base=base)))


async def _cluster(session: AsyncSession, slug: str, lang: str, base: str) -> Head | None:
    cluster = await session.scalar(select(Cluster).where(Cluster.slug == slug))
    if cluster is None:
        return None
    members = (await session.execute(
        select(Organisation.slug, Organisation.name).join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.cluster_id == cluster.id, Membership.left_on.is_(None),
               Organisation.status == OrganisationStatus.published.value)
        .order_by(Organisation.name).limit(CLUSTER_MEMBERS_IN_JSONLD))).all()
    count = await session.scalar(select(func.count()).select_from(Membership).where(
        Membership.cluster_id == cluster.id, Membership.left_on.is_(None)))
    about = _in(cluster.description or {}, lang) or ""
    path = f"/cluster/{cluster.slug}"
    node: dict[str, Any] = {
        "@context": schema_org.SCHEMA_ORG, "@type": "Organization", "@id": f"{base}{path}", "url": f"{base}{path}",
        "name": cluster.name, "areaServed": cluster.countries or None, "sameAs": cluster.eccp_url or None,
        "description": about or None,
        "member": [{"@type": "Organization", "name": name, "url": f"{base}/e/{member}"} for member, name in members]
        or None}
    line = CLUSTER_LINE[lang].format(n=count)
    return Head(title=cluster.name, description=_clip(f"{line}. {about}" if about else line), url=f"{base}{path}",
                path=path, jsonld={k: v for k, v in node.items() if v is not None})


async def head_for(request: Request, session: AsyncSession, lang: str) -> Head | None:
    """The head of a shared page at the request's path, or None for any other path or an unknown slug."""
    match = PAGE.match(request.url.path)
    if match is None:
        return None
    kind, slug = match.groups()
    base = public_base_url(request)
    if kind == "cluster":
        return await _cluster(session, slug, lang, base)
    return await _enterprise(session, slug, lang, base)


def _jsonld_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, default=str)
    # Inside <script>, "</script>" or "<!--" in a value would end or confuse the element; JSON escapes are inert.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json" id="page-jsonld">{text}</script>'


def render_head(page: str, head: Head, lang: str) -> str:
    """index.html with the page's own title, description, social tags, alternates and JSON-LD."""
    e = html.escape
    site = SITE_NAME[lang]
    url = f"{head.url}?lang={lang}"
    tags = [
        f'<meta name="description" content="{e(head.description)}">',
        f'<link rel="canonical" href="{e(url)}">',
        *(f'<link rel="alternate" hreflang="{code}" href="{e(head.url)}?lang={code}">' for code in LANGUAGES),
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{e(site)}">',
        f'<meta property="og:title" content="{e(head.title)}">',
        f'<meta property="og:description" content="{e(head.description)}">',
        f'<meta property="og:url" content="{e(url)}">',
        f'<meta property="og:locale" content="{LOCALES[lang]}">',
        *(f'<meta property="og:locale:alternate" content="{LOCALES[code]}">' for code in LANGUAGES if code != lang),
        '<meta name="twitter:card" content="summary">',
        f'<meta name="twitter:title" content="{e(head.title)}">',
        f'<meta name="twitter:description" content="{e(head.description)}">',
        _jsonld_script(head.jsonld),
    ]
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{e(head.title)} | {e(site)}</title>", page,
                  count=1, flags=re.S)
    page = re.sub(r'<meta name="description"[^>]*>\s*', "", page, count=1)
    page = re.sub(r'<html lang="[a-z]+"', f'<html lang="{lang}"', page, count=1)
    return page.replace("</head>", "".join(tags) + "</head>", 1)


async def with_share_tags(request: Request, page: str) -> tuple[str, bool]:
    """The SPA's index.html for this request, with the shared page's head when the path is one; and False
    when the path names an enterprise or cluster that is not there (the server then answers 404, so that a
    dead profile or cluster link is seen as one), True otherwise."""
    if PAGE.match(request.url.path) is None:
        return page, True
    lang = language(request)
    async with read_database(request).transactional() as session:
        head = await head_for(request, session, lang)
    return (render_head(page, head, lang), True) if head is not None else (page, False)
