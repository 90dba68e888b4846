"""The values of a draft event, each with its span made from absolute offsets into the text (``make_span``), or
aligned when the value was not read off the sentence (a speaker's organisation, a model's answer)."""

from __future__ import annotations

import datetime as dt
import re

from api.extraction.normalize.counts import CountMatch
from api.extraction.normalize.dates import DateMatch
from api.extraction.rules.acts import Name
from api.extraction.rules.agents import side
from api.extraction.rules.event_dates import event_date, speech_date
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import location
from api.extraction.rules.sentence_facts import SentenceFacts
from api.extraction.rules.speaker_names import SpeakerGuess, listed_actor
from api.extraction.rules.state_bodies import body_of_state
from api.extraction.text.grounding import align, make_span
from schemas.contract import Count, DateValue, Mention, Place


def side_of(gaz: Gazetteer, name: str) -> str:
    """Whose side the actor called ``name`` acts for (the name itself when the gazetteer does not know it)."""
    actor = gaz.actor(name)
    return side(actor) if actor else name


# a state's body written before it: "the Ministry of Health of Lebanon", "the army of Lebanon"
_BODY_BEFORE = re.compile(r"(?P<all>(?:ministry\s+of\s+(?P<office>defen[cs]e|foreign\s+affairs|health|interior|"
                          r"information)|(?P<body>(?:defen[cs]e|foreign|health|interior)\s+ministry|military|army|"
                          r"armed\s+forces|air\s+force|navy|presidency)))\s+of\s+(?:the\s+)?$", re.I)
# a state named after its body: " of Qatar", " of the United States"
_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?((?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,2})", re.I)


class GroundedValues:
    """Mixed into ``EventBuilder``, which holds the article's text, its publication date and the gazetteer."""

    text: str
    published_at: dt.date | None
    gaz: Gazetteer

    def _mention(self, base: int, n: Name | None) -> Mention | None:
        return None if n is None else self._written(base + n.start, base + n.end, n.canonical)

    def _written(self, start: int, end: int, canonical: str) -> Mention:
        """What the text names between ``start`` and ``end``, as ``canonical``."""
        return Mention(text=self.text[start:end], normalized=canonical, span=make_span(self.text, start, end))

    def _named(self, name: str | None, around: int) -> Mention | None:
        """A name that may not be written in the sentence (a speaker's organisation, a model answer)."""
        if not name:
            return None
        actor = self.gaz.actor(name)
        normalized = actor.name if actor else name
        where = align(self.text, name, around) or (align(self.text, actor.name, around) if actor else None)
        if where is None:
            return Mention(text=name, normalized=normalized, span=None)
        return self._written(*where, normalized)

    def _side(self, name: str) -> str:
        return side_of(self.gaz, name)

    def _kind(self, name: str | None) -> str | None:
        actor = self.gaz.actor(name) if name else None
        return actor.kind if actor else None

    def _speaker(self, who: SpeakerGuess) -> Mention:
        actor = listed_actor(who, self.gaz)
        before = _BODY_BEFORE.search(self.text, max(0, who.start - 50), who.start) if actor is not None and \
            actor.kind == "state" else None
        if actor is not None and before is not None:
            # "the Ministry of Health of Lebanon", "the army of Lebanon": the state's own body speaks
            words = before.group("body") or f"{before.group('office')} ministry"
            body = body_of_state(self.gaz, actor.name, f"'s {words.replace('foreign affairs', 'foreign')}")
            if body is not None:
                return self._written(before.start("all"), who.end, body[0])
        if actor is not None and actor.kind == "state":
            # "Israel’s military said": the state's own body speaks
            # (the gazetteer may have read "Lebanon’s army" whole as the state: the body is read from the "’s")
            own = re.search(r"['’]s\s", who.text)
            cut = who.start + own.start() if own else who.end
            body = body_of_state(self.gaz, actor.name, self.text[cut : cut + 40])
            if body is not None:
                return self._written(who.start, cut + body[1], body[0])
        # "the Foreign Ministry of Qatar", "the army of Lebanon": a state's body named before the state
        of = _OF_STATE.match(self.text, who.end)
        state_of_body = self.gaz.actor(of.group(1)) if of is not None else None
        if of is not None and state_of_body is not None and state_of_body.kind == "state":
            body = body_of_state(self.gaz, state_of_body.name, f"'s {who.text}")
            if body is not None and body[1] == len(who.text) + 3:
                return self._written(who.start, of.end(), body[0])
        # a state speaks through its government: "Iran says" is a statement by the Government of Iran
        bare = not re.search(r"\b(?:military|forces|army|troops|navy|air\s+force|officials?)\b", who.text, re.I)
        state = actor is not None and actor.kind == "state" and bare
        normalized = f"Government of {actor.name}" if state and actor is not None else who.canonical
        return self._written(who.start, who.end, normalized)

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
