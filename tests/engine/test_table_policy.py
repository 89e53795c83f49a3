"""The table's policy that pilot tests used to check through the screen, checked here on a bare
``Table``: what a seat at the keyboard may read, undo, hot-seat after a load, an offer in a
loaded game, and the facilitator's moves (adjudication, inject, coming news, notes, the pause,
the console) with the words the teams' log gives them."""

from __future__ import annotations

from game.ai import answer
from game.play.observer import ALTERNATIVES, PUBLIC, observe, readable_log
from game.play.save import load_game, save_game
from game.play.seminar import Seminar, coming_news
from game.play.session import Game
from game.play.table import NO_UNDO, Table
from game.rules.model import SEATS, TRACK_INDEX, COUNTRIES
from game.words.log import describe

from tests.engine.test_table import FakeTime, seat, seats


def teams_read(table: Table) -> str:
    """The log in words as the reader at the table may read it (as the game screen's log)."""
    game = table.game
    return "\n".join(describe(e, game.rules) for e in readable_log(game.log, table.reader, game.seats, game.over)
                     if e[0] != "reason")


def russia_to_move(rules, seed: int = 7, **more) -> Table:
    table = Table(Game.start(rules, seed, seats(russia="human", **more)), clock=FakeTime())
    table.play_computers(answer)
    assert table.human_to_move() and table.viewer == seat("russia")
    return table


# --- what the seat at the keyboard reads ------------------------------------------------------


def test_a_player_reads_the_computers_reasons_without_their_alternatives(rules):
    everyone = {s: "ai:normal" for s in SEATS}
    table = Table(Game.start(rules, 11, {**everyone, "russia": "human"}), clock=FakeTime())
    for _ in range(40):
        table.play_computers(answer)
        if any(e[0] == "reason" and e[1] != 0 and ALTERNATIVES in e[2] for e in table.game.log):
            break
        table.choose(table.game.legal()[0])
    game = table.game
    assert any(e[0] == "reason" and e[1] != 0 and ALTERNATIVES in e[2] for e in game.log), \
        "the computers did weigh alternatives"
    assert table.reader == seat("russia")
    read = readable_log(game.log, table.reader, game.seats, game.over)
    reasons = [e for e in read if e[0] == "reason" and e[1] != 0]
    assert reasons and not any(ALTERNATIVES.strip() in e[2] for e in reasons)


def test_under_a_handoff_nobodys_hand_is_readable_then_only_the_holders(rules):
    table = Table(Game.start(rules, 7, seats(russia="human", turkey="human")), clock=FakeTime())
    table.play_computers(answer)
    assert table.handoff_for == seat("russia") and table.reader == PUBLIC
    seen = observe(table.game.state, table.reader)
    assert seen.hand == () and seen.hands == (None,) * len(SEATS), "the public reads no hand"
    table.handed_over(seat("russia"))
    for _ in range(200):
        if table.handoff_for == seat("turkey"):
            break
        if table.human_to_move():
            table.choose(table.game.legal()[0])
        table.play_computers(answer)
    assert table.handoff_for == seat("turkey") and table.viewer is None and table.reader == PUBLIC
    table.handed_over(seat("turkey"))
    assert table.reader == seat("turkey") == table.holder and table.human_to_move()
    seen = observe(table.game.state, table.reader)
    assert list(seen.hand) == list(table.game.state.hands[seat("turkey")])
    assert [s for s, h in enumerate(seen.hands) if h is not None] == [seat("turkey")]


# --- undo -------------------------------------------------------------------------------------


def test_undo_is_refused_once_another_seat_has_acted(rules):
    table = russia_to_move(rules)
    before, start = table.game.state, len(table.game.moves)
    assert table.undo_steps() == 0
    table.choose(table.game.legal()[0])
    assert len(table.game.moves) == start + 1 and table.undo_steps() == 1
    assert table.undo() is None
    assert len(table.game.moves) == start and table.game.state == before, "exactly the earlier position"
    for _ in range(40):  # Russia's whole action, then the computers'
        if table.human_to_move():
            table.choose(table.game.legal()[0])
        table.play_computers(answer)
        if any(m.reason for m in table.game.moves) and table.game.state.seat_to_move == 0:
            break
    assert any(m.reason for m in table.game.moves), "other seats have acted"
    assert table.undo_steps() == 0
    n = len(table.game.moves)
    assert table.undo() == NO_UNDO and len(table.game.moves) == n


# --- loading --------------------------------------------------------------------------------


