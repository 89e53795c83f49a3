"""Arbitrary effect trees, run through the engine's own queue, never break the board.

Hypothesis builds effects from the card vocabulary (``game.rules.cards``) under the same rules the
loader enforces for a card of some kind (a seat's card, a neutral card, a news card with or
without an actor): "self" names a power only where the acting seat is a power, "target" only
where the card has one, a choice only where a seat decides. The effects go on ``state.queue``
of a game a few moves in, ``engine._advance`` runs them, and every decision they raise (an
option, an offer, and then the rest of the game) is answered with a legal choice via ``step``.
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import event, given, settings
from hypothesis import strategies as st

from game.rules import cards as C
from game.rules import engine
from game.rules.engine import legal_choices, new_game, step
from game.rules.loader import OFFER_KINDS, load_rules
from game.words.log import describe
from game.rules.model import (
    BORDERING,
    CENTRAL_ASIA,
    COUNTRIES,
    FIELDS,
    INFLUENCE_MAX,
    SEATS,
    TRACK_MAX,
    TRACK_MIN,
    TRACKS,
    VP_MAX,
    VP_MIN,
    State,
)
from game.rules.primitives import COLLAPSE_PENALTY_CA, COLLAPSE_PENALTY_CSTO
from game.rules.rng import draw

MAX_DEPTH = 3  # the loader allows 4; 3 keeps examples small and still nests if/choose/offer
MAX_STEPS = 10_000
ALL = tuple(range(len(COUNTRIES)))
POWERS = (0, 1, 2, 3)
_RULES: dict = {}


def _rules(scenario: str):
    """Loaded once (not a fixture: Hypothesis would print the whole rules in every failure)."""
    if scenario not in _RULES:
        _RULES[scenario] = load_rules(scenario)
    return _RULES[scenario]


# --- strategies ------------------------------------------------------------------------------


def _by(lo: int, hi: int):
    return st.sampled_from([n for n in range(lo, hi + 1) if n])  # the loader never allows 0


def _selectors(has_target: bool) -> list:
    out = [(i,) for i in ALL] + [ALL, BORDERING, "csto", "turkic"]
    return out + [C.TARGET] if has_target else out


def _single_states(has_target: bool) -> list:
    return list(ALL) + ([C.TARGET] if has_target else [])


def _powers(self_is_power: bool) -> list:
    return list(POWERS) + ([C.SELF] if self_is_power else [])


@lru_cache(maxsize=None)
def conditions(self_is_power: bool, has_target: bool):
    bound = st.integers(0, 10)
    one_bound = st.one_of(bound.map(lambda n: (n, None)), bound.map(lambda n: (None, n)))
    states = st.sampled_from(_single_states(has_target))
    powers = st.sampled_from(_powers(self_is_power))
    return st.one_of(
        st.builds(lambda t, b: C.TrackIs(t, *b), st.integers(0, len(TRACKS) - 1), one_bound),
        st.builds(lambda s, f, b: C.FieldIs(s, f, *b), states, st.sampled_from(FIELDS), one_bound),
        st.builds(C.WithdrawnIs, st.booleans()),
        st.builds(C.HasBase, powers, states),
        st.builds(C.Leads, powers, states),
    )


def _adjust(has_target: bool):
    pairs = st.tuples(st.sampled_from(_selectors(has_target)), st.sampled_from(FIELDS)).filter(
        # the loader refuses a fixed state without an Afghan border with field: border
        lambda p: not (p[1] == "border" and isinstance(p[0], tuple) and len(p[0]) == 1 and p[0][0] not in BORDERING)
    )
    return st.builds(lambda p, by: C.Adjust(p[0], p[1], by), pairs, _by(-3, 3))


@lru_cache(maxsize=None)
def effects(actor_known: bool, self_is_power: bool, has_target: bool, depth: int = 0):
    """A list of effects for a card whose "self" is known/a power and which has/lacks a target."""
    selectors = st.sampled_from(_selectors(has_target))
    powers = st.sampled_from(_powers(self_is_power))
    seats = st.sampled_from(list(range(len(SEATS))) + ([C.SELF] if actor_known else []))
    leaves = [
        st.builds(C.Track, st.integers(0, len(TRACKS) - 1), _by(-3, 3)),
        _adjust(has_target),
        st.builds(C.Adjust, selectors, st.just("stability"), _by(-3, -1)),  # toppling states, more often
        st.builds(C.Influence, powers, selectors, _by(-3, 3)),
        st.builds(C.VP, seats, _by(-5, 5)),
        st.builds(C.Base, powers, selectors, st.booleans()),
        st.just(C.Withdraw()),
    ]
    if self_is_power:
        leaves.append(st.builds(C.Project, selectors, st.integers(1, 4)))
    options = list(leaves)
    if depth < MAX_DEPTH:
        inner = effects(actor_known, self_is_power, has_target, depth + 1)
        options.append(st.builds(C.If, conditions(self_is_power, has_target), inner, inner))
        if actor_known:
            option = st.builds(C.Option, st.sampled_from(["a", "b", "Hold the line"]), inner)
            options.append(st.builds(C.Choose, st.lists(option, min_size=2, max_size=4).map(tuple)))
        # In an offer's answers "self" is the offering power and "target" the offered state.
        answers = effects(True, True, True, depth + 1)
        offer_state = st.sampled_from(_single_states(has_target)).map(lambda s: s if s == C.TARGET else (s,))
        options.append(st.builds(C.Offer, powers, offer_state, st.sampled_from(OFFER_KINDS), answers, answers))
    return st.lists(st.one_of(*options), min_size=0 if depth else 1, max_size=3 if depth < 2 else 2).map(tuple)


# Each kind of card that runs effects: who acts, and what "self" and "target" may mean there.
@st.composite
def card_contexts(draw_):
    kind = draw_(st.sampled_from(["seat card", "neutral card", "news with actor", "news without actor"]))
    seat = draw_(st.integers(0, len(SEATS) - 1))
    if kind == "seat card":  # the owner acts (also when another seat plays it for ops)
        actor, self_is_power = seat, seat != CENTRAL_ASIA
    elif kind == "neutral card":  # whoever plays it acts; 'self' may not name a power
        actor, self_is_power = seat, False
    elif kind == "news with actor":
        actor, self_is_power = seat, seat != CENTRAL_ASIA
    else:
        actor, self_is_power = None, False
    has_target = actor is not None and draw_(st.booleans())
    target = draw_(st.sampled_from(ALL)) if has_target else None
    fx = draw_(effects(actor is not None, self_is_power, has_target))
    return kind, actor, target, fx


# --- checks ----------------------------------------------------------------------------------


def check_bounds_and_collapse(state: State) -> None:
    for name, value in zip(TRACKS, state.tracks):
        assert TRACK_MIN <= value <= TRACK_MAX, f"track {name} = {value}"
    for c in state.countries:
        for field in FIELDS:
            value = getattr(c, field)
            if value is None:
                assert field == "border" and COUNTRIES.index(c.name) not in BORDERING
                continue
            assert 0 <= value <= 10, f"{c.name}.{field} = {value}"
        assert all(0 <= v <= INFLUENCE_MAX for v in c.influence), f"{c.name} influence {c.influence}"
        assert len(c.influence) == 4 and len(c.bases) == 4
    assert all(VP_MIN <= v <= VP_MAX for v in state.vp), state.vp
    zero = [i for i, c in enumerate(state.countries) if c.stability == 0]
    if zero:
        assert state.over and state.end_reason == "collapse", f"stability 0 in {zero} but the game goes on"
        assert state.collapsed in zero
    if state.over:
        assert state.pending is None and state.queue == () and legal_choices(state) == []
        if state.end_reason == "collapse":  # everyone's defeat: nobody wins
            assert state.countries[state.collapsed].stability == 0
            assert state.winners == ()
        else:  # after the last turn the most VP win, ties sharing
            best = max(state.vp)
            assert state.winners == tuple(s for s, v in enumerate(state.vp) if v == best)


def check_log(log: list, rules) -> None:
    for entry in log:
        assert describe(entry, rules) != repr(entry), f"log entry {entry!r} has no words"
    ends = [i for i, e in enumerate(log) if e[0] == "end"]
    assert len(ends) <= 1, "the game ended twice"
    # The end is final: nothing happens after "Game over".
    assert not ends or ends[0] == len(log) - 1, f"after the end: {log[ends[0] + 1:]}"


def _at_a_play_decision(rules, seed: int, moves: int) -> State:
    """A live game ``moves`` random choices in (fewer if it would end), at a seat's card play."""
    state = new_game(rules, seed)
    for k in range(moves):
        trial = state.clone()
        choices = legal_choices(trial)
        step(trial, choices[draw(seed, k, len(choices))])
        if trial.over:
            break
        state = trial
    k = moves
    while state.pending.kind != "play":
        trial = state.clone()
        choices = legal_choices(trial)
        step(trial, choices[draw(seed, k, len(choices))])
        k += 1
        state = trial if not trial.over else new_game(rules, seed)
    return state


