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
LOSS = 12.0  # a collapse, in VP: bad for everyone, but a seat far behind has little left to lose (so it leaves the propping up to others; at 16, 2.4% of summer-2021 games and 1.4% of what-if ones collapsed)
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

HOLD_SPREAD = 0.8  # how fast the chance of holding a lead grows with the margin
LEAD_WEIGHT = 1.0  # the soft lead is a forecast like the income, which INCOME_WEIGHT discounts
BORDER_WEIGHT = 1.0  # an incursion costs at the coming upkeep
DECAY_POINTS = 4  # the points of stability lost to the Taliban that are priced, at most
DECAY_WEIGHT = 0.45  # of the stability the Taliban would cost over the turns left, what counts
_REACH = (0.35, 0.12)  # the weight of what one and two more points of stability would score
TRACK_DRIFT = 0.22  # the chance a track moves one step either way before it is scored
LATENT = 0.15  # VP for a sure lead in a state, whatever it scores today
RIVAL_SPREAD = 2.0  # VP: how far behind the best rival a rival still counts as a threat


def hold_chance(margin: int) -> float:
    """The chance that a power leads a state at the upkeep, by its margin there (its influence
    less the best rival's): a lead of one is easily taken, a tie easily broken either way."""
    return 1.0 / (1.0 + math.exp(-(margin - 0.5) / HOLD_SPREAD))


_HOLD = {m: hold_chance(m) for m in range(-11, 12)}


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


def _incursion_chance(state: State, country: int, more: int = 0) -> float:
    """The chance the next Taliban phase breaks through ``country``'s border (with ``more``
    pressure than the board gives)."""
    c = state.countries[country]
    if c.border is None:
        return 0.0
    base = sum(pressure_parts(state, country)) + more
    over = sum(1 for die in range(PRESSURE_DIE) if base + die > c.border)
    return over / PRESSURE_DIE


def soft_loss(state: State, country: int) -> float:
    """``expected_loss``, with what is one or two steps from costing stability counted a
    little: discontent below the radical level, refugees below a crisis, border pressure a
    step or two short of an incursion (weights ``_REACH``). The normal AI reads it so that a
    jobs programme or a guard post that keeps trouble at arm's length is not worth nothing."""
    c = state.countries[country]
    loss = expected_loss(state, country)
    near, further = _REACH
    if c.border is not None:
        loss += near * _incursion_chance(state, country, 1) + further * _incursion_chance(state, country, 2)
    if c.refugees < REFUGEE_CRISIS:
        gap = REFUGEE_CRISIS - c.refugees
        loss += near if gap == 1 else further if gap == 2 else 0.0
    if c.discontent < RADICAL_DISCONTENT:
        gap = RADICAL_DISCONTENT - c.discontent
        loss += 0.2 * (near if gap == 1 else further if gap == 2 else 0.0)
    return loss


def _board_key(state: State) -> tuple:
    """Everything ``Outlook.values`` reads of a position that is not over (the rules and the
    starting bases are the game's own)."""
    return (state.turn, tuple(state.vp), tuple(state.tracks), tuple(state.projects), tuple(state.completed),
            tuple((c.stability, c.discontent, c.refugees, c.border, tuple(c.influence), tuple(c.bases), c.incursion)
                  for c in state.countries))


def _sparse(worth) -> tuple:
    """(seat, worth) for each seat it is worth something to."""
    return tuple((s, w) for s, w in enumerate(worth) if w)


