"""Contract events from one sentence's facts and the model's answers, with grounded spans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from api.extraction.align import align, make_span
from api.extraction.assemble import fold_headlines, link, merge, merge_casualties, number
from api.extraction.cues import attack_weapon, attribution, strike_weapon
from api.extraction.fields import (
    Name,
    another_event_at,
    answered_from,
    answered_kind,
    attack_actor,
    event_date,
    location,
    reconcile,
    side,
    speech_date,
    strike_actor,
    target_phrase,
    victims_after,
)
from api.extraction.gazetteer import Gazetteer
from api.extraction.kinds import contrast_at, statement_kind
from api.extraction.mentions import SentenceFacts
from api.extraction.normalize_counts import CountMatch
from api.extraction.normalize_dates import DateMatch
from api.extraction.speakers import SpeakerGuess, anonymous_phrase, body_of_state, find_speaker, speech_verb
from schemas.contract import (
    Attack,
    CasualtyReport,
    Count,
    DateValue,
    Mention,
    Place,
    Span,
    Statement,
    Strike,
)

_BODY_END = re.compile(r"\s*['’]s\s+\w+(?:\s+(?:ministry|forces|force))?", re.I)
_CLAIMS_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)?\s+(?:\w+\s+)?responsibility\b", re.I)


class EventBuilder:
    def __init__(self, text: str, published_at: dt.date | None, gaz: Gazetteer, types: set[str]):
        self.text, self.published_at, self.gaz, self.types = text, published_at, gaz, types
        self.strikes: list[Strike] = []
        self.attacks: list[Attack] = []
        self.statements: list[Statement] = []
        self.casualties: list[CasualtyReport] = []
        self.warnings: list[str] = []
        self._references: list[Strike | Attack] = []
        self._conflict = False  # whether any sentence reports a strike, an attack or a casualty (any type asked)
        self._source: tuple[int, Mention] | None = None  # the last sentence's source of what it reports, by index

    # --- building blocks, all spans made from absolute offsets -------------------------------------
    def _mention(self, base: int, n: Name | None) -> Mention | None:
        if n is None:
            return None
        return Mention(text=self.text[base + n.start : base + n.end], normalized=n.canonical,
                       span=make_span(self.text, base + n.start, base + n.end))

    def _named(self, name: str | None, around: int) -> Mention | None:
        """A name that may not be written in the sentence (a speaker's organisation, a model answer)."""
        if not name:
            return None
        actor = self.gaz.actor(name)
        normalized = actor.name if actor else name
        where = align(self.text, name, around) or (align(self.text, actor.name, around) if actor else None)
        if where is None:
            return Mention(text=name, normalized=normalized, span=None)
        return Mention(text=self.text[where[0] : where[1]], normalized=normalized,
                       span=make_span(self.text, *where))

    def _other_side(self, head: str, tail: str, kind: str) -> bool:
        """Both parts report the same kind of event: two events only if different sides carry them out."""
        agent = strike_actor if kind == "strike" else attack_actor
        mine, theirs = agent(head, self.gaz)[0], agent(tail, self.gaz)[0]
        return mine is not None and theirs is not None and self._side(mine.canonical) != self._side(theirs.canonical)

    def _side(self, name: str) -> str:
        actor = self.gaz.actor(name)
        return side(actor) if actor else name

    def _kind(self, name: str | None) -> str | None:
        actor = self.gaz.actor(name) if name else None
        return actor.kind if actor else None

    def _speaker(self, who: SpeakerGuess) -> Mention:
        actor = self.gaz.actor(who.canonical) if not who.is_person else None
        if actor is not None and actor.kind == "state":
            # "Israel’s military said": the state's own body speaks
            after = self.text[who.end : who.end + 40]
            body = body_of_state(self.gaz, actor.name, after)
            if body is not None:
                end = who.end + (_BODY_END.match(after).end() if _BODY_END.match(after) else 0)
                return Mention(text=self.text[who.start : end], normalized=body,
                               span=make_span(self.text, who.start, end))
        # a state speaks through its government: "Iran says" is a statement by the Government of Iran
        bare = not re.search(r"\b(?:military|forces|army|troops|navy|air\s+force|officials?)\b", who.text, re.I)
        state = actor is not None and actor.kind == "state" and bare
        normalized = f"Government of {actor.name}" if state and actor is not None else who.canonical
        return Mention(text=self.text[who.start : who.end], normalized=normalized,
                       span=make_span(self.text, who.start, who.end))

    def _place(self, part: str, base: int) -> Place | None:
        """The place of ``part``, a piece of the text starting at ``base``."""
        w = location(part, self.gaz)
        if w is None:
            return None
        return Place(text=self.text[base + w.start : base + w.end], span=make_span(self.text, base + w.start,
                                                                                   base + w.end),
                     name=w.name, country=w.country, country_code=w.country_code)

    def _date(self, part: str, base: int) -> DateValue | None:
        """When the event of ``part`` happened."""
        return self._date_value(event_date(part, self.published_at), base)

    def _said(self, sentence: str, base: int) -> DateValue | None:
        """When the words of ``sentence`` were said."""
        return self._date_value(speech_date(sentence, self.published_at), base)

    def _date_value(self, m: DateMatch | None, base: int) -> DateValue | None:
        if m is None:
            return None
        return DateValue(text=self.text[base + m.start : base + m.end],
                         span=make_span(self.text, base + m.start, base + m.end), value=m.value, precision=m.precision)

    def _count(self, f: SentenceFacts, c: CountMatch | None) -> Count | None:
        if c is None:
            return None
        b = f.sentence.start
        return Count(text=self.text[b + c.start : b + c.end], span=make_span(self.text, b + c.start, b + c.end),
                     min=c.min, max=c.max)

    # --- one sentence -------------------------------------------------------------------------------
    def _event(self, label: str | None, f: SentenceFacts, part: str, base: int, evidence: list[Span], *,
               may_refer: bool = False) -> None:
        """A strike or an attack read from ``part`` of the sentence (the whole of it, or the event it answers)."""
        event: Strike | Attack
        if label == "strike" and "strike" in self.types:
            actor, target_actor = strike_actor(part, self.gaz)
            event = Strike(
                id="", actor=self._mention(base, actor), target=self._mention(base, target_phrase(part)),
                target_actor=self._mention(base, target_actor),
                weapon=strike_weapon(part), location=self._place(part, base), date=self._date(part, base),
                evidence=evidence)
        elif label == "attack" and "attack" in self.types:
            attacker, target_actor = attack_actor(part, self.gaz)
            event = Attack(
                id="", attacker=self._mention(base, attacker),
                attribution=attribution(part, attacker is not None, reported=f.has_speech_verb),
                target=self._mention(base, target_phrase(part)),
                target_actor=self._mention(base, target_actor), weapon=attack_weapon(part),
                location=self._place(part, base), date=self._date(part, base), evidence=evidence)
        else:
            return
        agent = event.actor if isinstance(event, Strike) else event.attacker
        # (a real verb of speech: a quotation mark alone, as in markup, does not make a report someone's words)
        if may_refer and speech_verb(f.sentence.text) is not None and agent is None and event.date is None:
            self._references.append(event)  # "X denounced the attack": an event reported elsewhere
        elif isinstance(event, Strike):
            self.strikes.append(event)
        else:
            self.attacks.append(event)

    # --- one sentence -------------------------------------------------------------------------------
    def add(self, f: SentenceFacts, label: str | None, model_speaker: str | None) -> None:
        s = f.sentence
        evidence = [make_span(self.text, s.start, s.end)]
        # "the US struck X in response to attacks by Y on Z": the strike is read from the words before
        # "in response to", and the attack it answers, when the rest names one, from the words after
        cut = answered_from(s.text) if label in ("strike", "attack") else None
        head = s.text[:cut] if cut is not None else s.text
        label = reconcile(label, head, self.gaz) if label else None
        other = another_event_at(s.text) if label in ("strike", "attack") else None
        tail, answered = "", None
        if other is not None:
            tail = s.text[other:]
            # the other event's own part: "…, while the group said it fired rockets in retaliation for …"
            rest = answered_from(tail[1:])
            tail = tail[: rest + 1] if rest is not None else tail
            answered = answered_kind(tail, self.gaz)
            if answered is not None and not (answered != label or self._other_side(head, tail, answered)):
                answered = None
        # a sentence that relates its event to another ("the strikes were a response to a drone attack") reports
        # it; only a bare mention in someone's words is a reference to an event reported elsewhere
        self._event(label, f, head, s.start, evidence, may_refer=answered is None)
        if other is not None and answered is not None:
            self._event(answered, f, tail, s.start + other, evidence)
        has_counts = f.casualties.killed is not None or f.casualties.injured is not None
        self._conflict = self._conflict or has_counts or label in ("strike", "attack") or answered is not None
        who = self._speaker(f.who) if f.who else self._named(model_speaker, s.start)
        if not f.who and who is not None and who.span is None and self.gaz.actor(who.text) is None:
            # a name the model wrote that is neither in the article nor a known actor: not trusted
            self.warnings.append(f"sentence {s.index}: speaker answer not found in the article, dropped")
            who = None
        org = f.who.org if f.who and f.who.org != f.who.canonical else None
        source = self._figure_source(f, who)
        if has_counts and "casualty_report" in self.types:
            for report in f.reports:
                self.casualties.append(CasualtyReport(
                    id="", killed=self._count(f, report.killed), injured=self._count(f, report.injured),
                    victims=self._mention(s.start, next((v for c in (report.killed, report.injured) if c
                                                         and (v := victims_after(s.text, c.end))), None)),
                    reported_by=source,
                    location=self._place(s.text, s.start),
                    date=self._date(s.text, s.start), evidence=evidence))
        # a casualty figure a source gives is a casualty report; the sentence is also a statement
        # only when the source says more than the figure (a quotation, a justification, a condemnation…)
        verb = speech_verb(s.text)
        kind = statement_kind(s.text, verb.span() if verb else None, f.cues.quote)
        # news media relaying a report ("Press TV reported", "according to Reuters") are sources, not speakers
        by_media = (f.who.kind if f.who else self._kind(model_speaker)) == "media"
        # (a group's claim of responsibility is its statement whatever figures the sentence gives)
        speaks = f.has_speech_verb and who is not None and not by_media and not f.anonymous and (
            not has_counts or f.cues.quote is not None or kind != "claim" or _CLAIMS_RESPONSIBILITY.search(s.text))
        if speaks and who is not None and "statement" in self.types:
            q = f.cues.quote
            self.statements.append(Statement(
                id="", speaker=who, speaker_org=self._named(org, s.start) if org else None,
                quote=make_span(self.text, s.start + q[0], s.start + q[1]) if q else None,
                kind=kind, date=self._said(s.text, s.start), evidence=evidence))
            self._contrasting_speaker(f, who, evidence)

    def _figure_source(self, f: SentenceFacts, who: Mention | None) -> Mention | None:
        """Who gives the sentence's figures: its speaker; an unnamed source as the text gives it ("security
        officials"); or, for a sentence with no attribution of its own, the source of the sentence before it in the
        same paragraph ("…, the army said. The blast also injured three civilians.")."""
        s = f.sentence
        source: Mention | None = None
        if f.has_speech_verb and f.anonymous and (at := anonymous_phrase(s.text)) is not None:
            source = self._mention(s.start, Name(at[0], at[1], s.text[at[0] : at[1]]))
        elif f.has_speech_verb:
            source = who if self._same_clause(f, who) else None
        elif self._source is not None and self._source[0] == s.index - 1 and \
                "\n" not in self.text[self.text.rfind(" ", 0, s.start) : s.start]:
            source = self._source[1]
        self._source = (s.index, source) if source is not None else None
        return source

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
        self.statements.append(Statement(
            id="", speaker=mention, speaker_org=None, quote=None,
            kind=statement_kind(clause, verb.span()), date=self._said(clause, s.start + at), evidence=evidence))

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

    def finish(self) -> tuple[list[Strike], list[Attack], list[Statement], list[CasualtyReport]]:
        if not self._conflict:
            # an article that reports no strike, attack or casualty is not about the armed conflict (an election,
            # a budget, talks): what its people say there is not a conflict statement
            self.statements.clear()
        self._place_references()
        self.strikes.sort(key=lambda e: e.evidence[0].start)
        self.attacks.sort(key=lambda e: e.evidence[0].start)
        strikes, attacks = merge(self.strikes, self._side), merge(self.attacks, self._side)
        self.casualties = merge_casualties(self.casualties)
        self.statements = fold_headlines(self.text, self.statements)
        number(strikes, attacks, self.statements, self.casualties)
        link(self.text, strikes, attacks, self.statements, self.casualties)
        return strikes, attacks, self.statements, self.casualties
