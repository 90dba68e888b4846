"""The country of an event whose own words name none: the article's, when nearly all its places lie there
(sentences invented for the tests)."""

from __future__ import annotations

from api.extraction.rules.gazetteer import Gazetteer
from tests.unit.assembled import events_of


def test_an_event_with_no_country_of_its_own_takes_the_articles(gaz: Gazetteer) -> None:
    """Nearly every place of the article lies in Syria: the village the body names is there, and so is the raid
    told with no place; the country points to where the article names it and says it was read from the article."""
    text = ("Syria: jets bomb villages in Idlib\n\n"
            "Government jets struck the village of Kafr Dala on Tuesday, rescuers said. "
            "In a separate raid on Wednesday, warplanes killed two shepherds, a monitor said. Shelling also hit Hama.")
    strikes, _, _, _ = events_of(text, {0: "strike", 1: "strike", 2: "strike", 3: "strike"}, gaz)
    places = [(s.location.name, s.location.country, s.location.inferred) for s in strikes if s.location]
    assert ("Kafr Dala", "Syria", True) in places
    bare = [s for s in strikes if s.location and s.location.name == "Syria"]
    assert bare and all(s.location.inferred and s.location.span.text == "Syria" for s in bare)


def test_no_country_is_read_from_an_article_spread_over_several_or_for_an_event_at_sea(gaz: Gazetteer) -> None:
    spread = ("Israel and Iran trade blows\n\nJets struck a depot, the army said. Sirens sounded in Israel. "
              "Iran said Tehran and Isfahan were calm. Lebanon and Syria closed their airspace.")
    strikes, _, _, _ = events_of(spread, {1: "strike"}, gaz)
    assert [s.location for s in strikes] == [None]
    at_sea = ("Yemen: rebels claim attack\n\nThe rebels said they fired a missile at a tanker. "
              "Sanaa and Hodeidah were quiet, residents in Yemen said.")
    _, attacks, _, _ = events_of(at_sea, {1: "attack"}, gaz)
    assert [a.location for a in attacks] == [None]
