"""The turn screen's list of orders: grouped by kind, each row with its cost, its help and why it cannot be
given now; the list of the orders given; and the picker of an order's target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.engine.model import Order
from game.engine.orders import available
from game.engine.scenario_types import OrderDef, Scenario
from game.engine.view import PlayerView, describe_target
from game.rules_of_play import no_target, points_spent, risk_change
from game.ui.scene import Dialog
from game.ui.widgets import ListBox, Panel
from game.ui.window import Window

PHASES = {"diplomacy": "Diplomacy", "movement": "Ships, quarantine and readiness", "force": "Force"}


def menu(scenario: Scenario, view: PlayerView) -> list[OrderDef]:
    """The orders available now, grouped by kind, each group in the scenario's order."""
    order = list(scenario.orders)
    phases = list(PHASES)
    return sorted(
        available(view), key=lambda o: (phases.index(o.phase) if o.phase in phases else len(phases), order.index(o.id))
    )


def order_rows(scenario: Scenario, view: PlayerView, chosen: list[Order]) -> dict[str, list[Any]]:
    """The order list's rows (with a heading before each kind), their notes and help, and whether each may
    be given now: ``ListBox``'s arguments of those names."""
    given = {o.kind for o in chosen}
    left = view.action_points() - points_spent(scenario, chosen)
    rows: list[tuple[str, OrderDef | None]] = []  # None: a heading
    notes: list[str] = []
    tips: list[str] = []
    enabled: list[bool] = []
    phase = None
    for odef in menu(scenario, view):
        if odef.phase != phase:
            phase = odef.phase
            rows.append((PHASES.get(phase, phase.title()), None))
            notes.append("")
            tips.append("")
            enabled.append(False)
        reason = why_not(view, odef, left)
        rows.append((odef.label, odef))
        notes.append(("given · " if odef.id in given else "") + f"{odef.cost} AP")
        tips.append(order_tooltip(scenario, view, chosen, odef) + (f" Not now: {reason}" if reason else ""))
        enabled.append(not reason)
    return {"rows": rows, "notes": notes, "tooltips": tips, "enabled_rows": enabled}


def why_not(view: PlayerView, odef: OrderDef, left: int) -> str:
    """Why an order cannot be added now ("" if it can)."""
    if no_target(view, odef):
        return "there is nothing to give it to."
    if odef.cost > left:
        return f"it costs {odef.cost} action points and {left} are left."
    return ""


def order_tooltip(scenario: Scenario, view: PlayerView, chosen: list[Order], odef: OrderDef) -> str:
    """The order's figures first (cost, the rung it climbs to, the risk it makes), then what it does: where the
    help line is short (a small window, large text) it is the description that is cut, never the figures."""
    rungs = scenario.rungs
    parts = [f"{odef.label}. Cost: {odef.cost} action point{'s' if odef.cost != 1 else ''}."]
    if odef.effects.rung_min > view.rung:
        parts.append(f"Ladder: up to rung {odef.effects.rung_min}, {rungs[odef.effects.rung_min].name}.")
    before, after = risk_change(view, chosen, Order(odef.id))
    if round(after, 2) != round(before, 2):
        parts.append(f"Risk this turn: {before:.0%} → {after:.0%}.")
    parts.append(odef.help)
    return " ".join(parts)


def order_text(scenario: Scenario, view: PlayerView, order: Order) -> str:
    """An order given, as the list of the side's orders shows it."""
    label = scenario.orders[order.kind].label
    if order.target:
        label += f" → {describe_target(view, order.target)}"
    if order.terms:
        label += f" ({len(order.terms)} terms)"
    return label


def keyboard_wins(panel: Panel) -> None:
    """After a key press the help line describes what has the focus (the order the cursor is on), not what
    the mouse happens to rest over, until the mouse moves again."""
    panel.hover = None
    for widget in panel.widgets:
        if isinstance(widget, ListBox):
            widget.hover_row = None


def pointer_moved_rows(panel: Panel) -> None:
    """After the wheel scrolls a list under a resting mouse, the row pointed at is the one now under it."""
    pos = pygame.mouse.get_pos()
    for widget in panel.widgets:
        if isinstance(widget, ListBox) and widget.hover_row is not None:
            widget.point(pos)


class TargetPicker(Dialog):
    """Choose the ship, submarine or offer an order is for."""

    def __init__(self, app: Window, title: str, rows: list[tuple[str, str]], pick: Callable[[str], object]) -> None:
        super().__init__(app, title, "", [("Cancel", None)])
        self.rows = rows
        self.pick = pick

    def layout(self) -> None:
        super().layout()
        box = self.box()
        row = self.app.fonts.get("ui", 15).get_linesize() + 12
        top = box.top + self.app.fonts.get("ui_bold", 22).get_linesize() + 26
        self.list = ListBox(
            pygame.Rect(box.left + 20, top, box.width - 40, self.panel.widgets[0].rect.top - top - 12),
            "Targets",
            self.rows,
            self.choose,
            row_height=row,
        )
        self.panel.widgets.insert(0, self.list)
        self.panel.focus = 0

    def choose(self, target: str) -> None:
        self.app.pop()
        self.pick(target)
