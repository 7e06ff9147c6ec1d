"""The map view, drawn headless into 1280×720: cache, projection, quarantine line, hits, animation, secrets."""

from __future__ import annotations

import math
import os
import re
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine.model import Order  # noqa: E402
from game.engine.resolve import apply  # noqa: E402
from game.engine.view import player_view  # noqa: E402
from game.prelude import new_game  # noqa: E402
from game.scenario.loader import default_scenario_path, load_scenario  # noqa: E402
from game.ui import mapgeo, mapview, text  # noqa: E402
from game.ui.mapgeo import CENTRE, destination, on_land  # noqa: E402
from game.ui.mapview import MapView  # noqa: E402
from game.ui.theme import COLOURBLIND, STANDARD, Fonts  # noqa: E402

CARGO_WORDS = re.compile(r"\b(missiles|warheads|military|oil|general)\b", re.IGNORECASE)
SIZE = (1280, 720)


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.display.init()  # not pygame.init(): that would start the mixer too, and leave it running
    pygame.font.init()
    yield


@pytest.fixture(scope="module")
def states():
    """States from 16 October (index 0) to 24 October (index 8); the US proclaims the quarantine on the 22nd."""
    state = new_game(load_scenario(default_scenario_path()))
    out = [state]
    for turn in range(8):
        orders = {"us": (Order("proclaim_quarantine"),)} if turn == 6 else {}
        state = apply(state, orders)
        out.append(state)
    assert out[6].quarantine == "none" and out[7].quarantine == "proclaimed" and out[8].quarantine == "in_force"
    return out


def _draw(view, previous=None, progress=1.0, mv=None, palette=STANDARD):
    surf = pygame.Surface(SIZE)
    mv = mv or MapView(palette, Fonts())
    mv.draw(surf, surf.get_rect(), view, previous, progress)
    return mv, surf


def _rgb(surf, pos):
    return tuple(surf.get_at(pos))[:3]


def test_static_layer_is_rendered_once_per_size_and_style(monkeypatch, states):
    calls = []
    real = mapview.render_static

    def counting(proj, palette, fonts):
        calls.append(proj.rect.size)
        return real(proj, palette, fonts)

    monkeypatch.setattr(mapview, "render_static", counting)
    mv = MapView(STANDARD, Fonts())
    surf = pygame.Surface(SIZE)
    mv.draw(surf, surf.get_rect(), player_view(states[6], "us"))
    mv.draw(surf, surf.get_rect(), player_view(states[6], "us"))
    mv.draw(surf, surf.get_rect(), player_view(states[8], "us"))  # ships moved, quarantine in force: same coasts
    mv.draw(surf, surf.get_rect().move(10, 0), player_view(states[8], "ussr"))  # moved, same size
    assert len(calls) == 1
    mv.draw(surf, pygame.Rect(0, 0, 900, 600), player_view(states[8], "us"))
    assert len(calls) == 2  # a new size needs a new layer
    mv.set_style(COLOURBLIND, Fonts(1.2))
    mv.draw(surf, pygame.Rect(0, 0, 900, 600), player_view(states[8], "us"))
    assert len(calls) == 3  # and so does a new palette


