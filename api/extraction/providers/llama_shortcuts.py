"""The embedded backend's two decoding shortcuts, kept apart from the plain path: the memory of each prompt's
fixed part put back before a call, and a closed-set answer chosen by its first token (``jump_forward``)."""

from __future__ import annotations

import collections
import ctypes
import importlib
import json
import time
from typing import Any

from openai.types.chat import ChatCompletion


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


class DecodingShortcuts:
    """Mixed into ``LocalBackend``, which supplies the model, its chat template (``_tokens``) and the plain
    decoding path (``_decode``)."""

    SNAPSHOTS = 4
    model_name: str
    _llm: Any
    _snapshots: collections.OrderedDict[tuple[int, ...], Any]

    def _tokens(self, messages: list[dict[str, str]], suffix: str = "") -> list[int] | None:
        raise NotImplementedError

    def _decode(self, kwargs: dict[str, Any]) -> ChatCompletion:
        raise NotImplementedError

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
