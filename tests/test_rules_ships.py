"""Ships at sea (``world.move_ships``): the radioed orders they carry out, the line that stops them, the line
run, and the ships that go home once the missiles are to be withdrawn. Hand-made fleets, one day of sailing."""

from __future__ import annotations

from game.engine.model import replace
from game.engine.turn import Turn
from game.engine.world import move_ships
from game.prelude import new_game

LINE = 500


def fleet(scenario, quarantine="in_force", **ships):
    """The six ships as ``ships`` gives them (id -> fields), the others sailing 2000 miles out; turn 3."""
    s = new_game(scenario, 1, "plausible").copy()
    s.turn, s.quarantine, s.line_nm = 3, quarantine, LINE
    s.ships = tuple(
        replace(sh, **{"status": "sailing", "distance": 2000.0, "pending": "", **ships.get(sh.id, {})})
        for sh in s.ships
    )
    return s


def sail(s, days=1.0, flags=()):
    turn = Turn(s, {"us": (), "ussr": ()})
    for name, vis in flags:
        turn.set_flag(name, vis)
    move_ships(turn, days)
    return turn


def by_id(turn):
    return {sh.id: sh for sh in turn.s.ships}


def public_keys(turn):
    return [e.key for e in turn.entries["public"]]


def test_a_ship_reaching_the_line_is_held_there_and_the_ships_behind_it_sail_on(scenario):
    s = fleet(scenario, kimovsk={"distance": LINE + 100.0})
    turn = sail(s)
    ships = by_id(turn)
    assert len(turn.s.ships) == len(s.ships)
    assert (ships["kimovsk"].status, ships["kimovsk"].distance) == ("held", float(LINE))
    assert ships["marucla"].distance == 2000.0 - ships["marucla"].speed
    assert public_keys(turn) == ["ship_held"]


def test_a_cleared_ship_or_one_sailing_before_the_quarantine_crosses_the_line(scenario):
    s = fleet(scenario, kimovsk={"distance": LINE + 100.0, "cleared": True})
    assert by_id(sail(s))["kimovsk"].status == "sailing"
    s = fleet(scenario, quarantine="proclaimed", kimovsk={"distance": LINE + 100.0})
    assert by_id(sail(s))["kimovsk"].distance == LINE + 100.0 - s.ships[1].speed


def test_ships_ordered_to_run_the_line_cross_it_and_the_crossing_is_public(scenario):
    s = fleet(scenario, kimovsk={"distance": LINE + 100.0})
    turn = sail(s, flags=[("run_the_line", "ussr")])
    assert by_id(turn)["kimovsk"].status == "sailing" and by_id(turn)["kimovsk"].distance < LINE
    assert public_keys(turn) == ["line_run"]
    assert {"line_run", "line_crossed"} <= turn.s.flags["public"]


def test_a_radioed_order_is_carried_out_the_turn_after_it_was_sent(scenario):
    pending = {"kimovsk": "turn_back", "poltava": "halt", "yuri_gagarin": "run", "bucharest": "go"}
    ships = {sid: {"pending": mode, "ordered": 2} for sid, mode in pending.items()}
    ships["yuri_gagarin"]["status"] = ships["bucharest"]["status"] = "halted"
    ships["marucla"] = {"pending": "halt", "ordered": 3}  # radioed this very turn: not yet
    turn = sail(fleet(scenario, **ships))
    after = by_id(turn)
    assert {sid: after[sid].status for sid in pending} == {
        "kimovsk": "returning",
        "poltava": "halted",
        "yuri_gagarin": "sailing",
        "bucharest": "sailing",
    }
    assert all(after[sid].pending == "" for sid in pending)
    assert (after["marucla"].status, after["marucla"].pending) == ("sailing", "halt")
    assert public_keys(turn) == ["ship_turns_back", "ship_halts", "ship_sails", "ship_sails"]


def test_a_radioed_order_reaches_no_ship_already_in_port_diverted_or_disabled(scenario):
    ships = {
        sid: {"status": status, "pending": "go", "ordered": 2, "distance": 0.0 if status == "arrived" else 900.0}
        for sid, status in (("kimovsk", "arrived"), ("poltava", "diverted"), ("yuri_gagarin", "disabled"))
    }
    turn = sail(fleet(scenario, **ships))
    after = by_id(turn)
    assert {sid: (after[sid].status, after[sid].pending) for sid in ships} == {
        "kimovsk": ("arrived", ""),
        "poltava": ("diverted", ""),
        "yuri_gagarin": ("disabled", ""),
    }
    assert public_keys(turn) == []


