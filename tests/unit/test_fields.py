"""Event fields read by rules, and mentions merged into events (invented sentences)."""

from __future__ import annotations

import pytest

from api.extraction.rules.acts import answered_from
from api.extraction.rules.agents import side, strike_actor
from api.extraction.rules.event_dates import event_date
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.rules.strike_or_attack import answered_kind
from api.extraction.text.sentences import rejoin, split_sentences
from tests.unit.assembled import PUB, events_of


def _date(sentence: str) -> str | None:
    m = event_date(sentence, PUB)
    return m.value if m else None


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Israeli jets struck a depot near Homs on Tuesday.", "2023-03-07"),
        ("The army on Tuesday evening carried out raids in the valley.", "2023-03-07"),
        # the day the speech was made is not the day of the strike
        ("The ministry confirmed on Wednesday in a statement that it struck a depot near Homs.", None),
        ("Jets struck a depot near Homs, the ministry said on Wednesday.", None),
        ("The spokesman, Wednesday said the strikes would continue.", None),
        # a date that dates another event
        ("The strikes came after a March 1 attack on a patrol.", None),
        # …but not when it dates this one
        ("The March 1 strikes hit a depot near Homs.", "2023-03-01"),
        # a date before a closing attribution stays with the event
        ("The army hit two depots in Syria in June last year, according to Reuters.", "2022-06"),
        # where a period starts is not the event's date, capitalised or not
        ("Since November, rebels have attacked dozens of convoys.", None),
        # the act as the object of the verb of speech keeps its own date
        ("On Tuesday night, villagers near Homs reported at least six air strikes.", "2023-03-07"),
        ("A separatist group claimed responsibility for the March 2 attack on a convoy.", "2023-03-02"),
        # a clause about a person the act names dates the person's past
        ("The raid targeted the commander, who took over the group on Jan. 4, 2019, after his brother died.", None),
        ("The raid, which targeted the commander, killed him on Tuesday.", "2023-03-07"),
        ("Jets on Tuesday struck the home of the commander, who had survived an attack in 2019.", "2023-03-07"),
        # the day an accord was reached dates the accord
        ("The strikes came despite a ceasefire agreement reached on November 27, 2022.", None),
        ("Jets struck Gaza on Tuesday, breaking a truce agreed on January 19.", "2023-03-07"),
        # a dateline's day is when the report was filed, not when the act took place
        ("KABUL, March 8 (Reuters) — Troops raided a hideout in the hills, officials said.", None),
        ("KABUL, March 8 (Reuters) — Troops raided a hideout in the hills on Tuesday.", "2023-03-07"),
    ],
)
def test_event_date(sentence: str, value: str | None) -> None:
    assert _date(sentence) == value


def test_strike_target_is_the_patron_of_what_was_hit(gaz: Gazetteer) -> None:
    s = "The US military carried out strikes on depots used by groups affiliated with Iran's Revolutionary Guard."
    actor, target = strike_actor(s, gaz)
    assert actor is not None and actor.canonical == "United States"
    assert target is not None and target.canonical == "Islamic Revolutionary Guard Corps"


def test_passive_target_of_names_the_agent(gaz: Gazetteer) -> None:
    s = "Syrian forces hold the area and have often been the target of Israeli war planes."
    actor, _ = strike_actor(s, gaz)
    assert actor is not None and actor.canonical in ("Israel", "Israel Defense Forces")


def test_answered_event_is_read_from_the_rest_of_the_sentence(gaz: Gazetteer) -> None:
    s = "The US carried out strikes on depots in Syria in response to a drone attack by Iran-backed groups on a base."
    cut = answered_from(s)
    assert cut is not None and s[cut:].startswith("in response to")
    assert answered_kind(s[cut:], gaz) == "attack"


def test_strike_and_the_attack_it_answers_are_twoevents_of(gaz: Gazetteer) -> None:
    text = "The US carried out strikes in Syria on Tuesday in response to a drone attack by Iran-backed groups."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1
    assert attacks[0].attacker is not None and attacks[0].attacker.normalized == "Iran-backed militias"
    assert attacks[0].weapon == "drone" and strikes[0].date is not None and strikes[0].date.value == "2023-03-07"


