"""The performance benchmark (``make bench``; not part of the tests). Prints one table, writes JSON.

Sections (issue #5):

- overhead: a fake OpenAI-compatible model (``bench_upstream.py``, its own process, instant answers)
  behind the service under uvicorn (uvloop, httptools) in its own process, driven at concurrency
  1, 16 and 64 by ``wrk`` (or, without it, an httpx client in another process); the same for a bare
  Litestar handler (``bench_bare.py``) answering a response of the same size. Every run is
  ``--duration`` seconds, repeated ``--reps`` times; the table shows the median run.
- cache: the service with its LRU on, one identical request repeated (every one after the first a hit).
- scaling: articles of 1k, 10k and 100k characters through the in-process extractor on an instant
  backend, one subprocess per size: time (median of three) and peak RSS growth.
- model (``--model``, slow): each dev article through the embedded model, with llama.cpp's own
  timings of prompt processing and generation.

    .venv/bin/python scripts/bench.py [--duration 10] [--reps 3] [--model] [--out bench-results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_articles import article  # noqa: E402
from bench_upstream import ATTACK, STRIKE  # noqa: E402

from api.extraction.backends import CURRENT_STATS, Backend  # noqa: E402
from schemas.contract import ExtractRequest  # noqa: E402
from schemas.llm import EventAnswer, SpeakerAnswer  # noqa: E402

PY = sys.executable
CONCURRENCY = (1, 16, 64)
SCALING_CHARS = (1_000, 10_000, 100_000)
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
SERVICE_ENV = {
    "CONFLICT_PROVIDER": "openai", "CONFLICT_CACHE_SIZE": "0", "CONFLICT_MAX_CONCURRENCY": "64",
    "CONFLICT_MAX_QUEUE": "256", "CONFLICT_OPENAI_MODEL": "fake", "CONFLICT_LOG_JSON": "true",
}
UVICORN = ["-m", "uvicorn", "--factory", "--host", "127.0.0.1", "--loop", "uvloop", "--http", "httptools",
           "--no-access-log", "--log-level", "warning"]


# --- processes ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def http(method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
    try:
        r = httpx.request(method, url, content=body, headers={"Content-Type": "application/json"}, timeout=30)
    except httpx.HTTPError:
        return 0, b""
    return r.status_code, r.content


@contextmanager
def process(cmd: list[str], *, ready_url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    """Run ``cmd`` until the block ends; wait for ``ready_url`` to answer 200 first."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=out)
        try:
            deadline = time.monotonic() + 60
            while http("GET", ready_url)[0] != 200:
                if proc.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"{' '.join(cmd[-3:])} did not start:\n{tail}")
                time.sleep(0.1)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --- load generation ---------------------------------------------------------------------------

