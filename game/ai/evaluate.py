"""How good a position is for each seat, as one number per seat.

The game is won on victory points, so a seat's value is its VP lead over the best rival,
counting the VP each seat would score at every remaining upkeep if the board stayed as it is
(its "income"), plus small terms for what the board does not score yet: projects under way and
the risk of a collapse.
"""

from __future__ import annotations

import math

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


def _risk(margin: float) -> float:
    """The chance of a collapse for a state ``margin`` stability above its expected losses,
    read between the table's whole numbers (a border reinforced by one still counts)."""
    if margin <= 0:
        return _RISK_BY_MARGIN[0]
    low = int(margin)
    if low >= 4:
        return 0.0
    a = _RISK_BY_MARGIN[low]
    b = _RISK_BY_MARGIN.get(low + 1, 0.0)
    return a + (b - a) * (margin - low)


def collapse_risk(state: State) -> float:
    """A rough chance that some state collapses soon (everyone's defeat)."""
    safe = 1.0
    for country, c in enumerate(state.countries):
        margin = c.stability - expected_loss(state, country)
        if margin <= 0:
            return _RISK_BY_MARGIN[0]
        safe *= 1 - _risk(margin)
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


# --- the normal AI's richer view: what the board does not score yet but soon may ----------------

# The chance that a power still leads a state at the upkeep, by its margin there (its influence
# less the best rival's): a lead of one is easily taken, a tie is easily broken either way.
_HOLD_BY_MARGIN = {-2: 0.05, -1: 0.15, 0: 0.35, 1: 0.75, 2: 0.9, 3: 0.97}
# How far the soft lead strays from the scored one; beyond these margins it is the same.
_SOFT_MARGINS = range(-2, 4)
LEAD_WEIGHT = 1.0  # the soft lead is a forecast like the income, which INCOME_WEIGHT discounts
BORDER_WEIGHT = 1.0  # an incursion costs at the coming upkeep
SHAKY_WEIGHT = 1.0  # expected stability lost, priced by what that stability scores
_REACH = (0.3, 0.1)  # the weight of what one and two more points of stability would score


RIVAL_SPREAD = 2.0  # VP: how far behind the best rival a rival still counts as a threat


def soft_rival(worth: list[float], seat: int) -> float:
    """The best rival's worth, softened: log-sum-exp over the rivals at a spread of
    ``RIVAL_SPREAD``, so it is never below the best rival and a rival close behind it counts
    too (a gain for the third seat is a threat, not nothing)."""
    top = max(worth[o] for o in range(_N) if o != seat)
    total = 0.0
    for o in range(_N):
        if o != seat:
            total += math.exp((worth[o] - top) / RIVAL_SPREAD)
    return top + RIVAL_SPREAD * math.log(total)


def _incursion_chance(state: State, country: int) -> float:
    """The chance the next Taliban phase breaks through ``country``'s border."""
    c = state.countries[country]
    if c.border is None:
        return 0.0
    base = sum(pressure_parts(state, country))
    over = sum(1 for die in range(PRESSURE_DIE) if base + die > c.border)
    return over / PRESSURE_DIE


def _sparse(worth) -> tuple:
    """(seat, worth) for each seat it is worth something to."""
    return tuple((s, w) for s, w in enumerate(worth) if w)


