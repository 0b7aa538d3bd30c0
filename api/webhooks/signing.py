"""How a delivery is signed, and how a receiver checks it (the same function, documented in docs/open-data.md).

signature = hex(HMAC-SHA256(secret, f"{timestamp}.{body}")), sent as `Semap-Signature: t=<timestamp>,v1=<hex>`.
The timestamp (Unix seconds) is inside the signed text, so a receiver that refuses old timestamps also
refuses replayed deliveries.
"""

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "Semap-Signature"
EVENT_HEADER = "Semap-Event"
DELIVERY_HEADER = "Semap-Delivery"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """True when `header` signs `body` with `secret` and its timestamp is within `tolerance` of `now`."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
