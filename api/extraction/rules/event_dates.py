"""When the event happened, and when the words about it were said."""

from __future__ import annotations

import datetime as dt
import re

from api.extraction.normalize.dates import RELATIVE_DAY, DateMatch, find_date
from api.extraction.rules.acts import act_verb
from api.extraction.rules.speech import STATEMENT_OPENING, speech_verbs
from api.extraction.text.datelines import DATELINE
from api.extraction.text.quotes import find_quote

# a date that dates another event noun: "in response to an August 15 attack"
_DATES_NOUN = re.compile(r"\s*(?:\S+\s+)?(?:attacks?|strikes?|airstrikes?|raids?|bombings?|assaults?)\b", re.I)


# the words between a verb of speech and the act when the act is its object: "reported at least eight air ",
# "claimed responsibility for the March 5 " (no clause of its own: no subject, no "that")
_OBJECT_GAP = re.compile(r"(?:\s+(?!(?:that|it|they|he|she|we|its|their|the\s+\w+\s+(?:had|has|was|were))\b)"
                         r"[\w.’'-]+){0,6}\s+$", re.I)


# verbs of speech that take the act itself as their object ("reported eight air strikes", "condemned the attack")
_REPORTS_ACT = re.compile(r"(?:reported|claimed|confirmed|condemned|denounced)$", re.I)


def event_date(sentence: str, published_at: dt.date | None) -> DateMatch | None:
    """The date of the event: the first one after its verb ("said on Wednesday it struck on Tuesday"), else any.

    Not a date that belongs to the speech ("…, the ministry said on Wednesday", "Wednesday said"), to a dateline
    before the speaker, to the event this one answers ("in response to an August 15 attack"), or to another event
    noun it dates ("an August 15 attack" when the sentence is about a strike). Each of those is blanked out of a
    copy of the sentence (offsets kept), then the date nearest the act is read from what is left."""
    view = list(sentence)
    verb = act_verb(sentence)
    pivot = verb.start() if verb else len(view)
    _blank_speech_dates(sentence, view, verb, pivot)
    framed = STATEMENT_OPENING.match(sentence)
    if framed is not None:  # ("In a statement on Monday, Hezbollah denounced the strikes": the statement's day)
        view[: framed.end()] = " " * framed.end()
    filed = DATELINE.match(sentence)
    if filed is not None:  # ("MOGADISHU, April 21 (Xinhua) —": the day the report was filed, not the act's)
        head = re.match(r"\W*(?:date\s+\S+\s+)?", sentence)
        lo = head.end() if head else 0
        view[lo : filed.end()] = " " * (filed.end() - lo)
    _blank_periods(sentence, view, published_at)
    _blank_about_people(sentence, view, pivot)
    _blank_accords(sentence, view, pivot)
    quote = find_quote(sentence)
    if quote is not None:  # "“Today’s strikes were necessary,” he said": the speaker's today, not the article's
        for m in RELATIVE_DAY.finditer(sentence, *quote):
            view[m.start() : m.end()] = " " * (m.end() - m.start())
    return _own_date("".join(view), verb, pivot, published_at)


def _blank_speech_dates(sentence: str, view: list[str], verb: re.Match[str] | None, pivot: int) -> None:
    """Blank the words around each verb of speech that would date the speech, not the act."""
    for said in speech_verbs(sentence):
        # "…, Wednesday said", "the ministry said on Monday": the speech's own date (not across a comma)
        # (a parenthetical "…, two officials said, …" before the act is only its own words)
        aside = re.search(r",\s*(?:[\w.’'-]+\s+){1,5}$", sentence[: said.start()]) \
            and sentence[said.end() :].lstrip().startswith(",")
        # "residents reported at least eight air strikes", "claimed responsibility for the March 5 attack": the
        # act is the object of the verb, so the sentence's date is the act's
        reports_act = (verb is not None and said.end() <= pivot and _REPORTS_ACT.match(said.group(0))
                       and _OBJECT_GAP.match(sentence, said.end(), pivot))
        if reports_act:
            continue
        if said.start() < pivot and not aside:
            lo = 0
        else:
            lo = max(0, said.start() - 15, sentence.rfind(",", 0, said.start()) + 1)
        view[lo : said.end() + 25] = " " * len(view[lo : said.end() + 25])


