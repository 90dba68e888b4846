"""Strike or attack: a state force's action is a strike, an armed group's an attack; with no known agent,
the vocabulary decides."""

from __future__ import annotations

import re

from api.extraction.rules.acts import (
    ANSWERED_BY_FORCES,
    ATTACK_NOUNS,
    GROUP_KINDS,
    STATE_KINDS,
    STRIKE_NOUNS,
    act_verb,
    main_clause,
)
from api.extraction.rules.agents import (
    ASIDE,
    ENEMY_KILLED,
    FORCES_BY_ROLE,
    NOT_AN_AGENT,
    actors_around_verb,
    reports_its_craft,
    subject_of,
)
from api.extraction.rules.gazetteer import Actor, Gazetteer
from api.extraction.rules.name_index import Found
from api.extraction.rules.speech import speech_verbs
from api.extraction.text.quotes import blank_quote_marks


def answered_kind(part: str, gaz: Gazetteer) -> str | None:
    """Strike, attack or None: the kind of the event a sentence says another one answers ("in response to
    attacks by Iran-backed groups" → attack), by who acts in it, else by its vocabulary."""
    if ANSWERED_BY_FORCES.match(part):
        return "strike"  # "… and the army responded with artillery fire": a state's forces answer
    before, _ = actors_around_verb(part, gaz)
    # (a patron is not the agent: "after Indian-sponsored militants attacked" is the militants' attack)
    by_agents = _by_agents({f.entry.kind for f in before if not NOT_AN_AGENT.match(part[f.end : f.end + 40])})
    if by_agents is not None:
        return by_agents
    verb = act_verb(part)
    if verb is not None and _IRREGULARS.search(part, max(0, verb.start() - 40), verb.start()):
        return "attack"
    if ATTACK_NOUNS.search(part):
        return "attack"
    return "strike" if STRIKE_NOUNS.search(part) else None


# the irregular fighters a sentence names as the subject of the act, whoever backs them
_IRREGULARS = re.compile(r"\b(?:militants|gunmen|insurgents|terrorists|rebels|jihadists|extremists|assailants|"
                         r"attackers|suicide\s+bombers?|bombers?|militiamen|militias?|fighters|(?<!strike\s)group|factions?)"
                         r"\s+(?:\w+\s+){0,2}$", re.I)
# an actor written as the subject of a passive of the result: "More than 40 al-Shabaab fighters have been killed"
_KILLED_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
                           r"(?:killed|wounded|injured|neutrali[sz]ed|eliminated)\b", re.I)
# a state that defends against what was fired at it: "the Israeli military intercepted a missile"
_INTERCEPTS = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?(?:\w+ly\s+)?(?:intercepted|shot\s+down|downed|thwarted|"
                         r"foiled|repelled|repulsed)\b", re.I)
# the people an act killed, written between their state and the verb of the result: "Two Iraqi soldiers killed in
# ambush" (a headline drops the "were"): the state is the victims', not the agent
_VICTIMS = re.compile(r"\s+(?:soldiers|troops|servicemen|service\s+members|police(?:men)?|officers|civilians|"
                      r"personnel|guards|citizens|nationals|people|fishermen|workers)\s+$", re.I)


# a state's people or places as the subject of a passive act with no agent named
_PASSIVE_TARGETED = re.compile(r"\b(?:troops|forces|soldiers|personnel|bases?|embassy|diplomats|interests|positions)\b"
                               r"[^.;,]{0,40}?\b(?:have|has|had)?\s*(?:been|were|was)\s+(?:\w+\s+)?(?:targeted|attacked)$",
                               re.I)
_BLAMED_FOR = re.compile(r"\s+(?:(?:is|was|were|are|has\s+been|have\s+been)\s+)?(?:\w+ly\s+)?(?:blamed|held\s+"
                         r"responsible)\s+for\b", re.I)
_RESPONSIBILITY = re.compile(r"\b(?:claim(?:ed|s|ing)?|took|takes|accepted)\s+(?:\w+\s+)?responsibility\b", re.I)


