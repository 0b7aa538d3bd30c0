"""E-mail templates, languages, absolute links and one-line headers."""

import re
import string
from typing import Any

import pytest
from httpx import AsyncClient
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.mail.catalog import STRINGS
from api.mail.language import LANGUAGES, of_organisation
from api.mail.render import render, templates
from api.outbox.models import OutboxMessage
from tests.conftest import enterprise_body

SAMPLES: dict[str, dict[str, Any]] = {
    "inquiry": {"enterprise_name": "Brutăria <Bună>", "buyer_name": "Ioana", "buyer_organisation": "Primăria Iași",
                "buyer_email": "ioana@example.org", "message": "<script>alert(1)</script> 200 lunches",
                "quantity": 200, "wanted_date": "2099-12-15", "inquiry_id": 7,
                "members_url": "https://map.example.org/member"},
    "claim_link": {"enterprise_name": "Brutăria", "claimant_name": "Ana", "message": "I run it.", "days": 3,
                   "link": "https://map.example.org/claims/confirm?token=abc"},
    "subscription_confirm": {"days": 7, "link": "https://map.example.org/api/v1/subscriptions/confirm?token=abc"},
    "digest": {"items": [{"name": "Brutăria", "locality": "Cluj", "new": True, "url": "https://map.example.org/e/1"},
                         {"name": "Atelier", "locality": None, "new": False, "url": "https://map.example.org/e/2"}],
               "more": True, "map_url": "https://map.example.org/", "frequency": "weekly",
               "unsubscribe_url": "https://map.example.org/api/v1/subscriptions/unsubscribe?token=abc"},
    "reserved_expiry": {"enterprise_name": "Brutăria", "law": "Law 98/2016, art. 56; Law 219/2015",
                        "attestation_number": "AJ-77/2024", "expires_on": "2027-03-01",
                        "link": "https://semap.example/member"},
    "freshness_reminder": {"enterprise_name": "Brutăria", "days": 60,
                           "link": "https://map.example.org/freshness/confirm?token=abc"},
    "service_request_received": {"request_id": 4, "title": "Oven grant", "contact_name": "Ana",
                                 "service_name": "Funding", "members_url": "https://map.example.org/member"},
    "service_request_invited": {"request_id": 4, "title": "Oven grant", "contact_name": None,
                                "members_url": "https://map.example.org/member"},
    "service_request_status": {"request_id": 4, "title": "Oven grant", "contact_name": None, "status": "rejected",
                               "previous": "submitted", "reason": "Out of scope",
                               "members_url": "https://map.example.org/member"},
    "submission_decided": {"name": "Ana", "enterprise": "Brutăria <Bună>", "what": "new_approved", "reason": None,
                           "link": "https://map.example.org/e/brutaria", "id": 5, "contact": "privacy@example.org"},
    "service_request_comment": {"request_id": 4, "title": "Oven grant", "contact_name": None, "comment": "Tuesday?",
                                "members_url": "https://map.example.org/member"},
    "tender_digest": {"enterprise_name": "Brutăria", "more": True, "members_url": "https://map.example.org/member",
                      "lots": [{"title": "Lot 1: catering", "buyer": "Primăria Cluj", "deadline": "2099-01-12",
                                "reserved": True, "url": "https://map.example.org/tenders/12"}]},
    "funding_digest": {"enterprise_name": "Brutăria", "members_url": "https://map.example.org/member",
                       "calls": [{"title": "Microcredit", "funder": "AFIN IFN", "deadline": "2099-03-31",
                                  "url": "https://map.example.org/funding/afin"}]},
    "saved_need_confirm": {"days": 7, "label": "Catering Iași",
                           "link": "https://map.example.org/api/v1/saved-needs/confirm?token=abc"},
    "buyer_spend": {"enterprise_name": "Brutăria <Bună>", "buyer_name": "Ioana", "inquiry_id": 7, "value": "12500.00",
                    "currency": "RON", "contracts": 2,
                    "totals": [{"value": "12500.00", "currency": "RON"}, {"value": "800.00", "currency": "EUR"}]},
    "saved_need_news": {"label": "Catering Iași", "stop_url": "https://map.example.org/api/v1/saved-needs/stop?token=abc",
                        "items": [{"name": "Bucătăria", "locality": "Iași", "url": "https://map.example.org/e/3"}]},
}


