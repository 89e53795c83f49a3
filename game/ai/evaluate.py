"""How good a position is for each seat, as one number per seat.

The game is won on victory points, so a seat's value is its VP lead over the best rival,
counting the VP each seat would score at every remaining upkeep if the board stayed as it is
(its "income"), plus small terms for what the board does not score yet: projects under way and
the risk of a collapse.
"""

from __future__ import annotations

from game.rules.model import SEATS, State
from game.rules.scoring import PROJECT_VP, turn_scores
from game.rules.taliban import HEAVY_INCURSION, PRESSURE_DIE, RADICAL_DISCONTENT, REFUGEE_CRISIS, pressure_parts

INCOME_WEIGHT = 0.6  # income is only a forecast: rivals will change the board
PROJECT_WEIGHT = 0.6
WIN = 20.0  # a won game, in VP
LOSS = 25.0  # a collapse, in VP: worse for everyone than trailing
_N = len(SEATS)


def income(state: State) -> list[int]:
    """VP each seat would score at an upkeep on this board."""
    gains = [0] * _N
    for seat, points, _category in turn_scores(state):
        gains[seat] += points
    return gains


# Chance of a collapse soon, by stability left after the next Taliban phase's expected losses.
_RISK_BY_MARGIN = {0: 0.9, 1: 0.35, 2: 0.12, 3: 0.04}


def expected_loss(state: State, country: int) -> float:
    """Stability the next Taliban phase is expected to cost ``country``."""
    c = state.countries[country]
    loss = 0.0
    if c.border is not None:
        base = sum(pressure_parts(state, country))
        for die in range(PRESSURE_DIE):
            over = base + die - c.border
            if over > 0:
                loss += (2 if over >= HEAVY_INCURSION else 1) / PRESSURE_DIE
    if c.refugees >= REFUGEE_CRISIS:
        loss += 1
    if c.discontent >= RADICAL_DISCONTENT:
        loss += (c.discontent - RADICAL_DISCONTENT + 2) / 10
    return loss


def collapse_risk(state: State) -> float:
    """A rough chance that some state collapses soon (everyone's defeat)."""
    safe = 1.0
    for country, c in enumerate(state.countries):
        margin = int(c.stability - expected_loss(state, country))
        if margin <= 0:
            return _RISK_BY_MARGIN[0]
        safe *= 1 - _RISK_BY_MARGIN.get(margin, 0.0)
    return 1 - safe


def values(state: State) -> list[float]:
    """Every seat's standing: large when winning, one VP worth about 1, mixed with the chance
    of a collapse, which is a loss for all (a uniform penalty would cancel out of a lead)."""
    if state.over:
        if not state.winners:  # a collapse: every seat has lost
            return [-LOSS] * _N
        best = max(state.vp)
        share = 1 / len(state.winners)
        return [(WIN * share if state.vp[s] == best else 0.0) + state.vp[s] - best for s in range(_N)]
    turns_left = state.rules.scenario.turns - state.turn + 1
    gains = income(state)
    worth = [state.vp[s] + INCOME_WEIGHT * turns_left * gains[s] for s in range(_N)]
    for owner, _country, left in state.projects:
        worth[owner] += PROJECT_WEIGHT * PROJECT_VP / left
    risk = collapse_risk(state)
    out = []
    for s in range(_N):
        rival = max(worth[o] for o in range(_N) if o != s)
        out.append((1 - risk) * (worth[s] - rival) - risk * LOSS)
    return out


def value(state: State, seat: int) -> float:
    return values(state)[seat]
