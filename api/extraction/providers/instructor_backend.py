"""The base of the two model backends, both driven through instructor.

``LocalBackend`` runs a GGUF model in-process with llama-cpp-python; ``OpenAIBackend`` talks to any
OpenAI-compatible endpoint with ``AsyncOpenAI``. Each hands instructor an async ``create`` function
that (1) counts calls and tokens for ``meta``, (2) owns transport retries (timeouts, connection
errors, 429, 5xx) with tenacity, and (3) for llama.cpp servers rewrites OpenAI's ``json_schema``
response format into llama.cpp's ``{"type": "json_object", "schema": …}`` so the grammar really
constrains decoding. Instructor owns the other retry class: re-asking after a validation error.

A request asks the model one short question per candidate sentence (about 30 for 3,000 characters),
so what one call costs the service's CPU adds up. Three costs that did not depend on the question are
paid once instead of per call (docs/performance.md has the figures):

- the answer model as instructor prepares it, and its JSON schema (``answer_model``);
- the SDK's walk of every message through its TypedDict transform: ``OpenAIBackend`` posts the body
  instructor prepared as it is, through the same client, with the same headers, retries and errors;
- the SDK's lenient recursive construct of the completion: a well-formed one is validated instead
  (``_Completion``).
"""
from __future__ import annotations

import copy
import functools
from collections.abc import Awaitable, Callable
from typing import Any, cast

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError, create_model
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from api.errors import AppError, InvalidAnswer
from api.extraction.providers.backend import CURRENT_STATS, Backend, T, count_usage
from api.extraction.providers.retry_policy import TransportPolicy

Create = Callable[..., Awaitable[Any]]


def llama_response_format(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Rewrite ``{"type": "json_schema", "json_schema": {"schema": S}}`` as llama.cpp's grammar form."""
    rf = kwargs.get("response_format")
    if isinstance(rf, dict) and rf.get("type") == "json_schema":
        kwargs = {**kwargs, "response_format": {"type": "json_object", "schema": rf["json_schema"]["schema"]}}
    return kwargs


_SCHEMAS: dict[type[BaseModel], dict[str, Any]] = {}
_ANSWER_MODELS: dict[type[BaseModel], type[BaseModel]] = {}


class _SchemaOnce(BaseModel):
    """``model_json_schema()`` with default arguments answers a copy of a schema computed once per class."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema = _SCHEMAS.get(cls)
        if schema is None or args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(schema)  # a few µs; no caller can change the cached one


def answer_model(model: type[T]) -> type[T]:
    """``model`` as instructor prepares a response model, built once per model instead of on every call.

    On every call, instructor's patched ``create`` wraps a plain pydantic model in its schema class
    (a ``create_model``) and asks the result for its JSON schema (a schema generation): about 0.3 ms
    for these one-field answers. Given a model that already is instructor's schema class it skips the
    wrapping, and this one answers its JSON schema from a cache. Answers are instances of ``model``.
    """
    prepared = _ANSWER_MODELS.get(model)
    if prepared is None:
        wrapped: type[BaseModel] = instructor.openai_schema(model)  # what instructor would do per call
        prepared = create_model(model.__name__, __base__=(_SchemaOnce, wrapped))
        functools.update_wrapper(prepared, model, updated=())  # name, docstring, module: as instructor does
        _SCHEMAS[prepared] = wrapped.model_json_schema()
        _ANSWER_MODELS[model] = prepared
    return cast("type[T]", prepared)


class InstructorBackend(Backend):
    """Structured calls through instructor over an async ``create``; subclasses supply ``_raw_create``."""

    def __init__(self, mode: instructor.Mode, reasks: int, policy: TransportPolicy, llama_format: bool):
        self._policy = policy
        self._llama_format = llama_format
        self._reasks = reasks
        self._create = instructor.patch(create=self._counted_create, mode=mode)

    async def _raw_create(self, **kwargs: Any) -> Any:
        raise NotImplementedError

    async def _counted_create(self, **kwargs: Any) -> Any:
        if self._llama_format:
            kwargs = llama_response_format(kwargs)
        stats = CURRENT_STATS.get()

        async def once() -> Any:
            if stats is not None:
                stats.calls += 1
            return await self._raw_create(**kwargs)

        response = await self._policy.run(once, stats)
        count_usage(response)
        return response

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
        stats = CURRENT_STATS.get()

        def on_reask(*_: Any, **__: Any) -> None:  # before a re-ask: the last failure is not a retry
            if stats is not None:
                stats.retries += 1

        reask = AsyncRetrying(
            stop=stop_after_attempt(self._reasks + 1),
            retry=retry_if_exception_type((ValidationError, ValueError)),
            reraise=True,
            before_sleep=on_reask,
        )
        try:
            create: Any = self._create
            result = await create(
                response_model=answer_model(model), messages=messages, max_retries=reask, max_tokens=max_tokens,
                temperature=0.0, model=self.model_name,
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, AppError):
                raise cause from None
            raise InvalidAnswer(
                f"the model's answer failed validation after {exc.n_attempts} attempt(s)"
            ) from None
        except IncompleteOutputException:  # finish_reason "length": instructor does not re-ask it
            raise InvalidAnswer(f"the model's answer was cut off at the token limit ({max_tokens})") from None
        except AppError:
            raise
        assert isinstance(result, model)
        return result
