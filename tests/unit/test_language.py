"""Language detection and the answer to an article in a language the service does not extract."""

from __future__ import annotations

import asyncio

import pytest

from api import language
from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest
from tests.fakes import FakeBackend

# Invented for these tests (no real event), in the register of a wire report.
ARABIC = ("قصفت طائرات حربية مستودعا للأسلحة قرب بلدة النبطية في جنوب لبنان يوم الثلاثاء، وقالت وزارة الصحة "
          "إن ثلاثة أشخاص قتلوا وأصيب أحد عشر آخرون في الغارة.")
FRENCH = ("Des avions de combat ont frappé mardi un dépôt d'armes près de la ville de Nabatieh, dans le sud du Liban, "
          "a indiqué l'armée. Le ministère de la Santé a fait état de trois morts et de onze blessés.")
ENGLISH = ("Warplanes struck a weapons depot near the town of Nabatieh in southern Lebanon on Tuesday, the army said. "
           "The health ministry said three people were killed and 11 wounded in the strike.")


# plain English prose that the detector, free to pick among all its 97 languages, reads as Nigerian Pidgin
PIDGIN_LOOKALIKE = " ".join(f"Israeli warplanes struck a weapons depot near Nabatieh on day {i}." for i in range(8))


@pytest.mark.parametrize(("text", "code"), [(ARABIC, "ar"), (FRENCH, "fr"), (ENGLISH, "en"), (PIDGIN_LOOKALIKE, "en")])
def test_detects_the_language_of_an_article(text: str, code: str) -> None:
    """Arabic, French and English articles are told apart by their ISO 639-1 code."""
    assert language.detect(text) == code


@pytest.mark.parametrize("text", ["Hezbollah said.", "US", "Boom!"])
def test_too_little_text_is_unknown_and_read_as_english(text: str) -> None:
    """A snippet the detector cannot judge is unknown (None), and an unknown language is still extracted."""
    assert language.detect(text) is None
    assert language.extracted(None)


def _extract(text: str) -> tuple[FakeBackend, dict[str, object]]:
    backend = FakeBackend()
    extractor = Extractor(backend, Gazetteer.load(), load_prompts())
    response = asyncio.run(extractor.extract(ExtractRequest(text=text)))
    return backend, response.model_dump()


@pytest.mark.parametrize(("text", "code", "name"), [(ARABIC, "ar", "Arabic"), (FRENCH, "fr", "French")])
def test_unsupported_language_gets_a_warning_and_no_model_call(text: str, code: str, name: str) -> None:
    """An Arabic or French article reports its language, warns naming it, and asks the model nothing."""
    backend, out = _extract(text)
    assert out["document"]["language"] == code  # type: ignore[index]
    warnings = out["meta"]["warnings"]  # type: ignore[index]
    assert len(warnings) == 1 and name in warnings[0] and f"({code})" in warnings[0]
    assert backend.sent == []
    assert out["meta"]["llm_calls"] == 0  # type: ignore[index]
    assert not (out["strikes"] or out["attacks"] or out["statements"] or out["casualty_reports"])


def test_english_article_is_extracted_without_a_language_warning() -> None:
    """An English article reports "en", has no language warning and is extracted as before."""
    backend, out = _extract(ENGLISH)
    assert out["document"]["language"] == "en"  # type: ignore[index]
    assert not any(w.startswith("language:") for w in out["meta"]["warnings"])  # type: ignore[index]
    assert out["strikes"] and backend.sent
