"""A hosted game's client holds no game, only what it observes; ``stand_in(obs)``
(game.ai.determinise) is the state its screens read. For every viewer it observes exactly as the
observation it was built from; for the facilitator (and everyone after the game) it is the game
itself; for the seat to move it offers the same choices; and it is built from the observation
alone, so two games differing in what the viewer may not know give the same stand-in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from game.ai.determinise import stand_in
from game.play.observer import FACILITATOR, PUBLIC, VIEWERS, observe
from game.rules.engine import legal_choices
from tests.engine.test_observer import GAMES, _reachable, _rehidden, _reseeded


@settings(max_examples=25, deadline=None)
@given(**GAMES)
def test_a_stand_in_observes_as_its_observation_for_every_viewer(rules, seed, steps, facilitating, salt):
    state = _reachable(rules, seed, steps, facilitating).state
    for viewer in VIEWERS:
        obs = observe(state, viewer)
        world = stand_in(obs)
        assert observe(world, viewer) == obs, viewer
        if obs.everything:
            assert world == state, "the facilitator's screen holds the game itself"
        if viewer == state.seat_to_move:
            assert legal_choices(world) == legal_choices(state)


@pytest.mark.parametrize("viewer", [0, 3, PUBLIC])
@settings(max_examples=10, deadline=None)
@given(**GAMES)
def test_a_stand_in_knows_nothing_its_viewer_may_not(rules, viewer, seed, steps, facilitating, salt):
    state = _reachable(rules, seed, steps, facilitating).state
    if state.over:
        return
    other = _reseeded(_rehidden(state, viewer, salt), salt)
    assert stand_in(observe(other, viewer)) == stand_in(observe(state, viewer))


def test_the_facilitators_stand_in_keeps_the_decks_and_the_held_news(rules):
    state = _reachable(rules, 11, 60, 30).state
    world = stand_in(observe(state, FACILITATOR))
    assert (world.deck, world.news_deck, world.held, world.news_next, world.seed, world.counter) == (
        state.deck, state.news_deck, state.held, state.news_next, state.seed, state.counter)
