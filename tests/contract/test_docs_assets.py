"""``/docs`` as served (no browser): every file the page references is the service's own, served 200.

tests/browser/test_docs.py renders the page in Chromium with no network; this checks what is true of the
responses alone: the page's ``src``/``href`` URLs are paths on this origin, each answers 200 with its
content type (and exactly Swagger UI's file from the pinned package), no key and no rate limit applies,
nothing else of the package is reachable, the files are no part of the OpenAPI document, the page's
Content-Security-Policy admits only this origin and its own inline blocks, and a missing file fails
start-up.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from swagger_ui_bundle import swagger_ui_path

import api.docs_ui as docs_ui
from api.app import create_app
from tests.contract.support import TEST_KEY_SHA256, client_for, settings_for
from tests.fakes import FakeBackend

CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
}


def referenced_urls(html: str) -> list[str]:
    return re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", html)


def sha256_source(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"


def test_every_url_the_docs_page_references_is_served_by_the_app_with_its_content_type() -> None:
    """With an API key required and a rate limit of 1 a minute, each src/href of /docs is a path on this
    origin, served 200 (twice: no limit applies) with its content type, byte for byte the Swagger UI file."""
    with client_for(api_keys_sha256=[TEST_KEY_SHA256], rate_limit_per_minute=1) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        urls = referenced_urls(page.text)
        assert sorted(urlsplit(url).path for url in urls) == [
            "/docs/assets/favicon-32x32.png", "/docs/assets/swagger-ui-bundle.js",
            "/docs/assets/swagger-ui-standalone-preset.js", "/docs/assets/swagger-ui.css",
        ]
        assert "cdn.jsdelivr.net" not in page.text
        for url in urls:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc and parts.path.startswith("/"), url
            for _ in range(2):
                r = client.get(url)
                assert r.status_code == 200, (url, r.status_code, r.text[:200])
            name = Path(parts.path).name
            assert r.headers["content-type"] == CONTENT_TYPES[Path(name).suffix], url
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert parts.query == f"v={docs_ui.swagger_ui_version()}", "the URL names the Swagger UI release"
            assert r.content == (swagger_ui_path / name).read_bytes(), url
        assert client.post("/v1/extract", json={"text": "x"}).status_code == 401, "the API itself stays guarded"


def test_the_stylesheet_references_only_data_urls() -> None:
    """What swagger-ui.css loads itself (url(…), @import) is inline data, so the page needs no more files."""
    with client_for() as client:
        css = client.get("/docs/assets/swagger-ui.css").text
    references = re.findall(r"""url\(\s*["']?([^"')\s]*)""", css)
    assert references and all(ref.startswith("data:") for ref in references), references
    assert "@import" not in css


@pytest.mark.parametrize("path", [
    "/docs/assets/index.html", "/docs/assets/swagger-initializer.js", "/docs/assets/swagger-ui-bundle.js.map",
    "/docs/assets/swagger-ui.js", "/docs/assets/..%2Fswagger-initializer.js", "/docs/assets/%2e%2e%2f__init__.py",
    "/docs/assets/", "/docs/assets/nested/swagger-ui.css",
])
def test_nothing_else_of_the_package_is_served(path: str) -> None:
    with client_for() as client:
        assert client.get(path).status_code == 404, path


def test_docs_files_are_not_part_of_the_openapi_document() -> None:
    with client_for() as client:
        paths = client.get("/docs/openapi.json").json()["paths"]
    assert not any(path.startswith("/docs") for path in paths), paths


def test_docs_page_policy_admits_this_origin_and_its_own_inline_blocks_only() -> None:
    """The CSP of /docs: scripts and styles from 'self' plus the page's one inline script (the embedded
    document) and one inline style by hash; requests and images only to this origin (and data: images)."""
    with client_for() as client:
        r = client.get("/docs")
    html = r.text
    policy = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
    (script,) = re.findall(r"<script type='text/javascript'>(.*?)</script>", html, flags=re.DOTALL)
    (style,) = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert "SwaggerUIBundle(" in script
    assert policy == {
        "default-src": "'none'", "script-src": f"'self' {sha256_source(script)}",
        "style-src": f"'self' {sha256_source(style)}", "img-src": "'self' data:", "connect-src": "'self'",
        "base-uri": "'none'", "form-action": "'none'", "frame-ancestors": "'none'",
    }
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_a_missing_swagger_ui_file_fails_start_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package without one of the files (a broken install) stops create_app(), not a later visit."""
    release = tmp_path / swagger_ui_path.name
    release.mkdir()
    for name in docs_ui.ASSETS:
        if name != "swagger-ui.css":
            (release / name).write_bytes((swagger_ui_path / name).read_bytes())
    monkeypatch.setattr(docs_ui, "release_dir", lambda: release)
    docs_ui.swagger_ui_assets.cache_clear()
    try:
        with pytest.raises(docs_ui.DocsAssetsError, match=r"swagger-ui\.css"):
            create_app(settings_for(), backend=FakeBackend())
    finally:
        docs_ui.swagger_ui_assets.cache_clear()

