"""The turn's summary without a screen (game.words.summary, and when the table shows it): it
matches the log of a real played turn, it reads only what the viewer may read, a log kind it
does not know is still said, and the table holds the game while a person reads it."""

from __future__ import annotations

import pytest

from game.ai import answer, decide
from game.play.observer import AFTER, FACILITATOR, PUBLIC, SEAT_VIEWERS, observe
from game.play.session import Game
from game.play.table import NOT_YOUR_MOVE, PACES, SUMMARY_PACES, Table
from game.rules.model import COUNTRIES, SEATS
from game.words.log import describe
from game.words.summary import FIELDS, summarise, turn_bounds, turn_summary
from tests.engine.test_observer import CONTROLLERS, _rehidden, _relogged, _reseeded

RANDOM = {s: "random" for s in SEATS}


def played(rules, seed: int, turns: int, seats: dict = RANDOM) -> Game:
    """A game of random moves played until turn ``turns`` + 1 has begun (or the game ended)."""
    game = Game.start(rules, seed, seats)
    while not game.over and game.state.turn <= turns:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, d.reason)
    return game


def with_incursion(rules) -> tuple[Game, int]:
    """A game whose first or second turn had an incursion, and that turn."""
    for seed in range(1, 200):
        game = played(rules, seed, 2)
        if game.over:
            continue
        for turn in (1, 2):
            start, _, _, end = turn_bounds(tuple(game.log), turn)
            if any(e[0] == "t_incursion" for e in game.log[start:end]):
                return game, turn
    raise AssertionError("no incursion in 200 games")


def test_the_summary_of_a_played_turn_says_what_its_log_says(rules):
    game, turn = with_incursion(rules)
    summary = turn_summary(game, turn, PUBLIC)
    log = tuple(game.log)
    start, taliban, upkeep, end = turn_bounds(log, turn)
    assert log[taliban] == ("phase", "taliban") and log[upkeep] == ("phase", "upkeep")
    # The Taliban's incursions, with their numbers, in the log's own words.
    incursions = [e for e in log[taliban:upkeep] if e[0] == "t_incursion"]
    assert incursions and summary.incursions == len(incursions)
    for entry in incursions:
        assert describe(entry, rules).strip() in summary.taliban
        assert f"pressure {entry[2]}" in describe(entry, rules)
    # Every entry of the Taliban phase but the board's changes (shown as the board) is said.
    said = [e for e in log[taliban + 1:upkeep] if e[0] not in ("field", "track", "influence", "vp", "base")]
    assert list(summary.taliban) == [describe(e, rules).strip() for e in said]
    # Every VP entry of the turn, by seat and category: the upkeep's and those of the play before it.
    for seat in range(len(SEATS)):
        score = summary.scores[seat]
        for part, entries in ((score.upkeep, log[upkeep:end]), (score.during, log[start:upkeep])):
            expected: dict = {}
            for e in entries:
                if e[0] == "vp" and e[1] == seat:
                    expected[e[3]] = expected.get(e[3], 0) + e[2]
            assert dict(part) == {k: v for k, v in expected.items() if v}
        assert score.gained == sum(v for _, v in score.upkeep + score.during)
        # The VP after the upkeep, as the state recorded them then.
        assert score.total == game.state.history[turn - 1][seat]
    lines = "\n".join(summary.lines())
    assert summary.date in lines and "Victory points this turn" in lines


def test_the_board_before_the_first_turn_is_the_scenarios_and_after_it_the_next_turns_start(rules):
    game = played(rules, 4, 2)
    scenario = rules.scenario
    first, second = turn_summary(game, 1, PUBLIC), turn_summary(game, 2, PUBLIC)
    assert [t[1] for t in first.tracks] == list(scenario.tracks)
    for change, cs in zip(first.states, scenario.countries):
        before = {f: b for f, b, _ in change.fields}
        assert before["stability"] == cs.stability and before["refugees"] == cs.refugees
        assert before["discontent"] == cs.discontent and before.get("border") == cs.border
    # What turn 1's upkeep left is what turn 2 began with (its news comes after, and is undone).
    assert [t[2] for t in first.tracks] == [t[1] for t in second.tracks]
    for a, b in zip(first.states, second.states):
        assert [(f, x) for f, _, x in a.fields] == [(f, x) for f, x, _ in b.fields]
        assert a.leader[1] == b.leader[0]
    assert [s.total for s in first.scores] == [s.total - s.gained for s in second.scores]


