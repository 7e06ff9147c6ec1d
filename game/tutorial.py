"""Replay history as a tutorial: the record day by day, explained, with the chance to step off it.

Both front ends use this: ``HistoricalPath`` holds the crisis as it happened
(historical doctrines, historical friction); ``Guide`` tells a player, each
turn, what the record's leader did and why, and how far the game has moved
from history. The words come from the scenario's narration and the doctrines'
*why*s; nothing here is shown that the player's side could not know, except
the record itself, which is the point of the lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from game.ai.doctrine import Choice, doctrine_policy
from game.engine.model import LEADER, SIDES, Order, Side
from game.engine.record import GameRecord, play_turn
from game.engine.scenario_types import Day, Scenario
from game.engine.state import GameState
from game.engine.view import PlayerView, player_view
from game.history import HISTORY_SEED
from game.prelude import new_game
from game.scenario.sources import TITLES, title

TUTORIAL_FRICTION = "historical"
TutorialRole = Literal["us", "ussr", "watch"]  # who takes the tutorial: either leader, or a watcher of the record


class HistoricalPath:
    """Every dawn of the crisis as it happened, and the orders given on each day."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        policies = {side: doctrine_policy(scenario, side) for side in SIDES}
        state = new_game(scenario, HISTORY_SEED, TUTORIAL_FRICTION)
        self.states: list[GameState] = [state]
        self.choices: dict[int, dict[Side, list[Choice]]] = {}
        while not state.over:
            choices = {side: policies[side].explain(player_view(state, side)) for side in SIDES}
            self.choices[state.turn] = choices
            state = play_turn(state, {side: tuple(c.order for c in cs) for side, cs in choices.items()}, None)
            self.states.append(state)
        self.dawns = {s.turn: s for s in reversed(self.states)}  # the first state of each turn wins

    def at(self, turn: int) -> GameState:
        """The historical state at the dawn of ``turn`` (the last one if the path ended sooner)."""
        return self.dawns.get(turn, self.states[-1])

    def orders_on(self, turn: int, side: Side) -> list[Choice]:
        return self.choices.get(turn, {}).get(side, [])


def day(scenario: Scenario, state: GameState | PlayerView) -> Day | None:
    """The narration of the turn ``state`` stands at (a state or a view)."""
    return scenario.days.get((state.date, state.part))


SEED_FILE = re.compile(r"\b(\d{3})_[0-9a-f]{16}\.txt\b")


def cite(sources: str) -> str:
    """Sources by their ids and titles in the chronology's key (``S11: PBS American Experience, …``), so that a
    student can look each one up; a commissioning document is never offered as a source."""
    parts = [p for p in re.split(r"\s*[,;]\s*", sources.strip()) if p and not SEED_FILE.fullmatch(p)]
    return "; ".join(_short(p) for p in parts) or "none"


SHORT_TITLE = 72  # characters of a source's title on a day page; the sources page gives them whole
_ADDRESS = re.compile(r"\s*\(?https?://\S+\)?\s*[;,]?")


