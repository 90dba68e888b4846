"""An act that names no agent and points back ("the attack", "Saturday's attack") is the act it points to, whatever
its noun; a group written as what was hit is not the attacker (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from api.extraction.rules.agents import attack_actor
from api.extraction.rules.gazetteer import Gazetteer
from tests.unit.assembled import events_of


@pytest.mark.parametrize(
    ("sentence", "attacker", "target"),
    [
        ("The raid targeted three Hamas posts near the fence, the monitor said.", None, "Hamas"),
        ("Hamas posts near the fence were shelled overnight.", None, "Hamas"),
        ("The Hezbollah commander killed in the strike was buried on Sunday.", None, "Hezbollah"),
        # the same group named again later in the sentence is still what was hit
        ("These Hamas tunnels were targeted, including one used by the head of Hamas's naval unit.", None, "Hamas"),
        # a group whose own act is only to come is not the agent of the act the sentence reports
        ("The airstrikes came days after the Houthis said they would resume attacks on ships.", None, None),
        # after "said that", a group is the subject of someone's words, not the act's agent
        ("The minister condemned the attack and said that Hamas would answer it.", None, None),
        # but the agent named on the way, or a claim, is the attacker
        ("A rocket attack on the base by Hamas wounded two soldiers.", "Hamas", None),
        ("Rockets hit the town overnight, which Hamas later claimed.", "Hamas", None),
        ("Hamas fired rockets at Israeli positions, the army said.", "Hamas", None),
        ("Army officers blamed the killing on fighters of the Islamic State group.", "Islamic State", None),
        # the group blamed, not its patron
        ("The bombing was attributed to the al-Qaeda-linked militant group al-Shabaab.", "al-Shabaab", None),
    ],
)
def test_a_group_written_as_what_was_hit_is_not_the_attacker(gaz: Gazetteer, sentence: str, attacker: str | None,
                                                             target: str | None) -> None:
    who, hit = attack_actor(sentence, gaz)
    assert (who.canonical if who else None) == attacker
    if target is not None:
        assert hit is not None and hit.canonical == target


def test_the_attack_said_of_a_states_strike_is_that_strike(gaz: Gazetteer) -> None:
    text = ("Israeli jets struck the port of Hodeidah on Saturday. "
            "A rebel spokesman said the attack hit a power station and fuel tanks. "
            "The prime minister said Saturday's attack showed there was no place out of reach.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack", 2: "attack"}, gaz)
    assert attacks == [] and len(strikes) == 1 and len(strikes[0].evidence) == 3


def test_a_headline_that_condemns_the_attack_points_to_the_first_named_act(gaz: Gazetteer) -> None:
    text = ("Taliban spokesman condemns attack, says it killed civilians\n\n"
            "Pakistani jets struck camps in Paktika province on Tuesday, security officials said.")
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert attacks == [] and len(strikes) == 1 and len(strikes[0].evidence) == 2


def test_an_unattributed_attack_reported_before_keeps_the_attack_its_own(gaz: Gazetteer) -> None:
    """"The attack" after the retaliation is still the rockets' attack: an attack with no agent was reported."""
    text = ("Rockets hit the base in Anbar province on Monday. "
            "The US retaliated with strikes on militia depots on Tuesday. "
            "The attack wounded two soldiers, officials said.")
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike", 2: "attack"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1 and len(attacks[0].evidence) == 2


def test_a_dated_mention_points_to_the_act_of_that_day(gaz: Gazetteer) -> None:
    """"The 1983 attack" names its own year: no act of that year was reported, so its kind stays."""
    text = ("Israeli jets struck a building in Beirut on Tuesday. "
            "The commander was wanted for his role in the 1983 attack on a barracks.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Israeli forces said they killed several gunmen trying to cross the border.", "strike"),
        ("The command said it destroyed nine missiles in rebel-held areas of Yemen.", None),  # (no known agent)
        ("US Central Command said it destroyed nine missiles in Houthi-held areas of Yemen.", "strike"),
        ("The Houthis said they had killed three soldiers near Marib.", "attack"),
        # the victims: a noun of the force's people before the verb, or a passive, names no agent
        ("Revolutionary Guard general killed", None),
        ("Hamas said two of its fighters were killed.", None),
        ("Israel would have killed him if it could.", None),
    ],
)
def test_a_result_done_by_a_known_force_is_its_act(gaz: Gazetteer, sentence: str, kind: str | None) -> None:
    from api.extraction.rules.strike_or_attack import result_by_rules

    assert result_by_rules(sentence, gaz) == kind


def test_a_contrast_without_a_comma_starts_the_other_sides_act(gaz: Gazetteer) -> None:
    text = "Hamas gunmen attacked a border town while Israel's retaliatory strikes have killed hundreds in Gaza."
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Israel"] and len(attacks) == 1


def test_one_agent_in_two_countries_is_twoevents_of(gaz: Gazetteer) -> None:
    text = ("Israeli jets struck a house in Gaza City on Monday. "
            "Israeli forces said they killed two gunmen in southern Lebanon. "
            "The US struck depots at two sites in Syria and one in Iraq. US jets hit the Iraqi site at dawn.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike", 3: "strike"}, gaz)
    assert [len(s.evidence) for s in strikes] == [1, 1, 2]


