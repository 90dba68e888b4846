"""Each named actor's kind, country (ISO 3166-1 alpha-3) and Wikidata id, from the `profile` of data/actors.yaml.

The profiles are written at build time by scripts/type_actors.py. A mention is looked up by its
canonical name (``normalized``); a free-text mention ("a base", "two weapons depots") has no profile and
keeps the fields null.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from schemas.contract import ExtractResponse, Mention

DATA = Path(__file__).resolve().parents[2] / "data" / "actors.yaml"


@functools.cache
def profile_table(path: Path = DATA) -> dict[str, dict[str, Any]]:
    """Actor name → its `profile` mapping (read once per process)."""
    return {e["name"]: e.get("profile") or {} for e in yaml.safe_load(path.read_text(encoding="utf-8"))}


def enrich_mention(mention: Mention | None) -> None:
    """Fill the mention's actor fields in place (nothing for a name the gazetteer lacks)."""
    if mention is None or not (profile := profile_table().get(mention.normalized)):
        return
    mention.actor_kind = profile.get("kind")
    mention.country_alpha3 = profile.get("country")
    mention.wikidata = profile.get("wikidata")


def enrich_actors(response: ExtractResponse) -> None:
    """Every actor-like mention of the response, enriched."""
    for s in response.strikes:
        for m in (s.actor, s.target_actor, s.authorized_by):
            enrich_mention(m)
        if s.actor is not None and s.actor.actor_kind == "government":
            s.actor.actor_kind = "state_force"  # a state strikes through its forces ("Turkey" as a strike's actor)
    for a in response.attacks:
        for m in (a.attacker, a.target_actor):
            enrich_mention(m)
    for st in response.statements:
        for m in (st.speaker, st.speaker_org):
            enrich_mention(m)
    for c in response.casualty_reports:
        for m in (c.victims, c.reported_by):
            enrich_mention(m)
