"""Contract events from one sentence's facts and the model's answers, with grounded spans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from api.extraction.assembly.anaphora import as_other_kind, inherit, points_back
from api.extraction.assembly.grounded import GroundedValues
from api.extraction.assembly.incidents import HALTED_ATTACKS, background
from api.extraction.normalize.counts import CountMatch
from api.extraction.rules.acts import (
    ANSWERED_BY_FORCES,
    Name,
    act_verb,
    another_event_at,
    answered_from,
    names_the_act,
)
from api.extraction.rules.agents import attack_actor, strike_actor
from api.extraction.rules.anonymous_sources import anonymous_phrase, outlet_says, unnamed_sources
from api.extraction.rules.described_groups import described_agent, described_speaker, last_group
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.in_power import state_of
from api.extraction.rules.joined_groups import joined_groups
from api.extraction.rules.listed_places import listed_parts
from api.extraction.rules.places import Where
from api.extraction.rules.sentence_facts import SentenceFacts
from api.extraction.rules.speaker_names import candidates
from api.extraction.rules.speakers import find_speaker
from api.extraction.rules.speech import speech_verb
from api.extraction.rules.state_bodies import body_of_state
from api.extraction.rules.statement_kinds import contrast_at, kind_by_rules
from api.extraction.rules.strike_or_attack import answered_kind, reconcile, result_by_rules, sure_by_rules
from api.extraction.rules.targets import target_phrase, victims_after
from api.extraction.rules.weapons import attack_weapon, attribution, claims_the_act, strike_weapon
from api.extraction.text.datelines import DATELINE
from api.extraction.text.grounding import make_span
from api.extraction.words import WORDS, alternation
from schemas.contract import (
    Attack,
    Attribution,
    CasualtyReport,
    DateValue,
    Mention,
    Place,
    Span,
    Statement,
    Strike,
)

Events = tuple[list[Strike], list[Attack], list[Statement], list[CasualtyReport]]


def _answered_by_forces(label: str | None, head: str, tail: str, gaz: Gazetteer) -> str | None:
    """"Rockets were fired at … and the army responded with artillery fire": the act the state's forces answer is the
    other side's, whatever single label the sentence got."""
    if label == "strike" and ANSWERED_BY_FORCES.match(tail) and answered_kind(head, gaz) == "attack":
        return "attack"
    return label


def _refers_elsewhere(sentence: str, event: Strike | Attack) -> bool:
    """Whether a sentence of someone's words mentions an act with no agent and no date as one reported elsewhere
    ("X denounced the attack"); "according to reports, fighter jets attacked …" and "Gunmen opened fire on a post,
    sources said" are fresh reports, "according to X, the attack targeted …" is about a known one."""
    verb = speech_verb(sentence)
    if verb is None:
        return False
    known = points_back(event)
    return known or (not verb.group(0).lower().startswith("accord") and not _told_then_sourced(sentence, verb))


def _told_then_sourced(sentence: str, verb: re.Match[str]) -> bool:
    """Whether the sentence tells its act in a clause of its own and names the source after it ("Militants opened
    fire on army posts, security sources said"): a fresh report, not words about an act reported elsewhere."""
    act = act_verb(sentence)
    return act is not None and act.start() < verb.start() and not _QUOTED_BEFORE.match(sentence)


# a quotation that opens the sentence: its words may point to an act told elsewhere ('"The attack was cowardly," …')
_QUOTED_BEFORE = re.compile(r"^\W*[“\"]")


@dataclass(frozen=True, slots=True)
class Drafts:
    """The events of one article as read sentence by sentence, before mentions of one event merge."""

    strikes: list[Strike]
    attacks: list[Attack]
    statements: list[Statement]
    casualties: list[CasualtyReport]
    warnings: list[str]
    # statements whose kind no mark in the words settles (a claim for now): their position in ``statements`` and
    # the words they were read from, for a closed question to the model
    unsure_kinds: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    # for a strike or attack mention with no date of its own, the day its source reported it, by the start of its
    # evidence: a merged event that no mention dates takes it (``merge.date_reported``)
    reported_on: dict[int, DateValue] = dataclasses.field(default_factory=dict)
    # for a strike or attack that is one item of a list of acts in one sentence ("four killed in A, eight in B"), the
    # index of that sentence, by the start of its evidence: two items of one list are two events (``merge``)
    listed: dict[int, int] = dataclasses.field(default_factory=dict)
    # the strike and attack mentions dated long before the day of publication, by the start of their evidence: an
    # earlier incident, which does not join the article's undated (fresh) one (``merge``)
    old: set[int] = dataclasses.field(default_factory=set)


_MONTHS_BEFORE = 90  # days: an act dated further back than this is an earlier incident, not the page's fresh one

# fighting told as a noun: "persistent confrontations between the Israeli army and Hezbollah"
_FIGHTING_BETWEEN = re.compile(r"\b(?:clashes|confrontations|hostilities|skirmishes|exchanges\s+of\s+fire|"
                               r"(?:cross-border|deadly|armed|military|artillery)\s+exchanges|"
                               # one fight: "a confrontation between X and Y", "X clashed with Y"
                               r"(?:a|the)\s+(?:[\w-]+\s+)?(?:confrontation|clash|gunfight|gun\s+battle|firefight))\s+"
                               r"between\b|\bclash(?:ed|es|ing)?\s+with\b|"
                               # "amid an exchange of cross-border attacks", "X and Y engaged in a clash"
                               r"\ban?\s+exchange\s+of\s+(?:[\w-]+\s+)?(?:fire|attacks|strikes|shelling)\b|"
                               # "intense fire exchange took place between own troops and the terrorists", "two
                               # more engagements took place between security forces and the terrorists"
                               r"\b(?:(?:fire|gun)[\s-]*(?:exchanges?|fights?)|engagements?)\s+(?:took\s+place\s+)?"
                               r"between\b|"
                               r"\bengaged\s+in\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:clash(?:es)?|firefights?|gunfights?|"
                               r"gun\s+battles?)\b", re.I)
