"""The table's policy, without a screen: turns and hot-seat handovers, computer requests and
their tokens, reveal pacing and the phase clock on a fake clock, pause, undo and autosave."""

from __future__ import annotations

import pytest

from game.rules import moves as M
from game.ai import answer
from game.rules.model import SEATS
from game.play.save import load_game
from game.play.seminar import Seminar
from game.play.session import Game
from game.play.table import GONE, NO_UNDO, NOT_YOUR_MOVE, PACES, PAUSED, Table
from game.play.observer import AFTER, PUBLIC


class FakeTime:
    """A monotonic clock that moves only when told."""

    def __init__(self, now: float = 100.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def seats(**people) -> dict:
    out = {s: "random" for s in SEATS}
    out.update(people)
    return out


def seat(name: str) -> int:
    return SEATS.index(name)


def play_to_person(table: Table) -> None:
    table.play_computers(answer)


def test_hot_seat_hands_the_keyboard_over_before_a_hand_is_shown(rules):
    table = Table(Game.start(rules, 5, seats(russia="human", turkey="human")))
    watched = []
    table.watchers.append(lambda: watched.append(table.handoff_for))
    play_to_person(table)
    first = table.game.state.seat_to_move
    assert table.handoff_for == first and table.viewer is None and table.reader == PUBLIC
    assert table.choose(table.game.legal()[0]) == NOT_YOUR_MOVE, "no move before the handover"
    table.handed_over(first)
    assert table.viewer == first and table.holder == first and table.handoff_for is None
    assert watched, "a handover is a change the watchers hear of"
    moves = len(table.game.moves)
    assert table.choose(table.game.legal()[0]) is None
    assert len(table.game.moves) == moves + 1
    # Play on until the other person's seat comes up: it must be handed over too.
    other = seat("turkey") if first == seat("russia") else seat("russia")
    for _ in range(400):
        play_to_person(table)
        if table.handoff_for == other:
            break
        if table.human_to_move():
            table.choose(table.game.legal()[0])
    assert table.handoff_for == other and table.viewer is None


def test_one_person_never_hands_over_and_reads_as_their_seat(rules):
    table = Table(Game.start(rules, 5, seats(china="human")))
    play_to_person(table)
    assert table.handoff_for is None
    assert table.viewer == seat("china") == table.reader
    assert table.human_to_move()


def test_each_screen_its_own_no_handover(rules):
    """Seats at their own screens (a networked table) never pass a keyboard."""
    table = Table(Game.start(rules, 5, seats(russia="human", turkey="human")), shared_screen=False)
    play_to_person(table)
    assert table.handoff_for is None and table.human_to_move()


def test_a_stale_computer_answer_is_dropped(rules):
    table = Table(Game.start(rules, 3, seats()), clock=FakeTime())
    request = table.request
    assert request is not None and table.thinking == request.seat == table.game.state.seat_to_move
    choice, reason = answer(request)
    assert not table.decided(request.token + 1, choice, reason), "an answer to another position"
    assert not table.move_decided
    # The facilitator changes the position: the request is asked again with a new token.
    assert table.facilitate(M.note(), "a word for the class") is None
    assert table.request is not None and table.request.token != request.token
    assert not table.decided(request.token, choice, reason)
    assert table.decided(table.request.token, *answer(table.request))
    assert table.move_decided and table.reveal()
    assert table.game.moves[-1].choice != M.note()


def test_reveals_keep_to_the_pace_on_the_injected_clock(rules):
    now = FakeTime()
    table = Table(Game.start(rules, 3, seats()), pace="slow", clock=now)
    assert table.reveal_delay() is None, "nothing decided yet"
    table.decided(table.request.token, *answer(table.request))
    assert table.reveal_delay() == 0.0, "the first computer move shows at once"
    table.reveal()
    table.decided(table.request.token, *answer(table.request))
    full = PACES["slow"]
    quick = table.game.state.pending.kind in (M.PENDING_OPS, M.PENDING_TARGET, M.PENDING_OPTION) \
        or M.kind_of(table._decision[0]) == M.END
    expected = full / 3 if quick else full
    assert table.reveal_delay() == pytest.approx(expected)
    now.now += 0.25
    assert table.reveal_delay() == pytest.approx(max(0.0, expected - 0.25))
    table.toggle_fast_forward()  # fast-forward reveals the waiting move at once
    assert not table.move_decided and table.fast_forward
    table.decided(table.request.token, *answer(table.request))
    assert table.reveal_delay() == 0.0


def test_the_pause_holds_computer_moves_and_people(rules):
    table = Table(Game.start(rules, 3, seats(russia="human")), clock=FakeTime())
    play_to_person(table)
    table.set_paused(True)
    assert table.choose(table.game.legal()[0]) == PAUSED
    table.set_paused(False)
    assert table.choose(table.game.legal()[0]) is None
    while table.request is None:  # Russia finishes its action; then a computer moves
        table.choose(table.game.legal()[0])
    table.set_paused(True)
    table.decided(table.request.token, *answer(table.request))
    assert table.reveal_delay() is None and not table.reveal()
    table.play_computers(answer)
    assert table.move_decided, "play_computers waits for the pause to end"
    table.set_paused(False)
    assert table.reveal_delay() == 0.0 and table.reveal()


def test_the_console_holds_moves_until_it_closes(rules):
    table = Table(Game.start(rules, 3, seats()), clock=FakeTime())
    table.console_shown(True)
    table.decided(table.request.token, *answer(table.request))
    assert table.reveal_delay() is None and not table.reveal()
    table.console_shown(False)
    assert table.reveal()


def test_a_refused_choice_is_named_and_changes_nothing(rules):
    table = Table(Game.start(rules, 3, seats(russia="human")))
    play_to_person(table)
    before = len(table.game.moves)
    assert table.choose(("nonsense", 1)) == GONE
    assert table.choose(M.note()) == GONE, "a facilitator's move is not a seat's"
    assert len(table.game.moves) == before
    assert table.facilitate(table.game.legal()[0]).startswith(repr(M.text(table.game.legal()[0])))


def test_undo_takes_back_only_the_persons_own_move(rules):
    table = Table(Game.start(rules, 7, seats(russia="human")))
    play_to_person(table)
    assert table.undo() == NO_UNDO
    for _ in range(20):  # a choice that draws no chance and keeps Russia to move
        legal = table.game.legal()
        before = table.game.state
        table.choose(legal[0])
        if table.undo_steps():
            break
        play_to_person(table)
    assert table.undo_steps() == 1, "seed 7 gives Russia a move it may take back"
    moves = len(table.game.moves)
    assert table.undo() is None
    assert len(table.game.moves) == moves - 1 and table.game.state is before


def test_the_phase_clock_runs_on_the_injected_clock(rules):
    now = FakeTime()
    game = Game.start(rules, 4, seats(russia="human"), seminar=Seminar(teams={"russia": "Red"}, phase_seconds=90))
    table = Table(game, clock=now)
    play_to_person(table)
    clock = table.team_clock()
    assert clock is not None and clock.label == "Red" and clock.remaining(now()) == 90
    now.now += 30
    assert table.team_clock().remaining(now()) == 60
    table.set_paused(True)
    now.now += 100
    assert clock.remaining(now()) == 60, "the pause stops the clock"
    table.set_paused(False)
    table.clock_extend(60)
    assert clock.remaining(now()) == 120
    table.clock_skip()
    assert clock.out(now())
    phase = table.phase_key()
    table.choose(table.game.legal()[0])
    play_to_person(table)
    assert table.phase_key() != phase and table.team_clock() is not None, "Russia's next phase"
    assert table.team_clock() is not clock and table.team_clock().remaining(now()) == 90


def test_autosave_after_each_turn_and_failure_is_told(rules, tmp_path):
    path = tmp_path / "auto.yaml"
    table = Table(Game.start(rules, 9, seats()), autosave_to=path, pace="instant")
    while table.game.state.turn == 1:
        table.decided(table.request.token, *answer(table.request))
        table.reveal()
    assert path.exists() and len(load_game(path).moves) == len(table.game.moves)
    table.autosave_to = tmp_path  # a folder: cannot be written
    assert table.autosave() is not None
    assert any("Autosave failed" in n for n in table.take_notices())
    assert table.take_notices() == []


def test_a_finished_game_reads_as_after(rules):
    table = Table(Game.start(rules, 2, seats()), pace="instant")
    table.play_computers(answer)
    assert table.ended and table.request is None and table.reader == AFTER


def test_the_table_plays_the_same_game_as_the_ais_alone(rules):
    """The table adds policy, never moves: driven to the end, it makes the same game as
    asking the AIs move by move."""
    from game.ai import decide

    direct = Game.start(rules, 11, seats(china="ai:easy"))
    while not direct.over:
        d = decide(direct.controller(), direct.state, len(direct.moves))
        direct.play(d.choice, d.reason)
    table = Table(Game.start(rules, 11, seats(china="ai:easy")))
    table.play_computers(answer)
    assert [m.choice for m in table.game.moves] == [m.choice for m in direct.moves]
    assert table.game.log == direct.log


def test_play_computers_stops_when_a_move_is_held(rules):
    """Under the console (or the pause) a decided move waits; the loop returns, never spins."""
    table = Table(Game.start(rules, 3, seats()), clock=FakeTime())
    table.console_shown(True)
    asked = []
    table.play_computers(lambda request: asked.append(request) or answer(request))
    assert len(asked) == 1 and table.move_decided and not table.game.moves
    table.console_shown(False)
    table.play_computers(answer)
    assert table.ended


def test_the_clock_cannot_run_while_the_game_is_paused(rules):
    now = FakeTime()
    game = Game.start(rules, 4, seats(russia="human"), seminar=Seminar(teams={"russia": "Red"}, phase_seconds=90))
    table = Table(game, clock=now)
    play_to_person(table)
    table.set_paused(True)
    table.clock_toggle()
    now.now += 30
    assert table.clock.paused and table.clock.remaining(now()) == 90, "the pause is the stronger stop"
    assert table.take_notices() == ["The game is paused: resume it to run the clock."]
    table.set_paused(False)
    now.now += 30
    assert table.clock.remaining(now()) == 60
    table.clock_toggle()  # not paused: the facilitator stops the clock alone
    now.now += 30
    assert table.clock.paused and table.clock.remaining(now()) == 60