def _run_effects(state: State, fx: tuple, actor, target, log: list) -> None:
    """Queue ``fx`` in place of the pending card play, and run the engine up to a decision.

    The seat about to play is asked again afterwards: its turn position steps back by one, so
    the engine's own turn order re-offers it the play when the effects are done.
    """
    assert state.pending.kind == "play" and state.queue == ()
    state.pending = None
    state.position -= 1
    state.queue = tuple(("fx", e, actor, target) for e in fx)
    engine._advance(state, log)


# --- the properties --------------------------------------------------------------------------


@settings(deadline=None, max_examples=max(150, settings.default.max_examples))
@given(
    scenario=st.sampled_from(["summer-2021", "what-if"]),
    seed=st.integers(0, 2**32),
    moves=st.integers(0, 60),
    card=card_contexts(),
    answers=st.integers(0, 2**32),
    stability=st.none() | st.lists(st.integers(1, 3), min_size=5, max_size=5),
)
def test_any_effects_keep_the_board_in_bounds(scenario, seed, moves, card, answers, stability):
    r = _rules(scenario)
    kind, actor, target, fx = card
    state = _at_a_play_decision(r, seed, moves)
    seat = state.pending.seat
    if stability is not None:  # some states close to collapse, so effects can topple them
        for c, value in zip(state.countries, stability):
            c.stability = value
    log: list = []
    _run_effects(state, fx, actor, target, log)
    event(f"{kind}; then: " + ("game over" if state.over else f"a {state.pending.kind} decision"))
    check_bounds_and_collapse(state)
    if state.pending is not None and state.pending.kind == "play":
        assert state.pending.seat == seat, "the seat about to play was not asked again"
    # Answer every decision (the effects' options and offers, then the rest of the game).
    for k in range(MAX_STEPS):
        if state.over:
            break
        choices = legal_choices(state)
        assert choices, f"a live game offers no choice ({state.pending})"
        step(state, choices[draw(answers, k, len(choices))], log)
        check_bounds_and_collapse(state)
    assert state.over
    event(f"the game ended by {state.end_reason}")
    check_log(log, r)


