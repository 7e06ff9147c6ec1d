"""The terminal's pages: what the side at the keyboard is shown, and the keyboard itself.

``Pages`` is the base of the text game (``game.textmode.TextGame``): it says and asks through the
functions it is given, and shows the briefing card, the situation, the reports since the side's last
turn, the tutorial's page, the letters and offers, the ladder and the log.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from game.engine.friction import incident_probability
from game.engine.model import CARGO_WORDS, LEADER, ROLE
from game.engine.record import GameRecord
from game.engine.scenario_types import Scenario
from game.engine.state import GameState
from game.engine.turn import describe_terms
from game.engine.view import PlayerView
from game.rules_of_play import alert_words, letters, line_drawn, meter_label, sender_words
from game.session import Session
from game.tutorial import Guide, day_text
from game.wording import defcon_words, with_year


class Quit(Exception):
    """The player asked to stop, or the input ended."""


class RunAftermath(Exception):  # noqa: N818 - a request, not an error
    """The player asked to let the agreed terms be carried out to the end without more orders."""


def bar(p: float, width: int = 20) -> str:
    filled = int(round(p * width))
    return "[" + "#" * filled + "." * (width - filled) + f"] {p * 100:.0f}%"


class Pages:
    """Saying, asking and the pages a side reads; ``TextGame`` gives it the session, the guide and the I/O."""

    session: Session
    scenario: Scenario
    guide: Guide | None
    ask_raw: Callable[[str], str]
    say: Callable[[str], None]
    seen: dict[str, int]

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def record(self) -> GameRecord:
        return self.session.record

    def ask(self, prompt: str) -> str:
        try:
            return self.ask_raw(prompt).strip()
        except EOFError:
            raise Quit("input ended") from None

    def confirm(self, prompt: str) -> bool:
        return self.ask(prompt + " (yes/no) ").lower() in ("y", "yes")

    def show_briefing(self, view: PlayerView) -> None:
        """The leader's card before the first orders of a game (not when a game in progress resumes)."""
        card = self.scenario.briefings[view.side]  # the loader requires one for each side
        self.say(
            f"\nTOP SECRET — EYES ONLY\n{LEADER[view.side].upper()}, {ROLE[view.side]}, "
            f"{with_year(view.turn_def.label)}"
        )
        for heading, words in card.sections():
            self.say(f"\n{heading.upper()}")
            self.say(textwrap.fill(words, 78))
        self.say("")

    def show_situation(self, view: PlayerView) -> None:
        sc = self.scenario
        rung = sc.rungs[view.rung]
        s = self.say
        s("=" * 78)
        s(f"{view.turn_def.label.upper()} — you are {LEADER[view.side]} — {sc.turn_count(view.turn)}")
        s("=" * 78)
        s(f"Ladder: rung {view.rung} of 10, {rung.name}. {rung.text}")
        s(f"Risk of an incident this turn, as you judge it: {bar(incident_probability(view))}")
        alert = alert_words(view.alert)
        s(f"{defcon_words(view.defcon)}   Soviet alert: {alert}   Castro's alarm: {view.castro_alarm:.0f}/100")
        line = f" at {view.line_nm} nautical miles" if line_drawn(view.quarantine) else ""
        s(f"Quarantine: {view.quarantine.replace('_', ' ')}{line}")
        if view.side == "us":
            s(f"Operational missile launchers on Cuba (estimate): {view.launchers} ± {view.uncertainty:.0f}")
        else:
            s(
                f"Operational launchers on Cuba: {view.launchers}   tactical warheads: {view.tactical}   "
                f"commanders may fire: {'yes' if view.local_authority else 'no'}"
            )
            s(f"US invasion readiness (estimate): {view.invasion_prep:.0f}/100")
        if view.side == "us":
            s(f"Invasion force readiness: {view.invasion_prep:.0f}/100")
        for key, value in view.meters.items():
            label = meter_label(sc, view.side, key)
            s(f"  {label:<36} {value:5.0f}")
        ships = [sh for sh in view.ships if sh.status not in ("arrived",)]
        if ships:
            s("Ships bound for Cuba:")
            for sh in ships:
                cargo = CARGO_WORDS.get(sh.cargo, sh.cargo)
                s(f"  {sh.name:<14} {sh.status:<10} {sh.distance:6.0f} nm out   {cargo}")
        sites = view.sites
        if sites:
            s("Missile sites:")
            for site in sites:
                s(f"  {site.name:<20} {site.kind.upper():<5} {site.status:<10} readiness {site.readiness:3.0f}%")
        if view.agreement is not None:
            s(f"Agreement in force: {describe_terms(self.scenario, view.agreement)}")

    def show_news(self, view: PlayerView) -> None:
        entries = [e for e in view.log if e.seq > self.seen[view.side]]
        if entries:
            self.say("\nReports since your last turn:")
            for e in entries:
                stamp = "" if e.visibility == "public" else "  [SECRET — EYES ONLY]"
                self.say(f"  {e.date}  {e.text}{stamp}")
            self.seen[view.side] = entries[-1].seq

    def show_record(self, view: PlayerView, guide: Guide) -> None:
        """The tutorial's page: the day's narration, and what the record's leader did and why."""
        self.say("")
        for line in day_text(self.scenario, view):
            self.say(line)
        self.say(f"\nTHE RECORD — what {LEADER[view.side]} did (type f to follow it):")
        for line in guide.advice_text(view):
            self.say(f"  • {line}")

    def show_inbox(self, view: PlayerView) -> None:
        offers = letters(view)
        if not offers:
            self.say("No offers have been exchanged.")
            return
        for o in offers:
            who = sender_words(o, view.side)
            by = self.scenario.turn_label(o.deadline_turn)
            deadline = f", answer by the end of {by}" if o.deadline_turn >= 0 else ""
            self.say(
                f"  [{o.id}] {who}, {o.channel} channel, {o.status}{deadline}: {describe_terms(self.scenario, o.terms)}"
            )

    def show_ladder(self) -> None:
        for r in reversed(self.scenario.rungs):
            marker = "  <== now" if r.level == self.state.rung else ""
            self.say(f"  {r.level:>2}  {r.name}{marker}")

    def show_log(self, view: PlayerView) -> None:
        for e in view.log:
            self.say(f"  {e.date}  {e.text}")
