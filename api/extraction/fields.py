"""Event fields read off one sentence by rules: actors, places, dates, weapons, counts.

Every value keeps the sentence-relative offsets of the words it came from; ``assemble`` turns them
into absolute, checked spans. Canonical names come from the curated gazetteer.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from api.extraction.cues import find_quote, word_start
from api.extraction.gazetteer import Actor, Found, Gazetteer, PlaceEntry
from api.extraction.normalize_dates import RELATIVE_DAY, DateMatch, find_date
from api.extraction.speakers import CALLING_ITSELF, speech_verbs

STATE_KINDS = {"state", "state_force"}
GROUP_KINDS = {"armed_group"}
_AGENT_VERB = re.compile(
    word_start(r"struck|strikes?|strike|airstrikes?|hit|bomb\w*|shell\w*|raid\w*|target\w*|attack\w*|launch\w*|fired|"
               r"carried\s+out|conducted|killed|pounded|downed|intercepted|aggression") + r"\b",
    re.IGNORECASE,
)
# verbs of consequence: the pivot only when the sentence has no verb or noun of the act itself
# ("the ministry said nine people were killed in the Pakistani strikes" turns on "strikes")
_CONSEQUENCE = {"killed", "downed", "intercepted"}


_ACTING = re.compile(r"[\s-]+(?:led\s+)?(?:air\s*)?(?:strikes?|attacks?|raids?|bombing|shelling|forces|troops|jets|"
                     r"warplanes|war\s+planes|drones?|missiles?|aircraft|navy|military|army)\b", re.I)


@functools.lru_cache(maxsize=4096)
def _pivot(sentence: str) -> re.Match[str] | None:
    """The verb or noun of the act the sentence reports. Cached: every rule about the act asks it."""
    verbs = list(_AGENT_VERB.finditer(sentence))
    return next((v for v in verbs if v.group(0).lower() not in _CONSEQUENCE), verbs[0] if verbs else None)


# a group named as whose the target is: "facilities used by groups affiliated with Iran's Revolutionary Guard"
_PATRON = re.compile(r"\b(?:affiliated\s+with|linked\s+to|tied\s+to|loyal\s+to|run\s+by|belonging\s+to|"
                     r"operated\s+by)\s+(?:the\s+)?(?:\w+[’']s\s+)?(?:\w+\s+){0,2}$", re.I)
# a date that dates another event noun: "in response to an August 15 attack"
_DATES_NOUN = re.compile(r"\s*(?:\S+\s+)?(?:attacks?|strikes?|airstrikes?|raids?|bombings?|assaults?)\b", re.I)


# where a sentence moves on to another event: the one it answers ("in response to attacks by X"), another
# side's ("…, while the group said it fired rockets", "…, and Pakistan retaliated"), an earlier one ("two days
# after Iran launched strikes");
# or to what someone says about it (", saying they act in solidarity with …": words, not an event)
_OTHER_EVENT = re.compile(
    r"(?P<answers>\b(?:(?:in|as|a|the)\s+(?:direct\s+)?response\s+to|in\s+retaliation\s+(?:for|against|to)|in\s+revenge\s+for|"
    r"retaliating\s+for|to\s+avenge)\b)"
    r"|(?P<contrast>[,;]\s*(?:while|whereas)\b"
    # another side acting in the same sentence: "…, and Pakistan retaliated with strikes", "…, as Hezbollah fired"
    r"|[,;]\s*(?:and|as)\s+(?=(?:the\s+)?(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:\w+\s+)?"
    r"(?:retaliated|struck|fired|launched|hit|bombed|shelled|attacked|pounded)\b))"
    r"|(?P<after>\b(?:(?:\w+\s+){1,2}(?:days?|weeks?|hours?|months?)\s+)?after\s+(?=(?:[\w'’-]+\s+){1,4}?"
    r"(?:launched|carried\s+out|conducted|fired|attacked|struck|hit|bombed|targeted|shelled)\b"
    r"|an?\s+(?:[\w-]+\s+){0,2}(?:attack|bombing|strike|raid|assault|ambush)\s+(?:on|in|at|against|by)\b))"
    r"|(?P<words>,\s*(?:saying|claiming|adding|accusing|calling|denying|vowing|warning)\b)"
    r"|(?P<result>,\s*(?:killing|wounding|injuring)\s+(?!\d|one|two|three|four|five|six|seven|eight|nine|ten|at\s+least|"
    r"dozens|scores|several)\w)", re.I)


@functools.lru_cache(maxsize=4096)
def _other_event(sentence: str) -> re.Match[str] | None:
    """The first ``_OTHER_EVENT`` after the opening words. Cached: both functions below ask it of a sentence."""
    return next((m for m in _OTHER_EVENT.finditer(sentence) if m.start() > 10), None)


def answered_from(sentence: str) -> int | None:
    """Where the sentence stops describing its own event (see ``_OTHER_EVENT``), if it does."""
    m = _other_event(sentence)
    return m.start() if m else None


def another_event_at(sentence: str) -> int | None:
    """Where the part about another event starts (not mere words about this one), if the sentence has one."""
    m = _other_event(sentence)
    return m.start() if m and not m["words"] and not m["result"] else None


_IN_PLACE = re.compile(r"\b(?:in|into|inside|near|across|to|at|of)\s+(?:the\s+)?$", re.I)
# a group is not a place: "members of Kataib Hezbollah" names the group ("in"/"near" still read as a place)
_IN_PLACE_GROUP = re.compile(r"\b(?:in|into|inside|near|across|to|at)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written in the sentence, with its canonical form."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True, slots=True)
class Where:
    start: int
    end: int
    name: str
    country: str | None
    country_code: str | None


def _name(f: Found[Actor], sentence: str) -> Name:
    return Name(f.start, f.end, f.entry.name)


def actors_around_verb(sentence: str, gaz: Gazetteer) -> tuple[list[Found[Actor]], list[Found[Actor]]]:
    """Actors mentioned before the first verb of striking/attacking (agents) and after it (targets)."""
    agents, targets = _actors_around_verb(sentence, gaz)
    return list(agents), list(targets)


@functools.lru_cache(maxsize=4096)
def _actors_around_verb(sentence: str, gaz: Gazetteer) -> tuple[tuple[Found[Actor], ...], tuple[Found[Actor], ...]]:
    """``actors_around_verb``, cached: the rules of a strike or an attack ask it several times of a sentence."""
    everyone = gaz.find_actors(sentence)
    verb = _pivot(sentence)
    pivot = verb.start() if verb else len(sentence)
    # "in Syria", "near Iraq's border": a state named where something happens is not an actor there
    # (but "in the Pakistani strikes", "of Israeli jets" name who acts)
    # "the Jordan-Syria border": a compound of places names neither as an actor
    # and a dateline ("ADEN, Yemen —", "BAGHDAD (Reuters) -") says where the report was filed, nobody acts in it
    filed = _DATELINE.match(sentence)
    everyone = [f for f in everyone if not re.match(r"-[A-Z]", sentence[f.end : f.end + 2])
                and not re.search(r"[A-Za-z]-$", sentence[max(0, f.start - 2) : f.start])
                and not (filed and f.end <= filed.end())]
    found = [f for f in everyone if not (_IN_PLACE if f.entry.kind == "state" else _IN_PLACE_GROUP).search(
                 sentence[max(0, f.start - 12) : f.start]) or _ACTING.match(sentence, f.end)]
    before = [f for f in found if f.end <= pivot]
    after = [f for f in found if f.start >= pivot]
    # passive: "attacked by Iran-backed groups", "the target of Israeli war planes": the agent follows, and
    # what comes before the verb was hit
    by = re.match(r"\w*\s+(?:\w+\s+)?by\s|target\s+of\s", sentence[pivot:])
    agent = [f for f in everyone if by and f.start >= pivot + by.end()][:1]
    if agent:
        return tuple(agent), tuple(f for f in before + after if f != agent[0])
    return tuple(before), tuple(after)


def _only_speaks(sentence: str, end: int, before: list[Found[Actor]]) -> bool:
    """True for the speaker of "X denounced the strikes": a verb that judges stands between X and the event,
    and the event is not X's own ("X condemned its own strikes" is rare; "X said jets struck" is X's report)."""
    verb = _pivot(sentence)
    pivot = verb.start() if verb else len(sentence)
    said = [m for m in speech_verbs(sentence[:pivot]) if m.start() >= end and _JUDGES.match(m.group(0))]
    return bool(said) and not re.search(r"\b(?:it|they|we|its|their|our)\b", sentence[said[-1].end() : pivot], re.I)


# verbs that judge someone else's act; "the army said jets struck …" reports the army's own
_JUDGES = re.compile(r"condemn|denounc|slam|critici|decr|reject|deplor|accus|blam|call|den[iy]", re.I)


def strike_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(actor, target_actor) of a strike: the state force acting, the group it hit."""
    before, after = actors_around_verb(sentence, gaz)
    before = [f for f in before if not _NOT_AN_AGENT.match(sentence[f.end : f.end + 40])
              and not _only_speaks(sentence, f.end, before)]
    pivot = _pivot(sentence)
    at = pivot.start() if pivot else len(sentence)
    # a state that is not the act's subject is a victim or a bystander ("six Syrian militants were killed")
    states = [f for f in before if f.entry.kind in STATE_KINDS and (f.start >= at or _subject_of(sentence[f.end : at]))]
    # "the Pakistani strikes", "US-led strikes": the actor written right before the act is its agent
    adjacent = [f for f in states if pivot is not None and re.fullmatch(r"[\s-]*(?:led\s+|\w+\s+)?",
                                                                         sentence[f.end : pivot.start()])]
    # the state nearest the verb ("Iran's ministry said US strikes …" → US), or the first of a coordination
    # that ends there ("The United States and Britain carried out strikes" → the United States)
    i = states.index(adjacent[-1]) if adjacent else len(states) - 1
    while i > 0 and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", sentence[states[i - 1].end : states[i].start]):
        i -= 1
    agent = states[i] if states else None
    agent = agent or next((f for f in after if f.entry.kind in STATE_KINDS and f.entry.kind != "state"), None)
    agent_side = side(agent.entry) if agent else None
    # the target: a group named as the patron of what was hit, else the first armed group after the verb,
    # else a state force of another side ("Syrian forces", "the Revolutionary Guard")
    hostile = [f for f in after if f is not agent and side(f.entry) != agent_side and f.entry.kind != "state"
               and f.entry.kind in GROUP_KINDS | {"state_force"}]
    target = next((f for f in hostile if _PATRON.search(sentence[max(0, f.start - 60) : f.start])), None)
    target = target or next((f for f in hostile if f.entry.kind in GROUP_KINDS), None)
    target = target or next(iter(hostile), None)
    target = target or next((f for f in before if f.entry.kind in GROUP_KINDS), None)
    return (_name(agent, sentence) if agent else None), (_name(target, sentence) if target else None)