def test_who_took_or_lost_a_lead_is_said(rules):
    for seed in range(1, 60):
        game = played(rules, seed, 1)
        summary = turn_summary(game, 1, PUBLIC)
        changed = [s for s in summary.states if s.leader[0] != s.leader[1]]
        if changed:
            assert len(summary.leads) == len(changed)
            for s in changed:
                where = COUNTRIES[s.country].capitalize()
                assert any(where in line for line in summary.leads)
            return
    raise AssertionError("no lead changed hands in 60 games")


def test_a_log_kind_the_summary_does_not_know_is_said_by_the_logs_words_and_never_dropped(rules):
    game = played(rules, 5, 1)
    start, taliban, upkeep, end = turn_bounds(tuple(game.log), 1)
    operation = ("t_new_operation", 2, "an operation the lead has not worded yet")
    private = ("a_new_private_kind", 3)
    game.log[upkeep:upkeep] = [operation, private]
    for viewer in SEAT_VIEWERS + (PUBLIC, FACILITATOR, AFTER):
        summary = turn_summary(game, 1, viewer)
        assert describe(operation, rules).strip() in summary.taliban, "a Taliban kind is public"
        shown = describe(private, rules).strip() in summary.taliban
        # A kind the observer has not classified stays hidden from the seats and the public.
        assert shown == (viewer in (FACILITATOR, AFTER))


def test_what_a_seat_may_not_know_changes_nothing_in_its_summary(rules):
    from tests.engine.test_observer import _reachable

    checked = 0
    for seed in (3, 8, 21):
        game = _reachable(rules, seed, 160, 10)
        if game.over:
            continue
        done = game.state.turn - 1
        for viewer in SEAT_VIEWERS + (PUBLIC,):
            other = _reseeded(_rehidden(game.state, viewer, seed), seed)
            other_log = _relogged(game.log, viewer, seed)
            for turn in range(1, done + 1):
                mine = summarise(observe(game.state, viewer, log=game.log, seats=CONTROLLERS), turn)
                theirs = summarise(observe(other, viewer, log=other_log, seats=CONTROLLERS), turn)
                assert mine == theirs
                checked += 1
    assert checked, "some turn was summarised"


def test_a_note_in_the_upkeep_is_the_facilitators_not_the_seats(rules):
    """The property has teeth: what a seat may not read would show if the summary read it."""
    game = played(rules, 6, 1, CONTROLLERS)
    _, _, upkeep, _ = turn_bounds(tuple(game.log), 1)
    note = ("note", 1, "Watch Tajikistan next turn")
    game.log.insert(upkeep + 1, note)
    said = describe(note, rules).strip()
    assert said in turn_summary(game, 1, FACILITATOR).upkeep
    for viewer in SEAT_VIEWERS + (PUBLIC,):
        assert said not in turn_summary(game, 1, viewer).upkeep


def test_a_summary_needs_the_log_and_a_turn_that_happened(rules):
    game = played(rules, 2, 1)
    with pytest.raises(ValueError):
        summarise(game.observe(PUBLIC, log=False), 1)
    assert turn_summary(game, 9, PUBLIC) is None
    assert [f for f, _, _ in turn_summary(game, 1, PUBLIC).states[0].fields] == list(FIELDS)


# --- when the table shows it -----------------------------------------------------------------


