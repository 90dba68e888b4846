"""Scale-out: two replicas of the service behind nginx, sharing one Redis cache and one model server.

Every part is a real process on loopback, as in a deployment:

- one ``redis-server`` (no persistence), the cache both replicas use (``CONFLICT_REDIS_URL``);
- one OpenAI-compatible model server: the fake of ``tests/contract/slow_upstream.py`` (50 ms per call),
  whose ``GET /stats`` counts the completion requests it received;
- two replicas, each started with the Makefile's own uvicorn command line, with
  ``CONFLICT_PROVIDER=openai``, ``CONFLICT_OPENAI_BASE_URL`` at the fake and ``CONFLICT_INSTRUCTOR_MODE=json_schema``;
- Debian's nginx in front (round robin, the ``location`` block of the example in docs/deployment.md; the
  test adds only an ``X-Upstream`` header naming the replica, or replicas, nginx tried).

It checks that an article computed by one replica is a cache hit on the other (the model is not asked
again), that both replicas serve traffic (each answer's ``X-Request-ID`` is in the log of the replica nginx
named, and of no other), and that with one replica stopped every request is still answered through nginx,
which retries the refused connection on the replica left.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.contract.test_shutdown import make_run_args
from tests.servers import free_port, stop, wait_ready, wait_redis

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
UPSTREAM_DELAY_S = 0.05
REDIS_DBS = (0, 0)  # the Redis database of each replica: one shared cache

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(shutil.which("redis-server") is None,
                       reason="redis-server is not on PATH (Debian: apt-get install redis-server; make test does)"),
    pytest.mark.skipif(NGINX is None,
                       reason="nginx is not installed (Debian: apt-get install --no-install-recommends nginx; "
                              "make test does)"),
]


def article(n: int) -> str:
    """A short article with two event sentences (two model questions); ``n`` makes it a different text."""
    return (f"Israeli warplanes struck a weapons depot near Nabatieh on day {n}. "
            f"Gunmen fired rockets at an army base in the north on day {n}.")


@dataclass
class Replica:
    addr: str  # 127.0.0.1:PORT, as nginx writes it in $upstream_addr
    proc: subprocess.Popen[bytes]
    log: Path

    def request_ids(self) -> set[str]:
        """Ids of the extractions this replica answered, from its own JSON log lines."""
        ids: set[str] = set()
        for line in self.log.read_text(errors="replace").splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue  # uvicorn's own plain-text lines
            if isinstance(event, dict) and event.get("event") == "extract.completed":
                ids.add(str(event["request_id"]))
        return ids


def spawn(stack: ExitStack, args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``args`` in the repository root with its output in ``log``; stopped when ``stack`` closes."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=sink,
                                stderr=subprocess.STDOUT)
    stack.callback(stop, proc)
    return proc


def nginx_conf(tmp: Path, port: int, replicas: list[str]) -> str:
    """Round robin over ``replicas``; pid, logs and temp files under ``tmp``; root's own workers when root."""
    servers = "\n".join(f"        server {addr};" for addr in replicas)
    user = "user root;" if os.geteuid() == 0 else "# not root: nginx runs as the current user"
    return textwrap.dedent("""\
        {user}
        worker_processes 1;
        pid {tmp}/nginx.pid;
        lock_file {tmp}/nginx.lock;
        error_log {tmp}/nginx-error.log info;
        events {{ worker_connections 64; }}
        http {{
            access_log {tmp}/nginx-access.log;
            client_body_temp_path {tmp}/client_body;
            proxy_temp_path {tmp}/proxy;
            fastcgi_temp_path {tmp}/fastcgi;
            uwsgi_temp_path {tmp}/uwsgi;
            scgi_temp_path {tmp}/scgi;
            upstream conflict_extract {{
        {servers}
            }}
            server {{
                listen 127.0.0.1:{port};
                client_max_body_size 16m;
                location / {{
                    proxy_pass http://conflict_extract;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 660s;
                    proxy_next_upstream error timeout;
                    proxy_buffering off;
                    add_header X-Upstream $upstream_addr always;
                }}
            }}
        }}
        """).format(user=user, tmp=tmp, port=port, servers=servers)


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    with ExitStack() as processes:
        yield processes


def served_by(response: httpx.Response) -> str:
    """The replica that answered: the last address nginx tried."""
    return tried(response)[-1]


def tried(response: httpx.Response) -> list[str]:
    return response.headers["x-upstream"].split(", ")


def events(response: httpx.Response) -> dict[str, Any]:
    return {k: v for k, v in response.json().items() if k not in ("meta", "document")}


