"""The words of subscription e-mails (plain text: read everywhere, nothing to sanitise)."""

from typing import Any


def confirmation(link: str) -> tuple[str, str]:
    return ("Confirm your subscription to the Social Enterprise Map",
            "Hello,\n\nSomeone (we hope you) asked to receive news of social enterprises in an area.\n"
            f"Confirm within 7 days with this link (it works once):\n\n{link}\n\n"
            "If it was not you, ignore this message: nothing will be sent.\n")


def digest(items: list[dict[str, Any]], *, more: bool, profile_base: str, unsubscribe: str,
           frequency: str) -> tuple[str, str]:
    new = sum(1 for item in items if item["new"])
    subject = f"Social Enterprise Map: {new} new, {len(items) - new} updated near you"
    lines = [f"- {'NEW' if item['new'] else 'updated'}: {item['name']}"
             + (f" ({item['locality']})" if item["locality"] else "")
             + f" {profile_base.rstrip('/')}/enterprises/{item['slug']}" for item in items]
    body = ("Hello,\n\nNew and updated social enterprises in your area since the last digest:\n\n"
            + "\n".join(lines) + ("\n- … and more on the map." if more else "")
            + f"\n\nYou receive this {frequency} digest because you subscribed. Unsubscribe with one click:\n"
            + f"{unsubscribe}\n")
    return subject, body
