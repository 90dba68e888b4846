"""Sources nobody could name ("…, two security sources said"): no speaker to find, none to ask the model for."""

from __future__ import annotations

import functools
import re

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.speech import speech_verbs

_ANONYMOUS = re.compile(
    r"(?:^|[,“”\"]\s*)(?:(?:two|three|several|some|other|the|a|an|local|senior|security|military|government|medical|"
    r"hospital|police|intelligence|western|regional|informed|diplomatic|opposition|[A-Z][\w.]*)\s+){0,3}(?:sources?|"
    r"officials?|witnesses|residents|medics|doctors|activists|people\s+familiar\s+with\s+[\w\s]+?)\s+"
    r"(?P<verb>said|say|says|told\s+\w+)\b"
    r"[^,;]*$")


# a source that asks not to be named, wherever the sentence says so
_UNNAMED_MARK = re.compile(r"\b(?:(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|request(?:ing|ed)\s+anonymity|"
                           r"(?:chose|asked|wished|preferred)\s+to\s+remain\s+anonymous|"
                           r"(?:asked|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)|"
                           r"(?:declined|refused)\s+to\s+be\s+(?:named|identified)|"
                           r"not\s+authori[sz]ed\s+to\s+(?:speak|talk|brief)|"
                           # "the agency quoted security sources as saying": the outlet relays someone unnamed
                           r"quot(?:ed|es|ing)\s+(?:\w+\s+){0,3}(?:sources?|officials?)\s+as\s+saying|"
                           # "…, the broadcaster said, quoting security sources"
                           r",\s*quoting\s+(?:\w+\s+){0,2}(?:sources?|officials?)\b(?!\s+(?:of|from|at|in)\s+(?:the\s+)?[A-Z])|"
                           # "… is reported by multiple media outlets to be X": what outlets relay, nobody's words
                           r"(?:reported|cited|named)\s+by\s+(?:\w+\s+){0,2}(?:media|outlets|news\s+outlets|reports))\b",
                           re.I)
# an unnamed source as the subject of the verb of speech: "a military source said that …", "the source said",
# "A source in the fire department confirmed to the agency …", "Local officials said", "Witnesses told …"
_UNNAMED_SUBJECT = re.compile(
    r"(?:^|[,;“”\"]\s*|\b(?:and|but|that)\s+)(?:(?:a|an|one|two|three|several|some|other|the|another)\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:sources?|officials?|witnesses|residents|medics|paramedics|doctors|rescuers|survivors|activists|"
    r"(?:emergency|rescue|medical|ambulance)\s+services)"
    r"(?:\s+(?:in|at|from|with|close\s+to|familiar\s+with|quoted\s+by|cited\s+by)\s+"
    r"(?:the\s+)?[\w\s-]{1,40}?)?\s*,?\s+(?:(?:also|further|later|earlier|again)\s+)?"
    r"(?:said|says|say|told|confirmed|added|stated|noted|indicated|explained|"
    r"warned|stressed|reported|put|puts|gave)\b", re.I)


# one unnamed person of a body, whoever's body it is: "a senior White House official said", "a US official told
# Reuters", "a senior member of the party told …" (the guidelines' anonymous source; a spokesman speaks for his body)
_ONE_UNNAMED = re.compile(
    r"(?:^|[,;“”\"]\s*|\b(?:and|but|that)\s+)(?:a|an|one|another)\s+(?:[\w.-]+\s+){0,3}(?:official|source|member|"
    r"officer|commander|resident|witness)"
    r"(?:\s+(?:of|from|in|at|with|close\s+to)\s+[^,;]{1,60}?)?(?:,(?!\s*(?-i:[A-Z]))[^,;]{1,60},)?\s+"
    r"(?:said|says|told|confirmed|added|stated|noted|put|puts|gave)\b",
    re.I)


_SOURCE_NOUNS = re.compile(r"(?:[\w-]+\s+){0,2}(?:sources?|officials?|services|officers?|commanders?|members?|"
                           r"residents?|witness(?:es)?)\b", re.I)


def anonymous_phrase(sentence: str) -> tuple[int, int] | None:
    """Where the unnamed source is written ("security officials", "a military source"), to report a figure's source
    as the text gives it; None when the sentence names none."""
    m = _ANONYMOUS.search(sentence.rstrip(" .")) or _UNNAMED_SUBJECT.search(sentence) or \
        _ACCORDING_UNNAMED.search(sentence) or _ONE_UNNAMED.search(sentence)
    if m is None:
        return None
    words = _SOURCE_NOUNS.search(sentence, m.start(), m.end())
    if words is None:
        return None
    start, end = words.span()
    # "Lebanese security and official sources said": the coordinated words before "and" are the source's too
    joined = _BEFORE_AND.search(sentence, 0, start) if re.match(r"and\s", sentence[start:end]) else None
    start = joined.start() if joined else start
    qualifier = _QUALIFIER.match(sentence, end)  # "a source close to Hezbollah said": whose source, as written
    end = qualifier.end() if qualifier else end
    # (the relative pronoun and the determiner before the source's words are not its name; every part is optional,
    # so the pattern always matches, possibly nothing)
    lead = len(sentence[start:end]) - len(_LEAD.sub("", sentence[start:end], count=1))
    return start + lead, end


_LEAD = re.compile(r"^(?:(?:which|who|whom|that)\s+)?(?:(?:a|an|the|two|three|several|some|other|one|another)\s+)?",
                   re.I)


