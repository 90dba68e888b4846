"""Real servers for end-to-end tests: the service on the embedded model, and llama.cpp's own server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.extraction.providers.model_files import PACKAGED, resolve_model_path
from api.settings import Settings
from tests.servers import free_port, stop, wait_ready

ROOT = Path(__file__).resolve().parents[2]
E2E_MODEL = os.environ.get("CONFLICT_E2E_MODEL", "qwen2.5-coder-0.5b")
SEED_ARTICLE = (
    "AMMAN, Jordan – The U.S. military said on Sunday it carried out air strikes on two weapons depots "
    "used by Iran-backed militias near al-Bukamal in eastern Syria on Saturday. "
    "The strikes were a response to a drone attack on a base in Jordan that wounded three U.S. soldiers, "
    "Defense Secretary Lloyd Austin said in a statement. "
    "Syria's foreign ministry condemned the strikes as “a flagrant violation of Syrian sovereignty.”"
)


@pytest.fixture(scope="session")
def e2e_model_path() -> Path:
    return resolve_model_path(E2E_MODEL, Settings().model_cache_dir, None, None)


def _start(args: list[str], env: dict[str, str], ready_url: str, timeout_s: float) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_ready(ready_url, proc, timeout_s, poll_s=0.5)
        yield proc
    finally:
        stop(proc, grace_s=30)


@pytest.fixture(scope="session")
def service_url(e2e_model_path: Path) -> Iterator[str]:
    """The service as `make run` starts it, on the embedded model (the small one in tests)."""
    port = free_port()
    env = {"CONFLICT_PROVIDER": "local", "CONFLICT_LOCAL_MODEL": E2E_MODEL, "CONFLICT_MAX_QUEUE": "2"}
    args = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
            "--port", str(port), "--no-access-log"]
    base = f"http://127.0.0.1:{port}"
    yield from (base for _ in _start(args, env, f"{base}/readyz", 300))


@pytest.fixture(scope="session")
def llama_server_url(e2e_model_path: Path) -> Iterator[str]:
    """llama-cpp-python's own OpenAI-compatible server on loopback, with the small model."""
    port = free_port()
    args = [sys.executable, str(ROOT / "tests" / "e2e" / "llama_server.py"), "--model", str(e2e_model_path),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "2",
            "--model_alias", PACKAGED[E2E_MODEL].key]
    base = f"http://127.0.0.1:{port}"
    yield from (f"{base}/v1" for _ in _start(args, {}, f"{base}/v1/models", 300))