def _short(source_id: str) -> str:
    """A source's id and the start of its title, without web addresses: a line a student can look up."""
    text = re.sub(r"\s{2,}", " ", _ADDRESS.sub(" ", title(source_id))).strip(" ;,")
    if len(text) <= SHORT_TITLE:
        return text
    return text[:SHORT_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


# The points on which historians differ, in the project's own words: shown on the tutorial's last page.
DISPUTES: tuple[tuple[str, str], ...] = (
    (
        "The quarantine line",
        "Robert Kennedy's memoir says the line was planned at 800 miles and drawn in to 500 on "
        "the advice of the British ambassador, David Ormsby-Gore. Navy records describe an arc of about 500 miles "
        "from Cape Maisí from the start. Whether the figures were nautical miles is not certain. (S42, S19)",
    ),
    (
        '"Eyeball to eyeball"',
        "Dean Rusk's remark is usually quoted as \"We're eyeball to eyeball, and I think the "
        'other fellow just blinked." Most of the missile ships had turned back on 23 October, far from the line, on '
        "Moscow's orders: the last-minute turn at the line is a lasting myth, as Michael Dobbs shows. (S42, S53, S25)",
    ),
    (
        "Scali and Fomin",
        "By John Scali's account, \"Fomin\" (the KGB's Aleksandr Feklisov) proposed the formula of "
        "26 October; Feklisov later said it was Scali's. The KGB files used by Fursenko and Naftali suggest he had no "
        "instructions, and his report reached Moscow too late to shape Khrushchev's letters. (S29, S2, S40)",
    ),
    (
        "The Turkey demand",
        "Kennedy's reply of 27 October did not ignore the second letter: it referred to \"your "
        'second letter which you made public" and offered later talks on other arms. The answer on Turkey went '
        "privately, through Robert Kennedy. Who first proposed answering only the first letter is disputed. "
        "(S32, S13, S18)",
    ),
    (
        "B-59",
        "What happened aboard B-59 rests on the memories of those on board. The popular rule that three "
        "officers had to agree to fire has no written source. Vasily Arkhipov was chief of staff of the submarine "
        "brigade; Thomas Blanton of the National Security Archive calls his role overstated. (S38, S22)",
    ),
    (
        "The Presidium of 28 October",
        "Khrushchev and the Presidium met at the government dacha at Novo-Ogaryovo. "
        "Accounts differ on when Dobrynin's report of his talk with Robert Kennedy reached them, and so on how much it "
        "weighed in the decision. (S47, S16, S13)",
    ),
    (
        "What Washington knew",
        "American photographs showed the Luna (FROG) launchers and the cruise-missile sites, "
        "and Washington suspected nuclear warheads; it could not prove they were there. That about a hundred "
        "tactical warheads had reached Cuba was made public only in 1992. (S24, S23)",
    ),
    (
        "The intermediate-range sites",
        "The Guanajay sites were photographed on 17 October and identified and "
        "briefed to the President on 18 October; one summary dates them to 14 October. (S20, S43)",
    ),
    (
        "The Soviet alert",
        "Moscow announced its alert of 23 October in public (cancelled leave, deferred "
        "discharges, higher readiness, a Warsaw Pact meeting); one of the game's seed documents wrongly says it was "
        "kept quiet. Khrushchev later called it mostly a demonstration. (UPI 1962-10-23, CIA OCI 1962-10-23)",
    ),
)

# What came after the last turn: kept off the turn pages, which tell only what was known by then.
AFTERWARDS = (
    "22 November 1962: Mikoyan tells Castro that the tactical nuclear weapons will not stay in Cuba. (S46)",
    "1 December 1962: the Arkhangelsk leaves Mariel with the last Soviet nuclear warheads. (S14)",
    "From 3 December 1962: the IL-28 bombers are shipped out. (S52)",
    "April 1963: the Jupiter missiles are taken down in Italy and Turkey; the last in Turkey on 24 April. (S15)",
    "1992: the presence of the tactical nuclear weapons in 1962 is made public. (S24, S23)",
)


def sources_page(scenario: Scenario) -> list[str]:
    """The tutorial's "Sources and disputes" page: the contested points, what came after, and every source the
    scenario cites, by its title and where to find it."""
    lines = ["SOURCES AND DISPUTES", "Where historians differ:"]
    lines += [f"{name}: {text}" for name, text in DISPUTES]
    lines.append("After the crisis:")
    lines += list(AFTERWARDS)
    cited: set[str] = set()
    for page in scenario.days.values():
        cited.update(page.sources)
    for o in scenario.orders.values():
        cited.update(p for p in re.split(r"\s*[,;]\s*", o.source) if p)
    for source in [e.source for e in scenario.events] + [i.source for i in scenario.incidents]:
        cited.update(p for p in re.split(r"\s*[,;]\s*", source) if p)
    ids = sorted((c for c in cited if c in TITLES), key=lambda c: int(c[1:]))
    lines.append("The sources cited in this scenario (ids of the project's chronology):")
    lines += [title(c) for c in ids]
    return lines


def day_text(scenario: Scenario, state: GameState | PlayerView) -> list[str]:
    """The day's narration as lines of text, the same in the terminal and in the window."""
    page = day(scenario, state)
    if page is None:
        return []
    return [page.title.upper(), page.text, f"Sources: {cite(', '.join(page.sources))}."]  # titled ids, at the foot


@dataclass(frozen=True)
class Divergence:
    """How far a game has moved from the record."""

    on_path: bool
    turns_off: int  # turns on which the player's orders were not the record's
    rung: int
    rung_then: int
    notes: tuple[str, ...]

    EXPLAINED = (
        "How far apart: 0% is the record's own path. Each day whose orders differed from the record's "
        "adds 8 points, each rung between the ladder now and the ladder then adds 12, and each other "
        "difference (a settlement, the quarantine, the ending) adds 15; 100% means nothing is left in common."
    )

    @property
    def score(self) -> int:
        """0 on the record's path; 100 for a crisis that has nothing left in common with it (see ``EXPLAINED``)."""
        if self.on_path:
            return 0
        return min(100, 8 * self.turns_off + 12 * abs(self.rung - self.rung_then) + 15 * len(self.notes))

    def describe(self) -> str:
        if self.on_path:
            return "On the historical path."
        parts = [f"Off the historical path ({self.score}% apart)"]
        if self.rung != self.rung_then:
            parts.append(f"the ladder stands at {self.rung}, where it stood at {self.rung_then}")
        parts.extend(self.notes)
        return "; ".join(parts) + "."


class Guide:
    """The tutorial's voice for one side: the record's orders for today and their reasons."""

    def __init__(self, scenario: Scenario, side: Side, path: HistoricalPath | None = None) -> None:
        self.scenario = scenario
        self.side = side
        self.path = path or HistoricalPath(scenario)
        self.policy = doctrine_policy(scenario, side)
        self.turns_off = 0

    @classmethod
    def resume(cls, scenario: Scenario, record: GameRecord) -> Guide:
        """The guide of a tutorial game continued from its save: the turns already played are weighed again."""
        side: Side = next((s for h in record.meta.get("humans", []) for s in SIDES if s == h), "us")  # the first human
        guide = cls(scenario, side)
        state = new_game(scenario, record.seed, record.friction)
        for index in range(len(record.turns)):
            orders = record.orders_of(index)
            guide.note_orders(player_view(state, side), orders[side])
            state = play_turn(state, orders, None)
        return guide

    def advice(self, view: PlayerView) -> list[Choice]:
        """What the record's leader did this day — or, off the path, what his doctrine says he would do."""
        return self.policy.explain(view)

    def advice_text(self, view: PlayerView) -> list[str]:
        lines = []
        for choice in self.advice(view):
            label = self.scenario.orders[choice.order.kind].label
            lines.append(f"{label}: {choice.rule.why} (Sources: {cite(choice.rule.source)})")
        if not lines:
            lines.append(f"{LEADER[self.side]} gave no orders this day.")
        return lines

    def note_orders(self, view: PlayerView, orders: tuple[Order, ...]) -> None:
        """Count a turn on which the player did not follow the record."""
        if tuple(orders) != tuple(c.order for c in self.advice(view)):
            self.turns_off += 1

    def divergence(self, state: GameState | PlayerView) -> Divergence:
        """How far a state (or a view: only public facts are compared) is from the record on its day."""
        then = self.path.states[-1] if state.over else self.path.at(state.turn)
        notes = []
        if (state.agreement is None) != (then.agreement is None):
            notes.append(
                "a settlement has been made that history had not"
                if state.agreement is not None
                else "no settlement where history had one"
            )
        if state.quarantine != then.quarantine:
            notes.append(
                f"the quarantine is {state.quarantine.replace('_', ' ')}, not {then.quarantine.replace('_', ' ')}"
            )
        if state.outcome is not None and then.outcome is not None and state.outcome.kind != then.outcome.kind:
            notes.append(f"the crisis ended in {state.outcome.kind.replace('_', ' ')}")
        on_path = self.turns_off == 0 and not notes and state.rung == then.rung
        return Divergence(on_path, self.turns_off, state.rung, then.rung, tuple(notes))


def record_lines(scenario: Scenario, guide: Guide, view: PlayerView, side: Side) -> list[str]:
    """The day's narration, what the record's leader did and why, and how far the game has strayed."""
    page = day_text(scenario, view)
    lines = page[:1] + [f"THE RECORD — WHAT {LEADER[side].upper()} DID"]
    lines.extend(f"• {line}" for line in guide.advice_text(view))
    divergence = guide.divergence(view)
    lines.append(divergence.describe())
    if not divergence.on_path:
        lines.append(divergence.EXPLAINED)
    return lines + page[1:]
