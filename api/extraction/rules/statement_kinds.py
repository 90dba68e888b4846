"""The kind of a statement, read from its verb of speech first, then from what is reported.

1. The verb that reports the speech often says the kind outright: "condemned", "denied", "called on",
   "warned", "justified". When it does, that is the kind ("called on US troops to leave, denying any
   involvement" is a demand, with a denial inside it).
2. Otherwise ("said", "added", "confirmed") the words reported are read with a closed lexicon, first
   match wins. Only the reported words: not a preamble before the speaker ("After the US aggression,
   the president said …"), and not a contrasting clause about someone else ("…, while Iran denied …").
"""

from __future__ import annotations

import re

from api.extraction.text.patterns import word_start
from api.extraction.words import WORDS, alternation
from schemas.contract import StatementKind

# the stem a verb of speech starts with, and the words of each kind (data/words.yaml); "X claimed the attack" is a
# claim, whatever the reasons it gives
_VERB_KINDS: list[tuple[StatementKind, re.Pattern[str]]] = [
    (kind, re.compile(rf"^(?:{alternation(stems)})" if len(stems) > 1 else f"^{stems[0]}", re.I))
    for kind, stems in WORDS.statement_verbs.items()
]
_RULES: list[tuple[StatementKind, str]] = [(kind, alternation(words)) for kind, words in WORDS.statement_cues.items()]

# all the cues in one pass: at the leftmost cue the kinds are tried in alphabetical order, the order in which
# min() over (start, kind) would break a tie between two cues that start at the same word
_CUES = re.compile(word_start("|".join(rf"(?P<{kind}>(?:{words})\b)" for kind, words in sorted(_RULES))), re.I)
_KIND_OF: dict[str, StatementKind] = {kind: kind for kind, _ in _RULES}

# where and when it was said, not what: "…,” the minister said on Monday in a statement.
_SETTING = re.compile(r"\b(?:on|in|at|late|early|earlier|later|today|yesterday|a|an|the|(?:mon|tues|wednes|thurs|fri|"
                      r"satur|sun)day|morning|evening|night|statement|tweet|post|interview|briefing)\b|\W", re.I)
# a clause about someone else: "…, while Iran denied any link", "meanwhile the ministry said"
# "…, a charge Kabul denies": the other side's denial closes the sentence
# and a second speaker with a verb of its own: "…, and the fire chief added that …"
_CONTRAST = re.compile(r"(?:[,;]\s*|\s)(?:while|whereas|meanwhile)\b|"
                       r",?\s+and\s+(?=(?:the\s+)?(?:[\w.’'-]+\s+){1,5}?(?:added|noted|said|says|stated|told)\b)|"
                       r",\s*(?:a|an)\s+(?:charge|claim|accusation|"
                       r"allegation)s?\s+(?:that\s+)?(?=(?:[\w.’'-]+\s+){1,4}(?:den(?:y|ies|ied)|reject(?:s|ed)?|"
                       r"dismiss(?:es|ed)?)\b)", re.I)


def contrast_at(sentence: str, after: int = 15) -> int | None:
    """Where a contrasting clause about someone else starts ("…, while Iran denied any link"), if any."""
    m = _CONTRAST.search(sentence, after)
    return m.end() if m else None


def reported_words(sentence: str, verb: tuple[int, int] | None) -> str:
    """What the speaker is reported as saying: after the verb of speech, or before it when the verb closes the
    sentence ('"…," the minister said'); without a contrasting clause that follows it."""
    if verb is None:
        return sentence
    start, end = verb
    after = sentence[end:]
    # ("…, according to IDF spokesman X": what follows "according to" is who said it, not what)
    closing = start >= 25 and sentence[start:end].lower().startswith("accord")
    words = after if not closing and (start < 25 or len(_SETTING.sub(" ", after).split()) >= 3) else sentence[:start]
    cut = _CONTRAST.search(words, 15)
    return words[: cut.start()] if cut else words


def _first_cue(words: str) -> StatementKind | None:
    """The kind whose cue comes first: the main clause leads ("We call on … to prevent violations")."""
    m = _CUES.search(words)
    return _KIND_OF[m.lastgroup] if m is not None and m.lastgroup is not None else None


# a vow of the speaker's own future action against someone: "will hit back", "would retaliate", "will do whatever
# is necessary", "would not hesitate to strike back", "will not go unpunished", "entitled to defend itself"
_VOW = re.compile(
    r"\b(?:will|would|shall|'ll|’ll|vow(?:s|ed)?\s+to|pledg(?:es|ed)\s+to|promis(?:es|ed|ing)\s+to)\s+[“\"]?"
    r"(?:(?:not\s+hesitate\s+to|definitely|certainly|surely|also|soon|again)\s+)*"
    r"(?:retaliate|avenge|hit\s+back|strike\s+back|fight\s+back|respond|punish|pay|regret|resume\s+(?:its\s+|their\s+)?"
    r"(?:attacks|strikes|operations)|continue\s+(?:to\s+)?(?:attack|strik|target|fight)\w*|eradicate|crush|destroy|"
    r"do\s+whatever|use\s+[“\"]?(?:all|every|overwhelming)|not\s+[“\"]?(?:go\s+unpunished|go\s+unanswered|stop|allow|tolerate)|"
    # the enemy to be driven off or wiped out: "we will definitely drive the regime beyond the borders"
    r"drive|expel|wipe\s+out|root\s+out|eliminate|"
    r"hold\s+(?:[\w-]+\s+){0,3}[“\"]?(?:fully\s+)?(?:accountable|responsible)|"
    r"target|attack|strike|hit)\b"
    r"|\b(?:whatever\s+(?:is\s+)?(?:necessary|it\s+takes))"
    r"|\b(?:entitled|obligated|the\s+right(?:\s+and\s+the\s+duty)?)\s+(?:and\s+obligated\s+)?(?:\W+\s*)?to\s+"
    r"(?:defend|respond|retaliate)"
    r"|\bno\s+(?:\w+\s+){0,2}(?:force|one|power)\s+will\s+stop\b"
    # force held ready: "prepared for very intense action in the north", "ready for war"
    r"|\b(?:prepared|ready)\s+(?:for|to\s+take)\s+(?:[\w-]+\s+){0,2}?(?:action|war|operations?|escalation)\b"
    r"|\bblood\s+of\s+the\s+martyrs\s+will\s+not\b", re.I)
