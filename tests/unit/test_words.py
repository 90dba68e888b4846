"""The word lists in data/words.yaml: read and checked at start-up, a broken file named with its entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.extraction.words import WORDS_FILE, WordListError, load_words


def _write(tmp_path: Path, change: dict[str, object]) -> Path:
    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    raw.update(change)
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_the_repository_word_lists_load() -> None:
    """data/words.yaml loads, every section filled, lists in the file's order."""
    words = load_words()
    assert words.speech_verbs[:3] == ("said", "says", "say")
    assert next(iter(words.statement_verbs)) == "condemnation" and "claim" in words.statement_verbs
    assert "killed" in words.killed and "injured" in words.injured and "the" in words.stop_words


def test_a_missing_section_fails_with_its_name(tmp_path: Path) -> None:
    """A file without one of the lists fails at load, naming the file and the section."""
    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    del raw["titles"]
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(WordListError, match=r"words\.yaml: section 'titles' is missing"):
        load_words(path)


def test_a_broken_regex_fails_with_the_entry(tmp_path: Path) -> None:
    """An entry that is not a valid regular expression is named with its section and index."""
    with pytest.raises(WordListError, match=r"speech_verbs\[1\] 'says\(': not a valid regular expression"):
        load_words(_write(tmp_path, {"speech_verbs": ["said", "says("]}))


@pytest.mark.parametrize(("change", "why"), [
    ({"speech_verbs": ["said", "said"]}, r"speech_verbs\[1\] 'said': repeated"),
    ({"speech_verbs": ["said|says"]}, r"one alternative per entry"),
    ({"stop_words": ["the", "two words"]}, r"stop_words\[1\] 'two words': one word expected"),
    ({"statement_kinds": {"verbs": {"praise": ["prais"]}, "cues": {}}}, r"'praise' is not a statement kind"),
    ({"speech_verbs": []}, r"speech_verbs must be a non-empty list"),
    ({"colours": ["red"]}, r"unknown section 'colours'"),
    ({"weapons": {"target_nouns": ["sites?"], "strike": {"laser": ["lasers?"]}, "attack": {}}},
     r"'laser' is not a weapon kind"),
])
def test_a_bad_entry_fails_with_a_clear_reason(tmp_path: Path, change: dict[str, object], why: str) -> None:
    """Repeated, compound, multi-word, unknown-kind, empty and unknown-section entries each fail at load."""
    with pytest.raises(WordListError, match=why):
        load_words(_write(tmp_path, change))


def test_a_file_that_is_not_yaml_fails(tmp_path: Path) -> None:
    """A file YAML cannot parse fails at load with the file named."""
    path = tmp_path / "words.yaml"
    path.write_text("speech_verbs: [said\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"words\.yaml: cannot be read as YAML"):
        load_words(path)
