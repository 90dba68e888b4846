# The two commands a fresh machine needs: `make run` (serve on the embedded model) and `make test`.
.PHONY: setup run test lint eval bench

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
