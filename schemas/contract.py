"""Contract v1 of ``POST /v1/extract`` (see CONTRACT.md): request, response and their building blocks.

Every offset is a Unicode code point index into the exact text the client sent.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1"

EventType = Literal["strike", "attack", "statement", "casualty_report"]
ALL_TYPES: tuple[EventType, ...] = ("strike", "attack", "statement", "casualty_report")
StrikeWeapon = Literal["airstrike", "drone", "missile", "artillery", "rocket", "ground_raid", "other"]
AttackWeapon = Literal["drone", "rocket", "missile", "ied", "gunfire", "other"]
Attribution = Literal["claimed", "alleged", "confirmed", "denied", "unknown"]
StatementKind = Literal["condemnation", "denial", "justification", "threat", "demand", "claim", "other"]
Precision = Literal["day", "month", "year", "unknown"]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExtractRequest(_Model):
    """The body of ``POST /v1/extract``. The length bound is enforced by the handler (it is a setting)."""

    text: str = Field(min_length=1, description="Article text, exactly as published; offsets index into it.")
    id: str | None = Field(default=None, max_length=512, description="Client document id, echoed back.")
    published_at: dt.date | None = Field(
        default=None, description="YYYY-MM-DD; anchor for relative dates such as 'on Tuesday'."
    )
    types: list[EventType] | None = Field(
        default=None, description="Event types to extract; default all four.", min_length=1
    )
    source: str | None = Field(default=None, max_length=512, description="Publisher or outlet, echoed back.")
    url: str | None = Field(default=None, max_length=2048, description="Address of the article, echoed back.")
    title: str | None = Field(default=None, max_length=2048, description="Headline of the article, echoed back.")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text must contain non-whitespace characters")
        if "\x00" in v:
            raise ValueError("text must not contain NUL characters")
        return v

    @field_validator("published_at", mode="before")
    @classmethod
    def _strict_date(cls, v: object) -> object:
        # a number would pass as a Unix timestamp (0.0 → 1970-01-01): only a YYYY-MM-DD string or null
        if v is None or (isinstance(v, dt.date) and not isinstance(v, dt.datetime)):
            return v
        if not isinstance(v, str) or not _ISO_DAY.fullmatch(v):
            raise ValueError("published_at must be a YYYY-MM-DD string or null")
        return v


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


ActorKind = Literal["state_force", "government", "armed_group", "militia", "international_organisation", "media",
                    "civil_society", "other"]


class Mention(_Model):
    text: str
    normalized: str
    span: Span | None
    actor_kind: ActorKind | None = Field(default=None, description="Kind of the named actor (a person: its org's).")
    country_alpha3: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code of the actor's country.")
    wikidata: str | None = Field(default=None, description="Wikidata id of the actor, where known for certain.")


PlaceKind = Literal["site", "town", "district", "province", "region", "sea", "country"]


class Place(_Model):
    text: str
    span: Span | None
    name: str
    country: str | None
    country_code: str | None
    kind: PlaceKind | None = None
    lat: float | None = Field(default=None, ge=-90, le=90, description="WGS 84 latitude of the place.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="WGS 84 longitude of the place.")
    geonames_id: int | None = None
    admin1: str | None = Field(default=None, description="First-level admin area (province, governorate).")
    admin1_code: str | None = Field(default=None, description="ISO 3166-2 code of admin1.")
    near: bool | None = Field(default=None, description="The article says near / outside / the outskirts of it.")
    geo_precision: int | None = Field(default=None, ge=1, le=3, description="ACLED geo_precision.")
    where_prec: int | None = Field(default=None, ge=1, le=7, description="UCDP GED where_prec.")
    geo_source: str | None = Field(default=None, description="Where the coordinates come from.")
    inferred: bool | None = Field(default=None, description=(
        "True when the event's own words name no country: the country is the one nearly all the article's places "
        "lie in, and the span points to where the article names it."))


class DateValue(_Model):
    text: str
    span: Span | None
    value: str | None
    precision: Precision


class Count(_Model):
    text: str
    span: Span | None
    min: int | None
    max: int | None


class Strike(_Model):
    id: str
    actor: Mention | None = None
    target: Mention | None = None
    target_actor: Mention | None = None
    weapon: StrikeWeapon | None = None
    location: Place | None = None
    date: DateValue | None = None
    authorized_by: Mention | None = None
    in_response_to: list[str] = Field(default_factory=list)
    evidence: list[Span]
    uid: str | None = Field(default=None, description="Stable id: hash of the document and this event's evidence.")
    confidence: float | None = Field(default=None, ge=0, le=1, description="Calibrated chance the event is right.")


class Attack(_Model):
    id: str
    attacker: Mention | None = None
    attribution: Attribution = "unknown"
    target: Mention | None = None
    target_actor: Mention | None = None
    weapon: AttackWeapon | None = None
    location: Place | None = None
    date: DateValue | None = None
    evidence: list[Span]
    uid: str | None = Field(default=None, description="Stable id: hash of the document and this event's evidence.")
    confidence: float | None = Field(default=None, ge=0, le=1, description="Calibrated chance the event is right.")


class Statement(_Model):
    id: str
    speaker: Mention
    speaker_org: Mention | None = None
    quote: Span | None = None
    kind: StatementKind = "other"
    about: list[str] = Field(default_factory=list)
    date: DateValue | None = None
    evidence: list[Span]
    uid: str | None = Field(default=None, description="Stable id: hash of the document and this event's evidence.")
    confidence: float | None = Field(default=None, ge=0, le=1, description="Calibrated chance the event is right.")


class CasualtyReport(_Model):
    id: str
    killed: Count | None = None
    injured: Count | None = None
    victims: Mention | None = None
    reported_by: Mention | None = None
    event: str | None = None
    location: Place | None = None
    date: DateValue | None = None
    evidence: list[Span]
    uid: str | None = Field(default=None, description="Stable id: hash of the document and this event's evidence.")
    confidence: float | None = Field(default=None, ge=0, le=1, description="Calibrated chance the event is right.")


class DocumentInfo(_Model):
    id: str | None
    sha256: str
    chars: int
    published_at: str | None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code of the text's language, when detected.")


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Meta(_Model):
    provider: Literal["local", "openai", "rules"]
    model: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    duration_ms: int = 0
    llm_calls: int = 0
    retries: int = 0
    cached: bool = False
    usage: Usage = Field(default_factory=Usage)
    warnings: list[str] = Field(default_factory=list)


class ExtractResponse(_Model):
    document: DocumentInfo
    strikes: list[Strike] = Field(default_factory=list)
    attacks: list[Attack] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    casualty_reports: list[CasualtyReport] = Field(default_factory=list)
    meta: Meta


class Problem(BaseModel):
    """RFC 9457 problem detail, as every error of the service is answered."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = None