def test_merged_event_takes_fields_from_its_richest_mention(gaz: Gazetteer) -> None:
    """A headline names the strike loosely; the report gives the day, the weapon and the province."""
    text = ("US strikes hit targets in Syria\n\n"
            "The US military carried out air strikes on Tuesday in Syria's Deir ez-Zor province.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert len(strikes) == 1 and len(strikes[0].evidence) == 2
    s = strikes[0]
    assert s.weapon == "airstrike" and s.date is not None and s.date.value == "2023-03-07"
    assert s.location is not None and s.location.name != "Syria"


def test_a_command_and_its_state_are_one_side(gaz: Gazetteer) -> None:
    text = ("US Central Command carried out strikes in Syria on Tuesday.\n\n"
            "The United States struck the depots on Tuesday, officials said.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert len(strikes) == 1


def test_line_break_inside_a_name_does_not_split_the_sentence(gaz: Gazetteer) -> None:
    text = "Jets struck the Popular\n\nMobilization Forces near Qaim. Nothing else happened."
    names = lambda snippet: [(f.start, f.end) for f in gaz.find_actors(snippet)]  # noqa: E731
    sentences = rejoin(split_sentences(text), text, names)
    assert [s.text for s in sentences] == ["Jets struck the Popular\n\nMobilization Forces near Qaim.",
                                           "Nothing else happened."]
    assert [s.index for s in sentences] == [0, 1]
    headline = "Jets strike Syria\n\nThe army said nothing."
    assert len(rejoin(split_sentences(headline), headline, names)) == 2


def test_today_inside_a_quotation_is_the_speakers_day() -> None:
    assert _date("“Today’s strikes were necessary to protect our people,” the colonel said.") is None
    assert _date("Jets struck a depot near Homs today.") == "2023-03-09"


def test_a_backdrop_is_not_where_the_event_happened(gaz: Gazetteer) -> None:
    from api.extraction.rules.places import location

    where = location("Since the war in Gaza, armed groups have attacked bases in Iraq.", gaz)
    assert where is not None and where.name == "Iraq"


def test_a_speaker_is_not_the_agent_of_the_strikes_it_denounces(gaz: Gazetteer) -> None:
    actor, _ = strike_actor("The Iranian foreign ministry spokesman denounced the strikes as a violation.", gaz)
    assert actor is None
    actor, _ = strike_actor("The Israeli military said it carried out strikes near Tyre.", gaz)
    assert actor is not None and actor.canonical in ("Israel", "Israel Defense Forces")


def test_hypothetical_attacks_are_not_candidates(gaz: Gazetteer) -> None:
    text = "The measures were meant to deter future attacks on our forces. Rockets hit the base on Monday."
    facts = read_sentences(split_sentences(text), gaz)
    assert [f.event_candidate for f in facts] == [False, True]


def test_an_unnamed_mention_joins_the_main_event(gaz: Gazetteer) -> None:
    """"the strikes" with no actor and no date is the story's main strike, not the last one mentioned."""
    text = ("The US carried out air strikes in Syria on Tuesday. The US said the air strikes hit depots on Tuesday. "
            "Israel has often struck the area in previous years. The monitor said the strikes hit a camp.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike", 3: "strike"}, gaz)
    assert len(strikes) == 2 and len(strikes[0].evidence) == 3


def test_a_contrasting_clause_is_a_second_speaker(gaz: Gazetteer) -> None:
    text = "The US military said it hit a militia depot, while Iran denied any link to the site."
    _, _, statements, _ = events_of(text, {0: "strike"}, gaz)  # (an article with no conflict event has no statements)
    assert [(s.speaker.normalized, s.kind) for s in statements] == [
        ("United States", "claim"), ("Government of Iran", "denial")]


def test_a_force_reporting_its_own_strikes_is_their_agent(gaz: Gazetteer) -> None:
    actor, _ = strike_actor("The Israeli military said fighter jets struck Hezbollah sites in southern Lebanon.", gaz)
    assert actor is not None and side(gaz.actor(actor.canonical)) == "Israel"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Israeli warplanes struck a weapons depot near Nabatieh on Tuesday, the army said.", "a weapons depot"),
        ("Houthi forces attacked a commercial vessel in the Red Sea on Monday.", "a commercial vessel"),
        ("The strikes targeted facilities used by groups affiliated with the Guard.",
         "facilities used by groups affiliated with the Guard"),
        ("The army hit back at the militants.", None),
    ],
)
def test_target_is_what_was_hit(sentence: str, target: str | None) -> None:
    from api.extraction.rules.targets import target_phrase

    found = target_phrase(sentence)
    assert (sentence[found.start : found.end] if found else None) == target


def test_victims_follow_the_figure(gaz: Gazetteer) -> None:
    text = "Gunmen attacked a police checkpoint near Kirkuk on Sunday, killing two officers, officials said."
    _, attacks, _, casualties = events_of(text, {0: "attack"}, gaz)
    assert casualties[0].victims is not None and casualties[0].victims.text == "officers"
    assert attacks[0].target is not None and attacks[0].target.text == "a police checkpoint"
    assert casualties[0].victims.span is not None and casualties[0].victims.span.text == "officers"


def test_coordinated_agents_take_the_first(gaz: Gazetteer) -> None:
    actor, _ = strike_actor("The United States and Britain carried out strikes on Houthi sites on Friday.", gaz)
    assert actor is not None and actor.canonical == "United States"
    actor, _ = strike_actor("US and British forces strike Houthi targets in Yemen", gaz)
    assert actor is not None and actor.canonical == "United States"


def test_the_actor_written_before_the_act_is_its_agent(gaz: Gazetteer) -> None:
    s = "Iran's interior ministry said nine people were killed in the Pakistani strikes near Saravan."
    actor, _ = strike_actor(s, gaz)
    assert actor is not None and actor.canonical == "Pakistan"


def test_another_sides_event_in_the_same_sentence_is_its_own(gaz: Gazetteer) -> None:
    text = ("Pakistan said it carried out strikes against militant hideouts in Iran, two days after Iran launched "
            "missile strikes on bases inside Pakistan.")
    strikes, _, _, _ = events_of(text, {0: "strike"}, gaz)
    assert sorted(s.actor.normalized for s in strikes if s.actor) == ["Iran", "Pakistan"]
    text = ("Israel's military said it struck Hezbollah targets in southern Lebanon with jets, while Hezbollah said "
            "it fired 320 rockets at Israel in retaliation for the killing of a commander last month.")
    strikes, attacks, statements, casualties = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1 and casualties == []
    assert attacks[0].attacker is not None and attacks[0].attacker.normalized == "Hezbollah"
    assert attacks[0].date is None and strikes[0].weapon == "airstrike"
    assert "Israel Defense Forces" in [s.speaker.normalized for s in statements]  # "Israel's military"