def side(a: Actor) -> str:
    """Whose side an actor acts for: a state's forces act for the state ("Central Command" → United States)."""
    return a.country if a.kind in STATE_KINDS and a.country else a.name


def _speaks_next(sentence: str, f: Found[Actor]) -> bool:
    """True for an actor that is the subject of the verb of speech right after it ("the U.S. military said")."""
    return any(m.start() <= 15 for m in speech_verbs(sentence[f.end : f.end + 40]))


def attack_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(attacker, target_actor) of an attack: the armed group acting, the state or force it hit."""
    before, after = actors_around_verb(sentence, gaz)
    everyone = before + after
    agent = next((f for f in everyone if f.entry.kind in GROUP_KINDS), None)
    # who reports the attack ("…, the U.S. military said") is not what it hit
    hit = [f for f in everyone if f.entry.kind in STATE_KINDS and f is not agent and not _speaks_next(sentence, f)]
    target = next((f for f in hit if f in after), None) or next(iter(hit), None)
    named = CALLING_ITSELF.search(sentence) if agent is None else None
    attacker = _name(agent, sentence) if agent else (
        Name(named.start("n"), named.end("n"), named.group("n")) if named else None)
    return attacker, (_name(target, sentence) if target else None)



_LOCATIVE = re.compile(r"\b(?:in|near|at|on|across|into|outside|inside|around|from|over|off|of|between|"
                       r"targeting|targeted|attacked|struck|hit|bombed)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_ORIGIN = re.compile(r"\b(?:launched|fired|flown|took\s+off|coming|came|originat\w*)\s+from\s+(?:the\s+)?"
                     r"(?:[\w’'-]+\s+){0,3}$", re.I)
_NOT_A_PLACE = re.compile(r"^(?:\s+(?:bases?|troops|forces|personnel|embassy|soldiers|officials|warships?|vessels?|"
                          r"ships?|drones?|jets|aircraft|positions|interests|citizens|diplomats|service\s*(?:members|men)|"
                          r"sailors|marines|nationals|consulate|contractors)\b|"
                          r"[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)|[’']s\s+"
                          r"(?:[A-Z]\w+\s+)*(?:Guard|Foreign|Ministry|army|military|forces|government|president|"
                          r"leader|proxies|allies))", re.I)


# a place named as the backdrop, not where the event happened: "since the conflict in Gaza, groups attacked …"
_BACKDROP = re.compile(r"\b(?:conflict|war|fighting|crisis|situation|tensions?|escalation)\s+in\s+(?:the\s+)?$", re.I)
_BACKDROP_AFTER = re.compile(r"^\s+(?:war|conflict|crisis|fighting)\b", re.I)  # "in the Gaza war"


# an actor that is not the agent itself: "Iran-backed groups", "Iran's Revolutionary Guard" (the Guard acts);
# but "Israel's military" is Israel acting, and "Iran's Tuesday strike" is Iran's
_NOT_AN_AGENT = re.compile(r"^(?:[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)|[’']s\s+"
                           r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December)\b)[A-Z])")


def location(sentence: str, gaz: Gazetteer) -> Where | None:
    """The most specific place the sentence puts the event in (site or city over province over country).

    Only places introduced by a locative word count ("in Syria's Deir ez-Zor province", "near Tyre"):
    "Iran-backed groups" or "Iran's Revolutionary Guards" name an actor, not where anything happened.
    """
    actors = [(a.start, a.end) for a in gaz.find_actors(sentence) if a.entry.kind != "state"]
    found = [f for f in gaz.find_places(sentence)
             if not any(s < f.end and f.start < e and (s, e) != (f.start, f.end) for s, e in actors)
             and _LOCATIVE.search(sentence[max(0, f.start - 40) : f.start])
             and not _BACKDROP.search(sentence[max(0, f.start - 40) : f.start])
             and not _BACKDROP_AFTER.match(sentence[f.end : f.end + 12])
             and not _NOT_A_PLACE.match(sentence[f.end : f.end + 40])]
    if not found:
        return None
    rank = {"site": 0, "city": 1, "province": 2, "region": 3, "sea": 3, "country": 4}
    # where a weapon came from is not where it struck ("a drone launched from Iraq hit a base in Jordan"): the
    # origin only when the sentence names no other place
    best: Found[PlaceEntry] = min(found, key=lambda f: (_ORIGIN.search(sentence, max(0, f.start - 40), f.start)
                                                        is not None, rank.get(f.entry.kind, 5), f.start))
    e = best.entry
    country = e.country if e.kind != "country" else e.name
    return Where(best.start, best.end, e.name, country, e.country_code)


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
    noun it dates ("an August 15 attack" when the sentence is about a strike)."""
    view = list(sentence)
    verb = _pivot(sentence)
    pivot = verb.start() if verb else len(view)
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
    # "attacks since Oct. 17", "Since November, …", "since the civil war began in 2011": where a period starts
    for m in re.finditer(r"\b(?:since|until)\s+", sentence, re.I):
        whole = find_date(sentence[m.start() : m.end() + 45], published_at)  # read with its word: "Since November"
        if whole is not None and whole.start == 0:
            view[m.start() : m.start() + whole.end] = " " * whole.end
            continue
        found = find_date(sentence[m.end() : m.end() + 45], published_at)
        if found is not None and (found.start == 0
                                  or not re.search(r"[,;.]", sentence[m.end() : m.end() + found.start])):
            view[m.start() : m.end() + found.end] = " " * (m.end() + found.end - m.start())
    quote = find_quote(sentence)
    if quote is not None:  # "“Today’s strikes were necessary,” he said": the speaker's today, not the article's
        for m in RELATIVE_DAY.finditer(sentence, *quote):
            view[m.start() : m.end()] = " " * (m.end() - m.start())
    text = "".join(view)
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


