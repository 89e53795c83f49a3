"""The facilitator's console driven by keys: behind its confirmation, inject, coming news,
adjudication and its refusals, notes, the pause; the teams' rationales; the report key."""

from __future__ import annotations

from pathlib import Path

from game.rules.model import SEATS, TRACK_INDEX
from game.play.save import load_game, save_game
from game.play.seminar import coming_news
from game.play.session import Game
from game.clients.sim import play_out
from game.tui.screens.end import EndScreen
from game.tui.screens.facilitator import FacilitatorGate, FacilitatorScreen, SeatPicker
from game.tui.screens.game import GameScreen
from game.tui.screens.message import ConfirmDialog
from game.tui.screens.report import ReportScreen, free_path
from game.tui.widgets.log import GameLog
from tests.tui.conftest import RANDOM, make_app, seats, settle

SIZE = (100, 32)


def text_of(widget) -> str:
    return str(widget.render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def open_console(pilot) -> FacilitatorScreen:
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FacilitatorGate)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FacilitatorScreen)
    return pilot.app.screen


def game_log_text(app) -> str:
    for screen in app.screen_stack:
        if isinstance(screen, GameScreen):
            log = screen.query_one(GameLog)
            log.show(app.game, app.table.reader, force=True)
            return text_of(log.query_one("#log-text"))
    raise AssertionError("no game screen")


def new_game(rules, **humans) -> Game:
    return Game.start(rules, 7, seats(**(humans or {"russia": "human"})))


# --- the confirmation -------------------------------------------------------------------------