def test_words_about_an_event_are_not_part_of_it(gaz: Gazetteer) -> None:
    text = "The Houthis have launched drone attacks on ships in the Red Sea, saying they act in solidarity with Gaza."
    _, attacks, statements, _ = events_of(text, {0: "attack"}, gaz)
    assert attacks[0].target_actor is None and attacks[0].location is not None
    assert [s.speaker.normalized for s in statements] == ["Houthis"]


def test_weapons_named_as_targets_are_not_the_weapon() -> None:
    from api.extraction.rules.weapons import strike_weapon

    assert strike_weapon("The strikes hit radar systems, drone storage sites and missile launch sites.") is None
    assert strike_weapon("A drone strike hit a car.") == "drone"


def test_victims_before_the_act_do_not_decide_its_kind(gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    s = "Three American service members were killed in a drone attack on a small outpost in Jordan."
    assert reconcile("attack", s, gaz) == "attack"
    assert reconcile("attack", "The US military carried out strikes on depots in Syria.", gaz) == "strike"
    own = "The US military confirmed on Wednesday that it targeted a militia site."
    assert reconcile("attack", own, gaz) == "strike"
    actor, _ = strike_actor("A monitor said six Syrian militants were killed in the strikes.", gaz)
    assert actor is None


def test_complementary_half_keys_do_not_merge(gaz: Gazetteer) -> None:
    """A dated strike with no actor and an undated US strike are not one event only because nothing conflicts."""
    text = ("Destroyed buildings after airstrikes, seen in a February 26, 2021 satellite image.\n\n"
            "The US military confirmed that it targeted a militia site in Syria.\n\n"
            "The US military said it carried out the air strikes on Tuesday.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike"}, gaz)
    assert [len(s.evidence) for s in strikes] == [1, 2]


