"""The state's derived facts and the dice: nothing remembered may outlive the values it was drawn from."""

from __future__ import annotations

import pytest

from game.engine.dice import Dice, seed_state
from game.engine.model import Offer, Ship, Site, Submarine, replace
from game.prelude import new_game


def test_a_copy_whose_flags_are_assigned_answers_from_its_own_flags(scenario):
    s = new_game(scenario, 1, "plausible")
    assert "marker" not in s.flagset(None) and not s.has_flag("marker", None)  # asked once: nothing to remember
    c = s.copy()
    c.flags["us"] = c.flags["us"] | {"marker"}
    assert "marker" in c.flagset(None) and c.has_flag("marker", None)
    assert "marker" in c.flagset("us") and "marker" not in c.flagset("ussr")
    assert "marker" not in s.flagset(None), "the copy's change reached the original"


def test_launchers_follow_the_sites_of_each_state(scenario):
    s = new_game(scenario, 1, "plausible")
    ready = tuple(replace(x, readiness=100.0) for x in s.sites)
    c = s.copy()
    c.sites = ready
    expected = sum(x.launchers for x in ready if x.kind == "mrbm")
    for _ in range(2):  # alternate: a shared memo would answer one state with the other's count
        assert c.launchers == expected > 0
        assert s.launchers == 0
    c.sites = tuple(replace(x, status="dismantled") for x in ready)
    assert c.launchers == 0


def test_each_dice_draws_from_its_own_generator():
    rng = seed_state(7)
    alone = Dice(rng)
    expected = [alone.random() for _ in range(6)]
    a, b = Dice(rng), Dice(seed_state(8))
    drawn = []
    for _ in range(6):  # interleaved with another game's dice
        drawn.append(a.random())
        b.random()
    assert drawn == expected
    assert Dice(rng).random() == expected[0], "loading a state twice gives the same draws"
    again = Dice(alone.state())
    assert again.random() == Dice(alone.state()).random()


@pytest.mark.parametrize(
    "item",
    [
        Ship("s", "Ship", "oil", 900.0, 100.0),
        Submarine("b", "B-59", 800.0, True),
        Site("x", "Site", "mrbm", 4, 20.0),
        Offer(1, "us", "private", (), 3),
    ],
)
def test_replace_is_the_named_tuples_own_replace(item):
    field = item._fields[-1]
    value = "changed" if isinstance(getattr(item, field), str) else 99
    changed = replace(item, **{field: value})
    assert type(changed) is type(item) and changed == item._replace(**{field: value})
    assert getattr(changed, field) == value and changed[:-1] == item[:-1]
    assert replace(item) == item


def test_a_weighted_pick_follows_its_weights():
    """Index i is picked when the draw, times the total weight, falls in the i-th slice, in order."""
    weights = [1.0, 2.0, 5.0]
    uniform, dice = Dice(seed_state(3)), Dice(seed_state(3))
    picks = []
    for _ in range(4000):
        x = uniform.random() * 8.0
        picks.append(dice.pick(weights))
        assert picks[-1] == (0 if x < 1.0 else 1 if x < 3.0 else 2)
    assert [round(picks.count(i) / 4000, 1) for i in range(3)] == [0.1, 0.2, 0.6]
    assert {dice.pick([0.0, 2.0, 0.0]) for _ in range(200)} == {1}
    assert len(dice.draws) == 4200, "each pick is one recorded draw"