# the two sides named by their role: a state's men and the other side's fighters
_STATE_SIDE = re.compile(r"\b(?:security\s+forces|(?:own|government|regime)\s+troops|troops|soldiers)\b", re.I)
_GROUP_SIDE = re.compile(r"\b(?:terrorists|militants|insurgents|khawarij|khwarij|rebels|jihadists)\b", re.I)
_BETWEEN_STATES = re.compile(r"\bbetween\s+", re.I)
# two sides as the subject of the fight: "Afghan border forces and Pakistani troops engaged in a clash"
_BOTH_SUBJECTS = re.compile(r"\W*(?=[^.;:]{3,80}?\band\s+[^.;:]{3,60}?\s+(?:engaged\s+in|clashed\s+with\s+each\s+other|"
                            r"exchanged|traded)\b)", re.I)
# the day of the act told just before: "Earlier in the day", "later that day", "the same day", "hours earlier"
_SAME_DAY = re.compile(r"\b(?:earlier|later)\s+(?:in\s+the\s+day|that\s+day|the\s+same\s+day)\b|\bthe\s+same\s+day\b|"
                       r"\b(?:hours|moments|minutes)\s+(?:earlier|later|before|after)\b|"
                       # an answer at once to the act told before: "Pakistani forces retaliated swiftly, striking …"
                       r"\b(?:retaliated|responded|hit\s+back|struck\s+back)\s+"
                       r"(?:swiftly|immediately|promptly|at\s+once)\b|"
                       r"\b(?:immediate|swift|prompt)\s+(?:response|retaliation)\b",
                       re.I)
_THE_GROUP = re.compile(r"\b(?:blamed\s+on|by|claimed\s+by)\s+the\s+(?:group|movement|militia)\b|"
                        r"\b(?:the\s+(?:group|movement|militia)[’']s|their|its)\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|"
                        r"raids?)\b", re.I)
# fire both ways: "X has traded fire with Y", "the two sides exchanged fire", "trading blows"
_RECIPROCAL = re.compile(r"\b(?:trad|exchang)(?:ed|es|e|ing)\s+(?:cross-border\s+|heavy\s+|artillery\s+)?"
                         r"(?:fire|blows|strikes|attacks|shelling)\b|"
                         # "have been shelling each other's positions", "attacked one another"
                         r"\b(?:shell|attack|target|strik|fir|bomb|hitt?)\w*\s+(?:at\s+)?(?:each\s+other|one\s+another)\b|"
                         + _FIGHTING_BETWEEN.pattern, re.I)
# a source that tells its own side's act besides the toll says more than a figure: "the ministry said Turkish
# warplanes had hit four targets, killing eight militants", "the army said its elite forces killed 40 militants",
# "the military claimed to have killed the chief of staff"
_OWN_OPERATION = re.compile(r"\b(?:said|says|stated|confirmed|announced|claimed)\s+(?:(?:on\s+)?\w+day\s+)?"
                            r"(?:(?:that|in\s+a\s+statement(?:\s+that)?)\s+)?"
                            r"(?:(?:its|their|our)\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|jets|"
                            r"warplanes|aircraft|units|soldiers|army|strikes|drones)|(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?"
                            r"(?:killed|struck|hit|destroyed|conducted|carried\s+out|targeted|neutrali[sz]ed)|to\s+have\s+"
                            r"(?:killed|struck|hit|destroyed))\b", re.I)
_CLAIMS_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)?\s+(?:\w+\s+)?responsibility\b", re.I)
# blame a source lays: "said X was behind the fire that killed …", "blamed X for the blast"
_ACCUSES = re.compile(r"\b(?:was|were|is|are)\s+(?:\w+\s+)?behind\b|(?<![-‐‑])\bblam(?:ed|es|ing)\s+(?!on\b)|"
                      r"\b[A-Z][\w]*-sponsored\b|"  # "after Indian-sponsored militants attacked …": whose proxies
                      r"\baccus(?:ed|es|ing)\b|\bheld\s+(?:\w+\s+){1,3}responsible\b", re.I)
# the words of a quotation that only gives a toll: "“Six civilians were killed in X and three fighters nearby by
# air strikes,” the monitor said" (counts, victims, the verb of the result, where and by what; no one's own words)
_TOLL_ONLY = re.compile(r"^[\s“”\"]*(?:(?:at\s+least|more\s+than|some|about|around|nearly|up\s+to)\s+)?[\w,-]+\s+"
                        r"(?:[\w-]+\s+){0,3}(?:were|was|have\s+been|has\s+been)\s+(?:killed|wounded|injured)"
                        r"(?:\s+(?:and|or)\s+(?:[\w,-]+\s+){1,4}(?:were\s+|was\s+)?(?:killed|wounded|injured))*"
                        r"(?:\s+(?:in|at|near|by|on|nearby|when|after|during|outside)\b[^;:!?“”\"]*)?[\s,.”\"]*$"
                        # nobody hurt: "There were no injuries or damage reported.", "No sailors were hurt."
                        r"|^[\s“”\"]*(?:there\s+(?:were|was)\s+no\s+(?:[\w-]+\s+){0,2}(?:injuries|casualties|deaths)"
                        r"(?:\s+(?:or|and)\s+(?:[\w-]+\s+)?damage)?(?:\s+reported)?|no\s+(?:[\w.-]+\s+){0,2}(?:were|was)\s+"
                        r"(?:killed|wounded|injured|hurt)(?:\s+or\s+(?:killed|wounded|injured|hurt))?)[\s,.”\"]*$",
                        re.I)