def placeholders(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def test_every_string_exists_in_every_language_with_the_same_placeholders() -> None:
    english = STRINGS["en"]
    for language in LANGUAGES:
        assert set(STRINGS[language]) == set(english), language
        for key, value in STRINGS[language].items():
            assert placeholders(value) == placeholders(english[key]), (language, key)


def test_every_message_has_a_sample_here() -> None:
    assert set(templates()) == set(SAMPLES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_template_renders_text_and_html_in_every_language(name: str, language: str) -> None:
    rendered = render(name, language, SAMPLES[name])
    assert rendered.subject and "\n" not in rendered.subject and "{" not in rendered.subject
    assert rendered.text.strip() and not re.search(r"<(p|a|div|ul|li|br|html)\b", rendered.text)  # no markup
    assert f'<html lang="{language}">' in rendered.html
    for value in SAMPLES[name].values():
        if isinstance(value, str) and value.startswith("https://"):
            assert value in rendered.text and f'href="{value}"' in rendered.html  # absolute links in both parts
    if language != "en":  # really translated, not English with another label
        assert rendered.subject != render(name, "en", SAMPLES[name]).subject


def test_html_escapes_what_people_wrote() -> None:
    rendered = render("inquiry", "en", SAMPLES["inquiry"])
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "Brutăria &lt;Bună&gt;" in rendered.html
    assert "<script>alert(1)</script> 200 lunches" in rendered.text  # plain text stays as written


def test_the_language_of_an_organisation_then_of_the_page_then_of_its_country() -> None:
    assert of_organisation(["uk", "en"], "RO", "ro") == "uk"
    assert of_organisation(["de"], "RO", "ru") == "ru"
    assert of_organisation([], "UA", None) == "uk"
    assert of_organisation(None, "DE", None) == "en"


def test_production_needs_a_public_base_url() -> None:
    with pytest.raises(ValidationError, match="PUBLIC_BASE_URL is required"):
        Settings(environment="production", public_base_url="")
    with pytest.raises(ValidationError, match="absolute http"):
        Settings(public_base_url="map.example.org")
    production = Settings(environment="production", public_base_url="https://map.example.org/")
    assert production.absolute_url("/member") == "https://map.example.org/member"
    assert Settings(host="127.0.0.1", port=8123).absolute_url("member") == "http://127.0.0.1:8123/member"
    # Development mail goes to the catcher unless told otherwise; production keeps the SMTP default.
    assert (Settings().smtp_port, Settings(smtp_port=2525).smtp_port, production.smtp_port) == (1025, 2525, 25)


async def test_an_inquiry_is_written_in_the_enterprises_language_with_absolute_links(
        client: AsyncClient, admin_headers: dict[str, str], session: AsyncSession, settings: Settings) -> None:
    created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Майстерня Львів", country="UA", locality="Lviv", registration_code="UA12345678",
        location={"type": "Point", "coordinates": [24.0297, 49.8397]}, languages=["uk", "en"]))
    assert created.status_code == 201, created.text
    response = await client.post("/api/v1/inquiries", json={
        "enterprise_id": created.json()["id"], "buyer_name": "Ioana Popescu", "buyer_email": "buyer@example.org",
        "message": "Can you make 20 chairs by spring?", "language": "ro"})
    assert response.status_code == 201, response.text
    message = await session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == "private@example.org",
                                                               OutboxMessage.template == "inquiry"))
    assert message is not None and message.language == "uk"
    assert message.subject == "Запит від Ioana Popescu через Мапу соціальних підприємств"
    assert f"{settings.base_url}/member" in message.body_text and message.body_html


@pytest.mark.parametrize("field", ["buyer_organisation", "buyer_name"])
async def test_a_line_break_bound_for_a_header_is_refused_and_nothing_is_queued(
        client: AsyncClient, admin_headers: dict[str, str], session: AsyncSession, field: str) -> None:
    created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body())
    before = await session.scalar(text("SELECT count(*) FROM outbox_messages"))
    body = {"enterprise_id": created.json()["id"], "buyer_name": "Ioana", "buyer_email": "buyer@example.org",
            "message": "Lunch for 200 people, please quote."}
    response = await client.post("/api/v1/inquiries", json=body | {field: "Evil\r\nBcc: all@example.org"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{field}"
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages")) == before


async def test_line_breaks_in_names_that_reach_subjects_are_refused_everywhere(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    refused = await client.post("/api/v1/enterprises", headers=admin_headers,
                                json=enterprise_body(name="Brutăria\nBcc: x@example.org"))
    assert refused.status_code == 422
    created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body())
    claim = await client.post(f"/api/v1/enterprises/{created.json()['id']}/claims", json={
        "claimant_name": "Ana\rPop", "claimant_email": "ana@example.org"})
    assert claim.status_code == 422 and re.search("claimant_name", claim.text)
