"""What one model call sends and gets back, now that the per-call work independent of the question is done once.

``OpenAIBackend`` posts instructor's prepared request through ``AsyncOpenAI.post`` instead of
``chat.completions.create`` (skipping the SDK's per-message transform), hands instructor an answer
model prepared once (``answer_model``), and has well-formed completions validated instead of
constructed (``_Completion``). These tests pin that none of it changes what goes over the wire or
what instructor sees: the same body and headers as ``create`` sends, the same response format as
instructor builds per call, the same ``ChatCompletion``. Faults, retries and re-asks are in
``test_upstream_faults.py``.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
import instructor
import pytest
from instructor.core.exceptions import InstructorRetryException
from openai._models import construct_type
from openai.types.chat import ChatCompletion

from api.errors import InvalidAnswer
from api.extraction.prompting import load_prompts
from api.extraction.providers import instructor_backend, openai_backend
from api.extraction.providers.backend import CURRENT_STATS, CallStats
from api.extraction.providers.instructor_backend import answer_model
from schemas.llm import EventAnswer, SpeakerAnswer
from tests.contract.upstream import ScriptedUpstream, answer, completion

SENTENCE = "Sentence: Israeli warplanes struck a weapons depot near Tyre on Monday."


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def sent_with_create(mode: str, model: type[Any]) -> tuple[dict[str, Any], httpx.Headers]:
    """The body and headers of the same question sent the way the backend used to: instructor patched
    over ``chat.completions.create``, with a plain (unprepared) response model."""
    up = ScriptedUpstream()
    backend = up.backend(mode=mode)
    imode = {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON}.get(mode, instructor.Mode.JSON_SCHEMA)

    async def plain_create(**kwargs: Any) -> Any:
        if mode == "llama_json_schema":
            kwargs = instructor_backend.llama_response_format(kwargs)
        return await backend._client.chat.completions.create(**kwargs)

    create: Any = instructor.patch(create=plain_create, mode=imode)
    messages = load_prompts()["event" if model is EventAnswer else "speaker"].messages(SENTENCE)

    with contextlib.suppress(InstructorRetryException):  # the scripted upstream makes no tool calls
        await create(response_model=model, messages=messages, max_retries=0, max_tokens=64, temperature=0.0,
                     model=backend.model_name)
    await backend.aclose()
    return up.requests[0], up.headers[0]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["llama_json_schema", "json_schema", "tools", "json"])
@pytest.mark.parametrize("model", [EventAnswer, SpeakerAnswer], ids=["event", "speaker"])
async def test_the_request_is_the_one_create_sends(mode: str, model: type[Any]) -> None:
    """For every instructor mode the service offers, the JSON body and the headers that matter are exactly
    those of instructor over ``chat.completions.create`` with the plain model."""
    expected_body, expected_headers = await sent_with_create(mode, model)
    up = ScriptedUpstream()
    backend = up.backend(mode=mode)
    messages = load_prompts()["event" if model is EventAnswer else "speaker"].messages(SENTENCE)
    with contextlib.suppress(InvalidAnswer):  # the scripted upstream makes no tool calls
        await backend.structured(messages, model, 64)
    await backend.aclose()
    assert up.requests[0] == expected_body
    headers = up.headers[0]
    for name in ("authorization", "content-type", "accept", "user-agent", "x-stainless-retry-count"):
        assert headers.get(name) == expected_headers.get(name), name
    assert "stream" not in up.requests[0]


@pytest.mark.anyio
async def test_the_llama_form_carries_the_models_schema() -> None:
    """llama.cpp's grammar form gets the answer model's full JSON schema, on every call alike."""
    up = ScriptedUpstream()
    backend = up.backend(mode="llama_json_schema")
    messages = load_prompts()["event"].messages(SENTENCE)
    for _ in range(3):
        await backend.structured(messages, EventAnswer, 64)
    await backend.aclose()
    formats = [r["response_format"] for r in up.requests]
    assert formats[0] == {"type": "json_object", "schema": EventAnswer.model_json_schema()}
    assert formats[1] == formats[0] and formats[2] == formats[0]


@pytest.mark.parametrize("model", [EventAnswer, SpeakerAnswer], ids=["event", "speaker"])
def test_answer_model_is_instructors_preparation_built_once(model: type[Any]) -> None:
    """The prepared model is built once, is what instructor would build (its schema class, same name and
    schema), answers instances of the plain model, and hands out copies of its cached schema."""
    prepared = answer_model(model)
    assert answer_model(model) is prepared
    assert issubclass(prepared, model) and issubclass(prepared, instructor.OpenAISchema)
    assert prepared.__name__ == model.__name__
    assert prepared.model_json_schema() == instructor.openai_schema(model).model_json_schema()
    assert prepared.model_json_schema() == model.model_json_schema()
    schema = prepared.model_json_schema()
    schema["properties"].clear()
    assert prepared.model_json_schema() == model.model_json_schema(), "the cache is not handed out itself"
    assert prepared.model_json_schema(mode="serialization") == model.model_json_schema(mode="serialization")


@pytest.mark.anyio
async def test_a_well_formed_completion_is_validated_and_is_a_plain_chat_completion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The SDK hands the parsed JSON to ``_Completion.build``; a well-formed completion comes back as a
    plain ``ChatCompletion`` with its usage counted, without the SDK's lenient construct."""
    built: list[Any] = []
    original = openai_backend._Completion.build.__func__  # type: ignore[attr-defined]

    def spy(cls: Any, **kwargs: Any) -> Any:
        result = original(cls, **kwargs)
        built.append(result)
        return result

    monkeypatch.setattr(openai_backend._Completion, "build", classmethod(spy))
    up = ScriptedUpstream(answer({"event": "strike"}))
    backend = up.backend()
    stats = CallStats()
    token = CURRENT_STATS.set(stats)
    try:
        result = await backend.structured([{"role": "user", "content": SENTENCE}], EventAnswer, 16)
    finally:
        CURRENT_STATS.reset(token)
        await backend.aclose()
    assert isinstance(result, EventAnswer) and result.event == "strike"
    assert len(built) == 1, "the SDK still calls the model-builder hook"
    assert type(built[0]) is ChatCompletion
    assert built[0].choices[0].message.content == '{"event": "strike"}'
    assert (stats.calls, stats.prompt_tokens, stats.completion_tokens) == (1, 40, 5)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choices": []},
        {"choices": [{"index": 0, "finish_reason": "eos", "message": {"role": "assistant", "content": "x"}}]},
        {"id": 1, "choices": "nope"},
        ["not", "a", "completion"],
        "just text",
    ],
    ids=["empty", "no-fields", "odd-finish-reason", "wrong-types", "list", "string"],
)
def test_what_does_not_validate_is_built_as_the_sdk_builds_it(data: Any) -> None:
    """Anything that is not a well-formed completion gets the SDK's own lenient construct, unchanged."""
    response = httpx.Response(200, json=data)
    built = openai_backend._Completion.build(response=response, data=data)
    expected = construct_type(type_=ChatCompletion, value=data)
    assert type(built) is type(expected)
    if isinstance(expected, ChatCompletion):
        assert built.model_dump(warnings=False) == expected.model_dump(warnings=False)
        assert built.model_fields_set == expected.model_fields_set
    else:
        assert built == expected


def test_a_well_formed_completion_validates_to_what_the_sdk_constructs() -> None:
    """For a well-formed completion, validating gives the same object the SDK's construct gave."""
    data = json.loads(completion('{"event": "none"}').content)
    built = openai_backend._Completion.build(response=httpx.Response(200, json=data), data=data)
    expected = construct_type(type_=ChatCompletion, value=data)
    assert type(built) is ChatCompletion
    assert built.model_dump() == expected.model_dump()