def test_land_at_havana_and_sea_in_the_atlantic(states):
    mv, surf = _draw(player_view(states[0], "us"))

    def project(lon: float, lat: float) -> tuple[int, int]:
        # Worked out here rather than asked of the view, so that a flipped or skewed projection fails.
        world_w, world_h = 34 * math.cos(math.radians(24)), 25
        scale = min(SIZE[0] / world_w, SIZE[1] / world_h)
        left = (SIZE[0] - int(world_w * scale)) // 2
        top = (SIZE[1] - int(world_h * scale)) // 2
        return int(round(left + (lon + 92) * math.cos(math.radians(24)) * scale)), int(round(top + (37 - lat) * scale))

    assert mv.project(-82.366, 23.113) == project(-82.366, 23.113)
    x, y = project(-82.366, 23.113)  # Havana, on the north coast
    block = {_rgb(surf, (x + dx, y + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    assert STANDARD.land in block
    assert _rgb(surf, project(-78.0, 21.6)) == STANDARD.land  # inland, central Cuba
    assert _rgb(surf, project(-66.5, 31.5)) == STANDARD.sea  # open Atlantic
    assert _rgb(surf, project(-88.0, 24.0)) == STANDARD.sea  # Gulf of Mexico
    assert _rgb(surf, project(-83.0, 33.0)) == STANDARD.land  # Georgia
    # The map keeps the projection's aspect ratio inside the rect (letterboxed left and right here).
    rect = mv.map_rect
    assert rect.height == SIZE[1] and rect.width < SIZE[0]
    expected = (-58 - -92) * math.cos(math.radians(24)) / (37 - 12)
    assert abs(rect.width / rect.height - expected) < 0.01


def _arc_samples(mv: MapView, line_nm: int) -> list[tuple[int, int]]:
    """Points of the line away from the ship lanes (bearings 80°–140°), at sea and on the map."""
    out = []
    area = mv.map_rect.inflate(-4, -4)
    for tenth in range(800, 1400, 5):
        lon, lat = destination(*CENTRE, tenth / 10, line_nm)
        p = mv.project(lon, lat)
        if area.collidepoint(p) and not on_land(lon, lat):
            out.append(p)
    return out


def _line_pixels(surf, samples, color) -> int:
    """How many samples have ``color`` at or right next to them (the line is 2 px wide)."""
    return sum(any(_rgb(surf, (x + dx, y + dy)) == color for dx in (-1, 0, 1) for dy in (-1, 0, 1)) for x, y in samples)


def test_quarantine_line_appears_only_once_proclaimed(states):
    before = player_view(states[6], "us")
    proclaimed = player_view(states[7], "us")
    in_force = player_view(states[8], "us")
    mv, surf_before = _draw(before)
    samples = _arc_samples(mv, in_force.line_nm)
    assert len(samples) > 40
    _, surf_proclaimed = _draw(proclaimed)
    _, surf_in_force = _draw(in_force)
    assert _line_pixels(surf_before, samples, STANDARD.line) == 0
    # In force: bright dashes, most of the arc covered.
    assert _line_pixels(surf_in_force, samples, STANDARD.line) > len(samples) * 0.5
    # Proclaimed: a dimmer, sparser line, but there.
    changed = sum(_rgb(surf_before, p) != _rgb(surf_proclaimed, p) for p in samples)
    assert changed > len(samples) * 0.2
    assert _line_pixels(surf_proclaimed, samples, STANDARD.line) == 0  # not the in-force look
    unchanged = sum(_rgb(surf_before, p) != _rgb(_draw(player_view(states[5], "us"))[1], p) for p in samples)
    assert unchanged == 0  # no line on the 21st either: the difference above is the line


def test_hit_finds_ship_site_and_place(states):
    view = player_view(states[8], "us")
    mv, _ = _draw(view)
    x, y = mv.ship_positions["kimovsk"]
    desc = mv.hit((int(x), int(y)))
    assert desc is not None and desc.startswith("Kimovsk — 650 nm from Cuba, sailing")
    x, y = mv.site_positions["san_cristobal_1"]
    assert mv.hit((int(round(x)), int(round(y)))) == (
        "San Cristóbal 1 — MRBM, 4 launchers, readiness 60%, building; as photographed 17 Oct"
    )
    assert mv.hit(mv.project(-66.5, 31.5)) is None
    havana = mv.project(-82.366, 23.113)
    assert mv.hit(havana) == "Havana"
    # Aleksandrovsk arrived on the 24th: not drawn, so not found.
    assert "aleksandrovsk" not in mv.ship_positions


def test_ship_positions_and_clamping(states):
    mv, _ = _draw(player_view(states[8], "us"))
    cx, cy = mv.project(*CENTRE)
    area = mv.map_rect
    for ship_id, (x, y) in mv.ship_positions.items():
        assert area.collidepoint(x, y), ship_id
        assert x > cx and y < cy, ship_id  # north-east of Cuba
    # On the 16th most ships are far out in the Atlantic: drawn on the compressed scale, with their distance.
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        mv, _ = _draw(player_view(states[0], "us"))
    finally:
        stop()
    assert "Poltava 2,900 nm" in drawn
    x, y = mv.ship_positions["poltava"]
    assert mv.map_rect.inflate(-20, -20).collidepoint(x, y)


def _route_nm(mv: MapView, pos: tuple[float, float]) -> float:
    """How far from Cuba a drawn point is, in nautical miles along the great circle (inverse projection)."""
    rect = mv.map_rect
    scale = rect.height / (mapgeo.LAT_MAX - mapgeo.LAT_MIN)
    lon = mapgeo.LON_MIN + (pos[0] - rect.x) / (mapgeo.X_SCALE * scale)
    lat = mapgeo.LAT_MAX - (pos[1] - rect.y) / scale
    p1, p2 = math.radians(CENTRE[1]), math.radians(lat)
    cos_d = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(math.radians(lon - CENTRE[0]))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_d)))) * 60