def test_a_reference_in_someones_words_joins_the_event_it_names(gaz: Gazetteer) -> None:
    text = ("An Israeli air strike destroyed a building in Damascus on Monday.\n\n"
            "The supreme leader said Israel will be punished for the attack.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert attacks == [] and len(strikes) == 1 and len(strikes[0].evidence) == 2


def test_a_place_compound_is_not_an_actor(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import attack_actor

    _, target = attack_actor("Militias claimed attacks on several bases, one near the Jordan-Syria border.", gaz)
    assert target is None


def test_one_casualty_report_per_figure_and_source(gaz: Gazetteer) -> None:
    text = ("Three US soldiers killed in drone attack on base in Jordan\n\n"
            "Three American service members were killed and 34 were injured in the attack, officials said.\n\n"
            "A monitor said 11 people were killed.")
    _, _, _, casualties = events_of(text, {}, gaz)
    assert [(c.killed.min if c.killed else None, len(c.evidence)) for c in casualties] == [(3, 2), (11, 1)]
    assert casualties[0].injured is not None and casualties[0].injured.min == 34


def test_a_statement_is_dated_when_it_was_said(gaz: Gazetteer) -> None:
    text = "The US military said on Wednesday it carried out strikes in Syria on Tuesday."
    strikes, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert strikes[0].date is not None and strikes[0].date.value == "2023-03-07"
    assert statements[0].date is not None and statements[0].date.value == "2023-03-08"


def test_a_strike_that_was_a_response_links_the_attack_and_the_figure_goes_to_the_attack(gaz: Gazetteer) -> None:
    text = ("The strikes were a response to a drone attack on a base in Jordan that wounded three soldiers, "
            "the secretary said.")
    strikes, attacks, _, casualties = events_of(text, {0: "strike"}, gaz)
    assert len(attacks) == 1 and strikes[0].in_response_to == [attacks[0].id]
    assert casualties[0].event == attacks[0].id


def test_a_killing_clause_is_not_part_of_the_answered_event(gaz: Gazetteer) -> None:
    text = ("The command said it had conducted a strike in response to the attacks on U.S. service members, "
            "killing a Kataib Hezbollah commander.")
    _, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(attacks) == 1 and attacks[0].attacker is None
    assert attacks[0].target is not None and attacks[0].target.text == "U.S. service members"
    assert attacks[0].location is None


def test_a_reference_with_a_place_still_joins_the_event_it_names(gaz: Gazetteer) -> None:
    text = ("The Revolutionary Guards said they had struck a headquarters in Erbil with ballistic missiles.\n\n"
            "The security council said four civilians were killed in the attack near the consulate in Erbil.")
    strikes, attacks, _, casualties = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert attacks == [] and len(strikes[0].evidence) == 2 and casualties[0].event == strikes[0].id


def test_a_period_start_and_a_parenthetical_source_do_not_date_wrongly() -> None:
    assert _date("Armed groups have claimed more than 70 attacks on US forces since Oct. 17.") is None
    s = "Seven mortar rounds landed near the embassy early on Tuesday, two officials said, in the first attack."
    assert _date(s) == "2023-03-07"
    assert _date("The spokesman, Wednesday said they will treat the recent strikes as aggression.") is None


def test_a_war_named_after_a_place_is_a_backdrop(gaz: Gazetteer) -> None:
    from api.extraction.rules.places import location

    where = location("Groups claimed attacks on US forces in Iraq, citing US support for Israel in the Gaza war.", gaz)
    assert where is not None and where.name == "Iraq"


def test_a_speaker_reporting_its_own_killing_in_a_strike_is_its_agent(gaz: Gazetteer) -> None:
    s = ("The Israeli military said on Wednesday it had killed a senior commander in a strike on Beirut's southern "
         "suburbs on Tuesday evening.")
    actor, _ = strike_actor(s, gaz)
    assert actor is not None and side(gaz.actor(actor.canonical)) == "Israel"  # type: ignore[arg-type]


def test_a_figure_after_two_events_of_one_sentence_goes_to_the_one_mentioned_most(gaz: Gazetteer) -> None:
    text = ("Iran fires drones at Israel\n\n"
            "Iran launched drones and missiles at Israel late on Saturday in retaliation for a strike on its "
            "consulate in Damascus on April 1, the military said.\n\n"
            "A girl was seriously wounded by shrapnel, medics said.")
    strikes, _, _, casualties = events_of(text, {0: "strike", 1: "strike"}, gaz)
    main = max(strikes, key=lambda s: len(s.evidence))
    assert casualties and casualties[0].event == main.id and main.actor is not None
    assert main.actor.normalized == "Iran"


def test_a_report_with_a_quotation_mark_and_a_weapon_is_not_a_passing_reference(gaz: Gazetteer) -> None:
    text = ('A drone attack by gunmen hit a checkpoint near Idlib <img src="x">, killing two soldiers.\n'
            "Israeli warplanes struck a weapons depot near Nabatieh on Tuesday.")
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert len(attacks) == 1 and len(strikes) == 1 and len(strikes[0].evidence) == 1


def test_an_attack_the_strikes_came_after_is_its_own_event(gaz: Gazetteer) -> None:
    text = ("Pakistan's military carried out airstrikes on Monday on hideouts in Afghanistan's Khost province, two "
            "days after a suicide attack on an army post in North Waziristan killed seven soldiers.")
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1
    assert attacks[0].weapon == "ied" and attacks[0].location is not None
    assert strikes[0].target is None or "army post" not in strikes[0].target.text


def test_members_of_a_group_name_the_group(gaz: Gazetteer) -> None:
    """"of" before a group is not a place: "members of Kataib Hezbollah" is who was hit."""
    _, target = strike_actor("US jets struck a house used by members of Kataib Hezbollah near the border.", gaz)
    assert target is not None and target.canonical == "Kata'ib Hezbollah"


def test_a_claim_of_responsibility_names_the_attacker_of_the_attack_reported(gaz: Gazetteer) -> None:
    """"X claimed responsibility for the attack" joins the attack reported before it, and is X's statement."""
    text = ("A drone hit a base near Erbil on Sunday, wounding two guards. "
            "Asa'ib Ahl al-Haq claimed responsibility for the attack, which it said killed three soldiers.")
    _, attacks, statements, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(attacks) == 1
    assert attacks[0].attacker is not None and attacks[0].attacker.normalized == "Asa'ib Ahl al-Haq"
    assert attacks[0].attribution == "claimed"
    assert [(s.speaker.normalized, s.kind) for s in statements] == [("Asa'ib Ahl al-Haq", "claim")]


def test_a_group_calling_itself_is_the_attacker(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import attack_actor

    attacker, _ = attack_actor("A group calling itself Jund al-Watan said its fighters carried out the bombing.", gaz)
    assert attacker is not None and attacker.canonical == "Jund al-Watan"


@pytest.mark.parametrize(
    "sentence",
    ["Hamas later claimed responsibility for the shooting.", "A suicide bomber rammed a car into a checkpoint.",
     "Gunmen opened fire on a bus near the border."],
)
def test_acts_of_gunmen_and_bombers_are_candidates(gaz: Gazetteer, sentence: str) -> None:
    assert read_sentences(split_sentences(sentence), gaz)[0].event_candidate


def test_another_side_joined_with_and_is_a_second_event(gaz: Gazetteer) -> None:
    """", and <State> retaliated with strikes": two strikes, one for each side."""
    text = ("Iran launched missile strikes on militant bases in Panjgur, and Pakistan retaliated two days later "
            "with air strikes on hideouts in Saravan.")
    strikes, _, _, _ = events_of(text, {0: "strike"}, gaz)
    assert sorted(s.actor.normalized for s in strikes if s.actor) == ["Iran", "Pakistan"]


def test_as_another_side_fired_is_a_second_event(gaz: Gazetteer) -> None:
    text = "Israeli jets struck a village near Tyre, as Hezbollah fired rockets at a base in the north."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1
    assert attacks[0].attacker is not None and attacks[0].attacker.normalized == "Hezbollah"



@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # where the weapon came from is not where it struck
        ("A drone launched from Iraq hit an outpost in Jordan.", "Jordan"),
        ("A drone launched from Iraq hit the outpost.", "Iraq"),
        # the object of "targeted"/"attacked" is where the act happened
        ("Militants attacked Kirkuk overnight.", "Kirkuk"),
    ],
)
def test_location_of_the_act(gaz: Gazetteer, sentence: str, place: str) -> None:
    from api.extraction.rules.places import location

    where = location(sentence, gaz)
    assert where is not None and where.name == place


def test_a_speaker_in_another_clause_does_not_report_the_toll(gaz: Gazetteer) -> None:
    """A headline of clauses: the one who speaks in the last does not report the toll of the first."""
    text = "Four people killed at Kirkuk market; Colonel Samir Aziz says the army will respond"
    _, _, _, casualties = events_of(text, {}, gaz)
    assert len(casualties) == 1 and casualties[0].reported_by is None
    text = "Four were killed in a strike on a market in Kirkuk, Colonel Samir Aziz said."
    _, _, _, casualties = events_of(text, {}, gaz)
    assert casualties[0].reported_by is not None and casualties[0].reported_by.normalized == "Samir Aziz"


def test_fire_exchanged_between_a_state_and_a_group_is_a_strike_and_an_attack(gaz: Gazetteer) -> None:
    """"Israel has traded fire with Hezbollah": the state's strikes and the group's attacks, one event each."""
    text = "Israel has traded fire with Hezbollah almost daily since October."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Israel"]
    assert [a.attacker.normalized for a in attacks if a.attacker] == ["Hezbollah"]


def test_an_earlier_event_that_killed_is_its_own_event(gaz: Gazetteer) -> None:
    """"…, four days after Israeli strikes in Beirut killed the leader of Hezbollah": a second strike."""
    text = ("Iran launched missiles toward Israel on Tuesday, four days after Israeli strikes in Beirut killed the "
            "leader of Hezbollah.")
    strikes, _, _, _ = events_of(text, {0: "strike"}, gaz)
    assert sorted(s.actor.normalized for s in strikes if s.actor) == ["Iran", "Israel"]


def test_victims_of_a_later_clause_act_are_not_a_second_event(gaz: Gazetteer) -> None:
    """"Six soldiers were killed after militants attacked a post": one attack, no strike from the first clause."""
    text = "Six soldiers were killed after militants attacked a police post in Bannu district on Monday."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert strikes == [] and len(attacks) == 1


@pytest.mark.parametrize(("sentence", "kind", "agent"), [
    ("The drone attack on the convoy has been attributed to Turkey.", "strike", "Turkey"),
    ("The air raid on the market was widely blamed on Israel.", "strike", "Israel"),
    ("Officials said Israel was behind the strike on the farm.", "strike", "Israel"),
    ("The bombing of the bus station was blamed on al-Shabaab.", "attack", "al-Shabaab"),
])
def test_an_accusation_names_the_agent_and_the_agent_decides_the_kind(gaz: Gazetteer, sentence: str, kind: str,
                                                                       agent: str) -> None:
    """"attributed to X", "blamed on X", "X was behind": X acted (a state's act is a strike), as someone alleges."""
    from api.extraction.rules.agents import attack_actor
    from api.extraction.rules.strike_or_attack import reconcile
    from api.extraction.rules.weapons import attribution

    assert reconcile("attack", sentence, gaz) == kind
    who = (strike_actor if kind == "strike" else attack_actor)(sentence, gaz)[0]
    assert who is not None and who.canonical.startswith(agent)
    if kind == "attack":
        assert attribution(sentence, True) == "alleged"


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Pro-Iran Iraqi militias have carried out over 40 attacks on US troops since October.", "attack"),
    ("Syrian rebels shelled an army post near Hama on Monday.", "attack"),
    ("Iraqi forces struck a militant hideout near Kirkuk on Monday.", "strike"),
])
def test_a_nationality_of_irregular_fighters_is_not_a_state_acting(gaz: Gazetteer, sentence: str, kind: str) -> None:
    """"Iraqi militias", "Syrian rebels": the adjective says where the fighters are from, not that a state acts."""
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("strike", sentence, gaz) == kind
    assert reconcile("attack", sentence, gaz) == kind


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        ("Turkey has carried out 13 drone strikes on the group in the last five months.", True),
        ("The militia has fired rockets at the base since the war in Gaza began.", True),
        ("Rebels and the army have exchanged artillery fire along the front since Sunday.", True),
        ("The town has been shelled hundreds of times.", True),
        ("Residents described years of relentless shelling by the army.", True),
        # a fresh incident measured against a period is one incident
        ("It was the deadliest strike on the city since the war began.", False),
        ("The raid was the first on the camp since 2019.", False),
        ("Jets struck a depot near the port on Tuesday.", False),
        # habits and trends are campaigns too
        ("The navy regularly conducts strikes on smuggling boats off the coast.", True),
        ("The rebels often carry out such raids on remote outposts.", True),
        ("Bandits have attacked convoys on the road from time to time.", True),
        ("Kidnappings and bombings are on the rise in the province.", True),
        ("The province has seen a rise in militant attacks this year.", True),
        ("The group continues deadly attacks across the north.", True),
        ("The insurgents have also carried out past attacks in the capital.", True),
        ("The faction has stepped up its attacks on supply lines.", True),
        # one incident that continues or recurs in other words
        ("The attack continued for three hours before troops regained control.", False),
        ("Gunmen attacked a checkpoint in the town on Friday, the second in a week.", False),
    ],
)
def test_a_campaign_told_over_a_period_stands_alone(sentence: str, alone: bool) -> None:
    from api.extraction.assembly.incidents import background

    assert background(sentence) is alone


