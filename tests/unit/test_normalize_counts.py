"""Casualty-count normalisation: phrase conventions, killed/injured extraction, offsets, robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.extraction.normalize.counts import Casualties, CountMatch, casualty_figures, find_casualties, parse_count

Bounds = tuple[int | None, int | None]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("six", (6, 6)),
        ("at least six", (6, None)),
        ("more than 30", (31, None)),
        ("over 30", (31, None)),
        ("up to 10", (None, 10)),
        ("nearly 20", (None, 20)),
        ("almost 20", (None, 20)),
        ("as many as 15", (None, 15)),
        ("fewer than 10", (None, 9)),
        ("about 40", (40, 40)),
        ("dozens", (24, None)),
        ("several", (3, None)),
        ("a number of", (2, None)),
        ("a few", (2, None)),
        ("scores", (40, None)),
        ("hundreds", (200, None)),
        ("a", (1, 1)),
        ("an", (1, 1)),
        ("one", (1, 1)),
        ("two", (2, 2)),
        ("twelve", (12, 12)),
        ("twenty", (20, 20)),
        ("thirty", (30, 30)),
        ("twenty-five", (25, 25)),
        ("a hundred", (100, 100)),
        ("one hundred and fifty", (150, 150)),
        ("a dozen", (12, 12)),
        ("more than a dozen", (13, None)),
        ("6", (6, 6)),
        ("1,200", (1200, 1200)),
        ("six people", (6, 6)),
        ("At least 3", (3, None)),
        ("zero casualties", (0, 0)),
        ("no casualties", (0, 0)),
        ("no injuries", (0, 0)),
        ("no one was killed", (0, 0)),
        ("without casualties", (0, 0)),
        ("between 5 and 7", (5, 7)),
        ("5 to 7", (5, 7)),
    ],
)
def test_parse_count_conventions(phrase: str, expected: Bounds) -> None:
    """parse_count maps each contract phrase to its (min, max) convention."""
    assert parse_count(phrase) == expected


@pytest.mark.parametrize("phrase", ["", "in 2021", "a 25-year-old", "Jan. 20", "soldiers", "6:30", "5.56"])
def test_parse_count_rejects_non_counts(phrase: str) -> None:
    """parse_count returns None for phrases that are not counts (years, ages, dates, times, calibres)."""
    assert parse_count(phrase) is None


def _view(sentence: str, m: CountMatch | None) -> tuple[str, int | None, int | None] | None:
    return None if m is None else (sentence[m.start : m.end], m.min, m.max)


Found = tuple[str, int | None, int | None] | None

CASES: list[tuple[str, Found, Found]] = [
    ("Six fighters were killed in the strike.", ("Six", 6, 6), None),
    ("Militants killed six fighters who were guarding the depot.", ("six", 6, 6), None),
    ("Israeli raids killed at least six.", ("at least six", 6, None), None),
    ("Jets struck on Tuesday, killing 12 people and wounding dozens.", ("12", 12, 12), ("dozens", 24, None)),
    ("At least 3 dead after the blast.", ("At least 3", 3, None), None),
    ("The death toll rose to 40, officials said.", ("40", 40, 40), None),
    ("The death toll from the strikes has risen to more than 30.", ("more than 30", 31, None), None),
    (
        "The Pentagon said a number of U.S. personnel suffered traumatic brain injuries.",
        None,
        ("a number of", 2, None),
    ),
    ("At least one Iraqi service member was wounded.", None, ("At least one", 1, None)),
    (
        "State media said a Revolutionary Guard general, Brig. Gen. Reza Mousavi, had been killed.",
        ("a", 1, 1),
        None,
    ),
    ("The attack caused zero casualties.", ("zero casualties", 0, 0), ("zero casualties", 0, 0)),
    ("There were no casualties.", ("no casualties", 0, 0), ("no casualties", 0, 0)),
    ("The base was struck without casualties.", ("without casualties", 0, 0), ("without casualties", 0, 0)),
    ("The rocket hit a hangar; there were no injuries.", None, ("no injuries", 0, 0)),
    ("No one was killed or injured in the attack.", ("No one", 0, 0), ("No one", 0, 0)),
    ("Five people were killed and two injured.", ("Five", 5, 5), ("two", 2, 2)),
    ("The strikes on Jan. 20 killed 4 and injured 11.", ("4", 4, 4), ("11", 11, 11)),
    ("Between 5 and 7 people were injured.", None, ("Between 5 and 7", 5, 7)),
    ("Up to 10 people were wounded, while nearly 20 died.", ("nearly 20", None, 20), ("Up to 10", None, 10)),
    ("Dozens of people were killed and hundreds wounded.", ("Dozens", 24, None), ("hundreds", 200, None)),
    ("Six soldiers lost their lives.", ("Six", 6, 6), None),
    ("Three were martyred.", ("Three", 3, 3), None),
    ("The 2006 war killed 1,200 Lebanese.", ("1,200", 1200, 1200), None),
    ("Israel said it killed a Hezbollah commander.", ("a", 1, 1), None),
    ("A 25-year-old man was killed in 2021.", ("A", 1, 1), None),
    ("155mm shells killed 3 soldiers.", ("3", 3, 3), None),
    # the noun of killing takes "of"
    ("The group vowed to avenge the killing of four of its commanders.", ("four", 4, 4), None),
    # "a" counts people only: not "a lower toll"
    ("The news agency, citing a medical source, gave a lower toll.", None, None),
    ("One of its fighters was killed.", ("One", 1, 1), None),
    ("Both gunmen were shot dead.", ("Both", 2, 2), None),
    ("The raid killed a 70-year-old, residents said.", ("a", 1, 1), None),
    # a headline: the count right before "killed" counts people, whatever noun follows
    ("Four killed in strike on market", ("Four", 4, 4), None),
    # a headline's bare singular person is one
    # (the figure of another clause is a report of its own: see test_one_report_per_figure)
    ("Man killed in Jericho by falling debris; two hurt in Haifa", ("Man", 1, 1), None),
    ("A 30-year-old man was killed.", ("A", 1, 1), None),
    # a count before "the killing" belongs to another verb
    # (the killing it avenges is of one person: its leader)
    ("The group said two of its men planted the bomb to avenge the killing of its leader.", ("its leader", 1, 1),
     None),
    # "all crew were reported safe": nobody killed or injured (not "all roads were safe")
    ("All crew were reported safe, the company said.", ("All crew were reported safe", 0, 0),
     ("All crew were reported safe", 0, 0)),
    ("All roads were safe by noon.", None, None),
    # compound number words and scaled numerals
    ("Two thousand five hundred people were killed in the fighting.", ("Two thousand five hundred", 2500, 2500),
     None),
    ("Three hundred thousand people have died since the war began.", ("Three hundred thousand", 300000, 300000),
     None),
    ("The war has killed 1.5 million people.", ("1.5 million", 1500000, 1500000), None),
    ("One hundred and fifty soldiers were wounded.", None, ("One hundred and fifty", 150, 150)),
    ("At least 2 million people died.", ("At least 2 million", 2000000, None), None),
    # nouns and verbs of killing whose count follows
    ("The army mourned the martyrdom of seven soldiers.", ("seven", 7, 7), None),
    ("A car bomb claimed the lives of three policemen.", ("three", 3, 3), None),
    ("Troops eliminated all five attackers, the army said.", ("five", 5, 5), None),
    ("The group confirmed the death of two of its fighters.", ("two", 2, 2), None),
    # a person named after "the death of" and a title is one
    ("The death of the commander was confirmed on Monday.", ("the commander", 1, 1), None),
    ("The group's founder, Abu Bakr Salem, was assassinated in 2019.", ("The group's founder", 1, 1), None),
    ("All dock workers escaped without injury.", ("escaped without injury", 0, 0), ("escaped without injury", 0, 0)),
    # people hurt or killed with no number: a report with null counts
    ("The shelling caused heavy casualties, the governor said.", ("heavy casualties", None, None), None),
    ("Children were among the dead, the agency said.", ("were among the dead", None, None), None),
    # two people named as one subject, a named person and his relatives
    ("A farmer and his son were killed when shells hit their house.", ("A farmer and his son", 2, 2), None),
    ("One nurse and one driver were also killed near the clinic.", ("One nurse and one driver", 2, 2), None),
    # a count of the dead after any preposition ("resulting in"); a year there is not one
    ("The raids ended in at least 40 deaths, the monitor said.", ("at least 40", 40, None), None),
    ("In 2019 deaths on the roads fell.", None, None),
    # the year of a date is no count; the toll's figure after "to", however long the toll's description
    ("The ministry on Tuesday (Sept. 24, 2031) raised the death toll from two days of strikes on the southern "
     "villages to 312.", ("312", 312, 312), None),
    # deaths and injuries written as nouns
    ("The raid caused the deaths of five guards and injuries to three others.", ("five", 5, 5), ("three", 3, 3)),
    ("Commander Omar Saleh and several relatives were killed in the raid.",
     ("Commander Omar Saleh and several", 4, None), None),
    # a leader written as a noun phrase and his fighters: one more than the numeral; two groups of victims are not
    ("A senior official of the party and three fighters were killed in the raid.",
     ("A senior official of the party and three", 4, 4), None),
    ("The commander and two of his guards were killed.", ("The commander and two", 3, 3), None),
    ("A guard and two civilians were killed.", ("two", 2, 2), None),
    # a figure after a verb in quotation marks, the other side's fighter counted by "one", a euphemism of killing
    ('Security forces have "neutralized" 23 terrorists in the past week.', ("23", 23, 23), None),
    ("One more insurgent was eliminated in the operation.", ("One", 1, 1), None),
    ("Five khawarij were sent to hell during the exchange of fire.", ("Five", 5, 5), None),
    # "another" person, the bodies of people
    ("Another soldier was wounded by sniper fire.", None, ("Another", 1, 1)),
    ("Another 20 people were killed on Monday.", ("Another 20", 20, 20), None),
    ("Police said the bodies of 17 assailants remained at the scene.", ("17", 17, 17), None),
]


@pytest.mark.parametrize(("sentence", "killed", "injured"), CASES)
def test_find_casualties(sentence: str, killed: Found, injured: Found) -> None:
    """find_casualties attaches counts before or after killed/injured cues, with the contract's bounds."""
    found = find_casualties(sentence)
    assert (_view(sentence, found.killed), _view(sentence, found.injured)) == (killed, injured)


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones hit two sites on Aug. 15.",
        "A 25-year-old man was arrested in 2021.",
        "The ceasefire began on Jan. 20 at 6:30 p.m.",
        "In a strike on Tuesday, soldiers were killed.",
        "Police said the curfew would last two days.",
        "Troops fired 155 mm shells at the town.",
        "The militia issued death threats to four journalists.",
        "The bodies of two agencies condemned the strike.",
        "Another attack hit the base on Monday.",
        "The army gave no details on whether the strike caused casualties or not.",
        "The troops took care to avoid civilian casualties.",
        "The team was eliminated in the first round by two goals.",
        "",
    ],
)
def test_find_casualties_ignores_non_counts(sentence: str) -> None:
    """Years, dates, times, ages, calibres and durations are never taken as casualty counts."""
    assert find_casualties(sentence) == Casualties(killed=None, injured=None)


