"""The README stays true to the code: every setting is documented."""

from __future__ import annotations

from pathlib import Path

from api.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme() -> None:
    """Each CONFLICT_* variable that Settings reads has a row in the README's settings table."""
    text = README.read_text(encoding="utf-8")
    missing = [f"CONFLICT_{name.upper()}" for name in Settings.model_fields if f"`CONFLICT_{name.upper()}`" not in text]
    assert missing == []