def test_one_of_the_attacks_is_its_own_event_with_the_series_agent_and_day(gaz: Gazetteer) -> None:
    text = ("Hezbollah said it fired at several Israeli positions near the border on Tuesday.\n\n"
            "In one of the attacks, the group said it hit a barracks near Metula with rockets.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(attacks) == 2
    assert attacks[1].attacker is not None and attacks[1].attacker.normalized == "Hezbollah"
    assert attacks[1].date is not None and attacks[1].date.value == "2023-03-07"


def test_an_act_that_also_hit_another_town_is_a_second_event(gaz: Gazetteer) -> None:
    text = ("Russian jets struck a market in Jisr al-Shughur on Sunday, killing nine people.\n\n"
            "Two more civilians were also killed in a strike on the outskirts of Saraqib.\n\n"
            "The strike on Jisr al-Shughur also destroyed a bakery.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike"}, gaz)
    assert [len(s.evidence) for s in strikes] == [2, 1]
    assert strikes[1].actor is not None and strikes[1].actor.text == "Russian jets"
    assert strikes[1].location is not None and strikes[1].location.name == "Saraqib"
    assert strikes[1].date is not None and strikes[1].date.value == "2023-03-05"


@pytest.mark.parametrize("sentence", ["Turkish aerial attacks hit a village near Qamishli.",
                                      "Army helicopters pounded rebel positions near Hama."])
