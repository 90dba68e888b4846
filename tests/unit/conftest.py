"""Fixtures the unit tests share."""

from __future__ import annotations

import pytest

from api.extraction.rules.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The curated gazetteer (data/actors.yaml, data/places.yaml), loaded once for the whole run."""
    return Gazetteer.load()
