"""The act a sentence reports: its verb or noun (the pivot every other rule turns on), and where the sentence
moves on to another event.

Every value keeps the sentence-relative offsets of the words it came from; the assembly turns them
into absolute, checked spans.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from api.extraction.text.patterns import word_start

STATE_KINDS = {"state", "state_force"}
GROUP_KINDS = {"armed_group"}
# a participle of the act with its object ("…, striking Afghan posts"; not "a striking example")
STRIKING = r"striking(?=\s+(?:an?|the|two|three|several|multiple|\d+|its|their|his|(?-i:[A-Z])))"
# what an act destroys, told after an active verb ("destroyed another post"; not "was destroyed in the fighting")
WHAT_IS_DESTROYED = (r"(?:an?|the|another|several|multiple|dozens|\d+|its|their|his|her|two|three|four|five)\s+"
                     r"(?:[\w’'-]+\s+){0,3}?(?:posts?|positions?|depots?|launchers?|tanks?|vehicles?|hideouts?|bases?|"
                     r"bunkers?|tunnels?|camps?|sites?|targets?|weapons?|ammunition|headquarters|radars?|boats?|"
                     r"drones?|aircraft|artillery|infrastructure|facilit(?:y|ies))\b")
# fire aimed somewhere is an act: "fire at the convoy", "gunfire on the village", "Israeli fire near the fence"
_AIMED = r"(?=\s+(?:at|on|into|from|in|near|along|across)\b)"
_AGENT_VERB = re.compile(
    word_start(rf"struck|strikes?|strike|{STRIKING}|airstrikes?|hit|bomb\w*|shell\w*|raid\w*|target\w*|attack\w*|"
               r"launch\w*|fired|"
               r"carried\s+out|conducted|killed|pounded|downed|intercepted|aggression|stormed|shot\s+dead|"
               rf"gunned\s+down|neutrali[sz]ed|opened\s+(?:[\w-]+\s+){{0,3}}fire|gunfire{_AIMED}|fire{_AIMED}|"
               r"(?:intelligence[\s-]+based|counter-?terror(?:ism)?|clearance)\s+operations?|IBOs?|clash(?:ed|es)\s+with|"
               r"retaliated|offensive\s+against|responded\s+with|returned\s+fire|retaliatory\s+fire|"
               rf"destroy(?:ed|ing)(?=\s+{WHAT_IS_DESTROYED})|"
               r"(?:terror|terrorist|insurgent|armed|militant|bombing|guerrilla)\s+campaign|"
               r"(?:traded|exchanged|trading|exchanging)\s+(?:cross-border\s+|heavy\s+)?fire|"
               # fighting told as a noun the two sides take part in: "X and Y engaged in a clash"
               r"engaged\s+in\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:clash(?:es)?|firefights?|gunfights?|gun\s+battles?)")
    + r"\b",
    re.IGNORECASE,
)
# verbs of consequence: the pivot only when the sentence has no verb or noun of the act itself
# ("the ministry said nine people were killed in the Pakistani strikes" turns on "strikes")
_CONSEQUENCE = {"killed", "downed", "intercepted"}


@functools.lru_cache(maxsize=4096)
def names_the_act(sentence: str) -> bool:
    """Whether the sentence has a verb or noun of the act itself, not only of its result ("were killed")."""
    verb = act_verb(sentence)
    return verb is not None and verb.group(0).lower() not in _CONSEQUENCE


def act_verb(sentence: str) -> re.Match[str] | None:
    """The verb or noun of the act the sentence reports. Cached: every rule about the act asks it."""
    verbs = list(_AGENT_VERB.finditer(sentence))
    return next((v for v in verbs if v.group(0).lower() not in _CONSEQUENCE), verbs[0] if verbs else None)


# a state's forces written as a common noun, and their answer in fire ("the army responded with shelling")
FORCES_NOUN = r"(?:the|its|their)\s+(?:army|military|troops|forces|soldiers|navy|air\s+force)"
_ANSWERED_IN_FIRE = r"(?:responded|retaliated|returned\s+fire|hit\s+back|struck\s+back)\b"
ANSWERED_BY_FORCES = re.compile(rf"^\W*(?:and\s+)?{FORCES_NOUN}\s+(?:\w+\s+)?{_ANSWERED_IN_FIRE}", re.I)


# where a sentence moves on to another event: the one it answers ("in response to attacks by X"), another
# side's ("…, while the group said it fired rockets", "…, and Pakistan retaliated"), an earlier one ("two days
# after Iran launched strikes");
# or to what someone says about it (", saying they act in solidarity with …": words, not an event)
_OTHER_EVENT = re.compile(
    r"(?P<answers>\b(?:(?:in|as|a|the)\s+(?:direct\s+)?response\s+to|in\s+retaliation\s+(?:for|against|to)|in\s+revenge\s+for|"
    r"retaliating\s+for|to\s+avenge|retaliate\s+(?:over|for))\b)"
    r"|(?P<contrast>[,;]\s*(?:while|whereas)\b"
    # (no comma: "… seized hostages while Israel's strikes have killed …"; not "killed while trying to …")
    r"|\s(?:while|whereas)\s+(?!\w+ing\b)(?=(?:\S+\s+){0,6}?(?:strikes|airstrikes|attacks|raids|shelling|forces|"
    r"troops|jets)\b)"
    # another side acting in the same sentence: "…, and Pakistan retaliated with strikes", "…, as Hezbollah fired"
    # (a headline's "X strikes A as Y fires rockets at B" needs no comma)
    r"|(?:[,;]\s*(?:and|as)|\s+as)\s+(?=(?:the\s+)?(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:\w+\s+)?"
    r"(?:retaliate[sd]|struck|strikes|fired|fires|launche[sd]|hits?|bombe?d?s?|shell(?:ed|s)|attack(?:ed|s)|"
    r"pound(?:ed|s))\b)"
    # a state's forces answering in the same sentence: "rockets were fired … and the army responded with artillery"
    rf"|[,;]?\s+and\s+(?={FORCES_NOUN}\s+(?:\w+\s+)?{_ANSWERED_IN_FIRE}))"
    r"|(?P<after>\b(?:(?:\w+\s+){1,2}(?:days?|weeks?|hours?|months?)\s+)?after\s+(?=(?:[\w'’-]+\s+){1,4}?"
    r"(?:launched|carried\s+out|conducted|fired|attacked|struck|hit|bombed|targeted|shelled|killed)\b"
    r"|an?\s+(?:[\w-]+\s+){0,2}(?:attack|bombing|strike|raid|assault|ambush)\s+(?:on|in|at|against|by)\b"
    # "the strike was carried out after US and Somali forces came under attack by al-Shabaab"
    r"|(?:[\w'’.-]+\s+){1,8}?came\s+under\s+(?:[\w-]+\s+)?(?:attack|fire)\b)"
    # "The attack followed overnight Israeli airstrikes on …": the act it followed is an earlier one
    r"|\bfollow(?:s|ed|ing)\s+(?=(?:[\w'’-]+\s+){0,3}?(?:strikes|airstrikes|attacks|raids|bombings|shelling)\s+"
    r"(?:on|in|at|against|by)\b))"
    r"|(?P<words>,\s*(?:saying|claiming|adding|accusing|calling|denying|vowing|warning)\b)"
    r"|(?P<result>,\s*(?:killing|wounding|injuring)\s+(?!\d|one|two|three|four|five|six|seven|eight|nine|ten|at\s+least|"
    r"dozens|scores|several)\w)", re.I)


@functools.lru_cache(maxsize=4096)
def _other_event(sentence: str) -> re.Match[str] | None:
    """The first ``_OTHER_EVENT`` after the opening words. Cached: both functions below ask it of a sentence."""
    return next((m for m in _OTHER_EVENT.finditer(sentence) if m.start() > 10), None)


# a fronted clause about the act this one answers: "In response to that attack, the military struck …"
_FRONTED_ANSWER = re.compile(
    r"^\W*(?:in\s+(?:direct\s+)?(?:response|retaliation)\s+(?:to|for)|to\s+avenge)\b[^,;]{3,120},\s*", re.I)


def main_clause(sentence: str) -> str:
    """The sentence without a fronted clause about the act it answers (whose noun does not say what this act is)."""
    m = _FRONTED_ANSWER.match(sentence)
    return sentence[m.end() :] if m else sentence


def answered_from(sentence: str) -> int | None:
    """Where the sentence stops describing its own event (see ``_OTHER_EVENT``), if it does."""
    m = _other_event(sentence)
    return m.start() if m else None


def another_event_at(sentence: str) -> int | None:
    """Where the part about another event starts (not mere words about this one), if the sentence has one."""
    m = _other_event(sentence)
    return m.start() if m and not m["words"] and not m["result"] else None


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written in the sentence, with its canonical form."""

    start: int
    end: int
    canonical: str


STRIKE_NOUNS = re.compile(r"\b(?:air\s*-?\s*strikes?|strikes?|struck|warplanes?|jets|bombing|bombed|raids?|shelling|"
                           r"aggression|(?:intelligence[\s-]+based|counter-?terror(?:ism)?|clearance)\s+"
                           r"operations?|IBOs?|targets|retaliated|offensive\s+against|(?:traded|exchanged)\s+fire|"
                           r"(?:killed|wounded)\s+in\s+an?\s+(?:[\w-]+\s+)?operation|neutrali[sz]ed)\b", re.I)
ATTACK_NOUNS = re.compile(r"\b(?:attack(?:s|ed)?|rockets?|drones?|mortars?|IEDs?|roadside|gunmen|fired|launched|"
                          r"(?:terror|terrorist|insurgent|militant|guerrilla)\s+campaign|"
                          r"ambush\w*|suicide|snipers?|stormed|gunned\s+down|blew\s+up|opened\s+(?:[\w-]+\s+){0,3}fire|"
                          rf"(?:gun)?fire{_AIMED})\b", re.I)
