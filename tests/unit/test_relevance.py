"""What is about the armed conflict: invented articles read by the rules alone (the ``rules`` provider)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules_only import RulesBackend
from schemas.contract import ExtractRequest

GAZ = Gazetteer.load()


def extract(text: str, published_at: str | None = "2025-04-02") -> dict[str, Any]:
    """The response for ``text``, with no model: the rules label the sentences."""
    extractor = Extractor(RulesBackend(GAZ), GAZ, load_prompts())
    response = asyncio.run(extractor.extract(ExtractRequest(text=text, published_at=published_at)))
    return json.loads(response.model_dump_json())


ELECTION = (
    "Ruling party claims majority in parliamentary vote\n\n"
    "The ruling party said on Tuesday it had won a clear majority in Sunday's parliamentary election. "
    "\"The people have chosen stability,\" the prime minister told reporters in the capital. "
    "The opposition leader said his party would challenge the results in court and called on supporters to "
    "stay calm. The electoral commission said turnout was 48 percent."
)

CONFLICT = (
    "Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two officers, the Iraqi military "
    "said. \"This cowardly crime will not go unpunished,\" the military said in a statement."
)


def test_an_article_without_a_conflict_event_returns_no_events() -> None:
    """Speech in an election report yields no statement: the article reports no strike, attack or casualty."""
    r = extract(ELECTION)
    assert (r["strikes"], r["attacks"], r["statements"], r["casualty_reports"]) == ([], [], [], [])


def test_statements_in_a_conflict_article_are_kept() -> None:
    """The gate is per article: a military's words about an attack the article reports stay a statement."""
    r = extract(CONFLICT)
    assert r["attacks"] and r["casualty_reports"]
    assert [s["speaker"]["normalized"] for s in r["statements"]] == ["Iraqi Armed Forces"]


def test_a_headline_restating_a_speaker_folds_into_the_body_statement() -> None:
    """"Ready to defend itself, says Iran" over the body's sentence by Iran is one statement, the body first."""
    text = ("Ready to defend itself, says Iran\n\nIran said on Sunday it was ready to defend itself after Israeli "
            "jets struck air defence sites near Tehran.")
    r = extract(text)
    assert len(r["statements"]) == 1
    evidence = [e["text"] for e in r["statements"][0]["evidence"]]
    assert evidence[0].startswith("Iran said on Sunday") and evidence[1] == "Ready to defend itself, says Iran"


def test_no_speech_act_no_statement() -> None:
    """A noun of speech ("these claims"), a scare quote and a quoted heading are nobody's statement."""
    text = ("Gunmen attacked a checkpoint in Kirkuk on Monday, killing two Iraqi soldiers. "
            "The attackers fired at what officials called a “soft target”. "
            "These claims could not be independently verified.\n\n‘Height of cruelty’\n\n"
            "The Iraqi military said the gunmen fled.")
    r = extract(text)
    assert [s["evidence"][0]["text"] for s in r["statements"]] == ["The Iraqi military said the gunmen fled."]


CABINET = (
    "Premier-designate starts talks on a new cabinet\n\n"
    "The premier-designate said on Monday he would form a cabinet of experts within weeks. "
    "\"Time is running out,\" he told reporters after meeting party leaders. "
    "Lawmakers said the new government must heal the country after the attack."
)


def test_a_passing_mention_of_a_blast_that_names_nothing_does_not_make_a_conflict_article() -> None:
    """A blast with no agent, target, weapon, place or date is no event to count; the article is about a cabinet."""
    out = extract(CABINET)
    assert [out[k] for k in ("strikes", "attacks", "statements", "casualty_reports")] == [[], [], [], []]


def test_an_article_with_a_real_event_keeps_it_and_its_statements() -> None:
    out = extract(CABINET + " " + CONFLICT)
    assert [a["location"]["name"] for a in out["attacks"] if a["location"]] == ["Kirkuk"]
    assert out["statements"] and out["casualty_reports"]


