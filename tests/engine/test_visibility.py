"""Who may read what (game.play.observer): states that differ only in what a viewer may not know
look the same to it, to its computer player and in its log."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import decide
from game.ai.determinise import determinise
from game.rules.engine import legal_choices, step
from game.words.log import describe
from game.rules.model import SEATS
from game.rules.rng import draw
from game.play.seminar import coming_news, facilitate
from game.play.session import Game
from game.play.view import seat_view
from game.play.observer import (
    AFTER,
    ALTERNATIVES,
    FACILITATOR,
    PUBLIC,
    entry_for,
    public_reason,
    readable_log,
)

ALL_NORMAL = {s: "ai:normal" for s in SEATS}


def _position(rules, seed: int, steps: int):
    state = Game.start(rules, seed, {s: "random" for s in SEATS}, keep_log=False).state
    for k in range(steps):
        if state.over:
            break
        choices = legal_choices(state)
        step(state, choices[draw(seed + 7, k, len(choices))])
    return state


def _with_news_plans(state, moves: list[tuple]):
    """The same position after the facilitator's news plans (hold / bring forward)."""
    for move in moves:
        state = facilitate(state, move)
    return state


def _news_plans(state, pick: int) -> list[tuple]:
    """Two plans a seat cannot see: hold one coming card, bring another forward."""
    coming = [c.card for c in coming_news(state) if c.where != "held"]
    if len(coming) < 2:
        return []
    first = coming[pick % len(coming)]
    second = next(c for c in reversed(coming) if c != first)
    return [("hold", first), ("next", second)]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), steps=st.integers(0, 60), pick=st.integers(0, 20), k=st.integers(0, 5))
def test_the_facilitators_news_plans_are_unseen_by_every_seat_and_its_ai(rules, seed, steps, pick, k):
    state = _position(rules, seed, steps)
    if state.over:
        return
    plans = _news_plans(state, pick)
    if not plans:
        return
    planned = _with_news_plans(state, plans)
    assert (planned.held, planned.news_next) != (state.held, state.news_next)
    for seat in range(len(SEATS)):
        assert seat_view(planned, seat) == seat_view(state, seat)
        assert determinise(planned, seat, k) == determinise(state, seat, k)
    for level in ("random", "ai:easy", "ai:normal"):
        assert decide(level, planned, salt=k) == decide(level, state, salt=k)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), steps=st.integers(0, 60), pick=st.integers(0, 20))
def test_an_imagined_world_holds_every_card_exactly_once(rules, seed, steps, pick):
    state = _position(rules, seed, steps)
    if state.over:
        return
    state = _with_news_plans(state, _news_plans(state, pick))
    world = determinise(state, state.pending.seat, pick)
    piles = (world.news_deck + world.news_dated + world.news_done + world.held + world.news_next
             + world.deck + world.discard + world.removed + [c for h in world.hands for c in h])
    # Every card once: none twice (the old world dealt held news into its deck as well).
    assert len(piles) == len(set(piles))
    assert not world.held and not world.news_next


def test_the_check_has_teeth_the_real_news_piles_differ(rules):
    """Holding a card changes the real state's piles: the equalities above are not vacuous."""
    state = _position(rules, 3, 10)
    plans = _news_plans(state, 0)
    planned = _with_news_plans(state, plans)
    assert planned.news_deck != state.news_deck or planned.news_dated != state.news_dated
    assert planned.held and planned.news_next


def _titles(rules, cards) -> set[str]:
    return {rules.cards[c].title for c in cards}