def test_a_loaded_hot_seat_game_hands_the_keyboard_to_the_seat_to_move(rules, tmp_path):
    game = Game.start(rules, 7, {s: "human" for s in SEATS})
    for _ in range(2):
        game.play(game.legal()[0])
    path = tmp_path / "auto.yaml"
    save_game(game, path)
    table = Table(load_game(path), autosave_to=path)
    to_move = table.game.state.seat_to_move
    assert table.handoff_for == to_move and table.viewer is None, "nobody holds the keyboard yet"
    table.handed_over(to_move)
    assert table.viewer == to_move and table.human_to_move()
    n = len(table.game.moves)
    assert table.choose(table.game.legal()[0]) is None and len(table.game.moves) == n + 1


def test_an_offer_in_a_loaded_game_waits_for_its_answer(rules, tmp_path):
    from tests.tui.conftest import game_with_offer

    game = game_with_offer(rules)
    n = len(game.moves)
    path = tmp_path / "offer.yaml"
    save_game(game, path)
    table = Table(load_game(path))
    assert table.offer_waiting()
    table.console_shown(True)
    assert not table.offer_waiting(), "no offer over the open console"
    table.console_shown(False)
    assert table.choose(("reject",)) is None and table.game.moves[n].choice == ("reject",)


# --- the facilitator's moves ------------------------------------------------------------------


def test_an_adjudication_needs_a_reason_and_stays_in_bounds(rules):
    table = russia_to_move(rules)
    tension = table.game.state.tracks[TRACK_INDEX["tension"]]
    moves, state = len(table.game.moves), table.game.state
    assert "needs a written reason" in table.facilitate(("adjust", "tension", "+1"))
    assert "needs a written reason" in table.facilitate(("adjust", "tension", "+1"), "   ")
    assert (len(table.game.moves), table.game.state) == (moves, state), "refused: nothing changed"
    assert table.facilitate(("adjust", "tension", "+1"), "Beijing and Washington trade sanctions") is None
    assert table.game.state.tracks[TRACK_INDEX["tension"]] == tension + 1
    assert table.game.moves[-1].choice == ("adjust", "tension", "+1")
    assert table.game.moves[-1].reason == "Beijing and Washington trade sanctions"
    assert f"Adjudication: Sino-American tension {tension} -> {tension + 1}." in teams_read(table)
    moves, state = len(table.game.moves), table.game.state
    refused = table.facilitate(("adjust", f"stability:{COUNTRIES[0]}", "-9"), "a coup")
    assert refused is not None and "it must stay from 1 to 10" in refused
    assert (len(table.game.moves), table.game.state) == (moves, state)


def test_an_inject_is_a_move_its_event_follows_and_it_happens_once(rules):
    table = russia_to_move(rules)
    n = len(table.game.moves)
    assert table.facilitate(("inject", "jobless-youth")) is None
    game = table.game
    assert game.moves[n].choice == ("inject", "jobless-youth")
    i = game.log.index(("inject", "jobless-youth", None, None))
    assert game.log[i + 1] == ("event", "jobless-youth", None)
    assert "Facilitator injects Jobless youth." in teams_read(table)
    moves = len(game.moves)
    refused = table.facilitate(("inject", "jobless-youth"))
    assert refused is not None and "already happened" in refused and len(table.game.moves) == moves


def test_a_neutral_card_is_injected_for_the_seat_named_and_play_comes_back(rules):
    table = russia_to_move(rules)
    assert "neutral card" in table.facilitate(("inject", "humanitarian-relief"))
    table.console_shown(True)
    assert table.facilitate(("inject", "humanitarian-relief", "turkey")) is None
    assert ("event", "humanitarian-relief", seat("turkey")) in table.game.log
    assert table.game.state.seat_to_move == seat("turkey") and table.request is not None
    assert table.decided(table.request.token, *answer(table.request))
    assert not table.reveal() and table.game.state.seat_to_move == seat("turkey"), \
        "nothing is revealed over the console"
    table.console_shown(False)
    table.play_computers(answer)  # Turkey (the computer) chooses the relief's target
    assert table.game.state.seat_to_move == seat("russia") and table.human_to_move()


def test_hold_next_and_release_change_the_coming_news_unseen_by_the_teams(rules):
    table = russia_to_move(rules)
    first = coming_news(table.game.state)[0].card
    assert table.facilitate(("hold", first)) is None
    coming = coming_news(table.game.state)
    assert coming[0].card != first and (coming[-1].card, coming[-1].where) == (first, "held")
    later = coming[4].card
    assert table.facilitate(("next", later)) is None
    coming = coming_news(table.game.state)
    assert (coming[0].card, coming[0].where) == (later, "next")
    assert table.facilitate(("release", first)) is None
    assert first not in table.game.state.held
    assert [m.choice[0] for m in table.game.moves[-3:]] == ["hold", "next", "release"]
    text = teams_read(table)
    assert "holds back" not in text and "brings the news card" not in text and "releases" not in text


