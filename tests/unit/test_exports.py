"""Exports: each format has its published column list and codes, from responses of invented articles."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from typing import Any

import pytest

from api.export import read_responses, write
from api.export.__main__ import main
from api.export.ucdp import priogrid
from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest, ExtractResponse
from tests.contract.support import ARTICLE
from tests.fakes import FakeBackend

# ACLED data export columns (ACLED codebook, "ACLED data columns"), in their order
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
}
# UCDP GED columns (UCDP GED codebook, version 23.1 and later), in their order
UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
]
# PLOVER manual: the JSON record's fields, its required ones, the event categories and the ASSAULT modes
PLOVER_FIELDS = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
                 "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
                 "coder", "coded_date", "coded_time", "comment", "size"}
PLOVER_REQUIRED = {"id", "date", "actor", "event"}
PLOVER_EVENTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ASSAULT_MODES = {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                 "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"}


@pytest.fixture(scope="module")
def responses() -> list[ExtractResponse]:
    """Two extractions of the invented test article, on the keyword fake backend."""
    extractor = Extractor(FakeBackend(), Gazetteer.load(), load_prompts())
    return [asyncio.run(extractor.extract(ExtractRequest(text=ARTICLE, id=f"doc-{i}", published_at="2024-03-06",
                                                         source="Example Wire", title="Strike near Nabatieh")))
            for i in (1, 2)]


def _export(fmt: str, responses: list[ExtractResponse]) -> str:
    out = io.StringIO()
    write(fmt, responses, out)
    return out.getvalue()


def test_acled_csv_has_the_published_columns_and_codes(responses: list[ExtractResponse]) -> None:
    """ACLED rows: the codebook's 31 columns in order, its event/sub-event types, inter and precision codes."""
    rows = list(csv.DictReader(io.StringIO(_export("acled-csv", responses))))
    assert rows and list(rows[0]) == ACLED_COLUMNS
    for r in rows:
        assert r["sub_event_type"] in ACLED_TYPES[r["event_type"]]
        assert r["inter1"] in {"", *"12345678"} and r["time_precision"] in {"1", "2", "3"}
        assert r["geo_precision"] in {"", "1", "2", "3"} and int(r["fatalities"]) >= 0
    strike = next(r for r in rows if r["location"] == "Nabatieh")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["country"] == "Lebanon" and strike["iso"] == "422" and strike["admin1"] == "Nabatieh"
    assert strike["inter1"] == "8"  # Israel's forces in Lebanon: external forces
    assert strike["geo_precision"] == "2" and strike["fatalities"] == "3" and strike["source"] == "Example Wire"


def test_ucdp_csv_has_the_published_columns_and_codes(responses: list[ExtractResponse]) -> None:
    """UCDP rows: the GED codebook's columns in order; violence type, precision codes and low ≤ best ≤ high."""
    rows = list(csv.DictReader(io.StringIO(_export("ucdp-csv", responses))))
    assert rows and list(rows[0]) == UCDP_COLUMNS
    for r in rows:
        assert r["type_of_violence"] in {"1", "2", "3"} and r["date_prec"] in {"1", "2", "3", "4", "5"}
        assert r["where_prec"] in {"", *"1234567"}
        assert int(r["low"]) <= int(r["best"]) <= int(r["high"])
    strike = next(r for r in rows if r["where_coordinates"] == "Nabatieh")
    assert strike["country_id"] == "660" and strike["region"] == "Middle East" and strike["best"] == "3"
    assert strike["geom_wkt"] == f"POINT ({strike['longitude']} {strike['latitude']})"
    assert strike["priogrid_gid"] == str(priogrid(float(strike["latitude"]), float(strike["longitude"])))


def test_priogrid_cells_follow_the_grid_definition() -> None:
    """PRIO-GRID numbers 0.5° cells row by row from (-90, -180): the first cell is 1, the last 259200."""
    assert priogrid(-89.9, -179.9) == 1
    assert priogrid(-89.9, -179.4) == 2
    assert priogrid(-89.4, -179.9) == 721
    assert priogrid(89.9, 179.9) == 259200


