"""Nothing leaks: no log line and no error body holds the article, the prompt, the API key or a traceback.

Each case runs one request through the app on the real OpenAIBackend over a scripted upstream that
does its worst: error bodies quoting the key and the article (as real providers quote keys), answers
that echo the sentence back (so pydantic's validation error holds the article), a transport that
crashes with the article in its message. structlog events are captured with
``structlog.testing.capture_logs()``, standard-library records with ``caplog`` and the raw stderr
with ``capfd``; all three are searched for the markers. Run at log level info and debug.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import structlog
from pydantic import SecretStr

from api.extraction.prompting import load_prompts
from tests.contract.support import client_for
from tests.contract.upstream import Body, ScriptedUpstream, Step, completion, sentence

ARTICLE_MARKER = "Quillfeather-Oyster-5521"
KEY_MARKER = "sk-leakcheck-9f8e7d6c5b4a"
PROMPT_MARKER = load_prompts()["event"].system.splitlines()[0]  # "You classify one sentence from a news…"
TEXT = (
    f"Israeli warplanes struck the {ARTICLE_MARKER} depot near Nabatieh on Tuesday, the army said. "
    "Lebanon's health ministry said three people were wounded."
)
JSON_HEADERS = {"Content-Type": "application/json"}


def echo(body: Body) -> httpx.Response:
    """An invalid answer that repeats the sentence: pydantic's error message then quotes the article."""
    return completion(sentence(body))


def quoting(code: int) -> Callable[[Body], httpx.Response]:
    """An error response quoting the key and the request, as some providers do."""
    def reply(body: Body) -> httpx.Response:
        return httpx.Response(code, json={"error": {"message": f"Incorrect API key provided: {KEY_MARKER}; "
                                                               f"request was {json.dumps(body)}"}})
    return reply


class Crash(RuntimeError):
    pass


def crash(body: Body) -> httpx.Response:
    raise Crash(f"transport exploded while sending {sentence(body)}")


CASES: dict[str, tuple[list[Step], dict[str, Any], dict[str, Any], int]] = {
    # name: (upstream steps, settings overrides, request kwargs, expected status)
    "success": ([], {}, {"json": {"text": TEXT}}, 200),
    "answer-echoes-the-article": ([echo] * 4, {}, {"json": {"text": TEXT}}, 200),
    "422-nul-and-bad-date": ([], {}, {"json": {"text": TEXT + "\x00", "published_at": ARTICLE_MARKER}}, 422),
    "422-too-long": ([], {"max_chars": 100}, {"json": {"text": TEXT}}, 422),
    "422-unknown-field": ([], {}, {"json": {"text": TEXT, "origin": TEXT}}, 422),
    "400-malformed": ([], {}, {"content": json.dumps({"text": TEXT})[:-2].encode(), "headers": JSON_HEADERS}, 400),
    "upstream-401-quoting-key": ([quoting(401)], {}, {"json": {"text": TEXT}}, 502),
    "upstream-500-quoting-request": ([quoting(500)] * 3, {}, {"json": {"text": TEXT}}, 502),
    "transport-crash": ([crash] * 3, {}, {"json": {"text": TEXT}}, 503),
    "deadline": ([], {"request_deadline_s": 0.5}, {"json": {"text": TEXT}}, 504),
}


@pytest.mark.parametrize("level", ["info", "debug"])
@pytest.mark.parametrize(("steps", "overrides", "request_kwargs", "code"), CASES.values(), ids=CASES.keys())
def test_no_log_line_or_error_body_holds_article_prompt_key_or_traceback(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], level: str, steps: list[Step],
    overrides: dict[str, Any], request_kwargs: dict[str, Any], code: int,
) -> None:
    """Whatever the request and the upstream do, logs and error bodies never contain the article text, the
    prompt, the API key or a traceback (and a 200 body holds the article but never the prompt or key)."""
    up = ScriptedUpstream(*steps, delay_s=1.0 if code == 504 else 0.0)
    settings = {"log_level": level, "openai_api_key": SecretStr(KEY_MARKER), "provider": "openai", **overrides}
    with client_for(up.backend(api_key=KEY_MARKER), **settings) as client, \
            structlog.testing.capture_logs() as events:
        r = client.post("/v1/extract", **request_kwargs)
    assert r.status_code == code, r.text
    assert events, "the request was logged"
    if code >= 502 or steps:
        assert up.calls >= 1 and KEY_MARKER in up.headers[0]["authorization"], "the upstream saw key and article"
    logs = "\n".join([json.dumps(e, default=str) for e in events] + [caplog.text, capfd.readouterr().err]
                     + [f"{rec.getMessage()} {rec.exc_text or ''} {rec.args!r}" for rec in caplog.records])
    for secret in (ARTICLE_MARKER, PROMPT_MARKER, KEY_MARKER, "Traceback", "upstream says", "Incorrect API key"):
        assert secret not in logs, f"{secret!r} leaked into the logs"
    article = () if code == 200 else (ARTICLE_MARKER,)  # a 200 body quotes the article in its spans
    for secret in (PROMPT_MARKER, KEY_MARKER, "Traceback", "Incorrect API key", *article):
        assert secret not in r.text, f"{secret!r} leaked into the response"