# words of diplomacy, trade and politics; a sentence with them and no word of the armed conflict is no conflict
# statement ("the leader sent a letter offering a path to restarting bilateral talks")
_DIPLOMACY = re.compile(rf"\b(?:{alternation(WORDS.diplomacy)})\b", re.I)  # data/words.yaml, topics
_CONFLICT = re.compile(rf"\b(?:{alternation(WORDS.conflict)})\b", re.I)


def _diplomacy_only(sentence: str) -> bool:
    return _DIPLOMACY.search(sentence) is not None and _CONFLICT.search(sentence) is None


def _only_a_toll(sentence: str, quote: tuple[int, int]) -> bool:
    """The quotation gives no words of its own beside the toll: it only gives the toll, or it is a phrase of a few
    words that names the act or the report ('killed in the “Turkish drone attack”', 'per “initial indications”'; not
    a label the source gives: 'killed several “terrorists”', 'said were “military targets”')."""
    words = sentence[quote[0] : quote[1]]
    return _TOLL_ONLY.match(words) is not None or (len(words.split()) < 5 and _NAMED_BY.search(sentence, 0, quote[0])
                                                    is not None)


# a state's body named through "the country": "according to the country's health ministry"
_COUNTRYS_BODY = re.compile(r"\b(?:the\s+)?(?:country|nation|enclave|territory|kingdom)(?P<own>['’]s)\s", re.I)
# the writer's own question, a subheading of an explainer or a live page ("What has Iran said about the attack?"):
# nobody's statement
_QUESTION = re.compile(r"\s*(?:What|How|Why|Who|Which|When|Where|Will|Would|Is|Are|Was|Were|Can|Could|Did|Does|Do|Has|"
                       r"Have|Should)\b[^“”\"]*\?\s*$")
_NAMED_BY = re.compile(r"\b(?:in|per|of|from|by|after|during)\s+(?:the\s+|an?\s+)?[“\"]?$", re.I)


# two names joined as one subject: "President X and Prime Minister Y …" (up to three title words before the second)
_JOINED = re.compile(r"\s*,?\s+and\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}")


def _says_anything(event: Strike | Attack) -> bool:
    """Whether a strike or an attack names a target, a target actor, a weapon, a place or a date."""
    return any(v is not None for v in (event.target, event.target_actor, event.weapon, event.location, event.date))


