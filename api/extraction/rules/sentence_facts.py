"""The rule pass: what each sentence may report, before the model is asked anything.

One ``SentenceFacts`` per sentence: its cues, the speaker the rules resolve (named in it, or carried
over from an earlier sentence through a pronoun, a bare title or an open quotation), and the
casualty figures it states.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from api.extraction.normalize.counts import Casualties, casualty_figures
from api.extraction.rules.acts import STRIKING, WHAT_IS_DESTROYED
from api.extraction.rules.anonymous_sources import anonymous_source
from api.extraction.rules.earlier_speakers import (
    closing_subject,
    organisations,
    pronoun_subject,
    subject_head,
    surname_subject,
)
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.injection import addresses_the_model
from api.extraction.rules.speaker_names import SpeakerGuess, known_actors
from api.extraction.rules.speakers import find_speaker
from api.extraction.rules.speech import Cues, sentence_cues, speech_verb
from api.extraction.text.patterns import word_start
from api.extraction.text.quotes import opens_quote
from api.extraction.text.sentences import Sentence

_EVENT_VERB = re.compile(
    word_start(rf"struck|strikes?|{STRIKING}|airstrikes?|bomb(?:ed|ing|ings)|shell(?:ed|ing)|raids?|raided|hits?|"
               r"target(?:ed|s)|"
               r"pound(?:ed|ing)|clash(?:ed|es)\s+with|retaliated|offensive\s+against|"
               # an answer in fire: "the army responded with artillery fire", "troops returned fire", "retaliatory fire"
               r"responded\s+with\s+(?:[\w-]+\s+){0,3}(?:fire|shelling|strikes|airstrikes)|returned\s+fire|"
               r"retaliatory\s+(?:fire|strikes?)|"
               # an act told by what it did to the enemy: "the forces destroyed a militant post", "targeting the
               # positions of …" (not a passive: "the house was destroyed")
               rf"destroy(?:ed|ing)\s+{WHAT_IS_DESTROYED}|targeting|"
               # "an IBO was conducted" (an intelligence-based operation), "killed in an operation in …"
               r"IBOs?|(?:killed|wounded)\s+in\s+an?\s+(?:[\w-]+\s+)?operation|"
               # a campaign told as background: "in its 40-year terror campaign against Turkey, the PKK …"
               # (not a bare backdrop: "the PKK has been waging an insurgency for four decades")
               r"(?:terror|terrorist|insurgent|armed|militant|bombing|guerrilla)\s+campaign|"
               # a military operation told as one: "an intelligence-based operation was carried out in Mir Ali"
               r"(?:intelligence[\s-]+based|counter-?terror(?:ism)?|clearance|security|military|search)\s+operations?|"
               r"attack(?:s|ed)?|fired|launched|ambush(?:ed)?|aggression|assault|explo(?:ded|sion)|"
               # the acts of an attack by gunmen or a bomber: "the shooting", "a suicide bomber rammed"
               r"shooting|snipers?|bombers?|rammed|detonat(?:ed|ing|ion)|blew\s+(?:himself|herself|themselves)\s+up|"
               r"opened\s+(?:[\w-]+\s+){0,3}fire|(?:by|from|under)\s+(?:[\w-]+\s+){0,2}(?:gun)?fire|stabbing|stormed|shot\s+(?:dead|and\s+killed)|gunned\s+down|launching|"
               # fire traded, a fight with guns: "the two sides exchanged fire", "after a heavy exchange of fire"
               r"(?:traded|exchanged|trading|exchanging)\s+(?:[\w-]+\s+)?fire|exchanges?\s+of\s+fire|gun\s*battles?|"
               r"gunfights?|firefights?|"
               # what state media say of militants killed: "security forces neutralised five terrorists"
               r"neutrali[sz]ed|"
               # a bomb that blew up: "an explosive-laden car blew up outside a restaurant"
               r"blew\s+up|"
               # a projectile that came down: "a mortar round landed near the airfield", "two shells fell on …"
               r"(?:rounds?|shells?|rockets?|missiles?|mortars?|drones?|projectiles?)\s+(?:\w+\s+)?(?:landed|fell|slammed|"
               r"crashed)"
               # a bomb that went off: "a roadside bomb, believed to be planted by X, went off near a patrol"
               r"|(?:bombs?|devices?|IEDs?|explosives?|mines?|blasts?|explosions?)\b[^.;]{0,80}?\bwent\s+off") + r"\b",
    re.IGNORECASE,
)


# an event that has not happened: "to deter future attacks", "warned of further strikes"
_UNREAL = re.compile(
    r"\b(?:future|further|possible|potential|more|prevent(?:ing)?|avoid(?:ing)?)\s+$"
    r"|\bany\s+(?:[\w-]+\s+){0,2}$"  # "shoot down any ballistic missiles fired into Israel"
    r"|\bdeter(?:ring)?\s+(?:[\w-]+\s+)?$"  # "to deter Iranian attacks"
    # "fear that mosques could be attacked", "its will and capability to attack"
    r"|\b(?:could|might|may|can)\s+(?:\w+\s+)?be\s+$"
    r"|\b(?:capabilit(?:y|ies)|abilit(?:y|ies)|capacity|able|plans?|planning|intends?|intention|readiness|ready|"
    r"threat(?:en(?:s|ed)?)?|vow(?:s|ed)?)\s+to\s+(?:[\w-]+\s+){0,4}$", re.I)


def _reports_event(sentence: str) -> bool:
    """True when the sentence has a verb or noun of striking/attacking that is not only hypothetical, nor only a
    search for someone ("a search operation was launched to find the attackers")."""
    hunt = _MANHUNT.search(sentence)
    return any(not _UNREAL.search(sentence[max(0, m.start() - 60) : m.start()]) and not _UNIT.match(sentence, m.end())
               and not (hunt is not None and hunt.start() <= m.start() < hunt.end())
               for m in _EVENT_VERB.finditer(sentence))


# a search for people, not an act against them: "a search operation was launched to find and apprehend the attackers"
_MANHUNT = re.compile(r"\b(?:search|rescue|manhunt)\s+operations?\s+(?:(?:was|were|has\s+been|had\s+been)\s+)?"
                      r"(?:launched\s+)?(?:\w+\s+){0,3}?to\s+(?:find|arrest|apprehend|capture|locate|trace|"
                      r"track\s+down|rescue|evacuate|recover)\b", re.I)


# a unit named for what it does is no act: "an aircraft carrier strike group", "the strike force"
_UNIT = re.compile(r"\s+(?:groups?|force|package)\b", re.I)


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    sentence: Sentence
    cues: Cues
    speaker: SpeakerGuess | None  # named in this sentence
    carried: SpeakerGuess | None  # resolved from earlier sentences (pronoun, title, open quote)
    casualties: Casualties
    has_speech_verb: bool
    event_candidate: bool
    anonymous: bool = False  # the sentence ends on an unnamed source ("…, officials said"): no speaker to ask for
    more_casualties: tuple[Casualties, ...] = ()  # the sentence's other reports ("killed six in A and three in B")

    @property
    def reports(self) -> tuple[Casualties, ...]:
        """Every casualty report the sentence states, the first one first."""
        first = self.casualties
        return ((first,) if first.killed or first.injured else ()) + self.more_casualties

    @property
    def who(self) -> SpeakerGuess | None:
        return self.speaker or self.carried


_QUOTE_WORDS = 5  # a quotation of fewer words inside a sentence is a phrase the writer marks, not speech


def _spoken(sentence: str, quote: tuple[int, int]) -> bool:
    """Whether the quoted words are someone's speech: the quotation is a clause long, or opens the sentence with
    words after it ('"No comment," he said'); not a scare quote, nor a quoted heading alone ("‘Height of cruelty’")."""
    if len(sentence[quote[0] : quote[1]].split()) >= _QUOTE_WORDS:
        return True
    return quote[0] <= 2 and len(sentence[quote[1] :].split()) >= 2


_PRONOUN_START = re.compile(r"^\W*(?:(?:moreover|meanwhile|however|also|but|and|earlier|later)[,\s]+)*"
                            r"(?:he|she|it|they)\b", re.I)


def _full_name(who: SpeakerGuess, people: list[SpeakerGuess]) -> SpeakerGuess:
    """A surname alone ("Khosravi said"), or after an abbreviated title ("SHO Baloch", "Gen. Haddad"), takes the
    canonical full name of the person named earlier."""
    words = who.canonical.split()
    if len(words) == 2 and re.fullmatch(r"[A-Z]{2,5}|[A-Z][a-z]{1,4}\.", words[0]):
        words = words[1:]
    if len(words) != 1:
        return who
    for p in reversed(people):
        if len(p.canonical.split()) > 1 and p.canonical.split()[-1].lower() == words[0].lower():
            return dataclasses.replace(who, canonical=p.canonical, org=p.org, is_person=True, kind=p.kind)
    return who


def _antecedent(head: str | None, orgs: list[SpeakerGuess]) -> SpeakerGuess | None:
    """The latest organisation whose name, as written or canonical, has the subject's head noun: "the
    coalition" → "the US-led coalition" named two sentences earlier."""
    if head is None:
        return None
    return next((o for o in reversed(orgs) if head in o.text.lower().split() or head in o.canonical.lower().split()),
                None)