def _far_view(view, distances, status="sailing"):
    ships = tuple(s._replace(distance=float(d), status=status) for s, d in zip(view.ships, distances, strict=False))
    return ships, SimpleNamespace(
        ships=ships,
        subs=(),
        sites=view.sites,
        scenario=view.scenario,
        quarantine=view.quarantine,
        line_nm=view.line_nm,
        side="us",
        log=view.log,
    )


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("scale", [0.85, 1.4])
def test_ships_on_the_map_at_their_true_distance_and_far_ones_in_the_inset(states, size, scale):
    """Near ships sit on their lanes at their true distance; ships beyond the map's edge are listed in the
    inset, nearest first, a legible row apart (not a pixel apart at the edge), each with its true distance."""
    from game.ui.mapinset import MIN_ROW

    view = player_view(states[8], "us")  # line in force at 500 nm
    distances = [300, 700, 2650, 2740, 1800, 3400]
    ships, fake = _far_view(view, distances)
    surf = pygame.Surface(size)
    mv = MapView(STANDARD, Fonts(scale))
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        mv.draw(surf, surf.get_rect(), fake)
    finally:
        stop()
    for s, d in zip(ships[:2], distances[:2], strict=True):
        assert abs(_route_nm(mv, mv.ship_positions[s.id]) - d) < 15, s.id  # true scale on the map
    far = sorted(zip(ships[2:], distances[2:], strict=True), key=lambda p: p[1])
    ys = [mv.ship_positions[s.id][1] for s, _ in far]
    assert ys == sorted(ys)  # nearest first
    assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= MIN_ROW  # a legible gap, however close the nm
    for s, d in far:
        assert mv.map_rect.collidepoint(mv.ship_positions[s.id]), s.id
        assert any(f"{d:,} nm" in line for line in drawn), d  # the true distance is written out
    labels = mv.labels
    assert not [(a, b) for i, (a, ra) in enumerate(labels) for b, rb in labels[i + 1 :] if ra.colliderect(rb)]