def reconcile(label: str, sentence: str, gaz: Gazetteer) -> str:
    """Strike or attack by who acts: a state force's action is a strike, an armed group's an attack.

    The model's label stands unless the sentence's agent contradicts it; with no known agent, the
    vocabulary decides ("the strikes killed six" is about a strike, whoever reports it).
    """
    if label not in {"strike", "attack"}:
        return label
    sentence = main_clause(sentence)  # ("In response to that attack, the military struck …": the strike's words)
    named, _ = actors_around_verb(sentence, gaz)
    pivot = act_verb(sentence)
    at = pivot.start() if pivot else len(sentence)
    kinds = _acting(sentence, named, at)
    # "ISIS blamed for Iraq attack": the one blamed is the agent, not the place it names; "Security forces killed four
    # terrorists in an operation": the militants were what was hit
    by_who = _by_agents({f.entry.kind for f in named if _BLAMED_FOR.match(sentence, f.end)}) or _by_agents(kinds) \
        or ("strike" if raid_by_state(sentence) else None)
    if by_who is not None:
        return by_who
    # ("the Israeli military intercepted a missile launched from Yemen": the state defends, the act is whoever fired it)
    if any(_INTERCEPTS.match(sentence, f.end) for f in named):
        return "attack"  # what a state intercepts was fired at it, by someone the sentence does not name as acting
    return _by_words(label, sentence, kinds, pivot)


def _acting(sentence: str, named: list[Found[Actor]], at: int) -> set[str]:
    """The kinds of the actors that act: the subject right before the verb at ``at`` ("Iran-backed groups
    attacked", "the US military carried out"), one written on the act ("Israeli strikes"), or a passive agent
    ("launched by militias"); not victims or bystanders further back ("three American soldiers were killed in a
    drone attack"), nor a patron ("Indian-sponsored militants attacked" is the militants' attack)."""
    return {f.entry.kind for f in named if (f.start >= at or subject_of(sentence[f.end : at])
                                            or reports_its_craft(sentence, f, at))
            and not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])
            and not (f.end <= at and _VICTIMS.fullmatch(sentence, f.end, at))
            # ("More than 40 al-Shabaab terrorists have been killed in an operation": the group is what was hit)
            and not _KILLED_AFTER.match(sentence, f.end) and not _INTERCEPTS.match(sentence, f.end)}


def _by_words(label: str, sentence: str, kinds: set[str], pivot: re.Match[str] | None) -> str:
    """With no agent that settles it, the words of the act decide, else the model's label stands."""
    at = pivot.start() if pivot else len(sentence)
    if not kinds & STATE_KINDS and _IRREGULARS.search(sentence, max(0, at - 40), at) \
            and not re.search(r"\b(?:were|was|been)\s+(?:\w+ly\s+)?$", sentence[:at]):
        # "gunmen stormed", "suspected militants attacked": no state acts (but "40 militants have been killed in an
        # operation" were what was hit)
        return "attack"
    if label == "strike" and pivot is not None and _PASSIVE_TARGETED.search(sentence, max(0, at - 60), pivot.end()):
        return "attack"  # "US troops have been targeted more than 150 times": a state's forces hit, nobody named
    if not kinds and _MERCHANT_SHIP.search(sentence):
        return "attack"  # "a merchant vessel reported it had been hit by a missile": states do not fire at shipping
    if _RESPONSIBILITY.search(sentence):
        return "attack"  # "a little-known group claimed responsibility for the blast": a group's act, not a state's
    if label == "attack" and STRIKE_NOUNS.search(sentence) and not ATTACK_NOUNS.search(sentence):
        return "strike"
    if label == "attack" and not kinds & GROUP_KINDS and _FROM_THE_AIR.search(sentence):
        return "strike"  # "carrying out aerial attacks on the terrorists' bases": air or artillery, nobody named
    return label


# a merchant ship (not a warship, a destroyer or an aircraft carrier)
_MERCHANT_SHIP = re.compile(r"\b(?:merchant|commercial|cargo|container|bulk|oil|chemical|crude|fuel|gas|LNG|LPG)\s+"
                            r"(?:[\w-]+\s+)?(?:vessels?|ships?|tankers?|carriers?|freighters?)\b|\b(?:tankers?|"
                            r"freighters?|bulk\s+carriers?|merchant\s+vessels?)\b", re.I)