# heads of a definite subject that never stand for a person ("the military said" is not the minister quoted last)
_BODIES = {"military", "army", "command", "coalition", "council", "ministry", "agency", "observatory", "monitor",
           "group", "police", "militia", "movement"}


def _carried(kind: str, head: str | None, orgs: list[SpeakerGuess], last_any: SpeakerGuess | None,
             last_person: SpeakerGuess | None, armed_group: Callable[[str], bool]) -> SpeakerGuess | None:
    """Who a pronoun or a bare title points back to: the last person for "he" or "the spokesman"; for "it" or
    "the coalition" the organisation named with that head noun, else the last speaker (not a person when the
    head names a body)."""
    if kind == "person":
        return last_person
    if head in _BODIES:
        found = _antecedent(head, orgs) or (last_any if last_any is not None and not last_any.is_person else None)
        # "the military", "the army" is a state's force, never an armed group named before it
        return None if found is not None and head in _FORCES and armed_group(found.canonical) else found
    return _antecedent(head, orgs) or last_any or last_person


_FORCES = {"military", "army"}


@dataclass
class _Context:
    """What the sentences read so far leave for the next one: who was named, who spoke last, an open quote."""

    people: list[SpeakerGuess] = field(default_factory=list)
    orgs: list[SpeakerGuess] = field(default_factory=list)  # every organisation named so far, offsets absolute
    last_person: SpeakerGuess | None = None
    last_any: SpeakerGuess | None = None
    in_quote: bool = False
    quote_owner: SpeakerGuess | None = None
    after_unnamed: bool = False  # the last sentence with a verb of speech had an unnamed source