@pytest.mark.parametrize("sentence", [s for s, _, _ in CASES])
def test_find_casualties_offsets_slice_the_phrase(sentence: str) -> None:
    """sentence[start:end] of every match is the count phrase parse_count reads to the same bounds."""
    found = find_casualties(sentence)
    for m in (found.killed, found.injured):
        if m is not None:
            assert 0 <= m.start < m.end <= len(sentence)
            # (people named without a numeral are counted: "its leader" 1, "a farmer and his son" 2, "X and several"
            # one more than the numeral; "heavy casualties" has no number)
            phrase = sentence[m.start : m.end]
            implied = (m.min, m.max) in ((1, 1), (None, None)) or " and " in phrase
            assert implied or parse_count(phrase) == (m.min, m.max)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_casualties_never_raises_on_arbitrary_text(text: str) -> None:
    """find_casualties accepts any Unicode text and returns in-bounds offsets."""
    found = find_casualties(text)
    for m in (found.killed, found.injured):
        if m is not None:
            assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["six", "at least", "killed", "wounded", "no one", "were", "a", "12", ",", "dozens"]),
    ).map(" ".join)
)
def test_find_casualties_never_raises_on_cue_soup(text: str) -> None:
    """find_casualties survives dense mixtures of counts and cues and keeps offsets in bounds."""
    found = find_casualties(text)
    for m in (found.killed, found.injured):
        if m is not None:
            assert 0 <= m.start < m.end <= len(text)
            assert parse_count(text[m.start : m.end]) is not None


