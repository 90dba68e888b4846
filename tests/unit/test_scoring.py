"""The project's scorer (api.evaluation) against the reference scorer (/work/shared/eval/score.py): the
strict (one-to-one) figures and the lenient ones."""

from __future__ import annotations

import importlib.util
import json
import tempfile
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.evaluation import load_aliases, load_jsonl, max_weight_pairs, names_match, score_files, span_match
from api.evaluation.report import format_report, summarize, write_summary
from api.evaluation.run import ArticleRun
from api.evaluation.spans import occurrences

DATA = Path(__file__).parents[1] / "data"
GOLD = DATA / "eval_gold.jsonl"
PREDICTIONS = DATA / "eval_predictions.jsonl"
REFERENCE = Path(__file__).parents[2].parent / "shared" / "eval" / "score.py"
GOLD_DOCS = load_jsonl(GOLD)
TYPE_KEYS = ("strikes", "attacks", "statements", "casualty_reports")


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not REFERENCE.is_file():
        pytest.skip(f"the reference scorer file is missing: {REFERENCE} (needed to compare figures with it)")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_figures(reference: ModuleType, gold: Path, predictions: Path) -> dict[str, Any]:
    """The reference command line's output (lenient, with ``strict`` under it), plus the grounding count
    the project repeats in its strict block."""
    with warnings.catch_warnings():  # the reference scorer leaves its files to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        figures: dict[str, Any] = reference.score(str(gold), str(predictions))
        strict: dict[str, Any] = reference.score_strict(str(gold), str(predictions))
    return {**figures, "strict": {**strict, "ungrounded_spans": figures["ungrounded_spans"]}}


def test_fixture_figures_equal_reference(reference: ModuleType) -> None:
    """On the hand-written fixture every figure, strict and lenient, equals the reference scorer's."""
    ours = score_files(GOLD, PREDICTIONS)
    assert dict(ours.figures()) == reference_figures(reference, GOLD, PREDICTIONS)
    kinds = {issue.split()[0] for issue in ours.issues}
    assert kinds == {"FP", "FN", "FIELD"}
    assert ours.figures()["ungrounded_spans"] == 1


def test_fixture_strict_block_equals_reference_score_strict(reference: ModuleType) -> None:
    """On the fixture the strict block is the reference's score_strict() plus the grounding count."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        expected = reference.score_strict(str(GOLD), str(PREDICTIONS))
    strict = dict(score_files(GOLD, PREDICTIONS).figures()["strict"])
    assert strict.pop("ungrounded_spans") == 1
    assert strict == expected


def test_alias_table_equals_reference(reference: ModuleType) -> None:
    """data/eval_aliases.yaml normalises to exactly the reference scorer's alias map."""
    assert dict(load_aliases().group_of_name) == reference.ALIAS_OF


# ---------------------------------------------------------------- span-match threshold edges


def test_half_of_shorter_span_matches() -> None:
    """An overlap of exactly 50% of the shorter span is a match."""
    assert span_match((0, 10), (5, 25)) == 0.5


def test_just_under_half_does_not_match() -> None:
    """An overlap under 50% of the shorter span is no match."""
    assert span_match((0, 10), (6, 26)) == 0.0


def test_share_is_of_shorter_span() -> None:
    """A short prediction inside a long gold span matches fully."""
    assert span_match((10, 20), (0, 100)) == 1.0


def test_prediction_at_length_limit_matches() -> None:
    """A prediction exactly 3 x gold + 100 long still matches."""
    assert span_match((0, 130), (0, 10)) == 1.0


def test_prediction_past_length_limit_does_not_match() -> None:
    """A prediction one code point longer than 3 x gold + 100 never matches."""
    assert span_match((0, 131), (0, 10)) == 0.0


def test_long_gold_span_is_not_limited() -> None:
    """The length limit applies to the prediction only, not to a long gold span."""
    assert span_match((0, 10), (0, 1000)) == 1.0


def test_empty_and_touching_spans_do_not_match() -> None:
    """Empty spans and spans that only touch never match."""
    assert span_match((5, 5), (0, 10)) == 0.0
    assert span_match((0, 10), (10, 20)) == 0.0


# ---------------------------------------------------------------- random predictions from gold spans

NAMES = sorted({str(v) for doc in GOLD_DOCS for e in doc["events"] for k, v in e.items()
                if k in {"actor", "attacker", "target_actor", "speaker", "reported_by"} and v}
               | {"US forces", "U.S.", "IRGC", "Ansar Allah", "SOHR", "the war monitor", "Kataib Hezbollah",
                  "Brigadier General Yahya Saree", "Lloyd J. Austin III", "a a Iran", "Iran's", "", "  "})