def read_sentences(sentences: list[Sentence], gaz: Gazetteer, text: str | None = None) -> list[SentenceFacts]:
    """The facts of each sentence, in order (a sentence's speaker may be carried over from earlier ones). With the
    article's ``text``, a quotation left open ends at a paragraph that does not open with a quotation mark."""
    context = _Context()
    facts = []
    for prev, s in zip([None, *sentences], sentences, strict=False):
        if context.in_quote and text is not None and prev is not None and "\n" in text[prev.end : s.start] \
                and not s.text.startswith(('"', "“")):
            context.in_quote = False
        facts.append(_read(s, gaz, context))
    return facts


def _read(s: Sentence, gaz: Gazetteer, ctx: _Context) -> SentenceFacts:
    cues = sentence_cues(s.text, ctx.in_quote)
    injected = addresses_the_model(s.text)  # instructions to a model: neither an event nor a statement
    verb_at = speech_verb(s.text)
    # a quotation is speech when it is someone's words, not a scare quote: it goes on from an earlier sentence or is
    # spoken ('the strikes hit a "floating object"' reports no one's words)
    verb = verb_at is not None or (cues.quote is not None and (ctx.in_quote or _spoken(s.text, cues.quote)))
    named = find_speaker(s.text, gaz) if cues.speech else None
    if named is not None:  # offsets made absolute: carried speakers point back into earlier sentences
        named = dataclasses.replace(named, start=named.start + s.start, end=named.end + s.start)
    named, carried, unnamed_again = _attribute(s, cues, verb_at, verb, named, ctx, gaz)
    who = named or carried
    if who is not None and who is named and (who.is_person or who.kind == "organization"):
        who = named = _full_name(who, ctx.people)
        if who.is_person:
            ctx.people.append(who)
    anonymous = unnamed_again or anonymous_source(s.text, gaz)
    _remember(s, gaz, ctx, who, verb, anonymous)
    if not verb and (acting := _acting_person(s, gaz)) is not None:
        # "Prime Minister X addressed the nation …. Iran has never been weaker, the prime minister said": a person
        # who acts as the subject of a sentence is who a later "he" or "the prime minister" points back to
        ctx.last_person = acting
        ctx.people.append(acting)
    figures = casualty_figures("" if injected else s.text)
    return SentenceFacts(
        sentence=s, cues=cues, speaker=named, carried=carried,
        casualties=figures[0] if figures else Casualties(None, None), more_casualties=tuple(figures[1:]),
        has_speech_verb=verb and not injected,
        anonymous=anonymous,
        event_candidate=_reports_event(s.text) and not injected,
    )


