"""The turn's summary on screen (pilot and snapshots): after an upkeep, before the next turn's
news; Enter, Space or Escape goes on and the game continues; on a shared screen it says only
what any seat may read; nobody waits for it in a game of computers."""

from __future__ import annotations

import io
import time

import pytest
from textual.content import Content

from game.ai import decide
from game.play.observer import PUBLIC
from game.play.session import Game
from game.rules.loader import load_rules
from game.rules.model import SEATS
from game.tui.screens.game import GameScreen
from game.tui.screens.summary import GRACE_SECONDS, TurnSummaryScreen
from game.words.summary import turn_summary
from tests.tui.conftest import RANDOM, make_app, seats, settle
from tests.tui.test_pilot import decide_as_human

RULES = load_rules("summer-2021")


def last_move_of_turn_1(seed: int, controllers: dict) -> Game:
    """A game one computer move before turn 1's end: that move runs the Taliban phase and the
    upkeep (the last seat of a turn is a computer in these games)."""
    game = Game.start(RULES, seed, controllers)
    while game.state.turn == 1:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, None if game.controller() == "human" else d.reason)
    game = game.rewound(1)
    assert game.controller() != "human"
    return game


def screen_text(screen) -> str:
    """The words of every Static on ``screen`` (Textual content or a Rich renderable)."""
    from rich.console import Console

    out = []
    for widget in screen.query("Static"):
        content = widget.content
        if isinstance(content, (str, Content)):
            out.append(str(content))
        else:
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(content)
            out.append(console.export_text())
    return "\n".join(out)


async def wait_for(pilot, condition, rounds: int = 200) -> None:
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_after_a_played_turn_the_summary_shows_and_enter_goes_on(tmp_path, tui_rules):
    """A whole turn played with the keys: the summary comes after the upkeep, holds the game,
    says what the log says, and Enter brings the next turn."""
    game = Game.start(tui_rules, 7, seats(russia="human"))
    app = make_app(tmp_path, game)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(60):
            await settle(pilot)
            if isinstance(app.screen, TurnSummaryScreen):
                break
            if app.table.human_to_move():
                await decide_as_human(pilot, 0)
        assert isinstance(app.screen, TurnSummaryScreen)
        assert app.game.state.turn == 2 and app.table.summary_turn == 1
        assert app.screen.summary == turn_summary(app.game, 1, 0), "Russia's screen: Russia reads it"
        moves = len(app.game.moves)
        await settle(pilot)
        assert len(app.game.moves) == moves, "no computer move is played under the summary"
        text = screen_text(app.screen)
        for line in app.screen.summary.taliban:
            assert line.removeprefix("Taliban: ")[1:30] in text
        assert "Victory points" in text and "Central Asia" in text
        assert app.focused is app.screen.query_one("#summary-scroll"), "the keys scroll it at once"
        await pilot.pause(GRACE_SECONDS)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and app.table.summary_turn is None
        for _ in range(40):
            if len(app.game.moves) > moves:
                break
            if app.table.human_to_move():
                await decide_as_human(pilot, 0)
            await settle(pilot)
        assert len(app.game.moves) > moves, "the game goes on"


@pytest.mark.parametrize("key", ["space", "escape"])
async def test_space_and_escape_go_on_too(tmp_path, key):
    app = make_app(tmp_path, last_move_of_turn_1(7, seats(russia="human")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TurnSummaryScreen)
        await pilot.pause(GRACE_SECONDS)
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, TurnSummaryScreen) and app.table.summary_turn is None


async def test_in_hot_seat_the_summary_is_what_any_seat_may_read(tmp_path):
    app = make_app(tmp_path, last_move_of_turn_1(7, seats(russia="human", usa="human")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TurnSummaryScreen)
        assert app.table.summary_reader == PUBLIC
        assert app.screen.summary == turn_summary(app.game, 1, PUBLIC)
        await pilot.pause(GRACE_SECONDS)
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.summary_turn is None


async def test_a_game_of_computers_goes_on_by_itself(tmp_path):
    app = make_app(tmp_path, last_move_of_turn_1(7, dict(RANDOM)), pace="fast")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TurnSummaryScreen))
        moves = len(app.game.moves)
        assert app.table.summary_delay() is not None
        await wait_for(pilot, lambda: len(app.game.moves) > moves and isinstance(app.screen, GameScreen))


async def test_the_footer_names_the_key(tmp_path):
    app = make_app(tmp_path, last_move_of_turn_1(7, seats(russia="human")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = {b.description for _, (_n, b, _e, _t) in app.screen.active_bindings.items() if b.show}
        assert "Next turn" in shown


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_the_summary(snap_compare, tmp_path, size):
    app = make_app(tmp_path, last_move_of_turn_1(7, seats(russia="human")))
    assert snap_compare(app, terminal_size=size, run_before=settle)


async def test_a_key_pressed_as_the_summary_appears_is_not_taken_as_read(tmp_path):
    """Space skips computer moves on the game screen and is often pressed again and again: the
    summary that appears under it stays until a key is pressed for it."""
    app = make_app(tmp_path, last_move_of_turn_1(7, seats(russia="human")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TurnSummaryScreen)
        app.screen._since = time.monotonic()  # as if it had just appeared
        await pilot.press("space")
        assert isinstance(app.screen, TurnSummaryScreen) and app.table.summary_turn == 1
        await pilot.pause(GRACE_SECONDS)
        await pilot.press("space")
        await settle(pilot)
        assert app.table.summary_turn is None