def test_aerial_attacks_and_helicopters_are_air_strikes(sentence: str) -> None:
    from api.extraction.rules.weapons import strike_weapon

    assert strike_weapon(sentence) == "airstrike"



@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        # the subject of a first verb is the subject of the act coordinated with it
        ("About 30 US special forces troops landed near the village and raided a house on Tuesday.", "United States"),
        # an adverb between the subject and the act
        ("It is the first time Turkey's army has openly attacked the town.", "Turkey"),
        # a passive agent a few words after the act's noun
        ("The commander died in an overnight raid carried out by US forces near the border.", "United States"),
        # victims before a coordinated act are not its subject
        ("Two Syrian soldiers were killed and wounded when jets struck the base.", None),
    ],
)
def test_the_agent_of_the_act_through_coordination_adverbs_and_passives(sentence: str, actor: str | None,
                                                                        gaz: Gazetteer) -> None:
    found, _ = strike_actor(sentence, gaz)
    assert (side(gaz.actor(found.canonical)) if found else None) == actor  # type: ignore[arg-type]


def test_two_speakers_joined_by_and_make_two_statements(gaz: Gazetteer) -> None:
    text = ("A bomb killed four soldiers near Quetta on Monday. President Ahmed Karimi and Prime Minister Sara Doyle "
            "strongly condemned the bombing.")
    _, _, statements, _ = events_of(text, {0: "attack"}, gaz)
    assert [(s.speaker.text, s.kind) for s in statements] == [
        ("Ahmed Karimi", "condemnation"), ("Sara Doyle", "condemnation")]


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        # a figure and a claim of the act, or blame laid on someone: a casualty report and a statement
        ("On Sunday, Islamic State said its fighters had attacked a checkpoint near Tikrit, killing six police.", True),
        ("Iraq's army said the Islamic State group was behind the ambush that killed four soldiers.", True),
        # a figure alone, or blame the writer narrates about another event: a casualty report only
        ("Jets struck Idlib, killing 11 people, in revenge for attacks blamed on rebels, the Observatory said.", False),
        ("The army said four soldiers were killed in the ambush.", False),
    ],
)
def test_a_figure_with_a_claim_or_blame_is_also_a_statement(sentence: str, speaks: bool, gaz: Gazetteer) -> None:
    _, _, statements, casualties = events_of(sentence, {0: "attack"}, gaz)
    assert len(casualties) == 1 and bool(statements) is speaks


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("The navy said that Houthi rebels fired two anti-ship missiles toward the Gulf of Aden.", "attack"),
        ("Israeli jets struck a depot near Homs overnight, residents said.", "strike"),
        # not a done act, or nobody known acting
        ("Iran will strike Israel if it is attacked again, the general said.", None),
        ("Hezbollah vowed to attack Israeli positions along the border.", None),
        ("A ship reported it had been hit by a missile off Aden.", None),
    ],
)
def test_the_rules_are_sure_of_a_known_agents_done_act(sentence: str, label: str | None, gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import sure_by_rules

    assert sure_by_rules(sentence, gaz) == label


def test_a_claim_of_responsibility_is_a_groups_attack_whatever_the_label(gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("strike", "The little-known Saraya group claimed responsibility for the blast.", gaz) == "attack"
    assert reconcile("strike", "Israel's army said it struck the depot and took responsibility.", gaz) == "strike"


def test_a_group_the_gazetteer_does_not_know_is_named_by_its_claim(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import attack_actor

    attacker, _ = attack_actor("The Jaish al-Fursan group had claimed responsibility for the deadly attack.", gaz)
    assert attacker is not None and attacker.canonical == "Jaish al-Fursan group"
    attacker, _ = attack_actor("Nobody has claimed responsibility for the attack on the Grand Hotel.", gaz)
    assert attacker is None


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # a state's body written with a curly possessive is the body
        ("Lebanon’s army said an Israeli strike killed a soldier near the border on Monday.", "Lebanese Armed Forces"),
        # an unnamed source close to a group is not the group: the source as written
        ("A source close to Hezbollah said an Israeli strike killed three fighters on Monday.",
         "source close to Hezbollah"),
    ],
)
def test_the_source_of_a_figure_as_the_sentence_gives_it(sentence: str, source: str, gaz: Gazetteer) -> None:
    _, _, _, casualties = events_of(sentence, {0: "strike"}, gaz)
    assert casualties[0].reported_by is not None and casualties[0].reported_by.normalized == source


def test_a_fresh_incident_takes_the_day_its_source_reported_it(gaz: Gazetteer) -> None:
    text = ("On Monday, the group said Israeli strikes had killed three of its members.\n\n"
            "On Tuesday, the group said Israel has struck its positions hundreds of times since the war began.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert [s.date.value if s.date else None for s in strikes] == ["2023-03-06", None]
    # a mention that dates the incident wins over the day of the report
    text = ("On Wednesday, the army said Israeli jets had struck a depot near Homs.\n\n"
            "The Israeli strike on the depot near Homs took place on Monday night, residents said.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert len(strikes) == 1 and strikes[0].date is not None and strikes[0].date.value == "2023-03-06"


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # a village the gazetteer does not list, written after its province's possessive
        ("The drone attack took place in Raqqa province’s al-Mansura village on Monday.", "al-Mansura"),
        # a capital set off by a comma after its country
        ("The president said he ordered strikes on Yemen's capital, Sanaa, on Saturday.", "Sanaa"),
    ],
)
def test_the_most_specific_place_through_possessives_and_appositions(sentence: str, place: str,
                                                                     gaz: Gazetteer) -> None:
    from api.extraction.rules.places import location

    found = location(sentence, gaz)
    assert found is not None and found.name == place


def test_a_patron_is_not_the_target(gaz: Gazetteer) -> None:
    _, target = strike_actor("US forces conducted an airstrike against the al Qaeda-linked al-Shabaab group.", gaz)
    assert target is not None and target.canonical == "al-Shabaab"


@pytest.mark.parametrize(
    ("label", "sentence", "kind"),
    [
        # a nationality on a group is not a state acting
        ("strike", "The Iran-backed Lebanese group attacked Israeli positions in the Shebaa Farms.", "attack"),
        ("strike", "The carrier strike group launched cruise missiles at the port.", "strike"),
        # a headline's victims are not the agent
        ("attack", "Two Iraqi soldiers killed in ambush near Kirkuk", "attack"),
    ],
)
def test_strike_or_attack_by_who_acts(label: str, sentence: str, kind: str, gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile(label, sentence, gaz) == kind


def test_the_answered_event_of_sponsored_militants_is_an_attack(gaz: Gazetteer) -> None:
    assert answered_kind("after Indian-sponsored militants attacked a post in Bannu district", gaz) == "attack"


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        # a quotation that only gives a toll is a casualty report
        ("“Four civilians were killed in Saraqib and two fighters were killed nearby by Russian air strikes,” "
         "Omar Haddad, who heads the monitor, said.", False),
        # a toll and words of the speaker's own
        ("“Four civilians were killed, and we will answer this crime,” Omar Haddad said after the air strikes.", True),
    ],
)
def test_a_quotation_that_only_gives_a_toll_is_no_statement(sentence: str, speaks: bool, gaz: Gazetteer) -> None:
    _, _, statements, casualties = events_of(sentence, {0: "strike"}, gaz)
    assert casualties and bool(statements) is speaks