async def test_the_console_is_behind_a_confirmation(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = (len(app.game.moves), app.game.state)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorGate), "the key alone only asks"
        assert not any(isinstance(s, FacilitatorScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("ctrl+f")  # the other key, and Enter on the dialog, go back too
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorGate)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert (len(app.game.moves), app.game.state) == before, "nothing changed"
        await open_console(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)


async def test_the_palette_names_the_console_and_the_report(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from game.tui.commands import GameCommands

        names = [c[0] for c in GameCommands(app.screen)._commands()]
        assert "Facilitator console" in names and "Export the after-action report" in names


# --- inject -----------------------------------------------------------------------------------


async def test_an_inject_is_a_move_and_its_event_is_logged(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        n = len(app.game.moves)
        console = await open_console(pilot)
        await pilot.press("slash")
        await type_text(pilot, "jobless")
        await pilot.press("enter")  # back to the list, the one card left highlighted
        await pilot.pause()
        listing = console.query_one("#inject-list")
        assert listing.highlighted_option.id == "jobless-youth"
        assert "Discussion:" in text_of(console.query_one("#inject-detail"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is console
        assert app.game.moves[n].choice == ("inject", "jobless-youth")
        assert ("inject", "jobless-youth", None, None) in app.game.log
        i = app.game.log.index(("inject", "jobless-youth", None, None))
        assert app.game.log[i + 1] == ("event", "jobless-youth", None)
        assert "Injected Jobless youth" in text_of(console.query_one("#inject-result"))
        assert "Facilitator injects Jobless youth." in game_log_text(app)
        # A news card that has happened cannot be injected again: refused, nothing changes.
        moves = len(app.game.moves)
        console.inject("jobless-youth", None)
        assert len(app.game.moves) == moves
        result = console.query_one("#inject-result")
        assert result.has_class("-error") and "already happened" in text_of(result)


async def test_a_neutral_card_is_injected_for_the_seat_chosen(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        listing = console.query_one("#inject-list")
        listing.highlighted = next(i for i, o in enumerate(listing.options) if o.id == "humanitarian-relief")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeatPicker)
        await pilot.press("down", "enter")  # the second seat: Turkey
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Turkey" in app.screen.title_text
        await pilot.press("y")
        await settle(pilot)
        assert any(m.choice == ("inject", "humanitarian-relief", "turkey") for m in app.game.moves)
        # Turkey (the computer) choosing the relief's target once the console is closed is the
        # table's (tests/engine/test_table_policy.py); the reveal after Escape is checked in
        # test_seminar_defects.py::test_no_computer_move_is_revealed_over_the_open_console.


# --- adjudicate -------------------------------------------------------------------------------


async def pick_value(pilot, console, what: str) -> None:
    listing = console.query_one("#adjust-list")
    listing.highlighted = next(i for i, o in enumerate(listing.options) if o.id == what)
    await pilot.press("enter")  # on to the reason
    await pilot.pause()


async def test_an_adjudication_needs_a_reason_and_stays_in_bounds(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("a")
        await pilot.pause()
        tension = app.game.state.tracks[TRACK_INDEX["tension"]]
        await pick_value(pilot, console, "tension")
        assert console.focused is console.query_one("#adjust-reason")
        moves, state = len(app.game.moves), app.game.state
        await pilot.press("enter")  # no reason written
        await pilot.pause()
        result = console.query_one("#adjust-result")
        assert result.has_class("-error") and "needs a written reason" in text_of(result)
        assert (len(app.game.moves), app.game.state) == (moves, state), "refused: nothing changed"

        await type_text(pilot, "Beijing and Washington trade sanctions")
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.state.tracks[TRACK_INDEX["tension"]] == tension + 1
        assert app.game.moves[-1].choice == ("adjust", "tension", "+1")
        assert app.game.moves[-1].reason == "Beijing and Washington trade sanctions"
        assert not result.has_class("-error") and "Adjudicated" in text_of(result)
        # The bounds and the log's words are the table's: tests/engine/test_table_policy.py.


async def test_plus_and_minus_on_the_list_set_the_change(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert console.query_one("#adjust-by").value == "+2"
        await pilot.press("minus", "minus", "minus")
        await pilot.pause()
        assert console.query_one("#adjust-by").value == "-1"
        assert "→" in text_of(console.query_one("#adjust-what"))


# --- coming news ------------------------------------------------------------------------------


async def test_hold_and_bring_forward_change_the_coming_news(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("c")
        await pilot.pause()
        table = console.query_one("#news-table")
        assert console.focused is table
        first = coming_news(app.game.state)[0].card
        await pilot.press("h")  # hold the first card back
        await pilot.pause()
        coming = coming_news(app.game.state)
        assert coming[0].card != first and (coming[-1].card, coming[-1].where) == (first, "held")
        assert app.game.moves[-1].choice == ("hold", first)
        later = coming[4].card
        table.move_cursor(row=4)
        await pilot.press("n")  # bring a later card forward
        await pilot.pause()
        coming = coming_news(app.game.state)
        assert (coming[0].card, coming[0].where) == (later, "next")
        assert console._news_card() == later, "the cursor follows the card"
        table.move_cursor(row=len(coming) - 1)
        await pilot.press("h")  # the held card is released
        await pilot.pause()
        assert first not in app.game.state.held
        assert [m.choice[0] for m in app.game.moves[-3:]] == ["hold", "next", "release"]
        # The teams' log never says which news was held or brought forward.
        text = game_log_text(app)
        assert "holds back" not in text and "brings the news card" not in text


# --- notes ------------------------------------------------------------------------------------


async def test_a_note_is_kept_with_its_turn_and_hidden_from_the_teams(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert console.focused is console.query_one("#note-text")
        await pilot.press("enter")  # an empty note is refused
        await pilot.pause()
        assert "needs some text" in text_of(console.query_one("#note-result"))
        assert not any(e[0] == "note" for e in app.game.log)
        await type_text(pilot, "Moscow hesitates over the pledge")
        await pilot.press("enter")
        await pilot.pause()
        turn = app.game.state.turn
        assert ("note", turn, "Moscow hesitates over the pledge") in app.game.log
        assert "Turn 1: Moscow hesitates over the pledge" in text_of(console.query_one("#notes-list"))
        assert "Moscow hesitates" not in game_log_text(app)
        await pilot.press("escape", "escape")  # out of the field, then out of the console
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)


# --- pause ------------------------------------------------------------------------------------


async def test_the_pause_holds_every_move_until_resumed(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.table.paused
        # An inject under the pause: the US's decision waits (the table's, in
        # tests/engine/test_table_policy.py); the console still acts.
        console.inject("a-meaningful-milestone", None)
        await pilot.pause()
        assert app.game.moves[-1].choice == ("inject", "a-meaningful-milestone")
        await pilot.press("escape")
        await pilot.pause()
        status = app.screen.query_one("#status")
        assert status.has_class("-paused") and "PAUSED" in text_of(status)
        await pilot.press("f9", "y", "p")  # resume from the console
        await pilot.pause()
        assert not app.table.paused
        await pilot.press("escape")  # the computer's move is shown once the console is closed
        await settle(pilot)
        assert app.game.state.seat_to_move == 0, "the US moved; Russia decides again"
        assert not app.screen.query_one("#status").has_class("-paused")


async def test_a_human_cannot_move_while_paused(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.table.set_paused(True)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert not app.game.moves
        app.table.set_paused(False)
        await pilot.press("enter")  # the confirm step waited, so Enter now makes the move
        await settle(pilot)
        assert app.game.moves


# --- rationale --------------------------------------------------------------------------------


async def test_a_rationale_typed_at_confirm_is_kept_in_the_record(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        rationale = app.screen.query_one("#rationale")
        assert rationale.display and app.screen.focused is rationale
        await type_text(pilot, "We trust the pledge for now")
        await pilot.press("enter")
        await settle(pilot)
        mine = app.game.moves[0]
        assert mine.reason == "We trust the pledge for now"
        assert ("reason", 0, "We trust the pledge for now") in app.game.log
        assert "Team's rationale: We trust the pledge for now" in game_log_text(app)
        assert not rationale.display, "no prompt until the next confirm step"
        path = tmp_path / "with-rationale.yaml"
        assert app.table.save_as(path) is None
        assert "We trust the pledge for now" in path.read_text()
        assert load_game(path).moves[0].reason == "We trust the pledge for now"


async def test_the_rationale_prompt_goes_when_another_seat_must_decide(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        rationale = app.screen.query_one("#rationale")
        assert rationale.display
        app.table.set_paused(True)  # so the US's decision waits on screen
        assert app.table.facilitate(("inject", "a-meaningful-milestone"), None) is None
        await pilot.pause()
        assert app.game.state.seat_to_move == SEATS.index("usa")
        assert not rationale.display


async def test_no_rationale_prompt_without_the_confirm_step(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules), confirm_moves=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.game.moves and app.game.moves[0].reason is None
        assert not app.screen.query_one("#rationale").display


# --- the report -------------------------------------------------------------------------------


async def test_the_report_key_writes_markdown_with_rationales_and_adjudications(tmp_path, tui_rules):
    app = make_app(tmp_path, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await type_text(pilot, "Vouch and watch")
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.facilitate(("adjust", "tension", "+1"), "sanctions announced") is None
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        path = tmp_path / "report-seed7.md"
        assert app.screen.path == path and str(path) in text_of(app.screen.query_one("#report-where"))
        text = path.read_text(encoding="utf-8")
        assert "*Team's rationale:* Vouch and watch" in text
        assert "Adjudication: Sino-American tension" in text and "sanctions announced" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("e")  # the same report again: the same file, not a second one
        await pilot.pause()
        assert app.screen.path == path
        await pilot.press("escape")
        # A note is the facilitator's own: the report a team's screen writes does not show it,
        # so it is the same report, the same file.
        assert app.table.facilitate(("note",), "a note the teams do not read") is None
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.path == path and "a note the teams do not read" not in path.read_text(encoding="utf-8")
        await pilot.press("escape")
        assert app.table.facilitate(("adjust", "tension", "+1"), "a second ruling") is None
        await pilot.press("e")  # a different report never replaces the first
        await pilot.pause()
        assert app.screen.path == tmp_path / "report-seed7-2.md"
        assert path.read_text(encoding="utf-8") == text


async def test_a_report_that_cannot_be_written_says_why(tmp_path, tui_rules):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the saves folder should be")
    app = make_app(blocked, new_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen) and app.screen.path is None
        where = app.screen.query_one("#report-where")
        assert where.has_class("-error") and "could not be written" in text_of(where)
        assert "\n" not in app.screen.error
    assert blocked.read_text() == "a file where the saves folder should be"


async def test_the_end_screen_has_the_report_key_too(tmp_path, tui_rules):
    game = play_out(Game.start(tui_rules, 11, dict(RANDOM)))
    path = tmp_path / "finished.yaml"
    save_game(game, path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.load(path) is None
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "## Questions for discussion" in app.screen.path.read_text(encoding="utf-8")


def test_a_free_path_never_replaces_another_file(tmp_path):
    (tmp_path / "report-x.md").write_text("old")
    (tmp_path / "report-x-2.md").write_text("new")
    assert free_path(tmp_path, "report-x", "new") == tmp_path / "report-x-2.md"
    assert free_path(tmp_path, "report-x", "newer") == tmp_path / "report-x-3.md"
    assert free_path(Path(tmp_path / "empty"), "report-x", "a") == tmp_path / "empty" / "report-x.md"


def test_the_decision_an_inject_interrupted_keeps_naming_its_own_card(tui_rules):
    """The move panel names the card whose option is being chosen: the injected one while its
    own decisions last, the interrupted one once the inject has run its course."""
    from game.tui.moves import current_event, menu

    game = Game.start(tui_rules, 7, dict(RANDOM))
    first = current_event(game.log, game.state)
    assert game.state.pending.kind == "option" and first == "taliban-delegation-in-moscow"
    game.play(("inject", "risky-gamble", "china"))  # China must now choose the gamble's target
    assert current_event(game.log, game.state) == "risky-gamble"
    game.play(game.legal()[0])
    assert game.state.pending.kind == "option" and current_event(game.log, game.state) == first
    assert "Taliban delegation in Moscow" in menu(game.state, game.legal(), (), game.log).prompt
    game.play(("inject", "existential-danger"))  # a news card whose option Central Asia chooses
    assert current_event(game.log, game.state) == "existential-danger"


async def test_the_clock_tab_runs_the_phase_clock_of_a_seminar(tmp_path, tui_rules):
    from game.play.seminar import Seminar

    class FakeTime:
        now = 1000.0

        def __call__(self) -> float:
            return self.now

    now = FakeTime()
    game = Game.start(tui_rules, 7, seats(russia="human"),
                      seminar=Seminar(teams={"russia": "Moscow"}, turns=3, phase_seconds=60))
    app = make_app(tmp_path, game, clock_source=now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if isinstance(app.screen, GameScreen) is False:  # the hand-over before a team's turn
            await pilot.press("enter")
            await settle(pilot)
        console = await open_console(pilot)
        await pilot.press("k")
        await pilot.pause()
        clock = app.table.clock
        assert clock is not None and not clock.paused
        now.now += 15
        console._clock_state()
        assert "Moscow 0:45 (running)" in text_of(console.query_one("#clock-state"))
        await pilot.press("t")  # stop the clock
        await pilot.pause()
        assert clock.paused and "(stopped)" in text_of(console.query_one("#clock-state"))
        now.now += 100  # a stopped clock does not run
        await pilot.press("plus")  # a minute more
        await pilot.pause()
        assert clock.remaining(now.now) == 105
        await pilot.press("x")  # the phase's time ends now
        await pilot.pause()
        assert clock.remaining(now.now) == 0
        assert "Moscow 0:00" in text_of(console.query_one("#fac-status"))
