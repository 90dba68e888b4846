# The two commands a fresh machine needs: `make run` (serve on the embedded model) and `make test`.
.PHONY: setup run test lint eval bench

setup:
	bash scripts/setup.sh

run: setup
	.venv/bin/python -m uvicorn api.app:create_app --factory --host $${CONFLICT_HOST:-127.0.0.1} --port $${CONFLICT_PORT:-8000} --loop uvloop --http httptools --no-access-log

lint:
	.venv/bin/ruff check api schemas tests scripts
	.venv/bin/mypy

test: setup lint
	.venv/bin/python -m pytest -p no:cacheprovider

eval:
	.venv/bin/python -m api.evaluation $${GOLD:-../shared/eval/dev.jsonl} --out $${OUT:-eval-predictions.jsonl}

bench:
	.venv/bin/python scripts/bench.py