def _blank_periods(sentence: str, view: list[str], published_at: dt.date | None) -> None:
    """Blank where a period starts or ends: "attacks since Oct. 17", "Since November, …", "since the civil war
    began in 2011"."""
    for m in re.finditer(r"\b(?:since|until)\s+", sentence, re.I):
        whole = find_date(sentence[m.start() : m.end() + 45], published_at)  # read with its word: "Since November"
        if whole is not None and whole.start == 0:
            view[m.start() : m.start() + whole.end] = " " * whole.end
            continue
        found = find_date(sentence[m.end() : m.end() + 45], published_at)
        if found is not None and (found.start == 0
                                  or not re.search(r"[,;.]", sentence[m.end() : m.end() + found.start])):
            view[m.start() : m.end() + found.end] = " " * (m.end() + found.end - m.start())


def _blank_about_people(sentence: str, view: list[str], pivot: int) -> None:
    """Blank a clause about a person the act names: "targeted X, who took over the group on Oct. 31, 2019, …"
    dates X's past, not the act (the clause ends at the next comma)."""
    for m in re.finditer(r",\s*(?:who|whom|whose)\s", sentence):
        end = sentence.find(",", m.end())
        end = len(sentence) if end < 0 else end
        if not m.start() <= pivot < end:
            view[m.start() : end] = " " * (end - m.start())


def _blank_accords(sentence: str, view: list[str], pivot: int) -> None:
    """Blank the clause of an accord: "despite a ceasefire agreement reached on November 27" dates the truce, not
    the strikes (the clause ends at the next comma or semicolon)."""
    for m in _ACCORD.finditer(sentence):
        end = min((i for i in (sentence.find(",", m.end()), sentence.find(";", m.end())) if i >= 0),
                  default=len(sentence))
        if not m.start() <= pivot < end:
            view[m.start() : end] = " " * (end - m.start())


_ACCORD = re.compile(r"\b(?:cease-?fires?|truces?|agreements?|accords?|armistice|peace\s+deal)\b", re.I)


def _own_date(text: str, verb: re.Match[str] | None, pivot: int, published_at: dt.date | None) -> DateMatch | None:
    """The date nearest the act that dates no other event noun (tried four times, each time past the last one)."""
    for _ in range(4):
        found = _date_near(text, pivot, published_at)
        if found is None:
            return None
        noun = _DATES_NOUN.match(text, found.end)
        if noun is None or (verb is not None and found.end <= verb.start() < noun.end()):
            return found  # no event noun after it, or the noun it dates is this event's own
        text = text[: found.start] + " " * (found.end - found.start) + text[found.end :]
    return None


def speech_date(sentence: str, published_at: dt.date | None) -> DateMatch | None:
    """When the words were said: a date right before or after the first verb of speech ("said on Sunday",
    "Wednesday said"), or none; the dates of the events it reports are not the statement's."""
    verbs = speech_verbs(sentence)
    if not verbs:
        return None
    lo, hi = max(0, verbs[0].start() - 20), min(len(sentence), verbs[0].end() + 25)
    # (or a fronted day that opens the sentence: "Late on Thursday, the US military said …")
    opening = re.match(r"\W*(?:\w+\s+){0,3}?\w+\s*,", sentence[: verbs[0].start()])
    if opening is not None and verbs[0].start() - opening.end() < 60:
        lo = 0
    window = " " * lo + sentence[lo:hi]
    m = find_date(window, published_at)
    return m if m is not None and m.value is not None else None


def _date_near(text: str, pivot: int, published_at: dt.date | None) -> DateMatch | None:
    # after the verb ("struck … on Tuesday"), then just before it ("on Tuesday evening carried out"), then any
    for lo in (pivot, max(0, pivot - 40), 0) if pivot < len(text) else (0,):
        m = find_date(text[lo:], published_at)
        if m is not None and m.value is not None:
            return DateMatch(m.start + lo, m.end + lo, m.value, m.precision)
    return None
