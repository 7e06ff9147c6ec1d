#!/usr/bin/env python3
"""Extract the Caribbean land polygons used by the game map into caribbean.json.

Run once by hand when the map data must be rebuilt; the game never runs this
script and needs no GIS library: it only reads the small assets/map/caribbean.json
this script writes.

Data source
-----------
Natural Earth 1:50m "Admin 0 - Countries" (ne_50m_admin_0_countries), public
domain (https://www.naturalearthdata.com/about/terms-of-use/), as packaged in
the R data package rnaturalearthdata 0.1.0 (CRAN, 2017-02-21, CC0) and shipped
by Debian bookworm as r-cran-rnaturalearthdata 0.1.0-2.  The R package stores
the layer as the sp object ``countries50`` inside its lazy-load database
(data/Rdata.rdx + data/Rdata.rdb).  This script reads that database with the
Python standard library alone (gzip, lzma, struct): a small reader for R's XDR
serialization format is included below, so neither R nor the R package sp is
needed.  The R package does not record which Natural Earth release it holds;
its date (February 2017) places it before Natural Earth 4.0.0.

How to re-run
-------------
    python3 tools/extract_coastline.py            # finds or downloads the data
    python3 tools/extract_coastline.py --source r-cran-rnaturalearthdata_0.1.0-2_all.deb

``--source`` accepts the .deb, a folder it was extracted into (dpkg-deb -x), or
the installed package folder.  Without it the script uses
/usr/lib/R/site-library/rnaturalearthdata when that exists, and otherwise runs
``apt-get download r-cran-rnaturalearthdata`` and ``dpkg-deb -x`` in a
temporary folder (Debian or Ubuntu only; run ``apt-get update`` first).
The output is deterministic: re-running on the same data gives the same file.

What is written (assets/map/caribbean.json)
-------------------------------------------
* ``bbox``: the area of interest [lon_min, lat_min, lon_max, lat_max] =
  [-98, 8, -60, 35] (Florida and the Gulf coast, Mexico's Yucatan, Central
  America, the Greater and Lesser Antilles, the north coast of South America).
* ``clip_box``: the bbox grown by CLIP_MARGIN (2 degrees) on each side.  Every
  ring whose bounding box meets the bbox is clipped to the clip_box
  (Sutherland-Hodgman).  The straight edges that clipping creates lie on the
  clip_box border, i.e. outside the bbox, so a map that shows the bbox never
  shows them; a map that shows more than the bbox must not draw edges lying on
  the clip_box border as coastline.
* ``polygons``: one entry per island or land part:
  ``{"name": "Cuba", "iso_a3": "CUB", "rings": [outer, hole, ...]}``.
  ``name`` is Natural Earth's ``admin`` field (e.g. "United States of
  America", "The Bahamas"); ``iso_a3`` is its ``adm0_a3`` code.  A ring is a
  list of [lon, lat] pairs in degrees (WGS84, equirectangular-ready), rounded
  to 3 decimals (about 100 m), NOT closed (the first point is not repeated:
  pygame.draw.polygon closes it).  rings[0] is the outer boundary; any further
  rings are holes.  Polygons are sorted by name, then by size (largest first).
* ``places``: the named places the game labels (see PLACES below), each with
  ``on_land`` (inside a Cuba/US polygon of this data) and ``coast_km`` (distance
  to the nearest coastline of this data, roughly, in km).
* ``simplify_tolerance_deg``: rings are simplified with Douglas-Peucker at
  SIMPLIFY_TOLERANCE degrees (0.01 deg, about 1 km, well under a pixel at
  1280x720 for this bbox, where one pixel is about 0.03 deg); parts whose
  simplified outer ring has fewer than 3 points, or an area under MIN_AREA
  square degrees, are dropped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import math
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the source tree: this tool is not part of the installed game
OUTPUT = ROOT / "assets" / "map" / "caribbean.json"

BBOX = (-98.0, 8.0, -60.0, 35.0)  # lon_min, lat_min, lon_max, lat_max
CLIP_MARGIN = 2.0  # degrees added on each side of BBOX
SIMPLIFY_TOLERANCE = 0.01  # degrees (Douglas-Peucker)
MIN_AREA = 0.0005  # square degrees (~6 km^2 near 20N)
DECIMALS = 3
LAYER = "countries50"
DEBIAN_PACKAGE = "r-cran-rnaturalearthdata"
INSTALLED = Path("/usr/lib/R/site-library/rnaturalearthdata")

# Places the game labels: (name, lon, lat, country, kind).  Coordinates are
# approximate (about 0.05 deg) and were checked against the polygons of this
# data by main(), which prints how far each is from land.
PLACES = [
    ("Havana", -82.366, 23.113, "Cuba", "capital"),
    ("Mariel", -82.75, 23.02, "Cuba", "port"),
    ("Guanajay", -82.69, 22.92, "Cuba", "irbm_site"),
    ("San Cristóbal", -83.05, 22.72, "Cuba", "mrbm_site"),
    ("Sagua la Grande", -80.08, 22.81, "Cuba", "mrbm_site"),
    ("Remedios", -79.54, 22.49, "Cuba", "irbm_site"),
    ("Banes", -75.72, 20.96, "Cuba", "sam_site"),
    ("Guantánamo Bay", -75.15, 19.90, "Cuba", "us_naval_base"),
    ("Miami", -80.192, 25.762, "United States of America", "city"),
    ("Key West", -81.78, 24.555, "United States of America", "city"),
]


# --------------------------------------------------------------------------
# A minimal reader for R's serialization format (XDR, versions 2 and 3), with
# just what an sp SpatialPolygonsDataFrame and a lazy-load database need.
# --------------------------------------------------------------------------


class RObj:
    """An R value: ``type`` is the SEXP type number, ``value`` the payload
    (a list for vectors), ``attrs`` the attributes (S4 slots included)."""

    __slots__ = ("type", "value", "attrs")

    def __init__(self, sexptype, value, attrs=None):
        self.type, self.value, self.attrs = sexptype, value, attrs or {}


class _Unserializer:
    def __init__(self, data: bytes):
        if data[:2] != b"X\n":
            raise ValueError("not an XDR R serialization stream")
        self.d, self.p, self.refs = data, 2, []
        version = self._int()
        self._int()  # writer R version
        self._int()  # minimal reader R version
        if version == 3:
            n = self._int()  # native encoding name
            self.p += n

    def _int(self) -> int:
        value = struct.unpack_from(">i", self.d, self.p)[0]
        self.p += 4
        return value

    def _length(self) -> int:
        n = self._int()
        if n == -1:  # long vector
            n = (self._int() << 32) + self._int()
        return n

    @staticmethod
    def _pairlist_dict(pl) -> dict:
        out = {}
        while isinstance(pl, RObj) and pl.type == "pairlist":
            tag, car, cdr = pl.value
            out[tag] = car
            pl = cdr
        return out

    def item(self):
        flags = self._int()
        t = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t == 254:  # NILVALUE_SXP
            return None
        if t in (241, 242, 250, 253):  # base/empty/global env
            return RObj("env", None)
        if t in (251, 252):  # missing/unbound
            return None
        if t == 255:  # REFSXP
            index = flags >> 8 or self._int()
            return self.refs[index - 1]
        if t in (247, 248, 249):  # PERSIST/PACKAGE/NAMESPACE
            self._int()
            obj = RObj("persist", [self.item() for _ in range(self._int())])
            self.refs.append(obj)
            return obj
        if t == 1:  # SYMSXP
            name = self.item()
            self.refs.append(name)
            return name
        if t == 4:  # ENVSXP
            self._int()
            env = RObj("env", None)
            self.refs.append(env)
            self.item()  # enclosing environment
            frame = self.item()
            self.item()  # hash table
            self.item()  # attributes
            env.value = frame
            return env
        if t in (2, 3, 5, 6, 17, 239, 240):  # pairlist-like
            attrs = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            car = self.item()
            cdr = self.item()
            return RObj("pairlist", (tag, car, cdr), self._pairlist_dict(attrs))
        if t == 9:  # CHARSXP
            n = self._int()
            if n == -1:
                return None  # NA_character_
            latin1 = (flags >> 12) & 4  # LATIN1_MASK in gp levels
            s = self.d[self.p : self.p + n].decode("latin-1" if latin1 else "utf-8", "replace")
            self.p += n
            return s
        if t in (10, 13):  # logical, integer
            n = self._length()
            value = [None if v == -2147483648 else v for v in struct.unpack_from(f">{n}i", self.d, self.p)]
            self.p += 4 * n
        elif t == 14:  # double
            n = self._length()
            value = list(struct.unpack_from(f">{n}d", self.d, self.p))
            self.p += 8 * n
        elif t == 15:  # complex (skipped)
            self.p += 16 * self._length()
            value = None
        elif t in (16, 19, 20):  # character, list, expression
            value = [self.item() for _ in range(self._length())]
        elif t == 24:  # raw
            n = self._length()
            value = self.d[self.p : self.p + n]
            self.p += n
        elif t == 25:  # S4 object: slots are attributes
            value = None
        elif t in (7, 8):  # builtin/special
            n = self._int()
            value = self.d[self.p : self.p + n].decode()
            self.p += n
        elif t == 238:  # ALTREP
            info, state, attrs = self.item(), self.item(), self.item()
            cls = info.value[1]
            if cls in ("compact_intseq", "compact_realseq"):
                n, start, step = state.value
                value = [start + i * step for i in range(int(n))]
            elif cls.startswith("wrap_"):
                value = state.value[0].value
            elif cls == "deferred_string":
                value = [str(v) for v in state.value[1].value]
            else:
                raise ValueError(f"unsupported ALTREP class {cls}")
            return RObj("altrep", value, self._pairlist_dict(attrs))
        else:
            raise ValueError(f"unsupported R type {t} at byte {self.p}")
        attrs = self._pairlist_dict(self.item()) if has_attr else None
        return RObj(t, value, attrs)


def read_lazyload(data_dir: Path, name: str):
    """Return object ``name`` from an R lazy-load database (Rdata.rdx/.rdb)."""
    index = _Unserializer(gzip.decompress((data_dir / "Rdata.rdx").read_bytes())).item()
    keys = index.attrs["names"].value
    variables = index.value[keys.index("variables")]
    where = dict(zip(variables.attrs["names"].value, variables.value, strict=True))
    offset, length = (int(v) for v in where[name].value)
    with open(data_dir / "Rdata.rdb", "rb") as f:
        f.seek(offset)
        chunk = f.read(length)
    size, kind = struct.unpack(">I", chunk[:4])[0], chunk[4:5]
    if kind == b"Z":  # raw LZMA2 (xz)
        raw = lzma.decompress(
            chunk[5:],
            format=lzma.FORMAT_RAW,
            filters=[{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME}],
        )
    elif kind == b"2":
        import bz2

        raw = bz2.decompress(chunk[5:])
    elif kind == b"0":
        raw = chunk[5:]
    else:  # zlib, no type byte
        raw = zlib.decompress(chunk[4:])
    if len(raw) != size:
        raise ValueError(f"{name}: expected {size} bytes, got {len(raw)}")
    return _Unserializer(raw).item()


# --------------------------------------------------------------------------
# Finding the data
# --------------------------------------------------------------------------


def find_data_dir(source: str | None, workdir: Path) -> Path:
    candidates = []
    if source:
        src = Path(source)
        if src.suffix == ".deb":
            out = workdir / "deb"
            subprocess.run(["dpkg-deb", "-x", str(src), str(out)], check=True)
            src = out
        candidates += [
            src / "data",
            src / "rnaturalearthdata" / "data",
            src / "usr/lib/R/site-library/rnaturalearthdata/data",
        ]
    else:
        if (INSTALLED / "data").is_dir():
            return INSTALLED / "data"
        subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=workdir, check=True)
        deb = sorted(workdir.glob(f"{DEBIAN_PACKAGE}_*.deb"))[-1]
        return find_data_dir(str(deb), workdir)
    for c in candidates:
        if (c / "Rdata.rdx").is_file():
            return c
    sys.exit(f"no rnaturalearthdata data/Rdata.rdx under {source}")


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------


def clip_ring(ring, box):
    """Sutherland-Hodgman clipping of a closed ring against box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    pts = ring
    for inside, cut in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
        pts = out
    return pts


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tol):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, where = -1.0, None
        for k in range(i + 1, j):
            px, py = points[k]
            d = math.hypot(px - ax, py - ay) if norm == 0 else abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, where = d, k
        if where is not None and best > tol:
            keep[where] = True
            stack += [(i, where), (where, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring, tol):
    """Simplify a closed ring: split it at its first point and at the point
    farthest from it, so that both halves are open polylines."""
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
    a = simplify(ring[: far + 1], tol)
    b = simplify(ring[far:] + [ring[0]], tol)
    return a[:-1] + b[:-1]


def area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def tidy(ring):
    """Round, drop repeated points and the closing point."""
    out = []
    for x, y in ring:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def point_in_ring(x, y, ring):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def coast_km(x, y, ring):
    """Approximate distance in km from (x, y) to the ring's edges."""
    k = math.cos(math.radians(y))
    best = float("inf")
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        ax, ay, bx, by = (x0 - x) * k, y0 - y, (x1 - x) * k, y1 - y
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * 111.2


# --------------------------------------------------------------------------


def extract(data_dir: Path):
    layer = read_lazyload(data_dir, LAYER)
    table = layer.attrs["data"]
    columns = table.attrs["names"].value
    admin = table.value[columns.index("admin")].value
    code = table.value[columns.index("adm0_a3")].value
    features = layer.attrs["polygons"].value
    bx0, by0, bx1, by1 = BBOX
    clip_box = (bx0 - CLIP_MARGIN, by0 - CLIP_MARGIN, bx1 + CLIP_MARGIN, by1 + CLIP_MARGIN)
    polygons = []
    for row, feature in enumerate(features):
        parts = feature.attrs["Polygons"].value
        # sp's comment attribute: for each ring, 0 if it is an outer ring,
        # otherwise the 1-based index of the outer ring it is a hole of.
        comment = feature.attrs.get("comment")
        owners = [int(v) for v in comment.value[0].split()] if comment else [0] * len(parts)
        rings = []
        for part in parts:
            flat = part.attrs["coords"].value  # column-major n x 2 matrix
            n = len(flat) // 2
            rings.append(list(zip(flat[:n], flat[n:], strict=True)))
        for i, ring in enumerate(rings):
            if owners[i] != 0:
                continue
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            if max(xs) < bx0 or min(xs) > bx1 or max(ys) < by0 or min(ys) > by1:
                continue
            out = []
            for j in [i] + [j for j, o in enumerate(owners) if o == i + 1]:
                ring_j = rings[j][:-1] if rings[j][0] == rings[j][-1] else rings[j]
                r = clip_ring(ring_j, clip_box)
                r = tidy(simplify_ring(r, SIMPLIFY_TOLERANCE)) if r else []
                if len(r) >= 3 and area(r) >= MIN_AREA:
                    out.append(r)
                elif j == i:
                    break  # outer ring too small: drop the part
            if out:
                polygons.append({"name": admin[row], "iso_a3": code[row], "rings": out})
    polygons.sort(key=lambda p: (p["name"], -area(p["rings"][0]), p["rings"][0]))
    return clip_box, polygons


def check_places(polygons):
    places = []
    for name, lon, lat, country, kind in PLACES:
        own = [p["rings"][0] for p in polygons if p["name"] == country]
        on_land = any(point_in_ring(lon, lat, r) for r in own)
        km = min(coast_km(lon, lat, r) for r in own)
        places.append(
            {
                "name": name,
                "lon": lon,
                "lat": lat,
                "country": country,
                "kind": kind,
                "on_land": on_land,
                "coast_km": round(km, 1),
            }
        )
        print(
            f"  {name:16s} {lon:8.3f} {lat:7.3f}  {'land' if on_land else 'SEA '}"
            f"  {km:5.1f} km from the {country} coast"
        )
        if not on_land and km > 15:
            sys.exit(f"{name} is {km:.0f} km off the {country} coast: check its coordinates")
    return places


def write(clip_box, polygons, places, path: Path):
    head = {
        "source": "Natural Earth 1:50m Admin 0 - Countries (ne_50m_admin_0_countries), "
        "via rnaturalearthdata 0.1.0 (Debian r-cran-rnaturalearthdata 0.1.0-2)",
        "licence": "public domain (Natural Earth); see LICENSE.txt",
        "generator": "tools/extract_coastline.py",
        "crs": "WGS84 longitude/latitude in degrees; points are [lon, lat]",
        "bbox": list(BBOX),
        "clip_box": list(clip_box),
        "simplify_tolerance_deg": SIMPLIFY_TOLERANCE,
        "rings": "rings[0] is the outer boundary, further rings are holes; rings are not closed",
    }
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "places": [')
    lines.append(",\n".join("    " + json.dumps(p, ensure_ascii=False) for p in places))
    lines.append("  ],")
    lines.append('  "polygons": [')
    lines.append(",\n".join("    " + json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in polygons))
    lines.append("  ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", help="r-cran-rnaturalearthdata .deb or extracted folder")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ne50m-"))
    try:
        data_dir = find_data_dir(args.source, workdir)
        print(f"reading {LAYER} from {data_dir}")
        clip_box, polygons = extract(data_dir)
        print("places:")
        places = check_places(polygons)
        size = write(clip_box, polygons, places, Path(args.output))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    npts = sum(len(r) for p in polygons for r in p["rings"])
    names = sorted({p["name"] for p in polygons})
    print(f"wrote {args.output}: {len(polygons)} polygons, {npts} points, {len(places)} places, {size} bytes")
    print("countries:", ", ".join(names))


if __name__ == "__main__":
    main()
