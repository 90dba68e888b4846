"""``OpenAIBackend``: any OpenAI-compatible endpoint through ``AsyncOpenAI``, its completions validated, not
constructed leniently."""

from __future__ import annotations

import builtins
from typing import Any

import httpx
import instructor
import openai
from openai._models import construct_type
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from api.extraction.providers.instructor_backend import InstructorBackend
from api.extraction.providers.retry_policy import TransportPolicy


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


class OpenAIBackend(InstructorBackend):
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
