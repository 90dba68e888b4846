"""Counts a sentence gives without a numeral: one person killed ("the group's commander was killed", "the
assassination of General X"), and the named person before "N of his guards" (one more)."""

from __future__ import annotations

import re

_F = re.IGNORECASE | re.ASCII

# a named person, then the count of his people: "Commander Orvel and two of his guards"
LEADER_AND = re.compile(r"(?-i:[A-Z][\w’'-]+(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][\w’'-]+)+)\s+and\s+$", _F)
HIS_PEOPLE = re.compile(r"\s+(?:(?:other\s+)?(?:members\s+)?of\s+(?:his|her)\s+|(?:of\s+)?(?:his|her)\s+)"
                         r"(?:[\w-]+\s+)?(?:guards?|bodyguards?|companions?|aides?|family|relatives|sons?|"
                         r"children|brothers?|escorts?|fighters?|men|associates?|deputies|assistants?)\b"
                         # "Commander X and several relatives", "X and three bodyguards"
                         r"|\s+(?:[\w-]+\s+)?(?:relatives|family\s+members|bodyguards|companions|aides|escorts)\b", _F)
_SINGULAR_PERSON = (r"(?:civilian|soldier|guard|officer|policeman|commander|leader|chief|head|general|colonel|"
                    r"journalist|child|boy|girl|man|woman|medic|paramedic|doctor|nurse|farmer|worker|fighter|"
                    r"militant|member|official|driver|resident|student|teenager|photographer|cameraman|"
                    r"reporter|envoy|spokesman|founder|deputy|operative|sergeant|captain|pilot|sailor|patient|prisoner|"
                    r"inmate|villager|fisherman|employee|engineer|firefighter|rescuer|shepherd|director|mayor|governor|"
                    r"teacher|judge|imam|priest)")
_KILLED_VERB = r"(?:killed|assassinated|shot\s+dead|slain|executed)"
# a person's name: two to five capitalised words ("Qassem Soleimani", "Abdullah Makki Muslih al-Rafiei")
_PERSON_NAME = r"(?-i:[A-Z][\w’'.-]+(?:\s+(?:al-|bin\s+|ibn\s+|abu\s+)?[A-Z][\w’'-]+){1,4})\b"
# one person killed without a numeral: "the group's commander was killed", "Ali Hassan was assassinated",
# "killed the leader of the movement", "the assassination of General X", "the death of its former head"
_ONE_KILLED = re.compile(
    rf"\b(?P<a>(?:the|a|an|its|his|her|their)\s+(?:[\w’'-]+\s+){{0,3}}?{_SINGULAR_PERSON})"
    rf"(?:\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){{0,4}}?)?(?:\s*,[^,;]{{1,80}},)?\s+"
    rf"(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?{_KILLED_VERB}\b"
    rf"|(?-i:(?P<b>[A-Z][\w’'-]+(?:\s+(?:al-|bin\s+|ibn\s+|abu\s+)?[A-Z][\w’'-]+){{1,4}}))"
    rf"(?:\s*,[^,;]{{1,80}},|,(?=\s+was\b))?\s+(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?{_KILLED_VERB}\b"
    rf"|\b{_KILLED_VERB}\s+(?P<c>(?:the|a|an|its|his|her|their)\s+(?:[\w’'-]+\s+){{0,3}}?{_SINGULAR_PERSON})\b"
    rf"(?!\s+(?:and|or)\b)"
    # a named person after the verb, with a role before or after the name: "killed Quds Force commander Qassem
    # Soleimani", "killed Iranian general Ali Mousavi", "killed Abdullah Makki al-Rafiei, the group's deputy leader"
    rf"|\b{_KILLED_VERB}\s+(?P<e>(?:[\w’'-]+\s+){{0,3}}?{_SINGULAR_PERSON}\s+{_PERSON_NAME})"
    rf"|\b{_KILLED_VERB}\s+(?P<f>{_PERSON_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,4}}?"
    rf"(?:{_SINGULAR_PERSON}|second-in-command)\b"
    # ("the assassination of senior Hezbollah commander Fouad Shukr": the role with no determiner, then the name)
    rf"|\b(?:assassination|killing|death|martyrdom)\s+of\s+(?P<d>(?:(?:the|its|his|her|their)\s+"
    rf"(?:[\w’'-]+\s+){{0,3}}?{_SINGULAR_PERSON}\b(?-i:(?:\s+[A-Z][\w’'-]+){{0,4}})|"
    rf"(?:[\w’'-]+\s+){{0,3}}?{_SINGULAR_PERSON}\s+{_PERSON_NAME})|"
    rf"(?-i:(?:[A-Z][\w’'.-]+\s+){{1,4}}[A-Z][\w’'-]+))(?!\s+(?:and|or)\b)", _F)


def one_killed(sentence: str) -> tuple[int, int] | None:
    """Where the one person the sentence reports killed without a numeral is named, if it does."""
    m = _ONE_KILLED.search(sentence)
    if m is None:
        return None
    group = next(g for g in ("a", "b", "c", "d", "e", "f") if m[g] is not None)
    start, end = m.span(group)
    if group in ("a", "c") and re.search(r"(?:s|people|men|children)$", m[group], re.I):
        return None  # a plural
    return start, end


_KIN = r"(?:sons?|daughters?|wife|husband|brothers?|sisters?|father|mother|cousins?|nephews?)"
# two people named as one subject without a numeral: "a farmer and his son were killed", "the driver and a medic
# were killed", "one civilian and one fighter were also killed"
_TWO_KILLED = re.compile(
    rf"\b(?P<two>(?:the|a|an|one|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,2}}?{_SINGULAR_PERSON}\s+and\s+"
    rf"(?:the|a|an|one|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{_SINGULAR_PERSON}|{_KIN}))\s+"
    rf"(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?{_KILLED_VERB}\b", _F)


# two people named by their names: "Sgt. Ali Demir and Cpl. Veli Kaya were killed during clashes"
_TWO_NAMED = re.compile(
    rf"(?-i:(?P<two>(?:[A-Z][\w’'.-]+\s+){{1,5}}[A-Z][\w’'-]+\s+and\s+(?:[A-Z][\w’'.-]+\s+){{1,5}}[A-Z][\w’'-]+))\s+"
    rf"(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?{_KILLED_VERB}\b", _F)


def two_killed(sentence: str) -> tuple[int, int] | None:
    """Where two people the sentence reports killed without a numeral are named, if it does."""
    m = _TWO_KILLED.search(sentence) or _TWO_NAMED.search(sentence)
    return m.span("two") if m is not None else None


# one person written as a singular noun phrase before "and N <people>": "A senior official from the party and three
# fighters were killed" (one more than the numeral)
ONE_AND = re.compile(
    rf"\b(?:a|an|the|its|their)\s+(?:[\w’'-]+\s+){{0,2}}?{_SINGULAR_PERSON}(?:\s+(?:of|from|in)\s+[^,;]{{1,60}}?)?"
    # ("a woman and her two children": the person's own people)
    r"\s+and\s+(?P<own>(?:his|her|their)\s+)?$", _F)
# the person's own people after the figure: "… and her two children", "… and his three sons"
KIN_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:children|sons|daughters|brothers|sisters|relatives|grandchildren|"
                       r"guards|bodyguards|companions|aides|escorts|family\s+members)\b", _F)
PEOPLE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:fighters|soldiers|guards|bodyguards|civilians|members|officers|"
                          r"militants|others|people|comrades|companions|aides|relatives|children|policemen)\b", _F)
