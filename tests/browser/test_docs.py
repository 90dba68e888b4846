"""``GET /docs`` in headless Chromium, with no network: what of the API documentation works offline.

The page is Litestar's Swagger UI page. It embeds the OpenAPI document in its own inline script and
loads Swagger UI's JS and CSS from cdn.jsdelivr.net; without network those fail and the page shows its
title only. What is checked: the title, that the only third-party host it asks for is that CDN (and the
browser really could not reach it), and that the document it embeds is the one served at
``/docs/openapi.json``, fetched by the browser, well-formed (every ``$ref`` resolves) and naming
``POST /v1/extract`` but not the viewer page.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from tests.browser.support import BROWSER, console_errors

pytestmark = BROWSER

FETCH_JSON = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.text().then(body => done({status: r.status, body})))
  .catch(e => done({status: 0, body: String(e)}));
"""


def refs(value: Any) -> list[str]:
    if isinstance(value, list):
        return [r for v in value for r in refs(v)]
    if not isinstance(value, dict):
        return []
    own = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
    return own + [r for v in value.values() for r in refs(v)]


def resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def embedded_spec(page_source: str) -> dict[str, Any]:
    """The document Swagger UI is given inline: ``SwaggerUIBundle({spec: {...}, ...})``."""
    start = page_source.index("spec:") + len("spec:")
    while page_source[start].isspace():
        start += 1
    spec, _end = json.JSONDecoder().raw_decode(page_source, start)
    assert isinstance(spec, dict)
    return spec


def test_docs_page_offline_has_its_title_and_serves_a_valid_openapi_document(browser: Any, service: str) -> None:
    """/docs loads with its title; its only outside dependency is Swagger UI on jsDelivr (unreachable here);
    the OpenAPI document it embeds equals /docs/openapi.json, which is well-formed and documents the API."""
    browser.get(f"{service}/docs")
    assert browser.title == "Conflict event extraction API"
    external = browser.execute_script(
        "return Array.from(document.querySelectorAll('script[src], link[href]')).map(e => e.src || e.href)")
    hosts = {urlsplit(url).hostname for url in external} - {"127.0.0.1"}
    assert hosts == {"cdn.jsdelivr.net"}, external
    assert any("swagger-ui-bundle.js" in url for url in external)
    failed = console_errors(browser)
    assert any("swagger-ui-bundle.js" in m and "ERR_NAME_NOT_RESOLVED" in m for m in failed), failed
    assert browser.execute_script("return typeof window.SwaggerUIBundle") == "undefined", \
        "the test browser must not reach the network"

    fetched = browser.execute_async_script(FETCH_JSON, "/docs/openapi.json")
    assert fetched["status"] == 200, fetched
    document = json.loads(fetched["body"])
    assert embedded_spec(browser.page_source) == document
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "Conflict event extraction API"
    assert document["paths"]["/v1/extract"]["post"]["operationId"] == "extractEvents"
    assert "/viewer" not in document["paths"]
    for ref in refs(document):
        assert resolve(document, ref) is not None, ref
    assert refs(document), "the schemas are shared through components"
    schema = browser.execute_async_script(FETCH_JSON, "/schema")
    assert schema["status"] == 200 and json.loads(schema["body"]) == document