WRK_SCRIPT = """
local f = assert(io.open([[{body}]], "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {{"requests": %d, "duration_s": %f, "non2xx": %d, "errors": %d, '
    .. '"p50_ms": %f, "p99_ms": %f}}\\n', summary.requests, summary.duration / 1e6, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def load_once(url: str, body: Path, concurrency: int, seconds: float, tmp: Path) -> dict[str, Any]:
    """One bounded run at ``concurrency``: requests/s, p50 and p99 in ms, non-2xx and socket errors."""
    if shutil.which("wrk"):
        script = tmp / "post.lua"
        script.write_text(WRK_SCRIPT.format(body=body))
        cmd = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
               "-s", str(script), url]
    else:
        cmd = [PY, __file__, "--loadgen", url, str(body), str(concurrency), str(seconds)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    result: dict[str, Any] = json.loads(line[6:])
    result["rps"] = result["requests"] / result["duration_s"]
    return result


def load(url: str, body: Path, concurrency: int, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """The median of ``args.reps`` runs (by requests/s), with every run kept.

    When a run completes fewer than two requests per connection, the requests take longer than the
    run: the duration is tripled (up to twice) so that the percentiles describe whole requests.
    """
    seconds = args.duration
    while True:
        first = load_once(url, body, concurrency, seconds, tmp)
        if first["requests"] >= 2 * concurrency or seconds >= 9 * args.duration:
            break
        seconds *= 3
    runs = [first] + [load_once(url, body, concurrency, seconds, tmp) for _ in range(args.reps - 1)]
    median = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return {**median, "concurrency": concurrency, "runs": runs, "run_s": seconds,
            "p50_ms_median": statistics.median(r["p50_ms"] for r in runs)}


async def _loadgen(url: str, body: bytes, concurrency: int, seconds: float) -> None:
    latencies: list[float] = []
    non2xx = errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30, headers={"Content-Type": "application/json"}) as c:

        async def worker() -> None:
            nonlocal non2xx, errors
            while time.perf_counter() < stop:
                t = time.perf_counter()
                try:
                    r = await c.post(url, content=body)
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - t)
                non2xx += r.status_code >= 300

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        took = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    print("BENCH " + json.dumps({"requests": len(latencies), "duration_s": took, "non2xx": non2xx,
                                 "errors": errors, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000}))


# --- sections ----------------------------------------------------------------------------------

def overhead_and_cache(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    body = tmp / "article.json"
    text = article(3000)
    body.write_text(json.dumps({"text": text, "published_at": "2024-03-05"}))
    up, svc, bare, cached = free_port(), free_port(), free_port(), free_port()
    upstream_cmd = [PY, str(ROOT / "scripts" / "bench_upstream.py"), str(up)]
    env = {**SERVICE_ENV, "CONFLICT_OPENAI_BASE_URL": f"http://127.0.0.1:{up}/v1"}
    out: dict[str, Any] = {"article_chars": len(text), "service": [], "bare": []}
    with process(upstream_cmd, ready_url=f"http://127.0.0.1:{up}/v1/models", log=tmp / "upstream.log"):
        with process([PY, *UVICORN, "--port", str(svc), "api.app:create_app"], env=env,
                     ready_url=f"http://127.0.0.1:{svc}/readyz", log=tmp / "service.log"):
            status, first = http("POST", f"http://127.0.0.1:{svc}/v1/extract", body.read_bytes())
            if status != 200:
                raise RuntimeError(f"the service answered {status}: {first[:300]!r}")
            meta = json.loads(first)["meta"]
            out.update(response_bytes=len(first), llm_calls_per_request=meta["llm_calls"])
            load_once(f"http://127.0.0.1:{svc}/v1/extract", body, 16, 2, tmp)  # warm-up
            for c in CONCURRENCY:
                out["service"].append(load(f"http://127.0.0.1:{svc}/v1/extract", body, c, args, tmp))
        bare_env = {"BENCH_BARE_BYTES": str(len(first))}
        with process([PY, *UVICORN, "--port", str(bare), "--app-dir", "scripts", "bench_bare:create_app"],
                     env=bare_env, ready_url=f"http://127.0.0.1:{bare}/readyz", log=tmp / "bare.log"):
            load_once(f"http://127.0.0.1:{bare}/v1/extract", body, 16, 2, tmp)
            for c in CONCURRENCY:
                out["bare"].append(load(f"http://127.0.0.1:{bare}/v1/extract", body, c, args, tmp))
        with process([PY, *UVICORN, "--port", str(cached), "api.app:create_app"],
                     env={**env, "CONFLICT_CACHE_SIZE": "256"},
                     ready_url=f"http://127.0.0.1:{cached}/readyz", log=tmp / "cached.log"):
            http("POST", f"http://127.0.0.1:{cached}/v1/extract", body.read_bytes())
            out["cache"] = load(f"http://127.0.0.1:{cached}/v1/extract", body, 1, args, tmp)
    return out


class InstantBackend(Backend):
    """Answers at once, like the fake upstream, without instructor or a socket."""

    provider = "openai"
    model_name = model_identity = "instant"

    def __init__(self) -> None:  # Backend.__init__ would build an instructor client
        pass

    async def structured(self, messages: list[dict[str, str]], model: type[Any], max_tokens: int) -> Any:
        stats = CURRENT_STATS.get()
        if stats is not None:
            stats.calls += 1
        if model is SpeakerAnswer:
            return SpeakerAnswer(speaker="none")
        sentence = messages[-1]["content"].rsplit("Sentence: ", 1)[-1]
        return EventAnswer(event="strike" if STRIKE.search(sentence) else "attack" if ATTACK.search(sentence)
                           else "none")


def scaling(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for chars in SCALING_CHARS:
        res = subprocess.run([PY, __file__, "--scaling-child", str(chars)], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return rows


def reset_peak_rss() -> None:
    """Start the peak RSS afresh from the current RSS (Linux); elsewhere leave it as it is."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def scaling_child(chars: int) -> None:
    """In this fresh process: warm up on another article, reset the peak RSS, time ``chars`` three times.

    The peak is reset (Linux ``clear_refs``) after loading and warming up, so its growth is what the
    article itself costs, not the loading of the gazetteer.
    """
    import resource

    import structlog

    from api.extraction.gazetteer import Gazetteer
    from api.extraction.pipeline import Extractor
    from api.extraction.prompting import load_prompts

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))
    extractor = Extractor(InstantBackend(), Gazetteer.load(), load_prompts(), max_tokens=64, parallel_calls=4)
    text = article(chars)

    async def run() -> tuple[list[float], int, int, int, int]:
        await extractor.extract(ExtractRequest(text=article(3000, start=50_000)))
        gc.collect()
        reset_peak_rss()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        times, calls = [], 0
        for _ in range(3):
            t = time.perf_counter()
            resp = await extractor.extract(ExtractRequest(text=text, published_at="2024-03-05"))
            times.append(time.perf_counter() - t)
            calls = resp.meta.llm_calls
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()  # a fourth, untimed run: what Python allocates at its peak
        await extractor.extract(ExtractRequest(text=text, published_at="2024-03-05"))
        allocated = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return times, before, peak, allocated, calls

    times, before_kb, peak_kb, allocated, calls = asyncio.run(run())
    print(json.dumps({"chars": len(text), "seconds": statistics.median(times), "runs_s": times,
                      "llm_calls": calls, "rss_before_mb": before_kb / 1024, "rss_peak_mb": peak_kb / 1024,
                      "rss_growth_mb": (peak_kb - before_kb) / 1024, "py_alloc_peak_mb": allocated / 2**20}))