def test_a_note_is_kept_with_its_turn_and_hidden_from_the_teams(rules):
    table = russia_to_move(rules)
    assert "needs some text" in table.facilitate(("note",), "")
    assert not any(e[0] == "note" for e in table.game.log)
    assert table.facilitate(("note",), "Moscow hesitates over the pledge") is None
    turn = table.game.state.turn
    assert ("note", turn, "Moscow hesitates over the pledge") in table.game.log
    assert not any(e[0] == "note" for e in readable_log(table.game.log, table.reader, table.game.seats, False))
    assert "Moscow hesitates" not in teams_read(table)


def test_under_the_pause_an_inject_is_decided_for_but_not_revealed(rules):
    table = russia_to_move(rules)
    table.set_paused(True)
    assert table.facilitate(("inject", "a-meaningful-milestone")) is None, "the facilitator still acts"
    assert table.game.state.seat_to_move == seat("usa") and table.thinking == seat("usa")
    table.play_computers(answer)  # waits for the pause to end
    assert not table.move_decided
    assert table.decided(table.request.token, *answer(table.request))  # it thinks, but does not move
    assert not table.reveal()
    assert table.game.moves[-1].choice == ("inject", "a-meaningful-milestone")
    assert table.move_decided and table.reveal_delay() is None, "the decision waits"
    table.set_paused(False)
    assert table.reveal()
    table.play_computers(answer)
    assert table.game.state.seat_to_move == seat("russia"), "the US moved; Russia decides again"


def test_a_handoff_waits_while_the_console_is_open(rules):
    game = Game.start(rules, 7, seats(russia="human", turkey="human"),
                      seminar=Seminar(teams={"russia": "Moscow", "turkey": "Ankara"}, turns=3, phase_seconds=120))
    table = Table(game, clock=FakeTime())
    table.play_computers(answer)
    assert table.handoff_for == seat("russia")
    table.handed_over(seat("russia"))
    table.console_shown(True)
    assert table.facilitate(("inject", "risky-gamble", "turkey")) is None  # Ankara chooses the target
    assert table.game.state.seat_to_move == seat("turkey")
    assert table.handoff_for == seat("turkey") and table.viewer is None, "Moscow's hand is not shown"
    assert table.team_clock() is None, "no team's clock runs under a pending handover"
    table.console_shown(False)
    assert table.handoff_for == seat("turkey")
    table.handed_over(seat("turkey"))
    assert table.viewer == seat("turkey") and table.team_clock().label == "Ankara"


def test_a_handoff_pending_when_the_console_opens_is_replaced_by_the_new_seats(rules):
    game = Game.start(rules, 7, seats(russia="human", turkey="human"),
                      seminar=Seminar(teams={"russia": "Moscow", "turkey": "Ankara"}, turns=3, phase_seconds=120))
    table = Table(game, clock=FakeTime())
    table.play_computers(answer)
    assert table.handoff_for == seat("russia")
    table.console_shown(True)
    assert table.facilitate(("inject", "risky-gamble", "turkey")) is None
    table.console_shown(False)
    assert table.handoff_for == seat("turkey")
    table.handed_over(seat("russia"))  # the stale handover's answer changes nothing
    assert table.viewer is None and table.handoff_for == seat("turkey")


# --- the seminar's clock ----------------------------------------------------------------------


def test_no_clock_in_an_ordinary_game_and_none_while_nobody_holds_the_keyboard(rules):
    table = russia_to_move(rules)
    assert table.clock is None and table.team_clock() is None
    game = Game.start(rules, 7, seats(russia="human", turkey="human"),
                      seminar=Seminar(teams={"russia": "Moscow", "turkey": "Ankara"}, turns=3, phase_seconds=60))
    table = Table(game, clock=FakeTime())
    table.play_computers(answer)
    assert table.handoff_for is not None and table.team_clock() is None, "between two teams"
    table.handed_over(table.handoff_for)
    assert table.team_clock() is not None


def test_a_stopped_clock_keeps_its_time_and_a_skipped_one_is_out(rules):
    now = FakeTime()
    game = Game.start(rules, 7, seats(russia="human"),
                      seminar=Seminar(teams={"russia": "Moscow"}, turns=3, phase_seconds=60))
    table = Table(game, clock=now)
    table.play_computers(answer)
    clock = table.team_clock()
    now.now += 20
    table.clock_toggle()
    assert clock.paused and clock.remaining(now()) == 40
    now.now += 1000
    assert clock.remaining(now()) == 40
    table.clock_skip()
    assert clock.out(now()) and clock.paused
    table.clock_toggle()
    assert not clock.paused and clock.out(now()) and table.team_clock() is clock, "time is up"
    n = len(table.game.moves)
    assert table.choose(table.game.legal()[0]) is None and len(table.game.moves) == n + 1, "never passed over"
