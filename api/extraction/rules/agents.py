"""Who acts and who is hit: the actor and target actor of a strike, the attacker and target of an attack.

Canonical names come from the curated gazetteer.
"""

from __future__ import annotations

import functools
import re

from api.extraction.rules.acts import GROUP_KINDS, STATE_KINDS, Name, act_verb
from api.extraction.rules.gazetteer import Actor, Gazetteer
from api.extraction.rules.name_index import Found
from api.extraction.rules.places import location
from api.extraction.rules.speakers import CALLING_ITSELF, CLAIMANT
from api.extraction.rules.speech import speech_verbs
from api.extraction.text.datelines import DATELINE

_ACTING = re.compile(r"[\s-]+(?:led\s+)?(?:air\s*)?(?:strikes?|attacks?|raids?|bombing|shelling|forces|troops|jets|"
                     r"warplanes|war\s+planes|drones?|missiles?|aircraft|navy|military|army)\b", re.I)


# a state written as what was hit: "fired missiles toward Israel", "hit a Syrian radar site", "strikes on Iranian
# military installations" (not "in northeast Syria", "Yemen’s port city")
_STATE_HIT = re.compile(r"\b(?:toward|towards|on|against|at|hit|struck|targeted|targeting)\s+(?:an?\s+|the\s+)?$", re.I)
_PATRON_OF = re.compile(r"[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led)\b", re.I)
# a group named as whose the target is: "facilities used by groups affiliated with Iran's Revolutionary Guard"
_PATRON = re.compile(r"\b(?:affiliated\s+with|linked\s+to|tied\s+to|loyal\s+to|run\s+by|belonging\s+to|"
                     r"operated\s+by)\s+(?:the\s+)?(?:\w+[’']s\s+)?(?:\w+\s+){0,2}$", re.I)
# ("in northern Iraq", "across southern Lebanon": a direction before the state is still a place)
_IN_PLACE = re.compile(r"\b(?:in|into|inside|near|across|to|at|of)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+|"
                       r"central\s+)?$", re.I)
# a group is not a place: "members of Kataib Hezbollah" names the group ("in"/"near" still read as a place)
# ("gunmen linked to the Islamic State" names the group: "to" after a word of ties is not a place)
_IN_PLACE_GROUP = re.compile(r"\b(?:in|into|inside|near|across|at|(?<!linked\s)(?<!loyal\s)(?<!tied\s)(?<!close\s)"
                             r"(?<!belonging\s)(?<!affiliated\s)(?<!allied\s)to)\s+(?:the\s+)?$", re.I)


_RULERS_IN = re.compile(r"\b(?:regime|government|authorities|leadership|rulers)\s+in\s+(?:the\s+)?$", re.I)


def _name(f: Found[Actor], sentence: str) -> Name:
    return Name(f.start, f.end, f.entry.name)


def actors_around_verb(sentence: str, gaz: Gazetteer) -> tuple[list[Found[Actor]], list[Found[Actor]]]:
    """Actors mentioned before the first verb of striking/attacking (agents) and after it (targets)."""
    agents, targets = _actors_around_verb(sentence, gaz)
    return list(agents), list(targets)


# the rest of a compound of states, then what they do or fight with: "-British aggression" after "US"
_ACTING_COMPOUND = re.compile(r"(?:-[A-Z][\w]+)+\s+(?:[\w-]+\s+)?(?:aggression|strikes?|airstrikes?|raids?|attacks?|"
                              r"forces|troops|jets|warplanes|aircraft|coalition|bombing|bombardment|operations?|"
                              r"navy)\b")


