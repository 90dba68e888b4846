# The two commands a fresh machine needs: `make run` (serve on the embedded model) and `make test`.
.PHONY: setup run test lint eval bench test-newest test-py313

setup:
	bash scripts/setup.sh

# On SIGTERM uvicorn stops accepting connections and gives requests in flight 30 s to finish
# (docs/guarantees.md); give the process manager's own grace period a little more than that.
run: setup
	.venv/bin/python -m uvicorn api.app:create_app --factory --host $${CONFLICT_HOST:-127.0.0.1} --port $${CONFLICT_PORT:-8000} --loop uvloop --http httptools --no-access-log --timeout-graceful-shutdown $${CONFLICT_SHUTDOWN_GRACE_S:-30}

lint:
	.venv/bin/ruff check api schemas tests scripts
	.venv/bin/mypy
	.venv/bin/lint-imports
	.venv/bin/hadolint --no-color Dockerfile

# installs what the suite needs besides the venv (redis-server, nginx, Chromium: scripts/setup_test_deps.sh)
test: setup lint
	bash scripts/setup_test_deps.sh
	.venv/bin/python -m pytest -p no:cacheprovider

eval:
	.venv/bin/python -m api.evaluation $${GOLD:-../shared/eval/dev.jsonl} --out $${OUT:-eval-predictions.jsonl}

bench:  # not part of `make test`; BENCH_ARGS=--model adds the embedded model (slow)
	.venv/bin/python scripts/bench.py $${BENCH_ARGS:-}

# Not part of `make test` or CI (each takes about the suite's time again); results in README.md (Set-up).
test-newest: setup  # the suite with the newest majors the ranges admit (openai 3, redis 8, structlog 26)
	bash scripts/test_newest.sh

test-py313:  # the suite on Python 3.13 in a debootstrapped Debian 13 root (needs root; TRIXIE_ROOT, default ../trixie-root)
	bash scripts/test_py313.sh
