"""The easy AI: plausible but naive.

It scores each legal choice with simple rules of thumb (take leads where they are close, prop
up shaky states, guard weak borders, play your own events) plus some noise, and never looks
ahead. It reads only what its seat may see: the board and its own hand.
"""

from __future__ import annotations

from typing import Callable

from game.rules import moves as M
from game.rules.engine import legal_choices
from game.words.log import offer_words, country_name, seat_name
from game.rules.model import CENTRAL_ASIA, COUNTRY_INDEX, INFLUENCE_MAX, SEAT_INDEX, TRACK_INDEX, State
from game.rules.ops import OPS_BY_NAME
from game.rules.primitives import HIGH_TENSION
from game.rules.scoring import turn_scores
from game.rules.taliban import pressure_parts

NOISE = 1.2  # the largest random bonus a choice gets
GANG_UP = 2.5  # the bonus for taking on the front-runner where its lead is in reach
COUNTS = 1.0  # the bonus for influence where a lead scores for the seat
TENSE_OPS = ("security_cooperation", "training", "propose_corridor", "propose_base")  # they raise tension
TENSION_PENALTY = 1.5  # for one of those when tension is one step from costing VP
BASE_TENSION = 8  # tension from which a base offer seems too provocative
BASE_NEED_STABILITY = 5  # a state at most this stable takes a base for the security it brings
FRONT_MARGIN = 1  # VP ahead of the next seat that makes a seat the front-runner
_TENSION = TRACK_INDEX["tension"]


def _margin(state: State, seat: int, country: int) -> int:
    inf = state.countries[country].influence
    return inf[seat] - max(v for p, v in enumerate(inf) if p != seat)


def front_runner(state: State) -> int | None:
    """The seat clearly ahead on VP (by ``FRONT_MARGIN`` or more), which everyone else gangs
    up on: a rule of thumb any table learns, read from the public score."""
    vp = state.vp
    best = max(range(len(vp)), key=lambda s: vp[s])
    second = max(v for s, v in enumerate(vp) if s != best)
    return best if vp[best] - second >= FRONT_MARGIN else None


def _border_need(state: State, country: int) -> float:
    c = state.countries[country]
    if c.border is None:
        return 0.0
    expected = sum(pressure_parts(state, country)) + 1
    return max(0.0, expected - c.border + 1)


def counts_for(state: State, seat: int, country: int) -> int:
    """Whether a lead in ``country`` scores for ``seat`` (VP an upkeep would give it leading
    there rather than trailing): the seat knows what it plays for, read from the scoring."""
    if seat >= len(state.countries[country].influence):
        return 0
    inf = state.countries[country].influence
    rival = max(v for p, v in enumerate(inf) if p != seat)
    if rival >= INFLUENCE_MAX:
        return 0
    board = state.clone()
    board.countries[country].influence[seat] = rival + 1
    ahead = sum(points for s, points, _ in turn_scores(board) if s == seat)
    board.countries[country].influence[seat] = max(0, rival - 1)
    behind = sum(points for s, points, _ in turn_scores(board) if s == seat)
    return ahead - behind


def _influence_value(state: State, seat: int, country: int) -> tuple[float, str]:
    margin = _margin(state, seat, country)
    if margin == 0:
        value, why = 3.0, "takes the lead"
    elif margin == -1:
        value, why = 2.0, "draws level for the lead"
    elif margin in (1, 2):
        value, why = 1.5, "widens its lead"
    else:
        value, why = 0.7, "builds presence"
    if counts_for(state, seat, country) > 0:
        return value + COUNTS, why + " where it scores"
    return value, why


def _target_value(state: State, seat: int, country: int) -> float:
    c = state.countries[country]
    if seat == CENTRAL_ASIA:
        return (10 - c.stability) + c.discontent / 2 + _border_need(state, country)
    return 3 - abs(_margin(state, seat, country)) + (1 if c.stability <= 3 else 0)