def test_an_attack_with_no_target_named_hit_the_state_it_took_place_in(gaz: Gazetteer) -> None:
    text = ("A drone launched by Houthi rebels in Yemen hit an apartment block in Tel Aviv on Friday. "
            "Al-Shabaab fighters attacked a hotel in Mogadishu on Saturday. "
            "Hamas fighters attacked a patrol on Sunday.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack", 2: "attack"}, gaz)
    # (the value points to the place's words; with no place, none)
    assert [(a.location.name if a.location else None, a.target_actor.normalized if a.target_actor else None,
             a.target_actor.span.text if a.target_actor and a.target_actor.span else None) for a in attacks] == [
        ("Tel Aviv", "Israel", "Tel Aviv"), ("Mogadishu", "Somalia", "Mogadishu"), (None, None, None)]


def test_the_military_that_reports_is_not_the_group_named_before() -> None:
    from api.extraction.rules.sentence_facts import read_sentences
    from api.extraction.text.sentences import split_sentences

    g = Gazetteer.load()
    text = "Hezbollah said it fired rockets at a base. Hezbollah launched 100 projectiles on Monday, the military said."
    facts = read_sentences(split_sentences(text), g, text)
    assert facts[1].who is None or facts[1].who.canonical != "Hezbollah"


def test_acts_that_may_happen_are_not_candidates(gaz: Gazetteer) -> None:
    from api.extraction.rules.sentence_facts import read_sentences
    from api.extraction.text.sentences import split_sentences

    text = ("Prayers were cancelled out of fear that mosques could be attacked. "
            "The group has proven its will and capability to attack our forces. "
            "The operations aim to degrade the group's ability to plan and conduct attacks. "
            "The navy sent a carrier strike group to shoot down any ballistic missiles fired at the port. "
            "Gunmen attacked a mosque on Friday.")
    assert [f.event_candidate for f in read_sentences(split_sentences(text), gaz)] == [False] * 4 + [True]


def test_air_attacks_with_no_group_named_are_strikes(gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("attack", "Our forces are now carrying out aerial attacks on the terrorists' bases.", gaz) == \
        "strike"
    assert reconcile("attack", "Hamas fighters shelled the town with artillery.", gaz) == "attack"


def test_the_regime_in_a_capital_or_state_is_who_acts(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import strike_actor

    actor, _ = strike_actor("in response to months of continuous attacks from the regime in Iran", gaz)
    assert actor is not None and actor.canonical == "Iran"


@pytest.mark.parametrize(("sentence", "alone"), [
    ("The president said he ordered a series of airstrikes on the capital on Saturday.", False),
    ("Jets carried out a wave of strikes on the port overnight.", False),
    ("The group has carried out a series of attacks in the region this year.", True),
])
def test_a_run_of_acts_on_one_day_is_one_incident(sentence: str, alone: bool) -> None:
    from api.extraction.assembly.incidents import background

    assert background(sentence) is alone


@pytest.mark.parametrize(("label", "sentence", "kind"), [
    # a state named after "in northern" is where it happened, not who acted
    ("attack", "Suspected jihadists in northern Iraq detonated bombs targeting army vehicles.", "attack"),
    # the subject of a copula is the subject of the verb coordinated with it
    ("strike", "The SDF is the main ally of the coalition and has carried out several raids against the group.",
     "attack"),
])
def test_who_acts_is_read_past_places_and_copulas(gaz: Gazetteer, label: str, sentence: str, kind: str) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile(label, sentence, gaz) == kind


def test_a_projectile_that_came_down_is_an_act_and_a_target_ends_before_its_attackers(gaz: Gazetteer) -> None:
    from api.extraction.rules.sentence_facts import read_sentences
    from api.extraction.rules.targets import target_phrase
    from api.extraction.text.sentences import split_sentences

    text = "Separately, a mortar round landed near the airfield. Two shells fell on the market. The market was busy."
    assert [f.event_candidate for f in read_sentences(split_sentences(text), gaz)] == [True, True, False]
    found = target_phrase("Raids on the garrison by gunmen linked to the militia continued.")
    assert found is not None and found.canonical == "the garrison"


def test_shelling_each_other_is_a_strike_and_an_attack(gaz: Gazetteer) -> None:
    text = "The Israeli army and Hezbollah have been shelling each other's positions for weeks."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and [a.attacker.normalized for a in attacks if a.attacker] == ["Hezbollah"]
    assert strikes[0].target is not None and strikes[0].target.text == "each other's positions"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A report by the Dhaka-based Bengal Institute for Peace and Security Studies (BIPSS) revealed 40 attacks.",
     "Bengal Institute for Peace and Security Studies"),
    ("The Estavian Council on Foreign Relations said the raids must stop.", "Estavian Council on Foreign Relations"),
])
def test_an_institutions_whole_name_is_the_speaker(gaz: Gazetteer, sentence: str, speaker: str) -> None:
    from api.extraction.rules.speakers import find_speaker

    found = find_speaker(sentence, gaz)
    assert found is not None and found.canonical == speaker