@functools.lru_cache(maxsize=4096)
def _actors_around_verb(sentence: str, gaz: Gazetteer) -> tuple[tuple[Found[Actor], ...], tuple[Found[Actor], ...]]:
    """``actors_around_verb``, cached: the rules of a strike or an attack ask it several times of a sentence."""
    everyone = gaz.find_actors(sentence)
    verb = act_verb(sentence)
    pivot = verb.start() if verb else len(sentence)
    # "in Syria", "near Iraq's border": a state named where something happens is not an actor there
    # (but "in the Pakistani strikes", "of Israeli jets" name who acts)
    # "the Jordan-Syria border": a compound of places names neither as an actor
    # and a dateline ("ADEN, Yemen —", "BAGHDAD (Reuters) -") says where the report was filed, nobody acts in it
    filed = DATELINE.match(sentence)
    # (but a compound of states that act together names its first as the one acting: "the US-British aggression")
    everyone = [f for f in everyone if not re.search(r"[A-Za-z]-$", sentence[max(0, f.start - 2) : f.start])
                and (not re.match(r"-[A-Z]", sentence[f.end : f.end + 2]) or _ACTING_COMPOUND.match(sentence, f.end))
                and not (filed and f.end <= filed.end())]
    # ("the regime in Iran", "the government in Damascus" name who acts)
    found = [f for f in everyone if not (_IN_PLACE if f.entry.kind == "state" else _IN_PLACE_GROUP).search(
                 sentence[max(0, f.start - 12) : f.start]) or _ACTING.match(sentence, f.end)
             or _RULERS_IN.search(sentence, max(0, f.start - 30), f.start)]
    # the people killed or wounded are its victims, whatever noun the act has: "Israeli troops killed two Syrians in
    # a raid", "Turkish troops killed three PKK militants during an operation"
    victims = [f for f in found if _named_as_victims(sentence, f)]
    before = [f for f in found if f.end <= pivot and f not in victims]
    after = sorted([f for f in found if f.start >= pivot] + [f for f in victims if f.end <= pivot],
                   key=lambda f: f.start)
    # passive: "attacked by Iran-backed groups", "the target of Israeli war planes": the agent follows, and
    # what comes before the verb was hit
    # ("a raid carried out by US forces")
    # ("continuous attacks from the regime in Iran")
    # (not "by" and a gerund: "X retaliated by launching missiles at Y" names a means, not an agent)
    by = re.match(r"\w*\s+(?:\w+\s+){0,2}?by\s(?!\w+ing\b)|target\s+of\s|\w*\s+from\s+the\s+(?:regime|government|"
                  r"authorities|leadership)\s+in\s", sentence[pivot:])
    agent = [f for f in everyone if by and f.start >= pivot + by.end()][:1]
    # an accusation after the act names its agent: "the drone attack was attributed to X", "… blamed on X"
    # (not the patron: "attributed to the al-Qaeda-linked group al-Shabaab" is al-Shabaab's)
    agent = agent or [f for f in everyone if f.start >= pivot and _BLAMED_ON.search(sentence[pivot : f.start])
                      and not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])][:1]
    if agent:
        return tuple(agent), tuple(f for f in before + after if f != agent[0])
    return tuple(before), tuple(after)


# a killing verb and a count right before the name: its people are the ones killed ("killed two Palestinians",
# "wounding a Hezbollah commander", "killed more than ten al-Shabaab militants")
_VICTIMS_BEFORE = re.compile(r"\b(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es?)|abduct(?:ed|ing|s)?|"
                             r"kidnapp?(?:ed|ing|s)?)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|some\s+|"
                             r"nearly\s+)?(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|"
                             r"dozens\s+of|scores\s+of)\s+(?:[\w-]+\s+)?$", re.I)


def _named_as_victims(sentence: str, f: Found[Actor]) -> bool:
    return _VICTIMS_BEFORE.search(sentence, max(0, f.start - 60), f.start) is not None


# "… has been attributed to", "… was widely blamed on", "… which officials blamed on the": the act's agent follows
_BLAMED_ON = re.compile(r"^[^.;:]{0,80}\b(?:attributed|blamed|pinned)\s+(?:\w+\s+)?(?:on|to)\s+(?:the\s+)?"
                        r"(?:[\w’'-]+[-‐‑–](?:linked|backed|aligned|affiliated|allied|inspired)\s+(?:[\w-]+\s+){0,2})?$",
                        re.I)


