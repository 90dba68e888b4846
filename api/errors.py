"""Domain errors and their one mapping to RFC 9457 problem details.

The tree::

    AppError                       (status, title, retryable, retry_after)
    ├── ClientError                a client's mistake: 4xx
    │   ├── MalformedBody          400 (a batch line that is not JSON)
    │   ├── Unauthorized           401
    │   ├── ContentTooLarge        413 (a batch over its byte or line limit)
    │   ├── UnsupportedMediaType   415 (a batch not sent as NDJSON)
    │   ├── InvalidRequest         422
    │   └── RateLimited            429 + Retry-After
    └── ServiceError               ours or upstream's: 5xx
        ├── Busy                   503 + Retry-After (queue full, circuit open, model loading)
        ├── UpstreamUnavailable    503 + Retry-After (upstream overloaded beyond our patience)
        ├── UpstreamError          502 (model error that retries could not fix)
        │   └── InvalidAnswer      502 (an answer still invalid after the re-asks, or cut off at
        │                               max_tokens: the pipeline leaves that one question unanswered)
        ├── ModelFileError         503 (embedded model missing or failing its checksum)
        └── DeadlineExceeded       504

No problem detail carries article text, prompts, keys or tracebacks: ``detail`` is always a message
written here, never an upstream body.
"""

from __future__ import annotations

from typing import Any, ClassVar

PROBLEM_BASE = "https://conflict-extract.dev/problems/"


class AppError(Exception):
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"
    slug: ClassVar[str] = "internal"
    retryable: ClassVar[bool] = False

    def __init__(self, detail: str, *, retry_after: int | None = None, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after
        self.errors = errors

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = self.errors
        return body

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}


class ClientError(AppError):
    status = 400
    title = "Bad request"
    slug = "bad-request"


class InvalidRequest(ClientError):
    status = 422
    title = "Invalid request"
    slug = "invalid-request"


class MalformedBody(ClientError):
    status = 400
    title = "Malformed request body"
    slug = "malformed-json"


class ContentTooLarge(ClientError):
    status = 413
    title = "Request body too large"
    slug = "body-too-large"


class UnsupportedMediaType(ClientError):
    status = 415
    title = "Unsupported media type"
    slug = "unsupported-media-type"


class Unauthorized(ClientError):
    status = 401
    title = "Unauthorized"
    slug = "unauthorized"


class RateLimited(ClientError):
    status = 429
    title = "Too many requests"
    slug = "rate-limited"
    retryable = True


class ServiceError(AppError):
    pass


class Busy(ServiceError):
    status = 503
    title = "Service busy"
    slug = "busy"
    retryable = True


class UpstreamUnavailable(ServiceError):
    status = 503
    title = "Model upstream unavailable"
    slug = "upstream-unavailable"
    retryable = True


class UpstreamError(ServiceError):
    status = 502
    title = "Model upstream error"
    slug = "upstream-error"


class InvalidAnswer(UpstreamError):
    """The upstream answered, but not usably: the one question is left unanswered, the request goes on."""


class ModelFileError(ServiceError):
    status = 503
    title = "Model unavailable"
    slug = "model-unavailable"


class ShuttingDown(ServiceError):
    status = 503
    title = "Service shutting down"
    slug = "shutting-down"
    retryable = True


class DeadlineExceeded(ServiceError):
    status = 504
    title = "Deadline exceeded"
    slug = "deadline-exceeded"
    retryable = True


# Litestar's own HTTP errors, mapped onto the same problem vocabulary.
HTTP_STATUS_SLUGS: dict[int, tuple[str, str]] = {
    400: ("malformed-json", "Malformed request body"),
    401: ("unauthorized", "Unauthorized"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("body-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-request", "Invalid request"),
    429: ("rate-limited", "Too many requests"),
    500: ("internal", "Internal error"),
    503: ("busy", "Service busy"),
}