class EventBuilder(GroundedValues):
    """The drafts of one article, added sentence by sentence."""

    def __init__(self, text: str, published_at: dt.date | None, gaz: Gazetteer, types: set[str]):
        self.text, self.published_at, self.gaz, self.types = text, published_at, gaz, types
        self.strikes: list[Strike] = []
        self.attacks: list[Attack] = []
        self.statements: list[Statement] = []
        self.casualties: list[CasualtyReport] = []
        self.warnings: list[str] = []
        self._references: list[Strike | Attack] = []
        self._conflict = False  # whether any sentence reports a strike, an attack or a casualty (any type asked)
        self._last_source: tuple[int, int, Mention] | None = None  # the last sentence's index, end and source
        self._last_group: Name | None = None  # the armed group named last in the sentences read so far
        self._last_day: DateValue | None = None  # the day of the last act read with one
        self._unsure: dict[int, str] = {}  # id() of a statement whose kind the words do not mark → those words
        self._reported_on: dict[int, DateValue] = {}  # see ``Drafts.reported_on``
        self._listed_at: dict[int, int] = {}  # see ``Drafts.listed``
        self._old: set[int] = set()  # see ``Drafts.old``

    def _other_side(self, head: str, tail: str, kind: str) -> bool:
        """Both parts report the same kind of event: two events only if different sides carry them out."""
        agent = strike_actor if kind == "strike" else attack_actor
        mine, theirs = agent(head, self.gaz)[0], agent(tail, self.gaz)[0]
        return mine is not None and theirs is not None and self._side(mine.canonical) != self._side(theirs.canonical)

    # --- one sentence -------------------------------------------------------------------------------
    def _event(self, label: str | None, f: SentenceFacts, part: str, base: int, evidence: list[Span], *,
               may_refer: bool = False) -> None:
        """A strike or an attack read from ``part`` of the sentence (the whole of it, or the event it answers)."""
        event: Strike | Attack
        attacker: Name | None = None
        joined: list[Attack] = []
        if label == "strike" and "strike" in self.types:
            actor, target_actor = strike_actor(part, self.gaz)
            event = Strike(
                id="", actor=self._mention(base, actor), target=self._mention(base, target_phrase(part)),
                target_actor=self._mention(base, target_actor),
                weapon=strike_weapon(part), location=self._place(part, base), date=self._date(part, base),
                evidence=evidence)
        elif label == "attack" and "attack" in self.types:
            attacker, target_actor = attack_actor(part, self.gaz)
            named = self._mention(base, attacker) if attacker is not None else self._the_group(f, part, base)
            if named is None and self._last_group is not None and described_agent(part):
                named = self._mention(0, self._last_group)  # "the militants attacked …": the group named before
            event = Attack(
                id="", attacker=named,
                # (a campaign told as background is stated as fact, whoever reports it)
                attribution=self._attribution(f, part, named),
                target=self._mention(base, target_phrase(part)),
                target_actor=self._mention(base, target_actor), weapon=attack_weapon(part),
                location=self._place(part, base), date=self._date(part, base), evidence=evidence)
            # "attacks by al-Shabaab and the Islamic State": each group's attacks, one event each (also beside a group
            # that governed a state: "Afghan Taliban and Fitna al-Khawarij opened fire" in 2025 is Afghanistan's
            # strike and the other group's attack)
            joined = [event.model_copy(update={"attacker": self._mention(base, other)})
                      for other in (joined_groups(part, attacker, self.gaz) if attacker else [])]
            event = self._in_power(event)
        else:
            return
        event = self._target_in_power(event)
        self._mark_earlier(event, evidence[0].start)
        if event.date is None and self._last_day is not None and (same := _SAME_DAY.search(part)) is not None:
            # "Earlier in the day, …", "hours later": the day of the act told before it
            event = event.model_copy(update={"date": self._last_day.model_copy(update={
                "text": same.group(0), "span": make_span(self.text, base + same.start(), base + same.end())})})
        if event.date is not None and event.date.value is not None and len(event.date.value) == 10:
            self._last_day = event.date
        if event.date is None and base == f.sentence.start and not background(part):
            # a fresh incident a source reports "on Monday": the day it was reported, should no mention date it
            self._reported_day(evidence[0].start, self._said(part, base))
        agent = event.actor if isinstance(event, Strike) else event.attacker
        # a mention that names an agent, a target, a weapon, a place or a date makes the article one about the armed
        # conflict; one that names none of them ("after the explosion") does not on its own
        self._conflict = self._conflict or agent is not None or _says_anything(event)
        # (a real verb of speech: a quotation mark alone, as in markup, does not make a report someone's words)
        # ("according to reports, fighter jets attacked …" is a fresh report, not words about a known act; "according
        # to X, the attack targeted …" is about one)
        if may_refer and agent is None and event.date is None and _refers_elsewhere(f.sentence.text, event):
            self._references.append(event)  # "X denounced the attack": an event reported elsewhere
        elif isinstance(event, Strike):
            self.strikes.append(event)
        else:
            self.attacks.append(event)
        if not self._references or self._references[-1] is not event:  # (not words about an act told elsewhere)
            self.attacks.extend(joined)

    # --- one sentence -------------------------------------------------------------------------------
    def add(self, f: SentenceFacts, label: str | None, model_speaker: str | None) -> None:
        """The drafts one sentence gives: its strike or attack (and the one it answers), then its casualty report,
        then its statement."""
        s = f.sentence
        evidence = [make_span(self.text, s.start, s.end)]
        self._acts(f, label, evidence)
        self._last_group = last_group(s.text, s.start, self.gaz) or self._last_group
        has_counts = f.casualties.killed is not None or f.casualties.injured is not None
        self._conflict = self._conflict or has_counts
        who = self._source(f, model_speaker)
        source = self._figure_source(f, who)  # (every sentence: the next one may take it over)
        if has_counts and "casualty_report" in self.types:
            self._casualty_report(f, source, evidence)
        self._statement(f, who, model_speaker, has_counts, evidence)

    def _acts(self, f: SentenceFacts, label: str | None, evidence: list[Span]) -> None:
        s = f.sentence
        # "the US struck X in response to attacks by Y on Z": the strike is read from the words before
        # "in response to", and the attack it answers, when the rest names one, from the words after
        if label == "none" and f.event_candidate:
            # the model saw no act where a known force or group is the subject of a done one: the rules are sure
            label = sure_by_rules(s.text, self.gaz) or label
        elif label is None and not f.event_candidate and not f.anonymous:
            # no word of the act, only its result, done by a known force or group ("X said it killed …")
            label = result_by_rules(s.text, self.gaz)
        rival = self._rival_state(s.text)
        if label in ("none", None) and _FIGHTING_BETWEEN.search(s.text) and (self._both_sides(s.text) or rival):
            label = "strike"  # fighting between a state and a group (or two states): the strike here, the other below
        cut = answered_from(s.text) if label in ("strike", "attack") else None
        head = s.text[:cut] if cut is not None else s.text
        label = reconcile(label, head, self.gaz) if label else None
        # "six soldiers were killed after militants attacked …", "Iran said it was ready to defend itself after
        # jets struck …": the act is the later clause's, the first one only counts its dead or says something
        victims_only = cut is not None and label is not None and not names_the_act(head)
        other = another_event_at(s.text) if label in ("strike", "attack") else None
        tail, answered = "", None
        if other is not None:
            tail = s.text[other:]
            # the other event's own part: "…, while the group said it fired rockets in retaliation for …"
            rest = answered_from(tail[1:])
            tail = tail[: rest + 1] if rest is not None else tail
            answered = answered_kind(tail, self.gaz)
            label = _answered_by_forces(label, head, tail, self.gaz)
            if answered is not None and not (victims_only or answered != label
                                             or self._other_side(head, tail, answered)):
                answered = None
        if victims_only and answered is not None:
            label = None
        parts = listed_parts(head, self.gaz) if label in ("strike", "attack") and other is None else []
        if len(parts) > 1:
            self._listed(label, f, parts)
        else:
            # a sentence that relates its event to another ("the strikes were a response to a drone attack")
            # reports it; only a bare mention in someone's words is a reference to an event reported elsewhere
            self._event(label, f, head, s.start, evidence, may_refer=answered is None)
        if other is not None and answered is not None:
            self._answer(label, answered, f, tail, s.start + other, evidence)
        else:
            self._other_side_too(f, label, rival, evidence)
        if other is None and label != "attack":
            self._halted_campaign(f)

    def _answer(self, label: str | None, answered: str, f: SentenceFacts, tail: str, at: int,
                evidence: list[Span]) -> None:
        """The sentence's other event, read from its own words; a state's forces answering in the same sentence ("…
        on Wednesday, and the army responded with artillery fire") did so on the day of what they answered."""
        first = (self.strikes if label == "strike" else self.attacks)[-1:] if label in ("strike", "attack") else []
        events: list[Any] = self.strikes if answered == "strike" else self.attacks
        before = len(events)
        self._event(answered, f, tail, at, evidence)
        if not first or len(events) == before or not ANSWERED_BY_FORCES.match(tail):
            return
        # (and the forces are those of the state the act they answer hit: "rockets were fired into Israeli territory
        # … and the army responded")
        place = first[0].location
        hit = first[0].target_actor or (Mention(text=place.text, normalized=place.country, span=place.span)
                                        if place is not None and place.country is not None else None)
        answer = events[-1]
        agent = answer.actor if isinstance(answer, Strike) else None
        update: dict[str, Any] = {"date": answer.date or first[0].date}
        if isinstance(answer, Strike) and agent is None and hit is not None and self._kind(hit.normalized) == "state":
            update["actor"] = hit
        events[-1] = answer.model_copy(update=update)

    def _listed(self, label: str | None, f: SentenceFacts, parts: list[tuple[int, int, Where]]) -> None:
        """One act per place the sentence lists ("killed four in A, eight in B"): an event per part, each with its
        own words as evidence and its own place; a later part takes the agent, its link, the weapon and the day
        from the first."""
        s = f.sentence
        events: list[Any] = self.strikes if label == "strike" else self.attacks
        first: Strike | Attack | None = None
        for start, end, where in parts:
            before = len(events)
            evidence = [make_span(self.text, s.start + start, s.start + end)]
            self._event(label, f, s.text[start:end], s.start + start, evidence)
            if len(events) == before:
                return
            ev = events[-1]
            place = Place(text=s.text[where.start : where.end],
                          span=make_span(self.text, s.start + where.start, s.start + where.end),
                          name=where.name, country=where.country, country_code=where.country_code)
            if first is None:
                first = ev
            else:
                ev = inherit(ev, first)
                if (said := self._reported_on.get(first.evidence[0].start)) is not None:
                    self._reported_on[evidence[0].start] = said
            events[-1] = ev.model_copy(update={"location": place}) if ev.location is None else ev
            self._listed_at[evidence[0].start] = s.index

    def _in_power(self, attack: Attack) -> Strike | Attack:
        """The attack of a group that governed a state on its day ("Taliban forces shelled Pakistani posts" in
        2024) as that state's strike: Afghanistan's, by the forces the text names."""
        who = attack.attacker
        state = self._governing(who, attack)
        if who is None or state is None:
            return attack
        return as_other_kind(attack).model_copy(update={"actor": who.model_copy(update={"normalized": state})})

    def _attribution(self, f: SentenceFacts, part: str, named: Mention | None) -> Attribution:
        """How the article links the attack to its attacker; the group's own spokesman telling it is its claim
        ("The Houthis' military spokesman Yahya Saree said the naval forces targeted the ship …")."""
        found = attribution(part, named is not None, reported=f.has_speech_verb and not background(part))
        who, verb, act = f.speaker, speech_verb(part), act_verb(part)  # (named in this sentence, speaking first)
        own = named is not None and who is not None and named.normalized in (who.canonical, who.org)
        if found == "alleged" and own and verb is not None and act is not None and verb.start() < act.start():
            return "claimed"
        return found

    def _mark_earlier(self, event: Strike | Attack, at: int) -> None:
        """Note the mention whose evidence starts ``at`` as an earlier incident when its date lies months before the
        day of publication ("launched operations on Oct. 8, 2023" in a page of July 2025): not the one the page
        reports fresh (``Drafts.old``)."""
        value = event.date.value if event.date is not None else None
        if value is None or self.published_at is None:
            return
        day = dt.date.fromisoformat(value if len(value) == 10 else f"{value[:7]}-28" if len(value) == 7
                                    else f"{value[:4]}-12-31")
        if (self.published_at - day).days > _MONTHS_BEFORE:
            self._old.add(at)

    def _governing(self, who: Mention | None, event: Strike | Attack) -> str | None:
        """The state ``who`` governed on the act's day (its date, else the day of publication), if it governed one."""
        value = event.date.value if event.date else None
        day = dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else self.published_at
        return state_of(who.normalized, day) if who is not None else None

    def _reported_day(self, at: int, said: DateValue | None) -> None:
        """The day a source reported a fresh incident on, for the mention whose evidence starts ``at``; also the day
        an answer "at once" to it took place."""
        if said is not None:
            self._reported_on[at] = said
            if said.value is not None and len(said.value) == 10:
                self._last_day = said

    def _target_in_power(self, event: Strike | Attack) -> Strike | Attack:
        """What was hit of a group that governed a state on the act's day is that state's ("Pakistani forces
        destroyed Afghan Taliban posts" in 2025: Afghanistan's)."""
        hit = event.target_actor
        state = self._governing(hit, event)
        if hit is None or state is None:
            return event
        return event.model_copy(update={"target_actor": hit.model_copy(update={"normalized": state})})

    def _the_group(self, f: SentenceFacts, part: str, base: int) -> Mention | None:
        """"the group's attacks", "an attack blamed on the group": the armed group the sentence named before."""
        m = _THE_GROUP.search(part)
        if m is None:
            return None
        before = base - f.sentence.start + m.start()
        # (a name, not a description: "the Houthis, an Iran-backed group that …" is the Houthis)
        text = f.sentence.text
        groups = [a for a in self.gaz.find_actors(text[:before]) if a.entry.kind == "armed_group"
                  and not re.search(r"\ban?\s+$", text[max(0, a.start - 4) : a.start], re.I)]
        if not groups:
            return None
        g = groups[-1]
        return self._mention(f.sentence.start, Name(g.start, g.end, g.entry.name))

    def _other_side_too(self, f: SentenceFacts, label: str | None, rival: Name | None, evidence: list[Span]) -> None:
        """Fire both ways: the other side's event of the same sentence."""
        s = f.sentence
        if label == "strike" and rival is not None and _RECIPROCAL.search(s.text) and self.strikes:
            # "cross-border exchanges between Pakistan and Afghanistan": each state's strikes, one event each
            first = self.strikes[-1]
            if first.actor is not None and first.actor.normalized == rival.canonical:
                rival = self._rival_state(s.text, first=True)  # (the strike's actor is the second one named)
            if rival is not None:
                if first.target_actor is None:  # (each side's strike hits the other)
                    self.strikes[-1] = first.model_copy(update={"target_actor": self._mention(s.start, rival)})
                self.strikes.append(first.model_copy(update={"actor": self._mention(s.start, rival),
                                                             "target_actor": first.actor}))
        elif label in ("strike", "attack") and _RECIPROCAL.search(s.text) and self._both_sides(s.text):
            # "X and Y exchanged fire": a state's strikes and a group's attacks, one event each
            self._event("attack" if label == "strike" else "strike", f, s.text, s.start, evidence)

    def _halted_campaign(self, f: SentenceFacts) -> None:
        """"until the rebels cease their attacks on shipping", "failed to halt the group's attacks on Israel": the
        attacks someone is to stop are a campaign the sentence states as going on."""
        halted = HALTED_ATTACKS.search(f.sentence.text)
        if halted is not None:  # (its evidence is its clause: a campaign of its own, not the sentence's act)
            s, at = f.sentence, max(0, halted.start() - 60)
            at = s.text.rfind(" ", 0, at) + 1 if at else 0
            # (whose attacks they are: "their", "the group's", resolved to the group the sentence named)
            self._event("attack", f, s.text[halted.start() :], s.start + halted.start(),
                        [make_span(self.text, s.start + at, s.end)])

    def _rival_state(self, sentence: str, first: bool = False) -> Name | None:
        """The second (or ``first``) of two states fighting each other ("exchanges between Pakistan and
        Afghanistan", "Afghan border forces and Pakistani troops engaged in a clash": a state's own army is the
        state), if any."""
        m = _BETWEEN_STATES.search(sentence) or _BOTH_SUBJECTS.match(sentence)
        if m is None:
            return None
        states = [(f, f.entry.country if f.entry.kind == "state_force" and f.entry.country else f.entry.name)
                  for f in self.gaz.find_actors(sentence[m.end() : m.end() + 80]) if f.entry.kind == "state"
                  or (f.entry.kind == "state_force" and f.entry.country
                      and self.gaz.army_of(f.entry.country) is f.entry)]
        if len(states) < 2 or states[0][1] == states[1][1]:
            return None
        two, name = states[0 if first else 1]
        return Name(m.end() + two.start, m.end() + two.end, name)

    def _both_sides(self, sentence: str) -> bool:
        """The sentence names a state (or its forces) and an armed group, by name or by role ("security forces"
        and "the terrorists")."""
        kinds = {a.entry.kind for a in self.gaz.find_actors(sentence)}
        state = bool(kinds & {"state", "state_force"}) or _STATE_SIDE.search(sentence) is not None
        return state and ("armed_group" in kinds or _GROUP_SIDE.search(sentence) is not None)

    def _source(self, f: SentenceFacts, model_speaker: str | None) -> Mention | None:
        """Who speaks in the sentence: the rules' speaker, else the model's answer when the article has it."""
        s = f.sentence
        group = self._last_group if not f.who and not f.anonymous else None
        verb = speech_verb(s.text) if group is not None else None
        if group is not None and verb is not None and described_speaker(s.text, verb.start()):
            return self._mention(0, group)  # "The terror group claimed …": the group named before
        who = self._speaker(f.who) if f.who else self._named(model_speaker, s.start)
        if not f.who and who is not None and who.span is None and self.gaz.actor(who.text) is None:
            # a name the model wrote that is neither in the article nor a known actor: not trusted
            self.warnings.append(f"sentence {s.index}: speaker answer not found in the article, dropped")
            who = None
        if not f.who and who is not None and unnamed_sources(who.text):
            # ("Security sources" for "…, sources further said": the guidelines' anonymous source, no speaker)
            self.warnings.append(f"sentence {s.index}: speaker answer is an unnamed source, dropped")
            who = None
        if not f.who and who is not None and who.span is not None and (filed := DATELINE.match(s.text)) \
                and who.span.start < s.start + filed.end():
            # ("ERBIL — At least four soldiers were killed …, a report said": the city the report was filed from)
            self.warnings.append(f"sentence {s.index}: speaker answer is the dateline, dropped")
            who = None
        if not f.who and who is not None and self._kind(who.normalized) == "state":
            # (the model's "Israel" for "Israel also said …": a state speaks through its government, as the rules read)
            who = who.model_copy(update={"normalized": f"Government of {who.normalized}"})
        return who or self._countrys_body(f)

    def _countrys_body(self, f: SentenceFacts) -> Mention | None:
        """"according to the country's health ministry": the body of the one state the sentence puts its events
        in ("killed across Lebanon …"), when the gazetteer lists that body."""
        s = f.sentence
        m = _COUNTRYS_BODY.search(s.text) if f.has_speech_verb else None
        if m is None:
            return None
        where = self._place(s.text, s.start)
        body = body_of_state(self.gaz, where.country, s.text[m.start("own") :]) if where and where.country else None
        return self._written(s.start + m.start(), s.start + m.start("own") + body[1], body[0]) if body else None

    def _casualty_report(self, f: SentenceFacts, source: Mention | None, evidence: list[Span]) -> None:
        """One report per figure, victim group and source the sentence gives."""
        s = f.sentence
        for report in f.reports:
            self.casualties.append(CasualtyReport(
                id="", killed=self._count(f, report.killed), injured=self._count(f, report.injured),
                victims=self._mention(s.start, next((v for c in (report.killed, report.injured) if c
                                                     and (v := victims_after(s.text, c.end))), None)),
                reported_by=source, location=self._figure_place(s.text, s.start, report.killed or report.injured),
                date=self._date(s.text, s.start), evidence=evidence))

    def _figure_place(self, sentence: str, base: int, figure: CountMatch | None) -> Place | None:
        """Where a figure's people were hit: the place of its own clause when a headline strings several with
        semicolons ("Man killed in Jericho; two hurt in Tel Aviv"), else the sentence's."""
        if figure is not None and ";" in sentence:
            start = sentence.rfind(";", 0, figure.start) + 1
            end = sentence.find(";", figure.end)
            clause = sentence[start : end if end >= 0 else len(sentence)]
            own = self._place(clause, base + start)
            if own is not None:
                return own
        return self._place(sentence, base)

    def _figure_source(self, f: SentenceFacts, who: Mention | None) -> Mention | None:
        """Who gives the sentence's figures: its speaker; an unnamed source as the text gives it ("security
        officials"); or, for a sentence with no attribution of its own, the source of the sentence before it in the
        same paragraph ("…, the army said. The blast also injured three civilians.")."""
        s = f.sentence
        source: Mention | None = None
        # ("Israeli emergency services reported …": a body nobody lists, as the text gives it, is still the source)
        if f.has_speech_verb and (f.anonymous or who is None) and (at := anonymous_phrase(s.text)) is not None:
            source = self._mention(s.start, Name(at[0], at[1], s.text[at[0] : at[1]]))
        elif f.has_speech_verb:
            source = who if self._same_clause(f, who) else None
        elif self._last_source is not None and self._last_source[0] == s.index - 1 and \
                "\n" not in self.text[self._last_source[1] : s.start]:  # (no line break between: one paragraph)
            source = self._last_source[2]
        self._last_source = (s.index, s.end, source) if source is not None else None
        return source

    def _statement(self, f: SentenceFacts, who: Mention | None, model_speaker: str | None, has_counts: bool,
                   evidence: list[Span]) -> None:
        s = f.sentence
        org = f.who.org if f.who and f.who.org != f.who.canonical else None
        # a casualty figure a source gives is a casualty report; the sentence is also a statement
        # only when the source says more than the figure (a quotation, a justification, a condemnation…)
        verb = speech_verb(s.text)
        marked = kind_by_rules(s.text, verb.span() if verb else None, f.cues.quote)
        kind = marked or "claim"
        # news media relaying a report ("Press TV reported", "according to Reuters") are sources, not speakers
        # (a body found by the shape of its name may still be listed as media: "The Syrian Arab News Agency (SANA)")
        by_media = "media" in ((f.who.kind, self._kind(f.who.canonical)) if f.who else (self._kind(model_speaker),)) \
            or outlet_says(s.text)
        # (a group's claim of responsibility is its statement whatever figures the sentence gives)
        speaks = f.has_speech_verb and who is not None and not by_media and not f.anonymous and \
            not _diplomacy_only(s.text) and not _QUESTION.match(s.text) and (
            not has_counts or (f.cues.quote is not None and not _only_a_toll(s.text, f.cues.quote)) or kind != "claim"
            or _CLAIMS_RESPONSIBILITY.search(s.text) or _OWN_OPERATION.search(s.text)
            or claims_the_act(s.text) or _ACCUSES.search(s.text))
        if speaks and who is not None and "statement" in self.types:
            q = f.cues.quote
            self._add_statement(Statement(
                id="", speaker=who, speaker_org=self._named(org, s.start) if org else None,
                quote=make_span(self.text, s.start + q[0], s.start + q[1]) if q else None,
                kind=kind, date=self._said(s.text, s.start), evidence=evidence), None if marked else s.text)
            self._contrasting_speaker(f, who, evidence)
            self._co_speaker(f, who, evidence)

    def _same_clause(self, f: SentenceFacts, who: Mention | None) -> bool:
        """The speaker written in the same ';'-clause as the figure ("Man killed in X; two hurt in Y; Z: Iran will
        pay" - Z does not report the toll); a speaker named elsewhere or not written in the sentence is kept."""
        s = f.sentence
        figure = f.casualties.killed or f.casualties.injured
        if who is None or who.span is None or figure is None or ";" not in s.text:
            return True
        at = who.span.start - s.start
        if not 0 <= at < len(s.text):
            return True
        return s.text.count(";", 0, at) == s.text.count(";", 0, figure.start)

    def _contrasting_speaker(self, f: SentenceFacts, who: Mention, evidence: list[Span]) -> None:
        """"The US military said it hit a depot, while Iran denied any link": one statement per speaker."""
        s = f.sentence
        at = contrast_at(s.text)
        if at is None:
            return
        clause = s.text[at:]
        other = find_speaker(clause, self.gaz)
        verb = speech_verb(clause)
        if other is None or verb is None or other.start > verb.start():
            return  # only "while X denied", with its own subject before its own verb
        other = dataclasses.replace(other, start=other.start + s.start + at, end=other.end + s.start + at)
        mention = self._speaker(other)
        if mention.normalized == who.normalized or (self._kind(other.canonical) == "media"):
            return
        marked = kind_by_rules(clause, verb.span())
        self._add_statement(Statement(
            id="", speaker=mention, speaker_org=None, quote=None,
            kind=marked or "claim", date=self._said(clause, s.start + at), evidence=evidence),
            None if marked else clause)

    def _co_speaker(self, f: SentenceFacts, who: Mention, evidence: list[Span]) -> None:
        """"President X and Prime Minister Y condemned the blast": two speakers in one sentence, two statements (the
        speaker found is the one nearest the verb; the one joined to it by "and" says the same)."""
        s, named = f.sentence, f.speaker
        if named is None:
            return
        at = named.start - s.start
        for c in candidates(s.text, self.gaz):
            if c.end <= at and c.kind != "media" and _JOINED.fullmatch(s.text, c.end, at):
                mention = self._speaker(dataclasses.replace(c, start=c.start + s.start, end=c.end + s.start))
                if mention.normalized != who.normalized:
                    last = self.statements[-1]  # (in the order of the text: the first named first)
                    self.statements.insert(len(self.statements) - 1,
                                           last.model_copy(update={"speaker": mention, "speaker_org": None}))
                return

    def _add_statement(self, statement: Statement, unsure: str | None) -> None:
        """``unsure``: the words of a statement whose kind they do not mark."""
        self.statements.append(statement)
        if unsure is not None:
            self._unsure[id(statement)] = unsure

    def _place_references(self) -> None:
        """A mention in someone's words that names neither agent nor date ("Khamenei said Israel will be punished
        for the attack") refers to an event the article reports: it joins that kind's events; when the
        article has none of that kind but has the other (the model called the Israeli strike "the attack"), it
        becomes evidence of the other kind's main event; only when the article has neither is it an event itself."""
        for ref in self._references:
            own: list[Any] = self.strikes if isinstance(ref, Strike) else self.attacks
            other: list[Any] = self.attacks if isinstance(ref, Strike) else self.strikes
            if own or not other:  # whom a passing mention names may be anyone: not its target
                own.append(ref.model_copy(update={"target": None, "target_actor": None}))
            else:
                main = max(range(len(other)), key=lambda i: len(other[i].evidence))
                other[main] = other[main].model_copy(update={"evidence": other[main].evidence + ref.evidence})
        self._references.clear()

    def drafts(self) -> Drafts:
        """The events read so far, references placed, strikes and attacks in the order of their first evidence."""
        if not self._conflict:
            # an article that reports no strike, attack or casualty is not about the armed conflict (an election,
            # a budget, talks): what its people say there is not a conflict statement, and a passing mention of a
            # blast that names nobody, no target, weapon, place or date is no event to count
            self.statements.clear()
            self.strikes.clear()
            self.attacks.clear()
            self._references.clear()
        self._place_references()
        self.strikes.sort(key=lambda e: e.evidence[0].start)
        self.attacks.sort(key=lambda e: e.evidence[0].start)
        unsure = [(i, self._unsure[id(st)]) for i, st in enumerate(self.statements) if id(st) in self._unsure]
        return Drafts(self.strikes, self.attacks, self.statements, self.casualties, self.warnings, unsure,
                      self._reported_on, self._listed_at, self._old)


def build_drafts(text: str, published_at: dt.date | None, gaz: Gazetteer, types: set[str],
                 facts: list[SentenceFacts], labels: dict[int, str | None],
                 speakers: dict[int, str | None]) -> Drafts:
    """One draft event per mention, sentence by sentence, from the rules' facts and the model's answers."""
    builder = EventBuilder(text, published_at, gaz, types)
    for f in facts:
        builder.add(f, labels.get(f.sentence.index), speakers.get(f.sentence.index))
    return builder.drafts()
