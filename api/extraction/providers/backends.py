"""The two model backends behind one interface, both driven through instructor.

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

import asyncio
import builtins
import collections
import contextvars
import copy
import ctypes
import functools
import importlib
import json
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai._models import construct_type
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError, create_model
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from api.errors import AppError, InvalidAnswer
from api.extraction.providers.retry_policy import TransportPolicy

T = TypeVar("T", bound=BaseModel)
Create = Callable[..., Awaitable[Any]]


@dataclass
class CallStats:
    """Per-request accounting, summed over every attempt (reported in ``meta``)."""

    calls: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    warnings: list[str] = field(default_factory=list)


CURRENT_STATS: contextvars.ContextVar[CallStats | None] = contextvars.ContextVar("stats", default=None)


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


def _count(response: Any) -> None:
    stats = CURRENT_STATS.get()
    usage = getattr(response, "usage", None)
    if stats is not None and usage is not None:
        stats.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        stats.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)


class Backend:
    """Structured calls through instructor over an async ``create``; subclasses supply ``_raw_create``."""

    provider: Literal["local", "openai"]
    model_name: str
    model_identity: str  # what makes answers differ: name + weights hash or endpoint

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
        _count(response)
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

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None


class _Completion(ChatCompletion):
    """The ``cast_to`` of a chat completion call: the SDK hands the parsed JSON to ``build``, its hook for
    classes that build themselves.

    The SDK's own way is a lenient recursive construct, about 0.1 ms for one short completion; a
    well-formed completion validates in pydantic-core in a few µs. Whatever does not validate (a
    non-standard upstream, a garbage 200) is still built the SDK's lenient way, so instructor gets a
    plain ``ChatCompletion`` (or whatever it got before) either way.
    """

    @classmethod
    def build(cls, *, response: httpx.Response, data: builtins.object) -> Any:
        if isinstance(data, dict):
            try:
                return ChatCompletion.model_validate(data)
            except ValidationError:
                pass
        return construct_type(type_=ChatCompletion, value=data)


class OpenAIBackend(Backend):
    provider = "openai"

    def __init__(self, *, base_url: str, api_key: str, model: str, mode: str, timeout_s: float,
                 reasks: int, policy: TransportPolicy, http_client: Any = None):
        self._client = openai.AsyncOpenAI(
            base_url=base_url, api_key=api_key or "no-key", timeout=timeout_s, max_retries=0,
            http_client=http_client,
        )
        self.model_name = model
        self.model_identity = f"openai:{base_url}:{model}:{mode}"
        imode = {"json_schema": instructor.Mode.JSON_SCHEMA, "llama_json_schema": instructor.Mode.JSON_SCHEMA,
                 "tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON}[mode]
        super().__init__(imode, reasks, policy, llama_format=mode == "llama_json_schema")

    async def _raw_create(self, **kwargs: Any) -> Any:
        # What chat.completions.create does, without walking the 14 few-shot messages through the SDK's
        # TypedDict transform (about 2 ms a call), which changes nothing in plain string messages and
        # dict response formats: the same POST, headers, auth, timeout and errors, and the same JSON body.
        return await self._client.post("/chat/completions", body=kwargs, cast_to=_Completion)

    async def aclose(self) -> None:
        await self._client.close()


_LLAMA_KWARGS = {"messages", "response_format", "max_tokens", "temperature", "top_p", "seed", "stop"}


def closed_choice(kwargs: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The field and the labels of an answer that is one choice from a closed set, ``{"event": "strike"|…}``
    (a greedy call with a JSON-schema grammar whose object has a single required string enum), else None."""
    rf = kwargs.get("response_format")
    schema = rf.get("schema") if isinstance(rf, dict) and rf.get("type") == "json_object" else None
    if not isinstance(schema, dict) or kwargs.get("temperature") not in (0, 0.0):
        return None
    props = schema.get("properties")
    if not isinstance(props, dict) or len(props) != 1 or schema.get("required") != list(props):
        return None
    (name, spec), = props.items()
    labels = spec.get("enum") if isinstance(spec, dict) else None
    if not isinstance(labels, list) or len(labels) < 2 or not all(isinstance(x, str) and x for x in labels):
        return None
    return name, tuple(labels)


def _native(module: str = "llama_cpp") -> Any:
    """A llama-cpp-python module, imported when first used: only the embedded backend needs the native library."""
    return importlib.import_module(module)


