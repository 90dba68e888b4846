"""Event dates in news sentences, resolved against the article's publication date.

Conventions: a weekday is the latest such day on or before publication ("last Tuesday": strictly before);
a day-month is the latest occurrence at most two weeks after publication; a month is the latest one not
after the publication month ("last June": strictly before); "last week" and "this week" name no day, so the month
their days (Monday to Sunday, up to publication) lie in, else their year. Month names must be capitalised ("may be").
Without a publication date only expressions carrying their own year resolve. dateparser reads explicit
dates and "N days ago" phrases the regexes found; weekdays and months follow the rules above instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import dateparser

Precision = Literal["day", "month", "year", "unknown"]
_Resolved = tuple[str | None, Precision]
_UNKNOWN: _Resolved = (None, "unknown")
_A = re.ASCII
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MON_FULL = rf"\b(?P<mon>{'|'.join(_MONTHS)})\b"
_MON = rf"\b(?:{'|'.join(_MONTHS)}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9:])"
_CALENDAR = re.compile(
    rf"(?:{_MON}\s+{_DAY}|(?<![0-9,.]){_DAY}\s+(?:of\s+)?{_MON})(?:,?\s+(?P<y>[12][0-9]{{3}})\b)?", _A)
_ISO = re.compile(r"\b(?P<y>[12][0-9]{3})-[01][0-9]-[0-3][0-9]\b", _A)
_WEEKDAY = re.compile(
    r"(?i:\b(?P<mod>(?:late|early)(?:\s+on)?|on|last|this\s+past|past|next)\s+)?"
    rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})\b(?:\s+(?i:night|morning|afternoon|evening)\b)?", _A)
RELATIVE_DAY = re.compile(
    r"(?i)\b(?:the\s+day\s+before\s+yesterday|(?:earlier\s+|later\s+)?today|tonight|yesterday|last\s+night"
    r"|this\s+(?:morning|afternoon|evening))\b", _A)
_AGO = re.compile(r"(?i)\b(?:[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(?P<unit>day|week|month|year)s?\s+ago\b", _A)  # fmt: skip
_MONTH = re.compile(
    r"(?:\b(?P<pre>(?i:in|since|during|until|by|from|last|this|next|early|late|mid)\s+|(?i:mid|early|late)-))?"
    rf"{_MON_FULL}(?:\s+(?:of\s+)?(?:(?P<y>[12][0-9]{{3}})\b(?![,.]?[0-9])|(?P<rel>(?i:last|this)\s+year)\b))?",
    _A)
_YEAR = re.compile(
    r"(?:\b(?i:in|since|during|by|until|from|early|late|mid)[\s-]+|(?<=\b[Tt]he\s)|(?<=['’]s\s))"
    r"(?P<y>(?:19|20)[0-9]{2})\b(?![,.]?[0-9])", _A)
_PERIOD = re.compile(
    r"(?i)\b(?:(?:earlier|later)\s+)?(?P<which>last|this)\s+(?P<unit>week(?:end)?|month|year)\b", _A)


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int  # offsets into the sentence
    end: int  # sentence[start:end] is the phrase, e.g. "on Tuesday", "August 15", "last June"
    value: str | None  # "2022-08-23" | "2022-08" | "2022" | None
    precision: Precision


@lru_cache(maxsize=1024)
def _dateparser(phrase: str, base: dt.date | None) -> dt.date | None:
    """dateparser on one candidate phrase (never on whole texts), relative to the publication day."""
    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _calendar(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    if m["y"]:  # "February 26, 2021", "2021-02-26": exact, with or without a publication date
        parsed = _dateparser(m[0], None)
        return (parsed.isoformat(), "day") if parsed else _UNKNOWN
    parsed = _dateparser(m[0], pub) if pub else None
    if pub is None or parsed is None:
        return _UNKNOWN
    for year in range(pub.year + 1, pub.year - 5, -1):  # latest year not more than ~2 weeks ahead
        try:
            candidate = parsed.replace(year=year)
        except ValueError:  # 29 February
            continue
        if candidate <= pub + dt.timedelta(days=14):
            return candidate.isoformat(), "day"
    return _UNKNOWN


def _weekday(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    if pub is None:
        return _UNKNOWN
    mod, target = (m["mod"] or "").lower(), _WEEKDAYS.index(m["wd"])
    if mod == "next":
        return (pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), "day"
    back = (pub.weekday() - target) % 7 or (7 if mod == "last" else 0)
    return (pub - dt.timedelta(days=back)).isoformat(), "day"


def _relative_day(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    phrase = m[0].lower()
    back = 2 if "before" in phrase else 1 if phrase.startswith(("yesterday", "last")) else 0
    return ((pub - dt.timedelta(days=back)).isoformat(), "day") if pub else _UNKNOWN


def _ago(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    parsed = _dateparser(m[0], pub) if pub else None
    if parsed is None:
        return _UNKNOWN
    unit = m["unit"].lower()
    if unit in ("day", "week"):
        return parsed.isoformat(), "day"
    return _format(parsed, "month" if unit == "month" else "year")


def _format(day: dt.date, precision: Literal["month", "year"]) -> _Resolved:
    return (f"{day.year:04d}-{day.month:02d}" if precision == "month" else f"{day.year:04d}"), precision


def _month(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    month, pre, rel = _MONTHS.index(m["mon"]) + 1, (m["pre"] or "").strip().lower(), (m["rel"] or "").lower()
    if m["y"]:
        return f"{m['y']}-{month:02d}", "month"
    if pub is None:
        return _UNKNOWN
    if rel or pre == "this":  # "June last year", "June this year", "this June"
        year = pub.year - rel.startswith("last")
    elif pre == "last":  # the most recent June strictly before the publication month
        year = pub.year if month < pub.month else pub.year - 1
    elif pre == "next":
        year = pub.year if month > pub.month else pub.year + 1
    else:  # "in June", "mid-March": the latest such month not after the publication month
        year = pub.year if month <= pub.month else pub.year - 1
    return _format(dt.date(year, month, 1), "month")  # ValueError outside years 1-9999


def _period(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    unit, back = m["unit"].lower(), m["which"].lower() == "last"
    if pub is None or unit == "weekend":
        return _UNKNOWN
    if unit == "week":  # no day: the month of its days (Monday to Sunday), else their year
        monday = pub - dt.timedelta(days=pub.weekday() + 7 * back)
        last = min(monday + dt.timedelta(days=6), pub)
        if (monday.year, monday.month) == (last.year, last.month):
            return _format(monday, "month")
        return _format(monday, "year") if monday.year == last.year else _UNKNOWN
    if unit == "year":
        return _format(dt.date(pub.year - back, 1, 1), "year")
    return _format(pub.replace(day=1) - dt.timedelta(days=1) if back else pub, "month")


# "over the weekend", "at the weekend": the last Saturday and Sunday before publication, which day unknown (the
# month of that Saturday)
_WEEKEND = re.compile(r"\b(?:over|at|during|on)\s+the\s+weekend\b|\blast\s+weekend\b|\bthis\s+weekend\b", re.I)


def _weekend(m: re.Match[str], pub: dt.date | None) -> _Resolved:
    if pub is None:
        return _UNKNOWN
    back = (pub.weekday() - 5) % 7 or 7  # the last Saturday strictly before publication
    return _format(pub - dt.timedelta(days=back), "month")


_Resolver = Callable[[re.Match[str], dt.date | None], _Resolved]
# what a pattern cannot match without, found in the sentence in lower case (a cheap test that spares most
# sentences most of the patterns)
_DIGIT = re.compile("[0-9]")
_MONTH_START = re.compile("|".join(m[:3].lower() for m in _MONTHS))  # every month name and abbreviation starts so
# (specificity, pattern, resolver, what it needs): an explicit calendar date beats a weekday, which beats a month.
_PATTERNS: list[tuple[int, re.Pattern[str], _Resolver, re.Pattern[str]]] = [
    (5, _ISO, _calendar, _DIGIT), (4, _CALENDAR, _calendar, _MONTH_START), (3, _WEEKDAY, _weekday, re.compile("day")),
    (3, RELATIVE_DAY, _relative_day, re.compile("day|night|morning|afternoon|evening")),
    (3, _AGO, _ago, re.compile("ago")), (2, _MONTH, _month, _MONTH_START),
    (1, _YEAR, lambda m, _: (m["y"], "year"), _DIGIT), (0, _PERIOD, _period, re.compile("week|month|year")),
    (2, _WEEKEND, _weekend, re.compile("weekend")),
]  # fmt: skip


def find_date(sentence: str, published_at: dt.date | None) -> DateMatch | None:
    """The most specific date expression in the sentence (earliest among equals), resolved."""
    best: tuple[int, int, re.Match[str], _Resolver] | None = None
    lower = sentence.lower()
    for base_rank, pattern, resolver, needs in _PATTERNS:
        if not needs.search(lower):
            continue
        for m in pattern.finditer(sentence):
            if pattern is _MONTH and not (m["pre"] or m["y"] or m["rel"]):
                continue  # a bare capitalised "May"/"March" is too often a name or a verb
            rank = 5 if pattern is _CALENDAR and m["y"] else base_rank  # a day with its year is explicit
            rank = {"month": 2, "year": 1}.get(m["unit"].lower(), 0) if pattern is _PERIOD else rank
            if best is None or (rank, -m.start()) > (best[0], -best[1]):
                best = (rank, m.start(), m, resolver)
    if best is None:
        return None
    _, _, m, resolver = best
    try:
        value, precision = resolver(m, published_at)
    except (OverflowError, ValueError):  # arithmetic past date.min / date.max
        value, precision = _UNKNOWN
    return DateMatch(m.start(), m.end(), value, precision)


def resolve(phrase: str, published_at: dt.date | None) -> tuple[str | None, Precision]:
    """Value and precision of the most specific date expression in the phrase; (None, "unknown") if none."""
    found = find_date(phrase, published_at)
    return (found.value, found.precision) if found else _UNKNOWN