# the means of a state's strike, whoever is named: aircraft and artillery (groups fire drones, rockets and missiles)
_FROM_THE_AIR = re.compile(r"\b(?:aerial|air)\s+(?:attacks?|assaults?|bombardments?|raids?)\b|\bwar\s*planes?\b|"
                           r"\bfighter\s+jets?\b|\bhelicopter\s+gunships?\b|\bartillery\b", re.I)


# an act told as done (not "will strike", "vowed to attack", "did not fire"): the verbs of a past act
_DONE = re.compile(r"(?:struck|hit|fired|launched|attacked|targeted|shelled|bombed|raided|carried\s+out|conducted|"
                   r"pounded)$", re.I)
_NOT_DONE = re.compile(r"\b(?:will|would|could|can|may|might|should|must|to|not|never|threaten\w*|vow\w*|plan\w*|"
                       r"if|unless)\b", re.I)


def sure_by_rules(sentence: str, gaz: Gazetteer) -> str | None:
    """Strike or attack when the rules are sure on their own: a known state force or armed group is the subject of
    a verb of a done act ("Houthis fired two missiles toward …", "the army's jets struck …"); else None."""
    if raid_by_state(sentence):
        # "Security forces killed four terrorists in an operation" (but "fighters were killed in a Hezbollah raid" is
        # the group's act)
        return reconcile("strike", sentence, gaz)
    pivot = act_verb(sentence)
    if pivot is None or not _DONE.search(pivot.group(0)):
        return None
    at = pivot.start()
    before, _ = actors_around_verb(sentence, gaz)
    agents = [f for f in before if f.end <= at and subject_of(sentence[f.end : at])
              and not _NOT_DONE.search(sentence[f.end : at]) and not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])]
    return _by_agents({f.entry.kind for f in agents})


# the result of an act done by its subject: "Israeli forces said they killed several fighters", "the command said
# it destroyed nine missiles", "whom Turkey said it had killed in April"
_RESULT = re.compile(r"\b(?:killed|destroyed|eliminated|assassinated|neutrali[sz]ed)\b", re.I)


def result_by_rules(sentence: str, gaz: Gazetteer) -> str | None:
    """Strike or attack for a sentence with no word of striking or attacking (so no question to the model) whose
    known state force or armed group did what it reports: it is the subject of a verb of the result, directly or
    through its own report ("X said it had killed …"); else None. "Two fighters were killed" names no agent."""
    verb = _RESULT.search(sentence)
    if verb is None:
        return None
    at = verb.start()
    agents = [f for f in gaz.find_actors(sentence[:at]) if _does_it(sentence[f.end : at])
              and not _NOT_DONE.search(sentence[f.end : at]) and not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])]
    if not agents and raid_by_state(sentence):
        # "Government forces have killed more than 600 militants": a state's forces, unnamed (a group named as acting
        # after the verb still makes it its act)
        return reconcile("strike", sentence, gaz)
    return _by_agents({f.entry.kind for f in agents[-1:]})


def raid_by_state(sentence: str) -> bool:
    """Whether the sentence tells of a state's raid on the other side's fighters with no force named: men named
    by their role killed them ("Security forces killed four terrorists in an operation", "the army said its elite
    forces killed 40 militants"), or they were killed in an operation ("two militants were killed in separate
    operations", "In a separate operation, one more terrorist was eliminated"), or an operation of the kind only
    a state's forces conduct was ("an IBO was conducted in the area"). An armed group's men are its fighters, not
    its troops or security forces. (Quotation marks do not count: 'security forces have "neutralized" 57'.)"""
    sentence = blank_quote_marks(sentence)
    if ENEMY_KILLED.search(sentence) or _KILLED_IN_OPERATION.search(sentence) or _STATE_OPERATION.search(sentence) \
            or _KILLED_BY_FORCES.search(sentence):
        return True
    verb = _RESULT.search(sentence)
    if verb is None or not _FIGHTERS.match(sentence, verb.end()):
        return False
    men = list(_STATE_MEN.finditer(sentence, 0, verb.start()))
    between = sentence[men[-1].end() : verb.start()] if men else ""
    return bool(men) and _does_it(between) and not _NOT_DONE.search(between)


