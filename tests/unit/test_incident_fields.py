"""Fields of an incident told in several places of a page: a headline of two sides' acts, figures of separate
incidents that happen to be equal, the most specific place any mention names (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.rules.strike_or_attack import reconcile, result_by_rules
from api.extraction.rules_only import vocabulary_label
from api.extraction.text.sentences import split_sentences
from tests.unit.assembled import events_of


def test_a_bomb_that_went_off_is_an_attack(gaz: Gazetteer) -> None:
    """No verb of attacking: the bomb "went off", and the group it is believed planted by is the attacker."""
    text = ("A soldier was killed when a roadside bomb, believed to be planted by Islamic State militants, went off "
            "near a patrol outside Tal Afar on Saturday, an officer said.")
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[0].event_candidate and vocabulary_label(text, gaz) == "attack"  # the model is asked; the rules say
    blast = "Hours earlier, a blast went off outside a mosque in the capital."
    assert read_sentences(split_sentences(blast), gaz, blast)[0].event_candidate
    _, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert [(a.weapon, a.attacker.normalized if a.attacker else None) for a in attacks] == [("ied", "Islamic State")]


def test_equal_figures_of_separate_incidents_are_two_reports(gaz: Gazetteer) -> None:
    """One killed and two hurt twice: a soldier in one town, a civilian in another, are other people."""
    text = ("A soldier was killed and two others wounded when a roadside bomb exploded near Tal Afar, an officer said. "
            "In a separate incident, a civilian was killed and two others wounded when a bomb exploded in Tarmiyah, "
            "police said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [(c.killed.min if c.killed else None, len(c.evidence)) for c in casualties] == [(1, 1), (1, 1)]
    # the same people told twice in other words are still one report
    text = ("Two soldiers killed in drone attack on a base in Syria\n\n"
            "Two service members were killed in the attack, officials said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [len(c.evidence) for c in casualties] == [2]


def test_a_headline_of_two_sides_acts_gives_each_its_own_fields(gaz: Gazetteer) -> None:
    """"X strikes A as Y fires rockets at B": the strike takes neither the rockets nor B."""
    text = "Israel strikes southern Lebanon as Hezbollah fires rockets at Galilee"
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert [(s.weapon, s.location.name if s.location else None) for s in strikes] == [(None, "southern Lebanon")]
    assert [(a.attacker.normalized if a.attacker else None, a.weapon) for a in attacks] == [("Hezbollah", "rocket")]


def test_the_most_specific_place_of_any_mention_is_the_events(gaz: Gazetteer) -> None:
    """The headline's region says more about the event than nothing, the body's town more than the region."""
    text = ("Drone strike kills two in southern Lebanon\n\n"
            "An Israeli drone strike on a car killed two people near the town of Nabatieh on Tuesday, "
            "the health ministry said. It was the deadliest strike in the area in weeks.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert [s.location.name if s.location else None for s in strikes] == ["Nabatieh"]


def test_each_figure_of_a_headline_takes_the_place_of_its_own_clause(gaz: Gazetteer) -> None:
    text = "Man killed in Jericho by falling debris; two lightly hurt in Tel Aviv area"
    _, _, _, casualties = events_of(text, {}, gaz)
    assert [c.location.name if c.location else None for c in casualties] == ["Jericho", "Tel Aviv"]


def test_a_leaders_forces_are_his_states_army(gaz: Gazetteer) -> None:
    """"Putin's forces launched …", "Assad's army shelled …": a state's act, so a strike, by its army (for its
    state)."""
    text = "Putin's forces launched a missile attack on Kyiv on Friday. Assad's army shelled Idlib on Monday."
    strikes, attacks, _, _ = events_of(text, {0: "attack", 1: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Russia", "Syria"]
    assert attacks == []


def test_a_drone_barrage_that_pounded_a_city_is_asked_about(gaz: Gazetteer) -> None:
    """"pounded" is a verb of the act: the sentence is a candidate, and the state's drones make it a strike."""
    text = "Russian drones pounded Kharkiv overnight, Ukraine's air force said."
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[0].event_candidate and vocabulary_label(text, gaz) == "strike"
    strikes, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Russia"]
    assert [s.speaker.normalized for s in statements] == ["Armed Forces of Ukraine"]


def test_a_states_own_armed_forces_strike_for_the_state(gaz: Gazetteer) -> None:
    """The guidelines' actor of a strike is the state ("United States"): "Turkish warplanes" strike for Turkey, but
    a command with a name of its own stays itself."""
    text = ("Turkish warplanes struck PKK targets in northern Iraq on Wednesday. "
            "CENTCOM forces struck a Houthi radar site.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Turkey", "United States Central Command"]


def test_a_states_defence_ministry_is_the_ministry_not_its_army(gaz: Gazetteer) -> None:
    """"The Turkish Defence Ministry said two soldiers were killed": the figure's source is the ministry."""
    _, _, _, casualties = events_of("The Turkish Defence Ministry said two soldiers were killed.", {}, gaz)
    assert [c.reported_by.normalized for c in casualties if c.reported_by] == ["Ministry of Defense of Turkey"]