def _only_speaks(sentence: str, end: int, before: list[Found[Actor]]) -> bool:
    """True for the speaker of "X denounced the strikes": a verb that judges stands between X and the event,
    and the event is not X's own ("X condemned its own strikes" is rare; "X said jets struck" is X's report)."""
    verb = act_verb(sentence)
    pivot = verb.start() if verb else len(sentence)
    said = [m for m in speech_verbs(sentence[:pivot]) if m.start() >= end and _JUDGES.match(m.group(0))]
    return bool(said) and not re.search(r"\b(?:it|they|we|its|their|our)\b", sentence[said[-1].end() : pivot], re.I)


# verbs that judge someone else's act; "the army said jets struck …" reports the army's own
_JUDGES = re.compile(r"condemn|denounc|slam|critici|decr|reject|deplor|accus|blam|call|den[iy]", re.I)


def strike_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(actor, target_actor) of a strike: the state force acting, the group it hit."""
    before, after = actors_around_verb(sentence, gaz)
    before = [f for f in before if not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])
              and not _only_speaks(sentence, f.end, before)]
    pivot = act_verb(sentence)
    at = pivot.start() if pivot else len(sentence)
    # a state that is not the act's subject is a victim or a bystander ("six Syrian militants were killed")
    states = [f for f in before if f.entry.kind in STATE_KINDS and (f.start >= at or subject_of(sentence[f.end : at])
                                                                    or reports_its_craft(sentence, f, at))]
    # "the Pakistani strikes", "US-led strikes": the actor written right before the act is its agent
    adjacent = [f for f in states if pivot is not None and re.fullmatch(r"[\s-]*(?:led\s+|\w+\s+)?",
                                                                         sentence[f.end : pivot.start()])]
    # the state nearest the verb ("Iran's ministry said US strikes …" → US), or the first of a coordination
    # that ends there ("The United States and Britain carried out strikes" → the United States)
    i = states.index(adjacent[-1]) if adjacent else len(states) - 1
    while i > 0 and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", sentence[states[i - 1].end : states[i].start]):
        i -= 1
    agent = states[i] if states else None
    # (not who reports it: '"… this raid," the foreign ministry said')
    agent = agent or next((f for f in after if f.entry.kind in STATE_KINDS and f.entry.kind != "state"
                           and not _speaks_next(sentence, f)), None)
    # fighting between a state's forces and a group: "confrontations between the Israeli army and Hezbollah"
    agent = agent or next((f for f in before + after if f.entry.kind in STATE_KINDS
                           and re.search(r"\bbetween\s+(?:the\s+)?$", sentence[max(0, f.start - 14) : f.start])), None)
    agent_side = side(agent.entry) if agent else None
    # the target: a group named as the patron of what was hit, else the first armed group after the verb,
    # else a state force of another side ("Syrian forces", "the Revolutionary Guard")
    # (a patron is not the target: "the al Qaeda-linked al-Shabaab" is al-Shabaab)
    # (who reports the strike is not what it hit: "… at Israel, the Israeli military said")
    hostile = [f for f in after if f is not agent and side(f.entry) != agent_side and f.entry.kind != "state"
               and f.entry.kind in GROUP_KINDS | {"state_force"} and not _PATRON_OF.match(sentence, f.end)
               and not _speaks_next(sentence, f, according=False)]
    target = next((f for f in hostile if _PATRON.search(sentence[max(0, f.start - 60) : f.start])), None)
    target = target or next((f for f in hostile if f.entry.kind in GROUP_KINDS), None)
    target = target or next(iter(hostile), None)
    target = target or next((f for f in before if f.entry.kind in GROUP_KINDS), None)
    # else a state whose thing was hit: "its jets hit a Syrian radar site" (not a patron: "Iran-backed")
    # ("fired missiles at Israel": a state after "at" is what was aimed at, though "at" reads as a place elsewhere)
    target = target or next((f for f in gaz.find_actors(sentence) if f.start >= at and f.entry.kind == "state"
                             and side(f.entry) != agent_side
                             and _STATE_HIT.search(sentence, 0, f.start) is not None
                             and not re.match(r"[’']s\s", sentence[f.end : f.end + 3])
                             and not _PATRON_OF.match(sentence, f.end)), None)
    # "More than 40 militants were killed in an operation, the army said": the force that reports fighters of the
    # other side killed in an operation reports its own operation
    # (or first: "The Turkish Defence Ministry said 12 PKK terrorists were neutralised in air operations")
    agent = agent or next((f for f in after if f.entry.kind in STATE_KINDS and _speaks_next(sentence, f)
                           and ENEMY_KILLED.search(sentence, 0, f.start)), None) \
        or next((f for f in before if f.entry.kind in STATE_KINDS
                 and (_speaks_next(sentence, f) or _ITS_BODY_SPEAKS.match(sentence, f.end))
                 and ENEMY_KILLED.search(sentence, f.end)), None)
    # "the Somali National Army said its elite forces killed 40 militants": the force that reports what its men did
    agent = agent or next((f for f in before + after if f.entry.kind in STATE_KINDS and _speaks_next(sentence, f)
                           and _ITS_MEN_KILLED.match(sentence, f.end)), None)
    actor = _name(agent, sentence) if agent else None
    if actor is None:  # "President X said he ordered a series of airstrikes": the leader's state acts
        leader = _ordering_leader(sentence, gaz)
        actor = Name(leader.start, leader.end, leader.entry.country) if leader and leader.entry.country else None
    return _as_state(actor or _bare_forces(sentence, gaz, pivot), gaz), (_name(target, sentence) if target else None)


def reports_its_craft(sentence: str, f: Found[Actor], at: int) -> bool:
    """A state's force that reports "a drone" struck reports its own: "the Turkish army said a drone targeted a PKK
    cell" (a state, "Iraq said a drone hit the base", may report what hit it)."""
    return f.entry.kind == "state_force" and _ITS_CRAFT.fullmatch(sentence, f.end, at) is not None


