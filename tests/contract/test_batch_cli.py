"""``python -m api.batch``: JSONL or a folder in, JSONL out, error lines for bad articles, resume after a stop."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.batch.__main__ import main
from tests.contract.support import ARTICLE, TEST_KEY, TEST_KEY_SHA256, settings_for
from tests.fakes import FakeBackend, keyword_answer
from tests.servers import free_port, serve_in_thread

STRIKE = "Israeli warplanes struck a weapons depot on Tuesday."
ATTACK = "Gunmen attacked an army checkpoint."


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    """In-process runs get a FakeBackend from the app's own factory, and test settings from the environment."""
    fake = FakeBackend()
    monkeypatch.setattr("api.extraction.building.build_backend", lambda settings: fake)
    monkeypatch.setenv("CONFLICT_TESTING", "true")
    monkeypatch.setenv("CONFLICT_LOG_JSON", "true")
    return fake


def write_jsonl(path: Path, *rows: Any) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def read_output(path: Path) -> list[dict[str, Any]]:
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    return [json.loads(line) for line in raw.splitlines()]


def ids(lines: list[dict[str, Any]]) -> list[str]:
    return [line["document"]["id"] if "document" in line else line["id"] for line in lines]


def asked(fake: FakeBackend) -> str:
    """Everything the fake model was asked, as one string."""
    return " ".join(m["content"] for sent in fake.sent for m in sent.messages)


def test_jsonl_in_responses_and_error_lines_out(tmp_path: Path) -> None:
    """Every article gets one line; bad ones are error lines with a problem, and the rest still run."""
    source = write_jsonl(tmp_path / "in.jsonl",
                         {"id": "a", "text": STRIKE, "published_at": "2024-03-05", "events": []},
                         {"id": "empty", "text": ""},
                         "{not json",
                         {"text": ATTACK},
                         {"id": "bad-date", "text": STRIKE, "published_at": "Tuesday"})
    out = tmp_path / "out" / "responses.jsonl"
    assert main([str(source), str(out), "--concurrency", "2"]) == 1
    lines = {ident: line for ident, line in zip(ids(read_output(out)), read_output(out), strict=True)}
    assert set(lines) == {"a", "empty", "line-3", "line-4", "bad-date"}
    assert lines["a"]["strikes"] and lines["a"]["document"]["published_at"] == "2024-03-05"
    assert lines["line-4"]["attacks"]
    assert lines["empty"]["line"] == 2 and lines["empty"]["error"]["status"] == 422
    assert lines["empty"]["error"]["errors"][0]["loc"] == "text"
    assert lines["line-3"]["error"]["status"] == 400
    assert lines["bad-date"]["error"]["status"] == 422


def test_a_model_error_is_recorded_and_the_others_continue(tmp_path: Path, fake_model: FakeBackend) -> None:
    """An article whose extraction raises is an error line naming no internals; the next article is answered."""

    def explode_on_gunmen(sentence: str, model: type[Any]) -> Any:
        if "Gunmen" in sentence:
            raise RuntimeError("secret-internal-state")
        return keyword_answer(sentence, model)

    fake_model.answer = explode_on_gunmen
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "boom", "text": ATTACK}, {"id": "fine", "text": STRIKE})
    out = tmp_path / "out.jsonl"
    assert main([str(source), str(out)]) == 1
    boom, fine = read_output(out)
    assert (boom["id"], boom["error"]["status"]) == ("boom", 500)
    assert "secret-internal-state" not in out.read_text()
    assert fine["document"]["id"] == "fine"


