"""A headline that restates a statement of the body is evidence of that statement, not another one."""

from __future__ import annotations

from schemas.contract import Statement


def _headline(text: str, span_end: int, span_text: str) -> bool:
    """A line of its own without a closing stop: a headline, a subheading or a caption title."""
    return not span_text.rstrip().endswith((".", "!", "?", "\"", "”", "’", "'", "…")) and \
        (span_end == len(text) or text[span_end : span_end + 1] == "\n")


def fold_headlines(text: str, statements: list[Statement]) -> list[Statement]:
    """A headline that restates what a speaker says in the body ("Entitled to defend itself, says X") is one
    statement with the body's: the body sentence first, the headline in its evidence after it."""
    out = list(statements)
    for st in statements:
        first = st.evidence[0]
        if not _headline(text, first.end, first.text):
            continue
        body = next((o for o in out if o is not st and o.speaker.normalized == st.speaker.normalized
                     and not _headline(text, o.evidence[0].end, o.evidence[0].text)), None)
        if body is not None:
            at = out.index(body)
            out[at] = body.model_copy(update={"evidence": [*body.evidence, *st.evidence]})
            out.remove(st)
    return out