_ITS_CRAFT = re.compile(r"\s+(?:said|says|reported|announced)\s+(?:that\s+)?(?:on\s+\w+\s+)?an?\s+(?:[\w-]+\s+)?"
                        r"(?:drone|jet|warplane|aircraft|helicopter|unmanned\s+aerial\s+vehicle)\s+", re.I)


# fighters of the other side killed in an operation: "four militants were killed in an operation", "two terrorists
# were killed in separate operations", a headline's "4 terrorists killed in intelligence-based operation"
ENEMY_KILLED = re.compile(r"\b(?:militants|terrorists|insurgents|jihadists|rebels|fighters|extremists|gunmen|"
                          r"khawarij)\s+(?:\w+\s+){0,2}?(?:(?:were|have\s+been|had\s+been)\s+)?(?:\w+ly\s+)?(?:killed|"
                          r"neutrali[sz]ed|eliminated)\s+(?:in|during)\s+(?:(?:an?|the|separate|several|two|three|joint)\s+)?"
                          r"(?:[\w-]+\s+){0,2}?(?:operations?|raids?|strikes?|airstrikes?|offensive)\b", re.I)


# the state's military body as the subject of the verb of speech: "The Turkish Defence Ministry said …"
_ITS_BODY_SPEAKS = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+)?(?:ministry|army|military|armed\s+forces|forces|command|"
                              r"general\s+staff)\s+(?:said|says|announced|reported|stated)\b", re.I)
_ITS_MEN_KILLED = re.compile(r"[^.;:]{0,40}?\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|units|commandos|"
                             r"soldiers)\b[^.;:]{0,30}?\b(?:killed|neutrali[sz]ed|eliminated)\b", re.I)


def _as_state(actor: Name | None, gaz: Gazetteer) -> Name | None:
    """A state's own armed forces strike for the state: "Turkish jets struck" is Turkey's strike (the guidelines'
    actor is the state, "United States"); a command or service with a name of its own (CENTCOM, the IRGC) stays."""
    entry = gaz.actor(actor.canonical) if actor else None
    if actor is None or entry is None or entry.kind != "state_force" or not entry.country:
        return actor
    return Name(actor.start, actor.end, entry.country) if gaz.army_of(entry.country) is entry else actor