def test_a_person_who_acts_is_who_a_later_title_points_back_to(gaz: Gazetteer) -> None:
    """No verb of speech names him first: "Prime Minister X addressed …", then "…, the prime minister said"."""
    text = ("Israeli Prime Minister Benjamin Netanyahu addressed the nation after the strikes began. "
            "More strikes are on the way, the prime minister said.")
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[1].carried is not None and facts[1].carried.canonical == "Benjamin Netanyahu"
    # a person named after a preposition is no subject ("killed in the strike with X")
    text = "A drone strike killed two fighters with Benjamin Netanyahu watching. The spokesman said it hit a depot."
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[1].carried is None


def test_the_speakers_own_strikes_are_the_speakers(gaz: Gazetteer) -> None:
    """"Israel also said its strikes killed X": "its" is the speaker's, so the strike is Israel's."""
    strikes, _, _, _ = events_of("Israel also said its strikes killed a senior commander.", {0: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Israel"]


@pytest.mark.parametrize(("text", "labels", "counts"), [
    # "according to reports, fighter jets attacked …" reports a new act
    ("Gunmen attacked an army camp in Borno on Sunday. According to reports, fighter jets launched from Maiduguri "
     "attacked the attackers as they fled.", {0: "attack", 1: "strike"}, (1, 1)),
    # "according to X, the attack targeted …" speaks of the one already told
    ("Israeli jets struck a house in Damascus on Monday. According to a monitor, the attack targeted two militia "
     "posts.", {0: "strike", 1: "attack"}, (1, 0)),
    # a run of attacks "since then" in a town is a campaign of its own, not the strike told there years before
    ("A US air strike in Baghdad killed a senior general in 2020. The militia groups since then resorted to rocket "
     "attacks on the embassy in Baghdad.", {0: "strike", 1: "attack"}, (1, 1)),
    # an earlier week's or month's act is another incident than the day's
    ("Militants attacked a checkpoint near Baiji on Sunday, killing two soldiers. Last week, militants attacked a "
     "police patrol.", {0: "attack", 1: "attack"}, (0, 2)),
    ("Jets struck a depot in Homs on Monday. Two months ago, jets struck an airbase.", {0: "strike", 1: "strike"},
     (2, 0)),
    # an act dated to a past week or month inside the sentence, not the speech's time
    ("A suicide bomber struck a mosque in Kunduz on Friday, killing 20 worshippers. The blast follows last week's "
     "suicide bombing at a school in Kabul.", {0: "attack", 1: "attack"}, (0, 2)),
    ("Pakistani jets struck hideouts in Khost on Monday. Kabul has accused Islamabad of conducting air strikes "
     "in its territory last week.", {0: "strike", 1: "strike"}, (2, 0)),
    ("US jets struck militia sites in Syria on Monday. The United States told the UN last week that it struck the "
     "militia to deter attacks.", {0: "strike", 1: "strike"}, (1, 0)),
    # one the mention is measured from, another one with its adjective, one before that, a follow-on one
    ("Rebels said on Tuesday they had attacked a cargo ship with drones. The claim comes three days after the rebels "
     "said they attacked an oil tanker near Jizan.", {0: "attack", 1: "attack"}, (0, 2)),
    ("Jets struck a depot in Homs on Monday. The strike came shortly after another Israeli raid hit a car in the "
     "same area.", {0: "strike", 1: "strike"}, (2, 0)),
    ("Jets struck a depot in Homs on Monday. Prior to that, a drone strike hit a truck near the border.",
     {0: "strike", 1: "strike"}, (2, 0)),
    ("US jets struck radar sites in Yemen on Monday. The military later said it conducted a follow-on strike on "
     "a launch site.", {0: "strike", 1: "strike"}, (2, 0)),
    # the same act told again stays one, and so does the act measured from an earlier one
    ("Jets struck a depot in Homs on Monday. The strike destroyed a warehouse.", {0: "strike", 1: "strike"}, (1, 0)),
    ("Jets struck a depot in Homs on Monday. The strike came a day after the minister visited the town.",
     {0: "strike", 1: "strike"}, (1, 0)),
    ("Militants attacked a checkpoint in the capital on Friday. The incident came just hours after the militants "
     "killed a district commissioner.", {0: "attack", 1: "attack"}, (0, 2)),
])
def test_which_mentions_are_incidents_of_their_own(gaz: Gazetteer, text: str, labels: dict[int, str],
                                                   counts: tuple[int, int]) -> None:
    strikes, attacks, _, _ = events_of(text, labels, gaz)
    assert (len(strikes), len(attacks)) == counts


def test_one_figure_given_by_a_state_and_by_its_own_army_is_one_report(gaz: Gazetteer) -> None:
    """"Iran said two soldiers were killed" and "the army of Iran lost two of its fighters": one figure, one side;
    a region and a town in it do not make two reports either."""
    text = ("Iran said two soldiers were killed in the strikes. The Iranian army said it lost two of its fighters.")
    _, _, _, casualties = events_of(text, {0: "strike", 1: "strike"}, gaz)
    assert [len(c.evidence) for c in casualties] == [2]
    text = ("Two Turkish soldiers were killed in northern Iraq, the Turkish Defence Ministry said. "
            "Two Turkish soldiers were killed in a mortar attack in the Haftanin region, the ministry said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [len(c.evidence) for c in casualties] == [2]


def test_a_body_nobody_lists_is_the_source_as_written(gaz: Gazetteer) -> None:
    """"Israeli emergency services reported …": no speaker to name, the figure's source as the text gives it."""
    _, _, _, casualties = events_of("Israeli emergency services reported 30 people injured in the strikes.",
                                    {0: "strike"}, gaz)
    assert [c.reported_by.text for c in casualties if c.reported_by] == ["Israeli emergency services"]


def test_commands_and_forces_outside_the_first_theatres_are_known(gaz: Gazetteer) -> None:
    """Iraq's Joint Operations Command is its own body; Nigeria's forces and ISWAP are known actors; the zones of
    Turkey's operations in northern Iraq are places."""
    assert [gaz.actor(n).name for n in ("JOC", "Nigerian military", "ISWAP", "Boko Haram")] == [  # type: ignore[union-attr]
        "Iraqi Joint Operations Command", "Nigerian Armed Forces", "Islamic State West Africa Province", "Boko Haram"]
    assert [(p.name, p.country) for n in ("Haftanin", "Qandil Mountains") if (p := gaz.place(n))] == [
        ("Haftanin", "Iraq"), ("Qandil", "Iraq")]


def test_an_unclaimed_attack_where_a_state_struck_that_day_is_its_strike(gaz: Gazetteer) -> None:
    """"Russia launched missiles at Kyiv … Missiles hit Kyiv, killing one": no other agent, the same town and
    day, so the state's strike; a group's named attack in the town stays an attack."""
    text = ("Russian forces fired dozens of missiles at Kyiv on Friday. Missiles hit Kyiv, wounding five people.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert len(strikes) == 1 and attacks == [] and len(strikes[0].evidence) == 2
    text = ("Israeli jets struck Khiam on Monday. Hezbollah fighters attacked troops near Khiam on Monday.")
    strikes, attacks, _, _ = events_of(text, {0: "strike", 1: "attack"}, gaz)
    assert len(strikes) == 1 and len(attacks) == 1


def test_who_reports_or_backs_an_attack_is_not_what_it_hit(gaz: Gazetteer) -> None:
    """"…, according to the UK Maritime Trade Operations" reports it; "with support from Iran" backs the attackers;
    "a US destroyer" is what was hit, not where."""
    _, attacks, _, _ = events_of("With support from Iran, the Houthis have targeted international shipping.",
                                 {0: "attack"}, gaz)
    assert [a.target_actor for a in attacks] == [None]
    _, attacks, _, _ = events_of("Houthi rebels fired missiles at a US destroyer on Monday.", {0: "attack"}, gaz)
    assert [(a.target_actor.normalized if a.target_actor else None, a.location) for a in attacks] == [
        ("United States", None)]


def test_a_group_in_power_strikes_for_its_state_from_the_day_it_took_power(gaz: Gazetteer) -> None:
    """The Taliban's forces after 15 August 2021 are Afghanistan's (a strike); before it, a group's attack."""
    text = "Taliban forces fired mortars at Pakistani border posts in Kurram on Saturday."
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz, dt.date(2024, 9, 9))
    assert [s.actor.normalized for s in strikes if s.actor] == ["Afghanistan"] and attacks == []
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz, dt.date(2019, 1, 1))
    assert strikes == [] and [a.attacker.normalized for a in attacks if a.attacker] == ["Taliban"]


def test_a_military_operation_told_as_one_is_a_strike(gaz: Gazetteer) -> None:
    """"Security forces conducted a clearance operation in North Waziristan": the state's act, asked about, and
    a strike by the rules alone."""
    text = "Security forces conducted a clearance operation in North Waziristan on Tuesday, the military said."
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[0].event_candidate and vocabulary_label(text, gaz) == "strike"
    strikes, _, _, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Pakistan"]


def test_a_states_mission_to_the_un_is_its_own_body(gaz: Gazetteer) -> None:
    """"Iran's mission to the UN said": the guidelines' "Permanent Mission of Iran to the United Nations"."""
    text = ("Israeli jets struck a consulate in Damascus on Monday. "
            "Iran's mission to the UN said the strike was a crime that would not go unanswered.")
    _, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.speaker.normalized for s in statements] == ["Permanent Mission of Iran to the United Nations"]


def test_a_state_clashing_with_a_group_is_a_strike_and_an_attack(gaz: Gazetteer) -> None:
    """"Pakistani troops clashed with TTP militants": the guidelines' fire both ways, one event per side; people
    who are no armed force clash with nobody's strike."""
    text = "Pakistani troops clashed with TTP militants in North Waziristan on Sunday."
    facts = read_sentences(split_sentences(text), gaz, text)
    assert facts[0].event_candidate
    strikes, attacks, _, _ = events_of(text, {0: "none"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Pakistan"]
    assert [a.attacker.normalized for a in attacks if a.attacker] == ["Tehrik-i-Taliban Pakistan"]
    strikes, attacks, _, _ = events_of("Protesters clashed with police in the capital.", {0: "none"}, gaz)
    assert strikes == [] and attacks == []


@pytest.mark.parametrize("text", [
    "Two more engagements took place between security forces and the terrorists in Khyber district.",
    "On Wednesday, two soldiers were martyred in an exchange of fire with terrorists in Bannu.",
])
def test_fighting_between_a_states_men_and_fighters_named_by_their_role_is_fire_both_ways(gaz: Gazetteer,
                                                                                          text: str) -> None:
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert (len(strikes), len(attacks)) == (1, 1)
    meeting = "Two more meetings took place between the ministers in Khyber."
    strikes, attacks, _, _ = events_of(meeting, {0: "none"}, gaz)
    assert strikes == [] and attacks == []


def test_a_state_that_also_killed_men_in_an_attack_struck(gaz: Gazetteer) -> None:
    sentence = "Earlier in December, Israel also killed two Hezbollah commanders in an attack in Syria."
    assert reconcile("attack", sentence, gaz) == "strike"


def test_the_act_an_attack_followed_is_another_event_and_a_group_that_began_an_offensive_is_its_attacker(
        gaz: Gazetteer) -> None:
    """"The attack followed overnight Israeli airstrikes on Hezbollah targets": the airstrikes are a strike of their
    own; "the Houthis began in February a major offensive against the army": the Houthis attack."""
    text = "The attack followed overnight Israeli airstrikes on Hezbollah targets in southern Lebanon."
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Israel"] and len(attacks) == 1
    text = "The Iran-backed Houthis began in February a major offensive against the Saudi-backed government army."
    strikes, attacks, _, _ = events_of(text, {0: "strike"}, gaz)
    assert strikes == [] and [a.attacker.normalized for a in attacks if a.attacker] == ["Houthis"]
    assert [a.target_actor.normalized for a in attacks if a.target_actor] != ["Saudi Arabia"]  # (a patron)


def test_two_states_forces_engaged_in_a_clash_are_two_strikes_and_an_exchange_of_attacks_both_sides(
        gaz: Gazetteer) -> None:
    """"Afghan border forces and Pakistani troops engaged in a clash": each state's strike on the other; "amid an
    exchange of cross-border attacks" between a state and a group: a strike and an attack."""
    text = "Afghan border forces and Pakistani troops engaged in a clash near the Chaman crossing on Monday."
    strikes, attacks, _, _ = events_of(text, {0: "none"}, gaz)
    assert sorted((s.actor.normalized if s.actor else None, s.target_actor.normalized if s.target_actor else None)
                  for s in strikes) == [("Afghanistan", "Pakistan"), ("Pakistan", "Afghanistan")]
    assert attacks == []
    text = "Tension is high between Israel and Hezbollah amid an exchange of cross-border attacks."
    strikes, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert [s.actor.normalized for s in strikes if s.actor] == ["Israel"]
    assert [a.attacker.normalized for a in attacks if a.attacker] == ["Hezbollah"]


def test_a_terror_campaign_told_with_its_toll_is_an_attack_a_bare_backdrop_is_not(gaz: Gazetteer) -> None:
    """"In its 40-year terror campaign against Turkey, the PKK has been responsible for the deaths of …" is a
    campaign told as fact (the guidelines' background event); "has been waging an insurgency" is a backdrop."""
    text = ("In its 40-year terror campaign against Turkey, the PKK has been responsible for the deaths of more than "
            "40,000 people.")
    assert read_sentences(split_sentences(text), gaz, text)[0].event_candidate
    _, attacks, _, _ = events_of(text, {0: "attack"}, gaz)
    assert [(a.attacker.normalized if a.attacker else None, a.attribution) for a in attacks] == [
        ("Kurdistan Workers' Party", "confirmed")]
    backdrop = "The PKK has been waging an insurgency against the Turkish state for four decades."
    assert not read_sentences(split_sentences(backdrop), gaz, backdrop)[0].event_candidate


def test_one_sides_no_injuries_in_two_incidents_is_two_reports(gaz: Gazetteer) -> None:
    """A side reports nobody hurt in several incidents: its zero figures are not one report."""
    text = ("A missile hit the ship on Monday; there were no injuries, CENTCOM said. "
            "A second missile hit a tanker on Tuesday; there were no injuries, the US military said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(casualties) == 2


@pytest.mark.parametrize("sentence", [
    "Israel frequently targets military positions inside Syria, especially those of Hezbollah.",
    "In response to that attack, the Israeli military struck a Hezbollah production site near Tyre.",
    "According to the military's media wing, an IBO was conducted in the general area of Mir Ali.",
    "The Somali army has been engaged in a sweeping offensive against al-Shabaab in the region.",
])
def test_a_states_act_in_other_words_is_a_strike(gaz: Gazetteer, sentence: str) -> None:
    """"targets" in the present, a fronted clause about the act answered, an IBO (intelligence-based operation), an
    offensive against a group: each a sentence the model is asked about, and a strike by the rules alone."""
    assert read_sentences(split_sentences(sentence), gaz, sentence)[0].event_candidate
    assert vocabulary_label(sentence, gaz) == "strike"


@pytest.mark.parametrize(("sentence", "actor", "target"), [
    ("The Revolutionary Guards retaliated by firing missiles at an Israeli air base in the Negev.",
     "Islamic Revolutionary Guard Corps", "Israel"),
    ("Turkey's army responded by shelling PKK positions near the border on Monday.", "Turkey",
     "Kurdistan Workers' Party"),
    ("The Israeli military acknowledged carrying out “targeted strikes” on sites near Homs on Sunday.", "Israel", None),
    # a force that reports the other side's fighters killed in an operation tells its own operation; an aside
    # ("backed by local vigilantes") does not hide the subject; civilians it reports killed are no such claim
    ("More than 30 Boko Haram fighters were killed in an operation near the lake, the Nigerian army said.", "Nigeria",
     "Boko Haram"),
    ("The Nigerian army, backed by local vigilantes, has been engaged in an offensive against Boko Haram.", "Nigeria",
     "Boko Haram"),
    ("Three civilians were killed in an airstrike on the village, the Nigerian army said.", None, None),
    # who killed in the act did it; the people killed are its victims, whatever the act's noun
    ("Turkish troops killed three PKK militants during a raid near Cizre.", "Turkey", "Kurdistan Workers' Party"),
    ("Israeli troops on Friday killed two Syrians during a raid near Quneitra.", "Israel", None),
    ("Nigeria's special forces, Gorgor, killed ten Boko Haram fighters in the forest.", "Nigeria", "Boko Haram"),
    ("LAGOS — Nigeria's special forces, Gorgor, killed more than twenty Boko Haram fighters and wounded several "
     "others during clearance operations carried out in the north-east, officials said.", "Nigeria", "Boko Haram"),
    ("The Nigerian army said a drone targeted a Boko Haram cell near the lake.", "Nigeria", "Boko Haram"),
    ("Iraq said a drone hit the Ain al-Asad base overnight.", None, None),  # (a state may report what hit it)
])
def test_who_strikes_by_means_of_a_gerund_or_owns_its_act_in_one(gaz: Gazetteer, sentence: str, actor: str,
                                                                   target: str | None) -> None:
    """"X retaliated by firing at Y": "by" and a gerund names the means, and Y is hit, not the agent; "X acknowledged
    carrying out strikes" tells X's own act."""
    from api.extraction.rules.agents import strike_actor

    who, whom = strike_actor(sentence, gaz)
    assert (who.canonical if who else None, whom.canonical if whom else None) == (actor, target)
    from api.extraction.rules.agents import actors_around_verb

    agents, _ = actors_around_verb("An army post was attacked by Hezbollah fighters near the border.", gaz)
    assert [f.entry.name for f in agents] == ["Hezbollah"]  # (a passive's agent is still read after "by")


@pytest.mark.parametrize(("sentence", "attacker"), [
    ("A bomb blast at a checkpoint killed a member of the pro-government Kataib Hezbollah late on Friday.", None),
    ("The explosion wounded three fighters of the Kurdistan Workers' Party near the border.", None),
    ("Kataib Hezbollah fighters killed a member of a rival militia near the border.", "Kata'ib Hezbollah"),
    # (nor one whose things were hit: "targets linked to X", "positions belonging to X")
    ("The Guards said they hit targets allegedly linked to the Islamic State in northern Syria.", None),
    ("Jets struck positions belonging to Hezbollah near the border.", None),
    ("Turkish troops killed three PKK militants during a raid near Cizre.", None),
])
def test_a_group_whose_members_were_killed_is_not_the_attacker(gaz: Gazetteer, sentence: str,
                                                               attacker: str | None) -> None:
    """"The blast killed a member of X": X's people are the victims, not the attackers."""
    from api.extraction.rules.agents import attack_actor

    who, _ = attack_actor(sentence, gaz)
    assert (who.canonical if who else None) == attacker
    blamed = "Nobody claimed the attack, but officers blamed the killing on fighters of the Islamic State group."
    assert attack_actor(blamed, gaz)[0] is not None  # (blame after "killing" names the attacker)


@pytest.mark.parametrize("sentence", [
    "More than 30 Boko Haram fighters have been killed in an operation near Lake Chad, the Nigerian army said.",
    "Twelve militants were killed in a raid on a hideout in the hills, the military said on Monday.",
])
def test_fighters_killed_in_an_operation_are_its_victims(gaz: Gazetteer, sentence: str) -> None:
    """Militants written as the subject of a passive "were killed in an operation" are what the operation hit: a
    strike, and the group is its target, not an attacker."""
    from api.extraction.rules.agents import attack_actor
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("attack", sentence, gaz) == "strike"
    assert attack_actor(sentence, gaz)[0] is None
    assert reconcile("attack", "Suspected militants stormed a police post near the border on Monday.", gaz) == "attack"


@pytest.mark.parametrize(("second", "attacks"), [
    ("Earlier in the day, gunmen attacked a checkpoint on the highway.", 2),
    ("A few hours earlier, a roadside bomb hit a police vehicle on the same road.", 2),
    ("Hours before the convoy was hit, rockets landed near the airport.", 2),
    ("Earlier, a police officer had said that the attackers fled after the attack.", 1),
    ("The attack on the convoy lasted about an hour.", 1),
])
def test_an_earlier_act_opening_a_sentence_is_another_incident(gaz: Gazetteer, second: str, attacks: int) -> None:
    """"Earlier in the day, …", "A few hours earlier, …": news prose opens another, earlier incident; an earlier
    report ("Earlier, X had said …") and the incident told again are not one."""
    text = f"Militants attacked a convoy near Kismayo on Monday, killing three soldiers. {second}"
    _, found, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(found) == attacks


@pytest.mark.parametrize("sentence", [
    "No group has claimed responsibility for the two attacks on the base.",
    "No militant group has yet claimed responsibility for the bombing in the market.",
    "Nobody has claimed responsibility for the rocket attack on the airport.",
])
def test_nobody_claiming_an_attack_is_no_claim_and_no_speaker(gaz: Gazetteer, sentence: str) -> None:
    """"No group has claimed responsibility": nobody speaks and nobody is linked to the attack."""
    text = f"A bomb went off near a police station in the city on Monday, killing two officers. {sentence}"
    _, attacks, statements, _ = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [(a.attacker, a.attribution) for a in attacks] == [(None, "unknown")]
    assert statements == []
    claimed = "The Islamic State group claimed responsibility for the bombing in the market."
    _, attacks, _, _ = events_of(claimed, {0: "attack"}, gaz)
    assert [a.attribution for a in attacks] == ["claimed"]


@pytest.mark.parametrize(("sentence", "killed", "source"), [
    ("A military officer put the number of the dead at 15.", 15, "military officer"),
    ("Hospital officials put the death toll at 12.", 12, "Hospital officials"),
    ("A police officer said two people were killed in the blast.", 2, "police officer"),
])
def test_a_toll_put_at_a_figure_and_an_unnamed_officer_as_its_source(gaz: Gazetteer, sentence: str, killed: int,
                                                                     source: str) -> None:
    """"put the number of the dead at 15" is a toll of 15 (not one dead officer), and an unnamed officer who gives
    it is the figure's source as the text writes it (no speaker)."""
    text = f"A car bomb went off at a checkpoint in the town on Monday. {sentence}"
    _, _, statements, casualties = events_of(text, {0: "attack", 1: "none"}, gaz)
    assert [(c.killed.min if c.killed else None, c.reported_by.text if c.reported_by else None)
            for c in casualties] == [(killed, source)]
    assert statements == []


@pytest.mark.parametrize(("sentence", "place"), [
    ("Militants attacked Dibsa town in Kirkuk on Tuesday, killing two soldiers.", "Dibsa"),
    ("In November, gunmen stormed a camp in Karetu hamlet near the border, killing five soldiers.", "Karetu"),
    ("Gunmen attacked a checkpoint in Kirkuk on Tuesday, killing two soldiers.", "Kirkuk"),
])
def test_a_village_the_gazetteer_does_not_list_named_by_its_kind(gaz: Gazetteer, sentence: str, place: str) -> None:
    """"X town in <city>", "in X hamlet": an unlisted village named with its kind is the place, inside the city or
    province the sentence names after it."""
    _, attacks, _, _ = events_of(sentence, {0: "attack"}, gaz)
    assert [a.location.name if a.location else None for a in attacks] == [place]


@pytest.mark.parametrize(("second", "attacker"), [
    ("On Friday the militants used guns and car bombs in an attack on a base in the south.", "al-Shabaab"),
    ("The terror group on Tuesday claimed responsibility for an attack on a checkpoint.", "al-Shabaab"),
    ("A bomb hit a checkpoint on Tuesday, and no group claimed the attack.", None),
])
def test_a_group_written_as_a_description_is_the_one_named_before(gaz: Gazetteer, second: str,
                                                                  attacker: str | None) -> None:
    """"The militants", "the terror group" as the agent of an attack: the armed group the article named last before
    it (a reader's resolution); an attack whose words describe no agent keeps none."""
    text = f"Al-Shabaab has fought the government in Mogadishu for years. {second}"
    _, attacks, _, _ = events_of(text, {1: "attack"}, gaz)
    assert [a.attacker.normalized if a.attacker else None for a in attacks] == [attacker]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("The Israeli military intercepted a missile launched from Yemen early Saturday.", "attack"),
    ("US forces shot down two drones launched by the Houthis over the Red Sea.", "attack"),
    ("Israeli jets struck a Houthi missile launcher near Hodeidah on Saturday.", "strike"),
])
def test_a_state_that_intercepts_defends_the_act_is_the_launchers(gaz: Gazetteer, sentence: str, kind: str) -> None:
    """"X intercepted / shot down a missile launched from Y": X defends; the act is whoever launched it, and where
    it came from is not what it hit."""
    from api.extraction.rules.agents import attack_actor
    from api.extraction.rules.strike_or_attack import reconcile

    assert reconcile("strike", sentence, gaz) == kind
    if kind == "attack":
        _, target = attack_actor(sentence, gaz)
        assert target is None or target.canonical not in ("Yemen",)



def test_an_act_earlier_in_the_day_takes_the_day_of_the_act_before(gaz: Gazetteer) -> None:
    """"Earlier in the day, …": the day of the act the article told just before (the phrase is the date's span)."""
    text = ("Militants attacked a convoy near Kismayo on Monday, killing three soldiers. "
            "Earlier in the day, gunmen attacked a checkpoint on the highway.")
    _, attacks, _, _ = events_of(text, {0: "attack", 1: "attack"}, gaz, published=dt.date(2024, 5, 8))
    assert [(a.date.value, a.date.text) if a.date else None for a in attacks] == [
        ("2024-05-06", "on Monday"), ("2024-05-06", "Earlier in the day")]


def test_a_state_the_model_names_as_speaker_is_its_government(gaz: Gazetteer) -> None:
    """The model's answer "Israel" for a sentence the rules found no speaker in: a state speaks through its government,
    as when the rules read "Israel said"."""
    from api.extraction.assembly.drafts import build_drafts

    text = ("Jets struck a depot near Beirut on Monday, killing two people. The strikes were a warning to anyone who "
            "threatens the country, it also said.")
    facts = read_sentences(split_sentences(text), gaz, text)
    drafts = build_drafts(text, dt.date(2024, 5, 8), gaz, {"strike", "attack", "statement", "casualty_report"}, facts,
                          {0: "strike"}, {1: "Israel"})
    assert [s.speaker.normalized for s in drafts.statements] == ["Government of Israel"]


@pytest.mark.parametrize(("sentence", "killed", "injured"), [
    ("No U.S. personnel were killed or injured, the command said.", 0, 0),
    ("There were no reports of casualties or significant damage from the drone attacks.", 0, 0),
    ("At this time, there are no reports of U.S. casualties.", 0, 0),
    ("There were no immediate reports of casualties.", 0, 0),
    ("Two drones hit the base, which the sources said did not cause casualties or damage.", 0, 0),
    ("Security forces have neutralized 57 terrorists in the past week, the ministry said.", 57, None),
    ("There were no reports of damage to the building.", None, None),
    ("The army said the attack did not cause any causalities.", 0, 0),  # (a frequent misspelling)
    ("There were no reports of any wounded among the employees.", None, 0),
])
def test_the_many_ways_to_say_zero_and_neutralised(gaz: Gazetteer, sentence: str, killed: int | None,
                                                   injured: int | None) -> None:
    """Zero casualties said as no reports of them, an act that caused none, nobody of a named force hurt; and
    "neutralised", state-media prose for fighters killed."""
    text = f"Militants attacked a base in the north on Monday. {sentence}"
    _, _, _, casualties = events_of(text, {0: "attack", 1: "none"}, gaz)
    got = [(c.killed.min if c.killed else None, c.injured.min if c.injured else None) for c in casualties]
    assert got == ([] if killed is None and injured is None else [(killed, injured)])


@pytest.mark.parametrize(("sentence", "killed"), [
    ("The monitor said the dead included four members of a pro-government militia.", 4),
    ("Among the dead were three children, the ministry said.", 3),
    ("The dead were mostly civilians, he said.", None),
])
def test_who_the_dead_included_is_a_count(gaz: Gazetteer, sentence: str, killed: int | None) -> None:
    """"The dead included four …", "among the dead were three …": the count after the verb is a count of the dead."""
    text = f"Jets struck a village near Tyre on Monday. {sentence}"
    _, _, _, casualties = events_of(text, {0: "strike", 1: "none"}, gaz)
    assert [c.killed.min for c in casualties if c.killed] == ([] if killed is None else [killed])


@pytest.mark.parametrize(("second", "speakers"), [
    ("The terror group on Tuesday claimed responsibility for an attack on a checkpoint in Kirkuk.", ["Islamic State"]),
    ("“There were no injuries or damage reported,” the ministry said.", []),
])
def test_a_group_described_as_speaker_and_a_quotation_of_nobody_hurt(gaz: Gazetteer, second: str,
                                                                     speakers: list[str]) -> None:
    """"The terror group claimed responsibility": the group named before speaks; a quotation that only says nobody was
    hurt is a casualty report, not a statement."""
    text = f"Islamic State lost its last territory in Iraq in 2017. {second}"
    _, _, statements, _ = events_of(text, {1: "attack"}, gaz)
    assert [s.speaker.normalized for s in statements] == speakers



def test_fire_a_force_opens_is_its_act(gaz: Gazetteer) -> None:
    """"Killed by Israeli fire", "opened unprovoked and indiscriminate fire on …": fire is the act the model is asked
    about, and whose fire it is decides strike or attack."""
    by_state = {"Two protesters were killed and dozens injured by Israeli fire near the fence on Friday, officials "
                "said.": "Israel",
                "Pakistani border forces opened unprovoked and indiscriminate fire on villages near Chaman.":
                    "Pakistan"}
    for sentence, state in by_state.items():
        assert read_sentences(split_sentences(sentence), gaz, sentence)[0].event_candidate
        strikes, _, _, _ = events_of(sentence, {0: "strike"}, gaz)
        assert [s.actor.normalized if s.actor else None for s in strikes] == [state]
    gunmen = "Gunmen opened fire on a checkpoint in the town, killing two policemen."
    _, attacks, _, _ = events_of(gunmen, {0: "attack"}, gaz)
    assert [(a.attacker, a.weapon) for a in attacks] == [(None, "gunfire")]


def test_a_bare_figure_and_the_same_number_with_its_bound_are_one_report(gaz: Gazetteer) -> None:
    """"Bomb kills 12" and, in the body, "killing at least 12, a police official said": one report, with the body's
    bound and source; "a number of" is not a bound of two, and a figure someone gave stays apart."""
    text = ("Car bomb kills 12 in market\n\n"
            "A car bomb exploded near a market on Saturday, killing at least 12 people, a police official said.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert [(c.killed.min, c.killed.max, c.reported_by is not None, len(c.evidence)) for c in casualties] == [
        (12, None, True, 2)]
    text = ("Attack kills 2 soldiers\n\nHe said a number of the attackers were killed in the clashes.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(casualties) == 2
    text = ("The Iraqi army said 12 soldiers were killed. Medics said at least 12 soldiers were killed.")
    _, _, _, casualties = events_of(text, {0: "attack", 1: "attack"}, gaz)
    assert len(casualties) == 2


@pytest.mark.parametrize(("sentence", "kind"), [
    ("A merchant vessel reported it had been hit by a missile west of the port.", "attack"),
    ("An oil tanker was struck by a projectile off the coast on Tuesday.", "attack"),
    ("US jets struck radar sites used to target merchant ships.", "strike"),  # (a state named: its strike)
])
def test_an_act_on_merchant_shipping_with_no_agent_is_an_attack(gaz: Gazetteer, sentence: str, kind: str) -> None:
    assert reconcile("strike", sentence, gaz) == kind


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Government forces have killed more than 300 militants in the region over two months, the ministry said.",
     "strike"),
    ("Security forces killed two civilians at a checkpoint.", None),  # (not the other side's fighters)
    ("Government forces will kill every terrorist, he said.", None),  # (not done)
    ("Troops killed at least nine insurgents near the border on Monday.", "strike"),
    ("The army said its special forces Gorgor killed 12 jihadists in the valley.", "strike"),
    ("Three soldiers killed in ambush by militants near the border", None),  # (the soldiers are the dead)
    ("Five insurgents were killed in separate operations in the province, officials said.", "strike"),
    ("The group said its fighters killed 12 soldiers.", None),  # (a group's men are fighters, and killed soldiers)
    ("In a separate operation in the valley, one more insurgent was eliminated.", "strike"),
    ('Security forces have "neutralized" 23 terrorists in the past week, the ministry said.', "strike"),
    ("During the operation, two soldiers were killed.", None),  # (the state's own dead)
    ("Three fighters were killed in a Hezbollah raid on the post.", "attack"),  # (a group named as acting)
    # the passive's agent named by its role, and a first verb of the forces' on the way to the killing
    ("Seven terrorists were killed and three injured by the security forces while foiling an infiltration bid.",
     "strike"),
    ("Earlier in May, the security forces had foiled a similar bid near the border and killed 9 terrorists.", "strike"),
    ("Seven soldiers were killed by the security forces' own shelling.", None),  # (not the other side's fighters)
])
def test_a_states_unnamed_forces_killing_the_other_sides_fighters_is_a_strike(gaz: Gazetteer, sentence: str,
                                                                               kind: str | None) -> None:
    assert result_by_rules(sentence, gaz) == kind


