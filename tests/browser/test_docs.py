"""``GET /docs`` in headless Chromium, with no network: the API documentation works offline.

The page is Litestar's Swagger UI page with Swagger UI's JS, CSS and favicon served by the service
itself (``/docs/assets/…``, api/docs_ui.py). The browser resolves no host name at all
(tests/browser/conftest.py), so whatever the page needed from elsewhere would fail. What is checked:
Swagger UI really renders (its DOM, its CSS applied, the API's title and operations, ``POST /v1/extract``
expanded to its request body and responses, no "unable to render" error), every request the browser
sent went to the service's own origin, and the console holds no error (a failed load, a script error or
a Content-Security-Policy violation would be one). Then "Try it out": with the API key entered through
Authorize, Swagger UI posts an article to ``/v1/extract`` and shows the 200 answer. And the document
the page embeds is the one served at ``/docs/openapi.json``: well-formed (every ``$ref`` resolves),
naming ``POST /v1/extract`` but not the viewer page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.browser.support import BROWSER, console_errors, requested_urls
from tests.contract.support import TEST_KEY

pytestmark = BROWSER

FETCH_JSON = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.text().then(body => done({status: r.status, body})))
  .catch(e => done({status: 0, body: String(e)}));
"""
EXTRACT_OP = "#operations-extraction-extractEvents"  # Swagger UI's id: operations-<tag>-<operationId>
RENDERED = f"return document.querySelector('{EXTRACT_OP}') !== null"
READ_PAGE = """
const text = sel => Array.from(document.querySelectorAll(sel)).map(e => e.textContent.trim());
const post = document.querySelector('.swagger-ui .opblock.opblock-post');
return {
  swaggerUi: document.querySelectorAll('.swagger-ui').length,
  title: text('.swagger-ui .info .title'),
  operations: Array.from(document.querySelectorAll('.swagger-ui .opblock')).map(op => ({
    id: op.id,
    method: op.querySelector('.opblock-summary-method').textContent.trim(),
    path: op.querySelector('.opblock-summary-path').dataset.path})),
  errors: text('.swagger-ui .errors-wrapper, .swagger-ui .loading-container .errors'),
  postBackground: post && getComputedStyle(post).backgroundColor,
  bundle: typeof window.SwaggerUIBundle,
  scriptsAndLinks: Array.from(document.querySelectorAll('script[src], link[href]')).map(e => e.src || e.href),
  resources: performance.getEntriesByType('resource').map(e => e.name),
};
"""


def wait_for(driver: Any, script: str, *args: Any, timeout_s: float = 20) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout_s).until(lambda d: d.execute_script(script, *args))
    except TimeoutException:
        raise AssertionError(f"not true within {timeout_s} s: {script.strip()}\n"
                             f"console errors: {console_errors(driver)}") from None


def click(driver: Any, selector: str) -> None:
    element = driver.find_element("css selector", selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def same_origin(url: str, service: str) -> bool:
    parts, base = urlsplit(url), urlsplit(service)
    return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)


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


def test_docs_page_renders_swagger_ui_offline_from_the_service_alone(
    browser: Any, service: str, artifacts: Path
) -> None:
    """/docs draws Swagger UI with the API's operations, loading nothing but from its own origin, with a
    clean console; POST /v1/extract expands to its request body and documented responses."""
    console_errors(browser)
    requested_urls(browser)  # start from empty logs
    browser.get(f"{service}/docs")
    assert browser.title == "Conflict event extraction API"
    wait_for(browser, RENDERED)
    page = browser.execute_script(READ_PAGE)

    assert page["bundle"] == "function", "swagger-ui-bundle.js ran"
    assert page["swaggerUi"] >= 1
    assert page["errors"] == [], page["errors"]
    assert page["title"] and page["title"][0].startswith("Conflict event extraction API"), page["title"]
    operations = {(op["method"], op["path"]): op["id"] for op in page["operations"]}
    assert operations == {
        ("POST", "/v1/extract"): "operations-extraction-extractEvents",
        ("POST", "/v1/extract/batch"): "operations-extraction-extractEventsBatch",
        ("POST", "/v1/export/{fmt}"): "operations-extraction-exportEvents",
        ("GET", "/healthz"): "operations-health-healthz",
        ("GET", "/readyz"): "operations-health-readyz",
    }
    assert page["postBackground"] == "rgba(73, 204, 144, 0.1)", "swagger-ui.css is applied (POST is green)"
    assert sorted(urlsplit(url).path for url in page["scriptsAndLinks"]) == [
        "/docs/assets/favicon-32x32.png", "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui-standalone-preset.js", "/docs/assets/swagger-ui.css",
    ]

    click(browser, f"{EXTRACT_OP} .opblock-summary-control")
    wait_for(browser, f"return document.querySelector('{EXTRACT_OP} .opblock-body .responses-table') !== null")
    body = browser.find_element("css selector", f"{EXTRACT_OP} .opblock-body").text
    assert "Request body" in body and "application/json" in body, body
    documented = browser.execute_script(
        f"return Array.from(document.querySelectorAll('{EXTRACT_OP} .responses-table .response-col_status'))"
        ".map(e => e.textContent.trim())")
    assert {"200", "401", "422", "429", "503"} <= set(documented), documented

    requested = requested_urls(browser)
    assert f"{service}/docs" in requested
    assert {urlsplit(url).path for url in requested if same_origin(url, service)} >= {
        "/docs", "/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui-standalone-preset.js",
        "/docs/assets/swagger-ui.css"}
    elsewhere = [url for url in requested + page["resources"]
                 if not same_origin(url, service) and not url.startswith("data:")]
    assert elsewhere == [], "every request stays on the service's origin"
    assert console_errors(browser) == [], "no failed load, script error or Content-Security-Policy violation"
    browser.save_screenshot(str(artifacts / "docs.png"))