def test_an_act_told_only_in_the_later_clause_is_read_from_it() -> None:
    """"X said it was ready to defend itself after jets struck …": the first clause names no act; the strike is
    the later clause's, with its agent and place."""
    r = extract("Iran said on Sunday it was ready to defend itself after Israeli jets struck air defence sites "
                "near Tehran.")
    assert len(r["strikes"]) == 1
    strike = r["strikes"][0]
    assert strike["actor"]["normalized"].startswith("Israel") and strike["location"]["name"] == "Tehran"


def _speakers(text: str) -> list[str]:
    return [s["speaker"]["normalized"] for s in extract(text)["statements"]]


def test_a_news_agency_found_by_the_shape_of_its_name_is_media_not_a_speaker() -> None:
    text = ("Israeli jets struck a depot near Homs on Sunday. The Syrian Arab News Agency (SANA) confirmed that "
            "air defences intercepted hostile targets over the coast.")
    assert _speakers(text) == []


def test_a_figure_whose_quotation_only_names_the_act_is_no_statement() -> None:
    """A few quoted words that name the act or the report add no words of the source's own; a label the source
    gives ("terrorists") does."""
    named = ("The monitor said three fighters were killed in the “Turkish drone attack.” "
             "Two soldiers were wounded per “initial indications,” the ministry said.")
    assert _speakers(named) == []
    labelled = "The Israeli military said its troops killed several “terrorists” near the border on Monday."
    assert len(_speakers(labelled)) == 1


@pytest.mark.parametrize("sentence", [
    '"The enemy will pay dearly for this cowardly aggression," the source indicated.',
    "The Hezbollah commander killed in the strike is reported by multiple media outlets to be a senior adviser.",
    # a broadcaster as the subject, whoever owns it; the writer's own question as a subheading
    "State TV reported “several small drones were flying over the city, which were fired at”.",
    '"The aggression was repelled and the enemy suffered heavy losses," the Hezbollah radio reported.',
    "What has the Syrian Observatory for Human Rights said about the strike?",
    "According to Iran's Tasnim news agency, two missiles hit the airbase.",
    "The official news agency Petra reported that a guard was among those killed.",
])
def test_an_unnamed_source_or_the_media_is_no_speaker(sentence: str) -> None:
    """Not the body named in the sentence before, nor the group the sentence names."""
    first = "Israeli jets struck a depot near Homs on Sunday, the Syrian Observatory for Human Rights said. "
    assert _speakers(first + sentence) == ["Syrian Observatory for Human Rights"]


@pytest.mark.parametrize(("text", "speakers"), [
    # a group the gazetteer cannot know, named as it claims the attack
    ("A suicide bomber attacked a convoy on Monday. The Jund al-Khilafa group claimed responsibility for the attack.",
     ["Jund al-Khilafa group"]),
    # a group's claim of its own act with a figure is a statement too
    ("Al-Shabaab said on its radio station that its fighters had captured two army bases and killed dozens of "
     "soldiers.", ["al-Shabaab"]),
    # translated state-media prose
    ("Israeli jets struck a depot near Homs on Sunday. On its part, the Hamas movement considered that the "
     "occupation is committing a new aggression.", ["Hamas"]),
])
def test_claims_and_translated_verbs_of_speech_are_statements(text: str, speakers: list[str]) -> None:
    assert _speakers(text) == speakers


def test_diplomacy_inside_a_conflict_article_is_no_statement_but_blame_beside_a_figure_is() -> None:
    text = ("Israeli jets struck a depot near Homs on Sunday, the Syrian defence ministry said. "
            "Foreign Minister Ali Rezaei said Estavia had received a response to its proposals from the coordinator "
            "of the Vienna talks. "
            "Six soldiers were killed after Estavian-sponsored militants attacked a post, the Syrian defence ministry "
            "said.")
    speakers = _speakers(text)
    assert "Ali Rezaei" not in speakers and speakers.count(speakers[0]) == 2


