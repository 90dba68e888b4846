"""schemathesis over the app's own OpenAPI document, on the fake backend: no 5xx, every answer as documented.

For each operation, hypothesis draws requests from the document (schema-valid ones, and for the two
POST routes schema-violating ones too), bounded to ``MAX_EXAMPLES`` each; every response must pass
schemathesis' checks: not a server error, a documented status code, content type and headers, a
body that validates against the documented schema, violating data refused (4xx) and valid data
accepted (2xx); a batch's invalid line comes back as that line's 4xx problem in a 200 stream, as
documented. Requests go through Litestar's test client (the app's lifespan has run, so the
resources exist); schemathesis' pytest plugin is off (``-p no:schemathesis``), hypothesis drives it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient
from schemathesis import DataGenerationMethod
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from schemas.contract import ExtractResponse
from tests.contract.support import client_for

# schemathesis 3 reads jsonschema's deprecated RefResolver/RefResolutionError when its modules load;
# it is their deprecation, not ours, and this file is the only user of schemathesis.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:jsonschema\.(exceptions\.RefResolutionError|RefResolver) is deprecated:DeprecationWarning"
)

MAX_EXAMPLES = 30
BASE_URL = "http://testserver.local"
CHECKS = (
    not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
    response_schema_conformance, positive_data_acceptance,
)
OPERATIONS = [  # (method, path, data generation method): GET routes take no input to violate
    ("POST", "/v1/extract", DataGenerationMethod.positive),
    ("POST", "/v1/extract", DataGenerationMethod.negative),
    ("POST", "/v1/extract/batch", DataGenerationMethod.positive),
    ("POST", "/v1/extract/batch", DataGenerationMethod.negative),
    ("GET", "/healthz", DataGenerationMethod.positive),
    ("GET", "/readyz", DataGenerationMethod.positive),
]


@schemathesis.serializer("application/x-ndjson")
class NDJSONSerializer:
    """The batch body: one generated request object per line."""

    def as_requests(self, context: Any, value: Any) -> dict[str, Any]:
        return {"data": (json.dumps(value) + "\n").encode()}

    def as_werkzeug(self, context: Any, value: Any) -> dict[str, Any]:
        return self.as_requests(context, value)


def assert_batch_lines(response: httpx.Response, mode: DataGenerationMethod) -> None:
    """A batch answers 200 with one line per article: an ExtractResponse, or an error line whose problem
    is a 4xx (an invalid line is the client's mistake, reported on its line; the batch goes on)."""
    if response.status_code != 200:
        return
    # NDJSON lines end with "\n" only (str.splitlines would also split at U+2028 inside a JSON string)
    lines = [json.loads(line) for line in response.text.split("\n") if line.strip()]
    assert lines, "one line per request line"
    for line in lines:
        if "error" in line:
            assert mode is DataGenerationMethod.negative, line
            problem = line["error"]
            assert 400 <= problem["status"] < 500 and {"type", "title", "detail"} <= problem.keys(), line
        else:
            ExtractResponse.model_validate(line)


@pytest.fixture(scope="module")
def app_client() -> Iterator[TestClient[Any]]:
    """The app on the keyword fake backend, with room for a batch and no response cache."""
    with client_for(max_queue=4, cache_size=0) as client:
        yield client


@pytest.fixture(scope="module")
def schema(app_client: TestClient[Any]) -> Any:
    """The OpenAPI document the app serves (3.1: schemathesis' experimental support is switched on)."""
    schemathesis.experimental.OPEN_API_3_1.enable()
    return schemathesis.from_dict(app_client.get("/schema").json(), base_url=BASE_URL, sanitize_output=False)


def send(client: TestClient[Any], case: Any) -> httpx.Response:
    """The case as schemathesis would send it, through the app's test client; headers as raw latin-1."""
    kwargs = case.as_transport_kwargs(base_url=BASE_URL)
    headers = [(k.encode("latin-1", "replace"), str(v).encode("latin-1", "replace"))
               for k, v in (kwargs.get("headers") or {}).items()]
    body: dict[str, Any] = {"json": kwargs["json"]} if "json" in kwargs else {"content": kwargs.get("data")}
    return client.request(kwargs["method"], kwargs["url"], headers=headers, params=kwargs.get("params"), **body)


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS,
                         ids=[f"{m} {p} {g.name}" for m, p, g in OPERATIONS])
def test_every_generated_request_gets_a_documented_answer(
    app_client: TestClient[Any], schema: Any, method: str, path: str, mode: DataGenerationMethod
) -> None:
    """Requests drawn from the OpenAPI document never get a 5xx, and every answer conforms to the document:
    status code, content type, headers and body schema; invalid data is refused, valid data accepted."""
    operation = schema[path][method]
    seen: list[int] = []

    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy(data_generation_method=mode))
        response = send(app_client, case)
        seen.append(response.status_code)
        assert response.status_code < 500, response.text
        if path.endswith("/batch"):
            case.validate_response(response, checks=CHECKS)
            assert_batch_lines(response, mode)
        else:
            case.validate_response(response, checks=(*CHECKS, negative_data_rejection))

    run()
    assert len(seen) >= min(MAX_EXAMPLES, 10) or method == "GET", seen
