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
from game.rules.model import CENTRAL_ASIA, COUNTRY_INDEX, TRACK_INDEX, State
from game.rules.ops import OPS_BY_NAME, place_of
from game.rules.taliban import pressure_parts

NOISE = 1.2  # the largest random bonus a choice gets
_TENSION = TRACK_INDEX["tension"]


def _margin(state: State, seat: int, country: int) -> int:
    inf = state.countries[country].influence
    return inf[seat] - max(v for p, v in enumerate(inf) if p != seat)


def _border_need(state: State, country: int) -> float:
    c = state.countries[country]
    if c.border is None:
        return 0.0
    expected = sum(pressure_parts(state, country)) + 1
    return max(0.0, expected - c.border + 1)


def _influence_value(state: State, seat: int, country: int) -> tuple[float, str]:
    margin = _margin(state, seat, country)
    if margin == 0:
        return 3.0, "takes the lead"
    if margin == -1:
        return 2.0, "draws level for the lead"
    if margin in (1, 2):
        return 1.5, "widens its lead"
    return 0.7, "builds presence"


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
        if choice[2] == M.SHELVE:
            return card.ops - 2.5, f"shelving {card.title} keeps its event from {seat_name(card.seat)}"
        if card.seat is not None and card.seat != seat:
            owner = seat_name(card.seat)
            return card.ops - 1.5, f"{card.ops} ops from {card.title} seem worth handing {owner} its event"
        return card.ops + 0.3, f"{card.ops} ops from {card.title} buy more than its event"
    if kind == M.OP:
        op = OPS_BY_NAME[(seat, choice[1])]
        country = place_of(choice)
        if country is None:  # an action on the whole region
            return 0.5, op.label.lower()
        where = country_name(country)
        cost = op.cost(state, seat, country)
        c = state.countries[country]
        name = op.name
        if name == "influence":
            value, why = _influence_value(state, seat, country)
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
            return lead / 2, f"balances {seat_name(leader)}'s lead in {where}"
        return 0.6, f"{op.label.lower()} in {where}"
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
    return _offer_score(state, choice)


def _offer_score(state: State, choice: tuple) -> tuple[float, str]:
    p = state.pending
    c = state.countries[p.target]
    offer = p.offer
    power = seat_name(p.actor)
    what = f"{offer_words(offer.kind, offer.name)} from {power} in {country_name(p.target)}"
    dominant = c.leader() == p.actor and _margin(state, p.actor, p.target) >= 2
    risky = offer.kind == "base" and state.tracks[_TENSION] >= 5
    accept = not dominant and not risky
    if M.kind_of(choice) == M.ACCEPT:
        return (1.0 if accept else 0.0), f"accepts {what}"
    why = "too provocative while tension is high" if risky else "that power is already dominant there"
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
