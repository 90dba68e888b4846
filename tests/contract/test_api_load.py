"""Under load and trouble: admission control, the request deadline, and the health probes."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from litestar.testing import TestClient

from api.app import create_app
from tests.contract.support import assert_problem, body, client_for, settings_for, wait_until
from tests.fakes import FakeBackend


def test_deadline_exceeded_is_504() -> None:
    """An extraction slower than request_deadline_s is cut off with 504."""
    with client_for(FakeBackend(delay_s=5.0), request_deadline_s=0.2) as client:
        started = time.monotonic()
        r = client.post("/v1/extract", json=body())
    assert_problem(r, 504)
    assert time.monotonic() - started < 4.0


def test_full_queue_is_refused_at_once_with_503_and_retry_after() -> None:
    """With every slot and queue place taken, a further request gets 503 Busy with Retry-After at once."""
    fake = FakeBackend()
    fake.hold()
    # no cache: identical requests would otherwise wait for the first one (single flight), not queue
    with client_for(fake, max_concurrency=1, max_queue=1, cache_size=0) as client, ThreadPoolExecutor(2) as pool:
        admission = client.app.state.resources.admission
        running = [pool.submit(client.post, "/v1/extract", json=body()) for _ in range(2)]
        wait_until(lambda: fake.in_flight > 0 and admission.admitted == 2)
        started = time.monotonic()
        r = client.post("/v1/extract", json=body())
        refused_in = time.monotonic() - started
        fake.release()
        statuses = [f.result(timeout=10).status_code for f in running]
    problem = assert_problem(r, 503)
    assert problem["type"].endswith("/busy")
    assert int(r.headers["retry-after"]) >= 1
    assert refused_in < 1.0
    assert statuses == [200, 200]


def test_healthz_answers_while_an_extraction_runs() -> None:
    """/healthz answers 200 while an extraction is held in the model (the answer does not wait for it)."""
    fake = FakeBackend()
    fake.hold()
    with client_for(fake) as client, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(client.post, "/v1/extract", json=body())
        wait_until(lambda: fake.in_flight > 0)
        r = client.get("/healthz")
        still_running = not pending.done()
        fake.release()
        assert pending.result(timeout=10).status_code == 200
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
    assert still_running


def test_readyz_reports_the_backend() -> None:
    """/readyz is 200 with a ready backend and a 503 problem when the backend says it is not ready."""
    with client_for(FakeBackend(model_name="fake-ready")) as client:
        ok = client.get("/readyz")
    with client_for(FakeBackend(ready=False)) as client:
        not_ready = client.get("/readyz")
    assert ok.status_code == 200
    assert ok.json()["model"] == "fake-ready"
    assert_problem(not_ready, 503)
    assert "retry-after" in not_ready.headers


def test_a_backend_that_cannot_be_built_makes_readyz_and_extract_503(tmp_path: Path) -> None:
    """When the model file is missing, the app still starts: /healthz 200, /readyz and /v1/extract 503."""
    settings = settings_for(provider="local", model_path=tmp_path / "missing.gguf")
    with TestClient(app=create_app(settings)) as client:
        wait_until(lambda: client.app.state.resources.backend_error is not None)
        health, ready = client.get("/healthz"), client.get("/readyz")
        extract = client.post("/v1/extract", json=body())
    assert health.status_code == 200
    assert assert_problem(ready, 503)["type"].endswith("/model-unavailable")
    assert_problem(extract, 503)


def test_an_injected_backend_is_not_closed_by_the_app() -> None:
    """The app does not close a backend it was given: its owner does."""
    fake = FakeBackend()
    with client_for(fake) as client:
        assert client.get("/readyz").status_code == 200
    assert fake.closed is False
