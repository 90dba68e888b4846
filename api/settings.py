"""Service settings, read from ``CONFLICT_*`` environment variables (see docs/settings.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Question = Literal["kind", "incident"]
DEFAULT_QUESTIONS: tuple[Question, ...] = ()


class Settings(BaseSettings):
    """Every knob of the service. Field docs are mirrored in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="CONFLICT_", extra="ignore")

    # --- backend -------------------------------------------------------------------------------
    provider: Literal["local", "openai", "rules"] = "local"
    """``local``: embedded GGUF model via llama-cpp-python; ``openai``: any OpenAI-compatible endpoint."""
    local_model: Literal["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b"] = "qwen2.5-coder-1.5b"
    model_path: Path | None = None
    """A GGUF file to load instead of the packaged model."""
    model_sha256: str | None = None
    """Expected SHA-256 of ``model_path`` (checked before loading when set)."""
    model_cache_dir: Path = Path.home() / ".cache" / "conflict-extract" / "models"
    n_threads: int = Field(default=2, ge=1)
    n_ctx: int = Field(default=4096, ge=1024)
    llama_repack: bool = False
    """Let llama.cpp repack weights into extra buffer types (AMX and others). Off by default: some
    hypervisors advertise AMX but fault on it (a crash at the first decode)."""
    jump_forward: bool = True
    """Embedded model: read a closed-set answer (the event label) from the model's scores where the label starts,
    instead of decoding the JSON around it token by token (the choice greedy decoding makes, about 2.5× faster)."""

    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: SecretStr = SecretStr("")
    openai_model: str = "gpt-4o-mini"
    instructor_mode: Literal["json_schema", "llama_json_schema", "tools", "json"] = "llama_json_schema"
    """How structured output is requested from the OpenAI-compatible endpoint (see docs/deployment.md)."""
    openai_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    """The OpenAI client's HTTP transport: aiohttp (the SDK's ``DefaultAioHttpClient``) costs about a third less
    CPU a model call than httpx's own; the two send the same requests."""

    # --- limits and policy ---------------------------------------------------------------------
    max_chars: int = Field(default=100_000, ge=1)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    request_deadline_s: float = Field(default=600.0, gt=0)
    shutdown_grace_s: float = Field(default=30.0, gt=0)
    """Must equal uvicorn's --timeout-graceful-shutdown (make run and the Dockerfile pass this value): on SIGTERM,
    an extraction still running 2 s before the grace ends is stopped with a 503 problem instead of being cut."""
    llm_timeout_s: float = Field(default=120.0, gt=0)
    transport_retries: int = Field(default=2, ge=0)
    """Extra attempts on timeouts, connection errors, 429 and 5xx from the model endpoint."""
    reasks: int = Field(default=1, ge=0)
    """Extra attempts when the model's answer fails validation (the error is sent back)."""
    retry_after_max_s: float = Field(default=10.0, ge=0)
    """A 429 whose Retry-After is longer than this is answered 503 at once instead of waited out."""
    max_concurrency: int = Field(default=1, ge=1)
    """Extractions run at once (the embedded model runs one at a time whatever this says)."""
    max_queue: int = Field(default=4, ge=0)
    """Extractions waiting for a slot; beyond it the service answers 503 with Retry-After."""
    max_tokens: int = Field(default=64, ge=16)
    """Token cap for one model answer (each answer is one label or one name)."""
    parallel_calls: int = Field(default=4, ge=1)
    """Model calls in flight for one extraction (the embedded model still runs one at a time)."""
    model_questions: list[Question] = Field(default_factory=lambda: list(DEFAULT_QUESTIONS))
    """The closed questions put to the model besides the event and speaker ones: ``kind`` (the kind of a statement
    whose words mark none) and ``incident`` (whether a mention that names neither actor nor date is the main
    event). Both off by default: on dev + dev2 neither embedded model answered them better than the rules
    (docs/quality.md); they are there for a stronger OpenAI-compatible model."""

    # --- batch (POST /v1/extract/batch) --------------------------------------------------------
    batch_max_lines: int = Field(default=100, ge=1)
    """Articles in one batch; a longer batch is refused with 413 before any is extracted."""
    batch_max_body_bytes: int = Field(default=16 * 1_048_576, ge=1024)
    """Size of one batch body (``max_body_bytes`` is the limit of a single request)."""
    batch_concurrency: int = Field(default=1, ge=1)
    """Articles of one batch in flight at once, each through the same admission control as a request."""

    # --- cache ---------------------------------------------------------------------------------
    cache_size: int = Field(default=256, ge=0)
    """Responses kept in the in-memory LRU cache (0 turns it off)."""
    redis_url: str | None = None
    """When set, responses are cached in Redis instead (shared by replicas)."""
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=1)

    # --- access --------------------------------------------------------------------------------
    api_keys_sha256: list[str] = Field(default_factory=list)
    """SHA-256 hex digests of accepted API keys; empty = no authentication."""
    rate_limit_per_minute: int = Field(default=0, ge=0)
    """Requests per minute per API key (or client address); 0 = unlimited."""
    cors_origins: list[str] = Field(default_factory=list)
    """Origins allowed by CORS; empty = no CORS headers at all."""

    log_json: bool | None = None
    """JSON logs (default: JSON unless stderr is a TTY)."""
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    testing: bool = False
    """Test switch: loggers are not cached (so ``structlog.testing.capture_logs`` sees them all)."""
