"""The performance benchmark (``make bench``; not part of the tests). Prints one table, writes JSON.

Sections (issue #5):

- overhead: a fake OpenAI-compatible model (``bench_upstream.py``, its own process, instant answers)
  behind the service under uvicorn (uvloop, httptools) in its own process, driven at concurrency
  1, 16 and 64 by ``wrk`` (or, without it, an httpx client in another process); the same for a bare
  Litestar handler (``bench_bare.py``) answering a response of the same size. Every run is
  ``--duration`` seconds, repeated ``--reps`` times; the table shows the median run.
  The service's own CPU time (Linux ``/proc``) is read before and after every run, so each service
  row also says how much CPU one request took, whatever else the machine was doing.
- cache: the service with its LRU on, one identical request repeated (every one after the first a hit).
- calls: the cost of one model call alone: ``OpenAIBackend.structured`` (instructor, tenacity, the
  OpenAI SDK, httpx) against the same fake model, in this process, one call at a time and four in
  flight (the pipeline's ``parallel_calls``): CPU time per call and calls per second.
- scaling: articles of 1k, 10k and 100k characters through the in-process extractor on an instant
  backend, one subprocess per size: time (median of three different articles of that size, so that the
  pipeline's per-sentence caches cannot serve one run from another's) and peak RSS growth.
- model (``--model``, slow): each dev article through the embedded model, with llama.cpp's own
  timings of prompt processing and generation.

    .venv/bin/python scripts/bench.py [--duration 10] [--reps 3] [--model] [--out bench-results.json]
        [--sections overhead,cache,calls,scaling] [--concurrency 1,16,64]

A short run of the service-overhead part only: ``--sections overhead,calls --duration 5``.
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

from api.extraction.providers.backend import CURRENT_STATS, Backend  # noqa: E402
from schemas.contract import ExtractRequest  # noqa: E402
from schemas.llm import EventAnswer, KindAnswer, SpeakerAnswer  # noqa: E402

PY = sys.executable
CONCURRENCY = (1, 16, 64)
SECTIONS = ("overhead", "cache", "calls", "scaling")
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


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time that process ``pid`` (all its threads) has used so far; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, timeout_s: float = 30.0) -> None:
    """Wait until process ``pid`` is idle (under 5% of a CPU over 0.2 s).

    A load run ends with requests still in flight in the server, and their work would otherwise be
    billed to the next run, in CPU time and in latency.
    """
    deadline = time.monotonic() + timeout_s
    last = cpu_seconds(pid)
    while last is not None and time.monotonic() < deadline:
        time.sleep(0.2)
        now = cpu_seconds(pid)
        if now is None or now - last < 0.01:
            return
        last = now


@contextmanager
def process(cmd: list[str], *, ready_url: str, log: Path,
            env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
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
            yield proc
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


def load_once(url: str, body: Path, concurrency: int, seconds: float, tmp: Path,
              pid: int | None = None) -> dict[str, Any]:
    """One bounded run at ``concurrency``: requests/s, p50 and p99 in ms, non-2xx and socket errors, and
    (given the server's ``pid``) the server's CPU milliseconds per request."""
    if shutil.which("wrk"):
        script = tmp / "post.lua"
        script.write_text(WRK_SCRIPT.format(body=body))
        cmd = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
               "-s", str(script), url]
    else:
        cmd = [PY, __file__, "--loadgen", url, str(body), str(concurrency), str(seconds)]
    if pid:
        settle(pid)
    cpu_before = cpu_seconds(pid) if pid else None
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    result: dict[str, Any] = json.loads(line[6:])
    result["rps"] = result["requests"] / result["duration_s"]
    if pid and cpu_before is not None:
        # wrk stops with one request unanswered on every connection; the server still finishes them
        # (settle waits for that), so they are counted. The httpx load generator awaits its own.
        settle(pid)
        cpu_after = cpu_seconds(pid)
        served = result["requests"] + (concurrency if cmd[0] == "wrk" else 0)
        if cpu_after is not None and served:
            result["cpu_ms_per_request"] = (cpu_after - cpu_before) * 1000 / served
    return result


def load(url: str, body: Path, concurrency: int, args: argparse.Namespace, tmp: Path,
         pid: int | None = None) -> dict[str, Any]:
    """The median of ``args.reps`` runs (by requests/s), with every run kept.

    When a run completes fewer than two requests per connection, the requests take longer than the
    run: the duration is tripled (up to twice) so that the percentiles describe whole requests.
    """
    seconds = args.duration
    while True:
        first = load_once(url, body, concurrency, seconds, tmp, pid)
        if first["requests"] >= 2 * concurrency or seconds >= 9 * args.duration:
            break
        seconds *= 3
    runs = [first] + [load_once(url, body, concurrency, seconds, tmp, pid) for _ in range(args.reps - 1)]
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
    """The sections that need the fake model: overhead (service and bare handler), cache, calls."""
    body = tmp / "article.json"
    text = article(3000)
    body.write_text(json.dumps({"text": text, "published_at": "2024-03-05"}))
    up, svc, bare, cached = free_port(), free_port(), free_port(), free_port()
    upstream_cmd = [PY, str(ROOT / "scripts" / "bench_upstream.py"), str(up)]
    env = {**SERVICE_ENV, "CONFLICT_OPENAI_BASE_URL": f"http://127.0.0.1:{up}/v1"}
    out: dict[str, Any] = {"article_chars": len(text)}
    with process(upstream_cmd, ready_url=f"http://127.0.0.1:{up}/v1/models", log=tmp / "upstream.log"):
        if "calls" in args.sections:
            out["calls"] = model_calls(f"http://127.0.0.1:{up}/v1", text, args.calls)
        if "overhead" in args.sections:
            out.update(service=[], bare=[])
            with process([PY, *UVICORN, "--port", str(svc), "api.app:create_app"], env=env,
                         ready_url=f"http://127.0.0.1:{svc}/readyz", log=tmp / "service.log") as proc:
                status, first = http("POST", f"http://127.0.0.1:{svc}/v1/extract", body.read_bytes())
                if status != 200:
                    raise RuntimeError(f"the service answered {status}: {first[:300]!r}")
                meta = json.loads(first)["meta"]
                out.update(response_bytes=len(first), llm_calls_per_request=meta["llm_calls"])
                load_once(f"http://127.0.0.1:{svc}/v1/extract", body, 16, 2, tmp, proc.pid)  # warm-up
                for c in args.concurrency:
                    out["service"].append(load(f"http://127.0.0.1:{svc}/v1/extract", body, c, args, tmp, proc.pid))
            bare_env = {"BENCH_BARE_BYTES": str(len(first))}
            with process([PY, *UVICORN, "--port", str(bare), "--app-dir", "scripts", "bench_bare:create_app"],
                         env=bare_env, ready_url=f"http://127.0.0.1:{bare}/readyz", log=tmp / "bare.log") as proc:
                load_once(f"http://127.0.0.1:{bare}/v1/extract", body, 16, 2, tmp, proc.pid)
                for c in args.concurrency:
                    out["bare"].append(load(f"http://127.0.0.1:{bare}/v1/extract", body, c, args, tmp, proc.pid))
        if "cache" in args.sections:
            with process([PY, *UVICORN, "--port", str(cached), "api.app:create_app"],
                         env={**env, "CONFLICT_CACHE_SIZE": "256"},
                         ready_url=f"http://127.0.0.1:{cached}/readyz", log=tmp / "cached.log") as proc:
                http("POST", f"http://127.0.0.1:{cached}/v1/extract", body.read_bytes())
                out["cache"] = load(f"http://127.0.0.1:{cached}/v1/extract", body, 1, args, tmp, proc.pid)
    return out


def model_calls(base_url: str, text: str, n: int) -> dict[str, Any]:
    """CPU time per ``OpenAIBackend.structured`` call against the fake model at ``base_url``, in a child process.

    The child builds the backend as the service does (``build_openai`` with the service's settings),
    warms up, then makes ``n`` calls one at a time and ``n`` calls four at a time, alternating the
    event and the speaker question over the article's sentences, five times each (the median is
    reported). Only the child's own CPU counts: the fake model runs in its own process.
    """
    res = subprocess.run([PY, __file__, "--calls-child", base_url, str(n)], input=text, capture_output=True,
                         text=True, check=True, cwd=ROOT, env={**os.environ, **SERVICE_ENV})
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def calls_child(base_url: str, n: int) -> None:
    import structlog
    import uvloop

    from api.extraction.prompting import load_prompts
    from api.extraction.providers.backend import CallStats
    from api.extraction.providers.factory import build_openai
    from api.extraction.text.sentences import split_sentences
    from api.settings import Settings

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))
    backend = build_openai(Settings(provider="openai", openai_base_url=base_url))
    prompts = load_prompts()
    sentences = [s.text for s in split_sentences(sys.stdin.read())]
    questions: list[tuple[list[dict[str, str]], type[Any]]] = []
    for i, sentence in enumerate(sentences):
        questions.append((prompts["event"].messages(f"Sentence: {sentence}"), EventAnswer))
        questions.append((prompts["speaker"].messages(f"Context: {sentences[i - 1] if i else ''}\n"
                                                      f"Sentence: {sentence}"), SpeakerAnswer))

    async def ask(i: int) -> None:
        messages, model = questions[i % len(questions)]
        await backend.structured(messages, model, 64)

    async def timed(in_flight: int) -> tuple[float, float]:
        gate = asyncio.Semaphore(in_flight)

        async def one(i: int) -> None:
            async with gate:
                await ask(i)

        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        return (time.process_time() - cpu) / n * 1e6, n / (time.perf_counter() - wall)

    async def run() -> dict[str, Any]:
        stats = CallStats()
        CURRENT_STATS.set(stats)
        await timed(1)  # warm-up: connections, imports, caches
        out: dict[str, Any] = {"calls": n, "questions": len(questions)}
        for in_flight in (1, 4):
            runs = [await timed(in_flight) for _ in range(5)]
            out[f"in_flight_{in_flight}"] = {
                "cpu_us_per_call": statistics.median(r[0] for r in runs),
                "calls_per_s": statistics.median(r[1] for r in runs),
                "runs_cpu_us": [round(r[0]) for r in runs],
            }
        out["retries"] = stats.retries
        await backend.aclose()
        return out

    print(json.dumps(uvloop.run(run())))


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
        if model is KindAnswer:
            return KindAnswer(kind="claim")
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
    """In this fresh process: warm up on another article, reset the peak RSS, time three articles of ``chars``.

    The peak is reset (Linux ``clear_refs``) after loading and warming up, so its growth is what the
    article itself costs, not the loading of the gazetteer.
    """
    import resource

    import structlog

    from api.extraction.pipeline import Extractor
    from api.extraction.prompting import load_prompts
    from api.extraction.rules.gazetteer import Gazetteer

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))
    extractor = Extractor(InstantBackend(), Gazetteer.load(), load_prompts(), max_tokens=64, parallel_calls=4)
    text = article(chars)

    async def run() -> tuple[list[float], int, int, int, int]:
        await extractor.extract(ExtractRequest(text=article(3000, start=50_000)))
        gc.collect()
        reset_peak_rss()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        times, calls = [], 0
        for run in range(3):  # three different articles of this size: no run is served by another's caches
            other = text if run == 0 else article(chars, start=run * 100_003)
            t = time.perf_counter()
            resp = await extractor.extract(ExtractRequest(text=other, published_at="2024-03-05"))
            times.append(time.perf_counter() - t)
            calls = resp.meta.llm_calls if run == 0 else calls
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
    """Each dev article through the default embedded model, with llama.cpp's own timings.

    With ``--model-baseline`` the same articles run again in the same process, on the same loaded model, with
    the backend's two decoding shortcuts off: the event label decoded token by token through the JSON grammar
    (``jump_forward``) and no snapshots of the prompts' fixed parts (``_recall``). The rows are tagged
    ``baseline``; the context is emptied between the two passes so that neither inherits the other's memory.
    """
    import llama_cpp

    from api.extraction.building import build_extractor
    from api.settings import Settings

    extractor = build_extractor(Settings(log_level="warning"))
    backend: Any = extractor.backend
    ctx = backend._llm._ctx.ctx
    rows = []
    lines = DEV.read_text(encoding="utf-8").splitlines()[: args.model_limit or None]

    async def run(variant: str) -> None:
        backend._llm.reset()
        backend._snapshots.clear()
        if variant == "baseline":
            backend._jump_forward = False
            backend._recall = lambda messages: None
        for line in lines:
            doc = json.loads(line)
            llama_cpp.llama_perf_context_reset(ctx)
            t = time.perf_counter()
            resp = await extractor.extract(ExtractRequest(text=doc["text"], published_at=doc.get("published_at")))
            wall = time.perf_counter() - t
            perf = llama_cpp.llama_perf_context(ctx)
            prompt_s, gen_s = perf.t_p_eval_ms / 1000, perf.t_eval_ms / 1000
            rows.append({
                "variant": variant, "id": doc["id"], "chars": len(doc["text"]), "seconds": wall,
                "llm_calls": resp.meta.llm_calls, "prompt_tokens": resp.meta.usage.prompt_tokens,
                "completion_tokens": resp.meta.usage.completion_tokens,
                "prompt_tokens_evaluated": perf.n_p_eval, "generated_tokens": perf.n_eval,
                "prompt_eval_s": prompt_s, "generation_s": gen_s,
                "over_model_compute": wall / max(prompt_s + gen_s, 1e-9),
                "over_generation": wall / max(gen_s, 1e-9),
                "answer": resp.model_dump(mode="json", exclude={"meta"}),
            })
            print(f"  model {variant} {doc['id']}: {wall:.1f} s", file=sys.stderr)

    async def both() -> None:
        await run("default")
        if args.model_baseline:
            await run("baseline")
        await extractor.backend.aclose()

    asyncio.run(both())
    if args.model_baseline:  # the shortcuts must not change what the service answers
        by_id = {(r["variant"], r["id"]): r["answer"] for r in rows}
        for r in rows:
            r["same_answer_as_baseline"] = by_id.get(("baseline", r["id"])) == r["answer"]
    for r in rows:
        del r["answer"]
    return rows


# --- report ------------------------------------------------------------------------------------

def table(results: dict[str, Any]) -> str:
    rows = [("section", "case", "req/s", "p50 ms", "p99 ms", "notes"), ("---",) * 6]
    ov = results.get("overhead") or {}
    if ov.get("service"):
        for svc, bare in zip(ov["service"], ov["bare"], strict=True):
            c = svc["concurrency"]
            cpu = f", service CPU {svc['cpu_ms_per_request']:.1f} ms a request" if "cpu_ms_per_request" in svc else ""
            rows.append(("overhead", f"service c={c}", f"{svc['rps']:.1f}", f"{svc['p50_ms']:.2f}",
                         f"{svc['p99_ms']:.2f}", f"non-2xx {svc['non2xx']}, errors {svc['errors']}, "
                         f"{svc['requests']} requests in {svc['duration_s']:.0f} s{cpu}"))
            rows.append(("overhead", f"bare Litestar c={c}", f"{bare['rps']:.0f}", f"{bare['p50_ms']:.2f}",
                         f"{bare['p99_ms']:.2f}", f"non-2xx {bare['non2xx']}, errors {bare['errors']}"))
            ratio = f"÷{bare['rps'] / svc['rps']:.0f}" if svc["rps"] else "n/a"
            rows.append(("overhead", f"service vs bare c={c}", ratio,
                         f"{svc['p50_ms'] - bare['p50_ms']:+.2f}", f"{svc['p99_ms'] - bare['p99_ms']:+.2f}",
                         f"{ov['llm_calls_per_request']} model calls per request"))
    if ov.get("cache"):
        ca = ov["cache"]
        rows.append(("cache", "repeated request c=1", f"{ca['rps']:.0f}", f"{ca['p50_ms']:.2f}",
                     f"{ca['p99_ms']:.2f}", "every request after the first a hit"))
    if ov.get("calls"):
        for key, label in (("in_flight_1", "one at a time"), ("in_flight_4", "four in flight")):
            m = ov["calls"][key]
            rows.append(("calls", f"model call, {label}", f"{m['calls_per_s']:.0f}", "", "",
                         f"CPU {m['cpu_us_per_call'] / 1000:.2f} ms per call (median of 5 × {ov['calls']['calls']} "
                         f"calls; runs {', '.join(f'{x / 1000:.2f}' for x in m['runs_cpu_us'])})"))
    for s in results.get("scaling", []):
        rows.append(("scaling", f"{s['chars']:,} chars", "", f"{s['seconds'] * 1000:.0f}", "",
                     f"peak RSS +{s['rss_growth_mb']:.1f} MB (of {s['rss_peak_mb']:.0f} MB), "
                     f"Python allocations peak {s['py_alloc_peak_mb']:.1f} MB, "
                     f"{s['llm_calls']} model calls"))
    for m in results.get("model", []):
        variant = "" if m.get("variant", "default") == "default" else f" ({m['variant']})"
        # with every label read where it starts, a pure-label article decodes nothing: no ratio to give
        over_generation = f"×{m['over_generation']:.1f} generation" if m["generation_s"] >= 0.05 else \
            "no decoding time to compare with"
        same = {True: "; same answer as the baseline", False: "; answer DIFFERS from the baseline"}.get(
            m.get("same_answer_as_baseline") if not variant else None, "")
        rows.append(("model", f"{m['id']}{variant}", "", f"{m['seconds'] * 1000:.0f}", "",
                     f"{m['llm_calls']} calls, {m['prompt_tokens']} prompt tokens ({m['prompt_tokens_evaluated']} "
                     f"evaluated, the rest from the KV cache) in {m['prompt_eval_s']:.1f} s, "
                     f"{m['completion_tokens']} generated in {m['generation_s']:.1f} s; pipeline "
                     f"×{m['over_model_compute']:.2f} model compute, {over_generation}{same}"))
    base = [m for m in results.get("model", []) if m.get("variant") == "baseline"]
    if base:
        fast = {m["id"]: m["seconds"] for m in results["model"] if m.get("variant", "default") == "default"}
        ratios = [m["seconds"] / fast[m["id"]] for m in base if m["id"] in fast]
        slow = statistics.median(m["seconds"] for m in base)
        rows.append(("model", "baseline ÷ default", "", "", "",
                     f"median ×{statistics.median(ratios):.2f} per article (range {min(ratios):.2f}–"
                     f"{max(ratios):.2f}); median {statistics.median(fast.values()):.1f} s vs {slow:.1f} s"))
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets, each with the measured value and whether it is met."""
    out: dict[str, Any] = {}
    ov = results.get("overhead") or {}
    by_c = {s["concurrency"]: (s, b) for s, b in zip(ov.get("service", []), ov.get("bare", []), strict=True)}
    if 16 in by_c:
        svc16 = by_c[16][0]
        out["rps_c16_ge_500"] = {"value": svc16["rps"], "met": svc16["rps"] >= 500}
    if 1 in by_c:
        overhead = by_c[1][0]["p50_ms"] - by_c[1][1]["p50_ms"]
        out["p50_overhead_c1_le_5ms"] = {"value": overhead, "met": overhead <= 5}
    if ov.get("cache"):
        out["cache_hit_p50_le_5ms"] = {"value": ov["cache"]["p50_ms"], "met": ov["cache"]["p50_ms"] <= 5}
    big = next((s for s in results.get("scaling", []) if s["chars"] > 50_000), None)
    mid = next((s for s in results.get("scaling", []) if 5_000 < s["chars"] < 50_000), None)
    if big and mid:
        ratio = big["seconds"] / (10 * mid["seconds"])
        out["scaling_100k_within_1_2x_of_10x_10k"] = {"value": ratio, "met": ratio <= 1.2}
        out["rss_growth_100k_le_200mb"] = {"value": big["rss_growth_mb"], "met": big["rss_growth_mb"] <= 200}
    default = [m for m in results.get("model", []) if m.get("variant", "default") == "default"]
    if default:
        worst = max(m["over_model_compute"] for m in default)
        out["model_pipeline_le_1_3x_model"] = {"value": worst, "met": worst <= 1.3}
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of each load run")
    p.add_argument("--reps", type=int, default=3, help="runs per case (the median is reported)")
    p.add_argument("--model", action="store_true", help="also run the dev articles through the embedded model")
    p.add_argument("--model-baseline", action="store_true", help="also run the model section with the backend's "
                   "decoding shortcuts off (jump-forward labels, prompt snapshots), in the same process")
    p.add_argument("--model-limit", type=int, default=0, help="only the first N dev articles (0: all)")
    p.add_argument("--skip-load", action="store_true", help="skip the sections that need the fake model "
                   "(overhead, cache, calls)")
    p.add_argument("--sections", type=lambda v: set(v.split(",")), default=set(SECTIONS),
                   help=f"comma-separated, of {','.join(SECTIONS)} (default: all; --model adds the model section)")
    p.add_argument("--concurrency", type=lambda v: [int(x) for x in v.split(",")], default=list(CONCURRENCY),
                   help="load levels of the overhead section (default: 1,16,64)")
    p.add_argument("--calls", type=int, default=300, help="model calls per run of the calls section")
    p.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    p.add_argument("--scaling-child", type=int, help=argparse.SUPPRESS)
    p.add_argument("--loadgen", nargs=4, help=argparse.SUPPRESS)
    p.add_argument("--calls-child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.calls_child:
        calls_child(args.calls_child[0], int(args.calls_child[1]))
        return
    if unknown := args.sections - set(SECTIONS):
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.skip_load:
        args.sections -= {"overhead", "cache", "calls"}
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
        "duration_s": args.duration, "reps": args.reps, "sections": sorted(args.sections),
    }
    results["machine"]["loadavg_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        if args.sections & {"overhead", "cache", "calls"}:
            results["overhead"] = overhead_and_cache(args, Path(tmp))
    if "scaling" in args.sections:
        results["scaling"] = scaling(args)
    if args.model:
        results["model"] = embedded_model(args)
    results["machine"]["loadavg_after"] = os.getloadavg()
    results["targets"] = targets(results)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print("\ntargets: " + (", ".join(f"{k} {'met' if v['met'] else 'NOT met'} ({v['value']:.2f})"
                                     for k, v in results["targets"].items()) or "none measured in these sections"))
    print(f"load average before/after: {results['machine']['loadavg_before']} / "
          f"{results['machine']['loadavg_after']} (other processes share the CPUs: compare with care)")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