def _crisis_app(size, scale, tmp_path, monkeypatch):
    """The turn screen on Saturday 27 October, morning, on the historical path."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.ai.doctrine import doctrine_policy
    from game.session import Session
    from game.ui.app import App
    from game.ui.scenes.turn import TurnScene

    app = App(size=size)
    app.settings.text_size = scale
    app.apply_settings()
    session = Session.new(app.scenario, 1962, "historical", ("us",))
    policy = doctrine_policy(app.scenario, "us", "historical")
    while (session.state.date, session.state.part) != ("1962-10-27", "am"):
        session.commit("us", policy.choose(session.view("us")))
    app.session = session
    app.go(TurnScene(app, "us"))
    app.step([])
    return app


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        ((1024, 640), "extra large"),
        ((1024, 640), "small"),
        ((1280, 720), "medium"),
        ((1920, 1080), "large"),
        ((3840, 2160), "small"),
        ((3840, 2160), "extra large"),
    ],
)
def test_map_labels_on_27_october_neither_overlap_nor_go_missing(tmp_path, monkeypatch, size, scale):
    """The most crowded day, at the extreme sizes and text scales: no label over another or over a glyph, none
    off the map, and none of the labels a player finds the map by dropped (places, site towns, the line)."""
    app = _crisis_app(size, scale, tmp_path, monkeypatch)
    try:
        labels = app.map.labels
        names = [words for words, _ in labels]
        assert any(w.startswith("QUARANTINE") for w in names), names  # the line's label, in one of its forms
        for must in ("Havana", "Miami", "Key West", "Guantánamo", "San Cristóbal", "Sagua la Grande"):
            assert any(w.startswith(must) for w in names), (must, names)
        assert any(w.startswith("BEYOND") for w in names), names  # the returning ships are far out: the inset
        clashes = [(a, b) for i, (a, ra) in enumerate(labels) for b, rb in labels[i + 1 :] if ra.colliderect(rb)]
        assert not clashes, clashes
        area = app.map.map_rect
        assert all(area.contains(r) for _, r in labels), [(w, r) for w, r in labels if not area.contains(r)]
        glyphs = list(app.map.ship_positions.values()) + list(app.map.site_positions.values())
        inset = next(r for w, r in labels if w.startswith("BEYOND")).unionall(
            [r for w, r in labels if w.endswith("nm")]
        )
        covered = [(w, p) for w, r in labels for p in glyphs if r.collidepoint(p) and not inset.collidepoint(p)]
        assert not covered, covered  # a label never hides a ship or a site
    finally:
        app.sound.close()
        pygame.display.init()  # App quits the display when closed; the other tests draw on plain surfaces


def test_placer_shortens_then_drops_rather_than_overlap():
    from game.ui.maplabels import Placer

    font = Fonts().get("ui", 11)
    placer = Placer(pygame.Rect(0, 0, 130, 100))
    box = pygame.Rect(55, 40, 20, 20)
    long_form = [(font, "A very long ship name 2,900 nm", (255, 255, 255))]
    short_form = [(font, "2,900 nm", (255, 255, 255))]
    surf = pygame.Surface((130, 100))
    assert font.size(long_form[0][1])[0] > 130
    assert placer.place(surf, box, [long_form]) is None  # too wide for the map anywhere: dropped
    assert placer.place(surf, box, [long_form, short_form]) is not None
    assert placer.labels[-1][0] == "2,900 nm"  # shortened rather than dropped
    for _ in range(20):
        placer.place(surf, box, [short_form])
    rects = [r for _, r in placer.labels]
    assert all(not a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert len(rects) < 22  # some were dropped


def test_site_statuses_differ_by_shape_and_word_not_only_colour(states):
    from game.ui.mapsites import site_glyph, site_style, status_line

    site = player_view(states[8], "us").sites[0]
    for palette in (STANDARD, COLOURBLIND):
        styles = {st: site_style(st, 60.0, palette) for st in ("building", "halted", "struck", "dismantled")}
        marks = {(s.fill, s.outline, s.mark, s.word) for s in styles.values()}
        assert len(marks) == 4, styles
        masks = {}
        for status in styles:
            surf = pygame.Surface((40, 40))
            surf.fill(palette.bg)
            site_glyph(surf, palette, site._replace(status=status, readiness=60.0), (20, 20), 8)
            masks[status] = frozenset(
                (x, y) for x in range(40) for y in range(40) if tuple(surf.get_at((x, y)))[:3] != palette.bg
            )
        assert len(set(masks.values())) == 4  # the shapes differ, seen in one colour
        assert masks["struck"] != masks["building"] and len(masks["struck"] - masks["building"]) > 30
    sites = [site._replace(status=s) for s in ("struck", "building", "struck", "dismantled")]
    assert status_line(sites) == "2 struck · 1 dismantled"


def test_struck_site_is_named_under_its_town_until_photographed_again(states):
    """A strike's own photographs only claim hits: "not assessed" until a reconnaissance flight comes back."""
    from game.engine.model import LogEntry

    view = player_view(states[8], "us")
    struck = tuple(s._replace(status="struck") if s.id == "san_cristobal_1" else s for s in view.sites)
    strike = LogEntry(99, 8, "1962-10-24", "damage_assessment", "Bomb damage assessment: ...", "us")
    recon = LogEntry(100, 9, "1962-10-25", "order_u2", "U-2s fly photographic runs over the island.", "us")

    def labels(log):
        fake = SimpleNamespace(
            ships=view.ships,
            subs=view.subs,
            sites=struck,
            scenario=view.scenario,
            quarantine=view.quarantine,
            line_nm=view.line_nm,
            side="us",
            log=log,
        )
        drawn: list[str] = []
        stop = text.listen(drawn.append)
        try:
            mv, _ = _draw(fake)
        finally:
            stop()
        x, y = mv.site_positions["san_cristobal_1"]
        return drawn, mv.hit((int(round(x)), int(round(y))))

    drawn, tip = labels((*view.log, strike))
    assert "1 struck, not assessed" in drawn and "Sites as photographed 24 Oct" in drawn
    assert "struck (not yet assessed)" in tip
    week = LogEntry(101, 10, "1962-10-29/1962-11-04", "order_u2", "U-2s fly photographic runs.", "us")
    assert "Sites as photographed 4 Nov" in labels((*view.log, strike, week))[0]  # a span: its last day
    drawn, tip = labels((*view.log, strike, recon))
    assert "1 struck" in drawn and "Sites as photographed 25 Oct" in drawn
    assert tip.endswith("struck; as photographed 25 Oct")