@pytest.mark.parametrize(("sentence", "label", "kind"), [
    # the fighters are what the state's men hit, not the subject of the act
    ("Security forces killed six militants in a search operation in the district, the military said.", "attack",
     "strike"),
    ("The national army said its commandos killed 30 insurgents during security operations in the south.", "attack",
     "strike"),
    ("Nigeria's special forces, Gorgor, killed twelve Boko Haram fighters near the lake.", "attack", "strike"),
    # a force that reports "a drone" struck reports its own
    ("Separately, the Nigerian army said a drone targeted a Boko Haram cell near the lake.", "attack", "strike"),
    # irregulars and their fire named by a people with no army of its own acting: an attack
    ("Last week a Palestinian sniper killed a soldier near the fence.", "strike", "attack"),
    ("A Palestinian gunman opened fire on a bus near the settlement.", "strike", "attack"),
    # the one blamed is the agent, not the country before the noun
    ("Islamic State blamed for Iraq attack that killed four soldiers", "strike", "attack"),
    ("Gunmen killed four soldiers in an ambush on a convoy.", "attack", "attack"),
    # an operation only a state's forces conduct
    ("According to the military, an intelligence-based operation was conducted in the district on Monday.", "attack",
     "strike"),
])
def test_a_states_raid_on_fighters_and_the_one_blamed(gaz: Gazetteer, sentence: str, label: str, kind: str) -> None:
    assert reconcile(label, sentence, gaz) == kind


def test_a_reported_raid_names_the_reporting_force_its_weapon_and_the_abbreviation(gaz: Gazetteer) -> None:
    text = ("The Somali National Army (SNA) said on Sunday its elite forces killed at least 40 al-Shabaab "
            "militants during security operations near Mogadishu.")
    strikes, attacks, _, casualties = events_of(text, {0: "attack"}, gaz)
    assert attacks == [] and len(strikes) == 1
    assert strikes[0].actor is not None and strikes[0].actor.normalized == "Somalia"
    assert strikes[0].weapon == "ground_raid"
    assert casualties[0].reported_by is not None and casualties[0].reported_by.normalized == "Somali National Army"