def test_resume_skips_finished_ids_and_drops_a_partial_line(tmp_path: Path, fake_model: FakeBackend) -> None:
    """On restart, ids already in OUTPUT (answered or failed) are not redone; a torn last line is redone."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "done", "text": "Rockets hit a base."},
                         {"id": "failed", "text": ""}, {"id": "torn", "text": STRIKE}, {"id": "new", "text": ATTACK})
    out = tmp_path / "out.jsonl"
    assert main([str(source), str(out)]) == 1
    first = read_output(out)
    kept = [line for line in first if ids([line])[0] in ("done", "failed")]
    torn = json.dumps(next(line for line in first if ids([line])[0] == "torn"))[:40]
    out.write_text("".join(json.dumps(line) + "\n" for line in kept) + torn, encoding="utf-8")
    fake_model.sent.clear()

    assert main([str(source), str(out)]) == 0
    lines = read_output(out)
    assert ids(lines)[:2] == ids(kept)
    assert sorted(ids(lines)) == ["done", "failed", "new", "torn"]
    assert "Rockets" not in asked(fake_model)
    assert STRIKE in asked(fake_model) and ATTACK in asked(fake_model)


def test_nothing_left_to_do_runs_nothing(tmp_path: Path, fake_model: FakeBackend) -> None:
    """A second run over a finished OUTPUT asks the model nothing and leaves OUTPUT as it was."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "a", "text": STRIKE})
    out = tmp_path / "out.jsonl"
    assert main([str(source), str(out)]) == 0
    before, calls = out.read_bytes(), len(fake_model.sent)
    assert main([str(source), str(out)]) == 0
    assert out.read_bytes() == before and len(fake_model.sent) == calls


def test_retry_errors_runs_failed_ids_again(tmp_path: Path, fake_model: FakeBackend) -> None:
    """With --retry-errors, an id that has only an error line is run again and its new line appended."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "flaky", "text": STRIKE}, {"id": "ok", "text": ATTACK})
    out = tmp_path / "out.jsonl"
    write_jsonl(out, {"line": 1, "id": "flaky", "error": {"status": 503}},
                {"document": {"id": "ok"}, "strikes": []})
    assert main([str(source), str(out), "--retry-errors"]) == 0
    lines = read_output(out)
    assert ids(lines) == ["flaky", "ok", "flaky"]
    assert lines[-1]["strikes"]
    assert ATTACK not in asked(fake_model)


def test_folder_of_txt_files_keeps_the_exact_text(tmp_path: Path) -> None:
    """Each .txt file is an article with its stem as id, read byte-exact (CRLF kept) for the offsets."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "beirut-1.txt").write_bytes(ARTICLE.encode("utf-8"))
    (folder / "short.txt").write_bytes(ATTACK.encode("utf-8"))
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(folder), str(out)]) == 0
    lines = read_output(out)
    assert ids(lines) == ["beirut-1", "short"]
    document = lines[0]["document"]
    assert document["chars"] == len(ARTICLE)
    assert document["sha256"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    for strike in lines[0]["strikes"]:
        for span in strike["evidence"]:
            assert ARTICLE[span["start"]:span["end"]] == span["text"]


def test_repeated_ids_are_refused(tmp_path: Path) -> None:
    """INPUT with two articles of one id is refused (exit 2): resume could not tell them apart."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "x", "text": STRIKE}, {"id": "x", "text": ATTACK})
    out = tmp_path / "out.jsonl"
    assert main([str(source), str(out)]) == 2
    assert not out.exists() or out.read_text() == ""


@contextmanager
def serve(**overrides: Any) -> Iterator[str]:
    """The app on a FakeBackend behind a real uvicorn server on loopback; yields its base URL."""
    with serve_in_thread(create_app(settings_for(**overrides), backend=FakeBackend())) as url:
        yield url


def test_url_mode_posts_each_article_and_records_the_service_problem(tmp_path: Path) -> None:
    """With --url, articles go to the service (with the API key); a 422 it answers becomes the error line."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "a", "text": STRIKE},
                         {"id": "too-long", "text": (ARTICLE + " ") * 3}, {"id": "b", "text": ATTACK})
    out = tmp_path / "out.jsonl"
    with serve(api_keys_sha256=[TEST_KEY_SHA256]) as url:
        code = main([str(source), str(out), "--url", url, "--concurrency", "3", "--api-key", TEST_KEY])
    assert code == 1
    lines = {ident: line for ident, line in zip(ids(read_output(out)), read_output(out), strict=True)}
    assert lines["a"]["strikes"] and lines["b"]["attacks"]
    problem = lines["too-long"]["error"]
    assert problem["status"] == 422 and problem["type"].endswith("/invalid-request")
    assert lines["too-long"]["line"] == 2


def test_unreachable_service_ends_the_run_without_recording(tmp_path: Path) -> None:
    """When the service cannot be reached the run stops (exit 3) and records no error lines to skip later."""
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "a", "text": STRIKE}, {"id": "b", "text": ATTACK})
    out = tmp_path / "out.jsonl"
    assert main([str(source), str(out), "--url", f"http://127.0.0.1:{free_port()}", "--concurrency", "2"]) == 3
    assert out.read_text() == ""
