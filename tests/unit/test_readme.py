"""The documentation stays true to the code: every setting is documented, and the README stays a front door."""

from __future__ import annotations

import re
from pathlib import Path

from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SETTINGS_DOC = ROOT / "docs" / "settings.md"
LINK = re.compile(r"\]\(((?!https?://)[^)#\s]+)(?:#[^)]*)?\)")


def test_every_setting_is_documented() -> None:
    """Each CONFLICT_* variable that Settings reads has a row in docs/settings.md."""
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    missing = [f"CONFLICT_{name.upper()}" for name in Settings.model_fields if f"`CONFLICT_{name.upper()}`" not in text]
    assert missing == []


def test_readme_is_a_front_door() -> None:
    """The README stays short (at most 250 lines) and points at the settings page."""
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    assert "docs/settings.md" in text


def test_relative_links_resolve() -> None:
    """Every relative link in the README and docs/ names a file of the repository."""
    broken = [
        f"{page.relative_to(ROOT)}: {target}"
        for page in [README, *sorted((ROOT / "docs").glob("*.md"))]
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if not (page.parent / target).exists()
    ]
    assert broken == []
