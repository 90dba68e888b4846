"""Curated gazetteer: mentions found in text, free-text names canonicalised, data files validated."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
import yaml

from api.extraction.rules.gazetteer import DATA_DIR, Gazetteer, GazetteerError


@pytest.fixture(scope="module")
def places_raw() -> list[dict]:
    return yaml.safe_load((DATA_DIR / "places.yaml").read_text(encoding="utf-8"))


DEIR_EZ_ZOR = [
    "Deir ez-Zor",
    "Deir Ez-Zor",
    "Deir ez Zor",
    "Deir al-Zor",
    "Deir Al Zor",
    "Dier Ez-zor",
    "Dayr al-Zawr",
    "Deir el-Zor",
    "Deir ezzor",
    "Deir Ezzor",
    "Deir al-Zour",
    "Deir Al-Zour",
    "DEIR EZ-ZOR",
]


@pytest.mark.parametrize("spelling", DEIR_EZ_ZOR)
def test_deir_ez_zor_spellings_are_one_place(gaz: Gazetteer, spelling: str) -> None:
    """Every news spelling of Deir ez-Zor is found whole and resolves to one canonical city in Syria (SY)."""
    text = f"Airstrikes hit weapons depots near {spelling} on Friday."
    found = gaz.find_places(text)
    assert [(text[f.start : f.end], f.entry.name) for f in found] == [(spelling, "Deir ez-Zor")]
    place = gaz.place(spelling)
    assert place is not None
    assert (place.name, place.kind, place.country, place.country_code) == (
        "Deir ez-Zor",
        "city",
        "Syria",
        "SY",
    )


def test_province_spelling_is_the_province(gaz: Gazetteer) -> None:
    """'<city> province' is the province entry (the longer alias), whatever the spelling of the city."""
    for text in ("Deir ez-Zor province", "Deir al-Zour governorate", "Dayr al-Zawr Governorate"):
        found = gaz.find_places(f"Clashes in {text} continued.")
        assert [f.entry.name for f in found] == ["Deir ez-Zor province"]
        assert found[0].end - found[0].start == len(text)


def test_pronoun_us_is_not_the_united_states(gaz: Gazetteer) -> None:
    """Lower-case 'us' is a pronoun, not a place or actor; 'US' and 'U.S.' are the United States."""
    pronoun = "They told us the convoy was hit, and asked us to wait."
    assert gaz.find_places(pronoun) == []
    assert all(f.entry.name != "United States" for f in gaz.find_actors(pronoun))
    for text, mention in (("US troops were hit.", "US"), ("U.S. troops were hit.", "U.S.")):
        found = gaz.find_places(text)
        assert [(text[f.start : f.end], f.entry.name, f.entry.country_code) for f in found] == [
            (mention, "United States", "US")
        ]


@pytest.mark.parametrize(
    "text", ["Iran’s Revolutionary Guards", "Iran's Revolutionary Guards", "Iran‘s Revolutionary Guards"]
)
def test_possessive_apostrophes_match(gaz: Gazetteer, text: str) -> None:
    """A possessive written with any apostrophe matches the actor whole (the IRGC, not Iran)."""
    sentence = f"{text} fired missiles on Tuesday."
    found = gaz.find_actors(sentence)
    assert [(sentence[f.start : f.end], f.entry.name) for f in found] == [
        (text, "Islamic Revolutionary Guard Corps")
    ]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    """'US Central Command' is United States Central Command, one mention, not United States plus words."""
    for text in ("US Central Command said on Sunday.", "U.S. Central Command said on Sunday."):
        found = gaz.find_actors(text)
        assert len(found) == 1
        assert found[0].entry.name == "United States Central Command"
        assert text[found[0].start : found[0].end].endswith("Central Command")


def test_actor_canonicalises_llm_names(gaz: Gazetteer) -> None:
    """Titles and roles around a name resolve to the most specific actor: the person over the ministry."""
    kanaani = gaz.actor("Iranian foreign ministry spokesman Nasser Kanani")
    assert kanaani is not None
    assert (kanaani.name, kanaani.kind, kanaani.country) == ("Nasser Kanaani", "person", "Iran")
    assert kanaani.org == "Ministry of Foreign Affairs of Iran"
    ministry = gaz.actor("Iran's foreign ministry")
    assert ministry is not None and ministry.name == "Ministry of Foreign Affairs of Iran"
    us = gaz.actor("the US military")
    assert us is not None and (us.name, us.kind) == ("United States", "state")


@pytest.mark.parametrize(
    ("name", "canonical", "country", "code"),
    [
        ("al-Tanf garrison", "al-Tanf", "Syria", "SY"),
        ("At Tanf", "al-Tanf", "Syria", "SY"),
        ("Albu Kamal", "Abu Kamal", "Syria", "SY"),
        ("Ain al-Assad airbase", "Ain al-Asad Air Base", "Iraq", "IQ"),
        ("Jurf al-Nasr", "Jurf al-Sakhar", "Iraq", "IQ"),
        ("Tower 22", "Tower 22", "Jordan", "JO"),
        ("Khan Yunis", "Khan Younis", "Palestine", "PS"),
        ("Dahieh", "Dahiyeh", "Lebanon", "LB"),
        ("Hudaydah", "Hodeidah", "Yemen", "YE"),
        ("Sistan-Baluchestan", "Sistan and Baluchestan", "Iran", "IR"),
        ("Baluchistan", "Balochistan", "Pakistan", "PK"),
        ("Türkiye", "Turkey", "Turkey", "TR"),
        ("Britain", "United Kingdom", "United Kingdom", "GB"),
        ("Bab al-Mandab", "Bab el-Mandeb", None, None),
        ("Golan Heights", "Golan Heights", None, None),
    ],
)
def test_place_has_country_and_code(
    gaz: Gazetteer, name: str, canonical: str, country: str | None, code: str | None
) -> None:
    """A place resolves to its canonical name, its country and that country's ISO code (null for seas)."""
    place = gaz.place(name)
    assert place is not None
    assert (place.name, place.country, place.country_code) == (canonical, country, code)


