"""What an agreement binds: the orders it forbids, the duties it sets, and what breaking it costs.

Each term of the scenario names the orders that would break it once agreed
(``forbids``: no invasion after a pledge not to invade, no building after a
promise to take the missiles out), the condition that says it has been
carried out (``done``) and the number of turns allowed for that (``due``).

* An order the agreement forbids is not available to either side, and one
  given in the very turn the agreement is reached is void, and said so.
* A term not carried out by its deadline breaks the agreement: the crisis
  resumes, the side that failed loses face and the other side's hard-liners
  gain ground, and both sides read why.
* Once every duty is done the aftermath is over and so is the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.model import COUNTRY, LEADER, Order, Side, Term, long_date, other, replace

if TYPE_CHECKING:
    from game.engine.turn import Turn

BREACH_RUNG = 5  # a broken promise puts the forces back on alert
FACE = {"us": "us.allies", "ussr": "ussr.prestige"}  # what the side that broke its word loses
HARDLINERS = {"us": ("us.hawks", 15.0), "ussr": ("ussr.presidium", -8.0)}  # who gains on the wronged side


def forbidden(scenario: Any, agreement: tuple[Term, ...] | None) -> frozenset[str]:
    """The order ids the agreement rules out (empty with no agreement)."""
    if not agreement:
        return frozenset()
    out: frozenset[str] = frozenset()
    terms = scenario.terms
    for term in agreement:
        out = out | terms[term.kind].forbids
    return out


def term_forbidding(scenario: Any, agreement: tuple[Term, ...], kind: str) -> str:
    """The label of the first agreed term that forbids the order ``kind``."""
    for term in agreement:
        if kind in scenario.terms[term.kind].forbids:
            return str(scenario.terms[term.kind].label)
    return ""


def void_order(turn: Turn, side: Side, order: Order) -> bool:
    """Whether an order given this turn falls void because an agreement reached earlier in the turn forbids it."""
    s = turn.s
    if s.agreement is None or order.kind not in forbidden(s.scenario, s.agreement):
        return False
    label = s.scenario.orders[order.kind].label
    why = term_forbidding(s.scenario, s.agreement, order.kind)
    turn.log("order_void", f"{label}: not carried out. The agreement reached today says {why}.", side)
    return True


def open_duties(s: Any) -> list[Any]:
    """The agreed terms that still have something to be done."""
    if s.agreement is None:
        return []
    defs = s.scenario.terms
    return [defs[t.kind] for t in s.agreement if defs[t.kind].done is not None and not defs[t.kind].done(s, None)]


def _deadline(s: Any, duty: Any) -> str:
    """The last day on which ``duty`` may be carried out, in words."""
    turns = s.scenario.turns
    return long_date(turns[min(s.agreement_turn + duty.due, len(turns) - 1)].date, year=False)


def announce_duties(turn: Turn) -> None:
    """Tell both sides, as the agreement is made, what each has promised to do and by when."""
    s = turn.s
    for duty in open_duties(s):
        turn.log(
            "duty",
            f"Under the agreement, {COUNTRY[duty.by]} must see to it by {_deadline(s, duty)} "
            f"that {duty.label}; if not, the agreement fails.",
            "public",
        )


def check_duties(turn: Turn) -> bool:
    """Break the agreement if a duty is past its deadline, remind the side whose last day comes next;
    True when every duty is done."""
    s = turn.s
    duties = open_duties(s)
    if not duties:
        return s.agreement is not None
    late = [d for d in duties if s.turn >= s.agreement_turn + d.due]
    if late:
        _break(turn, late[0])
        return False
    for duty in duties:
        if s.turn + 1 == s.agreement_turn + duty.due:
            turn.log(
                "duty_due",
                f"The next turn's orders are the last chance to keep the promise that {duty.label} "
                f"(by {_deadline(s, duty)}).",
                duty.by,
            )
    return False


def _break(turn: Turn, duty: Any) -> None:
    s = turn.s
    side = duty.by
    turn.log(
        "agreement_broken",
        f"The agreement has broken down: {LEADER[side]} has not kept the promise that "
        f"{duty.label}. The crisis is open again.",
        "public",
    )
    s.agreement = None
    s.outcome = None
    s.offers = tuple(replace(o, status="closed") if o.status in ("open", "accepted") else o for o in s.offers)
    turn.clear_flags(("agreement", "crisis_over"))
    turn.set_flag(f"agreement_broken_by_{side}")
    turn.meter(FACE[side], -10)
    turn.meter(f"{side}.world", -8)
    meter, delta = HARDLINERS[other(side)]
    turn.meter(meter, delta)
    turn.raise_rung(BREACH_RUNG)