def test_plover_jsonl_records_follow_the_manual(responses: list[ExtractResponse]) -> None:
    """PLOVER records: only the manual's fields, the required ones present, its categories and ASSAULT modes."""
    recs = [json.loads(line) for line in _export("plover-jsonl", responses).splitlines()]
    assert recs
    for rec in recs:
        assert set(rec) <= PLOVER_FIELDS and set(rec) >= PLOVER_REQUIRED
        assert set(rec["event"]) <= PLOVER_EVENTS
        if rec["event"] == ["ASSAULT"]:
            assert set(rec["mode"]) <= ASSAULT_MODES and rec["quad_code"] == 4
    assault = next(r for r in recs if r["event"] == ["ASSAULT"] and r["mode"] == ["aerial"])
    assert assault["actor"][0]["code"] == "ISR" and assault["size"]["dead"] == 3
    assert assault["event_loc"]["geonameid"] and assault["cite_info"]["publication"] == "Example Wire"


def test_geojson_is_a_feature_collection_of_points(responses: list[ExtractResponse]) -> None:
    """GeoJSON: a FeatureCollection of Points in [lon, lat] order, and unmapped events counted."""
    fc = json.loads(_export("geojson", responses))
    assert fc["type"] == "FeatureCollection" and fc["features"] and isinstance(fc["unmapped"], int)
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    nabatieh = next(f for f in fc["features"] if f["properties"]["place"] == "Nabatieh")
    assert 35 < nabatieh["geometry"]["coordinates"][0] < 36 and 33 < nabatieh["geometry"]["coordinates"][1] < 34


def test_cli_reads_batch_output_and_skips_error_lines(
    responses: list[ExtractResponse], tmp_path: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    """The command exports a batch file's responses, skips its error lines and says how many."""
    batch = tmp_path / "out.jsonl"
    lines = [responses[0].model_dump_json(), json.dumps({"id": "bad", "line": 2, "error": {"status": 422}}),
             responses[1].model_dump_json()]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "acled.csv"
    assert main(["--format", "acled-csv", str(batch), str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 2 * len(responses[0].strikes + responses[0].attacks)
    assert "1 line(s) skipped" in capsys.readouterr().err
    assert len(list(read_responses(lines))) == 2


def test_cli_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --format is a usage error (exit 2) naming the choices."""
    with pytest.raises(SystemExit) as exc:
        main(["--format", "xlsx", "-"])
    assert exc.value.code == 2 and "acled-csv" in capsys.readouterr().err


def _violent(weapon: str, target_kind: str | None, victims: str | None) -> Any:
    from api.export.events import Violent
    from schemas.contract import Attack, CasualtyReport, Count, DocumentInfo, Mention, Meta, Span

    span = Span(start=0, end=4, text="Shot")
    target = None if target_kind is None else Mention(text="x", normalized="X", span=None, actor_kind=target_kind)
    attack = Attack(id="attack-1", weapon=weapon, target_actor=target, evidence=[span])  # type: ignore[arg-type]
    report = CasualtyReport(id="casualty-1", event="attack-1", evidence=[span],
                            killed=Count(text="two", span=None, min=2, max=2),
                            victims=None if victims is None else Mention(text=victims, normalized=victims, span=None))
    doc = DocumentInfo(id="d", sha256="0" * 64, chars=4, published_at="2024-01-02")
    response = ExtractResponse(document=doc, attacks=[attack], casualty_reports=[report],
                               meta=Meta(provider="local", model="m", prompt_version="p"))
    return Violent(response, attack, (report,))


def test_gunfire_on_civilians_is_violence_against_civilians() -> None:
    """Gunfire whose victims are civilians is ACLED Violence against civilians / Attack and UCDP one-sided."""
    from api.export import acled, ucdp

    v = _violent("gunfire", None, "two civilians")
    assert acled.event_type(v) == ("Violence against civilians", "Attack")
    assert acled.row(v)["actor2"] == "Civilians" and acled.row(v)["inter2"] == 7
    assert ucdp.violence_type(v) == 3 and ucdp.row(v)["best"] == 2


def test_a_state_named_as_target_is_not_a_civilian_target() -> None:
    """A government named as target stands for its forces: an armed clash, state-based violence."""
    from api.export import acled, ucdp

    v = _violent("gunfire", "government", "two soldiers")
    assert acled.event_type(v) == ("Battles", "Armed clash") and ucdp.violence_type(v) == 1