def test_country_code_of_places_and_actors(gaz: Gazetteer) -> None:
    """country_code takes a code, a country named any way, a place, or an actor with a country."""
    assert gaz.country_code("SY") == "SY"
    assert gaz.country_code("Syrian Arab Republic") == "SY"
    assert gaz.country_code("Deir al-Zour") == "SY"
    assert gaz.country_code("UK") == "GB"
    assert gaz.country_code("Hezbollah") == "LB"
    assert gaz.country_code("Atlantis") is None


def test_places_data_is_consistent(places_raw: list[dict]) -> None:
    """Country codes are unique; a place has a country and a code or neither (load checks neither)."""
    codes = [e["country_code"] for e in places_raw if e["kind"] == "country"]
    assert len(codes) == len(set(codes))
    assert all((e["country"] is None) == (e["country_code"] is None) for e in places_raw)
    actors = yaml.safe_load((DATA_DIR / "actors.yaml").read_text(encoding="utf-8"))
    countries = {e["name"] for e in places_raw if e["kind"] == "country"}
    assert {a["country"] for a in actors if a.get("country")} <= countries


def test_every_place_alias_is_found_whole(gaz: Gazetteer, places_raw: list[dict]) -> None:
    """Each alias in running text is one mention of its own entry, never cut short by another alias."""
    wrong = []
    for e in places_raw:
        for alias in {e["name"], *e["aliases"]}:
            text = f"Reports from {alias} on Monday."
            found = gaz.find_places(text)
            got = [(text[f.start : f.end], f.entry.name) for f in found]
            if got != [(alias, e["name"])]:
                wrong.append((alias, got))
    assert wrong == []


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"country_code": "IQ"}, r"entry 'Deir ez-Zor': country/country_code do not match"),
        (
            {"country_code": "sy"},
            r"entry #\d+ 'Deir ez-Zor': country_code 'sy' is not two upper-case letters",
        ),
        ({"kind": "town"}, r"entry #\d+ 'Deir ez-Zor': kind 'town' is not one of"),
    ],
)
def test_broken_places_file_names_the_entry(
    tmp_path: Path, places_raw: list[dict], edit: dict, message: str
) -> None:
    """A malformed entry in places.yaml fails the load with a GazetteerError naming that entry."""
    shutil.copy(DATA_DIR / "actors.yaml", tmp_path / "actors.yaml")
    broken = [dict(e, **edit) if e["name"] == "Deir ez-Zor" else e for e in places_raw]
    (tmp_path / "places.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.load(tmp_path)


def test_long_text_is_scanned_completely(gaz: Gazetteer) -> None:
    """A ~100k-character text yields every mention of every repeated sentence, in order."""
    sentences = [
        "US forces struck three sites in Deir ez-Zor province on Friday, the Pentagon said.",
        "A drone attack by Kata’ib Hezbollah on Tower 22 in Jordan killed three US soldiers.",
        "Houthi forces fired missiles at a tanker in the Red Sea off Hodeidah.",
        "Israeli jets struck Beirut’s southern suburbs and targets near Nabatieh.",
        "Nothing else happened in the afternoon.",
    ]
    block = " ".join(sentences) + " "
    reps = 100_000 // len(block)
    text = block * reps
    assert len(text) > 95_000
    per_block = [(block[f.start : f.end], f.entry.name) for f in gaz.find_places(block)]
    assert [name for _, name in per_block] == [
        "United States",
        "Deir ez-Zor province",
        "Tower 22",
        "Jordan",
        "United States",
        "Red Sea",
        "Hodeidah",
        "Dahiyeh",
        "Nabatieh",
    ]
    found = gaz.find_places(text)
    assert len(found) == reps * len(per_block)
    assert [(text[f.start : f.end], f.entry.name) for f in found] == per_block * reps
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    actors = gaz.find_actors(text)
    assert len(actors) == reps * len(gaz.find_actors(block))


def test_a_military_media_wing_is_its_own_speaker_on_its_forces_side(gaz: Gazetteer) -> None:
    """The media wing speaks as itself (not as the armed forces), and acts for the same state."""
    from api.extraction.rules.agents import side

    found = gaz.find_actors("The military's media wing, ISPR, said the raid was over.")
    assert [f.entry.name for f in found] == ["Inter-Services Public Relations"]
    assert side(found[0].entry) == side(gaz.actor("Pakistan Armed Forces"))  # type: ignore[arg-type]