class FakeTime:
    def __init__(self, now: float = 100.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def to_turn_end(table: Table, limit: int = 400) -> None:
    """Play (the people's first choices, the computers' answers) until a summary waits."""
    for _ in range(limit):
        if table.summary_turn is not None or table.ended:
            return
        if table.handoff_for is not None:
            table.handed_over(table.handoff_for)
        elif table.human_to_move():
            table.choose(table.game.legal()[0])
        else:
            table.play_computers(answer)
    raise AssertionError("the turn never ended")


def test_a_person_reads_the_summary_before_anything_else_happens(rules):
    table = Table(Game.start(rules, 7, {**RANDOM, "russia": "human"}), summaries=True, clock=FakeTime())
    to_turn_end(table)
    assert table.summary_turn == 1 and table.game.state.turn == 2
    assert table.summary_reader == 0 and table.summary_delay() is None, "it waits for a key"
    moves = len(table.game.moves)
    if table.request is not None:
        assert table.reveal_delay() is None
        table.play_computers(answer)
    else:
        assert table.choose(table.game.legal()[0]) == NOT_YOUR_MOVE
    assert len(table.game.moves) == moves, "nothing is played under the summary"
    table.summary_read()
    assert table.summary_turn is None
    to_turn_end(table)
    assert table.summary_turn == 2


def test_on_a_shared_screen_the_summary_is_the_publics(rules):
    table = Table(Game.start(rules, 7, {**RANDOM, "russia": "human", "usa": "human"}), summaries=True)
    to_turn_end(table)
    assert table.summary_turn == 1 and table.summary_reader == PUBLIC


def test_nobody_waits_for_a_summary_nobody_has_to_read(rules):
    clock = FakeTime()
    table = Table(Game.start(rules, 7, dict(RANDOM)), summaries=True, pace="normal", clock=clock)
    to_turn_end(table)
    assert table.summary_turn == 1 and table.summary_reader == PUBLIC
    assert table.summary_delay() == pytest.approx(SUMMARY_PACES * PACES["normal"]), "at the AI's pace"
    clock.now += 1.0
    assert table.summary_delay() == pytest.approx(SUMMARY_PACES * PACES["normal"] - 1.0)
    table.set_paused(True)
    assert table.summary_delay() is None, "held while paused"
    table.set_paused(False)
    table.summary_read()
    assert table.summary_turn is None and table.request is not None, "play goes on"


def play_into_turn_2(table: Table, fast: bool = False) -> None:
    for _ in range(400):
        if table.game.state.turn > 1:
            return
        if table.human_to_move():
            table.choose(table.game.legal()[0])
        else:
            table.fast_forward = fast  # (a person's decision turns fast-forward off)
            table.play_computers(answer)
    raise AssertionError("turn 1 never ended")


def test_the_instant_pace_and_fast_forward_skip_it_and_only_the_tui_asks_for_it(rules):
    instant = Table(Game.start(rules, 7, dict(RANDOM)), summaries=True, pace="instant")
    fast = Table(Game.start(rules, 7, {**RANDOM, "russia": "human"}), summaries=True)
    plain = Table(Game.start(rules, 7, {**RANDOM, "russia": "human"}))  # the text client, the simulator
    for table, fast_forward in ((instant, False), (fast, True), (plain, False)):
        play_into_turn_2(table, fast_forward)
        assert table.summary_turn is None


def test_a_teams_phase_clock_waits_while_the_class_reads_the_summary(rules):
    from game.play.seminar import Seminar

    now = FakeTime()
    # Turkey's team moves first in turn 2 (initiative rotates), right after turn 1's summary.
    game = Game.start(rules, 4, {**RANDOM, "turkey": "human"},
                      seminar=Seminar(teams={"turkey": "Blue"}, phase_seconds=90))
    table = Table(game, clock=now, summaries=True)
    to_turn_end(table)
    assert table.summary_turn == 1 and table.game.state.seat_to_move == SEATS.index("turkey")
    assert table.team_clock() is None, "no team decides under the summary"
    now.now += 50
    table.summary_read()
    clock = table.team_clock()
    assert clock is not None and clock.remaining(now()) == 90, "the reading took none of Blue's time"
    now.now += 30
    assert clock.remaining(now()) == 60
