"""Graceful shutdown: the service as ``make run`` starts it, sent SIGTERM with a request in flight.

The service runs under uvicorn in its own process, with the command line of the Makefile's ``run``
target (``--timeout-graceful-shutdown`` included), on provider ``openai`` pointed at a slow fake
upstream in another process on loopback (each model call takes 1.5 s). SIGTERM arrives while an
extraction waits on the upstream: the extraction must still answer 200, new connections must be
refused at once, and the process must exit cleanly once the request is done.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port, stop, wait_ready

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_DELAY_S = 1.5
ONE_QUESTION = "Israeli warplanes struck a weapons depot near Nabatieh on Tuesday."


def make_run_args(port: int) -> list[str]:
    """The uvicorn arguments of the Makefile's ``run`` target, with this test's host and port."""
    line = next(ln for ln in (ROOT / "Makefile").read_text().splitlines() if "-m uvicorn" in ln)
    line = re.sub(r"\$\$\{CONFLICT_HOST:-[^}]*\}", "127.0.0.1", line)
    line = re.sub(r"\$\$\{CONFLICT_PORT:-[^}]*\}", str(port), line)
    line = re.sub(r"\$\$\{CONFLICT_SHUTDOWN_GRACE_S:-([^}]*)\}", lambda m: os.environ.get(
        "CONFLICT_SHUTDOWN_GRACE_S", m.group(1)), line)
    return shlex.split(line.split("-m uvicorn", 1)[1])


def start(args: list[str], env: dict[str, str], ready_url: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", *args], cwd=ROOT, env={**os.environ, **env},
                                stdout=sink, stderr=sink)
    try:
        wait_ready(ready_url, proc, 60)
    except BaseException:
        stop(proc)
        raise
    return proc


def start_on(upstream: str, tmp_path: Path) -> tuple[subprocess.Popen[bytes], str, Path, list[str]]:
    """The service as ``make run`` starts it, on provider ``openai`` pointed at ``upstream``, with its log in
    ``tmp_path``: (process, base URL, log path, uvicorn arguments)."""
    port = free_port()
    args = make_run_args(port)
    env = {"CONFLICT_PROVIDER": "openai", "CONFLICT_OPENAI_BASE_URL": upstream, "CONFLICT_OPENAI_MODEL": "fake",
           "CONFLICT_INSTRUCTOR_MODE": "json_schema", "CONFLICT_CACHE_SIZE": "0", "CONFLICT_LOG_JSON": "true"}
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "service.log"
    return start(args, env, f"{base}/readyz", log), base, log, args


@pytest.fixture
def slow_upstream() -> Iterator[str]:
    """The slow fake model (tests/contract/slow_upstream.py) on a loopback port: its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.contract.slow_upstream:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "SLOW_UPSTREAM_DELAY_S": str(UPSTREAM_DELAY_S)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, "fake upstream did not start"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop(proc)


def test_sigterm_lets_the_request_in_flight_finish_and_refuses_new_connections(
    slow_upstream: str, tmp_path: Path
) -> None:
    """SIGTERM during an extraction: that request still gets its 200, a new connection is refused at once,
    and the service shuts down cleanly (lifespan closed) soon after the request is done."""
    service, base, log, args = start_on(slow_upstream, tmp_path)
    try:
        assert "--timeout-graceful-shutdown" in args, "make run sets a grace period"
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(httpx.post, f"{base}/v1/extract", json={"text": ONE_QUESTION}, timeout=30)
            time.sleep(UPSTREAM_DELAY_S / 3)  # the extraction now waits on the upstream
            assert not pending.done()
            service.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            refused_at = time.monotonic()
            with pytest.raises(httpx.ConnectError):
                httpx.get(f"{base}/healthz", timeout=2)
            refused_in = time.monotonic() - refused_at
            in_flight = pending.result(timeout=30)
        done_at = time.monotonic()
        code = service.wait(timeout=10)
        exited_in = time.monotonic() - done_at
    finally:
        stop(service)
    assert in_flight.status_code == 200, in_flight.text
    assert len(in_flight.json()["strikes"]) == 1
    assert refused_in < 1.0
    assert code in (0, -signal.SIGTERM), "uvicorn exits 0, or re-raises the SIGTERM it handled"
    assert exited_in < 5.0
    lines = log.read_text()
    assert "Finished server process" in lines and '"event": "app.stopped"' in lines, lines[-2000:]
    assert "Cancel" not in lines and "Traceback" not in lines, "nothing was cut off"


MANY_QUESTIONS = " ".join(f"Israeli warplanes struck a weapons depot near Nabatieh on day {i}." for i in range(8))


def test_sigterm_stops_an_extraction_that_outlives_the_grace_with_a_problem_document(
    slow_upstream: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An extraction that would take longer than the grace period (8 questions × 1.5 s against a 3 s grace):
    2 s before the grace ends the app stops it, and its client gets a 503 problem+json with Retry-After,
    not the server's plain-text 500; the process still exits cleanly."""
    monkeypatch.setenv("CONFLICT_SHUTDOWN_GRACE_S", "3")
    service, base, log, args = start_on(slow_upstream, tmp_path)
    try:
        assert args[args.index("--timeout-graceful-shutdown") + 1] == "3"
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(httpx.post, f"{base}/v1/extract", json={"text": MANY_QUESTIONS}, timeout=30)
            time.sleep(UPSTREAM_DELAY_S / 3)
            service.send_signal(signal.SIGTERM)
            signalled = time.monotonic()
            cut = pending.result(timeout=30)
            answered_in = time.monotonic() - signalled
        code = service.wait(timeout=10)
    finally:
        stop(service)
    assert cut.status_code == 503, cut.text
    assert cut.headers["content-type"].startswith("application/problem+json")
    assert cut.json()["type"].endswith("shutting-down") and cut.headers["retry-after"] == "5"
    assert 0.5 < answered_in < 3.0, answered_in
    assert code in (0, -signal.SIGTERM)
    lines = log.read_text()
    assert '"event": "app.draining"' in lines and '"event": "app.stopped"' in lines, lines[-2000:]
    assert "Traceback" not in lines