# forces named by their role alone, as the subject of the act: "Government forces stepped up shelling", "the army
# struck": the army of the state where the act happened
FORCES_BY_ROLE = r"(?:(?:pro-)?government|regime|security)\s+(?:forces|troops)|(?<=\bthe\s)(?:army|military)"
# (or the forces that killed the other side's men in the act: "Security forces killed four terrorists in an operation")
_BARE_FORCES = re.compile(rf"(?:^|\b(?:the|said|that)\s+)(?P<f>{FORCES_BY_ROLE})\s+"
                          r"(?!(?:was|were|is|are|has\s+been|have\s+been)\b)(?:(?:[\w-]+\s+){0,3}|(?:(?:has|have)\s+)?"
                          r"(?:killed|neutrali[sz]ed|eliminated)\s+[^.;:]*)$", re.I)


def _bare_forces(sentence: str, gaz: Gazetteer, pivot: re.Match[str] | None) -> Name | None:
    if pivot is None:
        return None
    m = _BARE_FORCES.search(sentence, 0, pivot.start())
    where = location(sentence, gaz) if m is not None else None
    army = gaz.army_of(where.country) if where is not None and where.country else None
    return Name(m.start("f"), m.end("f"), army.name) if m is not None and army is not None else None


# a leader who ordered the strikes: "Trump said he ordered a series of airstrikes", "Netanyahu ordered the raid"
_ORDERED = re.compile(r"\b(?:ordered|authori[sz]ed|approved)\s+(?:[\w-]+\s+){0,4}?(?:air\s*strikes?|airstrikes?|"
                      r"strikes?|raids?|bombing|operation)\b", re.I)
_LEADER_SAYS = re.compile(r"\s*(?:,\s*)?(?:(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:he|she)\s+)?"
                          r"(?:had\s+|has\s+)?$", re.I)


def _ordering_leader(sentence: str, gaz: Gazetteer) -> Found[Actor] | None:
    m = _ORDERED.search(sentence)
    if m is None:
        return None
    return next((f for f in gaz.find_actors(sentence[: m.start()]) if f.entry.kind == "person"
                 and _LEADER_SAYS.fullmatch(sentence, f.end, m.start())), None)


def side(a: Actor) -> str:
    """Whose side an actor acts for: a state's forces act for the state ("Central Command" → United States)."""
    return a.country if a.kind in STATE_KINDS and a.country else a.name


