"""Shared pages carry their title, description, Open Graph and Twitter tags and JSON-LD in the HTML the server
sends (read here with an HTML parser, no browser); sitemap.xml and robots.txt."""

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.config import Settings
from api.main import create_app
from api.share.pages import COUNTRY
from tests.conftest import enterprise_body, wire_app
from tests.factories import make_cluster, make_member, make_organisation

INDEX = """<!doctype html>
<html lang="ro">
  <head>
    <meta charset="utf-8" />
    <meta name="description" content="Harta întreprinderilor sociale din România, Republica Moldova și Ucraina." />
    <title>Harta întreprinderilor sociale</title>
  </head>
  <body><div id="app"></div><script type="module" src="/assets/index.js"></script></body>
</html>"""
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class Head(HTMLParser):
    """What a link preview reads: <html lang>, <title>, <meta>, <link> and the JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self.scripts = 0
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script":
            self.scripts += 1
            self._in = "jsonld" if a.get("type") == "application/ld+json" else "script"
            if self._in == "jsonld":
                self.jsonld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld[-1] += data

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]


def parse(page: str) -> Head:
    head = Head()
    head.feed(page)
    return head


@pytest.fixture
async def site(settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession],
               tmp_path: Path) -> AsyncIterator[AsyncClient]:
    """The app serving a minimal SPA build (index.html only), as deployed, at https://map.example."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path, "public_base_url": "https://map.example"}))
    wire_app(app, engine, sessionmaker)
    async with AsyncClient(transport=ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test") as c:
        yield c


async def _member(session: AsyncSession) -> Any:
    """The first of two published members of a cluster of the test's own."""
    cluster = await make_cluster(session)
    first = await make_organisation(session)
    await make_member(session, cluster=cluster, organisation=first)
    await make_member(session, cluster=cluster)
    await session.commit()
    return SimpleNamespace(slug=first.slug, name=first.name, locality=first.locality, country=first.country,
                           cluster=cluster.slug, cluster_name=cluster.name)


async def test_an_enterprise_link_shows_its_name_and_place(site: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    response = await site.get(f"/e/{member.slug}", params={"lang": "en"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    head = parse(response.text)
    assert head.lang == "en"
    country = COUNTRY[member.country]["en"]
    assert head.title == f"{member.name} — {member.locality}, {country} | Social Enterprise Map"
    assert head.one("og:title").startswith(member.name) and member.locality in head.one("og:title")
    assert head.one("og:url") == f"https://map.example/e/{member.slug}?lang=en"
    assert head.one("og:site_name") == "Social Enterprise Map" and head.one("og:locale") == "en_GB"
    assert head.one("twitter:card") == "summary" and head.one("twitter:title") == head.one("og:title")
    assert head.one("description") == head.one("og:description") and member.locality in head.one("description")
    assert {link["hreflang"] for link in head.links if link.get("rel") == "alternate"} == {"ro", "en", "uk", "ru"}
    [jsonld] = head.jsonld
    node = json.loads(jsonld)
    assert (node["@context"], node["@type"], node["name"]) == ("https://schema.org", "Organization", member.name)
    assert node["memberOf"][0]["url"] == f"https://map.example/cluster/{member.cluster}"
    assert "email" not in node


async def test_the_language_follows_accept_language_then_romanian(site: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    ukrainian = parse((await site.get(f"/e/{member.slug}", headers={"Accept-Language": "de, uk;q=0.8"})).text)
    assert ukrainian.lang == "uk" and ukrainian.title.endswith("| Мапа соціальних підприємств")
    default = parse((await site.get(f"/e/{member.slug}")).text)
    assert default.lang == "ro" and default.title.endswith("| Harta întreprinderilor sociale")
    asked = parse((await site.get(f"/e/{member.slug}?lang=ru", headers={"Accept-Language": "en"})).text)
    assert asked.lang == "ru" and asked.one("og:locale") == "ru_RU"


async def test_hostile_text_is_escaped_everywhere(site: AsyncClient, client: AsyncClient,
                                                  admin_headers: dict[str, str], session: AsyncSession) -> None:
    name = 'Brutăria "Bună" <b>&</b> </script><script>alert(1)</script>'
    about = "Pâine </script><!-- <script>alert(2)</script> & more"
    created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name=name, description={"en": about}))
    assert created.status_code == 201, created.text
    await session.execute(text("UPDATE organisations SET status = 'published' WHERE id = :id"),
                          {"id": created.json()["id"]})
    page = (await site.get(f"/e/{created.json()['slug']}?lang=en")).text
    assert "<script>alert" not in page and "<!-- <script>" not in page
    head = parse(page)
    assert head.scripts == 2  # the JSON-LD and the app's own module, nothing injected
    assert head.one("og:title").startswith(name) and about in head.one("og:description")
    assert json.loads(head.jsonld[0])["name"] == name


async def test_a_cluster_link_describes_the_cluster(site: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    members = 2
    head = parse((await site.get(f"/cluster/{member.cluster}?lang=en")).text)
    assert head.title == f"{member.cluster_name} | Social Enterprise Map"
    assert head.one("og:title") == member.cluster_name and "Cluster of" in head.one("og:description")
    node = json.loads(head.jsonld[0])
    assert node["@type"] == "Organization" and node["url"] == f"https://map.example/cluster/{member.cluster}"
    assert len(node["member"]) == members and node["member"][0]["url"].startswith("https://map.example/e/")


async def test_other_pages_and_unknown_slugs_keep_the_plain_page(site: AsyncClient) -> None:
    paths = (("/", 200), ("/e/no-such-enterprise", 404), ("/cluster/no-such-cluster", 404), ("/match", 200))
    for path, status in paths:
        answer = await site.get(path)
        head = parse(answer.text)
        assert head.title == "Harta întreprinderilor sociale" and "og:title" not in head.meta and not head.jsonld
        assert answer.status_code == status, path


async def test_an_unpublished_or_merged_enterprise_link_is_a_dead_link(site: AsyncClient,
                                                                        session: AsyncSession) -> None:
    hidden = await make_organisation(session, status="pending")
    archived = await make_organisation(session, status="archived")
    await session.commit()
    for slug in (hidden.slug, archived.slug):
        answer = await site.get(f"/e/{slug}")
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html"), slug


async def test_the_sitemap_lists_every_published_enterprise_and_cluster(site: AsyncClient,
                                                                        session: AsyncSession) -> None:
    index = await site.get("/sitemap.xml")
    assert index.status_code == 200 and index.headers["content-type"].startswith("application/xml")
    sitemaps = ET.fromstring(index.content)  # noqa: S314 - our own response
    locations = [loc.text for loc in sitemaps.findall("s:sitemap/s:loc", NS)]
    assert locations[0] == "https://map.example/sitemaps/pages.xml"
    urls: dict[str, str | None] = {}
    for location in locations:
        sitemap = await site.get(location.removeprefix("https://map.example"))
        document = ET.fromstring(sitemap.content)  # noqa: S314 - our own response
        for url in document.findall("s:url", NS):
            lastmod = url.find("s:lastmod", NS)
            urls[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    published = (await session.execute(text(
        "SELECT slug, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM organisations "
        "WHERE status = 'published'"))).all()
    for slug, day in published:
        assert urls[f"https://map.example/e/{slug}"] == day
    enterprise_urls = [u for u in urls if "/e/" in u]
    assert len(enterprise_urls) == len(published)
    clusters = (await session.scalars(text("SELECT slug FROM clusters"))).all()
    assert all(urls[f"https://map.example/cluster/{slug}"] for slug in clusters)
    assert (await site.get("/sitemaps/enterprises-999999.xml")).status_code == 404


async def test_robots_txt_points_at_the_sitemap(site: AsyncClient) -> None:
    robots = await site.get("/robots.txt")
    assert robots.status_code == 200 and robots.headers["content-type"].startswith("text/plain")
    assert "Sitemap: https://map.example/sitemap.xml" in robots.text
    assert "Disallow: /admin" in robots.text and "Disallow: /member" in robots.text