def test_ships_are_animated_between_turns(states):
    previous = player_view(states[7], "us")
    current = player_view(states[8], "us")
    mv = MapView(STANDARD, Fonts())
    surf = pygame.Surface(SIZE)
    mv.draw(surf, surf.get_rect(), previous)
    a = mv.ship_positions["kimovsk"]
    mv.draw(surf, surf.get_rect(), current)
    b = mv.ship_positions["kimovsk"]
    assert math.dist(a, b) > 20  # it moved 250 nm
    mv.draw(surf, surf.get_rect(), current, previous, 0.0)
    assert math.dist(mv.ship_positions["kimovsk"], a) < 1
    mv.draw(surf, surf.get_rect(), current, previous, 0.5)
    m = mv.ship_positions["kimovsk"]
    assert math.dist(a, m) > 0.3 * math.dist(a, b) and math.dist(m, b) > 0.3 * math.dist(a, b)
    assert abs(math.dist(a, m) + math.dist(m, b) - math.dist(a, b)) < 2  # on the way, not off to one side
    desc = mv.hit((int(m[0]), int(m[1])))
    assert desc is not None and desc.startswith("Kimovsk")
    # Aleksandrovsk arrives this turn: shown sailing in while the animation runs, gone at the end.
    assert "aleksandrovsk" in mv.ship_positions
    mv.draw(surf, surf.get_rect(), current, previous, 1.0)
    assert "aleksandrovsk" not in mv.ship_positions


def test_strings_drawn_name_ships_and_never_hidden_cargo(states):
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        us = player_view(states[8], "us")
        mv, _ = _draw(us)
    finally:
        stop()
    for ship in us.ships:
        if ship.status not in ("arrived", "diverted"):
            assert any(ship.name in s for s in drawn), ship.name
    assert any("QUARANTINE LINE" in s for s in drawn)
    assert not [s for s in drawn if CARGO_WORDS.search(s)]
    hidden = [s for s in us.ships if not s.revealed]
    assert hidden
    for ship in hidden:
        if ship.id in mv.ship_positions:
            x, y = mv.ship_positions[ship.id]
            assert not CARGO_WORDS.search(mv.hit((int(x), int(y))) or "")
    # The same ships in Moscow's view carry their cargo in the tooltip: the check above can bite.
    mv, _ = _draw(player_view(states[8], "ussr"))
    x, y = mv.ship_positions["kimovsk"]
    assert CARGO_WORDS.search(mv.hit((int(x), int(y))))


