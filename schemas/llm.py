"""The terse answers the model fills. It never writes offsets or copies evidence: code does that.

Each question is about one sentence that the rules picked, and each answer is one short field:
an event label or a statement's kind from a closed set, or a speaker's name.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SPEAKER_MAX = 80


class EventAnswer(BaseModel):
    """Does the sentence report a strike by a state force, an attack by a non-state group, or neither."""

    model_config = ConfigDict(extra="forbid")
    event: Literal["strike", "attack", "none"]


# the kinds put to the model when no mark in the words settles one; "denial" and "demand" are always marked ("denied",
# "rejected", "called on", "urged"), so the rules never leave them open
OPEN_KINDS = ("claim", "other", "justification", "condemnation", "threat")


class KindAnswer(BaseModel):
    """The kind of a statement whose words carry no mark of one: a claim of fact, or something else said."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["claim", "other", "justification", "condemnation", "threat"]


class IncidentAnswer(BaseModel):
    """Whether a second report names the same incident as a first one."""

    model_config = ConfigDict(extra="forbid")
    incident: Literal["same", "different"]


class SpeakerAnswer(BaseModel):
    """The name of whoever speaks in the sentence, or "none"."""

    model_config = ConfigDict(extra="forbid")
    speaker: str = Field(max_length=SPEAKER_MAX)

    def name(self) -> str | None:
        s = self.speaker.strip().strip(".\"'")
        return None if s.lower() in {"", "none", "null", "unknown", "n/a", "nobody"} else s