_BEFORE_AND = re.compile(r"(?:\b[A-Z][\w-]*\s+)?\b[\w-]+\s+$")
_QUALIFIER = re.compile(r"\s+(?:close\s+to|familiar\s+with|in|at|from|with)\s+(?:the\s+)?[\w\s-]{1,40}?"
                        r"(?=\s*,?\s+(?:said|says|say|told|confirmed|added|stated|noted)\b)", re.I)


# "according to security sources": an unnamed source introduced by "according to"
_ACCORDING_UNNAMED = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+|one\s+|two\s+|several\s+)?(?:[\w-]+\s+){0,2}"
                                r"(?:sources?|officials?)\b(?!\s+(?:of|from|at|in)\s+(?:the\s+)?[A-Z])", re.I)


# news media the gazetteer does not list as the source, whoever's they are ("which Israeli media say"): the
# guidelines' media are no speakers
_MEDIA_SAY = re.compile(r"(?:^|[,;“”\"]\s*|\b(?:which|as|and)\s+)(?:[\w-]+\s+){0,2}media\s+(?:outlets\s+|reports\s+)?"
                        r"(?:said|say|says|reported|report)\b", re.I)
# the verb first, after the words, listed outlet or not: "…, reported state media", "…,” reported state broadcaster
# X News": an outlet is the source, and nobody inside the words speaks
_OUTLET = r"(?:broadcaster|television|TV|radio|news\s+agency)"
_MEDIA_REPORTED = re.compile(rf"[,;“”\"]+\s*(?:reported|said|says|reports)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}(?:media|"
                             rf"{_OUTLET})\b", re.I)


# a broadcaster or an agency as the subject of the verb ("State TV reported …", "…,” the army's radio reported"):
# news media are no speakers, whoever owns them (their figures keep them as the source)
# (its name may follow: "the official news agency Wafa reported"; or "according to" may open it: "According to
# Iran's Fars news agency, …")
_OUTLET_SAYS = re.compile(rf"(?:^|[,;“”\"]\s*|\b(?:which|as|and)\s+)(?:[\w’'-]+\s+){{0,3}}{_OUTLET}\s+"
                          r"(?:(?-i:[A-Z])[\w-]*\s+){0,2}(?:said|says|reported|reports)\b"
                          rf"|\baccording\s+to\s+(?:[\w’'-]+\s+){{0,3}}{_OUTLET}\b", re.I)


def outlet_says(sentence: str) -> bool:
    """A broadcaster or an agency is the sentence's only source: not one that relays a speaker's words ("X condemned
    the bombing, the news agency reported")."""
    return _OUTLET_SAYS.search(sentence) is not None and len(speech_verbs(sentence)) == 1


def anonymous_source(sentence: str, gaz: Gazetteer) -> bool:
    """True when the sentence's source is nobody the reader could name: it ends on one ("…, two security sources
    said"), says it asked not to be named, or has an unnamed source as the subject of its verb of speech ("a
    military source said"). "Pentagon officials said" names the body that speaks; "US officials said", "Somali
    officials said" name only a state, whose officials nobody can name (the guidelines' "a US official")."""
    one = _ONE_UNNAMED.search(sentence)
    if one is not None and not _of_a_name(sentence, one):
        return True
    if _MEDIA_REPORTED.search(sentence):
        return True
    media = _MEDIA_SAY.search(sentence)
    if media is not None and _nobody_named(media.group(0), gaz):
        return True  # (a listed outlet, "Iranian state media", is the speakers' own business: media are no speakers)
    source = _anonymous_ending(sentence)
    if source is not None:  # whose sources they are is written before the verb ("Iraqi officials said …")
        return _nobody_named(source, gaz)
    if _UNNAMED_MARK.search(sentence):
        return True
    m = _UNNAMED_SUBJECT.search(sentence) or _ACCORDING_UNNAMED.search(sentence)
    if m is not None and _of_a_name(sentence, m):
        return False
    # (whose sources they are is written before the noun: "Iraqi officials"; "a source close to Hezbollah" is not
    # Hezbollah speaking)
    noun = _SOURCE_NOUNS.search(sentence, m.start(), m.end()) if m is not None else None
    return m is not None and _nobody_named(sentence[m.start() : noun.end() if noun else m.end()], gaz)


def _nobody_named(phrase: str, gaz: Gazetteer) -> bool:
    """Whether the words of an unnamed source name no body that speaks: none at all, or only a state ("US
    officials", "Palestinian health officials"); "Pentagon officials" names the Pentagon."""
    return all(a.entry.kind == "state" for a in gaz.find_actors(phrase))


def _of_a_name(sentence: str, m: re.Match[str]) -> bool:
    """An unnamed-looking phrase set off by a comma after a name is that person's title: "Ahmed Karimi, a senior
    official, said"."""
    return sentence[m.start()] == "," and re.search(r"[A-Z][\w’'-]+\s*$", sentence[: m.start()]) is not None


@functools.lru_cache(maxsize=4096)
def _anonymous_ending(sentence: str) -> str | None:
    """The unnamed source, up to its verb ("…, two security sources said"), if the sentence ends on one.
    Cached: the speaker rules and the sentence facts both ask."""
    m = _ANONYMOUS.search(sentence.rstrip(" ."))
    return sentence[m.start() : m.start("verb")] if m is not None else None


# a source named only by its kind: "Security sources", "local sources" (the model's answer to "who speaks?")
_SOURCES_ONLY = re.compile(r"(?:(?:the|two|three|several|some|other)\s+)?(?:[\w-]+\s+){0,2}sources?", re.I)


def unnamed_sources(name: str) -> bool:
    """Whether a name is only a kind of source, nobody's name ("Security sources", "informed sources")."""
    return _SOURCES_ONLY.fullmatch(name.strip()) is not None