def embedded_model(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Each dev article through the default embedded model, with llama.cpp's own timings."""
    import llama_cpp

    from api.backend_factory import build_extractor
    from api.settings import Settings

    extractor = build_extractor(Settings(log_level="warning"))
    backend: Any = extractor.backend
    ctx = backend._llm._ctx.ctx
    rows = []
    lines = DEV.read_text(encoding="utf-8").splitlines()[: args.model_limit or None]

    async def run() -> None:
        for line in lines:
            doc = json.loads(line)
            llama_cpp.llama_perf_context_reset(ctx)
            t = time.perf_counter()
            resp = await extractor.extract(ExtractRequest(text=doc["text"], published_at=doc.get("published_at")))
            wall = time.perf_counter() - t
            perf = llama_cpp.llama_perf_context(ctx)
            prompt_s, gen_s = perf.t_p_eval_ms / 1000, perf.t_eval_ms / 1000
            rows.append({
                "id": doc["id"], "chars": len(doc["text"]), "seconds": wall, "llm_calls": resp.meta.llm_calls,
                "prompt_tokens": resp.meta.usage.prompt_tokens, "completion_tokens": resp.meta.usage.completion_tokens,
                "prompt_tokens_evaluated": perf.n_p_eval, "generated_tokens": perf.n_eval,
                "prompt_eval_s": prompt_s, "generation_s": gen_s,
                "over_model_compute": wall / max(prompt_s + gen_s, 1e-9),
                "over_generation": wall / max(gen_s, 1e-9),
            })
            print(f"  model {doc['id']}: {wall:.1f} s", file=sys.stderr)
        await extractor.backend.aclose()

    asyncio.run(run())
    return rows


# --- report ------------------------------------------------------------------------------------

def table(results: dict[str, Any]) -> str:
    rows = [("section", "case", "req/s", "p50 ms", "p99 ms", "notes"), ("---",) * 6]
    ov = results.get("overhead")
    if ov:
        for svc, bare in zip(ov["service"], ov["bare"], strict=True):
            c = svc["concurrency"]
            rows.append(("overhead", f"service c={c}", f"{svc['rps']:.1f}", f"{svc['p50_ms']:.2f}",
                         f"{svc['p99_ms']:.2f}", f"non-2xx {svc['non2xx']}, errors {svc['errors']}, "
                         f"{svc['requests']} requests in {svc['duration_s']:.0f} s"))
            rows.append(("overhead", f"bare Litestar c={c}", f"{bare['rps']:.0f}", f"{bare['p50_ms']:.2f}",
                         f"{bare['p99_ms']:.2f}", f"non-2xx {bare['non2xx']}, errors {bare['errors']}"))
            ratio = f"÷{bare['rps'] / svc['rps']:.0f}" if svc["rps"] else "n/a"
            rows.append(("overhead", f"service vs bare c={c}", ratio,
                         f"+{svc['p50_ms'] - bare['p50_ms']:.2f}", f"+{svc['p99_ms'] - bare['p99_ms']:.2f}",
                         f"{ov['llm_calls_per_request']} model calls per request"))
        ca = ov["cache"]
        rows.append(("cache", "repeated request c=1", f"{ca['rps']:.0f}", f"{ca['p50_ms']:.2f}",
                     f"{ca['p99_ms']:.2f}", "every request after the first a hit"))
    for s in results.get("scaling", []):
        rows.append(("scaling", f"{s['chars']:,} chars", "", f"{s['seconds'] * 1000:.0f}", "",
                     f"peak RSS +{s['rss_growth_mb']:.1f} MB (of {s['rss_peak_mb']:.0f} MB), "
                     f"Python allocations peak {s['py_alloc_peak_mb']:.1f} MB, "
                     f"{s['llm_calls']} model calls"))
    for m in results.get("model", []):
        rows.append(("model", m["id"], "", f"{m['seconds'] * 1000:.0f}", "",
                     f"{m['llm_calls']} calls, {m['prompt_tokens']} prompt tokens ({m['prompt_tokens_evaluated']} "
                     f"evaluated, the rest from the KV cache) in {m['prompt_eval_s']:.1f} s, "
                     f"{m['completion_tokens']} generated in {m['generation_s']:.1f} s; pipeline "
                     f"×{m['over_model_compute']:.2f} model compute, ×{m['over_generation']:.1f} generation"))
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets, each with the measured value and whether it is met."""
    out: dict[str, Any] = {}
    ov = results.get("overhead")
    if ov:
        svc16 = next(r for r in ov["service"] if r["concurrency"] == 16)
        overheads = [s["p50_ms"] - b["p50_ms"] for s, b in zip(ov["service"], ov["bare"], strict=True)]
        out["rps_c16_ge_500"] = {"value": svc16["rps"], "met": svc16["rps"] >= 500}
        out["p50_overhead_c1_le_5ms"] = {"value": overheads[0], "met": overheads[0] <= 5}
        out["cache_hit_p50_le_5ms"] = {"value": ov["cache"]["p50_ms"], "met": ov["cache"]["p50_ms"] <= 5}
    big = next((s for s in results.get("scaling", []) if s["chars"] > 50_000), None)
    mid = next((s for s in results.get("scaling", []) if 5_000 < s["chars"] < 50_000), None)
    if big and mid:
        ratio = big["seconds"] / (10 * mid["seconds"])
        out["scaling_100k_within_1_2x_of_10x_10k"] = {"value": ratio, "met": ratio <= 1.2}
        out["rss_growth_100k_le_200mb"] = {"value": big["rss_growth_mb"], "met": big["rss_growth_mb"] <= 200}
    if results.get("model"):
        worst = max(m["over_model_compute"] for m in results["model"])
        out["model_pipeline_le_1_3x_model"] = {"value": worst, "met": worst <= 1.3}
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of each load run")
    p.add_argument("--reps", type=int, default=3, help="runs per case (the median is reported)")
    p.add_argument("--model", action="store_true", help="also run the dev articles through the embedded model")
    p.add_argument("--model-limit", type=int, default=0, help="only the first N dev articles (0: all)")
    p.add_argument("--skip-load", action="store_true", help="skip the HTTP sections (overhead, cache)")
    p.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    p.add_argument("--scaling-child", type=int, help=argparse.SUPPRESS)
    p.add_argument("--loadgen", nargs=4, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.scaling_child:
        scaling_child(args.scaling_child)
        return
    if args.loadgen:
        url, body, conc, secs = args.loadgen
        asyncio.run(_loadgen(url, Path(body).read_bytes(), int(conc), float(secs)))
        return
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": {
            "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "command": " ".join([Path(PY).name, *sys.argv]), "load_generator": "wrk" if shutil.which("wrk") else "httpx",
        "duration_s": args.duration, "reps": args.reps,
    }
    results["machine"]["loadavg_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        if not args.skip_load:
            results["overhead"] = overhead_and_cache(args, Path(tmp))
    results["scaling"] = scaling(args)
    if args.model:
        results["model"] = embedded_model(args)
    results["machine"]["loadavg_after"] = os.getloadavg()
    results["targets"] = targets(results)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print("\ntargets: " + ", ".join(f"{k} {'met' if v['met'] else 'NOT met'} ({v['value']:.2f})"
                                    for k, v in results["targets"].items()))
    print(f"load average before/after: {results['machine']['loadavg_before']} / "
          f"{results['machine']['loadavg_after']} (other processes share the CPUs: compare with care)")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