@settings(deadline=None)
@given(seed=st.integers(0, 2**32), field_by=st.integers(-3, -1), selector=st.sampled_from([(0,), (1,), ALL, BORDERING, "csto", "turkic"]))
def test_stability_reaching_zero_ends_the_game_at_once(seed, field_by, selector):
    rules = _rules("summer-2021")
    state = _at_a_play_decision(rules, seed, 3)
    for c in state.countries:
        c.stability = 1  # every state one step from collapse
    vp, tracks = state.vp[:], state.tracks[:]
    log: list = []
    fx = (C.Adjust(selector, "stability", field_by), C.Track(0, 1), C.VP(1, 5))
    _run_effects(state, fx, 3, None, log)
    hit = selector if isinstance(selector, tuple) else (rules.csto if selector == "csto" else rules.turkic)
    first = hit[0]
    assert state.over and state.end_reason == "collapse" and state.collapsed == first
    assert state.countries[first].stability == 0
    # The collapse ends the game at once: no later state falls, and no later effect runs.
    assert [c.stability for i, c in enumerate(state.countries) if i != first] == [1] * 4
    assert state.tracks == tracks
    penalty = [0] * 5
    penalty[CENTRAL_ASIA] = -COLLAPSE_PENALTY_CA
    if first in rules.csto:
        penalty[0] = -COLLAPSE_PENALTY_CSTO
    assert state.vp == [v + p for v, p in zip(vp, penalty)]
    assert state.winners == ()
    assert log[-1] == ("end", "collapse", (), tuple(state.vp))
    check_bounds_and_collapse(state)
    check_log(log, rules)
