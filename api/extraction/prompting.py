"""Prompts as data: loaded from ``prompts/*.yaml`` and validated at start-up; message building.

Messages are laid out static part first (instructions, then worked examples as chat turns, then the
one sentence asked about), so successive calls share the longest possible prefix in the model's KV
cache and only the sentence itself is new work. The article's words are defused on the way in:
llama.cpp tokenises the rendered chat with special tokens on, so an article's ``<|im_end|>``,
``<|im_start|>system``, ``</s>`` or ``[INST]`` would otherwise end the user turn and open a new one.
A zero-width space after the opening bracket keeps the text readable and the tokens ordinary.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
PROMPT_FILES = ("event", "speaker", "kind", "incident")
# "<|im_start|>", "<|eot_id|>", "</s>", "<s>", "<start_of_turn>", "<<SYS>>", "[INST]", "[/INST]"
_CONTROL = re.compile(r"<(?=[|/]?[A-Za-z_|][^<>\s]{0,40}>|<SYS>>|/SYS>>)|\[(?=/?INST\])", re.IGNORECASE)
ZWSP = "\u200b"


def defuse(text: str) -> str:
    """``text`` with chat-template control sequences broken up, so a tokenizer reads them as plain text."""
    return _CONTROL.sub(lambda m: m.group(0) + ZWSP, text)


class PromptError(ValueError):
    """A prompt file is missing or malformed; raised at start-up, never per request."""


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    version: str
    system: str
    answer_field: str
    labels: tuple[str, ...] | None
    examples: tuple[tuple[str, str], ...]

    def messages(self, user: str) -> list[dict[str, str]]:
        """The fixed part (copies: instructor may edit a message in place, as its JSON mode does the system
        message), then the question."""
        return [*map(dict, self._fixed()), {"role": "user", "content": defuse(user)}]

    @functools.cache  # noqa: B019 -- one entry per prompt file, which lives as long as the process
    def _fixed(self) -> tuple[dict[str, str], ...]:
        out = [{"role": "system", "content": self.system}]
        for given, answer in self.examples:
            out.append({"role": "user", "content": given})
            out.append({"role": "assistant", "content": json.dumps({self.answer_field: answer})})
        return tuple(out)


def _fail(name: str, why: str) -> PromptError:
    return PromptError(f"prompt {name}.yaml: {why}")


def _parse(name: str, raw: Any) -> Prompt:
    if not isinstance(raw, dict):
        raise _fail(name, "must be a mapping")
    version, system, field = raw.get("version"), raw.get("system"), raw.get("answer_field")
    if not isinstance(version, str) or not version:
        raise _fail(name, "needs a version string")
    if not isinstance(system, str) or len(system) < 50:
        raise _fail(name, "needs a system text of at least 50 characters")
    if not isinstance(field, str) or not field.isidentifier():
        raise _fail(name, "answer_field must be an identifier")
    labels = raw.get("labels")
    if labels is not None and (not isinstance(labels, list) or not all(isinstance(x, str) for x in labels)):
        raise _fail(name, "labels must be a list of strings")
    examples = raw.get("examples")
    if not isinstance(examples, list) or not examples:
        raise _fail(name, "needs a non-empty list of examples")
    pairs = []
    for i, ex in enumerate(examples):
        if not isinstance(ex, dict) or not isinstance(ex.get("input"), str) or not isinstance(ex.get("output"), str):
            raise _fail(name, f"example {i} needs string input and output")
        if labels is not None and ex["output"] not in labels:
            raise _fail(name, f"example {i} output {ex['output']!r} is not one of {labels}")
        pairs.append((ex["input"], ex["output"]))
    return Prompt(name, version, system.strip(), field, tuple(labels) if labels else None, tuple(pairs))


def load_prompts(directory: Path | None = None) -> dict[str, Prompt]:
    directory = directory or PROMPTS_DIR
    out = {}
    for name in PROMPT_FILES:
        path = directory / f"{name}.yaml"
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise _fail(name, f"cannot be read: {exc}") from exc
        out[name] = _parse(name, raw)
    return out


def prompt_version(prompts: dict[str, Prompt]) -> str:
    return "+".join(p.version for p in prompts.values())