_STRIKE_NOUNS = re.compile(r"\b(?:air\s*-?\s*strikes?|strikes?|struck|warplanes?|jets|bombing|bombed|raids?|shelling|"
                           r"aggression)\b", re.I)
_ATTACK_NOUNS = re.compile(r"\b(?:attack(?:s|ed)?|rockets?|drones?|mortars?|IEDs?|roadside|gunmen|fired|launched|"
                           r"ambush\w*|suicide)\b", re.I)


_TARGET_AFTER = re.compile(
    r"\b(?:targeted|targeting|hit|hitting|struck|striking|bombed|bombing|shelled|shelling|attacked|raided|pounded|"
    r"destroyed|(?:air\s*)?strikes?\s+(?:on|against)|attacks?\s+(?:on|against)|raids?\s+on)\s+", re.I)
_PHRASE_END = re.compile(
    r"[,;:(]|(?-i:(?<![A-Z]))\.(?!\w)|\s(?:in|near|at|inside|outside|across|from|after|before|during|since|as|which|that|who|on\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+\s+\d)|killing|wounding|injuring|"
    r"and\s+(?:killed|wounded|injured)|last|earlier|late|overnight|according)\b", re.I)
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


_VICTIMS = re.compile(r"\s+((?:[A-Za-z][\w.’'-]*\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|officers?|"
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


def answered_kind(part: str, gaz: Gazetteer) -> str | None:
    """Strike, attack or None: the kind of the event a sentence says another one answers ("in response to
    attacks by Iran-backed groups" → attack), by who acts in it, else by its vocabulary."""
    before, _ = actors_around_verb(part, gaz)
    kinds = {f.entry.kind for f in before}
    if kinds & GROUP_KINDS and not kinds & STATE_KINDS:
        return "attack"
    if kinds & STATE_KINDS and not kinds & GROUP_KINDS:
        return "strike"
    if _ATTACK_NOUNS.search(part):
        return "attack"
    return "strike" if _STRIKE_NOUNS.search(part) else None


_DATELINE = re.compile(r"^\W*(?:date\s+\S+\s+)?[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w .'-]{1,40}?)?\s*"
                       r"(?:\([^)]{1,40}\)\s*)?(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*)?(?:\([^)]{1,40}\)\s*)?[—–-]\s")
_OWN_MEANS = r"\b(?:jets|warplanes|aircraft|planes|forces|troops|navy|army|artillery|helicopters|drones)\s*$"


def _subject_of(between: str) -> bool:
    """Whether an actor followed by ``between`` and then the verb of the act is that act's subject: right before
    it ("Iran-backed groups attacked", "the US military carried out"), or through a report of its own act ("the
    US military confirmed on Wednesday that it targeted")."""
    if re.match(r"\s+(?:\w+\s+)?(?:retaliated|responded|hit\s+back)\b[^,;]*\bwith\s+(?:[\w-]+\s+){0,3}$", between):
        return True  # "Pakistan retaliated two days later with strikes"
    short = re.fullmatch(r"[\s-]*(?:[\w’'-]+\s+){0,3}", between)
    # ("Iraq says rocket attack …" reports someone else's act; "the army said jets struck" its own)
    if short and not re.search(r"\b(?:were|was|been|is|are)\b", between) and (
            not speech_verbs(between) or re.search(_OWN_MEANS, between)):
        return True
    # "said on Wednesday it had killed the commander … in a strike": the speaker reports its own act
    return bool(speech_verbs(between)) and re.search(
        r"\b(?:it|they|we)\s+(?:(?:had|has|have|was|were)\s+)?(?:\w+\s+){0,2}$|\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?"
        r"(?:killed|struck|hit|carried\s+out|conducted|targeted|launched|bombed|attacked)\b", between) is not None


# the irregular fighters a sentence names as the subject of the act, whoever backs them
_IRREGULARS = re.compile(r"\b(?:militants|gunmen|insurgents|terrorists|rebels|jihadists|extremists|assailants|"
                         r"attackers|suicide\s+bombers?|bombers?|militiamen|fighters)\s+(?:\w+\s+){0,2}$", re.I)


def reconcile(label: str, sentence: str, gaz: Gazetteer) -> str:
    """Strike or attack by who acts: a state force's action is a strike, an armed group's an attack.

    The model's label stands unless the sentence's agent contradicts it; with no known agent, the
    vocabulary decides ("the strikes killed six" is about a strike, whoever reports it).
    """
    if label not in {"strike", "attack"}:
        return label
    before, _ = actors_around_verb(sentence, gaz)
    pivot = _pivot(sentence)
    # only an actor that acts: the subject right before the verb ("Iran-backed groups attacked", "the US military
    # carried out"), one written on the act ("Israeli strikes"), or a passive agent ("launched by militias");
    # not victims or bystanders further back ("three American soldiers were killed in a drone attack")
    at = pivot.start() if pivot else len(sentence)
    # (a patron is not the agent: "Indian-sponsored militants attacked" is the militants' attack)
    before = [f for f in before if (f.start >= at or _subject_of(sentence[f.end : at]))
              and not _NOT_AN_AGENT.match(sentence[f.end : f.end + 40])]
    kinds = {f.entry.kind for f in before}
    if kinds & GROUP_KINDS and not kinds & STATE_KINDS:
        return "attack"
    if not kinds & STATE_KINDS and _IRREGULARS.search(sentence, max(0, at - 40), at):
        return "attack"  # "gunmen stormed", "suspected militants attacked": no state acts
    if kinds & STATE_KINDS and not kinds & GROUP_KINDS:
        return "strike"
    if label == "attack" and _STRIKE_NOUNS.search(sentence) and not _ATTACK_NOUNS.search(sentence):
        return "strike"
    return label
