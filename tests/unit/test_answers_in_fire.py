"""A state's forces answering fire, acts told by what they did to the enemy, fresh reports with a trailing source,
sources named only by their kind and tolls counted "since" a day (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from api.extraction.normalize.counts import casualty_figures
from api.extraction.rules.anonymous_sources import anonymous_phrase, unnamed_sources
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import location
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.rules.strike_or_attack import reconcile
from api.extraction.text.sentences import split_sentences
from tests.unit.assembled import events_of


@pytest.mark.parametrize(("sentence", "candidate"), [
    ("The army destroyed three militant hideouts in the district on Sunday.", True),
    ("Jets flew low over the port city, striking a fuel depot near the docks.", True),
    ("Soldiers at the post returned fire, the police chief said.", True),
    ("The troops responded with heavy artillery fire on the village.", True),
    ("Border troops gave a firm response, targeting the positions of the gunmen.", True),
    # not an act: an abstract thing destroyed, an adjective, a passive of the result alone
    ("The long war destroyed the economy of the province, the minister said.", False),
    ("It was a striking example of how the region has changed.", False),
    ("The old bridge was destroyed decades ago.", False),
    # a search for people is no act against them (but a search operation that kills is)
    ("A search operation was launched to find and apprehend the attackers, who fled the scene.", False),
    ("Security forces conducted a search operation in the district and killed five terrorists.", True),
])
def test_acts_told_by_their_answer_or_their_result_are_asked_about(gaz: Gazetteer, sentence: str,
                                                                    candidate: bool) -> None:
    assert read_sentences(split_sentences(sentence), gaz)[0].event_candidate is candidate


@pytest.mark.parametrize(("sentence", "label", "kind"), [
    # the subject of the main verb does the act of its participle
    ("Turkish troops gave a swift response, targeting the positions of the gunmen.", "attack", "strike"),
    ("Israeli jets flew over the city on Monday, striking a depot in the southern suburbs.", "attack", "strike"),
    # a name's short form in brackets is not in the way of its verb
    ("Iran's Islamic Revolutionary Guard Corps (IRGC) launched missiles at a base in the north.", "attack", "strike"),
])
def test_who_acts_through_a_participle_or_a_bracketed_short_form(gaz: Gazetteer, sentence: str, label: str,
                                                                  kind: str) -> None:
    assert reconcile(label, sentence, gaz) == kind


def test_fire_from_one_side_and_the_armys_answer_in_one_sentence_are_two_events(gaz: Gazetteer) -> None:
    text = ("Two rockets were fired from across the border at farms near the fence on Wednesday and the army "
            "responded with sustained artillery fire, the military said.")
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(attacks) == 1 and attacks[0].weapon == "rocket"
    assert len(strikes) == 1 and strikes[0].weapon == "artillery"


def test_the_armys_answer_is_the_states_whose_territory_was_hit_on_that_day(gaz: Gazetteer) -> None:
    text = ("Three rockets were fired from Lebanon into Israeli territory on Wednesday and the army responded with "
            "sustained artillery fire.")
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert len(attacks) == 1 and attacks[0].location is not None and attacks[0].location.name == "Israel"
    assert len(strikes) == 1 and strikes[0].actor is not None and strikes[0].actor.normalized == "Israel"
    assert strikes[0].date is not None and strikes[0].date.value == "2023-03-08"


def test_a_fresh_act_with_a_trailing_source_is_reported_not_a_reference(gaz: Gazetteer) -> None:
    text = ("Israeli jets struck a depot near the river on Sunday. "
            "Gunmen opened fire on an army post near the border, security sources said.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert len(strikes) == 1 and len(strikes[0].evidence) == 1  # the gunmen's fire is not the jets' strike
    assert len(attacks) == 1
    # words about an act told before stay a reference to it
    text = "Israeli jets struck a depot near the river on Sunday. The president condemned the attack, his office said."
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert attacks == [] and len(strikes) == 1 and len(strikes[0].evidence) == 2


def test_an_answer_at_once_takes_the_day_of_the_act_it_answers(gaz: Gazetteer) -> None:
    text = ("On the night of March 5, Afghan forces opened fire at several border posts in Kurram. "
            "Pakistani forces retaliated swiftly, striking Afghan posts across the border.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz, published=dt.date(2023, 3, 9))
    pakistan = [s for s in strikes if s.actor is not None and s.actor.normalized == "Pakistan"]
    assert len(pakistan) == 1 and pakistan[0].date is not None and pakistan[0].date.value == "2023-03-05"


def test_a_source_named_only_by_its_kind_is_no_speaker() -> None:
    assert unnamed_sources("Security sources") and unnamed_sources("informed sources")
    assert not unnamed_sources("Hezbollah") and not unnamed_sources("the Ministry of Defence")
    # an adverb before the verb does not make an unnamed source a named one
    assert anonymous_phrase("Meanwhile, sources further said that the army destroyed another post.") is not None


@pytest.mark.parametrize(("sentence", "killed"), [
    ("The ministry said the killing brought the number of medical staff killed since Oct 7 to 500.", 500),
    ("The number of journalists killed in the war since the start of the conflict has risen to 120.", 120),
    ("The death toll since 2014 has reached 1,200, the monitor said.", 1200),
])
def test_the_time_a_toll_counts_from_is_no_count(sentence: str, killed: int) -> None:
    figures = casualty_figures(sentence)
    assert len(figures) == 1 and figures[0].killed is not None and figures[0].killed.min == killed


def test_an_act_in_a_similar_incident_on_another_day_is_its_own_event(gaz: Gazetteer) -> None:
    text = ("Four rockets were fired at the airport on Saturday, the military said. "
            "On March 1, a boy was hurt in a similar incident where a rocket hit a house near the airport.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(attacks) == 2
    assert sorted(a.date.value for a in attacks if a.date is not None) == ["2023-03-01", "2023-03-04"]
    # blaming someone for similar attacks names other acts, not this one's
    text = ("A drone hit a checkpoint near the camp on Saturday. "
            "Two guards were killed, the council said, blaming the militia for similar recent attacks.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(attacks) == 1


def test_a_relative_clauses_act_is_the_name_before_it(gaz: Gazetteer) -> None:
    sentence = "Police blamed the Pakistani Taliban, which have stepped up attacks on the police in recent months."
    assert reconcile("strike", sentence, gaz) == "attack"


@pytest.mark.parametrize(("published", "hit"), [(dt.date(2025, 10, 14), "Afghanistan"),
                                               (dt.date(2019, 10, 14), "Taliban")])
def test_what_was_hit_of_a_group_in_power_is_its_states(gaz: Gazetteer, published: dt.date, hit: str) -> None:
    strikes, _, _, _ = events_of("Pakistani forces destroyed several Afghan Taliban posts across the border.",
                                 {0: "strike"}, gaz, published=published)
    assert len(strikes) == 1 and strikes[0].target_actor is not None and strikes[0].target_actor.normalized == hit


def test_a_closing_subject_of_its_own_is_the_figures_source_not_a_name_inside_the_clause(gaz: Gazetteer) -> None:
    text = ("An air strike on a clinic in Gaza City killed the director of the city's Ambulance and Emergency "
            "Department, the enclave's health ministry said.")
    _, _, statements, casualties = events_of(text, {0: "strike"}, gaz)
    assert all(s.speaker is None or "Emergency" not in s.speaker.normalized for s in statements)
    assert len(casualties) == 1 and casualties[0].killed is not None and casualties[0].killed.min == 1
    assert casualties[0].reported_by is not None and casualties[0].reported_by.normalized == "Gaza Health Ministry"


def test_a_group_in_power_and_another_group_as_one_subject_are_a_strike_and_an_attack(gaz: Gazetteer) -> None:
    text = "Afghan Taliban and Fitna al-Khawarij opened fire on Pakistani border posts in Kurram on Monday."
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz, published=dt.date(2025, 10, 14))
    assert [s.actor.normalized for s in strikes if s.actor] == ["Afghanistan"]
    assert len(attacks) == 1 and attacks[0].attacker is not None and attacks[0].attacker.normalized != "Afghanistan"


def test_the_attack_a_strike_answers_when_forces_came_under_attack(gaz: Gazetteer) -> None:
    text = ("The strike was carried out after Somali and partner forces came under attack by al-Shabaab militants "
            "near the town.")
    _, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(attacks) == 1 and attacks[0].attacker is not None and attacks[0].attacker.normalized == "al-Shabaab"


def test_a_dateline_with_the_outlet_and_the_day_in_brackets_is_no_speaker_and_no_day(gaz: Gazetteer) -> None:
    text = ("MOSCOW (Agency News / Sputnik - 17th April, 2022) Kabul condemned Pakistani airstrikes on two border "
            "provinces, a spokesman said.")
    strikes, _, statements, _ = events_of(text, {0: "strike"}, gaz, published=dt.date(2022, 4, 17))
    assert len(strikes) == 1 and strikes[0].date is None
    assert [s.speaker.normalized for s in statements if s.speaker] == ["Government of Afghanistan"]


def test_no_one_of_two_peoples_forces_hurt_is_a_zero_report_of_its_own(gaz: Gazetteer) -> None:
    figures = casualty_figures("No U.S. or Somali forces were killed or wounded in the attack, the spokesman said.")
    killed = figures[0].killed if len(figures) == 1 else None
    assert killed is not None and (killed.min, killed.max) == (0, 0)
    text = ("No civilians were injured or killed in the air strike, the command said. "
            "No U.S. or Somali forces were killed or wounded in the attack, the command said.")
    _, _, _, casualties = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert len(casualties) == 2  # civilians and forces: other people, two reports


def test_an_act_dated_months_before_publication_does_not_join_the_fresh_undated_one(gaz: Gazetteer) -> None:
    text = ("Israeli strike kills two in southern Lebanon. "
            "Two people were killed in an Israeli airstrike on a car near Tyre, the ministry said. "
            "Israel launched military operations in Lebanon on Oct. 8, 2021, escalating into a full-scale war.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike"}, gaz)
    dates = sorted((s.date.value if s.date else "") for s in strikes)
    assert dates == ["", "2021-10-08"]  # the fresh strike keeps no borrowed date; the campaign is its own event


def test_a_headlines_digits_and_the_bodys_bound_in_words_are_one_report(gaz: Gazetteer) -> None:
    text = ("Two bombers attack police compound, killing 1 and wounding 15\n\n"
            "Two suicide bombers attacked a police compound on Thursday, killing at least one police officer and "
            "wounding 15 other people, police officials said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(casualties) == 1 and casualties[0].killed is not None
    assert (casualties[0].killed.min, casualties[0].killed.max) == (1, None)


def test_whose_positions_a_strike_hit_is_the_group_the_article_names_for_that_country(gaz: Gazetteer) -> None:
    text = ("Hezbollah said it fired rockets at a barracks on Sunday. "
            "Israeli jets then struck militant positions near Tyre in southern Lebanon, the army said. "
            "Hezbollah did not comment on the strikes.")
    strikes, _, _, _ = events_of(text, {0: "attack", 1: "strike", 2: "none"}, gaz)
    hit = strikes[0].target_actor if len(strikes) == 1 else None
    assert hit is not None and hit.normalized == "Hezbollah" and hit.span is not None and hit.span.start == 0
    # named only once, or the strike's words name nothing a group holds: no owner read from the article
    strikes, _, _, _ = events_of(text.replace("Hezbollah did not", "The group did not"), {0: "attack", 1: "strike"},
                                 gaz)
    assert strikes[0].target_actor is None


@pytest.mark.parametrize(("sentence", "name"), [
    ("Two suicide bombers attacked a police compound in the Bara neighbourhood of Peshawar on Thursday.", "Bara"),
    ("A suicide bomber struck a checkpoint in the Hodan district of Mogadishu on Saturday.", "Hodan"),
])
def test_a_part_of_a_city_named_by_its_kind_is_the_more_specific_place(gaz: Gazetteer, sentence: str,
                                                                       name: str) -> None:
    where = location(sentence, gaz)
    assert where is not None and where.name == name


@pytest.mark.parametrize(("sentence", "actor"), [
    ("The agency reported that the US-British aggression launched three raids on the port.", "United States"),
    ("US-Israeli strikes hit several sites near the capital.", "United States"),
    ("The Turkish Defence Ministry said on Saturday that 12 PKK terrorists were neutralised in air operations.",
     "Turkey"),
    # an aside of support between the force and what it did is not in the way
    ("The Somali National Army, with the support of international partners, killed over 30 al-Shabaab fighters in an "
     "operation in Middle Shabelle, state media reported.", "Somalia"),
])
def test_states_acting_together_and_a_ministry_reporting_its_operations(gaz: Gazetteer, sentence: str,
                                                                        actor: str) -> None:
    strikes, _, _, _ = events_of(sentence, {0: "attack"}, gaz)
    assert len(strikes) == 1 and strikes[0].actor is not None and strikes[0].actor.normalized == actor


def test_the_groups_own_spokesman_telling_the_attack_is_its_claim(gaz: Gazetteer) -> None:
    text = "The Houthis' military spokesman Yahya Saree said the naval forces targeted a cargo ship with drones."
    _, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert len(attacks) == 1 and attacks[0].attribution == "claimed"
    text = "Israel's army said the Houthis targeted a cargo ship with drones."
    _, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert len(attacks) == 1 and attacks[0].attribution == "alleged"