def _score(state: State, seat: int, choice: tuple) -> tuple[float, str]:
    kind = M.kind_of(choice)
    cards = state.rules.cards
    if kind == M.PLAY:
        card = cards[choice[1]]
        if choice[2] == M.EVENT:
            return card.ops + 1.0, f"the event of {card.title} seems worth more than its {card.ops} ops"
        if choice[2] == M.SHELVE and card.seat is not None:
            return card.ops - 2.5, f"shelving {card.title} keeps its event from {seat_name(card.seat)}"
        if choice[2] != M.OPS:  # a way of playing a card easy has no rule for
            return 0.2, f"{card.title}: {choice[2]}"
        if card.seat is not None and card.seat != seat:
            owner = seat_name(card.seat)
            return card.ops - 1.5, f"{card.ops} ops from {card.title} seem worth handing {owner} its event"
        return card.ops + 0.3, f"{card.ops} ops from {card.title} buy more than its event"
    if kind == M.OP:
        op = OPS_BY_NAME.get((seat, choice[1]))
        if op is None or len(choice) < 3 or choice[2] not in COUNTRY_INDEX:
            return 0.6, f"{' '.join(choice[1:])}: something to do"  # an op easy has no rule for
        value, why = _op_score(state, seat, op, COUNTRY_INDEX[choice[2]])
        if op.name in TENSE_OPS and state.tracks[_TENSION] >= HIGH_TENSION - 1:
            value -= TENSION_PENALTY
            why += ", though tension is high"
        return value, why
    if kind == M.END:
        return -1.0, "keeps the rest of its ops"
    if kind == M.TARGET:
        country = COUNTRY_INDEX[choice[1]]
        card = cards[state.pending.card]
        why = "needs it most" if seat == CENTRAL_ASIA else "is where the lead is closest"
        return _target_value(state, seat, country), f"{country_name(country)} {why} ({card.title})"
    if kind == M.OPTION:
        option = state.pending.options[int(choice[1])]
        return 0.0, f"'{option.label}': a naive pick, no lookahead"
    if kind in (M.ACCEPT, M.REJECT):
        return _offer_score(state, choice)
    return 0.3, f"{' '.join(choice)}: something to do"  # a kind of choice easy has no rule for


def _op_score(state: State, seat: int, op, country: int) -> tuple[float, str]:
    where = country_name(country)
    cost = op.cost(state, seat, country) or 1
    c = state.countries[country]
    name = op.name
    if name == "influence":
        value, why = _influence_value(state, seat, country)
        front = front_runner(state)
        if front is not None and front != seat and c.leader() == front and _margin(state, seat, country) >= -2:
            value += GANG_UP
            why = f"contests the front-runner {seat_name(front)}"
        return value / cost, f"influence in {where}: {why}"
    if name == "project":
        return 0.9, f"starts a project in {where}: pays VP when complete"
    if name in ("reinforce", "military_cooperation", "training", "guard"):
        need = _border_need(state, country) if c.border is not None else (6 - c.stability) / 2
        return (0.5 + need) / cost, f"{op.label.lower()} in {where}: the border or state needs it"
    if name in ("security_cooperation", "stabilise"):
        return (0.4 + max(0, 7 - c.stability)) / cost, f"{op.label.lower()} in {where}: stability {c.stability}"
    if name == "jobs":
        return c.discontent / 6, f"jobs programme in {where}: youth discontent {c.discontent}"
    if name == "balance":
        leader = c.leader()
        lead = c.influence[leader] - sorted(c.influence)[-2]
        if leader == front_runner(state):
            return lead / 2 + GANG_UP, f"balances the front-runner {seat_name(leader)} in {where}"
        return lead / 2, f"balances {seat_name(leader)}'s lead in {where}"
    if name.startswith("contest_"):
        rival = SEAT_INDEX[name[len("contest_"):]]
        if c.leader() == rival and _margin(state, seat, country) >= -2:
            return 1.2 / cost, f"contests {seat_name(rival)}'s lead in {where}"
        return 0.3 / cost, f"contests {seat_name(rival)} in {where}"
    return 0.6, f"{op.label.lower()} in {where}"


def _offer_score(state: State, choice: tuple) -> tuple[float, str]:
    p = state.pending
    c = state.countries[p.target]
    offer = p.offer
    power = seat_name(p.actor)
    what = f"{offer_words(offer.kind, offer.name)} from {power} in {country_name(p.target)}"
    dominant = c.leader() == p.actor and _margin(state, p.actor, p.target) >= 2
    risky = offer.kind == "base" and state.tracks[_TENSION] >= BASE_TENSION
    ahead = p.actor == front_runner(state)
    # A base stays, and costs the region a point every month it does: worth it only where the
    # state is in danger now (its stability low, or its border short of the pressure on it).
    needed = offer.kind != "base" or c.stability <= BASE_NEED_STABILITY or _border_need(state, p.target) > 0
    accept = not dominant and not risky and not ahead and needed
    if M.kind_of(choice) == M.ACCEPT:
        return (1.0 if accept else 0.0), f"accepts {what}"
    why = ("too provocative while tension is high" if risky else "that power is already dominant there" if dominant
           else "that power is already ahead" if ahead else "a base costs more each month than it gives now")
    return (0.0 if accept else 1.0), f"rejects {what}: {why}"


def decide_easy(state: State, rand: Callable[[int, int], int]) -> tuple[tuple, str]:
    seat = state.pending.seat
    best = None
    for k, choice in enumerate(legal_choices(state)):
        value, why = _score(state, seat, choice)
        value += NOISE * rand(k, 1000) / 1000
        if best is None or value > best[0]:
            best = (value, choice, why)
    return best[1], best[2]
