"""Request fields beyond the text: a strictly typed ``published_at`` and the echoed ``source``, ``url``, ``title``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.contract.support import assert_problem, body, client_for


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    """One started app on the fake backend for every test of this module."""
    with client_for(cache_size=0) as c:
        yield c


@pytest.mark.parametrize("bad", [0.0, 12, True, "2024-3-5", "2024-03-05T10:00:00", "05/03/2024", "2024-02-30", [],
                                 {"y": 2024}])
def test_published_at_that_is_not_a_day_string_is_422(client: TestClient[Any], bad: object) -> None:
    """Anything but a YYYY-MM-DD string of a real day or null is a 422 problem naming published_at."""
    problem = assert_problem(client.post("/v1/extract", json=body(published_at=bad)), 422)
    assert "published_at" in str(problem.get("errors")), problem


def test_published_at_null_and_a_day_are_accepted(client: TestClient[Any]) -> None:
    """null and a YYYY-MM-DD string are both valid and echoed as sent."""
    assert client.post("/v1/extract", json=body(published_at=None)).json()["document"]["published_at"] is None
    r = client.post("/v1/extract", json=body(published_at="2024-02-29"))
    assert r.status_code == 200, r.text
    assert r.json()["document"]["published_at"] == "2024-02-29"


def test_source_url_and_title_are_echoed_in_document(client: TestClient[Any]) -> None:
    """The optional source, url and title of the request come back unchanged in ``document``."""
    fields = {"source": "Example Wire", "url": "https://news.example/a/1", "title": "Strike near Nabatieh"}
    doc = client.post("/v1/extract", json=body(**fields)).json()["document"]
    assert {k: doc[k] for k in fields} == fields


def test_document_fields_are_null_when_not_sent(client: TestClient[Any]) -> None:
    """Without source, url and title the document reports them as null, not missing."""
    doc = client.post("/v1/extract", json=body()).json()["document"]
    assert (doc["source"], doc["url"], doc["title"]) == (None, None, None)


@pytest.mark.parametrize("field", ["source", "url", "title"])
def test_non_string_document_field_is_422(client: TestClient[Any], field: str) -> None:
    """A number where source, url or title should be a string is a 422 problem, not coerced."""
    assert_problem(client.post("/v1/extract", json=body(**{field: 5})), 422)


def test_cache_hit_echoes_the_new_request_fields() -> None:
    """A cached answer to the same text carries the second request's title, not the first one's."""
    with client_for(cache_size=8) as c:
        c.post("/v1/extract", json=body(title="first"))
        hit = c.post("/v1/extract", json=body(title="second")).json()
    assert hit["meta"]["cached"] is True
    assert hit["document"]["title"] == "second"