PLACES = ["Deir al-Zour", "Tower 22", "al Tanf", "Red Sea", "southern Lebanon", "Lebanon", "the Syria", "SY"]
COUNTRIES = ["Syria", "Jordan", "Lebanon", "syria.", "", None]
DATES = [None, "2024-02-02", "2024-01-28", "2024-02"]


def _anchors(doc: dict[str, Any], *fields: str) -> list[tuple[int, int]]:
    """Where the gold events' strings in ``fields`` (``also`` is a list) occur in the article."""
    strings = [s for e in doc["events"] for f in fields for s in (e[f] if f == "also" else [e.get(f)]) if s]
    return [span for s in strings for span in occurrences(doc["text"], s)] or [(0, len(doc["text"]))]


@st.composite
def span_near(draw: st.DrawFn, text: str, anchors: list[tuple[int, int]], jitter: int) -> dict[str, Any]:
    start, end = draw(st.sampled_from(anchors)) if draw(st.integers(0, 4)) else (0, len(text))
    start = max(0, start + draw(st.integers(-jitter, jitter)))
    end = min(len(text), end + draw(st.integers(-jitter, jitter)))
    grounded = draw(st.integers(0, 9)) > 0
    return {"start": start, "end": end, "text": text[start:end] if grounded else text[start:end] + "x"}


def mention() -> st.SearchStrategy[Any]:
    name = st.sampled_from(NAMES)
    as_dict = st.fixed_dictionaries({"text": name, "normalized": st.none() | name, "span": st.none()})
    return st.none() | name | as_dict


