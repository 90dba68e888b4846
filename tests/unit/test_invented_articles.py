"""Whole articles from other outlets and theatres, written for these tests (not evaluation data).

Each was written to look like wire copy about a real kind of event (US/UK strikes on the Houthis, the
Iran–Pakistan strikes, Israel–Hezbollah fire, a drone attack on a base in Jordan, a missile on a cargo
ship, the strike on a consulate in Damascus, a drone strike in Baghdad, missiles on Erbil, a strike in
Beirut, Turkish drones in Syria, missiles at Israel, rockets at an embassy, a missile on a bulk carrier, a strike
in Mazzeh, missiles on al-Asad, Pakistani airstrikes in Afghanistan, a shell on UNIFIL). The model is replaced by
vocabulary labels (as in the "rules alone" ablation), so what is checked is the rules' reading of the
article: who acted, which events a sentence holds, where casualty figures belong. Each assertion is a
fact the article states.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.acts import ATTACK_NOUNS, STRIKE_NOUNS
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest
from schemas.llm import EventAnswer
from tests.fakes import FakeBackend, keyword_answer

ARTICLES = {a["id"]: a for a in map(json.loads, (Path(__file__).parents[1] / "data" / "invented_articles.jsonl")
                                    .read_text().splitlines())}


def _vocabulary(sentence: str, model: type[BaseModel]) -> BaseModel:
    if model is EventAnswer:
        label = "attack" if ATTACK_NOUNS.search(sentence) else "strike" if STRIKE_NOUNS.search(sentence) else "none"
        return EventAnswer(event=label)
    return keyword_answer(sentence, model)  # no speaker; the rules' statement kind and incident


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict[str, Any]]:
    extractor = Extractor(FakeBackend(_vocabulary), Gazetteer.load(), load_prompts())

    async def run() -> dict[str, dict[str, Any]]:
        out = {}
        for key, a in ARTICLES.items():
            r = await extractor.extract(ExtractRequest(id=key, text=a["text"], published_at=a["published_at"]))
            out[key] = json.loads(r.model_dump_json())
        return out

    return asyncio.run(run())


def _name(v: dict[str, Any] | None) -> str | None:
    return v["normalized"] if v else None


def _by(events: list[dict[str, Any]], who: str, key: str = "actor") -> dict[str, Any]:
    found = [e for e in events if _name(e[key]) == who]
    assert found, (who, [_name(e[key]) for e in events])
    return found[0]


def _killed(c: dict[str, Any]) -> int | None:
    return c["killed"]["min"] if c["killed"] else None


def test_us_uk_strikes_on_the_houthis(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["g1"]
    strike = _by(d["strikes"], "United States")  # "The United States and Britain carried out strikes"
    assert _name(strike["target_actor"]) == "Houthis" and strike["weapon"] is None  # "drone storage sites"
    attack = _by(d["attacks"], "Houthis", "attacker")
    assert attack["id"] in strike["in_response_to"]
    assert [(_killed(c), c["injured"]["min"], c["event"]) for c in d["casualty_reports"]] == [(5, 6, strike["id"])]


def test_iran_and_pakistan_strike_each_other(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["g2"]
    pakistan, iran = _by(d["strikes"], "Pakistan"), _by(d["strikes"], "Iran")
    assert iran["date"]["value"] == "2024-01-16" and iran["location"]["name"] == "Balochistan"
    nine = [c for c in d["casualty_reports"] if _killed(c) == 9]
    assert nine and nine[0]["event"] == pakistan["id"]  # "nine people, including four children" is one figure
    assert not [c for c in d["casualty_reports"] if _killed(c) == 4]


def test_israel_and_hezbollah_trade_fire(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["g3"]
    strike = _by(d["strikes"], "Israel")
    assert strike["weapon"] == "airstrike" and strike["location"]["name"] == "southern Lebanon"
    assert d["attacks"] and d["attacks"][0]["attribution"] == "claimed"  # "the group said it fired"
    assert 320 not in [_killed(c) for c in d["casualty_reports"]]  # 320 rockets are not 320 dead


def test_drone_attack_on_a_base_in_jordan(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["h1"]
    assert d["strikes"] == []  # "three American service members were killed in a drone attack": victims, not agents
    attack = _by(d["attacks"], "Islamic Resistance in Iraq", "attacker")
    assert attack["attribution"] == "claimed" and attack["weapon"] == "drone"
    assert [(_killed(c), c["injured"]["min"]) for c in d["casualty_reports"]] == [(3, 34)]
    assert "Islamic Resistance in Iraq" in [_name(s["speaker"]) for s in d["statements"]]


def test_houthi_missile_on_a_cargo_ship(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["h2"]
    attack = _by(d["attacks"], "Houthis", "attacker")
    assert attack["attribution"] == "claimed" and attack["location"]["name"] == "Gulf of Aden"
    assert [(c["injured"]["min"], c["injured"]["max"]) for c in d["casualty_reports"]] == [(0, 0)]


def test_strike_on_a_consulate_in_damascus(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["h3"]
    strike = _by(d["strikes"], "Israel")
    assert d["attacks"] == []  # "punished for the attack" refers to the strike
    assert sorted(_killed(c) for c in d["casualty_reports"]) == [7, 11]
    assert {c["event"] for c in d["casualty_reports"]} == {strike["id"]}


def test_drone_strike_in_baghdad(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["k1"]
    strike = _by(d["strikes"], "United States")
    assert strike["location"]["name"] == "Baghdad" and strike["in_response_to"]
    assert all(_name(s["speaker"]) != "Kata'ib Hezbollah" for s in d["statements"])  # "two security sources said"


def test_beirut_strike_and_the_golan_attack(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["m3"]
    strike = d["strikes"][0]
    assert strike["actor"] is not None and strike["date"]["value"] == "2024-07-30"
    golan = [a for a in d["attacks"] if a["date"] and a["date"]["value"] == "2024-07-27"]
    assert golan and golan[0]["id"] in strike["in_response_to"]
    twelve = [c for c in d["casualty_reports"] if _killed(c) == 12]
    assert twelve and twelve[0]["event"] == golan[0]["id"]


def test_every_value_of_every_invented_article_is_grounded(extracted: dict[str, dict[str, Any]]) -> None:
    for key, d in extracted.items():
        text = ARTICLES[key]["text"]
        stack: list[Any] = [d[k] for k in ("strikes", "attacks", "statements", "casualty_reports")]
        while stack:
            v = stack.pop()
            if isinstance(v, list):
                stack.extend(v)
            elif isinstance(v, dict):
                if {"start", "end", "text"} <= v.keys():
                    assert text[v["start"] : v["end"]] == v["text"], (key, v)
                stack.extend(x for x in v.values() if isinstance(x, dict | list))


def test_first_deadly_houthi_attack_on_shipping(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["n1"]
    attack = _by(d["attacks"], "Houthis", "attacker")
    assert attack["attribution"] == "claimed"  # "Saree claimed the attack", in a later sentence
    assert attack["target_actor"] is None  # "ADEN, Yemen —" is a dateline, "Britain's … condemned" a bystander
    assert [(_killed(c), c["injured"]["min"]) for c in d["casualty_reports"]] == [(3, 4)]


def test_a_monitor_that_puts_the_toll_reports_it(extracted: dict[str, dict[str, Any]]) -> None:
    d = extracted["n2"]
    ten = [c for c in d["casualty_reports"] if _killed(c) == 10]
    assert ten and _name(ten[0]["reported_by"]) == "Syrian Observatory for Human Rights"
    assert [s["date"] for s in d["strikes"] if s["date"] and s["date"]["value"] == "2011"] == []