def test_no_line_a_seat_can_read_names_a_card_in_another_seats_hand(rules):
    """A whole all-normal game (its reasons list the alternatives, which are cards in hand):
    after every move, each seat's newly readable lines name no card another seat holds."""
    game = Game.start(rules, 21, ALL_NORMAL)
    shown = 0
    checked = 0
    while not game.over:
        seat = game.state.seat_to_move
        decision = decide(game.seats[SEATS[seat]], game.state, salt=len(game.moves))
        game.play(decision.choice, decision.reason)
        new = game.log[shown:]
        shown = len(game.log)
        for viewer in range(len(SEATS)):
            others = set().union(*(_titles(rules, h) for s, h in enumerate(game.state.hands) if s != viewer))
            for entry in readable_log(new, viewer, game.seats, game.over):
                if entry[0] != "reason" or entry[1] == viewer:
                    continue
                text = describe(entry, rules)
                # A card is named as a choice "TITLE for its event" / "TITLE for N ops" (some
                # operations share a card's words, such as Military cooperation).
                named = [t for t in others if f"{t} for " in text]
                assert not named, f"{SEATS[viewer]} reads {text!r}, naming {named} held by another seat"
                checked += 1
    assert checked > 100
    # And the full reasons did name such cards: without the filter this test would fail.
    assert any(ALTERNATIVES in e[2] for e in game.log if e[0] == "reason")


def test_without_the_filter_a_seat_would_read_another_hand(rules):
    """The check above has teeth: reading the raw log names cards still held by another seat."""
    game = Game.start(rules, 21, ALL_NORMAL)
    leaks = 0
    shown = 0
    while not game.over and not leaks:
        seat = game.state.seat_to_move
        decision = decide("ai:normal", game.state, salt=len(game.moves))
        game.play(decision.choice, decision.reason)
        for entry in game.log[shown:]:
            if entry[0] == "reason":
                others = set().union(*(_titles(rules, h) for s, h in enumerate(game.state.hands) if s != 0))
                if entry[1] != 0 and any(f"{t} for " in entry[2] for t in others):
                    leaks += 1
        shown = len(game.log)
    assert leaks


@pytest.mark.parametrize("viewer", [0, 2, PUBLIC])
def test_who_reads_a_reason(viewer):
    seats = {**{s: "ai:normal" for s in SEATS}, "turkey": "human"}
    ai_reason = ("reason", 3, "Influence in Kazakhstan (value +1.00)" + ALTERNATIVES + "Base proposal for its event +0.50")
    rationale = ("reason", 1, "We keep our cards for later")
    note = ("note", 2, "watch Turkey")
    own = ("reason", viewer, "mine" + ALTERNATIVES + "all of it") if isinstance(viewer, int) else None
    # Another seat's computer: the move, never the alternatives.
    assert entry_for(ai_reason, viewer, seats, over=False) == ("reason", 3, "Influence in Kazakhstan (value +1.00)")
    # Another team's rationale: not at all while the game runs (unless it is the viewer's own).
    assert entry_for(rationale, viewer, seats, over=False) is None
    assert entry_for(note, viewer, seats, over=False) is None
    if own is not None:
        assert entry_for(own, viewer, seats, over=False) == own
    # After the game, everyone reads everything.
    for entry in (ai_reason, rationale, note):
        assert entry_for(entry, viewer, seats, over=True) == entry


@pytest.mark.parametrize("viewer", [FACILITATOR, AFTER])
def test_the_facilitator_and_the_debrief_read_everything(viewer):
    seats = {s: "human" for s in SEATS}
    log = [("reason", 1, "ours" + ALTERNATIVES + "x"), ("note", 1, "n"), ("hold", "c")]
    assert readable_log(log, viewer, seats, over=False) == log


def test_a_reason_without_alternatives_is_unchanged():
    assert public_reason("picked at random") == "picked at random"


@pytest.mark.parametrize("viewer", [0, 1, 2, 4, PUBLIC, FACILITATOR, AFTER])
def test_who_reads_a_teams_prediction(viewer):
    """A team's prediction is its own (and the facilitator's) while the game runs: not what it
    predicted, not even that it predicted; everyone's once the game is over."""
    seats = {s: "human" for s in SEATS}
    prediction = ("predict", 1, 2, 70, ("reach", "tension", "8", "3"), "Washington will push")
    seen = entry_for(prediction, viewer, seats, over=False)
    assert seen == (prediction if viewer in (1, FACILITATOR, AFTER) else None)
    assert entry_for(prediction, viewer, seats, over=True) == prediction
    log = [("turn", 2), prediction, ("play", 1, "card", "ops")]
    assert len(readable_log(log, viewer, seats, over=False)) == (3 if seen else 2)