def test_site_towns_named_only_where_this_side_knows_of_a_site(states):
    def strings(view):
        drawn: list[str] = []
        stop = text.listen(drawn.append)
        try:
            _draw(view)
        finally:
            stop()
        return drawn

    us, ussr = strings(player_view(states[0], "us")), strings(player_view(states[0], "ussr"))
    assert "San Cristóbal" in us and "Havana" in us and "Key West" in us and "Miami" in us
    assert "Remedios" not in us and "Sagua la Grande" not in us  # not yet found by the U-2s
    assert "Remedios" in ussr and "Sagua la Grande" in ussr


def test_map_data_is_loaded_lazily(monkeypatch):
    monkeypatch.setattr(mapgeo, "_map_cache", {})
    assert "data" not in mapgeo._map_cache
    assert on_land(-78.0, 21.6) and not on_land(-66.5, 31.5)
    assert "data" in mapgeo._map_cache


@pytest.fixture(scope="module")
def crisis_views():
    """The US view of every turn of the historical path, 16 to 28 October."""
    from game.ai.doctrine import doctrine_policy
    from game.session import Session

    scenario = load_scenario(default_scenario_path())
    session = Session.new(scenario, 1962, "historical", ("us",))
    policy = doctrine_policy(scenario, "us", "historical")
    views = []
    while not session.over and session.state.date <= "1962-10-28":
        views.append(session.view("us"))
        session.commit("us", policy.choose(session.view("us")))
    return views


# The turn screen's map at 1024×640 with extra-large text, and at 3840×2160: (size, text scale, the labels that
# must never be dropped). On the smallest map a crowded day may leave out Miami, Key West or Guantánamo (their
# tooltips remain); the line, Havana and the site towns always stay.
SWEEP = [
    ((286, 231), 1.4, ("Havana", "San Cristóbal", "Sagua la Grande")),
    ((1571, 1265), 0.85, ("Havana", "Miami", "Key West", "Guantánamo", "San Cristóbal", "Sagua la Grande")),
    ((1571, 1265), 1.4, ("Havana", "Miami", "Key West", "Guantánamo", "San Cristóbal", "Sagua la Grande")),
]


@pytest.mark.parametrize(("size", "scale", "must"), SWEEP)
def test_every_day_of_the_crisis_map_labels_clear_and_far_ships_apart(crisis_views, size, scale, must):
    """Every turn of the crisis at the smallest and largest maps: no label over another or off the map, the
    line's label whenever the line is drawn, the labels a player finds the map by, and far ships a row apart."""
    from game.rules_of_play import line_drawn
    from game.ui.mapinset import MIN_ROW

    problems = []
    for view in crisis_views:
        surf = pygame.Surface(size)
        mv = MapView(STANDARD, Fonts(scale))
        mv.draw(surf, surf.get_rect(), view)
        day = f"turn {view.turn}"
        labels = mv.labels
        names = [w for w, _ in labels]
        problems += [
            f"{day}: {a} over {b}" for i, (a, r) in enumerate(labels) for b, q in labels[i + 1 :] if r.colliderect(q)
        ]
        problems += [f"{day}: {w} off the map" for w, r in labels if not mv.map_rect.contains(r)]
        if line_drawn(view.quarantine) and not any(w.startswith("QUARANTINE") for w in names):
            problems.append(f"{day}: the quarantine line's label was dropped")
        known = {"San Cristóbal"} | (
            {"Sagua la Grande"} if any(s.id.startswith("sagua") for s in view.sites) else set()
        )
        wanted = [m for m in must if m not in ("San Cristóbal", "Sagua la Grande") or m in known]
        problems += [f"{day}: {m} dropped" for m in wanted if not any(w.startswith(m) for w in names)]
        rows = sorted(r.centery for w, r in labels if w.endswith(" nm"))  # the inset's rows, one a far ship
        problems += [
            f"{day}: far ships {b - a} px apart" for a, b in zip(rows, rows[1:], strict=False) if b - a < MIN_ROW
        ]
    assert not problems, "\n".join(problems[:20])
