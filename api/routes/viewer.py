"""``GET /viewer``: one self-contained HTML page for trying ``POST /v1/extract`` in a browser.

The page (``api/static/viewer.html``, package data) carries its CSS and JS inline and loads nothing
else. It posts the text to ``/v1/extract`` on its own origin (with the API key typed into it, as
``X-API-Key``) and draws the answer: the article with every grounded span highlighted by event type,
the events beside it, or the problem+json error. It is served with a Content-Security-Policy that
allows exactly its own inline script and style (by SHA-256 of their text) and requests to this origin:
a third-party resource, or a script smuggled in through an article, could not run.

Loading the page needs no API key (it holds no data; the extraction it sends is guarded as usual) and
is not rate limited. It is left out of the OpenAPI document: a page for people, not part of the API.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from litestar import Response, get
from litestar.enums import MediaType

PAGE = ("static", "viewer.html")


class ViewerPageError(RuntimeError):
    """The packaged page is not the one inline script and one inline style the policy is built for."""


@dataclass(frozen=True)
class Page:
    body: bytes
    headers: dict[str, str]


def inline_source(html: str, tag: str) -> str:
    """``'sha256-…'`` of the page's one ``<tag>`` block (attribute-less), as a CSP source expression."""
    blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.DOTALL)
    if len(blocks) != 1 or len(re.findall(rf"<{tag}[\s>]", html)) != 1:
        raise ViewerPageError(f"the viewer page must hold exactly one inline <{tag}> block")
    digest = base64.b64encode(hashlib.sha256(blocks[0].encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def content_security_policy(html: str) -> str:
    return "; ".join([
        "default-src 'none'",
        f"script-src {inline_source(html, 'script')}",
        f"style-src {inline_source(html, 'style')}",
        "connect-src 'self'",
        "img-src data:",  # the empty data: favicon, so the browser asks for no /favicon.ico
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


@cache
def viewer_page() -> Page:
    """The page and its headers, read from the package once per process."""
    html = files("api").joinpath(*PAGE).read_text(encoding="utf-8")
    headers = {
        "Content-Security-Policy": content_security_policy(html),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
    return Page(html.encode("utf-8"), headers)


@get("/viewer", operation_id="viewer", include_in_schema=False, sync_to_thread=False)
def viewer() -> Response[bytes]:
    """The viewer page."""
    page = viewer_page()
    return Response(page.body, media_type=MediaType.HTML, headers=page.headers)
