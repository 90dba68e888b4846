"""Typed actors: the `profile` of data/actors.yaml and the actor fields of a reported mention."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from api.enrich.actors import enrich_mention, profile_table
from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest, Mention
from tests.contract.support import ARTICLE
from tests.fakes import FakeBackend

DATA = Path(__file__).resolve().parents[2] / "data"
KINDS = {"state_force", "government", "armed_group", "militia", "international_organisation", "media",
         "civil_society", "other"}


def test_every_profile_is_well_formed() -> None:
    """Each actor's profile has a known kind (persons without an organisation excepted), an alpha-3 code, a Q-id."""
    for e in yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8")):
        p = e["profile"]
        assert p.get("kind") in KINDS or (e["kind"] == "person" and "kind" not in p), e["name"]
        assert "country" not in p or (len(p["country"]) == 3 and p["country"].isupper()), e["name"]
        assert "wikidata" not in p or (p["wikidata"].startswith("Q") and p["wikidata"][1:].isdigit()), e["name"]


@pytest.mark.parametrize(("name", "kind", "country"), [
    ("Israel Defense Forces", "state_force", "ISR"), ("Syria", "government", "SYR"),
    ("Kata'ib Hezbollah", "militia", "IRQ"), ("Hezbollah", "armed_group", "LBN"),
    ("United Nations", "international_organisation", None), ("Reuters", "media", None),
    ("Syrian Observatory for Human Rights", "civil_society", None), ("Lloyd Austin", "state_force", "USA"),
    ("Syrian Ministry of Foreign Affairs", "government", "SYR"),
])
def test_actor_kinds_and_countries(name: str, kind: str, country: str | None) -> None:
    """State forces, governments, militias, armed groups, IOs, media and a person (by its org) are typed."""
    m = Mention(text=name, normalized=name, span=None)
    enrich_mention(m)
    assert (m.actor_kind, m.country_alpha3) == (kind, country)


def test_wikidata_only_where_listed() -> None:
    """Hezbollah carries its Wikidata id; an actor without a certain id has none."""
    assert profile_table()["Hezbollah"]["wikidata"] == "Q41053"
    assert "wikidata" not in profile_table()["Kata'ib Hezbollah"]


def test_free_text_mention_is_left_alone() -> None:
    """A mention that is not a gazetteer actor keeps its actor fields null."""
    m = Mention(text="a base", normalized="a base", span=None)
    enrich_mention(m)
    assert (m.actor_kind, m.country_alpha3, m.wikidata) == (None, None, None)


def test_extraction_reports_typed_actors_and_mapped_places() -> None:
    """Through the pipeline, the strike's actor is typed and its place has a point and precision codes."""
    extractor = Extractor(FakeBackend(), Gazetteer.load(), load_prompts())
    r = asyncio.run(extractor.extract(ExtractRequest(text=ARTICLE)))
    strike = r.strikes[0]
    assert strike.actor is not None and strike.actor.actor_kind in {"state_force", "government"}
    assert strike.actor.country_alpha3 == "ISR"
    loc = strike.location
    assert loc is not None and loc.name == "Nabatieh" and loc.kind == "town" and loc.near is True
    assert loc.lat is not None and loc.admin1_code == "LB-NA" and (loc.geo_precision, loc.where_prec) == (2, 2)
