"""Weapons and attribution: the enum fields of strikes and attacks that the words of the sentence fill."""

from __future__ import annotations

import re
from typing import Literal

from api.extraction.words import WORDS, alternation

# a weapon noun that names what was hit, not what hit it: "drone storage sites", "missile launchers" (whole
# words: "missiles launched" is the weapon)
_AS_TARGET = r"(?!\s+(?:storage|sites?|launch|launchers?|depots?|factor(?:y|ies)|facilit(?:y|ies)|production|"\
             r"warehouses?|workshops?|stockpiles?|caches?|infrastructure|capabilit(?:y|ies)|programme|program)\b)"
StrikeWeapon = Literal["airstrike", "drone", "missile", "artillery", "rocket", "ground_raid", "other"]
AttackWeapon = Literal["drone", "rocket", "missile", "ied", "gunfire", "other"]
_STRIKE_WEAPONS: list[tuple[re.Pattern[str], StrikeWeapon]] = [
    (re.compile(rf"\bdrones?\b{_AS_TARGET}|\bUAVs?\b{_AS_TARGET}", re.I), "drone"),
    (re.compile(rf"\b(?:ballistic|cruise)?\s*missiles?\b{_AS_TARGET}|\btomahawks?\b", re.I), "missile"),
    (re.compile(r"\bair\s*-?\s*strikes?\b|\bwar\s*planes?\b|\bgunships?\b|\bjets?\b|\bair\s*raids?\b|\bbomb(?:ed|ing|ers?)\b|"
                r"\baircraft\b|\bair\s+force\b|\bF-\d+", re.I), "airstrike"),
    (re.compile(r"\bartillery\b|\bshell(?:ed|ing|s)\b|\bhowitzers?\b|\bmortars?\b", re.I), "artillery"),
    (re.compile(rf"\brockets?\b{_AS_TARGET}", re.I), "rocket"),
    (re.compile(r"\b(?:ground\s+)?raids?\b|\bcommandos?\b|\bspecial\s+forces\b", re.I), "ground_raid"),
]
_ATTACK_WEAPONS: list[tuple[re.Pattern[str], AttackWeapon]] = [
    (re.compile(rf"\bdrones?\b{_AS_TARGET}|\bUAVs?\b{_AS_TARGET}", re.I), "drone"),
    (re.compile(rf"\brockets?\b{_AS_TARGET}|\bkatyushas?\b|\bmortars?\b", re.I), "rocket"),
    (re.compile(rf"\bmissiles?\b{_AS_TARGET}", re.I), "missile"),
    (re.compile(r"\bIEDs?\b|\broadside\s+bombs?\b|\bexplosive\s+devices?\b|\bcar\s+bombs?\b|\bsuicide\b", re.I), "ied"),
    (re.compile(r"\bgunfire\b|\bgunmen\b|\bshooting\b|\bshot\b|\bsniper\b|\bopened\s+fire\b", re.I), "gunfire"),
]


def strike_weapon(sentence: str) -> StrikeWeapon | None:
    return next((w for rx, w in _STRIKE_WEAPONS if rx.search(sentence)), None)


def attack_weapon(sentence: str) -> AttackWeapon | None:
    return next((w for rx, w in _ATTACK_WEAPONS if rx.search(sentence)), None)


Attribution = Literal["claimed", "alleged", "confirmed", "denied", "unknown"]
_ALLEGED = re.compile(rf"\b(?:{alternation(WORDS.alleged)})\b", re.I)  # data/words.yaml
# a group saying it did it: "claimed responsibility", "said it fired", "claimed … that its fighters had ambushed"
_CLAIMED = re.compile(r"\bclaimed\s+(?:responsibility|the\s+attack)|\btook\s+responsibility\b|"
                      r"\b(?:said|says|announced|stated|claimed)\s+(?:\w+\s+){0,5}?(?:that\s+)?"
                      r"(?:they|it|(?:its|their)\s+(?:own\s+)?(?:fighters|forces|members|militants|units?|"
                      r"naval\s+forces|air\s+defen[cs]es|drones|missiles|rockets))\s+(?:had\s+|have\s+)?"
                      r"(?:fired|launched|targeted|attacked|struck|hit|carried\s+out|ambushed|shelled|bombed|downed|"
                      r"shot\s+down|detonated)\b", re.I)
_DENIED = re.compile(r"\bdenied\s+(?:responsibility|involvement)|\bdenies\b", re.I)


def attribution(sentence: str, attacker_known: bool, reported: bool = False) -> Attribution:
    """How the article links an attack to its attacker; a link someone else asserts is 'alleged'."""
    if _CLAIMED.search(sentence):
        return "claimed"
    if _DENIED.search(sentence):
        return "denied"
    if not attacker_known:
        return "unknown"
    return "alleged" if _ALLEGED.search(sentence) or reported else "confirmed"