def test_counts_of_things_and_breakdowns_are_not_casualty_figures() -> None:
    from api.extraction.normalize.counts import find_casualties

    c = find_casualties("The ministry said nine people, including four children, were killed in the strikes.")
    assert c.killed is not None and (c.killed.min, c.killed.max) == (9, 9)
    c = find_casualties("The group said it fired 320 rockets in retaliation for the killing of a commander.")
    assert c.killed is None and c.injured is None


@pytest.mark.parametrize(
    ("sentence", "reports"),
    [
        ("Man killed in Jericho by falling debris; two hurt in Haifa", [(("Man", 1, 1), None), (None, ("two", 2, 2))]),
        ("The drone hit a car, killing 11 fighters and five civilians.",
         [(("11", 11, 11), None), (("five", 5, 5), None)]),
        ("Six civilians were killed in the town and three fighters were killed nearby.",
         [(("Six", 6, 6), None), (("three", 3, 3), None)]),
        ("At least 23 soldiers were killed and 10 others injured when the bus was hit.",
         [(("At least 23", 23, None), ("10", 10, 10))]),
        ("The blast killed four soldiers and wounded two police officers, while the council put the toll at six.",
         [(("four", 4, 4), None), (None, ("two", 2, 2)), (("six", 6, 6), None)]),
        ("The shelling killed three and injured 12 civilians.", [(("three", 3, 3), ("12", 12, 12))]),
        ("Up to 10 people were wounded, while nearly 20 died.", [(("nearly 20", None, 20), ("Up to 10", None, 10))]),
        # counts implied without a numeral
        ("Commander Orvel and three of his bodyguards were killed in the raid.",
         [(("Commander Orvel and three", 4, 4), None)]),
        ("The two-year-old child was killed when the house was hit.", [(("The two-year-old child", 1, 1), None)]),
        ("Militia commander Dario Venn was killed today in the suburb, the agency said.",
         [(("Dario Venn", 1, 1), None)]),
        ("Jets struck the capital and killed the leader of the movement.", [(("the leader", 1, 1), None)]),
        ("The group confirmed the death of its former head Ali Tarni.", [(("its former head Ali Tarni", 1, 1), None)]),
        ("The assassination of General Otto Brand shocked the capital.", [(("General Otto Brand", 1, 1), None)]),
        ("The leaders were killed in the raid.", []),
        # the many ways to say nobody was hurt
        ("The crew are reported safe and the ship is sailing on.",
         [(("The crew are reported safe", 0, 0), ("The crew are reported safe", 0, 0))]),
        ("The governor and his aides escaped injury.", [(("escaped injury", 0, 0), ("escaped injury", 0, 0))]),
        ("Only material damage was reported.", [(("Only material damage", 0, 0), ("Only material damage", 0, 0))]),
        ("No crewmembers were injured, and the vessel sailed on.", [(None, ("No", 0, 0))]),
        ("No Israeli soldiers were killed in the barrage.", [(("No", 0, 0), None)]),
        # deaths and injuries as nouns, in translated state-media prose
        ("The raid caused the martyrdom of 5 civilians and injury of 15 others.", [(("5", 5, 5), ("15", 15, 15))]),
        ("The attacks hit the countryside, claiming the lives of dozens of villagers.", [(("dozens", 24, None), None)]),
        ("The health ministry confirmed one fatality in the strike.", [(("one", 1, 1), None)]),
        ("We have lost five soldiers in this attack.", [(("five", 5, 5), None)]),
        ("Two police officers sustained injuries in the blast.", [(None, ("Two", 2, 2))]),
        ("A woman and her two children were killed in the strike.", [(("A woman and her two", 3, 3), None)]),
        ("The airstrikes resulted in multiple militant fatalities.", [(("multiple", 2, None), None)]),
        ("The team lost two matches in a row.", []),
        # the number of the wounded put at a figure; patients and prisoners are people
        ("The spokesman initially put the number of injuries at four.", [(None, ("four", 4, 4))]),
        ("One patient was wounded by shrapnel near the clinic.", [(None, ("One", 1, 1))]),
        ("Two prisoners were killed in the shelling.", [(("Two", 2, 2), None)]),
        ("The group announced the killing of 17 officers in airstrikes on the capital.", [(("17", 17, 17), None)]),
        # two people named by their names, without a numeral
        ("The ministry said Sgt. Ali Demir and Cpl. Veli Kaya were killed during clashes.",
         [(("Sgt. Ali Demir and Cpl. Veli Kaya", 2, 2), None)]),
        ("Iran and Iraq were killed off as rivals in the final.", []),
        # one named person killed, a role before or after the name; "one" after a noun of the toll; assassinated
        ("The mortar attack resulted in the wounding of one soldier.", [(None, ("one", 1, 1))]),
        ("Four of its advisers have been assassinated in the strike.", [(("Four", 4, 4), None)]),
        ("An air attack killed Iranian general Ali Mousavi, a longtime adviser.",
         [(("Iranian general Ali Mousavi", 1, 1), None)]),
        ("A drone killed Omar Saleh Hamdan, the group's second-in-command.", [(("Omar Saleh Hamdan", 1, 1), None)]),
        ("It followed the assassination of senior commander Fuad Karim in the capital.",
         [(("senior commander Fuad Karim", 1, 1), None)]),
        ("Jets killed Islamic State militants near the river.", []),
        # a count before "the death of" counts someone else ("voters … after the death of the president")
        ("Around 40 million voters could cast ballots in the vote held upon the death of the president.", []),
    ],
)
def test_one_report_per_figure(sentence: str, reports: list[tuple[Found, Found]]) -> None:
    """Each killed figure is its own report; an injured figure joins it only for the same people and source;
    one named or singular victim is a count of one."""
    assert [(_view(sentence, r.killed), _view(sentence, r.injured)) for r in casualty_figures(sentence)] == reports


def test_an_age_is_not_the_count() -> None:
    """"Mohammed Ali, 25, was killed": one person killed, not 25."""
    found = find_casualties("Mohammed Ali, 25, was killed.")
    assert found.killed is not None and (found.killed.min, found.killed.max) == (1, 1) and found.injured is None