def test_replicas_behind_nginx_share_one_cache_and_survive_losing_one(stack: ExitStack, tmp_path: Path) -> None:
    """Same article twice: computed once, the repeat a cache hit on the other replica; both replicas serve;
    one replica stopped: every request is still answered (nginx retries the refused connection)."""
    redis_port, model_port, lb_port = free_port(), free_port(), free_port()
    redis_proc = spawn(stack, ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)], tmp_path / "redis.log")
    model = f"http://127.0.0.1:{model_port}"
    model_proc = spawn(stack, [sys.executable, "-m", "uvicorn", "tests.contract.slow_upstream:app",
                               "--host", "127.0.0.1", "--port", str(model_port), "--log-level", "warning"],
                       tmp_path / "model.log", {"SLOW_UPSTREAM_DELAY_S": str(UPSTREAM_DELAY_S)})
    replicas: dict[str, Replica] = {}
    for n, db in enumerate(REDIS_DBS):
        port = free_port()
        args = make_run_args(port)
        assert args[:2] == ["api.app:create_app", "--factory"] and "--timeout-graceful-shutdown" in args
        env = {"CONFLICT_PROVIDER": "openai", "CONFLICT_OPENAI_BASE_URL": f"{model}/v1",
               "CONFLICT_OPENAI_MODEL": "fake", "CONFLICT_INSTRUCTOR_MODE": "json_schema",
               "CONFLICT_REDIS_URL": f"redis://127.0.0.1:{redis_port}/{db}", "CONFLICT_LOG_JSON": "true",
               "PYTHONUNBUFFERED": "1"}
        log = tmp_path / f"replica-{n}.log"
        addr = f"127.0.0.1:{port}"
        replicas[addr] = Replica(addr, spawn(stack, [sys.executable, "-m", "uvicorn", *args], log, env), log)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, lb_port, list(replicas)))
    assert NGINX is not None
    lb_proc = spawn(stack, [NGINX, "-p", f"{tmp_path}/", "-c", str(conf), "-e", str(tmp_path / "nginx-error.log"),
                            "-g", "daemon off;"], tmp_path / "nginx.out")
    wait_redis(redis_port, redis_proc)
    wait_ready(f"{model}/stats", model_proc, 30)
    for replica in replicas.values():
        wait_ready(f"http://{replica.addr}/readyz", replica.proc, 60)
    lb = f"http://127.0.0.1:{lb_port}"
    wait_ready(f"{lb}/healthz", lb_proc, 10)

    def asked() -> int:
        """Completion requests the model server has received so far."""
        return int(httpx.get(f"{model}/stats", timeout=5).json()["chat_completions"])

    def extract(text: str, ident: str) -> httpx.Response:
        response = httpx.post(f"{lb}/v1/extract", json={"id": ident, "text": text}, timeout=60)
        assert response.status_code == 200, response.text
        assert response.json()["document"]["id"] == ident
        return response

    # 1. the same article twice through nginx: computed once, by one replica; the repeat goes to the other
    #    replica (round robin) and is answered from the shared Redis cache without asking the model
    before = asked()
    first = extract(article(0), "first")
    computed = first.json()["meta"]
    after_first = asked()
    second = extract(article(0), "second")
    repeat = second.json()["meta"]
    assert computed["cached"] is False and computed["llm_calls"] >= 2, computed
    assert after_first - before == computed["llm_calls"], "the model served exactly the calls the replica reported"
    assert served_by(first) != served_by(second), "round robin sends the repeat to the other replica"
    assert repeat["cached"] is True, f"the other replica missed the shared cache: {repeat}"
    assert (repeat["llm_calls"], repeat["retries"]) == (0, 0)
    assert asked() == after_first, "the model was not asked again"
    assert events(second) == events(first)

    # 2. both replicas serve traffic: round robin alternates, and each replica logged the requests nginx
    #    says it answered (by X-Request-ID), and no other
    before = asked()
    fresh = [extract(article(n), f"article-{n}") for n in range(1, 5)]
    assert all(r.json()["meta"]["cached"] is False for r in fresh)
    assert asked() - before == sum(r.json()["meta"]["llm_calls"] for r in fresh)
    answered = [first, second, *fresh]
    assert Counter(served_by(r) for r in answered) == dict.fromkeys(replicas, 3)
    assert all(len(tried(r)) == 1 for r in answered), "no retries while both replicas are up"
    logged = {addr: replica.request_ids() for addr, replica in replicas.items()}
    for response in answered:
        rid = response.headers["x-request-id"]
        assert [addr for addr, ids in logged.items() if rid in ids] == [served_by(response)], rid

    # 3. one replica stops (SIGTERM, as a rolling deploy or a crash-looping pod would): nginx's connection to
    #    it is refused and the request goes to the other, so every request is still answered
    gone = replicas[served_by(first)]
    (survivor,) = (r for r in replicas.values() if r is not gone)
    stop(gone.proc)
    assert gone.proc.returncode in (0, -signal.SIGTERM)
    before = asked()
    later = [extract(article(0), "again-1"), extract(article(5), "article-5"),
             extract(article(0), "again-2"), extract(article(6), "article-6")]
    assert all(served_by(r) == survivor.addr for r in later), [r.headers["x-upstream"] for r in later]
    assert any(tried(r) == [gone.addr, survivor.addr] for r in later), "nginx tried the stopped replica, then the other"
    hits = [later[0].json()["meta"], later[2].json()["meta"]]
    assert all(m["cached"] is True and m["llm_calls"] == 0 for m in hits), hits
    assert [later[1].json()["meta"]["cached"], later[3].json()["meta"]["cached"]] == [False, False]
    assert asked() - before == later[1].json()["meta"]["llm_calls"] + later[3].json()["meta"]["llm_calls"]
    assert {r.headers["x-request-id"] for r in later} <= survivor.request_ids()
    assert "Connection refused" in (tmp_path / "nginx-error.log").read_text()
    assert lb_proc.poll() is None and survivor.proc.poll() is None
