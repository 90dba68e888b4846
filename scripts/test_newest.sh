#!/usr/bin/env bash
# The suite against the newest major versions the dependency ranges admit (openai 3, redis 8, structlog 26), in a
# throwaway venv outside the repository (NEWEST_VENV, default ../.venv-newest-<checkout's folder name>, kept for the next
# run; not part of `make test`: about the suite's time again). Arguments go to pytest.
# On 2026-12-07 05:30 UTC pip resolved openai 3.3.0 (with instructor 1.17.0 and jiter 0.14.0), redis 8.2.0 and
# structlog 26.1.0; a run earlier that day had stopped at openai 3.2.0 with the same instructor and jiter.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=$(realpath -m "${NEWEST_VENV:-../.venv-newest-$(basename "$PWD")}")
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "llama-cpp-python==0.3.36"
"$VENV/bin/python" -m pip install -q -e '.[dev]' 'openai[aiohttp]>=3,<4' 'redis>=8,<9' 'structlog>=26,<27'
"$VENV/bin/python" -m pip list 2>/dev/null | grep -iE '^(openai|httpx2|instructor|redis|structlog) '
bash scripts/setup_test_deps.sh
"$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