class Outlook:
    """Every seat's standing with the threats and chances the scoring cannot see yet.

    Built once per decision from the board the seat imagines (game.ai.determinise), it learns
    from the scoring itself (``turn_scores``, asked on altered copies of that board) what each
    lead, each border, each point of stability and each step of a track is worth to every
    seat, so it follows the rules' scoring wherever it changes. ``values(state)`` then adds,
    for any position reached from that board:

    - leads at risk and in reach: for each power and state, the lead's worth to every seat
      times how far the chance of holding it at the upkeep (``hold_chance`` of the margin)
      differs from what the board scores now: a lead of one counts less than a lead of three,
      a tie or a deficit of one a little;
    - borders at risk: the chance of an incursion in the next Taliban phase times what an
      incursion costs each seat at the upkeep;
    - shaky states: the stability the Taliban are expected to cost over the turns left (at
      this turn's rate, discounted), each point priced by what it would cost each seat in
      income at the chance it is lost; and stability in reach: what one and two more points
      would score, a little;
    - projects under way: besides their VP, the influence they bring their owner when done;
    - tracks on the edge: what one step of each track either way would score, at a small
      chance (CSTO credibility one short of counting, tension one step from calm);
    - latent strength: a small worth for each power's chance of leading each state, whatever
      that lead scores today;
    - rivals close behind: the best rival's worth is softened over the others (``soft_rival``).
    """

    __slots__ = ("base", "scratch", "turns_left", "income_weight", "_lead", "_incursion", "_at_stability", "_at_influence", "_terms",
                 "_tracks", "_values")

    def __init__(self, state: State, income_weight: float = INCOME_WEIGHT):
        self.base = state
        self.scratch = state.clone()  # altered and set back to ask the scoring questions
        self.turns_left = max(1, state.rules.scenario.turns - state.turn + 1)
        self.income_weight = income_weight  # how far the income to come is trusted (hard trusts it less)
        self._lead: dict = {}
        self._incursion: dict = {}
        self._at_stability: dict = {}
        self._at_influence: dict = {}
        self._terms: dict = {}
        self._tracks: dict = {}
        self._values: dict = {}  # board -> values: half the positions a decision weighs recur

    def _income_with(self, country: int, field: str, value) -> list[int]:
        """Every seat's income on the base board with one field of one state set to ``value``
        (on a scratch copy, set back after: no copy per question)."""
        c = self.scratch.countries[country]
        old = getattr(c, field)
        setattr(c, field, value)
        try:
            return income(self.scratch)
        finally:
            setattr(c, field, old)

    def _income_with_influence(self, power: int, country: int, level: int) -> list[int]:
        inf = self.scratch.countries[country].influence
        old = inf[power]
        inf[power] = level
        try:
            return income(self.scratch)
        finally:
            inf[power] = old

    def _base_income(self) -> list[int]:
        gains = self._at_influence.get(None)
        if gains is None:
            gains = self._at_influence[None] = income(self.base)
        return gains

    def lead_worth(self, power: int, country: int) -> tuple:
        """What ``power`` leading ``country`` (rather than trailing there) is worth to each seat
        at an upkeep, on the base board, as (seat, VP) where it is worth something."""
        key = (power, country)
        worth = self._lead.get(key)
        if worth is None:
            inf = self.base.countries[country].influence
            rival = max(v for p, v in enumerate(inf) if p != power)
            if rival >= 10:
                worth = ()
            else:
                up = self._income_at_influence(power, country, min(10, rival + 1))
                down = self._income_at_influence(power, country, max(0, rival - 1))
                worth = _sparse(a - b for a, b in zip(up, down))
            self._lead[key] = worth
        return worth

    def incursion_cost(self, country: int) -> tuple:
        worth = self._incursion.get(country)
        if worth is None:
            held = self._income_with(country, "incursion", False)
            hit = self._income_with(country, "incursion", True)
            worth = self._incursion[country] = _sparse(a - b for a, b in zip(held, hit))
        return worth

    def _income_at(self, country: int, stability: int) -> list[int]:
        if self.base.countries[country].stability == stability:
            return self._base_income()
        key = (country, stability)
        gains = self._at_stability.get(key)
        if gains is None:
            gains = self._at_stability[key] = self._income_with(country, "stability", stability)
        return gains

    def _income_at_influence(self, power: int, country: int, level: int) -> list[int]:
        if self.base.countries[country].influence[power] == level:
            return self._base_income()
        key = (power, country, level)
        gains = self._at_influence.get(key)
        if gains is None:
            gains = self._at_influence[key] = self._income_with_influence(power, country, level)
        return gains

    def influence_worth(self, power: int, country: int, level: int) -> tuple:
        """What ``power`` at ``level`` influence in ``country`` rather than one less is worth
        to each seat on the base board (a presence counted from some level on, or a lead taken
        there, which the soft lead also counts: the reach is weighted lightly)."""
        return _sparse(a - b for a, b in zip(self._income_at_influence(power, country, level),
                                             self._income_at_influence(power, country, level - 1)))

    def stability_worth(self, country: int, stability: int) -> tuple:
        """What ``country`` at ``stability`` rather than one less is worth to each seat."""
        return _sparse(a - b for a, b in zip(self._income_at(country, stability), self._income_at(country, stability - 1)))

    def track_terms(self, tracks: tuple) -> tuple:
        """(seat, value) of the tracks' next steps: what one step up or down of each track
        would score, at the chance ``TRACK_DRIFT`` each way."""
        terms = self._tracks.get(tracks)
        if terms is None:
            out = [0.0] * _N
            board = self.scratch
            old = board.tracks
            board.tracks = list(tracks)
            try:
                here = income(board)
                for t, level in enumerate(tracks):
                    for by in (1, -1):
                        if not 0 <= level + by <= 10:
                            continue
                        board.tracks[t] = level + by
                        for s, (a, b) in enumerate(zip(income(board), here)):
                            out[s] += TRACK_DRIFT * (a - b)
                        board.tracks[t] = level
            finally:
                board.tracks = old
            terms = self._tracks[tracks] = _sparse(out)
        return terms

    def country_terms(self, state: State, country: int) -> tuple[tuple, float]:
        """One state's soft terms as (seat, value) pairs, and the stability the next Taliban
        phase is expected to cost it; they depend only on that state and the tracks (the key
        ``values`` remembers them by)."""
        terms = [0.0] * _N
        turns_left = self.turns_left
        horizon = self.income_weight * turns_left
        c = state.countries[country]
        inf = c.influence
        top = max(inf)
        leaders = inf.count(top)
        second = top if leaders > 1 else max(v for v in inf if v != top)
        for p, mine in enumerate(inf):
            rival = second if mine == top and leaders == 1 else top
            margin = mine - rival
            scored = 1.0 if margin > 0 else 0.0
            weight = LEAD_WEIGHT * horizon * (_HOLD[margin] - scored)
            for s, w in self.lead_worth(p, country):
                terms[s] += weight * w
            # Latent strength: a lead that scores nothing today may score when the board
            # changes (a rival's lead elsewhere falls, a threshold is reached), a little.
            terms[p] += LATENT * _HOLD[margin]
            # Influence in reach: what one more point would score (a presence the scoring
            # counts from some level on), a little.
            if mine < 10:
                for s, w in self.influence_worth(p, country, mine + 1):
                    terms[s] += horizon * _REACH[0] * w
        if c.border is not None and not c.incursion:
            # The next Taliban phase, and (a little) the pressure a turn or two of momentum
            # would add: a border that holds today by one point is a border at risk.
            chance = _incursion_chance(state, country)
            for more, weight in enumerate(_REACH, 1):
                chance += weight * _incursion_chance(state, country, more)
            if chance:
                for s, w in self.incursion_cost(country):
                    terms[s] -= BORDER_WEIGHT * chance * w
        stability = c.stability
        loss = expected_loss(state, country)
        soft = soft_loss(state, country)
        if soft > 0 and stability > 0:
            # The points the Taliban would take over the turns left (at this turn's rate,
            # discounted), each priced by what that point of stability scores, at the chance
            # that it is lost: the k-th point goes with the chance that a Poisson count with
            # that mean reaches k.
            mean = DECAY_WEIGHT * soft * turns_left
            weight = self.income_weight * max(1.0, turns_left / 2)
            p_k = math.exp(-mean)  # P(count == k), from k = 0
            at_least = 1.0 - p_k  # P(count >= 1)
            for k in range(1, min(stability, DECAY_POINTS) + 1):
                if at_least < 1e-9:
                    break
                for s, w in self.stability_worth(country, stability - k + 1):
                    terms[s] -= weight * at_least * w
                p_k *= mean / k
                at_least -= p_k
        for steps, chance in enumerate(_REACH, 1):
            if stability + steps > 10:
                break
            for s, w in self.stability_worth(country, stability + steps):
                terms[s] += horizon * chance * w
        return _sparse(terms), loss

    def values(self, state: State) -> list[float]:
        """Like ``values`` (the lead over the rivals, mixed with a collapse), with the
        positional terms added to each seat's worth."""
        if state.over:
            return values(state)
        key = _board_key(state)
        known = self._values.get(key)
        if known is None:
            known = self._values[key] = self._values_of(state)
        return known

    def _values_of(self, state: State) -> list[float]:
        turns_left = state.rules.scenario.turns - state.turn + 1
        gains = income(state)
        income_weight = self.income_weight
        worth = [state.vp[s] + income_weight * turns_left * gains[s] for s in range(_N)]
        tracks = tuple(state.tracks)
        cache = self._terms
        safe = 1.0
        doomed = False
        # A state's terms read the tracks only through the Taliban's pressure on its border.
        press = pressure_parts(state, 0)[:2]
        for country, c in enumerate(state.countries):
            key = (country, press, tuple(c.influence), c.stability, c.discontent, c.refugees, c.border, c.incursion)
            known = cache.get(key)
            if known is None:
                known = cache[key] = self.country_terms(state, country)
            part, loss = known
            for s, w in part:
                worth[s] += w
            margin = c.stability - loss
            if margin <= 0:
                doomed = True
            else:
                safe *= 1 - _risk(margin)
        for s, w in self.track_terms(tracks):
            worth[s] += w
        for owner, country, left in state.projects:
            worth[owner] += PROJECT_WEIGHT * PROJECT_VP / left
            if owner < len(state.countries[country].influence):
                # A project done brings its owner influence there (game.rules.scoring): the
                # soft lead of one more point, a little.
                inf = state.countries[country].influence
                rival = max(v for p, v in enumerate(inf) if p != owner)
                margin = inf[owner] - rival
                if margin < 11:
                    gain = PROJECT_WEIGHT / left * income_weight * turns_left * (_HOLD[margin + 1] - _HOLD[margin])
                    for s, w in self.lead_worth(owner, country):
                        worth[s] += gain * w
        risk = _RISK_BY_MARGIN[0] if doomed else 1 - safe
        exps = []
        top = max(worth)
        for w in worth:
            exps.append(math.exp((w - top) / RIVAL_SPREAD))
        total = sum(exps)
        out = []
        for s in range(_N):
            # the rivals' soft maximum (log-sum-exp without seat s), as soft_rival computes it
            rival = top + RIVAL_SPREAD * math.log(max(total - exps[s], 1e-300))
            out.append((1 - risk) * (worth[s] - rival) - risk * LOSS)
        return out