def test_try_it_out_posts_to_the_service_with_the_key_from_authorize(browser: Any, service: str) -> None:
    """Authorize with the API key (X-API-Key), then Try it out on POST /v1/extract: Swagger UI's request
    goes to this origin and the page shows the 200 answer with its events."""
    browser.get(f"{service}/docs")
    wait_for(browser, RENDERED)
    console_errors(browser)
    requested_urls(browser)

    click(browser, ".swagger-ui .auth-wrapper .authorize")
    wait_for(browser, "return document.querySelector('.swagger-ui .modal-ux input[type=text]') !== null")
    key_input = browser.find_elements("css selector", ".swagger-ui .modal-ux .auth-container input")
    assert key_input, "the Authorize dialog has a field per security scheme"
    containers = browser.find_elements("css selector", ".swagger-ui .modal-ux .auth-container")
    header = next(c for c in containers if "headerKey" in c.text)
    header.find_element("css selector", "input").send_keys(TEST_KEY)
    header.find_element("css selector", "button.authorize").click()
    click(browser, ".swagger-ui .modal-ux button.close-modal")

    click(browser, f"{EXTRACT_OP} .opblock-summary-control")
    wait_for(browser, f"return document.querySelector('{EXTRACT_OP} .try-out__btn') !== null")
    click(browser, f"{EXTRACT_OP} .try-out__btn")
    editor = browser.find_element("css selector", f"{EXTRACT_OP} textarea.body-param__text")
    editor.clear()
    editor.send_keys(json.dumps({"text": "Israeli warplanes struck a weapons depot near Nabatieh on Tuesday.",
                                 "published_at": "2024-10-01"}))
    click(browser, f"{EXTRACT_OP} .execute")
    status = wait_for(browser, f"""
        const cell = document.querySelector('{EXTRACT_OP} .live-responses-table tbody .response-col_status');
        return cell && cell.textContent.trim();""")
    assert status == "200", browser.find_element("css selector", f"{EXTRACT_OP} .live-responses-table").text
    answer = browser.find_element("css selector", f"{EXTRACT_OP} .live-responses-table .microlight").text
    assert '"events"' in answer or '"strikes"' in answer, answer

    requested = requested_urls(browser)
    assert f"{service}/v1/extract" in requested
    assert [url for url in requested if not same_origin(url, service) and not url.startswith("data:")] == []
    assert console_errors(browser) == []


def test_docs_page_embeds_the_served_openapi_document(browser: Any, service: str) -> None:
    """The OpenAPI document the page embeds equals /docs/openapi.json (and /schema), fetched by the browser:
    OpenAPI 3.1, well-formed, documenting POST /v1/extract and not the viewer page."""
    browser.get(f"{service}/docs")
    fetched = browser.execute_async_script(FETCH_JSON, "/docs/openapi.json")
    assert fetched["status"] == 200, fetched
    document = json.loads(fetched["body"])
    served = browser.execute_async_script(FETCH_JSON, "/docs")  # the page as sent (Swagger UI rewrote the DOM)
    assert served["status"] == 200, served
    assert embedded_spec(served["body"]) == document
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "Conflict event extraction API"
    assert document["paths"]["/v1/extract"]["post"]["operationId"] == "extractEvents"
    assert "/viewer" not in document["paths"]
    assert not any(path.startswith("/docs") for path in document["paths"]), "the docs' own files are no API"
    for ref in refs(document):
        assert resolve(document, ref) is not None, ref
    assert refs(document), "the schemas are shared through components"
    schema = browser.execute_async_script(FETCH_JSON, "/schema")
    assert schema["status"] == 200 and json.loads(schema["body"]) == document
    console_errors(browser)