@st.composite
def event(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    text, evidence, quotes = doc["text"], _anchors(doc, "evidence", "also"), _anchors(doc, "quote")
    place_name = st.sampled_from(PLACES)
    place = st.fixed_dictionaries({"text": place_name, "name": st.none() | place_name,
                                   "country": st.sampled_from(COUNTRIES)})
    date = st.sampled_from(DATES)
    count = st.none() | st.fixed_dictionaries({"min": st.sampled_from([None, 0, 3, 6]),
                                               "max": st.sampled_from([None, 0, 3, 6])})
    return {
        "evidence": draw(st.lists(span_near(text, evidence, 60), min_size=0, max_size=2)),
        "actor": draw(mention()), "attacker": draw(mention()), "target_actor": draw(mention()),
        "speaker": draw(mention()), "reported_by": draw(mention()),
        "weapon": draw(st.sampled_from(["airstrike", "drone", "missile", "rocket", None])),
        "attribution": draw(st.sampled_from(["claimed", "confirmed", "unknown", None])),
        "kind": draw(st.sampled_from(["claim", "threat", "denial", None])),
        "location": draw(st.none() | place),
        "date": draw(date | st.fixed_dictionaries({"value": date})),
        "quote": draw(st.none() | span_near(text, quotes, 12)),
        "killed": draw(count), "injured": draw(count),
    }


@st.composite
def response(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    arrays = {key: draw(st.lists(event(doc), max_size=3)) for key in TYPE_KEYS}
    return {"document": {"id": doc["id"]}, **arrays}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses=st.tuples(*(st.none() | response(doc) for doc in GOLD_DOCS)))
def test_random_predictions_score_like_reference(reference: ModuleType,
                                                 responses: tuple[dict[str, Any] | None, ...]) -> None:
    """Random predictions built from gold spans (some articles unanswered) score identically, strict and lenient."""
    with tempfile.TemporaryDirectory() as tmp:
        predictions = Path(tmp) / "predictions.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in responses if r is not None]
        predictions.write_text("".join(lines), encoding="utf-8")
        ours = score_files(GOLD, predictions).figures()
        assert dict(ours) == reference_figures(reference, GOLD, predictions)


@settings(max_examples=300)
@given(predicted=st.lists(st.sampled_from(NAMES) | st.text(alphabet="aeinrstu '’.,()-\"", max_size=12),
                          max_size=3),
       gold=st.sampled_from(NAMES) | st.text(alphabet="aeinrstu '’.,()-\"", max_size=12))
def test_name_matching_like_reference(reference: ModuleType, predicted: list[str], gold: str) -> None:
    """Name matching (normalisation, aliases, token overlap) agrees with the reference on any strings."""
    assert names_match(predicted, gold, load_aliases()) == bool(reference.name_match(predicted, gold))


# ---------------------------------------------------------------- strict (one-to-one) pairing

S0 = "Officials met in Amman on Thursday to discuss the border crossings."
S1 = "US forces struck a weapons depot in Deir ez-Zor on Friday night."
S2 = "Israeli jets hit a convoy near al-Qusayr in Syria on Saturday."
S3 = "The monitor said six fighters were killed in the two raids."
CASE_TEXT = " ".join([S0, S1, S2, S3])
US, ISRAEL = "US forces", "Israel"


def _span(start: int, end: int, text: str = CASE_TEXT) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _at(sentence: str, first: float = 0.0, last: float = 1.0) -> tuple[int, int]:
    """Offsets of the share ``first``..``last`` of a sentence of the case article."""
    start = CASE_TEXT.index(sentence)
    return start + round(first * len(sentence)), start + round(last * len(sentence))


def _strike(actor: str, *spans: tuple[int, int], text: str = CASE_TEXT) -> dict[str, Any]:
    evidence = [_span(start, end, text) for start, end in spans]
    return {"evidence": evidence, "actor": {"text": actor, "normalized": actor}}


def _gold(sentence: str, actor: str) -> dict[str, Any]:
    return {"type": "strike", "evidence": sentence, "actor": actor}


def _across(first: tuple[int, int], second: tuple[int, int]) -> tuple[int, int]:
    return first[0], second[1]


def _chain(links: int) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold events 0..n-1 and predictions where prediction k overlaps gold k by half and gold k+1 fully."""
    text = "".join(f"event-{k}-xy~~~pad{k}~~~" for k in range(links))
    gold = [_gold(f"event-{k}-xy", US) for k in range(links)]
    ends = [20 * k + 30 for k in range(links - 1)] + [20 * links]
    return text, gold, [_strike(US, (20 * k + 5, end), text=text) for k, end in enumerate(ends)]


CASES: dict[str, tuple[str, list[dict[str, Any]], list[dict[str, Any]]]] = {
    # two predictions of one gold event: the closer one is paired, the other is a false positive
    "duplicate": (CASE_TEXT, [_gold(S1, US)],
                  [_strike(ISRAEL, _across(_at(S0, 0.6), _at(S1, 0, 0.7))), _strike(US, _at(S1))]),
    # one prediction spanning two gold events is paired with one of them
    "covers_two": (CASE_TEXT, [_gold(S1, US), _gold(S2, ISRAEL)], [_strike(ISRAEL, _across(_at(S1), _at(S2)))]),
    # a prediction of an event the gold does not have
    "unpaired": (CASE_TEXT, [_gold(S1, US)], [_strike(US, _at(S1)), _strike(US, _at(S3))]),
    # the closest prediction of gold 0 also matches gold 1, the only other prediction only gold 0
    "most_pairs": (CASE_TEXT, [_gold(S1, US), _gold(S2, ISRAEL)],
                   [_strike(US, _across(_at(S1), _at(S2, 0, 0.6))),
                    _strike("Iran", _across(_at(S0, 0.6), _at(S1, 0, 0.6)))]),
    # gold k ~ prediction k (share 0.5) ~ gold k+1 (share 1.0) ~ ...: 5 pairs possible
    "chain": _chain(5),
}


def _case_files(tmp_path: Path, name: str) -> tuple[Path, Path]:
    text, events, strikes = CASES[name]
    gold, predictions = tmp_path / "gold.jsonl", tmp_path / "predictions.jsonl"
    gold.write_text(json.dumps({"id": "c1", "text": text, "events": events}) + "\n", encoding="utf-8")
    predictions.write_text(json.dumps({"document": {"id": "c1"}, "strikes": strikes}) + "\n", encoding="utf-8")
    return gold, predictions


def _case_figures(tmp_path: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(strict, lenient)`` figures of a crafted case."""
    figures = dict(score_files(*_case_files(tmp_path, name)).figures())
    return dict(figures.pop("strict")), figures


@pytest.mark.parametrize("name", sorted(CASES))
def test_crafted_case_equals_reference(reference: ModuleType, tmp_path: Path, name: str) -> None:
    """On each crafted case the strict and lenient figures equal the reference's."""
    gold, predictions = _case_files(tmp_path, name)
    assert dict(score_files(gold, predictions).figures()) == reference_figures(reference, gold, predictions)


def test_duplicate_prediction_is_a_strict_false_positive(tmp_path: Path) -> None:
    """A second prediction of one gold event is a false positive in strict, right in lenient."""
    strict, lenient = _case_figures(tmp_path, "duplicate")
    assert strict["micro"] == {"P": 0.5, "R": 1.0, "F1": 0.667}
    assert strict["fields"] == {"strike.actor": "1/1"}  # the closer prediction is the one paired
    assert lenient["micro"] == {"P": 1.0, "R": 1.0, "F1": 1.0}


def test_prediction_covering_two_gold_events_pairs_with_one(tmp_path: Path) -> None:
    """One prediction spanning two gold events finds one of them in strict, both in lenient."""
    strict, lenient = _case_figures(tmp_path, "covers_two")
    assert strict["micro"] == {"P": 1.0, "R": 0.5, "F1": 0.667}
    assert strict["fields"] == {"strike.actor": "0/1"}  # equal overlap: the first gold event
    assert lenient["micro"] == {"P": 1.0, "R": 1.0, "F1": 1.0}
    assert lenient["fields"] == {"strike.actor": "1/2"}


def test_unpaired_prediction_is_a_false_positive(tmp_path: Path) -> None:
    """A prediction that matches no gold event is a false positive in both ways."""
    strict, lenient = _case_figures(tmp_path, "unpaired")
    assert strict["micro"] == lenient["micro"] == {"P": 0.5, "R": 1.0, "F1": 0.667}
    assert strict["fields"] == lenient["fields"] == {"strike.actor": "1/1"}


def test_more_pairs_beat_more_overlap(tmp_path: Path) -> None:
    """Strict pairs every gold event even when that takes a prediction from its closest gold event."""
    strict, lenient = _case_figures(tmp_path, "most_pairs")
    assert strict["micro"] == lenient["micro"] == {"P": 1.0, "R": 1.0, "F1": 1.0}
    assert strict["fields"] == {"strike.actor": "0/2"}  # gold 0 gets the "Iran" prediction
    assert lenient["fields"] == {"strike.actor": "1/2"}  # gold 0 gets its closest prediction


def test_long_overlap_chain_pairs_as_the_reference_weights_do(tmp_path: Path) -> None:
    """A 5-link overlap chain gets 4 pairs, as the reference's pair worth of 1 + share gives, not the most (5)."""
    strict, lenient = _case_figures(tmp_path, "chain")
    assert strict["micro"] == {"P": 0.8, "R": 0.8, "F1": 0.8}
    assert lenient["micro"] == {"P": 1.0, "R": 1.0, "F1": 1.0}


WEIGHTS = st.sampled_from([0.0, 0.0, 1.5, 1.75, 2.0]) | st.floats(1.5, 2.0)


@settings(max_examples=400)
@given(weights=st.integers(1, 6).flatmap(lambda columns: st.lists(st.lists(WEIGHTS, min_size=columns,
                                                                           max_size=columns), min_size=1, max_size=6)))
def test_assignment_equals_reference(reference: ModuleType, weights: list[list[float]]) -> None:
    """The one-to-one assignment picks the reference's pairs on any weights, ties included."""
    assert max_weight_pairs(weights) == reference._assign(weights)


def _summary(tmp_path: Path) -> tuple[dict[str, Any], Path]:
    runs = [ArticleRun(doc["id"], 1.0, {"document": {"id": doc["id"]}}) for doc in GOLD_DOCS]
    summary = summarize(runs, score_files(GOLD, PREDICTIONS).figures(), gold=str(GOLD),
                        predictions=str(PREDICTIONS), mode="in-process")
    return summary, write_summary(tmp_path / "predictions.jsonl", summary)


def test_report_prints_strict_before_lenient(tmp_path: Path) -> None:
    """The printed table opens with the strict figures; the lenient ones follow below."""
    table = format_report(_summary(tmp_path)[0]).splitlines()
    lenient = table.index("lenient (many to many; for comparison)")
    assert table[0] == "strict (one to one; the figures that count)"
    assert "micro                 12    13   0.692   0.750   0.720" in table[:lenient]
    assert "micro                 12    13   0.769   0.750   0.759" in table[lenient:]


def test_summary_json_has_strict_block(tmp_path: Path) -> None:
    """<out>.summary.json carries the strict block (with the grounding count) beside the lenient figures."""
    written = json.loads(_summary(tmp_path)[1].read_text(encoding="utf-8"))["scores"]
    assert set(written["strict"]) == {"types", "micro", "field_accuracy", "fields", "ungrounded_spans"}
    assert written["strict"]["micro"] == {"P": 0.692, "R": 0.75, "F1": 0.72}
    assert written["micro"] == {"P": 0.769, "R": 0.75, "F1": 0.759}