def _attribute(s: Sentence, cues: Cues, verb_at: re.Match[str] | None, verb: bool, named: SpeakerGuess | None,
               ctx: _Context, gaz: Gazetteer) -> tuple[SpeakerGuess | None, SpeakerGuess | None, bool]:
    """(named, carried, unnamed): the speaker named in the sentence as it stands, one carried over from earlier,
    and whether the sentence's pronoun or title is the unnamed source of the sentence before."""
    def group(name: str) -> bool:
        actor = gaz.actor(name)
        return actor is not None and actor.kind == "armed_group"

    pron = pronoun_subject(s.text)
    closing = closing_subject(s.text) if pron is None and verb_at is not None else None
    if ctx.after_unnamed and (closing is not None or (pron is not None and verb)) and named is None:
        return None, None, True  # "They added …" after "security sources said …": the same unnamed source
    if closing is not None:  # "…, it added.", '…," the army said': someone named earlier speaks
        kind, head = closing
        return None, _carried(kind, head, ctx.orgs, ctx.last_any, ctx.last_person, group), False
    if pron is not None and verb:  # "He said …", "The monitor said …": the pronoun is the speaker
        carried = _carried(pron, subject_head(s.text), ctx.orgs, ctx.last_any, ctx.last_person, group)
        # "The spokesman of the council Kayvan Khosravi said": a name before the verb is the subject,
        # but an organisation inside a person's title is not ("The SNSC spokesman added")
        named = named if named is not None and verb_at is not None and named.end - s.start <= verb_at.start() \
            and not _PRONOUN_START.match(s.text) and (named.is_person or pron != "person" or carried is None) \
            else None
        return named, carried, False
    if named is None and (prior := surname_subject(s.text, verb_at, ctx.people)) is not None:
        return named, prior, False
    if ctx.in_quote and named is None:
        return named, ctx.quote_owner, False
    if named is None and cues.quote is not None and verb and (verb_at is not None or cues.quote[0] <= 2):
        return named, ctx.last_any, False  # a quotation that opens the sentence goes on with the last speaker
    return named, None, False


def _acting_person(s: Sentence, gaz: Gazetteer) -> SpeakerGuess | None:
    """The person the gazetteer knows who is the sentence's subject: named first, within its first words, and not
    after a pronoun or a preposition ("killed in the strike with X" names a victim, not a subject)."""
    found = known_actors(s.text, gaz)
    first = found[0] if found else None
    if first is None or not first.is_person or len(s.text[: first.start].split()) > 4 \
            or re.search(r"\b(?:of|in|with|by|for|to|on|at|from|against|he|she|they|it)\s+\S*\s*$",
                         s.text[: first.start], re.I):
        return None
    return dataclasses.replace(first, start=first.start + s.start, end=first.end + s.start)


def _remember(s: Sentence, gaz: Gazetteer, ctx: _Context, who: SpeakerGuess | None, verb: bool,
              anonymous: bool) -> None:
    """Carry forward the sentence's speaker, whether it leaves a quotation open, and the organisations it names.
    After an unnamed source ("security sources said …"), "they added" and "he said" are that source: nobody named
    earlier speaks in them."""
    if who is not None and verb:
        ctx.last_any = who
        if who.is_person:
            ctx.last_person = who
    elif verb and anonymous:
        ctx.last_any = ctx.last_person = None
    if verb:
        ctx.after_unnamed = who is None and anonymous
    # (inside a quotation any later mark closes it: '…,“ it said' is a closing mark typed the wrong way round)
    leaves_open = opens_quote(s.text) if not ctx.in_quote else not (
        "”" in s.text or s.text.count('"') % 2 or "“" in s.text[1:])
    if leaves_open and not ctx.in_quote:
        ctx.quote_owner = who or ctx.last_any
    ctx.in_quote = leaves_open
    ctx.orgs.extend(dataclasses.replace(o, start=o.start + s.start, end=o.end + s.start)
                    for o in organisations(s.text, gaz))
