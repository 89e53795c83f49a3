"""What the projected screen says (game.words.projector): built from the public observation alone,
so two games that differ only in what the public may not know (other hands, the decks' order, the
facilitator's held or queued news and notes, a team's rationale, a computer's alternatives) give
the same projection; what the public may know (the board, the news) is in it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from game.play.observer import PUBLIC, observe
from game.play.session import Game
from game.rules.model import SEATS
from game.words.projector import last_turn_over, players_of, project
from tests.engine.test_observer import CONTROLLERS, GAMES, _reachable, _rehidden, _relogged, _reseeded

PLAYERS = players_of(CONTROLLERS, {"turkey": "Ankara", "usa": "Washington"})


def _projection(game: Game, state, log):
    return project(observe(state, PUBLIC, log=log, seats=game.seats), PLAYERS)


@settings(max_examples=25, deadline=None)
@given(**GAMES)
def test_what_the_public_may_not_know_changes_nothing_the_projector_says(rules, seed, steps, facilitating, salt):
    game = _reachable(rules, seed, steps, facilitating)
    state = game.state
    seen = _projection(game, state, game.log)
    other = _reseeded(_rehidden(state, PUBLIC, salt), salt)
    if state.over:  # once over, everyone knows everything
        return
    assert _projection(game, other, _relogged(game.log, PUBLIC, salt)) == seen
    words = " ".join(text for _kind, text in seen.recent) + seen.waiting
    assert "our plan" not in words, "a team's rationale is its own until the game ends"
    assert "next best" not in words, "a computer's alternatives are cards still in its hand"


def test_the_projection_has_this_turns_news_the_question_and_the_teams(rules):
    game = _reachable(rules, 5, 30, 0)
    log = game.log
    p = _projection(game, game.state, log)
    start = max(i for i, e in enumerate(log) if e[0] == "turn")
    news = [e[1] for e in log[start:] if e[0] == "news"]
    assert news and [n.card for n in p.news] == news
    events = [e[1] for e in log if e[0] == "event" and rules.cards[e[1]].question]
    assert p.discussion is not None and p.discussion.card == events[-1]
    assert p.discussion.question == rules.cards[events[-1]].question
    assert [r.player for r in p.scores][1] == "Ankara" and [r.player for r in p.scores][0] == "AI normal"
    assert [r.vp for r in p.scores] == list(game.state.vp)
    mover = game.state.seat_to_move
    assert p.mover == mover and p.scores[mover].to_move and sum(r.to_move for r in p.scores) == 1
    assert p.waiting.startswith(("Russia", "Turkey", "China", "The US", "Central Asia"))


def test_a_turn_is_over_once_its_upkeep_is_in_the_log(rules):
    game = Game.start(rules, 3, {s: "random" for s in SEATS})
    assert last_turn_over(tuple(game.log)) is None
    from game.ai import decide

    while game.state.turn == 1:
        game.play(decide("random", game.state, len(game.moves)).choice)
    assert last_turn_over(tuple(game.log)) == 1


@pytest.mark.parametrize("viewer", [0, "facilitator"])
def test_only_the_public_view_is_projected(rules, viewer):
    game = Game.start(rules, 3, {s: "random" for s in SEATS})
    with pytest.raises(ValueError, match="public"):
        project(game.observe(viewer), PLAYERS)
    with pytest.raises(ValueError, match="log"):
        project(game.observe(PUBLIC, log=False), PLAYERS)