# what someone warns of is a threat only when it is the speaker's own answer ("warned of a crushing response"); a
# warning that the other side plans an attack reports it ("warned that it had indications Iran plans …")
# a warning addressed to the other side: "warned Iran against attacking", "warned the US to stay away", "warned
# Washington not to intervene"
_WARNS_SOMEONE = re.compile(r"\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,3}\s+"
                            r"(?:against|not\s+to|to)|"
                            r"(?:[\w.’'-]+\s+){1,3}?(?:against\s+\w+ing|not\s+to))\b", re.I)
_WARNS_OF_ANSWER = re.compile(r"\b(?:consequences|response|retaliation|revenge|punish\w*|price|answer)\b", re.I)


def statement_kind(sentence: str, verb: tuple[int, int] | None = None,
                   quote: tuple[int, int] | None = None) -> StatementKind:
    """The kind the rules read (``kind_by_rules``), else a claim: what a source says without a mark of another
    kind is reported as an assertion of fact."""
    return kind_by_rules(sentence, verb, quote) or "claim"


def kind_by_rules(sentence: str, verb: tuple[int, int] | None = None,
                  quote: tuple[int, int] | None = None) -> StatementKind | None:
    """``verb`` and ``quote``: offsets in the sentence of the verb of speech and of the quoted words, if any.

    Precedence: the verb's own kind ("condemned", "denied", "called on", "vowed"; "claimed that …" only when nothing
    else marks the words: "claimed it struck in response to …" justifies); then a vow of the speaker's own
    future action against someone, which is a threat whatever else the words say ("will hit back", "would
    retaliate", "entitled to defend itself"); a verb of warning is a threat when it warns of the speaker's answer;
    then the first cue of the quoted words (the speaker's own), then of the reported words. None when nothing in
    the words marks a kind: whether they assert a fact, condole, justify or protest is then a judgement of meaning
    (``statement_kind`` falls back to a claim; the pipeline may put it to the model as a closed question)."""
    # "claimed that …", "claimed it …": an assertion, of the kind its words mark ("claimed it struck in response to
    # …" justifies); "claimed the attack", "claimed responsibility": the claim of an act, whatever its reasons
    claimed = False
    if verb is not None:
        said = sentence[verb[0] : verb[1]]
        for verb_kind, rx in _VERB_KINDS:
            if not rx.match(said):
                continue
            if verb_kind == "demand" and _OR_ELSE.search(sentence, verb[1]):
                return "threat"  # "calls on X not to repeat it, otherwise it will have bad consequences"
            if verb_kind != "claim" or not _ASSERTS.match(sentence, verb[1]):
                return verb_kind
            claimed = True
    words = sentence[quote[0] : quote[1]] if quote else reported_words(sentence, verb)
    if _VOW.search(words) or (quote and _VOW.search(reported_words(sentence, verb))):
        return "threat"
    if verb is not None and sentence[verb[0] : verb[1]].lower().startswith("warn") and (_WARNS_OF_ANSWER.search(
            reported_words(sentence, verb)) or _WARNS_SOMEONE.match(sentence, verb[1])):
        return "threat"
    quoted = _first_cue(sentence[quote[0] : quote[1]]) if quote else None
    kind = quoted or _first_cue(reported_words(sentence, verb))
    return "claim" if (kind == "threat" and _only_warns(sentence, verb)) or (claimed and kind is None) else kind


# a demand backed by what follows if it is not met
_OR_ELSE = re.compile(r"\b(?:otherwise|or\s+else|or\s+face)\b[^.;]{0,80}?\b(?:consequences|response|price|pay)\b", re.I)
_ASSERTS = re.compile(r"\s+(?:that|it|they|he|she|its|their|"
                      r"the\s+(?:strikes?|attacks?|raids?|operation)\s+(?:was|were))\b", re.I)


def _only_warns(sentence: str, verb: tuple[int, int] | None) -> bool:
    """A threat cue that is only the verb "warned" of someone else's plan or of a danger, not a vow."""
    return verb is not None and sentence[verb[0] : verb[1]].lower().startswith("warn") and \
        _first_cue(sentence[verb[1] :]) == "threat" and not _WARNS_OF_ANSWER.search(sentence[verb[1] :]) \
        and not _WARNS_SOMEONE.match(sentence, verb[1])
