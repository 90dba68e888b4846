"""``GET /viewer`` in headless Chromium: the page posts to ``/v1/extract`` and draws exactly its answer.

The service runs on the FakeBackend (tests/browser/conftest.py). Each test loads the page, enters an
article, presses Extract and reads the page back through the DOM; what the page drew is compared with
the response the API gives for the same text (fetched here with httpx: the fake is deterministic).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

from tests.browser.support import BROWSER, console_errors
from tests.contract.support import ARTICLE, TEST_KEY, spans_in

pytestmark = BROWSER

KINDS = {"strikes": "strike", "attacks": "attack", "statements": "statement", "casualty_reports": "casualty"}
TYPED = ARTICLE.replace("\r\n", "\n")  # a textarea's value has LF line breaks whatever is typed
# Set through the DOM, not typed: ChromeDriver's send_keys only types characters of the BMP. Astral
# characters (emoji, a flag, mathematical letters) sit before and inside the spans, so code point and
# UTF-16 offsets differ by more and more along the text; markup in the text, inside a highlighted span
# and outside, must stay text.
FILLER = "".join(f"Paragraph {n}: residents of the coastal towns queued for bread and fuel 🏫, and the schools "
                 f"stayed closed for the {n}th day.\n" for n in range(1, 41))
ASTRAL = (
    "🇱🇧 Live 📰 — the day's reports, gathered by 𝒹𝑒𝓈𝓀 staff.\n" + FILLER
    + 'A drone attack by gunmen <b>hit</b> a checkpoint 😀 near Idlib <img src=x onerror="window.__xss = 1">, '
    + "killing two soldiers &amp; a driver.\n"
    + "Markup outside a span stays text too: <script>window.__xss = 2</script>\n"
    + "Israeli warplanes 🛩 struck a weapons depot near Nabatieh on Tuesday."
)

READ_ARTICLE = """
return Array.from(document.getElementById('article').childNodes).map(n => n.nodeType === Node.TEXT_NODE
  ? {mark: false, text: n.textContent}
  : {mark: true, text: n.textContent, start: Number(n.dataset.start), end: Number(n.dataset.end),
     classes: Array.from(n.classList), tag: n.tagName, children: Array.from(n.childNodes).map(c => c.nodeType)});
"""
READ_CARDS = """
return Array.from(document.querySelectorAll('#events > li')).map(li =>
  ({id: li.dataset.eventId, classes: Array.from(li.classList), text: li.textContent}));
"""
DONE = """
const status = document.getElementById('status').textContent;
return !document.getElementById('extract').disabled && status !== 'Extracting…'
  && (/\\d+ events?/.test(status) || !document.getElementById('error').hidden);
"""


def open_viewer(driver: Any, base: str) -> None:
    driver.get(f"{base}/viewer")
    assert driver.title == "Conflict event extraction — viewer"
    console_errors(driver)  # start each test with an empty console log


def extract(driver: Any, *, typed: str | None = None, text: str | None = None, key: str | None = TEST_KEY,
            published_at: str | None = None) -> None:
    """Fill the form (type ``typed``, or set ``text`` through the DOM), press Extract, wait for the result."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    area = driver.find_element(By.ID, "text")
    area.clear()
    if typed is not None:
        area.send_keys(typed)
    else:
        driver.execute_script("arguments[0].value = arguments[1];", area, text)
    for field, value in (("published-at", published_at), ("api-key", key)):
        box = driver.find_element(By.ID, field)
        box.clear()
        if value:
            box.send_keys(value)
    driver.find_element(By.ID, "extract").click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(DONE))


def api_response(base: str, text: str, **fields: Any) -> dict[str, Any]:
    r = httpx.post(f"{base}/v1/extract", json={"text": text, **fields}, headers={"X-API-Key": TEST_KEY}, timeout=20)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def expected_spans(data: dict[str, Any]) -> list[tuple[str, str, bool, dict[str, Any]]]:
    """(event type, event id, is evidence, span) for every span of every event of the response."""
    out = []
    for key, kind in KINDS.items():
        for event in data[key]:
            out += [(kind, event["id"], True, span) for span in event["evidence"]]
            fields = {k: v for k, v in event.items() if k != "evidence"}
            out += [(kind, event["id"], False, span) for span in spans_in(fields)]
    return out


def covers(span: dict[str, Any], mark: dict[str, Any]) -> bool:
    return bool(span["start"] <= mark["start"] and mark["end"] <= span["end"])


