"""The deployment's public address, the one way every link the API writes (JSON-LD ids, OGC links,
TileJSON, embed snippets, downloads' metadata) starts.

Within a request it is PUBLIC_BASE_URL, else the address the request came to (which, behind a trusted
proxy, is the forwarded one); outside a request (the worker, the command line) it is `Settings.base_url`:
PUBLIC_BASE_URL, else this server's own address in development.
"""

from typing import Annotated

from fastapi import Depends, Request


def public_base_url(request: Request) -> str:
    """PUBLIC_BASE_URL, or the scheme and host this request came to; no trailing slash."""
    configured: str = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


PublicBaseUrl = Annotated[str, Depends(public_base_url)]
