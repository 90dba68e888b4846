"""Which mentions are an incident of their own: a background campaign, or one that says it is another."""

from __future__ import annotations

import re

from schemas.contract import Attack, Strike

# attacks someone is to stop, so going on: "until the rebels cease their attacks on shipping", "failed to halt the
# group's attacks"
_HALTED = (r"\b(?:cease|stop|halt|end|curb)\w*\s+(?:the\s+)?(?:their|its|[\w’'-]+(?:\s+[\w’'-]+)?[’']s)\s+"
           r"(?:[\w-]+\s+)?attacks\b")
HALTED_ATTACKS = re.compile(_HALTED, re.I)
# a campaign or a run of events told as background, not one incident: "has carried out repeated attacks",
# "have been trading fire since October", "suffered 78 attacks in June", "for years, the US has helped …"
_BACKGROUND = re.compile(
    r"\b(?:has|have|had)\s+been\s+(?:\w+\s+)?(?:carrying\s+out|launching|targeting|attacking|conducting|waging|"
    r"fighting|battling|trading|exchanging|striking|shelling|bombing|hitting|wracked|hit|targeted|plagued)\b"
    r"|\b(?:repeated|frequent|routine(?:ly)?|persistent|regular|near-daily|almost\s+daily|daily|dozens\s+of|"
    r"hundreds\s+of|"
    r"scores\s+of|a\s+(?:series|wave|string|spate|surge)\s+of|surge\s+in|campaign)\s+(?:[\w-]+\s+){0,3}?(?:attacks|"
    r"strikes|airstrikes|raids|operations|violence|shelling|bombings|exchanges)\b"
    r"|\b(?:for|over\s+the\s+(?:past|last))\s+(?:years|months|decades|weeks)\b|\bsince\s+(?:the\s+(?:start|beginning)|"
    r"\d{4}|last\s+year)\b|\b(?:\d+|hundreds|dozens|thousands|scores)\s+(?:of\s+)?times\b|"
    r"\bin\s+recent\s+(?:weeks|months|years)\b"
    # "in the last five months", "during the past year", "years of relentless shelling"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks?|months?|years?|decades)\b"
    r"|\b(?:days|weeks|months|years|decades)\s+of\s+(?:\w+\s+){0,2}?(?:attacks|strikes|airstrikes|raids|shelling|"
    r"bombings?|fighting|violence|clashes)\b"
    r"|\b(?:continuous|continued|ongoing|relentless|constant|incessant)\s+(?:\w+\s+){0,2}?(?:attacks|strikes|"
    r"airstrikes|raids|shelling|bombings?|fire)\b"
    # "since the war began", "since the rebels began targeting ships": a period, not an incident
    r"|\bsince\s+(?:\S+\s+){1,6}?(?:began|started|broke\s+out|erupted)\b"
    # a clause of attacks going on (``HALTED_ATTACKS``) that opens the mention's evidence: see drafts' halted campaigns
    r"|^.{0,80}?" + _HALTED +
    # "have exchanged fire with Israel since Sunday": an act told over a period up to now
    r"|\b(?:has|have)\s+(?:\w+\s+){0,2}?(?:exchanged|traded|carried\s+out|launched|fired|attacked|struck|"
    r"targeted|conducted|shelled|bombed)\b[^.;]{0,120}?\bsince\b"
    # habits: "regularly conducts airstrikes", "often carries out such attacks", "from time to time", "past attacks"
    r"|\b(?:regularly|frequently|often|usually|routinely|repeatedly|periodically|systematic(?:ally)?|from\s+time\s+to\s+"
    r"time)\b|\b(?:past|previous|earlier|prior)\s+(?:[\w-]+\s+)?(?:attacks|strikes|airstrikes|raids)\b"
    # a trend: "a rise in attacks", "ISIS attacks have been on the rise", "has stepped up its attacks"
    r"|\b(?:rise|increase|uptick|upsurge|escalation)\s+in\s+(?:[\w-]+\s+){0,2}?(?:attacks|strikes|airstrikes|"
    r"raids|violence)\b|\bon\s+the\s+rise\b|\b(?:increased|intensified|stepped\s+up|escalated)\s+(?:its\s+|their\s+)?"
    r"(?:[\w-]+\s+)?(?:attacks|strikes|airstrikes|raids)\b"
    # a campaign still going on: "the group continues deadly attacks", "continues to carry out strikes"
    r"|\bcontinues?\s+(?:to\s+(?:carry\s+out|launch|conduct|stage|mount)\s+)?(?:its\s+|their\s+)?(?:[\w-]+\s+)?"
    r"(?:attacks|strikes|airstrikes|raids)\b", re.I)
# the nouns of an act that a past week, month or year can date (``_ANOTHER``)
_ACT_NOUN = (r"(?:attacks?|strikes?|airstrikes?|air\s+strikes?|bombings?|raids?|assaults?|ambush(?:es)?|blasts?|"
             r"explosions?|shelling)")
