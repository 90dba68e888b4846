"""The project's scorer (api.evaluation) against the reference scorer (../shared/eval/score.py, outside the repository:
these tests skip, saying so, where it is missing)."""

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

from api.evaluation import load_aliases, load_jsonl, names_match, score_files, span_match
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
        pytest.skip(f"needs the reference scorer ../shared/eval/score.py, a file outside the repository (not in a"
                    f" clone); it is not at {REFERENCE}")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_figures(reference: ModuleType, gold: Path, predictions: Path) -> dict[str, Any]:
    with warnings.catch_warnings():  # the reference scorer leaves its files to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        figures: dict[str, Any] = reference.score(str(gold), str(predictions))
    return figures


def test_fixture_figures_equal_reference(reference: ModuleType) -> None:
    """On the hand-written fixture every figure equals the reference scorer's."""
    ours = score_files(GOLD, PREDICTIONS)
    assert dict(ours.figures()) == reference_figures(reference, GOLD, PREDICTIONS)
    kinds = {issue.split()[0] for issue in ours.issues}
    assert kinds == {"FP", "FN", "FIELD"}
    assert ours.figures()["ungrounded_spans"] == 1


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
    """Random predictions built from gold spans (some articles unanswered) score identically in both."""
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