def load_llama(model_path: str, *, n_ctx: int, n_threads: int, extra_bufts: bool) -> Any:
    """Load a GGUF with llama-cpp-python; ``extra_bufts=False`` turns off weight-repacking buffer types.

    Those include AMX, which a CPU may advertise while its hypervisor faults on it (seen on this
    project's CI machines: a general protection fault in libggml-cpu at the first decode).
    ``Llama`` does not expose the flag, so the default model parameters are wrapped while it loads.
    """
    llama_cpp, llama_module = _native(), _native("llama_cpp.llama")
    original = llama_module.llama_cpp.llama_model_default_params

    def params() -> Any:
        p = original()
        p.use_extra_bufts = extra_bufts
        return p

    with _LOAD_LOCK:
        llama_module.llama_cpp.llama_model_default_params = params
        try:
            return llama_cpp.Llama(model_path=model_path, n_ctx=n_ctx, n_threads=n_threads, n_batch=512,
                                   verbose=False, seed=0)
        finally:
            llama_module.llama_cpp.llama_model_default_params = original


_LOAD_LOCK = threading.Lock()


class LocalBackend(Backend):
    """One llama.cpp context, one generation at a time, in a dedicated worker thread.

    With ``jump_forward`` a closed-set answer (the event label) is not decoded token by token through the
    JSON grammar. Everything around the label is fixed by the grammar (``{"event": "`` before it, ``"}`` after
    it), so the prompt is read up to the label's opening quote and the label is the one whose first token
    scores highest there: the choice greedy grammar decoding makes at that point, with none of the six or
    seven decoding steps of the fixed characters (about 0.7 s a question on 2 threads). The answer then goes
    through instructor's validation like any other completion. A borderline label can still come out the other
    way, as it can between any two runs that reuse different parts of the context: the scores carry the
    rounding of however the prompt was split into batches.
    """

    provider = "local"
    SNAPSHOTS = 4

    def __init__(self, *, model_path: str, model_name: str, model_sha256: str, n_ctx: int, n_threads: int,
                 reasks: int, policy: TransportPolicy, extra_bufts: bool = False, jump_forward: bool = True):
        self._llm = load_llama(model_path, n_ctx=n_ctx, n_threads=n_threads, extra_bufts=extra_bufts)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama")
        self._jump_forward = jump_forward
        self._format: Any = None  # the chat template, as llama-cpp-python renders it for create_chat_completion
        # the model's memory (KV cache) of each prompt's fixed part, by its tokens: most recently used last
        self._snapshots: collections.OrderedDict[tuple[int, ...], Any] = collections.OrderedDict()
        self.model_name = model_name
        self.model_identity = f"local:{model_name}:{model_sha256}"
        super().__init__(instructor.Mode.JSON_SCHEMA, reasks, policy, llama_format=True)

    def _tokens(self, messages: list[dict[str, str]], suffix: str = "") -> list[int] | None:
        """``messages`` as the chat template renders them, plus ``suffix``, in tokens; None with no template."""
        template = self._template()
        if template is None:
            return None
        rendered = template(messages=messages)
        return list(self._llm.tokenize((rendered.prompt + suffix).encode(), add_bos=not rendered.added_special,
                                       special=True))

    def _fixed_part(self, messages: list[dict[str, str]]) -> list[int] | None:
        """The tokens of everything before the last message's content (instructions and worked examples)."""
        marker = "\u0001"  # stands for the content; no prompt file has it
        tokens = self._tokens([*messages[:-1], {"role": messages[-1]["role"], "content": marker}])
        if tokens is None:
            return None
        cut = self._llm.tokenize(marker.encode(), add_bos=False, special=False)
        at = next((i for i in range(len(tokens) - len(cut) + 1) if tokens[i : i + len(cut)] == cut), None)
        return tokens[:at] if at else None

    def _recall(self, messages: list[dict[str, str]]) -> None:
        """Put the prompt's fixed part in the model's memory before the call (in the worker thread).

        One llama.cpp context keeps one sequence, so the event and the speaker questions, which have different
        instructions, used to push each other out: every switch read 300–400 tokens again (about 3 s on 2
        threads). The memory of each fixed part is kept aside (about 11 MB for 400 tokens) and put back in a
        few ms. llama-cpp-python still matches the whole prompt against what the context holds, token by
        token, before it reads the rest, so a wrong guess here costs time, never a different answer.
        """
        llama_cpp = _native()
        fixed = self._fixed_part(messages)
        if fixed is None:
            return
        llm, key = self._llm, tuple(fixed)
        held = llm.n_tokens >= len(fixed) and list(llm.input_ids[: len(fixed)]) == fixed
        if held:
            return
        snapshot = self._snapshots.get(key)
        ctx = llm._ctx.ctx
        if snapshot is not None:
            self._snapshots.move_to_end(key)
            llm._ctx.kv_cache_seq_rm(-1, 0, -1)
            if llama_cpp.llama_state_seq_set_data(ctx, snapshot, len(snapshot), 0):
                llm.input_ids[: len(fixed)] = fixed
                llm.n_tokens = len(fixed)
                llm._requires_eval = True  # the logits are not those of the last token: read the rest first
                return
            llm.n_tokens = 0
        have = 0
        while have < min(llm.n_tokens, len(fixed)) and llm.input_ids[have] == fixed[have]:
            have += 1
        llm.n_tokens = have
        llm.eval(fixed[have:])
        size = llama_cpp.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        if llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0) == size:
            self._snapshots[key] = buffer
            while len(self._snapshots) > self.SNAPSHOTS:
                self._snapshots.popitem(last=False)

    async def _raw_create(self, **kwargs: Any) -> Any:
        choice = closed_choice(kwargs) if self._jump_forward else None
        call = functools.partial(self._choose, kwargs, *choice) if choice else functools.partial(self._decode, kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def _decode(self, kwargs: dict[str, Any]) -> ChatCompletion:
        self._recall(kwargs["messages"])
        chosen = {k: v for k, v in kwargs.items() if k in _LLAMA_KWARGS}
        return cast("ChatCompletion", self._llm.create_chat_completion_openai_v1(**chosen))

    def _template(self) -> Any:
        if self._format is None:
            chat_format = _native("llama_cpp.llama_chat_format")
            llm = self._llm
            if llm.chat_format != "chat_template.default":  # a GGUF with no template of its own
                return None
            eos, bos = llm.token_eos(), llm.token_bos()
            self._format = chat_format.Jinja2ChatFormatter(
                template=llm.metadata["tokenizer.chat_template"], stop_token_ids=[eos],
                eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
                bos_token=llm._model.token_get_text(bos) if bos != -1 else "")
        return self._format

    def _label_tokens(self, messages: list[dict[str, str]], field_name: str,
                      labels: tuple[str, ...]) -> tuple[list[int], dict[int, str]] | None:
        """The prompt's tokens up to the label's opening quote, and each label by its first token; None when
        the model has no chat template of its own or a label's first token does not settle which label it is."""
        opening = json.dumps({field_name: ""})[:-2]
        tokens = self._tokens(messages, opening)
        if tokens is None:
            return None
        firsts: dict[int, str] = {}
        for label in labels:
            whole = self._tokens(messages, f'{opening}{label}"') or []
            if whole[: len(tokens)] == tokens and len(whole) > len(tokens):
                firsts.setdefault(whole[len(tokens)], label)
        if len(firsts) != len(labels):
            return None
        # the first token must settle the label: after "strike" the grammar would still allow "strikes"
        for token in firsts:
            head = self._llm.detokenize([token]).decode("utf-8", "ignore")
            if sum(label.startswith(head) for label in labels) != 1:
                return None
        return tokens, firsts

    def _choose(self, kwargs: dict[str, Any], field_name: str, labels: tuple[str, ...]) -> ChatCompletion:
        """The label whose first token scores highest right after ``{"<field>": "`` (in the worker thread)."""
        import numpy as np

        found = self._label_tokens(kwargs["messages"], field_name, labels)
        if found is None:
            return self._decode(kwargs)  # through the grammar, token by token
        tokens, firsts = found
        self._recall(kwargs["messages"])
        allowed = np.fromiter(firsts, dtype=np.intc)

        def only_labels(_: Any, scores: Any) -> Any:
            masked = np.full_like(scores, -np.inf)
            masked[allowed] = scores[allowed]
            return masked

        generation = self._llm.generate(tokens, temp=0.0, logits_processor=_native().LogitsProcessorList([only_labels]))
        try:
            label = firsts[next(generation)]
        finally:
            generation.close()
        return ChatCompletion.model_validate({
            "id": "choice", "object": "chat.completion", "created": int(time.time()), "model": self.model_name,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps({field_name: label})}}],
            "usage": {"prompt_tokens": len(tokens), "completion_tokens": 1, "total_tokens": len(tokens) + 1},
        })

    async def aclose(self) -> None:
        self._executor.shutdown(wait=True)
        self._llm.close()
