"""Browser tests: the service behind a real uvicorn server on loopback, driven by headless Chromium.

The service runs on a ``FakeBackend`` (no model is loaded) with an API key configured, so the pages are
exercised as a protected deployment serves them. Chromium is Debian's (``/usr/bin/chromium`` with its
``/usr/bin/chromedriver``), driven by selenium; it starts with its background network features off and
a host resolver that resolves no name at all, so nothing a page does can reach the network (loopback is
addressed by IP). Every test here carries ``tests.browser.support.BROWSER``: the ``browser`` marker, and
a skip (with the reason) only when ``/usr/bin/chromium`` is missing (``make test`` installs it).
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from tests.browser.support import ARTIFACTS, CHROMEDRIVER, CHROMIUM
from tests.contract.support import TEST_KEY_SHA256, settings_for
from tests.fakes import FakeBackend
from tests.servers import serve_in_thread

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
    # no network of its own: no updates, sync, metrics upload, default apps, first-run or proxy lookups
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--no-default-browser-check", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-proxy-server",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    # and no name resolves: a page that asks for anything but 127.0.0.1 gets ERR_NAME_NOT_RESOLVED
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


@pytest.fixture(scope="session")
def service() -> Iterator[str]:
    """The app on a FakeBackend, API key required, behind uvicorn on a free loopback port: its base URL."""
    settings = settings_for(api_keys_sha256=[TEST_KEY_SHA256], max_chars=20_000, max_body_bytes=262_144)
    with serve_in_thread(create_app(settings, backend=FakeBackend()), timeout_s=20) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session (console messages and network requests kept for the tests)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # console messages, and the DevTools network events (the "performance" log) for tests to read
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    log = tmp_path_factory.mktemp("chromedriver") / "chromedriver.log"
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER), log_output=str(log)))
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
