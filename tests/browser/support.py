"""What the browser tests share besides fixtures: where Chromium is, the marks, small page helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} is missing: apt-get install chromium chromium-driver (make test does)"),
]


def console_errors(driver: Any) -> list[str]:
    """The browser console's SEVERE messages since the last call (reading the log empties it)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call, from DevTools' ``Network.requestWillBeSent``
    events (the ``performance`` log; reading it empties it). Requests that failed (an unresolved host) are
    in it; a fetch a Content-Security-Policy refused may not be, but it is a console error."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