def test_an_outlet_that_relays_a_named_speakers_words_leaves_the_speaker() -> None:
    text = ("Israeli jets struck a depot near Homs on Sunday. The Syrian Observatory for Human Rights condemned the "
            "strike, the state news agency reported.")
    assert _speakers(text) == ["Syrian Observatory for Human Rights"]


def test_a_zero_toll_is_a_casualty_report_and_a_negated_charge_a_denial() -> None:
    """"No civilians were killed" only gives a figure, zero; "insisted that no civilians had been targeted" denies
    what the other side says."""
    first = "US forces conducted an airstrike near Jilib on Sunday, killing ten militants, the command said. "
    r = extract(first + "According to Africa Command, no civilians were killed in the strike.")
    assert r["statements"] == [] and any(c["killed"]["max"] == 0 for c in r["casualty_reports"] if c["killed"])
    r = extract(first + "Africa Command insisted that no civilians had been targeted.")
    assert [s["kind"] for s in r["statements"]] == ["denial"]


@pytest.mark.parametrize("sentence", [
    "Defense Minister Yasar Guler also pointed the finger at the PKK.",
    "The Islamic Resistance in Iraq issued a statement, announcing that its fighters attacked a US base.",
    'Interior Minister Nabil Saeed termed the bombing an "act of terror".',
])
def test_an_accusation_or_a_statement_told_in_a_gerund_is_a_statement(sentence: str) -> None:
    assert len(_speakers("Israeli jets struck a depot near Homs on Sunday. " + sentence)) == 1


def test_a_source_telling_its_own_sides_act_besides_the_toll_is_a_statement_and_a_figure() -> None:
    """"The ministry said its warplanes hit four targets, killing eight militants" says more than the figure (its own
    act); "the ministry said eight militants were killed" gives only the figure."""
    r = extract("The Turkish Defence Ministry said its warplanes hit four targets in northern Iraq, killing eight "
                "PKK militants.")
    assert len(r["statements"]) == 1 and len(r["casualty_reports"]) == 1
    r = extract("Turkish warplanes hit four targets in northern Iraq on Sunday. The Turkish Defence Ministry said "
                "eight PKK militants were killed.")
    assert r["statements"] == [] and len(r["casualty_reports"]) == 1


def test_a_judgement_given_as_a_name_for_the_act_is_a_condemnation() -> None:
    """"termed the bombing an act of terror", "a campaign of ethnic cleansing": words of condemnation."""
    first = "A car bomb killed nine people at a market in Kirkuk on Sunday. "
    r = extract(first + 'Interior Minister Nabil Saeed termed the bombing an "act of terror".')
    assert [s["kind"] for s in r["statements"]] == ["condemnation"]
    r = extract(first + "Governor Rakan Saeed said the militants were waging ethnic cleansing in the province.")
    assert [s["kind"] for s in r["statements"]] == ["condemnation"]


@pytest.mark.parametrize(("sentence", "speaks"), [
    ("Tensions between Israel and the Gulf states have escalated since the raid.", False),
    ("Strikes were reported in the capital and in two port cities.", False),
    ("Turkish forces reacted to the rocket fire by shelling army positions near the town.", False),
    ("Ten killed in Israeli strikes on Gaza, WAFA states\nThe strikes hit two houses.", True),
    ("The ministry states that the strikes hit two houses.", True),
    ("Iran reacted angrily to the strikes.", True),
])
def test_a_word_of_speech_that_names_no_speech_is_not_one(sentence: str, speaks: bool) -> None:
    """"Gulf states have …", "strikes were reported in …", "reacted to the fire by shelling …" tell no speech."""
    from api.extraction.rules.speech import speech_verbs

    assert bool(speech_verbs(sentence)) is speaks


def test_a_ministry_counting_ballots_speaks_of_an_election_not_the_conflict() -> None:
    text = ("Voters chose a new president on Friday. The Interior Ministry reported that more than 19 million "
            "ballots had been counted so far.")
    r = extract(text)
    assert r["statements"] == [] and r["casualty_reports"] == []
