"""Weapons and attribution: the enum fields of strikes and attacks that the words of the sentence fill."""

from __future__ import annotations

import re
from typing import Any, Literal

from api.extraction.words import WORDS, AttackWeapon, StrikeWeapon, alternation

# a weapon noun that names what was hit, not what hit it: "drone storage sites", "missile launchers" (whole
# words: "missiles launched" is the weapon); the words are in data/words.yaml
_AS_TARGET = rf"(?!\s+(?:{alternation(WORDS.target_nouns)})\b)"


def _weapon_patterns(kinds: dict[str, tuple[str, ...]]) -> list[tuple[re.Pattern[str], Any]]:
    """One pattern a weapon kind, in the file's order: its alternatives, the target guard where marked."""
    return [(re.compile(alternation(alts).replace("{not_target}", _AS_TARGET), re.I), kind)
            for kind, alts in kinds.items()]


_STRIKE_WEAPONS: list[tuple[re.Pattern[str], StrikeWeapon]] = _weapon_patterns(WORDS.strike_weapons)
_ATTACK_WEAPONS: list[tuple[re.Pattern[str], AttackWeapon]] = _weapon_patterns(WORDS.attack_weapons)


# several kinds of weapon for one act: "launched drones and missiles at Israel" (the guidelines' null weapon)
_MIXED = re.compile(r"\b(?P<a>drone|missile|rocket|mortar)s?\s*(?:,\s*|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+)"
                    r"(?:(?:ballistic|cruise|guided|anti-\w+|suicide|attack|explosive-laden)\s+)?"
                    r"(?P<b>drone|missile|rocket|mortar)s?\b", re.I)


def _mixed(sentence: str) -> bool:
    return any(m["a"].lower() != m["b"].lower() for m in _MIXED.finditer(sentence))


def strike_weapon(sentence: str) -> StrikeWeapon | None:
    return None if _mixed(sentence) else next((w for rx, w in _STRIKE_WEAPONS if rx.search(sentence)), None)


def attack_weapon(sentence: str) -> AttackWeapon | None:
    return None if _mixed(sentence) else next((w for rx, w in _ATTACK_WEAPONS if rx.search(sentence)), None)


Attribution = Literal["claimed", "alleged", "confirmed", "denied", "unknown"]
_ALLEGED = re.compile(rf"\b(?:{alternation(WORDS.alleged)})\b", re.I)  # data/words.yaml
# a group saying it did it: "claimed responsibility", "said it fired", "claimed … that its fighters had ambushed"
_CLAIMED = re.compile(r"\bclaimed\s+(?:responsibility|the\s+attack)|\btook\s+responsibility\b|"
                      # "claimed attacks on two ships", "the group's claim of a missile strike", "were claimed by"
                      r"\bclaimed\s+(?:(?:an?|the|two|three|several|multiple|new)\s+)?(?:[\w-]+\s+)?(?:attacks?|strikes?)\s+"
                      r"(?:on|against)\b|\bclaims?\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:attacks?|strikes?)\b|"
                      r"\b(?:were|was|been)\s+claimed\s+by\b|"
                      # the group's own act told in a gerund: "they also reported launching drones"
                      r"\b(?:reported|announced|claimed)\s+(?:launching|firing|targeting|attacking|carrying\s+out)\b|"
                      r"\b(?:said|says|announced|stated|claimed)[,\s]+(?:\w+\s+){0,5}?(?:that\s+)?"
                      r"(?:they|it|the\s+(?:group|movement|militia|organi[sz]ation)|(?:one\s+of\s+)?(?:its|their)\s+(?:own\s+)?"
                      r"(?:fighters|forces|members|militants|units?|"
                      r"naval\s+forces|air\s+defen[cs]es|drones|missiles|rockets))\s+(?:had\s+|have\s+)?"
                      r"(?:fired|launched|targeted|attacked|struck|hit|carried\s+out|ambushed|shelled|bombed|downed|"
                      r"shot\s+down|detonated|captured|seized|stormed|overran|killed)\b", re.I)
# nobody claimed it: "No group has claimed responsibility", "no one has yet claimed", "it has not claimed"
_NOBODY = re.compile(r"\b(?:no\s+(?:\w+\s+)?(?:group|one|organi[sz]ation|faction)|nobody|none)\s+(?:\w+\s+){0,3}$"
                     r"|\b(?:not|never|yet\s+to)\s+(?:\w+\s+)?$", re.I)
_DENIED = re.compile(r"\bdenied\s+(?:responsibility|involvement)|\bdenies\b", re.I)


def claims_the_act(sentence: str) -> bool:
    """Whether the sentence has a group claim the act ("claimed responsibility", "said its fighters had fired")."""
    return _CLAIMED.search(sentence) is not None


def attribution(sentence: str, attacker_known: bool, reported: bool = False) -> Attribution:
    """How the article links an attack to its attacker; a link someone else asserts is 'alleged'."""
    claim = _CLAIMED.search(sentence)
    if claim and not _NOBODY.search(sentence, max(0, claim.start() - 40), claim.start()):
        return "claimed"
    if _DENIED.search(sentence):
        return "denied"
    if not attacker_known:
        return "unknown"
    return "alleged" if _ALLEGED.search(sentence) or reported else "confirmed"
