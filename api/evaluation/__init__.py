"""Evaluation of extraction responses against gold articles (the rules of /work/shared/eval/score.py).

``python -m api.evaluation GOLD.jsonl --out predictions.jsonl`` runs the extractor over the articles
and scores the responses; :func:`score_files` / :func:`score_documents` score existing responses.
"""

from api.evaluation.figures import Figures
from api.evaluation.names import AliasTable, load_aliases, names_match, normalize_name
from api.evaluation.scoring import Scores, index_predictions, load_jsonl, score_documents, score_files
from api.evaluation.spans import span_match

__all__ = [
    "AliasTable",
    "Figures",
    "Scores",
    "index_predictions",
    "load_aliases",
    "load_jsonl",
    "names_match",
    "normalize_name",
    "score_documents",
    "score_files",
    "span_match",
]
