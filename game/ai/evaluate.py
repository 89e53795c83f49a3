"""How good a position is for each seat, as one number per seat.

The game is won on victory points, so a seat's value is its VP lead over the best rival,
counting the VP each seat would score at every remaining upkeep if the board stayed as it is
(its "income"), plus small terms for what the board does not score yet: projects under way and
the risk of a collapse.
"""

from __future__ import annotations

from game.model import CENTRAL_ASIA, SEATS, State
from game.scoring import PROJECT_VP, score_turn

INCOME_WEIGHT = 0.6  # income is only a forecast: rivals will change the board
PROJECT_WEIGHT = 0.6
FRAGILE = 2  # stability at or below this risks a collapse
_N = len(SEATS)


def income(state: State) -> list[int]:
    """VP each seat would score at an upkeep on this board."""
    probe = state.clone()
    before = probe.vp[:]
    score_turn(probe, None)
    return [after - b for after, b in zip(probe.vp, before)]


def values(state: State) -> list[float]:
    """Every seat's standing: large when winning, one VP worth about 1."""
    if state.over:
        best = max(state.vp)
        share = 1 / len(state.winners)
        return [(20.0 * share if state.vp[s] == best else 0.0) + state.vp[s] - best for s in range(_N)]
    turns_left = state.rules.scenario.turns - state.turn + 1
    gains = income(state)
    worth = [state.vp[s] + INCOME_WEIGHT * turns_left * gains[s] for s in range(_N)]
    for owner, _country, left in state.projects:
        worth[owner] += PROJECT_WEIGHT * PROJECT_VP / left
    fragile = sum(1 for c in state.countries if c.stability <= FRAGILE)
    worth[CENTRAL_ASIA] -= 3 * fragile
    out = []
    for s in range(_N):
        rival = max(worth[o] for o in range(_N) if o != s)
        out.append(worth[s] - rival)
    return out


def value(state: State, seat: int) -> float:
    return values(state)[seat]
