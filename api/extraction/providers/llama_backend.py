"""``LocalBackend``: a GGUF model in-process with llama-cpp-python, one generation at a time in a worker thread
(its decoding shortcuts are in ``llama_shortcuts``)."""

from __future__ import annotations

import asyncio
import collections
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import instructor
from openai.types.chat import ChatCompletion

from api.extraction.providers.instructor_backend import InstructorBackend
from api.extraction.providers.llama_shortcuts import DecodingShortcuts, _native, closed_choice
from api.extraction.providers.retry_policy import TransportPolicy

_LLAMA_KWARGS = {"messages", "response_format", "max_tokens", "temperature", "top_p", "seed", "stop"}


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


class LocalBackend(DecodingShortcuts, InstructorBackend):
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

    async def aclose(self) -> None:
        self._executor.shutdown(wait=True)
        self._llm.close()
