"""The one door: ``legal_choices(state)`` and ``apply(state, choice)``.

A game is a state machine of pending decisions. ``state.pending`` says which seat must decide
what; ``legal_choices`` lists the choices as small tuples of strings (the save format writes
them joined by spaces); ``apply`` returns the next state, having run everything automatic
(news, Taliban phase, upkeep) up to the next decision or the end. Humans, AIs, replays and
tests all move the game this way, so an illegal move is impossible by construction.

The choices and the kinds of pending decision are game.rules.moves' words.
"""

from __future__ import annotations

from game.rules import effects
from game.rules.cards import Rules
from game.rules.model import (
    ACTION,
    CATEGORIES,
    COUNTRIES,
    COUNTRY_INDEX,
    NEWS,
    OVER,
    SEATS,
    Country,
    Pending,
    State,
    turn_of_date,
)
from game.rules.moves import (
    ACCEPT,
    END,
    EVENT,
    OP,
    OPS,
    OPTION,
    PENDING_OPS,
    PENDING_OPTION,
    PENDING_PLAY,
    PENDING_TARGET,
    PLAY,
    REJECT,
    SHELVE,
    TARGET,
)
from game.rules.ops import OPS_BY_NAME, ops_choices, place_of
from game.rules.primitives import add_vp, end_game, shuffle
from game.rules.scoring import upkeep
from game.rules.taliban import taliban_phase

SHELVE_VP = 1  # what shelving a card costs its player (once a turn, a rival's card only)
_ANSWERS = ((ACCEPT,), (REJECT,))
_TARGET_CHOICES = tuple((TARGET, c) for c in COUNTRIES)
_N_SEATS = len(SEATS)


class IllegalChoice(ValueError):
    """A choice that ``legal_choices`` does not offer in this state."""


def new_game(rules: Rules, seed: int, log: list | None = None) -> State:
    """Set up the scenario, shuffle and deal, and run up to the first decision."""
    sc = rules.scenario
    countries = [
        Country(name, cs.stability, cs.discontent, cs.refugees, cs.border,
                list(cs.influence), [p in cs.bases for p in range(4)])
        for name, cs in zip(COUNTRIES, sc.countries)
    ]
    starting_bases = tuple((p, i) for i, cs in enumerate(sc.countries) for p in cs.bases)
    late = sc.withdrawn is False
    reserve = [cid for cid, card in rules.cards.items() if late and card.late]
    action = [cid for cid, card in rules.cards.items() if card.deck == "action" and not (late and card.late)]
    news = [cid for cid, card in rules.cards.items() if card.deck == "news" and not (late and card.late)]
    dated = [cid for cid in news if cid in rules.dated_news]
    news = [cid for cid in news if cid not in dated]
    state = State(
        rules=rules, seed=seed, counter=0, turn=1, phase=NEWS,
        countries=countries, tracks=list(sc.tracks), withdrawn=sc.withdrawn,
        vp=list(sc.vp), breakdown=[0] * (_N_SEATS * len(CATEGORIES)), history=(),
        hands=[[] for _ in SEATS], deck=action, discard=[], removed=[],
        news_deck=news, news_dated=dated, news_done=[], projects=[], completed=[],
        starting_bases=starting_bases, order=(), round=0, position=-1, queue=(), pending=None,
        reserve=reserve,
    )
    shuffle(state, state.deck)
    shuffle(state, state.news_deck)
    for seat in range(_N_SEATS):
        _refill(state, seat)
    _start_turn(state, log)
    _advance(state, log)
    return state


