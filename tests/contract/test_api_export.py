"""``POST /v1/export/{format}``: one article extracted and answered in an analyst format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.contract.support import assert_problem, body, client_for


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    """One started app on the fake backend for every test of this module."""
    with client_for() as c:
        yield c


@pytest.mark.parametrize(("fmt", "media"), [("acled-csv", "text/csv"), ("ucdp-csv", "text/csv"),
                                            ("plover-jsonl", "application/x-ndjson"),
                                            ("geojson", "application/geo+json")])
def test_each_format_is_served_with_its_media_type(client: TestClient[Any], fmt: str, media: str) -> None:
    """Each of the four formats answers 200 with its own media type and a request id."""
    r = client.post(f"/v1/export/{fmt}", json=body(published_at="2024-03-06"))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media) and len(r.headers["x-request-id"]) == 32
    assert r.text.strip()


def test_acled_export_matches_the_extraction(client: TestClient[Any]) -> None:
    """The ACLED export has one row per strike and attack of the JSON answer to the same body."""
    extracted = client.post("/v1/extract", json=body()).json()
    rows = list(csv.DictReader(io.StringIO(client.post("/v1/export/acled-csv", json=body()).text)))
    assert [r["event_id_cnty"] for r in rows] == [e["uid"] for e in extracted["strikes"] + extracted["attacks"]]


def test_geojson_export_is_one_collection(client: TestClient[Any]) -> None:
    """The GeoJSON export parses as one FeatureCollection."""
    assert json.loads(client.post("/v1/export/geojson", json=body()).text)["type"] == "FeatureCollection"


def test_unknown_format_is_a_problem(client: TestClient[Any]) -> None:
    """A format not in the list is a 422 problem naming the format parameter, never a 500."""
    problem = assert_problem(client.post("/v1/export/xlsx", json=body()), 422)
    assert problem["errors"][0]["loc"] == "fmt"


def test_invalid_body_is_422(client: TestClient[Any]) -> None:
    """The body is validated as for /v1/extract: a numeric published_at is a 422 problem."""
    assert_problem(client.post("/v1/export/acled-csv", json=body(published_at=0.0)), 422)