# a mention that says it is another incident: "Separately, …", "in another attack", "a second strike"
_ANOTHER = re.compile(r"\b(?:separately|in\s+(?:a\s+)?(?:separate|another)|a\s+(?:separate|second|third)\s+"
                      r"(?:attack|strike|raid|incident|drone|rocket)|"
                      r"another\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|airstrike|raid|incident|bombing|assault|one)|"
                      # "a child was hurt in a similar incident" (not "blaming X for similar recent attacks": another
                      # act the sentence only names)
                      r"\ban?\s+similar\s+(?:[\w-]+\s+)?(?:attack|strike|airstrike|raid|incident|bombing|assault)\b|"
                      # a strike that follows one up: "a follow-on strike on a radar site"
                      r"follow-(?:on|up)\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|raids?)|"
                      # an act dated to a past week, month or year: "last week's suicide bombing", "air strikes in
                      # its territory last week", "a bombing earlier this month", "a raid two months ago" (not the
                      # speech: "told the Council last week that it struck …")
                      r"(?:last|the\s+previous)\s+(?:week|month|year)[’']s\s+(?:[\w-]+\s+){0,2}?"
                      + _ACT_NOUN + "|"
                      + _ACT_NOUN + r"\b(?:(?!\bsince\b)[^.;,:]){0,60}?\b"
                      r"(?:(?:last|the\s+previous)\s+(?:week|month|year)|"
                      r"earlier\s+this\s+(?:week|month|year)|(?:a|one|two|three|four|five|six|several|\d+)\s+"
                      r"(?:weeks?|months?|years?)\s+ago))\b"
                      # an earlier one that a mention which is no act itself is measured from: "The claim comes
                      # two days after the rebels said they attacked …", "The incident came hours after the group
                      # killed …", "That followed five rockets fired …" (not "The strike came hours after militants
                      # attacked …": the strike is the article's act)
                      r"|^\W*(?:the\s+(?:claim|announcement|statement|report|news|incident|development)|that|this|it)\s+"
                      r"(?:comes|came|follows|followed)\s+(?:(?:just|only|barely)\s+)?(?:(?:(?:a|one|two|three|four|five|six|"
                      r"several|a\s+few)\s+(?:hours?|days?|weeks?|months?)|hours|days|shortly)\s+after\b|(?:last|the\s+previous)\s+(?:week|month)[’']s\s|(?:[\w-]+\s+)?"
                      r"(?:rockets?|missiles?|drones?|strikes?|attacks?)\s+(?:fired|launched)\b)"
                      # "Prior to that, an airstrike took out …"
                      r"|^\W*(?:prior\s+to|before)\s+that\s*,"
                      # an earlier one, opening the mention: "Earlier in the day, …", "A few hours earlier, …", "Hours
                      # before the convoy was hit, …", "The day before, …"
                      r"|^\W*(?:(?:a\s+few|several|two|three)\s+)?(?:hours?|days?)\s+(?:earlier|before)\b"
                      # (not an earlier report of it: "Earlier, the officer had said that five died in the blast")
                      r"|^\W*earlier(?:\s+(?:in\s+the\s+day|that\s+day|on\s+\w+|this\s+(?:week|month)))?\s*,"
                      r"(?![^.;]{0,100}\bhad\s+(?:said|reported|told|stated|announced)\b)"
                      r"|^\W*(?:the\s+)?day\s+before\b"
                      # an earlier week or month: "Last week, …", "Two months ago, …", "Earlier this month, …"
                      r"|^\W*(?:(?:last|earlier\s+this)\s+(?:week|month)|(?:a|one|two|three|four|several|a\s+few)\s+"
                      r"(?:weeks?|months?)\s+ago)\b", re.I)


# "the deadliest attack since 2014", "the first strike since the war began": a fresh incident measured against a period
_MEASURED = re.compile(r"\b(?:\w+est|first|most\s+\w+)\s+(?:\S+\s+){0,5}?$", re.I)


# a run of acts on one named day is one incident: "ordered a series of airstrikes on the capital on Saturday", "a wave
# of strikes overnight"
_RUN = re.compile(r"^(?:a\s+)?(?:series|wave|string|spate|surge)\b", re.I)
_ONE_DAY = re.compile(r"\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|overnight|last\s+night|"
                      r"(?:early|late)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                      r"(?:yesterday|today|this\s+morning|tonight))\b", re.I)


def background(sentence: str) -> bool:
    """Whether the sentence tells a campaign or a run of events, not one incident."""
    for m in _BACKGROUND.finditer(sentence):
        since = m.group().lower().find("since")
        measured = since >= 0 and any(_MEASURED.search(sentence[:at]) for at in (m.start() + since, m.start()))
        one_day = _RUN.match(m.group()) is not None and _ONE_DAY.search(sentence) is not None
        if not measured and not one_day:
            return True
    return False


def stands_alone(e: Strike | Attack) -> bool:
    """A mention that is its own event: a background campaign, or one that says it is another incident."""
    first = e.evidence[0].text
    return background(first) or _ANOTHER.search(first) is not None


# "the jets also struck …", "two fighters were also killed in a strike on …", "additional strikes in two other
# provinces": the act again, somewhere else
_ALSO = re.compile(r"\b(?:also|additional|further)\b", re.I)
# "In one of the attacks, …": one act of the series the article reports
_ONE_OF = re.compile(r"\b(?:in|during)\s+one\s+of\s+(?:the|these|those|its|their)\s+(?:\w+\s+)?(?:attacks|strikes|"
                     r"airstrikes|raids|operations)\b", re.I)


def part_of_another(event: Strike | Attack, mention: Strike | Attack) -> bool:
    """A mention that tells one more act of the event's raid or series rather than the event again: "In one of
    the attacks, …", or one that says the act "also" happened and names another town or site than the event's
    (the same place, or none, is the event told again)."""
    sentence = mention.evidence[0].text
    if _ONE_OF.search(sentence):
        return True
    here, there = event.location, mention.location
    if here is None or there is None or here.name in (None, here.country) or there.name in (None, there.country):
        return False
    return here.name != there.name and _ALSO.search(sentence) is not None