def test_a_ship_going_home_sails_away_until_4000_miles_and_a_halted_one_stays(scenario):
    s = fleet(
        scenario,
        kimovsk={"status": "returning", "distance": 1000.0},
        poltava={"status": "returning", "distance": 3900.0},
        yuri_gagarin={"status": "halted", "distance": 900.0},
    )
    after = by_id(sail(s, days=0.5))
    assert after["kimovsk"].distance == 1000.0 + 0.5 * after["kimovsk"].speed
    assert after["poltava"].distance == 4000.0
    assert (after["yuri_gagarin"].status, after["yuri_gagarin"].distance) == ("halted", 900.0)


def test_once_the_missiles_are_to_be_withdrawn_the_weapons_ships_at_sea_turn_home(scenario):
    s = fleet(
        scenario,
        kimovsk={"status": "held", "distance": float(LINE), "pending": "go", "ordered": 2},
        poltava={"status": "halted", "distance": 900.0},
        aleksandrovsk={"status": "arrived", "distance": 0.0},
    )
    turn = sail(s, flags=[("term_withdraw_missiles", "public")])
    after = by_id(turn)
    assert {sid: after[sid].status for sid in after} == {
        "aleksandrovsk": "arrived",
        "kimovsk": "returning",
        "poltava": "returning",
        "yuri_gagarin": "returning",
        "bucharest": "sailing",  # oil
        "marucla": "sailing",  # general cargo
    }
    assert after["kimovsk"].pending == ""
    assert public_keys(turn).count("ship_turns_back") == 3


def test_the_log_names_the_ship_that_turns(scenario):
    turn = sail(fleet(scenario), flags=[("term_withdraw_missiles", "public")])
    assert "The Kimovsk reverses course, away from Cuba." in [e.text for e in turn.entries["public"]]


def test_a_ship_whose_day_ends_exactly_on_the_line_is_held(scenario):
    s = fleet(scenario, kimovsk={"distance": LINE + 250.0})  # the Kimovsk makes 250 miles a day
    assert by_id(sail(s))["kimovsk"].status == "held"


def test_a_ship_arrives_when_its_day_reaches_port_and_not_a_mile_short(scenario):
    s = fleet(
        scenario,
        quarantine="none",
        kimovsk={"distance": 250.0},
        poltava={"distance": 100.0},
        yuri_gagarin={"distance": 250.5},
    )
    turn = sail(s)
    after = by_id(turn)
    assert [(after[sid].status, after[sid].distance) for sid in ("kimovsk", "poltava", "yuri_gagarin")] == [
        ("arrived", 0.0),
        ("arrived", 0.0),
        ("sailing", 0.5),
    ]
    assert turn.s.irbm_missiles  # the Kimovsk carried missiles
    assert [e.text for e in turn.entries["ussr"]] == [
        "The Kimovsk unloads its missiles.",
        "The Poltava unloads its missiles.",
    ]


def test_the_aleksandrovsk_lands_its_tactical_warheads(scenario):
    s = fleet(scenario, quarantine="none", aleksandrovsk={"distance": 10.0})
    landed = next(x.tactical for x in scenario.ships if x.id == "aleksandrovsk")
    assert landed > 0
    assert sail(s).s.tactical == s.tactical + landed


def test_the_log_names_the_ship_at_the_line_and_the_one_that_runs_it(scenario):
    s = fleet(scenario, kimovsk={"distance": LINE + 100.0}, poltava={"pending": "halt", "ordered": 2})
    held = [e.text for e in sail(s).entries["public"]]
    assert held[0].startswith("The Kimovsk comes up to the quarantine line, where American destroyers")
    assert held[1] == "The Poltava stops dead in the water, short of the line."
    ran = [e.text for e in sail(s, flags=[("run_the_line", "ussr")]).entries["public"]]
    assert "The Kimovsk crosses the quarantine line without stopping." in ran