# the operation told first: "In a separate operation in the valley, one more terrorist was eliminated"
_KILLED_IN_OPERATION = re.compile(r"\b(?:in|during)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?operations?\b[^.;]{0,60}?\b"
                                  r"(?:militants?|terrorists?|insurgents?|jihadists?|extremists?|khawarij)\s+"
                                  r"(?:were|was|have\s+been|has\s+been)\s+(?:killed|neutrali[sz]ed|eliminated)\b", re.I)
# the passive's agent named by its role: "Eight terrorists were killed and four injured by the security forces"
_KILLED_BY_FORCES = re.compile(rf"\b(?:militants|terrorists|insurgents|jihadists|extremists|khawarij)\b[^.;:]{{0,60}}?"
                               rf"\b(?:killed|neutrali[sz]ed|eliminated|injured|wounded)\s+by\s+(?:the\s+)?"
                               rf"(?:{FORCES_BY_ROLE}|troops|soldiers)\b", re.I)
_FIRST_VERB = re.compile(r"^\s+(?:(?:had|has|have)\s+)?\w+ed\s+[^,;.]{0,60}?\band\s+$", re.I)
# an operation only a state's forces conduct, conducted: "an intelligence-based operation (IBO) was conducted"
_STATE_OPERATION = re.compile(r"\b(?:IBOs?|intelligence[\s-]based\s+operations?(?:\s+\(IBO\))?|(?:search|clearance|"
                              r"sanitisation|sanitization|cordon[\s-]and[\s-]search)\s+operations?)\s+(?:was|were|"
                              r"has\s+been|have\s+been)\s+(?:conducted|carried\s+out|launched)\b", re.I)


# between the actor and the verb of the result: nothing, its means, an auxiliary or an adverb ("Israeli forces
# killed", "the group has reportedly killed"), or its own report ("said it had killed"); not a noun of its people
# ("Revolutionary Guard general killed" is the general's death)
_DOES_IT = re.compile(r"\s*(?:(?:forces|troops|military|army|navy|jets|warplanes|drones|fighters|militants|gunmen)\s+)?"
                      r"(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?")
_OWN_REPORT = re.compile(r"\b(?:it|they|we)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?$", re.I)


# a state's men named by their role (the forces ``agents`` reads as a bare agent, troops, soldiers, or the
# reporting force's "elite forces Danab", a country's "Somalia's special forces, Danab,"), and the other side's
# fighters they killed (a count first: not "killed in an attack by militants")
_STATE_MEN = re.compile(rf"\b(?:{FORCES_BY_ROLE}|troops|soldiers|(?:its|their|(?-i:[A-Z])[\w-]+[’']s)\s+(?:[\w-]+\s+)?"
                        r"(?:forces|troops|units|commandos))(?:,?\s+(?-i:[A-Z])[\w-]+,?)?(?=\s)", re.I)
_FIGHTERS = re.compile(r"\s+(?!(?:in|as|after|when|while|by|during|on|at(?!\s+least)|and|or|near|with|from)\b)"
                       r"(?:(?:at\s+least|more\s+than|over|about|some|nearly)\s+)?[\w,-]+\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:militants|terrorists|insurgents|jihadists|rebels|fighters|gunmen|extremists)\b", re.I)


def _does_it(between: str) -> bool:
    # ("the security forces had foiled the attempt and killed 12 terrorists": a first verb of theirs on the way)
    between = _FIRST_VERB.sub("", between, count=1)
    between = ASIDE.sub("", between, count=1)  # ("The army, with the support of partners, killed …")
    return _DOES_IT.fullmatch(between) is not None or (
        bool(speech_verbs(between)) and _OWN_REPORT.search(between) is not None)


def _by_agents(kinds: set[str]) -> str | None:
    """An armed group's act is an attack, a state force's a strike; neither or both settles nothing."""
    if kinds & GROUP_KINDS and not kinds & STATE_KINDS:
        return "attack"
    if kinds & STATE_KINDS and not kinds & GROUP_KINDS:
        return "strike"
    return None
