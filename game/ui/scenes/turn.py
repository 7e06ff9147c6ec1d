"""The situation room: map, ladder, risk, reports, letters, the orders and the end of the turn.

A click selects an order and the help line weighs it (rung, cost, risk); only Add gives it (the button, Enter
or a double-click). Orders that cannot be given stay greyed, with the reason. Rows and targets: ``orderlist``.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.friction import forecast_risk, incident_probability
from game.engine.model import LEADER, Order, Side
from game.engine.orders import IllegalOrders, check_orders, targets_of
from game.engine.scenario_types import OrderDef
from game.engine.turn import describe_terms
from game.engine.view import PlayerView, describe_target
from game.rules_of_play import NOTHING_TO_TARGET, danger, letters, points_spent
from game.tutorial import record_lines
from game.ui import text
from game.ui.opening import begin_turn
from game.ui.orderlist import TargetPicker, keyboard_wins, order_rows, order_text, pointer_moved_rows
from game.ui.paper import Dispatches, Paper, draw_offer, offer_title
from game.ui.scene import Dialog, Notice, Scene, draw_backdrop, draw_box
from game.ui.situation import (
    ALARM_RUNG,
    Meters,
    draw_ladder,
    draw_risk,
    draw_top,
    top_height,
    top_parts,
    turn_areas,
)
from game.ui.turnclock import TurnClock
from game.ui.widgets import Button, ListBox
from game.ui.window import Window
from game.wording import plain_all


class TurnScene(Scene):
    """One side's turn. The hot-seat timer is the window's (``App.turn_clock``): it runs over every screen."""

    base_tabs = ("Reports", "Letters", "Meters")
    shows_clock = True  # the top bar shows the timer; the window need not draw it again

    def __init__(self, app: Window, side: Side) -> None:
        super().__init__(app)
        self.side = side
        self.secret_side = side
        self.chosen: list[Order] = []
        self.guide = app.guide if app.guide is not None and app.guide.side == side else None
        self.tab = self.tabs[0]
        self.clock = 0.0
        self.orders: ListBox | None = None
        self.chosen_box: ListBox | None = None
        self.map_tip: str | None = None
        self.boxes: list[tuple[str, pygame.Rect]] = []  # the ladder and the risk as drawn, for the layout test
        self.inside: list[tuple[str, pygame.Rect, pygame.Rect]] = []  # each text drawn in them, and its box
        session = app.game
        timer = int(session.record.meta.get("timer", 0)) if session.hotseat else 0
        clock = app.turn_clock
        if timer and (clock is None or (clock.side, clock.turn) != (side, session.state.turn)):
            app.turn_clock = TurnClock(side, session.state.turn, float(timer))

    @property
    def view(self) -> PlayerView:
        return self.app.game.view(self.side)

    @property
    def tabs(self) -> tuple[str, ...]:
        return ("Record", *self.base_tabs) if self.guide is not None else self.base_tabs

    @property
    def time_left(self) -> float:
        """Seconds left on the hot-seat timer (0: no timer)."""
        clock = self.app.turn_clock
        return clock.left if clock is not None and self.app.timed_turn() is self else 0.0

    def enter(self) -> None:
        super().enter()
        view = self.view
        self.app.sound.ambience(True)
        self.app.sound.alarm(view.rung >= ALARM_RUNG)
        if any(e.turn == view.turn - 1 or e.turn == view.turn for e in view.log[-3:]):
            self.app.sound.play("teletype")

    # -- layout --

    def areas(self) -> dict[str, pygame.Rect]:
        top = top_height(self.app, top_parts(self.app, self.view, self.side), self.app.size[0])
        return turn_areas(self.app, top, self.tabs)

    def layout(self) -> None:
        old_orders, old_chosen = self.orders, self.chosen_box
        self.panel.clear()
        view = self.view
        a = self.areas()
        row = a["row"].height
        orders = self.panel.add(
            ListBox(
                a["orders"],
                "Orders",
                on_activate=self.add_order,
                on_select=self.selected_order,
                row_height=row,
                click_activates=False,
                **order_rows(self.app.scenario, view, self.chosen),
            )
        )
        orders.keep_place(old_orders)
        chosen_rows = [(order_text(self.app.scenario, view, o), i) for i, o in enumerate(self.chosen)]
        chosen_box = self.panel.add(
            ListBox(
                a["chosen"],
                "Your orders",
                chosen_rows,
                self.remove_order,
                row_height=row,
                click_activates=False,
                tooltips=[f"{label}. Enter or a double-click takes it back." for label, _ in chosen_rows],
            )
        )
        chosen_box.keep_place(old_chosen)
        self.orders, self.chosen_box = orders, chosen_box
        move, bh = a["move"], a["button"].height
        self.add_button = self.panel.add(
            Button(
                pygame.Rect(move.left, move.top + 4, move.width, bh),
                "Add ›",
                self.add_selected,
                "Add the selected order to yours (Enter, or a double-click on it).",
                style="primary",
            )
        )
        self.panel.add(
            Button(
                pygame.Rect(move.left, move.top + bh + 12, move.width, bh),
                "‹ Take back",
                self.remove_selected,
                "Take the selected one of your orders back.",
                enabled=bool(self.chosen),
            )
        )
        self.selected_order(orders.payload)
        self.layout_buttons(a["buttons"], bh)
        self.layout_side(view, a["side"], bh)
        self.panel.focus_on(orders)

    def layout_buttons(self, b: pygame.Rect, bh: int) -> None:
        """End turn, twice the height of the others; Negotiate; the menu."""
        gap = max(8, (b.height - 3 * bh) // 3)
        for rect, label, action, tip, style in (
            (pygame.Rect(b.left, b.top, b.width, min(2 * bh, b.height - 2 * (bh + gap))), "End turn", self.end_turn,
             "Seal these orders. Both leaders' orders are carried out together.", "primary"),
            (pygame.Rect(b.left, b.bottom - 2 * bh - gap, b.width, bh), "Negotiate", self.negotiate,
             "Write a letter or an offer, or answer one (N).", "normal"),
            (pygame.Rect(b.left, b.bottom - bh, b.width, bh), "Menu", self.back, "Save, load, settings, quit (Escape).",
             "normal"),
        ):  # fmt: skip
            self.panel.add(Button(rect, label, action, tip, style=style))

    def layout_side(self, view: PlayerView, side: pygame.Rect, bh: int) -> None:
        tab_w = side.width // len(self.tabs)
        for i, name in enumerate(self.tabs):
            self.panel.add(
                Button(
                    pygame.Rect(side.left + i * tab_w, side.top, tab_w - 4, bh),
                    name,
                    self.tab_setter(name),
                    f"Show {name.lower()}.",
                    style="primary" if name == self.tab else "normal",
                )
            )
        body = pygame.Rect(side.left, side.top + bh + 6, side.width, side.height - bh - 6)
        if self.tab == "Record" and self.guide is not None:  # the tutorial's tab
            self.panel.add(
                Paper(
                    pygame.Rect(body.left, body.top, body.width, body.height - bh - 8),
                    record_lines(self.app.scenario, self.guide, view, self.side),
                )
            )
            self.panel.add(
                Button(
                    pygame.Rect(body.left, body.bottom - bh, body.width, bh),
                    "Follow the record",
                    self.follow,
                    "Give exactly the orders the record's leader gave this day.",
                    style="primary",
                )
            )
        elif self.tab == "Reports":
            self.panel.add(Dispatches(body, list(view.log)))  # every entry this side could know, newest first
        elif self.tab == "Letters":
            rows = [(offer_title(o, self.side), o) for o in reversed(letters(view))]
            self.offer_list = self.panel.add(
                ListBox(
                    pygame.Rect(body.left, body.top, body.width, body.height // 2),
                    "Letters and offers",
                    rows,
                    lambda offer: self.negotiate(),  # an offer chosen is answered in the negotiation
                    row_height=self.areas()["row"].height,
                    tooltips=[describe_terms(self.app.scenario, o.terms) for _, o in rows],
                )
            )
        elif self.tab == "Meters":
            self.panel.add(Meters(body, self.app, view, self.side))

    def tab_setter(self, name: str) -> Callable[[], None]:
        def set_tab() -> None:
            self.tab = name
            self.layout()

        return set_tab

    # -- the tutorial --

    def follow(self) -> None:
        if self.guide is None:  # the button is on the tutorial's tab only
            return
        self.chosen = [c.order for c in self.guide.advice(self.view)]
        self.app.sound.play("stamp")
        self.layout()

    def spent(self) -> int:
        return points_spent(self.app.scenario, self.chosen)

    def selected_order(self, odef: OrderDef | None) -> None:
        box = self.orders
        button = getattr(self, "add_button", None)
        if button is not None and box is not None:
            button.enabled = odef is not None and box.enabled_rows[box.selected]

    def add_selected(self) -> None:
        if self.orders is not None and self.orders.payload is not None:
            self.orders.activate()

    def remove_selected(self) -> None:
        if self.chosen_box is not None and self.chosen_box.rows:
            self.remove_order(self.chosen_box.payload)

    def add_order(self, odef: OrderDef) -> None:
        view = self.view
        if odef.handler == "offer":
            self.negotiate(channel=odef.id)
            return
        targets = targets_of(view, odef)
        if not targets:
            self.app.push(Notice(self.app, odef.label, NOTHING_TO_TARGET))
            return
        if targets == ("",):
            self.try_add(Order(odef.id))
            return
        rows = [(describe_target(view, t), t) for t in targets]
        self.app.push(TargetPicker(self.app, odef.label, rows, lambda t: self.try_add(Order(odef.id, t))))

    def try_add(self, order: Order) -> bool:
        problems = check_orders(self.view, [*self.chosen, order])
        if problems:
            self.app.push(Notice(self.app, "Not possible", plain_all(self.app.scenario, problems)))
            return False
        self.chosen.append(order)
        self.app.sound.play("stamp")
        self.layout()
        return True

    def remove_order(self, index: int) -> None:
        if 0 <= index < len(self.chosen):
            self.chosen.pop(index)
            self.layout()
            if self.chosen_box is not None:  # made by the layout
                self.panel.focus_on(self.chosen_box)

    def negotiate(self, channel: str | None = None) -> None:
        self.app.push("negotiate", self, channel)

    # -- ending the turn --

    def end_turn(self) -> None:
        """Seal the orders; orders that climb to the brink or make an incident likely are asked about first,
        and the dialog's first choice (the one Enter takes) is to think again."""
        reason = danger(self.view, self.chosen)
        if reason is None:
            self.commit()
            return
        if reason.kind == "rung":
            why = (
                f"These orders take the ladder to rung {reason.rung}: {reason.rung_name}. "
                "Beyond it lies the use of nuclear weapons."
            )
        else:
            why = (
                f"The risk of an incident this turn would be {reason.risk:.0%}. Events may slip out of anyone's "
                "control."
            )
        self.app.sound.play("warning")
        self.app.push(
            Dialog(
                self.app,
                "Are you sure?",
                why,
                [("Think again", None), ("Give the orders", self.commit)],
                "danger",
                safe=0,
            )
        )

    def seal(self) -> None:
        """The timer ran out: the orders given so far are sealed, and the players are told so."""
        who = LEADER[self.side]
        self.commit()
        self.app.push(
            Notice(
                self.app,
                "Time is up",
                f"{who}'s time ran out: the orders given so far were sealed and go ahead with the other leader's.",
            )
        )

    def commit(self) -> None:
        session = self.app.game
        if self.guide is not None:
            self.guide.note_orders(self.view, tuple(self.chosen))
        try:
            result = session.commit(self.side, tuple(self.chosen))
        except IllegalOrders as exc:
            self.app.push(Notice(self.app, "Not possible", plain_all(self.app.scenario, exc.problems)))
            return
        if self.app.turn_clock is not None and self.app.turn_clock.side == self.side:
            self.app.turn_clock = None
        if result is None:
            begin_turn(self.app)
            return
        self.app.autosave()
        self.app.go("resolution", result)

    def back(self) -> None:
        self.app.push("pause")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_n and not event.mod:
            self.negotiate()
            return
        if event.type == pygame.KEYDOWN:
            keyboard_wins(self.panel)
            self.map_tip = None
        if event.type == pygame.MOUSEMOTION:
            self.map_tip = self.app.map.hit(event.pos) if self.areas()["map"].collidepoint(event.pos) else None
        super().handle(event)
        if event.type == pygame.MOUSEWHEEL:
            pointer_moved_rows(self.panel)

    def tooltip(self) -> str:
        return self.map_tip or self.panel.tooltip()

    # -- time --

    def animated_area(self) -> pygame.Rect | None:
        """The pulse of the ladder, or the timer in the top bar: never the whole screen."""
        a = self.areas()
        return a["ladder"].union(a["top"])

    def update(self, dt: float) -> bool:
        self.clock += dt
        return self.view.rung >= ALARM_RUNG and self.app.settings.animation != "off"

    # -- drawing --

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        view = self.view
        a = self.areas()
        draw_top(surface, self.app, top_parts(self.app, view, self.side), a["top"])
        self.inside = draw_ladder(surface, self.app, view, a["ladder"], self.clock)
        self.boxes = [("escalation ladder", a["ladder"]), ("risk", a["risk"])]
        draw_risk(surface, self.app, a["risk"], incident_probability(view), forecast_risk(view, self.chosen))
        self.app.map.draw(surface, a["map"], view)
        side = a["side"]
        bh = a["button"].height
        draw_box(surface, self.app, pygame.Rect(side.left, side.top + bh + 4, side.width, side.height - bh - 4))
        if self.tab == "Letters":
            half = (side.height - bh) // 2
            card = pygame.Rect(side.left + 10, side.top + bh + 16 + half, side.width - 20, side.height - bh - half - 26)
            box = getattr(self, "offer_list", None)
            draw_offer(surface, self.app, card, box.payload if box is not None and box.rows else None, self.side)
        self.panel.draw(surface, self.app)
        pal, caption = self.app.palette, self.app.fonts.get("ui_bold", 14)
        mine = f"Your orders: {self.spent()} of {view.action_points()} action points"
        if caption.size(mine)[0] > a["chosen"].right - a["move"].left:
            mine = f"Yours: {self.spent()} of {view.action_points()} AP"
        text.draw(surface, caption, mine, pal.dim, (a["move"].left, a["chosen"].top - 4), "bottomleft")
        text.draw(
            surface, caption, "Orders you can give", pal.dim, (a["orders"].left, a["orders"].top - 4), "bottomleft"
        )
