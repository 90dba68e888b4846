"""The article's language, detected offline (py3langid: a naive Bayes model of 97 languages, 4.5 MB, no network).

Only English is extracted. An article the detector reads as another language with confidence gets a
warning naming the language and no extraction, so a client can tell "no events" from "cannot read
this". The detector chooses among the major written languages of ``NAMES`` only: among all 97, plain
English news prose can score as Nigerian Pidgin ("Israeli warplanes struck a weapons depot near
Nabatieh" scores 0.52 pcm, 0.40 en). A short snippet gives it little to go on ("Hezbollah said."):
English is reported from ``MIN_ENGLISH`` up, another language from ``MIN_OTHER`` up, and below that the
language is unknown (``None``) and the text is read as English, which is what the service was asked for.
"""

from __future__ import annotations

import functools
from typing import Any

EXTRACTED = frozenset({"en"})
MIN_ENGLISH = 0.5
MIN_OTHER = 0.8
MIN_LETTERS = 12
# ISO 639-1 codes the detector returns, for the languages of the region's news and a few more
NAMES = {
    "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "tr": "Turkish", "ku": "Kurdish", "ur": "Urdu",
    "ps": "Pashto", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi",
    "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "id": "Indonesian", "ms": "Malay", "el": "Greek",
    "en": "English", "am": "Amharic", "so": "Somali", "sw": "Swahili", "az": "Azerbaijani", "hy": "Armenian",
    "ka": "Georgian", "bn": "Bengali", "ro": "Romanian", "hu": "Hungarian", "cs": "Czech", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "vi": "Vietnamese", "th": "Thai", "ta": "Tamil", "pa": "Punjabi",
}


@functools.cache
def _identifier() -> Any:
    """The model, loaded once per process (about 1.5 s): on first use, in the caller's worker thread."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(NAMES))
    return identifier


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the detector is not confident."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(text)
    return str(code) if probability >= (MIN_ENGLISH if code in EXTRACTED else MIN_OTHER) else None


def extracted(language: str | None) -> bool:
    """True for a language the service extracts (an unknown one is read as English)."""
    return language is None or language in EXTRACTED


def unsupported_warning(language: str) -> str:
    """The warning of a response to an article in a language the service does not extract."""
    name = NAMES.get(language, language)
    return (f"language: the article reads as {name} ({language}); only English is extracted, "
            f"so no events were extracted and the model was not asked")