def legal_choices(state: State) -> list:
    p = state.pending
    if p is None:
        return []
    kind = p.kind
    if kind == PENDING_PLAY:
        cards = state.rules.cards
        seat = p.seat
        may_shelve = seat not in state.shelved
        out = []
        for cid in state.hands[seat]:
            owner = cards[cid].seat
            if owner is None or owner == seat:
                out.append((PLAY, cid, EVENT))
            out.append((PLAY, cid, OPS))
            if may_shelve and owner is not None and owner != seat:
                out.append((PLAY, cid, SHELVE))
        return out
    if kind == PENDING_OPS:
        return ops_choices(state, p.seat, p.points)
    if kind == PENDING_TARGET:
        return [_TARGET_CHOICES[i] for i in p.options]
    if kind == PENDING_OPTION:
        return [(OPTION, str(i)) for i in range(len(p.options))]
    return list(_ANSWERS)


def apply(state: State, choice: tuple, log: list | None = None) -> State:
    """The next state after ``choice``; ``state`` is left as it was."""
    if choice not in legal_choices(state):
        raise IllegalChoice(f"{' '.join(choice)!r} is not a legal choice here")
    nxt = state.clone()
    step(nxt, choice, log)
    return nxt


def step(state: State, choice: tuple, log: list | None = None) -> None:
    """Apply a choice known to be legal, in place. For playouts that own their state."""
    p = state.pending
    state.pending = None
    kind = choice[0]
    if kind == PLAY:
        _play(state, p.seat, choice[1], choice[2], log)
    elif kind == OP:
        op = OPS_BY_NAME[(p.seat, choice[1])]
        country = place_of(choice)
        cost = op.check(state, p.seat, country)
        if log is not None:
            log.append(("op", p.seat, op.name, country, cost))
        tasks = tuple(("fx", fx, p.seat, country) for fx in op.effects)
        if p.points - cost > 0:
            tasks += (("ops", p.seat, p.points - cost, p.card),)
        state.queue = tasks + state.queue
    elif kind == END:
        if log is not None:
            log.append(("ops_end", p.seat, p.points))
    elif kind == TARGET:
        country = COUNTRY_INDEX[choice[1]]
        if log is not None:
            log.append(("target", p.seat, p.card, country))
        card = state.rules.cards[p.card]
        state.queue = tuple(("fx", fx, p.seat, country) for fx in card.effects) + state.queue
    elif kind == OPTION:
        option = p.options[int(choice[1])]
        if log is not None:
            log.append(("option", p.seat, option.label))
        state.queue = tuple(("fx", fx, p.actor, p.target) for fx in option.effects) + state.queue
    else:
        accepted = kind == ACCEPT
        offer = p.offer
        if log is not None:
            log.append(("answer", p.actor, offer.kind, p.target, accepted, offer.name))
        follow = offer.accept if accepted else offer.reject
        state.queue = tuple(("fx", fx, p.actor, p.target) for fx in follow) + state.queue
    _advance(state, log)


def _play(state: State, seat: int, cid: str, mode: str, log: list | None) -> None:
    card = state.rules.cards[cid]
    state.hands[seat].remove(cid)
    state.discard.append(cid)
    if log is not None:
        log.append(("play", seat, cid, mode))
    if mode == EVENT:
        state.queue = (("card", cid, seat),) + state.queue
        return
    if mode == SHELVE:  # buried: no event for anyone, no ops, a VP's price (the Space Race)
        state.shelved = state.shelved + (seat,)
        add_vp(state, seat, -SHELVE_VP, "diplomacy", log)
        return
    tasks = ()
    if card.seat is not None and card.seat != seat:
        # Twilight Struggle's rule: an opponent's card played for ops fires its event for them.
        tasks = (("card", cid, card.seat),)
    state.queue = tasks + (("ops", seat, card.ops, cid),) + state.queue


def _run_card(state: State, cid: str, actor: int | None, log: list | None, from_pile: bool = True) -> None:
    card = state.rules.cards[cid]
    if log is not None:
        log.append(("event", cid, actor))
    if from_pile and card.once and card.deck == "action":
        state.discard.remove(cid)
        state.removed.append(cid)
    if card.target is not None:
        state.pending = Pending(PENDING_TARGET, actor, card=cid, options=card.target, actor=actor)
        return
    state.queue = tuple(("fx", fx, actor, None) for fx in card.effects) + state.queue


