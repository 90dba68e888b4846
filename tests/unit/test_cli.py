"""The ``conflict-extract`` console command: subcommands, ``--version`` and ``-`` for standard input/output."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import api.batch.__main__ as batch_module
from api import cli
from schemas.contract import DocumentInfo, ExtractResponse, Meta


def test_version_names_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the command's name and the installed version, and exits 0."""
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"conflict-extract {cli.package_version()}"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A command not in serve/batch/export/eval exits 2 with the choices."""
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2 and "batch" in capsys.readouterr().err


def test_export_reads_stdin_and_writes_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export --format geojson -`` reads responses from standard input and writes to standard output."""
    response = ExtractResponse(document=DocumentInfo(id="a", sha256="0" * 64, chars=1, published_at=None),
                               meta=Meta(provider="local", model="m", prompt_version="p"))
    monkeypatch.setattr("sys.stdin", io.StringIO(response.model_dump_json() + "\n"))
    assert cli.main(["export", "--format", "geojson", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == {"type": "FeatureCollection", "features": [], "unmapped": 0}


def test_batch_dash_reads_stdin_and_writes_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``batch - -`` hands the batch a file holding standard input and copies its output file to standard output."""
    seen: dict[str, Any] = {}

    def fake_batch_main(argv: list[str]) -> int:
        seen["input"] = Path(argv[0]).read_text(encoding="utf-8")
        Path(argv[1]).write_text('{"document": {"id": "x"}}\n', encoding="utf-8")
        seen["rest"] = argv[2:]
        return 0

    monkeypatch.setattr(batch_module, "main", fake_batch_main)
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "t", "id": "x"}\n'))
    assert cli.main(["batch", "-", "-", "--concurrency", "2"]) == 0
    assert seen == {"input": '{"text": "t", "id": "x"}\n', "rest": ["--concurrency", "2"]}
    assert capsys.readouterr().out == '{"document": {"id": "x"}}\n'


def test_batch_options_before_the_files_are_not_taken_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """An option's value ("--concurrency 2") before IN and OUT is not mistaken for IN; plain files pass as given."""
    seen: list[list[str]] = []

    def fake_batch_main(argv: list[str]) -> int:
        seen.append(list(argv))
        return 0

    monkeypatch.setattr(batch_module, "main", fake_batch_main)
    assert cli.main(["batch", "--concurrency", "2", "in.jsonl", "out.jsonl", "--retry-errors"]) == 0
    assert seen == [["--concurrency", "2", "in.jsonl", "out.jsonl", "--retry-errors"]]
