"""``/docs`` whole from this service: Swagger UI's own files, served at ``/docs/assets/…``, no CDN.

Litestar's Swagger UI page loads its JS, CSS and favicon from cdn.jsdelivr.net by default; a machine
without network then shows the page title alone. Here they come from the ``swagger-ui-bundle-v2``
package (Swagger UI's release files, repackaged unchanged; pinned in pyproject.toml), read once per
process: a missing or incomplete package fails start-up, not the first visit. Only the four files
the page uses are served (``ASSETS``), each with its content type, ``nosniff`` and a long cache
lifetime; their URLs carry the Swagger UI version, so an upgrade is never served from a stale cache.

The routes sit on the docs router (``/docs``): outside the OpenAPI document, with no API key and no
rate limit (both apply to the extraction routes only). Every HTML page of that router is served with a
Content-Security-Policy in the manner of ``/viewer``'s: scripts and styles from this origin plus the
page's own inline blocks by SHA-256, requests to this origin only, nothing framed, no form posted.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from litestar import Response, Router, get
from litestar.enums import MediaType
from litestar.exceptions import NotFoundException
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.params import FromPath
from swagger_ui_bundle import swagger_ui_path

ASSETS_PATH = "/assets"  # under the docs path
FAVICON = "favicon-32x32.png"
ASSETS: Mapping[str, str] = {  # file of the Swagger UI release -> its media type (text gets "; charset=utf-8")
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "swagger-ui.css": "text/css",
    FAVICON: "image/png",
}
ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable"  # the URL names the version


class DocsAssetsError(RuntimeError):
    """The Swagger UI package is missing, or lacks a file the docs page needs."""


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str


def release_dir() -> Traversable:
    root: Traversable = swagger_ui_path
    return root


@cache
def swagger_ui_version() -> str:
    """``5.31.0`` of the package's ``vendor/swagger-ui-5.31.0``."""
    match = re.fullmatch(r"swagger-ui-(\d+(?:\.\d+)*)", release_dir().name)
    if match is None:
        raise DocsAssetsError(f"unexpected Swagger UI release directory {release_dir().name!r}")
    return match.group(1)


@cache
def swagger_ui_assets() -> dict[str, Asset]:
    """The files of ``ASSETS``, read from the package once per process."""
    assets: dict[str, Asset] = {}
    for name, media_type in ASSETS.items():
        file = release_dir() / name
        if not file.is_file():
            raise DocsAssetsError(f"Swagger UI's {name} is missing from {release_dir()}: reinstall the project")
        assets[name] = Asset(file.read_bytes(), media_type)
    return assets


def asset_url(docs_path: str, name: str) -> str:
    return f"{docs_path.rstrip('/')}{ASSETS_PATH}/{name}?v={swagger_ui_version()}"


@get(f"{ASSETS_PATH}/{{name:str}}", include_in_schema=False, sync_to_thread=False)
def swagger_ui_asset(name: FromPath[str]) -> Response[bytes]:
    """One file of Swagger UI (``ASSETS``); any other name is a 404."""
    asset = swagger_ui_assets().get(name)
    if asset is None:
        raise NotFoundException(f"no docs asset {name!r}")
    return Response(asset.body, media_type=asset.media_type, headers={
        "Cache-Control": ASSET_CACHE_CONTROL,
        "X-Content-Type-Options": "nosniff",
    })


class LocalSwaggerRenderPlugin(SwaggerRenderPlugin):
    """Litestar's Swagger UI page, its JS, CSS and favicon pointed at ``swagger_ui_asset``."""

    def __init__(self, docs_path: str, path: str = "/") -> None:
        swagger_ui_assets()  # fail now, at start-up, when a file is missing
        super().__init__(
            version=swagger_ui_version(),
            js_url=asset_url(docs_path, "swagger-ui-bundle.js"),
            css_url=asset_url(docs_path, "swagger-ui.css"),
            standalone_preset_js_url=asset_url(docs_path, "swagger-ui-standalone-preset.js"),
            favicon=f"<link rel='icon' type='image/png' href='{asset_url(docs_path, FAVICON)}'>",
            path=path,
        )

    def receive_router(self, router: Router) -> None:
        super().receive_router(router)  # Swagger UI's oauth2-redirect.html
        router.register(swagger_ui_asset)


INLINE_BLOCK = r"<{tag}(?![^>]*\ssrc\s*=)(?:\s[^>]*)?>(.*?)</{tag}\s*>"


def inline_sources(html: str, tag: str) -> list[str]:
    """``'sha256-…'`` of each inline ``<tag>`` block of the page (a ``<script src>`` is not inline)."""
    blocks = re.findall(INLINE_BLOCK.format(tag=tag), html, flags=re.DOTALL | re.IGNORECASE)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode('ascii')}'"
            for b in dict.fromkeys(blocks)]


def content_security_policy(html: str) -> str:
    """Like ``/viewer``'s policy, with this origin's files (Swagger UI's) admitted too."""
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self'", *inline_sources(html, "script")]),
        " ".join(["style-src 'self'", *inline_sources(html, "style")]),
        "img-src 'self' data:",  # the favicon, and the data: icons of Swagger UI's CSS
        "connect-src 'self'",  # "Try it out" posts to this origin
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


def docs_security_headers(response: Response[Any]) -> Response[Any]:
    """``after_request`` of the docs router: ``nosniff`` on all, and a CSP on each HTML page."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    media_type = response.media_type  # a str, or a MediaType (a str enum)
    if media_type is not None and media_type.startswith(MediaType.HTML.value) and isinstance(response.content, bytes):
        response.headers["Content-Security-Policy"] = content_security_policy(response.content.decode("utf-8"))
        response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def docs_router(docs_path: str) -> Router:
    """The router Litestar puts the docs routes on (``OpenAPIConfig.openapi_router``)."""
    return Router(docs_path, route_handlers=[], include_in_schema=False, dto=None, return_dto=None,
                  after_request=docs_security_headers)