class Outlook:
    """Every seat's standing with the threats and chances the scoring cannot see yet.

    Built once per decision from the board the seat imagines (game.ai.determinise), it learns
    from the scoring itself (``turn_scores``, asked on a few altered copies of that board) what
    each lead, each border and each point of stability is worth to every seat, so it follows
    the rules' scoring wherever it changes. ``values(state)`` then adds, for any position
    reached from that board:

    - leads at risk and leads in reach: for each power and state where the margin is small, the
      lead's worth to every seat times how far the chance of holding it at the upkeep differs
      from what the board scores now (a lead of one counts less than a lead of three, a tie or
      a deficit of one a little);
    - borders at risk: the chance of an incursion in the next Taliban phase times what an
      incursion costs each seat at the upkeep;
    - shaky states: the stability the next Taliban phase is expected to cost, priced by what the
      lost stability would cost each seat in income; and stability in reach: what one and two
      more points would score, a little (a state at 6 is closer to scoring at 7 than one at 4).
    """

    __slots__ = ("base", "turns_left", "_lead", "_incursion", "_shaky", "_terms")

    def __init__(self, state: State):
        self.base = state
        self.turns_left = state.rules.scenario.turns - state.turn + 1
        self._lead: dict = {}
        self._incursion: dict = {}
        self._shaky: dict = {}
        self._terms: dict = {}

    def _income_with(self, change) -> list[int]:
        board = self.base.clone()
        change(board)
        return income(board)

    def lead_worth(self, power: int, country: int) -> tuple:
        """What ``power`` leading ``country`` (rather than trailing there) is worth to each seat
        at an upkeep, on the base board, as (seat, VP) where it is worth something."""
        key = (power, country)
        worth = self._lead.get(key)
        if worth is None:
            inf = self.base.countries[country].influence
            rival = max(v for p, v in enumerate(inf) if p != power)

            def leading(board):
                board.countries[country].influence[power] = min(10, rival + 1)

            def trailing(board):
                board.countries[country].influence[power] = max(0, rival - 1)

            if rival >= 10:
                worth = ()
            else:
                up, down = self._income_with(leading), self._income_with(trailing)
                worth = _sparse(a - b for a, b in zip(up, down))
            self._lead[key] = worth
        return worth

    def incursion_cost(self, country: int) -> tuple:
        worth = self._incursion.get(country)
        if worth is None:
            def hit(board):
                board.countries[country].incursion = True

            def held(board):
                board.countries[country].incursion = False

            worth = _sparse(a - b for a, b in zip(self._income_with(held), self._income_with(hit)))
            self._incursion[country] = worth
        return worth

    def stability_worth(self, country: int, stability: int) -> tuple:
        """What ``country`` at ``stability`` rather than one less is worth to each seat."""
        key = (country, stability)
        worth = self._shaky.get(key)
        if worth is None:
            def at(level):
                def change(board):
                    board.countries[country].stability = level
                return change

            worth = _sparse(a - b for a, b in zip(self._income_with(at(stability)), self._income_with(at(stability - 1))))
            self._shaky[key] = worth
        return worth

    def positional(self, state: State) -> list[float]:
        """The soft terms alone, by seat (VP-like units, before the lead over rivals)."""
        terms = [0.0] * _N
        tracks = tuple(state.tracks)
        cache = self._terms
        for country, c in enumerate(state.countries):
            key = (country, tracks, tuple(c.influence), c.stability, c.discontent, c.refugees, c.border, c.incursion)
            part = cache.get(key)
            if part is None:
                part = cache[key] = self._country_terms(state, country)
            for s, w in part:
                terms[s] += w
        return terms

    def _country_terms(self, state: State, country: int) -> tuple:
        """One state's soft terms, as (seat, value) pairs; they depend only on that state and
        the tracks (the key ``positional`` remembers them by)."""
        terms = [0.0] * _N
        horizon = INCOME_WEIGHT * self.turns_left
        hold = _HOLD_BY_MARGIN
        c = state.countries[country]
        inf = c.influence
        top = max(inf)
        if top > 0:
            leaders = inf.count(top)
            second = top if leaders > 1 else max(v for v in inf if v != top) if len(inf) > 1 else 0
            for p, mine in enumerate(inf):
                rival = second if mine == top and leaders == 1 else top
                margin = mine - rival
                if margin not in hold:
                    continue
                weight = LEAD_WEIGHT * horizon * (hold[margin] - (1.0 if margin > 0 else 0.0))
                for s, w in self.lead_worth(p, country):
                    terms[s] += weight * w
        if c.border is not None and not c.incursion:
            chance = _incursion_chance(state, country)
            if chance:
                for s, w in self.incursion_cost(country):
                    terms[s] -= BORDER_WEIGHT * chance * w
        stability = c.stability
        loss = expected_loss(state, country)
        if loss > 0 and stability > 0:
            weight = SHAKY_WEIGHT * horizon * min(1.0, loss)
            for s, w in self.stability_worth(country, stability):
                terms[s] -= weight * w
        for steps, chance in enumerate(_REACH, 1):
            if stability + steps > 10:
                break
            for s, w in self.stability_worth(country, stability + steps):
                terms[s] += horizon * chance * w
        return _sparse(terms)

    def values(self, state: State) -> list[float]:
        """Like ``values`` (the lead over the best rival, mixed with a collapse), with the
        positional terms added to each seat's worth."""
        if state.over:
            return values(state)
        turns_left = state.rules.scenario.turns - state.turn + 1
        gains = income(state)
        extra = self.positional(state)
        worth = [state.vp[s] + INCOME_WEIGHT * turns_left * gains[s] + extra[s] for s in range(_N)]
        for owner, _country, left in state.projects:
            worth[owner] += PROJECT_WEIGHT * PROJECT_VP / left
        risk = collapse_risk(state)
        out = []
        for s in range(_N):
            out.append((1 - risk) * (worth[s] - soft_rival(worth, s)) - risk * LOSS)
        return out
