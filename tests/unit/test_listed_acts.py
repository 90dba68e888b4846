"""Several acts listed in one sentence, one per place: each is an event (sentences invented for the tests)."""

from __future__ import annotations

import pytest

from api.extraction.rules.acts import Name
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.joined_groups import joined_groups
from api.extraction.rules.listed_places import listed_parts
from api.extraction.rules.unlisted_places import unlisted_place
from tests.unit.assembled import events_of


@pytest.mark.parametrize(("sentence", "places"), [
    # a toll per place: one act each
    ("Government jets killed three civilians in the village of Kafr Dala, six in the market of the village of "
     "Maarzaf and two others in the town of Ariha, rescuers said.", ["Kafr Dala", "Maarzaf", "Ariha"]),
    ("Shelling also left one man dead in the village of Tal Hamid and four others wounded in the village of "
     "Umm Jurn.", ["Tal Hamid", "Umm Jurn"]),
    # ships hit at two seas
    ("The rebels said they attacked a tanker in the Gulf of Aden and a cargo ship in the Red Sea.",
     ["Gulf of Aden", "Red Sea"]),
])
def test_a_list_of_acts_by_place_gives_one_part_per_place(gaz: Gazetteer, sentence: str, places: list[str]) -> None:
    parts = listed_parts(sentence, gaz)
    assert [w.name for _, _, w in parts] == places
    assert parts[0][0] == 0  # (the first part keeps the agent and the verb)
    assert all(sentence[w.start : w.end] in sentence[a:b] for a, b, w in parts)


@pytest.mark.parametrize("sentence", [
    "Israeli jets struck Beirut, Tyre and Sidon on Monday.",  # one act on several places
    # one raid on sites in two districts, no toll of each
    "Planes bombed the Kandi area in Zarif district and the Sultan area in Nawa district.",
    # one place inside another
    "A roadside bomb killed two soldiers in the village of Tal Hamid, in Zarif district, an officer said.",
    "A drone killed a man in the village of Kafr Dala, north of Ariha.",
    "Two civilians were killed in the village of Kafr Dala, some 20 km west of the city of Ariha.",
    # counts of weapons, not tolls
    "Ten rockets were fired, with eight hitting a base in Kirkuk and two landing near the town of Umm Jurn.",
    # two countries: the gold's one campaign
    "US warplanes have struck Iran-backed forces in Iraq and Syria.",
])
def test_not_a_list_of_acts(gaz: Gazetteer, sentence: str) -> None:
    assert listed_parts(sentence, gaz) == []


def test_each_listed_act_is_its_own_event_with_the_lists_agent(gaz: Gazetteer) -> None:
    text = ("Syrian warplanes killed three civilians in the village of Kafr Dala on Tuesday, six in the market of the "
            "village of Maarzaf and two others in the town of Ariha, rescuers said. "
            "The strike on Kafr Dala hit a bakery.")
    strikes, _, _, casualties = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert [(s.location.name if s.location else None, s.actor.normalized if s.actor else None,
             s.date.value if s.date else None) for s in strikes] == [
        ("Kafr Dala", "Syria", "2023-03-07"), ("Maarzaf", "Syria", "2023-03-07"), ("Ariha", "Syria", "2023-03-07")]
    # each one's evidence is its own words (the first's from the sentence's start), its place points into them
    assert [s.evidence[0].text for s in strikes[1:]] == ["six in the market of the village of Maarzaf",
                                                         "two others in the town of Ariha"]
    assert len(strikes[0].evidence) == 2  # the later mention of the first town is its event
    assert [c.killed.min for c in casualties if c.killed] == [3, 6, 2]


def test_a_village_like_a_known_city_is_still_named(gaz: Gazetteer) -> None:
    """A village whose name is only like a known city's (a fuzzy match) is another place, named as written."""
    assert gaz.place("Al-Basa") is not None  # (the resolver's fuzzy match: some city)
    found = unlisted_place("Jets killed four civilians in the village of Al-Basa.", gaz)
    assert found is not None and found[2] == "Al-Basa"
    # a known place written inside the name is still the known place
    assert unlisted_place("Jets hit the town of Kirkuk.", gaz) is None



@pytest.mark.parametrize(("sentence", "groups"), [
    ("The country has been hit for years by attacks from both the Islamic State and al-Shabaab.",
     ["Islamic State", "al-Shabaab"]),
    ("The region has been ravaged by groups such as Boko Haram and its rival offshoot, the Islamic State West Africa "
     "Province, which have killed thousands.", ["Boko Haram", "Islamic State West Africa Province"]),
    ("Hezbollah and Israel have exchanged fire across the border.", ["Hezbollah"]),  # (a state: not a joined group)
])
def test_two_groups_written_as_one_subject_are_two_attackers(gaz: Gazetteer, sentence: str,
                                                              groups: list[str]) -> None:
    _, attacks, _, _ = events_of(sentence, {0: "attack"}, gaz)
    assert [a.attacker.normalized for a in attacks if a.attacker] == groups


def test_a_comma_alone_does_not_join_two_groups(gaz: Gazetteer) -> None:
    sentence = "Since the war between Israel and Hamas, the Houthis have attacked ships."
    hamas = next(f for f in gaz.find_actors(sentence) if f.entry.name == "Hamas")
    assert joined_groups(sentence, Name(hamas.start, hamas.end, "Hamas"), gaz) == []

