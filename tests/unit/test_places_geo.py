"""Places on the map: the `geo` of data/places.yaml, and the coordinates and precision codes of a reported place."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from api.enrich.places import enrich_place, geo_table
from schemas.contract import Place, Span

DATA = Path(__file__).resolve().parents[2] / "data"
# [min_lat, min_lon, max_lat, max_lon] per ISO 3166-1 alpha-2 code (how it was made: its "_about" entry)
BBOX = {k: v for k, v in json.loads((Path(__file__).parents[1] / "data" / "country_bbox.json").read_text()).items()
        if not k.startswith("_")}
KINDS = {"site", "town", "district", "province", "region", "sea", "country"}


def _entries() -> list[dict[str, object]]:
    import yaml

    return list(yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8")))


def test_every_place_has_a_geo_kind() -> None:
    """Each entry of places.yaml has a `geo` mapping whose kind is one of the seven analyst kinds."""
    for e in _entries():
        assert isinstance(e.get("geo"), dict) and e["geo"]["kind"] in KINDS, e["name"]


def test_every_coordinate_lies_in_its_country_and_names_its_source() -> None:
    """A town, province or site with coordinates lies inside its country's bounding box and records its source."""
    checked = 0
    for e in _entries():
        geo = e["geo"]
        assert isinstance(geo, dict)
        if "lat" not in geo:
            continue
        assert geo.get("source"), e["name"]
        s, w, n, east = BBOX[str(e["country_code"])]
        assert s <= geo["lat"] <= n and w <= geo["lon"] <= east, (e["name"], geo)
        checked += 1
    assert checked >= 450  # 340+ towns, 60+ provinces, 60+ hand-entered sites


def test_admin1_codes_belong_to_the_place_country() -> None:
    """Every ISO 3166-2 admin1 code starts with the place's own country code."""
    for e in _entries():
        geo = e["geo"]
        assert isinstance(geo, dict)
        if "admin1_code" in geo:
            assert str(geo["admin1_code"]).startswith(f"{e['country_code']}-"), (e["name"], geo)
            assert geo.get("admin1"), e["name"]


def test_towns_with_coordinates_carry_a_geonames_id_or_the_page_that_states_them() -> None:
    """A town's point comes from GeoNames (with its id), or from a public page whose URL is its source."""
    towns = [e["geo"] for e in _entries() if isinstance(e["geo"], dict) and e["geo"]["kind"] == "town"]
    for g in towns:
        if "lat" in g:
            assert "geonames_id" in g or str(g["source"]).startswith(("https://", "http://")), g


def test_every_town_province_and_site_has_coordinates_or_says_why_not() -> None:
    """The issue's bar: every town, province and site has a point. One that has none must say so in the data
    (``source: null`` and a note), never carry an empty or made-up one; the count of those is what is not met."""
    for e in _entries():
        geo = e["geo"]
        assert isinstance(geo, dict)
        if geo["kind"] not in {"town", "province", "site"} or "lat" in geo:
            continue
        assert geo.get("source", "missing") is None and geo.get("note"), e["name"]
        assert "lon" not in geo and "geonames_id" not in geo, e["name"]


def test_hand_sources_name_places_of_the_gazetteer_in_their_country() -> None:
    """Every hand-picked source (scripts/places_sources.yaml) names a gazetteer place, and a page's point lies in
    that place's country."""
    import yaml

    sources = yaml.safe_load((DATA.parent / "scripts" / "places_sources.yaml").read_text(encoding="utf-8"))
    places = {str(e["name"]): e for e in _entries()}
    for section in ("airfields", "geonames", "pages"):
        for entry in sources[section]:
            assert entry["name"] in places, (section, entry["name"])
    spec = importlib.util.spec_from_file_location("enrich_places", DATA.parent / "scripts" / "enrich_places.py")
    assert spec is not None and spec.loader is not None
    enrich = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(enrich)
    for page in sources["pages"]:
        s, w, n, east = BBOX[str(places[page["name"]]["country_code"])]
        lat, lon = enrich.degrees(page["lat"]), enrich.degrees(page["lon"])  # decimal, or the page's 36°22′53″N
        assert s <= lat <= n and w <= lon <= east, page
        assert page["source"].startswith(("https://", "http://")), page


def _place(text: str, name: str) -> tuple[str, Place]:
    start = text.index(name)
    return text, Place(text=name, span=Span(start=start, end=start + len(name), text=name), name=name,
                       country="Syria", country_code="SY")


@pytest.mark.parametrize(("sentence", "near", "acled", "ucdp"), [
    ("Air strikes hit Abu Kamal on Saturday.", False, 1, 1),
    ("Air strikes hit depots near Abu Kamal on Saturday.", True, 2, 2),
    ("Air strikes hit the outskirts of Abu Kamal on Saturday.", True, 2, 2),
    ("Air strikes hit targets 10 km east of Abu Kamal on Saturday.", True, 2, 2),
])
def test_town_precision_follows_acled_and_ucdp(sentence: str, near: bool, acled: int, ucdp: int) -> None:
    """A town is precision 1 in both codebooks; "near", "outskirts of", "N km east of" make it 2."""
    text, place = _place(sentence, "Abu Kamal")
    enrich_place(text, place)
    assert (place.near, place.geo_precision, place.where_prec) == (near, acled, ucdp)
    assert place.kind == "town" and place.admin1_code == "SY-DY" and place.geonames_id is not None
    assert place.lat is not None and 34 < place.lat < 35 and place.lon is not None and 40 < place.lon < 41.5


@pytest.mark.parametrize(("name", "kind", "acled", "ucdp"), [
    ("Deir ez-Zor province", "province", 3, 4), ("Syria", "country", 3, 6), ("eastern Syria", "region", 3, 5),
    ("Red Sea", "sea", 3, 7),
])
def test_coarser_places_get_coarser_precision(name: str, kind: str, acled: int, ucdp: int) -> None:
    """Province, region, country and sea map to the codebooks' coarser precision codes."""
    place = Place(text=name, span=None, name=name, country=None, country_code=None)
    enrich_place(name, place)
    assert (place.kind, place.geo_precision, place.where_prec) == (kind, acled, ucdp)


def test_a_name_without_geo_is_left_alone() -> None:
    """A place the gazetteer does not know keeps every optional field null."""
    place = Place(text="Atlantis", span=None, name="Atlantis", country=None, country_code=None)
    enrich_place("Atlantis", place)
    assert place.kind is None and place.lat is None and place.geo_precision is None
    assert "Atlantis" not in geo_table()