def test_a_second_speaker_with_a_verb_of_its_own_after_and_is_a_second_statement(gaz: Gazetteer) -> None:
    text = ("Jets struck a depot near Homs on Monday. Governor Ali Nasser said the shelter held, and Fire Chief "
            "Omar Saleh added that two blocks lost power.")
    _, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.speaker.text for s in statements] == ["Governor Ali Nasser", "Fire Chief Omar Saleh"]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("A police source quoted by City TV said four people died in the strike.", "police source"),
        ("Four people died in the strike on Monday, as confirmed by the Red Crescent.", "Red Crescent"),
    ],
)
def test_the_source_of_a_figure_through_a_credit_or_a_confirmation(sentence: str, source: str,
                                                                  gaz: Gazetteer) -> None:
    _, _, _, casualties = events_of(sentence, {0: "strike"}, gaz)
    assert casualties[0].reported_by is not None and casualties[0].reported_by.text == source


def test_the_speaker_is_outside_the_quoted_words_and_is_not_the_agent_of_the_act_named(gaz: Gazetteer) -> None:
    text = 'Jets struck Idlib on Monday. "Iran condemns this raid," the Iranian Foreign Ministry said.'
    strikes, _, statements, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert len(strikes) == 1 and strikes[0].actor is None
    assert [(s.speaker.normalized, s.kind) for s in statements] == [
        ("Ministry of Foreign Affairs of Iran", "condemnation")]


@pytest.mark.parametrize("sentence", [
    "Nineveh's deputy governor, Omar Khalil, told Reuters the Iraqi forces had launched the raid at dawn.",
    "Omar Khalil, the deputy governor of Nineveh, told Reuters the Iraqi forces had launched the raid at dawn.",
])
def test_a_person_set_off_by_commas_with_a_role_speaks_not_the_forces_after_the_verb(gaz: Gazetteer,
                                                                                    sentence: str) -> None:
    from api.extraction.rules.speakers import find_speaker

    who = find_speaker(sentence, gaz)
    assert who is not None and who.text == "Omar Khalil"
    # (not a name before "according to": the source after it is the one who tells)
    place = "The blast hit the Mar Yousef Church, according to the Associated Press."
    found = find_speaker(place, gaz)
    assert found is None or found.text != "Mar Yousef Church"