def _advance(state: State, log: list | None) -> None:
    """Run automatic steps until a seat must decide or the game ends."""
    while state.pending is None and state.phase != OVER:
        queue = state.queue
        if queue:
            task = queue[0]
            state.queue = queue[1:]
            kind = task[0]
            if kind == "fx":
                follow = effects.run(state, task[1], task[2], task[3], log)
                if follow:
                    state.queue = tuple(("fx", fx, task[2], task[3]) for fx in follow) + state.queue
            elif kind == "ops":
                state.pending = Pending(PENDING_OPS, task[1], card=task[3], points=task[2])
            elif kind == "card":
                _run_card(state, task[1], task[2], log)
            elif kind == "inject":
                _run_card(state, task[1], task[2], log, from_pile=False)
            else:  # "resume": the decision an interjection interrupted
                state.pending = task[1]
            continue
        if state.phase == NEWS:
            state.phase = ACTION
            state.round = 0
            state.position = -1
        position = state.position + 1
        rnd = state.round
        if position == _N_SEATS:
            position = 0
            rnd += 1
        if rnd == state.rules.scenario.rounds:
            _end_turn(state, log)
            continue
        state.position = position
        state.round = rnd
        seat = state.order[position]
        if state.hands[seat]:
            state.pending = Pending(PENDING_PLAY, seat)
        elif log is not None:
            log.append(("no_cards", seat))


def _end_turn(state: State, log: list | None) -> None:
    taliban_phase(state, log)
    if state.phase == OVER:
        return
    upkeep(state, log)
    if state.phase == OVER:
        return
    for seat in range(_N_SEATS):
        _refill(state, seat)
    if state.turn >= state.rules.scenario.turns:
        end_game(state, "last turn", log)
        return
    state.turn += 1
    _start_turn(state, log)


def _start_turn(state: State, log: list | None) -> None:
    """Initiative rotates each turn; the news is revealed (dated cards on their date)."""
    state.phase = NEWS
    state.shelved = ()
    for c in state.countries:
        c.incursion = False
    k = (state.turn - 1) % _N_SEATS
    state.order = tuple(range(k, _N_SEATS)) + tuple(range(k))
    if log is not None:
        log.append(("turn", state.turn))
    rules = state.rules
    start = rules.scenario.start
    if state.news_next:  # the facilitator's choice comes first; dated news waits a turn
        revealed = [state.news_next.pop(0)]
    else:
        revealed = [cid for cid in state.news_dated if turn_of_date(start, rules.cards[cid].date) <= state.turn]
        if revealed:
            for cid in revealed:
                state.news_dated.remove(cid)
        elif state.news_deck:
            revealed = [state.news_deck.pop()]
    tasks = []
    for cid in revealed:
        state.news_done.append(cid)
        if log is not None:
            log.append(("news", cid))
        tasks.append(("card", cid, rules.cards[cid].actor))
    state.queue = tuple(tasks) + state.queue


def _refill(state: State, seat: int) -> None:
    hand = state.hands[seat]
    size = state.rules.scenario.hand_size
    while len(hand) < size:
        if not state.deck:
            if not state.discard:
                return
            state.deck, state.discard = state.discard, []
            shuffle(state, state.deck)
        hand.append(state.deck.pop())


def interject(state: State, tasks: tuple, log: list | None = None) -> None:
    """Run ``tasks`` now, then return to the decision they interrupted (the facilitator's
    injects). In place, like ``step``."""
    resume = (("resume", state.pending),) if state.pending is not None else ()
    state.pending = None
    state.queue = tuple(tasks) + resume + state.queue
    _advance(state, log)


def current_seat(state: State) -> str | None:
    return None if state.pending is None else SEATS[state.pending.seat]
