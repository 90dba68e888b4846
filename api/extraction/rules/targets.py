"""What was hit, as written, and who was killed or hurt, written right after a figure."""

from __future__ import annotations

import re

from api.extraction.rules.acts import Name

_TARGET_AFTER = re.compile(
    r"\b(?:targeted|targeting|hit|hitting|struck|striking|bombed|bombing|shelled|shelling|attacked|raided|pounded|"
    r"destroyed|(?:air\s*)?strikes?\s+(?:on|against)|attacks?\s+(?:on|against)|raids?\s+on)\s+", re.I)
_PHRASE_END = re.compile(
    r"[,;:(]|(?-i:(?<![A-Z]))\.(?!\w)|\s(?:in|near|at|inside|outside|across|from|after|before|during|since|as|which|that|who|on\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+\s+\d)|killing|wounding|injuring|"
    r"and\s+(?:killed|wounded|injured)|last|earlier|late|overnight|according|"
    r"for\s+(?:(?:several|many|two|three)\s+)?(?:days|weeks|months|years|decades|the\s+first))\b"
    # its attackers ("raids on the garrison by gunmen"), not whose it is ("facilities used by groups …")
    r"|(?<!used)(?<!run)(?<!operated)(?<!controlled)(?<!held)(?<!owned)(?<!occupied)(?<!manned)\sby\b", re.I)
_NOT_A_TARGET = re.compile(r"^(?:on|in|at|by|it|them|back|out|hard|again|the\s+area|(?:mon|tues|wednes|thurs|fri|"
                           r"satur|sun)day|(?:last|this|late|early)\s+\w+|overnight|[0-9])\b", re.I)


def target_phrase(sentence: str) -> Name | None:
    """What was hit, as written: the object of the first verb of striking ("struck a weapons depot near Tyre"
    → "a weapons depot"), at most twelve words, up to a place, a time or the end of the clause."""
    # "strikes on Friday against more than a dozen sites": a day is not a target, read on
    m = next((m for m in _TARGET_AFTER.finditer(sentence) if not _NOT_A_TARGET.match(sentence[m.end() :])), None)
    if m is None:
        return None
    end = _PHRASE_END.search(sentence, m.end())
    stop = end.start() if end else len(sentence)
    words = sentence[m.end() : stop].split()
    if not 1 <= len(words) <= 12:
        return None
    start = m.end()
    finish = start + len(sentence[start:stop].rstrip())
    return Name(start, finish, sentence[start:finish])


_VICTIMS = re.compile(r"\s+(?:of\s+)?((?:[A-Za-z][\w.’'-]*\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|"
                      r"forces|officers?|"
                      r"personnel|fighters?|militants?|members?|children|women|men|servicem[ae]n|service\s+members?|"
                      r"guards?|policem[ae]n|workers?|staff|crew|sailors?|marines?|contractors?|residents?|"
                      r"villagers?|students?|journalists?|commanders?|militiamen|gunmen|Syrians|Iraqis|Iranians|"
                      r"Israelis|Lebanese|Palestinians|Yemenis|Pakistanis|Americans|Afghans))\b")


def victims_after(sentence: str, end: int) -> Name | None:
    """Who was killed or hurt, written right after the figure: "two officers", "six Iran-backed militia fighters"."""
    m = _VICTIMS.match(sentence, end)
    if m is None or re.search(r"\b(?:were|was|killed|wounded|injured|and|in|on|at)\b", m.group(1)):
        return None
    return Name(m.start(1), m.end(1), m.group(1))
