"""``GET /viewer`` as served (no browser): one self-contained page under a policy that admits only itself.

tests/browser/test_viewer.py runs the page in Chromium; this checks what is true of the response alone.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from api.routes.viewer import ViewerPageError, content_security_policy
from tests.contract.support import TEST_KEY_SHA256, client_for


def sha256_source(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"


def test_viewer_is_served_without_a_key_under_a_policy_that_admits_only_its_own_script_and_style() -> None:
    """With API keys configured, /viewer is still 200 HTML; its CSP allows exactly its inline script and
    style (by hash), requests to its own origin, and nothing else."""
    with client_for(api_keys_sha256=[TEST_KEY_SHA256]) as client:
        r = client.get("/viewer")
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        html = r.text
        policy = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert client.post("/v1/extract", json={"text": "x"}).status_code == 401, "the API itself stays guarded"
    (script,) = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    (style,) = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert policy == {
        "default-src": "'none'", "script-src": sha256_source(script), "style-src": sha256_source(style),
        "connect-src": "'self'", "img-src": "data:", "base-uri": "'none'", "form-action": "'none'",
        "frame-ancestors": "'none'",
    }


def test_viewer_page_references_nothing_outside_itself() -> None:
    """No src/href but data: URLs, no URL with a scheme or host, one fetch (to /v1/extract), and no API that
    parses a string as HTML (the article is only ever put in text nodes)."""
    with client_for() as client:
        html = client.get("/viewer").text
    references = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", html)
    assert references and all(ref.startswith("data:") for ref in references), references
    assert re.findall(r"""https?:|["'(=]\s*//""", html, flags=re.IGNORECASE) == []
    assert re.findall(r"\bfetch\(([^,)]*)", html) == ['"/v1/extract"']
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in html, sink
    assert "X-API-Key" in html, "the key typed in is sent as the header the guard reads"


def test_viewer_is_not_part_of_the_openapi_document() -> None:
    with client_for() as client:
        assert "/viewer" not in client.get("/docs/openapi.json").json()["paths"]


@pytest.mark.parametrize("page", [
    "<html><style>a{}</style></html>",
    "<html><script>1</script><script>2</script><style>a{}</style></html>",
    '<html><script src="x.js"></script><script>1</script><style>a{}</style></html>',
])
def test_a_page_the_policy_cannot_describe_is_refused(page: str) -> None:
    """The policy is built for one inline script and one inline style; any other page fails at start-up."""
    with pytest.raises(ViewerPageError):
        content_security_policy(page)
