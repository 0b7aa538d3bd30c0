"""The cluster's public page and the questions outsiders send its coordinator, through HTTP."""

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows
from tests.factories import SmallCluster, make_small_cluster

MAIN = "accelerator-of-social-enterprises"
PAGE = f"/api/v1/clusters/{MAIN}"


async def test_the_page_tells_who_runs_the_cluster_and_since_when(client: AsyncClient) -> None:
    response = await client.get(PAGE)
    assert response.status_code == 200
    page = response.json()
    assert page["coordinator"]["name"] == "Asociația ADV Romania" and page["coordinator"]["kind"] == "ngo"
    assert page["coordinator"]["since"] == "2020-01-15"
    assert (page["programme_since"], page["founded_on"], page["eccp_registered_on"]) == (
        "2019-01-01", "2020-01-15", "2021-12-01")
    assert set(page["description"]) == {"ro", "en", "uk", "ru"}
    linked = {o["name"]: o for o in page["linked_organisations"]}
    assert set(linked) == {"AFIN IFN SA", "RISE", "ENSIE", "Diesis Network"}
    assert linked["AFIN IFN SA"]["relation"] == "financing_partner" and linked["Diesis Network"]["since"] == 2022
    assert all(set(o["note"]) == {"ro", "en", "uk", "ru"} for o in linked.values())


async def test_the_page_lists_services_member_counts_and_figures(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    page = (await client.get(f"/api/v1/clusters/{small.slug}")).json()
    codes = {s["code"] for s in page["support_services"]}
    assert {"collaboration", "policy_training", "upskilling", "staff_mobility"} <= codes
    assert page["members_by_kind"] == SmallCluster.BY_KIND
    assert page["members_by_country"] == SmallCluster.BY_COUNTRY and page["member_count"] == 5
    assert page["figures"]["employees"] == SmallCluster.EMPLOYEES
    assert Decimal(page["figures"]["turnover_eur"]) == SmallCluster.TURNOVER_EUR
    assert page["coordinator"]["name"] == small.members["coordinator"].name


async def test_an_unknown_cluster_is_a_problem_404(client: AsyncClient) -> None:
    response = await client.get("/api/v1/clusters/no-such-cluster")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def inquiry(**overrides: object) -> dict[str, object]:
    return {"name": "Maria Ionescu", "organisation": "Ministerul Muncii", "email": "maria@example.org",
            "asker_role": "policy_maker", "service": "policy_training",
            "message": "A training on social procurement for our regional officers, please."} | overrides


async def test_an_outsiders_question_is_stored_and_emailed_to_the_coordinator(
        client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    response = await client.post(f"/api/v1/clusters/{small.slug}/inquiries", json=inquiry())
    assert response.status_code == 201, response.text
    sent = response.json()
    assert sent["cluster"] == small.slug and sent["service"] == "policy_training" and sent["emailed"] is True
    assert "email" not in sent  # the asker's address goes to the coordinator, never back out
    mail = (await session.execute(text(
        "SELECT to_address, subject, body_text, headers FROM outbox_messages WHERE dedupe_key = :k"),
        {"k": f"cluster-inquiry:{sent['id']}"})).one()
    assert mail.to_address == small.members["coordinator"].email
    assert mail.headers["Reply-To"] == "maria@example.org"
    assert "policy_training" in mail.body_text and "regional officers" in mail.body_text
    stored = (await session.execute(text("SELECT asker_role, email FROM cluster_inquiries WHERE id = :id"),
                                    {"id": sent["id"]})).one()
    assert tuple(stored) == ("policy_maker", "maria@example.org")


async def test_bad_questions_are_refused_and_nothing_is_stored(client: AsyncClient, session: AsyncSession) -> None:
    before = await count_rows(session, "cluster_inquiries"), await count_rows(session, "outbox_messages")
    for body, pointer in ((inquiry(service="no_such_service"), "/service"), (inquiry(email="not-an-address"), None),
                          (inquiry(asker_role="king"), None), (inquiry(message="short"), None)):
        response = await client.post(f"{PAGE}/inquiries", json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        if pointer:
            assert response.json()["errors"][0]["pointer"] == pointer
    assert (await client.post("/api/v1/clusters/nope/inquiries", json=inquiry())).status_code == 404
    after = await count_rows(session, "cluster_inquiries"), await count_rows(session, "outbox_messages")
    assert after == before


async def test_the_directory_filters_a_clusters_active_members(client: AsyncClient, session: AsyncSession,
                                                               admin_headers: dict[str, str]) -> None:
    small = await make_small_cluster(session)
    members = (await client.get("/api/v1/enterprises", params={"cluster": small.slug, "limit": 100})).json()
    assert {item["id"] for item in members["items"]} == {org.id for org in small.members.values()}
    assert members["total"] == 5
    workshop = small.members["workshop"]
    one = (await client.get("/api/v1/members", params={"cluster": small.slug, "country": "MD",
                                                       "kind": "social_enterprise"})).json()["items"][0]
    assert one["id"] == workshop.id
    version = await session.scalar(text("SELECT version FROM data_versions WHERE name = 'organisations'"))
    url = f"/api/v1/members/{one['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    ended = await client.patch(url, json={"status": "ended"}, headers={**admin_headers, "If-Match": etag})
    assert ended.status_code == 200
    # Cached tiles filtered by membership are stale now: the data version moved on.
    assert await session.scalar(text("SELECT version FROM data_versions WHERE name = 'organisations'")) > version
    after = (await client.get("/api/v1/enterprises", params={"cluster": small.slug, "limit": 100})).json()
    assert after["total"] == 4 and workshop.id not in {item["id"] for item in after["items"]}
    assert (await client.get("/api/v1/enterprises", params={"cluster": "no-such"})).json()["total"] == 0
    assert (await client.get("/api/v1/enterprises", params={"cluster": "Bad Slug!"})).status_code == 422
    # The tile over Cluj-Napoca holds the cluster's three members there; the one over Lviv none of them.
    tiles = "/api/v1/tiles/enterprises/5/18"
    assert (await client.get(f"{tiles}/11.mvt", params={"cluster": small.slug})).status_code == 200
    assert (await client.get(f"{tiles}/10.mvt", params={"cluster": small.slug})).status_code == 204