def assert_drawn_as_answered(driver: Any, text: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The article on the page is ``text``, highlighted exactly where the response's spans are; returns the marks."""
    nodes = driver.execute_script(READ_ARTICLE)
    assert "".join(n["text"] for n in nodes) == text, "the article is shown whole and unaltered"
    marks, position = [], 0
    for node in nodes:
        if node["mark"]:
            # where the segment really is (counted in code points here) is where the page says it is
            assert (node["start"], node["end"]) == (position, position + len(node["text"])), node
            assert text[node["start"]:node["end"]] == node["text"]
            assert node["tag"] == "MARK" and node["children"] == [3], "a highlight holds one text node"
            marks.append(node)
        position += len(node["text"])
    spans = expected_spans(data)
    assert marks and spans
    for kind in KINDS.values():
        for mark in marks:
            assert (f"t-{kind}" in mark["classes"]) == any(k == kind and covers(s, mark) for k, _, _, s in spans), (
                kind, mark)
    for mark in marks:
        assert ("field" in mark["classes"]) == any(not ev and covers(s, mark) for _, _, ev, s in spans), mark
    for kind, event_id, _, span in spans:
        inside = [m for m in marks if covers(span, m)]
        assert "".join(m["text"] for m in inside) == span["text"] == text[span["start"]:span["end"]], (event_id, span)
        assert all(f"t-{kind}" in m["classes"] for m in inside)
    highlighted = {i for m in marks for i in range(m["start"], m["end"])}
    grounded = {i for _, _, _, s in spans for i in range(s["start"], s["end"])}
    assert highlighted == grounded, "nothing but the response's spans is highlighted"
    cards = driver.execute_script(READ_CARDS)
    assert [(c["id"], next(x for x in c["classes"] if x.startswith("t-"))) for c in cards] == [
        (event["id"], f"t-{kind}") for key, kind in KINDS.items() for event in data[key]]
    return marks  # type: ignore[no-any-return]


def selected_marks(driver: Any) -> list[dict[str, Any]]:
    return [n for n in driver.execute_script(READ_ARTICLE) if n["mark"] and "selected" in n["classes"]]


def click_event(driver: Any, event_id: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#events > li[data-event-id="{event_id}"]').click()


def test_typed_article_is_highlighted_by_event_type_and_events_lead_to_their_evidence(
    browser: Any, service: str, artifacts: Path
) -> None:
    """A typed article: the page shows every span of the response, coloured by its event type, lists the
    events in order, and clicking an event selects and flashes exactly its first evidence span."""
    from selenium.webdriver.common.by import By

    open_viewer(browser, service)
    extract(browser, typed=TYPED, published_at="2024-03-05")
    assert browser.execute_script("return document.getElementById('text').value") == TYPED
    data = api_response(service, TYPED, published_at="2024-03-05")
    assert all(data[key] for key in KINDS), "the fake's answer for this article has all four event types"
    marks = assert_drawn_as_answered(browser, TYPED, data)
    assert any(len(set(m["classes"]) & {f"t-{k}" for k in KINDS.values()}) > 1 for m in marks), \
        "the strike and its statement share a sentence: that segment carries both types"
    assert browser.find_element(By.ID, "error").get_attribute("hidden") is not None
    status = browser.find_element(By.ID, "status").text
    assert re.match(rf"{sum(len(data[k]) for k in KINDS)} events · ", status), status
    legend = browser.find_element(By.ID, "legend").text
    assert all(label in legend for label in ("Strike", "Attack", "Statement", "Casualty report"))
    card = browser.find_element(By.CSS_SELECTOR, '#events > li[data-event-id="casualty-1"]').text
    assert "at least three → ≥ 3" in card and "Lebanon’s health ministry → Lebanese Health Ministry" in card
    for key in KINDS:
        for event in data[key]:
            click_event(browser, event["id"])
            chosen = selected_marks(browser)
            assert "".join(m["text"] for m in chosen) == event["evidence"][0]["text"], event["id"]
            assert all("flash" in m["classes"] for m in chosen)
            cards = browser.find_elements(By.CSS_SELECTOR, "#events > li.selected")
            assert [c.get_attribute("data-event-id") for c in cards] == [event["id"]]
    assert console_errors(browser) == [], "no script error and no Content-Security-Policy violation"
    browser.save_screenshot(str(artifacts / "viewer.png"))
    assert (artifacts / "viewer.png").stat().st_size > 10_000


def test_offsets_stay_right_after_astral_characters_and_markup_stays_text(
    browser: Any, service: str, artifacts: Path
) -> None:
    """Emoji and other non-BMP characters (two UTF-16 units each) before and inside the spans do not shift the
    highlights; markup in the article is shown as text, never run; a click scrolls a far span into view."""
    open_viewer(browser, service)
    extract(browser, text=ASTRAL)
    data = api_response(service, ASTRAL)
    assert data["strikes"] and data["attacks"]
    assert len(ASTRAL.encode("utf-16-le")) // 2 - len(ASTRAL) > 40, "the text has many astral characters"
    assert_drawn_as_answered(browser, ASTRAL, data)
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.execute_script("return document.querySelectorAll('#article img, #article b, #article script')"
                                  ".length") == 0
    # the strike is the last sentence, far below the article box's fold: a click brings it into view
    in_view = """
    const box = document.getElementById('article').getBoundingClientRect();
    const marks = Array.from(document.querySelectorAll('#article mark.selected'));
    return marks.length > 0 && marks.every(m => { const r = m.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom; });
    """
    below = """
    const box = document.getElementById('article').getBoundingClientRect();
    return Array.from(document.querySelectorAll('#article mark')).filter(m => m.dataset.events.includes(arguments[0]))
      .every(m => m.getBoundingClientRect().top > box.bottom);
    """
    strike = data["strikes"][0]
    assert browser.execute_script("return document.getElementById('article').scrollTop") == 0
    assert browser.execute_script(below, strike["id"]), "the strike starts out of view"
    click_event(browser, strike["id"])
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: d.execute_script(in_view))
    assert "".join(m["text"] for m in selected_marks(browser)) == strike["evidence"][0]["text"]
    assert browser.execute_script("return document.getElementById('article').scrollTop") > 0
    assert console_errors(browser) == []
    browser.save_screenshot(str(artifacts / "viewer-astral.png"))


def test_problems_are_shown_readably_and_clear_the_last_result(
    browser: Any, service: str, artifacts: Path
) -> None:
    """A blank text shows the 422 problem with its field errors, a missing API key the 401 problem; either
    clears the previous result. Loading the page itself needs no key."""
    from selenium.webdriver.common.by import By

    open_viewer(browser, service)
    extract(browser, typed=TYPED)
    assert browser.find_elements(By.CSS_SELECTOR, "#article mark.hl")
    error = browser.find_element(By.ID, "error")

    extract(browser, typed="   ")
    assert error.is_displayed()
    assert error.find_element(By.TAG_NAME, "h2").text == "422 Invalid request"
    assert "the request does not match the contract" in error.text
    items = [li.text for li in error.find_elements(By.CSS_SELECTOR, "ul.errors li")]
    assert items == ["text: Value error, text must contain non-whitespace characters"]
    assert re.search(r"request id [0-9a-f]{32}", error.text)
    assert browser.find_element(By.ID, "article").text == ""
    assert browser.find_elements(By.CSS_SELECTOR, "#events > li") == []
    browser.save_screenshot(str(artifacts / "viewer-error.png"))

    extract(browser, typed=TYPED, key=None)
    assert error.find_element(By.TAG_NAME, "h2").text == "401 Unauthorized"
    assert "an API key is required" in error.text

    extract(browser, typed=TYPED)
    assert not error.is_displayed(), "a successful extraction hides the last problem"
    assert browser.find_elements(By.CSS_SELECTOR, "#article mark.hl")


def test_the_page_loads_nothing_but_itself_and_its_api_calls(browser: Any, service: str) -> None:
    """Every resource the page loads is on the service's origin, and the browser reports no error."""
    open_viewer(browser, service)
    extract(browser, typed="Israeli warplanes struck a depot near Nabatieh.")
    urls = browser.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(e => e.name)")
    assert f"{service}/viewer" in urls and f"{service}/v1/extract" in urls
    assert all(url.startswith(f"{service}/") for url in urls), urls
    assert console_errors(browser) == []


def test_a_bad_date_is_reported_by_field(browser: Any, service: str) -> None:
    """published_at is sent as typed; the service's 422 names the field."""
    from selenium.webdriver.common.by import By

    open_viewer(browser, service)
    extract(browser, typed=TYPED, published_at="2024-13-45")
    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#error ul.errors li")]
    assert len(items) == 1 and items[0].startswith("published_at: "), items
