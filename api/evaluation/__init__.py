"""Evaluation of extraction responses against gold articles (the rules of /work/shared/eval/score.py).

``python -m api.evaluation GOLD.jsonl --out predictions.jsonl`` runs the extractor over the articles
and scores the responses; :func:`score_files` / :func:`score_documents` score existing responses, strict
(one to one, the figures that count) and lenient (many to many).
"""

from api.evaluation.figures import Figures, StrictFigures
from api.evaluation.names import AliasTable, load_aliases, names_match, normalize_name
from api.evaluation.pairing import max_weight_pairs, pair_events
from api.evaluation.scoring import Scores, index_predictions, load_jsonl, score_documents, score_files
from api.evaluation.spans import span_match

__all__ = [
    "AliasTable",
    "Figures",
    "Scores",
    "StrictFigures",
    "index_predictions",
    "load_aliases",
    "load_jsonl",
    "max_weight_pairs",
    "names_match",
    "normalize_name",
    "pair_events",
    "score_documents",
    "score_files",
    "span_match",
]