_SOURCE_OR_PATRON_BEFORE = re.compile(
    r"\b(?:according\s+to|reported\s+by|told|quoted\s+by|cited\s+by|(?:support|backing|help|aid|funding|weapons)\s+"
    r"(?:from|of)|backed\s+by|supported\s+by|armed\s+by)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)


def _speaks_next(sentence: str, f: Found[Actor], according: bool = True) -> bool:
    """True for an actor that is the subject of the verb of speech right after it ("the U.S. military said"); with
    ``according`` false, not for the source of a figure after it ("killing four members of X, according to …").
    An abbreviation and a description set off by commas are not in the way ("X (ISPR), the media wing of the army,
    has confirmed")."""
    rest = _SET_OFF.sub("", sentence[f.end : f.end + 120], count=1)
    return any(m.start() <= 15 and (according or not m.group(0).lower().startswith("accord"))
               for m in speech_verbs(rest[:40]))


_SET_OFF = re.compile(r"^\)?(?:\s*\([^)]{1,20}\))?,\s+(?:the|a|an)\s+[^,;.]{1,60},")


def attack_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(attacker, target_actor) of an attack: the armed group acting, the state or force it hit."""
    before, after = actors_around_verb(sentence, gaz)
    everyone = before + after
    # a group written as what was hit is not the attacker: "the attack targeted two Hezbollah posts", "the
    # group's camps in the valley were targeted"
    struck = [f for f in everyone if f.entry.kind in GROUP_KINDS and _group_hit(sentence, f)]
    hit_names = {f.entry.name for f in struck}
    verb = act_verb(sentence)
    after_act = verb.end() if verb is not None else len(sentence)
    # (nor is a group that judges the act, "Hamas condemned the attack", or one whose own act is only to come, "the
    # Houthis said they would resume attacks")
    agent = next((f for f in everyone if f.entry.kind in GROUP_KINDS and f.entry.name not in hit_names
                  and not (f.start >= after_act and _reported_clause(sentence[after_act : f.start]))
                  and not (f in before and _only_speaks(sentence, f.end, before))
                  and not _TO_COME.match(sentence, f.end)), None)
    # who reports the attack ("…, the U.S. military said", "according to the UKMTO") is not what it hit, nor is a
    # patron ("with support from Iran, the Houthis targeted shipping")
    # (nor where it came from: "a missile launched from Yemen")
    # (nor a patron of what was hit: "the Saudi-backed government army" is the army's state's)
    hit = [f for f in everyone if f.entry.kind in STATE_KINDS and f is not agent and not _speaks_next(sentence, f)
           and not _PATRON_OF.match(sentence, f.end)
           and not _SOURCE_OR_PATRON_BEFORE.search(sentence, max(0, f.start - 40), f.start)
           and not re.search(r"\bfrom\s+(?:the\s+)?$", sentence[max(0, f.start - 12) : f.start])]
    target = next((f for f in hit if f in after), None) or next(iter(hit), None) or next(iter(struck), None)
    named = (CALLING_ITSELF.search(sentence) or CLAIMANT.search(sentence)) if agent is None else None
    attacker = _name(agent, sentence) if agent else (
        Name(named.start("n"), named.end("n"), named.group("n")) if named else None)
    return attacker, (_name(target, sentence) if target else None)


# what was hit, written before a group's name ("targeted two Hezbollah posts", "strikes against the positions of");
# not when the agent is named on the way ("an attack on the base by …", "claimed by …", "fired from …")
_HIT_BEFORE = re.compile(r"(?:\b(?:targeted|targeting|hit|hitting|struck|striking|bombed|shelled|raided|attacked)|"
                         r"\b(?:attacks?|strikes?|airstrikes?|raids?|assaults?|fire|bombing|shelling|operations?)\s+"
                         r"(?:on|against))\s+(?:(?!(?:by|from|claimed|since|as|after|when|while|before|that|which|"
                         r"who)\b)[\w’'-]+\s+){0,3}$"
                         # "hit targets allegedly linked to X", "positions belonging to X": X's things were hit
                         r"|\b(?:targets?|positions?|sites?|bases?|hideouts?|camps?|facilities|depots?)\s+(?:\w+\s+){0,2}"
                         r"(?:linked|belonging|tied|affiliated|used\s+by|run\s+by|loyal)\s*(?:to|with)?\s+(?:the\s+)?$"
                         # its people were the victims: "the blast killed a member of the pro-Iran X", "wounding two
                         # fighters of X"
                         r"|\b(?:killed|killing|wounded|wounding|injured|injuring)\s+(?:(?:a|an|one|two|three|four|five|six|seven|"
                         r"eight|nine|ten|several|some|dozens|at\s+least|\d+|senior|top|local|key)\s+){1,3}(?:members?|"
                         r"fighters?|commanders?|leaders?|officials?|militants?|operatives?)\s+(?:of|from)\s+"
                         r"(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
# the group's own things were hit (passive, no agent named): "Hezbollah posts near the border were shelled"
_HIT_AFTER = re.compile(r"(?:[’']s)?[^.;:,]{0,60}?\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
                        r"(?:targeted|hit|struck|bombed|shelled|raided|attacked|destroyed)\b(?!\s+by\b)"
                        # "the Hezbollah commander targeted in the airstrike", "IS fighters killed by a drone"
                        # ("X fighters have been killed in an operation")
                        r"|(?:\s+[\w-]+){1,2}\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been)\s+)?"
                        r"(?:targeted|hit|struck|killed|neutrali[sz]ed|eliminated)\s+(?:in|by|during)\b", re.I)


# after the act, a group that is the subject of someone's words is not its agent: "Mujahid condemned the attack and
# said that the Taliban government would respond" (but "…, which the group claimed")
_REPORTED = re.compile(r"\bthat\b|\b(?:said|says|stated|added|reaffirmed|warned|vowed|insisted)\b", re.I)


_TO_COME = re.compile(r"\s+(?:\w+\s+){0,3}?(?:will|would|could|may|might|plans?|planned|threaten\w*|vow\w*|pledg\w*)\b"
                      r"(?!\s+not\b)", re.I)


def _reported_clause(between: str) -> bool:
    return _REPORTED.search(between) is not None and not re.search(r"\bclaim", between, re.I)


def _group_hit(sentence: str, f: Found[Actor]) -> bool:
    """Whether the sentence writes the group as what was hit rather than who acted."""
    return _HIT_BEFORE.search(sentence, max(0, f.start - 50), f.start) is not None or \
        _HIT_AFTER.match(sentence, f.end) is not None or _named_as_victims(sentence, f)


# an actor that is not the agent itself: "Iran-backed groups", "Iran's Revolutionary Guard" (the Guard acts);
# but "Israel's military" is Israel acting, and "Iran's Tuesday strike" is Iran's
NOT_AN_AGENT = re.compile(r"^(?:[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)|[’']s\s+"
                           r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December)\b)[A-Z]"
                           # a nationality of irregular fighters: "Iraqi militias", "pro-Iran Iraqi militias", "Syrian
                           # rebels" are not the state's forces
                           r"|\s+(?:[A-Z][\w-]*\s+)?(?:militias?|militants|militiamen|rebels|insurgents|jihadists|gunmen|"
                           r"armed\s+(?:groups?|factions)|factions|group|movement)\b"
                           # the state where the acts happened: "the country witnessed 97 militant attacks"
                           r"|\s+(?:has\s+|have\s+|had\s+)?(?:experienced|witnessed|suffered|saw|faced|recorded|"
                           r"registered)\s)")


_OWN_MEANS = r"\b(?:jets|warplanes|aircraft|planes|forces|troops|navy|army|artillery|helicopters|drones)\s*$"


ASIDE = re.compile(r"^\s*,\s*(?:(?:backed|supported|aided|assisted|joined|accompanied|led)\s+by|along\s+with|"
                   r"together\s+with|(?:with|under)\s+(?:the\s+)?(?:support|help|backing|assistance|cover)\s+of)"
                   r"\s+[^,;]{1,60},", re.I)


# the act told as the actor's own in other words than a verb right before it
_OWN_ACT_TOLD = (
    # "Pakistan retaliated two days later with strikes", "Turkey's army responded by shelling"
    re.compile(r"(?:[’']s\s+\w+)?\s+(?:\w+\s+)?(?:retaliated|responded|hit\s+back)\b[^,;]*\b"
               r"(?:with\s+(?:[\w-]+\s+){0,3}|by\s+)"),
    # "the army acknowledged carrying out strikes": its own act, told in a gerund
    re.compile(r"\s+(?:\w+ly\s+)?(?:acknowledged|admitted|confirmed|announced|claimed)\s+(?:carrying\s+out|"
               r"conducting|launching|staging|mounting)\s+(?:\S+\s+){0,3}[“\"']?"),
    # "X was behind the cross-border fire", "X is likely behind the attacks": an accusation of X
    re.compile(r"\s+(?:was|were|is|are)\s+(?:\w+\s+)?behind\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}"),
    # "Kabul accused Pakistan of carrying out overnight airstrikes": the one accused of the act
    re.compile(r"\s+of\s+(?:carrying\s+out|conducting|launching|staging|mounting)\s+(?:[\w-]+\s+){0,3}"),
)
# ("Somalia's special forces, Danab, killed": the unit's name in commas is not in the way)
_UNIT_NAME = re.compile(r"^([’']s\s+(?:[\w-]+\s+)?(?:forces|troops|units|commandos)),\s+[A-Z][\w-]+"
                        r"(?:\s+[A-Z][\w-]+)?,")
_OWN_ACT_AFTER_NAME = (
    # "Israeli troops on Monday killed two men during a raid", "Somalia's special forces, Danab, killed ten
    # militants in operations": who killed in the act did it
    re.compile(r"(?:[’']s\s+(?:[\w-]+\s+)?(?:forces|troops|units|commandos))?"
               r"\s+(?:on\s+\w+\s+)?(?:\w+ly\s+|also\s+)?(?:kill(?:ed|s)?|wound(?:ed|s)?|shot\s+dead)\s+[^,;.]{1,90}?\b"
               r"(?:in|during)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}"),
    # "the Houthis began in February a major offensive against …": the act it started
    re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:began|begun|launched|started|mounted|resumed|stepped\s+up|"
               r"intensified)\s+(?:[\w-]+\s+){0,5}"),
    # "the SDF is the coalition's main ally and has carried out raids": its second verb
    re.compile(r"\s+(?:is|are)\s+[^,;.]{0,80}?\band\s+(?:has|have)\s+(?:\w+ly\s+)?"),
)


def subject_of(between: str) -> bool:
    """Whether an actor followed by ``between`` and then the verb of the act is that act's subject: right before
    it ("Iran-backed groups attacked", "the US military carried out"), or through a report of its own act ("the
    US military confirmed on Wednesday that it targeted")."""
    # ("Iran's Islamic Revolutionary Guard Corps (IRGC) launched": the name's short form is not in the way)
    between = re.sub(r"^\s*\([^()\s]{2,12}\)(?=\s)", "", between)
    # ("the Pakistani Taliban, which have stepped up attacks": a relative clause's subject is the name before it)
    between = re.sub(r"^\s*,\s*(?:which|who)(?=\s)", "", between)
    if any(p.fullmatch(between) for p in _OWN_ACT_TOLD):
        return True
    between = _UNIT_NAME.sub(r"\1", between)
    # ("The army, backed by local militias, has launched an offensive": the aside is not in the way)
    between = ASIDE.sub("", between, count=1)
    if any(p.fullmatch(between) for p in _OWN_ACT_AFTER_NAME):
        return True
    if re.fullmatch(r"\s+(?:has|have|had)\s+been\s+(?:engaged\s+in|involved\s+in|conducting|carrying\s+out|waging|"
                    r"leading)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}", between):
        return True  # "the army has been engaged in a sweeping offensive against X": its own act, ongoing
    # (an adverb does not count: "Turkey's military has openly attacked")
    short = re.fullmatch(r"[\s-]*(?:[\w’'-]+\s+){0,3}(?:\w+ly\s+)?", between)
    # the subject of a first verb is the subject of the act coordinated with it: "US troops landed in helicopters
    # and raided a house", "Israeli forces entered the town and struck …"
    # (a verb of the act's own subject: no words of speech, no passive or result in between)
    plain = not (speech_verbs(between) or re.search(r"\b(?:were|was|been|is|are|killed|wounded|injured)\b", between))
    if plain and re.fullmatch(r"[\s-]*(?:[\w’'-]+\s+){0,3}\w+ed\s+[^,;.]{0,60}?\band\s+(?:then\s+)?", between):
        return True
    # the subject of the main verb does the act of its participle: "Pakistani troops gave a strong response,
    # targeting the positions of …", "Israeli jets flew over the city, striking …"
    if plain and re.fullmatch(r"\s+(?:\w+ly\s+)?(?:\w+ed|gave|began|went|flew|fought|swept|struck|hit)\b"
                              r"[^,;.]{0,60},\s+", between):
        return True
    # ("Iraq says rocket attack …" reports someone else's act; "the army said jets struck" its own)
    if short and not re.search(r"\b(?:were|was|been|is|are)\b", between) and (
            not speech_verbs(between) or re.search(_OWN_MEANS, between)):
        return True
    # "said on Wednesday it had killed the commander … in a strike": the speaker reports its own act
    # ("Israel also said its strikes killed X": the speaker's own strikes)
    return bool(speech_verbs(between)) and re.search(
        r"\b(?:it|they|we)\s+(?:(?:had|has|have|was|were)\s+)?(?:\w+\s+){0,2}$|\b(?:its|their|our)\s+(?:[\w-]+\s+)?$|\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?"
        r"(?:killed|struck|hit|carried\s+out|conducted|targeted|launched|bombed|attacked)\b", between) is not None
