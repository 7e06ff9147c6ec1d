"""The screens of a game in progress: briefing, hand-off, the turn, what happened, the end.

Every screen draws from one side's ``PlayerView`` (or, between hot-seat
players, from nothing secret at all): the window never holds the whole state.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.engine.friction import incident_probability
from game.engine.model import LEADER, ROLE, SIDES, Order, other
from game.engine.orders import IllegalOrders, available, check_orders, targets_of
from game.engine.scoring import PARTS
from game.engine.turn import describe_terms
from game.engine.view import PlayerView, describe_target, player_view
from game.session import TurnResult
from game.tutorial import day_text
from game.ui import text
from game.ui.paper import Dispatches, Paper
from game.ui.scene import Dialog, Notice, Scene, draw_backdrop, draw_box, footer
from game.ui.widgets import Button, ListBox, fit

DANGER_RUNG = 8
DANGER_RISK = 0.5
ALARM_RUNG = 7


def begin_turn(app: Any) -> None:
    """Show the next screen of the game: the hand-off in hot-seat, else the briefing or the turn.

    The briefing card describes the crisis as it stands when play begins, so it
    comes before each side's first orders, never when a game in progress is resumed.
    """
    session = app.session
    if session.over:
        app.go(EndScene(app))
        return
    side = session.to_play()
    briefing = not session.record.turns
    if session.hotseat:
        app.go(HandoffScene(app, side, briefing=briefing))
    elif briefing:
        app.go(BriefingScene(app, side))
    else:
        app.go(TurnScene(app, side))


def risk_colour(app: Any, p: float) -> tuple[int, int, int]:
    pal = app.palette
    return pal.ok if p < 0.15 else pal.warn if p < 0.4 else pal.danger


# ---------------------------------------------------------------------------- between players


class HandoffScene(Scene):
    """Between hot-seat players: nothing of either side's game shows here."""

    secret_side = None

    def __init__(self, app: Any, side: str, briefing: bool = False) -> None:
        super().__init__(app)
        self.side = side
        self.briefing = briefing

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(Button(pygame.Rect(w // 2 - 230, h // 2 + 60, 460, 54),
                              f"I am {LEADER[self.side]} — show my screen", self.ready,
                              f"Only the player of {LEADER[self.side]} should press this.", style="primary"))

    def ready(self) -> None:
        scene = BriefingScene(self.app, self.side) if self.briefing else TurnScene(self.app, self.side)
        self.app.go(scene)

    def back(self) -> None:
        from game.ui.scenes.menus import PauseScene

        self.app.push(PauseScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal = self.app.palette
        w, h = surface.get_size()
        text.draw(surface, self.app.fonts.get("type_bold", 36), "HAND-OFF", pal.accent, (w // 2, h // 2 - 130),
                  "midtop")
        text.draw(surface, self.app.fonts.get("ui", 22),
                  f"Pass the computer to the player of {LEADER[self.side]}.", pal.text, (w // 2, h // 2 - 60),
                  "midtop")
        text.draw(surface, self.app.fonts.get("ui", 17), "The other player should look away until the orders "
                  "are sealed.", pal.dim, (w // 2, h // 2 - 20), "midtop")
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- the briefing


class BriefingScene(Scene):
    """Who you are, who advises you, what you know, want and fear: before the first orders."""

    def __init__(self, app: Any, side: str) -> None:
        super().__init__(app)
        self.side = side
        self.secret_side = side

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(Button(footer(self.app, w // 2 - 160, 320), "Begin", self.begin,
                              "To the situation room.", style="primary"))

    def begin(self) -> None:
        self.app.go(TurnScene(self.app, self.side))

    def back(self) -> None:
        self.begin()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        session = self.app.session
        view = session.view(self.side)
        card = self.app.scenario.briefings[self.side]
        w, h = surface.get_size()
        paper = pygame.Rect(w // 2 - 460, 40, 920, h - 150)
        pygame.draw.rect(surface, pal.paper, paper, border_radius=4)
        text.draw(surface, fonts.get("type_bold", 16), "TOP SECRET — EYES ONLY", pal.stamp, (paper.right - 24, 22 + 40),
                  "topright")
        text.draw(surface, fonts.get("type_bold", 26), f"{LEADER[self.side].upper()}", pal.ink,
                  (paper.left + 30, paper.top + 24))
        text.draw(surface, fonts.get("type", 17), f"{ROLE[self.side]} — {view.turn_def.label} 1962", pal.ink,
                  (paper.left + 30, paper.top + 62))
        y = paper.top + 100
        body = fonts.get("type", 16)
        for heading, words in card.sections():
            text.draw(surface, fonts.get("type_bold", 17), heading.upper(), pal.ink, (paper.left + 30, y))
            y += 26
            y += text.draw_wrapped(surface, body, words, pal.ink, pygame.Rect(paper.left + 30, y, paper.width - 60,
                                                                              paper.bottom - y - 10)) + 12
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- the turn


class TurnScene(Scene):
    """The situation room: map, ladder, risk, reports, letters, orders, end of turn."""

    base_tabs = ("Reports", "Letters", "Meters")

    def __init__(self, app: Any, side: str) -> None:
        super().__init__(app)
        self.side = side
        self.secret_side = side
        self.chosen: list[Order] = []
        self.guide = app.guide if app.guide is not None and app.guide.side == side else None
        self.tab = self.tabs[0]
        self.clock = 0.0
        timer = int(app.session.record.meta.get("timer", 0)) if app.session.hotseat else 0
        self.time_left = float(timer)
        self.shown_second = -1
        self.selected_offer = 0

    @property
    def view(self) -> PlayerView:
        return self.app.session.view(self.side)

    @property
    def tabs(self) -> tuple[str, ...]:
        return ("Record", *self.base_tabs) if self.guide is not None else self.base_tabs

    def enter(self) -> None:
        super().enter()
        view = self.view
        self.app.sound.ambience(True)
        self.app.sound.alarm(view.rung >= ALARM_RUNG)
        if any(e.turn == view.turn - 1 or e.turn == view.turn for e in view.log[-3:]):
            self.app.sound.play("teletype")

    # -- layout --

    def areas(self) -> dict[str, pygame.Rect]:
        """Where everything goes; the bottom strip is kept free for the help line."""
        w, h = self.app.size
        bottom = h - 250
        left = 250
        return {
            "top": pygame.Rect(0, 0, w, 48),
            "ladder": pygame.Rect(10, 58, left - 20, bottom - 58 - 130),
            "risk": pygame.Rect(10, bottom - 120, left - 20, 120),
            "map": pygame.Rect(left, 58, w - left - 430, bottom - 58),
            "side": pygame.Rect(w - 420, 58, 410, bottom - 58),
            "orders": pygame.Rect(10, bottom + 30, (w - 250) // 2 + 110, 150),
            "chosen": pygame.Rect((w - 250) // 2 + 140, bottom + 30, (w - 250) // 2 - 110, 150),
            "buttons": pygame.Rect(w - 220, bottom + 10, 210, 170),
        }

    def layout(self) -> None:
        self.panel.clear()
        view = self.view
        a = self.areas()
        menu = self.menu(view)
        rows = [(odef.label, odef) for odef in menu]
        given = {o.kind for o in self.chosen}
        notes = [("given · " if odef.id in given else "") + f"{odef.cost} AP" for odef in menu]
        enabled = [self.targets(view, odef) != () for odef in menu]
        tips = [self.order_tooltip(view, odef) for odef in menu]
        self.orders = self.panel.add(ListBox(a["orders"], "Orders", rows, self.add_order, row_height=28, notes=notes,
                                             tooltips=tips, enabled_rows=enabled))
        chosen_rows = [(self.order_text(o), i) for i, o in enumerate(self.chosen)]
        self.chosen_box = self.panel.add(ListBox(a["chosen"], "Your orders", chosen_rows, self.remove_order,
                                                 row_height=28, tooltips=["Enter or a click takes it back."] *
                                                 len(chosen_rows)))
        b = a["buttons"]
        self.panel.add(Button(pygame.Rect(b.left, b.top + 20, b.width, 56), "End turn", self.end_turn,
                              "Seal these orders. Both leaders' orders are carried out together.", style="primary"))
        self.panel.add(Button(pygame.Rect(b.left, b.top + 84, b.width, 40), "Negotiate", self.negotiate,
                              "Write a letter or an offer, or answer one (N)."))
        self.panel.add(Button(pygame.Rect(b.left, b.top + 130, b.width, 40), "Menu", self.back,
                              "Save, load, settings, quit (Escape)."))
        side = a["side"]
        tab_w = side.width // len(self.tabs)
        for i, name in enumerate(self.tabs):
            self.panel.add(Button(pygame.Rect(side.left + i * tab_w, side.top, tab_w - 4, 34), name,
                                  self.tab_setter(name), f"Show {name.lower()}.",
                                  style="primary" if name == self.tab else "normal"))
        body = pygame.Rect(side.left, side.top + 40, side.width, side.height - 40)
        if self.tab == "Record":
            paper = pygame.Rect(body.left, body.top, body.width, body.height - 52)
            self.panel.add(Paper(paper, self.record_lines(view)))
            self.panel.add(Button(pygame.Rect(body.left, body.bottom - 44, body.width, 44), "Follow the record",
                                  self.follow, "Give exactly the orders the record's leader gave this day.",
                                  style="primary"))
        elif self.tab == "Reports":
            self.panel.add(Dispatches(body, [e for e in view.log if e.visibility == self.side or e.key.startswith(
                ("event_", "incident_", "offer_", "agreement", "deadline", "letter", "end_", "secret_leaked"))]))
        elif self.tab == "Letters":
            offers = [o for o in view.offers if o.terms]
            rows = [(self.offer_title(view, o), o) for o in reversed(offers)]
            self.offer_list = self.panel.add(ListBox(pygame.Rect(body.left, body.top, body.width, body.height // 2),
                                                     "Letters and offers", rows, self.answer, row_height=30,
                                                     tooltips=[describe_terms(self.app.scenario, o.terms)
                                                               for _, o in rows]))
        self.panel.focus_on(self.orders)

    def tab_setter(self, name: str):  # noqa: ANN201 - a button action
        def set_tab() -> None:
            self.tab = name
            self.layout()
        return set_tab

    # -- the tutorial --

    def record_lines(self, view: PlayerView) -> list[str]:
        """The day's narration, what the record's leader did and why, and how far the game has strayed."""
        page = day_text(self.app.scenario, view)
        lines = page[:1] + [f"THE RECORD — WHAT {LEADER[self.side].upper()} DID"]
        lines.extend(f"• {line}" for line in self.guide.advice_text(view))
        lines.append(self.guide.divergence(view).describe())
        return lines + page[1:]

    def follow(self) -> None:
        self.chosen = [c.order for c in self.guide.advice(self.view)]
        self.app.sound.play("stamp")
        self.layout()

    # -- orders --

    def menu(self, view: PlayerView) -> list[Any]:
        order = list(self.app.scenario.orders)
        return sorted(available(view), key=lambda o: order.index(o.id))

    @staticmethod
    def targets(view: PlayerView, odef: Any) -> tuple[str, ...]:
        return targets_of(view, odef)

    def order_risk(self, orders: list[Order]) -> float:
        defs = self.app.scenario.orders
        return sum(defs[o.kind].risk for o in orders)

    def order_tooltip(self, view: PlayerView, odef: Any) -> str:
        rungs = self.app.scenario.rungs
        parts = [odef.help, f"Cost: {odef.cost} action point{'s' if odef.cost != 1 else ''}."]
        if odef.effects.rung_min > view.rung:
            parts.append(f"Ladder: up to rung {odef.effects.rung_min}, {rungs[odef.effects.rung_min].name}.")
        if odef.risk:
            before = incident_probability(view, self.order_risk(self.chosen))
            after = incident_probability(view, self.order_risk(self.chosen) + odef.risk)
            parts.append(f"Risk this turn: {before:.0%} → {after:.0%}.")
        return " ".join(parts)

    def order_text(self, order: Order) -> str:
        odef = self.app.scenario.orders[order.kind]
        label = odef.label
        if order.target:
            label += f" → {describe_target(self.view, order.target)}"
        if order.terms:
            label += f" ({len(order.terms)} terms)"
        return label

    def add_order(self, odef: Any) -> None:
        view = self.view
        if odef.handler == "offer":
            self.negotiate(channel=odef.id)
            return
        targets = self.targets(view, odef)
        if not targets:
            self.app.push(Notice(self.app, odef.label, "There is nothing to give that order to now."))
            return
        if targets == ("",):
            self.try_add(Order(odef.id))
            return
        rows = [(describe_target(view, t), t) for t in targets]
        self.app.push(TargetPicker(self.app, odef.label, rows, lambda t: self.try_add(Order(odef.id, t))))

    def try_add(self, order: Order) -> bool:
        problems = check_orders(self.view, [*self.chosen, order])
        if problems:
            self.app.push(Notice(self.app, "Not possible", "; ".join(problems)))
            return False
        self.chosen.append(order)
        self.app.sound.play("stamp")
        self.layout()
        return True

    def remove_order(self, index: int) -> None:
        if 0 <= index < len(self.chosen):
            self.chosen.pop(index)
            self.layout()
            self.panel.focus_on(self.chosen_box)

    def negotiate(self, channel: str | None = None) -> None:
        from game.ui.scenes.negotiate import NegotiationScene

        self.app.push(NegotiationScene(self.app, self, channel))

    def answer(self, offer: Any) -> None:
        self.negotiate()

    # -- ending the turn --

    def end_turn(self) -> None:
        view = self.view
        defs = self.app.scenario.orders
        top = max((defs[o.kind].effects.rung_min for o in self.chosen), default=0)
        risk = incident_probability(view, self.order_risk(self.chosen))
        added = risk > incident_probability(view) + 1e-9
        if top >= DANGER_RUNG and top > view.rung:
            name = self.app.scenario.rungs[top].name
            self.app.sound.play("warning")
            self.app.push(Dialog(self.app, "Are you sure?", f"These orders take the ladder to rung {top}: {name}. "
                                 "Beyond it lies the use of nuclear weapons.", [("Give the orders", self.commit),
                                                                                ("Think again", None)], "danger"))
        elif added and risk > DANGER_RISK:
            self.app.sound.play("warning")
            self.app.push(Dialog(self.app, "Are you sure?", f"The risk of an incident this turn would be "
                                 f"{risk:.0%}. Events may slip out of anyone's control.",
                                 [("Give the orders", self.commit), ("Think again", None)], "danger"))
        else:
            self.commit()

    def commit(self) -> None:
        session = self.app.session
        if self.guide is not None:
            self.guide.note_orders(self.view, tuple(self.chosen))
        try:
            result = session.commit(self.side, tuple(self.chosen))
        except IllegalOrders as exc:
            self.app.push(Notice(self.app, "Not possible", "; ".join(exc.problems)))
            return
        if result is None:
            begin_turn(self.app)
            return
        self.app.autosave()
        self.app.go(ResolutionScene(self.app, result))

    def back(self) -> None:
        from game.ui.scenes.menus import PauseScene

        self.app.push(PauseScene(self.app))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_n and not event.mod:
            self.negotiate()
            return
        if event.type == pygame.MOUSEMOTION:
            self.map_tip = self.app.map.hit(event.pos) if self.areas()["map"].collidepoint(event.pos) else None
        super().handle(event)

    def tooltip(self) -> str:
        return getattr(self, "map_tip", None) or self.panel.tooltip()

    def tooltip_source(self) -> pygame.Rect | None:
        return None if getattr(self, "map_tip", None) else self.panel.tooltip_source()

    # -- time --

    def animated_area(self) -> pygame.Rect | None:
        """The pulse of the ladder, or the timer in the top bar: never the whole screen."""
        a = self.areas()
        return a["ladder"].union(a["top"])

    def update(self, dt: float) -> bool:
        self.clock += dt
        moving = False
        if self.time_left > 0:
            self.time_left = max(0.0, self.time_left - dt)
            if self.time_left == 0.0:
                self.commit()
                return True
            second = int(self.time_left)
            if second != self.shown_second:
                self.shown_second = second
                moving = True
        pulsing = self.view.rung >= ALARM_RUNG and self.app.settings.animation != "off"
        return moving or pulsing

    # -- drawing --

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        view = self.view
        a = self.areas()
        self.draw_top(surface, view, a["top"])
        self.draw_ladder(surface, view, a["ladder"])
        self.draw_risk(surface, view, a["risk"])
        self.app.map.draw(surface, a["map"], view)
        side = a["side"]
        draw_box(surface, self.app, pygame.Rect(side.left, side.top + 38, side.width, side.height - 38))
        if self.tab == "Letters":
            self.draw_offer(surface, view, pygame.Rect(side.left + 10, side.top + 48 + (side.height - 40) // 2,
                                                       side.width - 20, (side.height - 40) // 2 - 20))
        elif self.tab == "Meters":
            self.draw_meters(surface, view, pygame.Rect(side.left + 14, side.top + 54, side.width - 28,
                                                        side.height - 70))
        self.panel.draw(surface, self.app)
        spent = sum(self.app.scenario.orders[o.kind].cost for o in self.chosen)
        chosen = a["chosen"]
        text.draw(surface, self.app.fonts.get("ui_bold", 14),
                  f"Your orders — {spent} of {view.action_points()} action points", self.app.palette.dim,
                  (chosen.left, chosen.top - 22))
        text.draw(surface, self.app.fonts.get("ui_bold", 14), "Orders you can give", self.app.palette.dim,
                  (a["orders"].left, a["orders"].top - 22))

    def draw_top(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        pygame.draw.rect(surface, pal.panel, rect)
        pygame.draw.line(surface, pal.panel_edge, rect.bottomleft, rect.bottomright)
        text.draw(surface, fonts.get("type_bold", 22), f"{view.turn_def.label.upper()} 1962", pal.accent,
                  (rect.left + 16, rect.centery), "midleft")
        colour = pal.us if self.side == "us" else pal.ussr
        x = rect.left + 440
        text.draw(surface, fonts.get("ui_bold", 16), f"You are {LEADER[self.side]}", colour, (x, rect.centery),
                  "midleft")
        alert = ("normal", "raised", "full")[view.alert]
        line = f" at {view.line_nm} nm" if view.quarantine in ("proclaimed", "in_force") else ""
        quarantine = view.quarantine.replace("_", " ")
        status = f"US DEFCON {view.defcon}    Soviet alert: {alert}    Quarantine: {quarantine}{line}"
        text.draw(surface, fonts.get("ui", 15), status, pal.text, (x + 190, rect.centery), "midleft")
        right = self.app.scenario.turn_count(view.turn).capitalize()
        if self.time_left > 0:
            right = f"{int(self.time_left) // 60}:{int(self.time_left) % 60:02d} left    " + right
        text.draw(surface, fonts.get("ui", 15), right, pal.dim, (rect.right - 16, rect.centery), "midright")

    def draw_ladder(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        draw_box(surface, self.app, rect)
        text.draw(surface, fonts.get("ui_bold", 14), "ESCALATION LADDER", pal.dim, (rect.left + 10, rect.top + 8))
        rungs = self.app.scenario.rungs
        inner = pygame.Rect(rect.left + 8, rect.top + 30, rect.width - 16, rect.height - 38)
        step = inner.height / 11
        font = fonts.get("ui", 13)
        pulse = 0.5 + 0.5 * math.sin(self.clock * 2.5) if view.rung >= ALARM_RUNG and \
            self.app.settings.animation != "off" else 1.0
        for level in range(11):
            y = int(inner.bottom - (level + 1) * step)
            box = pygame.Rect(inner.left, y + 1, inner.width, int(step) - 2)
            colour = pal.ladder[level]
            if level == view.rung:
                glow = tuple(int(c * (0.7 + 0.3 * pulse)) for c in colour)
                pygame.draw.rect(surface, glow, box, border_radius=4)
                pygame.draw.rect(surface, pal.text, box, width=2, border_radius=4)
                label_colour = pal.bg
            else:
                pygame.draw.rect(surface, colour if level < view.rung else pal.bg, box, border_radius=4)
                pygame.draw.rect(surface, colour, box, width=1, border_radius=4)
                label_colour = pal.bg if level < view.rung else pal.dim
            label = fit(font, f"{level}  {rungs[level].name}", box.width - 10)
            text.draw(surface, font, label, label_colour, (box.left + 6, box.centery), "midleft")

    def draw_risk(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        draw_box(surface, self.app, rect)
        now = incident_probability(view)
        planned = incident_probability(view, self.order_risk(self.chosen))
        text.draw(surface, fonts.get("ui_bold", 14), "RISK OF AN INCIDENT", pal.dim, (rect.left + 10, rect.top + 8))
        text.draw(surface, fonts.get("ui", 12), "this turn, as you judge it", pal.dim, (rect.left + 10, rect.top + 26))
        bar = pygame.Rect(rect.left + 10, rect.top + 50, rect.width - 20, 22)
        pygame.draw.rect(surface, pal.bg, bar, border_radius=4)
        pygame.draw.rect(surface, risk_colour(self.app, planned), (bar.left, bar.top, int(bar.width * planned),
                                                                    bar.height), border_radius=4)
        pygame.draw.line(surface, pal.text, (bar.left + int(bar.width * now), bar.top - 3),
                         (bar.left + int(bar.width * now), bar.bottom + 3), 2)
        label = f"{planned:.0%}" if abs(planned - now) < 0.005 else f"{now:.0%} → {planned:.0%} with your orders"
        text.draw(surface, fonts.get("ui_bold", 16), label, risk_colour(self.app, planned),
                  (rect.left + 10, bar.bottom + 10))

    def draw_meters(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        y = rect.top
        for key, value in view.meters.items():
            label = self.app.scenario.meter_labels.get(key, key)
            if not key.startswith(self.side + "."):
                label = f"{LEADER[other(self.side)]}: {label.lower()}"
            text.draw(surface, fonts.get("ui", 15), f"{label}: {value:.0f}", pal.text, (rect.left, y))
            bar = pygame.Rect(rect.left, y + 22, rect.width, 10)
            pygame.draw.rect(surface, pal.bg, bar, border_radius=3)
            fill = pal.danger if key.endswith("hawks") and value > 70 else pal.accent
            pygame.draw.rect(surface, fill, (bar.left, bar.top, int(bar.width * value / 100), bar.height),
                             border_radius=3)
            y += 46
        y += 6
        if self.side == "us":
            lines = [f"Operational launchers on Cuba (estimate): {view.launchers} ± {view.uncertainty:.0f}",
                     f"Invasion force readiness: {view.invasion_prep:.0f} of 100"]
        else:
            lines = [f"Operational launchers on Cuba: {view.launchers}",
                     f"Tactical nuclear warheads on Cuba: {view.tactical}",
                     f"Commanders on Cuba may fire them: {'yes' if view.local_authority else 'no'}",
                     f"US invasion readiness (estimate): {view.invasion_prep:.0f} of 100"]
        lines.append(f"Castro's alarm: {view.castro_alarm:.0f} of 100")
        for line in lines:
            text.draw(surface, fonts.get("ui", 14), line, pal.text, (rect.left, y))
            y += 22

    def offer_title(self, view: PlayerView, offer: Any) -> str:
        who = "from " + LEADER[offer.sender] if offer.sender != self.side else "to " + LEADER[other(self.side)]
        return f"{offer.id}. {who}, {offer.channel} — {offer.status}"

    def draw_offer(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        box = getattr(self, "offer_list", None)
        if box is None or not box.rows:
            text.draw(surface, fonts.get("ui", 15), "No offers have been exchanged.", pal.dim, rect.topleft)
            return
        offer = box.payload
        pygame.draw.rect(surface, pal.paper, rect, border_radius=4)
        lines = [self.offer_title(view, offer)]
        if offer.deadline_turn >= 0:
            lines.append(f"Answer wanted by the end of {self.app.scenario.turn_label(offer.deadline_turn)}.")
        for term in offer.terms:
            tdef = self.app.scenario.terms[term.kind]
            lines.append(f"• {tdef.label}{' (SECRET)' if term.secret else ''}")
        y = rect.top + 8
        for line in lines:
            y += text.draw_wrapped(surface, fonts.get("type", 14), line, pal.ink,
                                   pygame.Rect(rect.left + 10, y, rect.width - 20, rect.bottom - y)) + 2


class TargetPicker(Dialog):
    """Choose the ship, submarine or offer an order is for."""

    def __init__(self, app: Any, title: str, rows: list[tuple[str, str]], pick: Any) -> None:
        super().__init__(app, title, "", [("Cancel", None)])
        self.rows = rows
        self.pick = pick

    def layout(self) -> None:
        super().layout()
        box = self.box()
        self.list = ListBox(pygame.Rect(box.left + 20, box.top + 56, box.width - 40, box.height - 140), "Targets",
                            self.rows, self.choose, row_height=32)
        self.panel.widgets.insert(0, self.list)
        self.panel.focus = 0

    def choose(self, target: str) -> None:
        self.app.pop()
        self.pick(target)


# ---------------------------------------------------------------------------- after the turn


class ResolutionScene(Scene):
    """What happened this turn. In hot-seat only the public news: both players may be watching."""

    def __init__(self, app: Any, result: TurnResult) -> None:
        super().__init__(app)
        session = app.session
        self.result = result
        self.side = None if session.hotseat else session.humans[0]
        self.secret_side = self.side
        # From views only: one side's (single player), or the public part of one (hot-seat, both watching).
        self.entries = result.news(self.side)
        self.progress = 0.0 if app.settings.animation == "full" else 1.0

    def enter(self) -> None:
        super().enter()
        if self.entries:
            self.app.sound.play("teletype")
        if any(e.key.startswith("incident_") for e in self.entries):
            self.app.sound.play("warning")

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(Button(footer(self.app, w - 300, 280), "Continue", self.next,
                              "On to the next turn.", style="primary"))

    def next(self) -> None:
        begin_turn(self.app)

    def map_area(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(w // 2, 80, w // 2 - 30, h - 180)

    def animated_area(self) -> pygame.Rect | None:
        return self.map_area() if self.side else None

    def back(self) -> None:
        self.next()

    def update(self, dt: float) -> bool:
        if self.progress < 1.0:
            self.progress = min(1.0, self.progress + dt / 1.5)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        w, h = surface.get_size()
        before = self.result.before
        text.draw(surface, fonts.get("type_bold", 28), f"{before.turn_def.label.upper()}: WHAT HAPPENED", pal.accent,
                  (30, 24))
        left = pygame.Rect(30, 80, w // 2 - 40 if self.side else w - 60, h - 180)
        if self.side:
            self.app.map.draw(surface, self.map_area(),
                          player_view(self.result.after, self.side), player_view(before, self.side), self.progress)
        pygame.draw.rect(surface, pal.paper, left, border_radius=4)
        y = left.top + 12
        font = fonts.get("type", 16)
        for entry in self.entries:
            if y > left.bottom - 20:
                break
            y += text.draw_wrapped(surface, font, "— " + self.result.line(entry), pal.ink,
                                   pygame.Rect(left.left + 14, y, left.width - 28, left.bottom - y)) + 8
        if not self.entries:
            text.draw(surface, font, "A quiet day.", pal.ink, (left.left + 14, y))
        after = self.result.after
        rung = self.app.scenario.rungs[after.rung]
        text.draw(surface, fonts.get("ui_bold", 17), f"The ladder stands at rung {after.rung}: {rung.name}.",
                  pal.ladder[after.rung], (30, h - 70))
        self.panel.draw(surface, self.app)


class EndScene(Scene):
    """The debrief: the outcome and scores, the crisis day by day beside history, the decisions, the secrets,
    questions to reflect on — and the export a student can hand in."""

    tabs = ("Outcome", "Day by day", "Decisions", "Questions")

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        from game.report import debrief

        self.report = debrief(app.session.state, app.session.record)
        self.tab = "Outcome"
        self.chart: pygame.Surface | None = None
        self.exported: str = ""

    def layout(self) -> None:
        self.panel.clear()
        self.chart = None
        w, h = self.app.size
        tab_w = (w - 60) // len(self.tabs)
        for i, name in enumerate(self.tabs):
            self.panel.add(Button(pygame.Rect(30 + i * tab_w, 20, tab_w - 8, 38), name, self.show(name),
                                  style="primary" if name == self.tab else "normal"))
        if self.tab == "Decisions":
            rows = [(f"{r.label}: {LEADER[side]} — {'; '.join(r.orders[side]) or 'no orders'}", r)
                    for r in self.report.rows for side in (self.report.humans or SIDES)]
            notes = ["as in 1962" if r.orders[side] == r.record_orders[side] else "differs from 1962"
                     for r in self.report.rows for side in (self.report.humans or SIDES)]
            tips = [f"In 1962: {'; '.join(r.record_orders[side]) or 'no orders'}."
                    for r in self.report.rows for side in (self.report.humans or SIDES)]
            self.panel.add(ListBox(pygame.Rect(30, 80, w - 60, h - 180), "Decisions", rows, None, row_height=30,
                                   notes=notes, tooltips=tips))
        self.panel.add(Button(footer(self.app, w // 2 - 310, 300), "Export the debrief", self.export,
                              "Write it as a web page and a spreadsheet (CSV) to hand in.", style="primary"))
        self.panel.add(Button(footer(self.app, w // 2 + 10, 300), "Back to the title screen", self.leave))

    def show(self, name: str):  # noqa: ANN201 - a button action
        def set_tab() -> None:
            self.tab = name
            self.layout()
            self.panel.focus = self.tabs.index(name)
        return set_tab

    def enter(self) -> None:
        super().enter()
        self.app.sound.alarm(False)
        self.app.sound.play("stamp")

    def export(self) -> None:
        from game.files import FileProblem
        from game.report import chart_png, write_report
        from game.ui.scenes.menus import write_failed

        try:
            page, table = write_report(self.report, chart=chart_png(self.report, self.app.palette, self.app.fonts))
        except FileProblem as exc:
            write_failed(self.app, "The debrief could not be written", exc)
            return
        self.exported = str(page.parent)
        self.app.push(Notice(self.app, "Debrief exported", f"The debrief is in {page} and the turn log in {table}."))

    def leave(self) -> None:
        from game.ui.scenes.menus import TitleScene

        self.app.session = None
        self.app.guide = None
        self.app.go(TitleScene(self.app))

    def back(self) -> None:
        self.leave()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        body = pygame.Rect(30, 80, surface.get_width() - 60, surface.get_height() - 180)
        if self.tab == "Outcome":
            self.draw_outcome(surface, body)
        elif self.tab == "Day by day":
            if self.chart is None or self.chart.get_size() != body.size:
                from game.ui.chart import render_chart

                r = self.report.rows
                self.chart = render_chart([x.date[5:] for x in r], [x.rung for x in r], [x.risk for x in r],
                                          [x.history_rung or 0 for x in r], [x.history_risk or 0.0 for x in r],
                                          body.size, self.app.palette, self.app.fonts)
            surface.blit(self.chart, body)
        elif self.tab == "Questions":
            self.draw_questions(surface, body)
        self.panel.draw(surface, self.app)
        if self.exported:
            text.draw(surface, self.app.fonts.get("ui", 14), f"Exported to {self.exported}", self.app.palette.dim,
                      (30, surface.get_height() - 20), "midleft")

    def draw_outcome(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        report = self.report
        w = surface.get_width()
        colour = pal.danger if report.outcome == "Nuclear war" else pal.accent
        text.draw(surface, fonts.get("type_bold", 36), report.outcome.upper(), colour, (w // 2, body.top), "midtop")
        text.draw_wrapped(surface, fonts.get("ui", 17), f"{report.ending} In 1962: {report.history_outcome}.",
                          pal.text, pygame.Rect(w // 2 - 420, body.top + 56, 840, 60))
        if report.terms:
            text.draw_wrapped(surface, fonts.get("ui", 14), f"Terms: {report.terms}.", pal.dim,
                              pygame.Rect(w // 2 - 420, body.top + 110, 840, 40))
        for i, side in enumerate(SIDES):
            s = report.scores[side]
            box = pygame.Rect(w // 2 - 420 + i * 430, body.top + 160, 410, 270)
            draw_box(surface, self.app, box)
            text.draw(surface, fonts.get("ui_bold", 20), f"{LEADER[side]}: {s['total']} / 100", pal.text,
                      (box.left + 16, box.top + 12))
            text.draw(surface, fonts.get("ui", 15), f"Outcome: {s['rank_label']} (rank {s['rank']} of 4)", pal.dim,
                      (box.left + 16, box.top + 40))
            for j, part in enumerate(PARTS):
                y = box.top + 74 + j * 36
                text.draw(surface, fonts.get("ui", 15), f"{part.title()}: {s['parts'][part]} / 20", pal.text,
                          (box.left + 16, y))
                bar = pygame.Rect(box.left + 200, y + 4, 190, 12)
                pygame.draw.rect(surface, pal.bg, bar, border_radius=3)
                pygame.draw.rect(surface, pal.us if side == "us" else pal.ussr,
                                 (bar.left, bar.top, int(bar.width * s["parts"][part] / 20), bar.height),
                                 border_radius=3)
        secrets = "; ".join(report.leaks) if report.leaks else "No secret leaked."
        text.draw_wrapped(surface, fonts.get("ui", 15), f"Secrets: {secrets}", pal.warn if report.leaks else pal.dim,
                          pygame.Rect(w // 2 - 420, body.top + 440, 840, 40))

    def draw_questions(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        pygame.draw.rect(surface, pal.paper, body, border_radius=4)
        y = body.top + 14
        for i, question in enumerate(self.report.questions, 1):
            y += text.draw_wrapped(surface, fonts.get("type", 15), f"{i}. {question}", pal.ink,
                                   pygame.Rect(body.left + 16, y, body.width - 32, body.bottom - y)) + 12