def test_a_fronted_day_dates_the_words_and_a_fresh_incident_they_report() -> None:
    import datetime as dt

    from api.extraction.rules.event_dates import speech_date

    day = dt.date(2031, 3, 15)
    found = speech_date("Late on Thursday, the coalition naval command said that rebels fired two missiles.", day)
    assert found is not None and found.value == "2031-03-13"
    assert speech_date("After the raid on Thursday's market, the army said it hit a depot.", day) is None


def test_a_campaign_told_as_background_is_confirmed_whoever_reports_it(gaz: Gazetteer) -> None:
    text = ("Houthi rebels fired a missile at a tanker on Monday. The Houthis have repeatedly launched drones against "
            "commercial ships since November, the navy said.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [a.attribution for a in attacks] == ["confirmed", "confirmed"]


def test_a_report_made_before_the_events_day_is_another_event(gaz: Gazetteer) -> None:
    text = ("US forces carried out an airstrike on a camp near Kismayo on June 3. "
            "US Africa Command reported in April that it had carried out four airstrikes against the militants.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz, dt.date(2031, 6, 5))
    assert len(strikes) == 2


@pytest.mark.parametrize(("sentence", "actor"), [
    # a leader who ordered the strikes: the leader's state acts
    ("President Trump said he ordered a series of airstrikes on the port on Saturday.", "United States"),
    ("Netanyahu ordered the raid on the camp.", "Israel"),
    # forces named by their role alone: the army of the state where the act happened, which strikes for its state
    ("Government forces stepped up shelling of villages near Idlib.", "Syria"),
    ("The army shelled villages near Aleppo on Monday.", "Syria"),
    ("The army was targeted near Aleppo.", None),
])
def test_leaders_and_bare_forces_are_read_as_their_state(gaz: Gazetteer, sentence: str, actor: str | None) -> None:
    from api.extraction.rules.agents import strike_actor

    found, _ = strike_actor(sentence, gaz)
    assert (found.canonical if found else None) == actor


def test_exchanges_between_two_states_are_each_states_strikes(gaz: Gazetteer) -> None:
    text = ("Pakistani jets struck camps in Paktika on Tuesday. "
            "This follows a series of deadly cross-border exchanges between Pakistan and Afghanistan since the "
            "Taliban's takeover in 2021.")
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert attacks == [] and len(strikes) == 3
    assert sorted(s.actor.normalized for s in strikes[1:] if s.actor) == ["Afghanistan", "Pakistan"]


def test_attacks_someone_is_to_stop_are_a_campaign_of_their_own(gaz: Gazetteer) -> None:
    text = ("Houthi rebels fired a missile at a tanker on Monday. "
            "Weeks of US airstrikes against the Houthis, an Iran-backed group that holds much of Yemen, have failed to "
            "halt the group's attacks on shipping.")
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 2
    campaign = attacks[1]
    assert campaign.attacker is not None and campaign.attacker.normalized == "Houthis"
    # (its evidence is its clause, not the sentence of the strikes)
    assert campaign.attribution == "confirmed" and not campaign.evidence[0].text.startswith("Weeks")


def test_an_attack_the_strike_retaliates_over_is_its_own_event(gaz: Gazetteer) -> None:
    text = ("An Israeli strike hit Hezbollah's stronghold in Beirut, days after Israel said it would retaliate over a "
            "deadly rocket attack on the Golan Heights blamed on the group.")
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and [a.attacker.normalized for a in attacks if a.attacker] == ["Hezbollah"]


def test_a_coarser_date_of_the_same_day_does_not_split_an_incident(gaz: Gazetteer) -> None:
    text = ("Israeli jets struck a weapons depot near Homs on Tuesday. "
            "It was the third such strike on the depot this year, the monitor said.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert len(strikes) == 1 and len(strikes[0].evidence) == 2


@pytest.mark.parametrize("second", [
    "According to the statement, the drones precisely hit their targets.",
    "Air defences at the base intercepted most of the drones before they reached it.",
])
def test_the_means_written_as_known_point_back_to_the_act(gaz: Gazetteer, second: str) -> None:
    """"The drones" after a group's drone attack are that attack's, whatever the bare noun would make them."""
    text = ("The Islamic Resistance in Iraq said on Thursday that its fighters attacked a US base in Syria "
            "with drones. " + second)
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert strikes == [] and len(attacks) == 1 and len(attacks[0].evidence) == 2


def test_drones_not_written_as_known_are_an_act_of_their_own(gaz: Gazetteer) -> None:
    text = ("The Islamic Resistance in Iraq said on Thursday that its fighters attacked a US base in Syria. "
            "On Friday, US drones hit a militia depot near the border.")
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1


def test_the_state_accused_of_the_strikes_is_their_actor(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import strike_actor

    actor, _ = strike_actor("Officials in Kabul accused Pakistan of carrying out overnight airstrikes in Paktika.", gaz)
    assert actor is not None and actor.canonical == "Pakistan"
    actor, _ = strike_actor("Officials in Kabul accused Pakistan of harbouring militants behind the strikes.", gaz)
    assert actor is None or actor.canonical != "Pakistan"
