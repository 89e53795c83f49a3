"""The one door: every move, a seat's or the facilitator's, enters through ``Game``
(``legal``, ``refusal``, ``play``), and the game keeps the state each move was made in, so undo,
branches and replay frames read the past instead of replaying it from the seed."""

from __future__ import annotations

import pytest

import game.play.session as session
from game.rules import moves as M
from game.ai import decide
from game.rules.engine import IllegalChoice
from game.rules.model import SEATS
from game.words.replay import turn_frames
from game.play.save import digest, load_game
from game.play.seminar import Refused, refusal
from game.play.session import Game
from game.clients.sim import play_out
from tests.engine.seminar_fixture import FIXTURE

HUMAN_RUSSIA = {s: ("human" if s == "russia" else "random") for s in SEATS}


def _replayed(game: Game, count: int) -> Game:
    """The game's first ``count`` moves played again from the seed: what the past must equal."""
    fresh = game.restart()
    for move in game.moves[:count]:
        fresh.play(move.choice, move.reason)
    return fresh


def _played(rules, seed: int, moves: int, seats=HUMAN_RUSSIA) -> Game:
    game = Game.start(rules, seed, seats)
    while not game.over and len(game.moves) < moves:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, d.reason if game.controller() != "human" else None)
    return game


def test_refusal_gives_the_reason_play_would_raise(rules):
    game = Game.start(rules, 3, HUMAN_RUSSIA)
    assert all(game.refusal(c) is None for c in game.legal())
    wrong = M.play("no-such-card", M.OPS)
    why = game.refusal(wrong)
    assert why == f"'play no-such-card ops' is not a legal choice at this point (turn 1, {SEATS[game.state.seat_to_move]} to choose)"
    with pytest.raises(IllegalChoice):
        game.play(wrong)
    ruling = M.adjust("tension", 1)
    assert game.refusal(ruling) == refusal(game.state, ruling) == "an adjudication needs a written reason"
    with pytest.raises(Refused):
        game.play(ruling)
    assert game.moves == [] and game.before == []
    assert game.refusal(ruling, "sanctions") is None
    game.play(ruling, "sanctions")
    assert [m.choice for m in game.moves] == [("adjust", "tension", "+1")]


def test_a_finished_game_refuses_every_move(rules):
    game = play_out(Game.start(rules, 5, {s: "random" for s in SEATS}, keep_log=False))
    assert game.refusal(M.end()) == "the game is over"
    assert game.refusal(M.note(), "late") == "the game is over"


def test_the_game_keeps_the_state_each_move_was_made_in(rules):
    game = _played(rules, 11, 60)
    assert len(game.before) == len(game.moves)
    for i in (0, 1, 17, len(game.moves) - 1):
        again = _replayed(game, i)
        assert digest(game.state_before(i)) == digest(again.state)
        assert game.before[i][1] == len(again.log)
    assert game.state_before(len(game.moves)) is game.state


def test_undo_branch_and_frames_read_the_kept_states_not_the_seed(rules, monkeypatch):
    game = _played(rules, 11, 120)  # a seed whose random game outlives 120 moves
    expect_back, expect_branch = _replayed(game, len(game.moves) - 1), game.branch(2, "x.yaml")
    frames = [(f.turn, digest(f.state), digest(f.start), f.moves) for f in turn_frames(game)]

    def replaying(*args, **kwargs):
        raise AssertionError("replayed from the seed")

    monkeypatch.setattr(session, "apply", replaying)
    monkeypatch.setattr(session, "new_game", replaying)
    monkeypatch.setattr(session, "facilitate", replaying)
    back = game.rewound(1)
    assert digest(back.state) == digest(expect_back.state) and back.log == expect_back.log
    assert [m.choice for m in back.moves] == [m.choice for m in expect_back.moves]
    branch = game.branch(2, "x.yaml")
    assert digest(branch.state) == digest(expect_branch.state) and branch.log == expect_branch.log
    assert (branch.parent, branch.branched_at, branch.state.turn) == ("x.yaml", 2, 2)
    assert [(f.turn, digest(f.state), digest(f.start), f.moves) for f in turn_frames(game)] == frames
    assert len(game.moves) == len(game.before) == 120 and back is not game  # the game itself is untouched


def test_a_branch_and_a_rewind_play_on_like_a_game_replayed_from_its_seed(rules):
    game = _played(rules, 12, 90)  # a seed whose random game outlives 130 moves
    for taken in (game.branch(3, "x.yaml"), game.rewound(5)):
        again = _replayed(game, len(taken.moves))
        for _ in range(40):
            if taken.over:
                break
            d = decide("random", taken.state, len(taken.moves))
            taken.play(d.choice, d.reason)
            again.play(d.choice, d.reason)
        assert digest(taken.state) == digest(again.state) and taken.log == again.log


def _undoable_by_replay(game: Game) -> int:
    """The rule as the TUI computed it before it moved into Game: replaying from the seed."""
    seat = game.state.seat_to_move
    if seat is None or game.seats[SEATS[seat]] != "human" or not game.moves:
        return 0
    fresh = game.restart()
    marks = []
    for move in game.moves:
        before = fresh.state
        fresh.play(move.choice, move.reason)
        marks.append((before.seat_to_move, before.turn, before.counter, fresh.state.counter,
                      M.is_facilitator(move.choice)))
    count = 0
    for mover, turn, counter_before, counter_after, facilitator in reversed(marks):
        if facilitator or mover != seat or turn != game.state.turn or counter_before != counter_after:
            break
        count += 1
    return count


def test_the_undo_rule_lives_in_the_game(rules):
    """Own moves this turn, while no chance was drawn and nobody else acted; a facilitator's
    move fixes the past too."""
    seen = set()
    for seed in range(3):
        game = Game.start(rules, seed, HUMAN_RUSSIA)
        while not game.over and len(game.moves) < 150:
            assert game.undoable() == _undoable_by_replay(game)
            seen.add(game.undoable())
            if game.controller() == "human" and len(game.moves) % 7 == 3:
                game.play(M.note(), "the facilitator watches")
                assert game.undoable() == 0
            d = decide("random", game.state, len(game.moves))
            game.play(d.choice, None)
    assert {0, 1} <= seen


def test_a_loaded_seminar_save_keeps_its_states_too():
    game = load_game(FIXTURE)
    kinds = {M.kind_of(m.choice) for m in game.moves}
    assert {M.INJECT, M.ADJUST, M.NOTE} <= kinds
    for i in range(0, len(game.moves), 25):
        assert digest(game.state_before(i)) == digest(_replayed(game, i).state)
    back = game.rewound(len(game.moves))
    assert back.moves == [] and digest(back.state) == digest(game.restart().state)