def test_a_name_that_opens_a_broadcasters_name_is_the_outlet_not_the_actor(gaz: Gazetteer) -> None:
    """"SNA Radio" is a radio station, not the army the abbreviation stands for elsewhere."""
    assert [f.entry.name for f in gaz.find_actors("Officers told SNA Radio that troops took the town.")] == []
    assert [f.entry.name for f in gaz.find_actors("The SNA said troops took the town.")] != []


def test_a_dateline_before_a_colon_is_where_the_report_was_filed(gaz: Gazetteer) -> None:
    """"QUETTA: Five terrorists were killed …": the city is where the report was filed, not an actor; a body set off
    with its abbreviation and description is who speaks, not what was hit."""
    from api.extraction.rules.agents import attack_actor
    from api.extraction.text.datelines import DATELINE

    assert DATELINE.match("QUETTA: Five terrorists were killed in an operation, the army said.") is not None
    assert DATELINE.match("ISPR: five terrorists killed in an operation") is None  # (four capitals: a body's name)
    sentence = ("The Inter-Services Public Relations (ISPR), the media wing of the army, has confirmed that two "
                "soldiers were martyred in an attack by TTP terrorists.")
    attacker, target = attack_actor(sentence, gaz)
    assert attacker is not None and attacker.canonical == "Tehrik-i-Taliban Pakistan"
    assert target is None or target.canonical != "Inter-Services Public Relations"


def test_gunmen_linked_to_a_group_are_its_attack(gaz: Gazetteer) -> None:
    from api.extraction.rules.agents import attack_actor

    attacker, _ = attack_actor("Raids on the garrison by gunmen linked to the Islamic State continued.", gaz)
    assert attacker is not None and attacker.canonical == "Islamic State"


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Israel said its jets hit a Syrian radar site near Quneitra on Monday.", "Syria"),
        ("Iran launched missiles toward Israel on Tuesday.", "Israel"),
        # aimed "at" a state, and the forces that report it are not what was hit
        ("Pakistan fired rockets at Afghanistan overnight, the Afghan army said.", "Afghanistan"),
        # (but the source of a figure about a group is not one that speaks of the act)
        ("US forces struck a car, killing four members of Kataib Hezbollah, according to two officials.",
         "Kata'ib Hezbollah"),
        # a state where something happens, or whose city was hit, is not the group targeted
        ("Israeli jets struck Yemen’s port city of Hodeidah.", None),
        ("Turkish jets struck a depot in northeast Syria.", None),
    ],
)
def test_a_state_written_as_what_was_hit_is_the_target(sentence: str, target: str | None, gaz: Gazetteer) -> None:
    _, found = strike_actor(sentence, gaz)
    assert (found.canonical if found else None) == target


def test_confrontations_between_a_state_and_a_group_are_a_strike_and_an_attack(gaz: Gazetteer) -> None:
    text = "Since the war began, there have been persistent confrontations between the Israeli army and Hezbollah."
    strikes, attacks, _, _ = events_of(text, {0: "none"}, gaz)
    assert [(s.actor.normalized if s.actor else None) for s in strikes] == ["Israel"]
    assert [(a.attacker.normalized if a.attacker else None) for a in attacks] == ["Hezbollah"]
    # talks between two sides are no fighting
    strikes, attacks, _, _ = events_of("Talks between Israel and Hamas resumed in Cairo on Monday.", {0: "none"}, gaz)
    assert strikes == [] and attacks == []


def test_a_states_forces_targeted_with_no_agent_named_is_an_attack(gaz: Gazetteer) -> None:
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("strike", "Since May, US troops in Syria have been targeted more than 40 times.", gaz) == "attack"
    assert reconcile("strike", "Syrian army positions were shelled overnight.", gaz) == "strike"


def test_one_of_its_fighters_carried_out_is_a_claim(gaz: Gazetteer) -> None:
    from api.extraction.rules.weapons import attribution

    sentence = "The group said in a statement that one of its fighters had carried out the bombing."
    assert attribution(sentence, True, reported=True) == "claimed"


def test_a_campaign_told_again_by_the_same_agent_is_one_event(gaz: Gazetteer) -> None:
    text = ("Israeli jets struck a depot near Homs on Tuesday.\n\n"
            "Israel has carried out hundreds of strikes in Syria since the war began.\n\n"
            "In 2019, Israel said it had struck targets in Syria thousands of times.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike"}, gaz)
    assert [len(s.evidence) for s in strikes] == [1, 2]
    # two periods that start differently are two runs
    text = ("Hezbollah has attacked Israeli posts every day since Sunday.\n\n"
            "Hezbollah has fired rockets at Israeli towns since the Oct. 7 attack.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [len(a.evidence) for a in attacks] == [1, 1]


def test_a_ministry_named_through_its_state_speaks_as_the_ministry(gaz: Gazetteer) -> None:
    text = ("Pakistani jets struck Khost on Monday, killing eight people. The Afghan defence ministry issued a "
            "statement condemning the airstrikes.")
    _, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert [(s.speaker.normalized, s.kind) for s in statements] == [("Ministry of Defense of Afghanistan",
                                                                     "condemnation")]
