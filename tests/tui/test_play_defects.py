"""Defects of the playing screens that users reproduced (issue 9): each test fails on the code
before its fix."""

from __future__ import annotations

from pathlib import Path

from game.ai import decide
from game.log import describe
from game.save import load_game, save_game
from game.session import Game
from game.tui.core import autosave_path
from game.tui.screens.end import EndScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from game.tui.screens.offer import OfferDialog
from game.tui.widgets.log import GameLog, paragraphs
from tests.tui.conftest import game_with_offer, make_app, seats, settle

FIXTURE = Path(__file__).resolve().parent.parent / "engine" / "fixtures" / "seminar-game.yaml"
CARDS = Path(__file__).resolve().parent.parent.parent / "cards"


def played_on(game: Game, turn: int) -> Game:
    """The game played on by random choices until ``turn`` begins."""
    while game.state.turn < turn and not game.over:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, None if game.controller() == "human" else d.reason)
    return game


def log_text(log: GameLog) -> str:
    return str(log.query_one("#log-text").render())


async def load_from_the_game(pilot, path: Path) -> None:
    """`o` on the game screen, the save chosen in the list, Enter."""
    app = pilot.app
    await pilot.press("o")
    await pilot.pause()
    table = app.screen.query_one("#saves")
    table.move_cursor(row=[i.path for i in app.screen.infos].index(path))
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause()


# --- 2: hot-seat after a load in the game ---------------------------------------------------------


async def test_hot_seat_carries_on_after_loading_its_own_autosave(tmp_path, tui_rules):
    game = played_on(Game.start(tui_rules, 7, seats(russia="human", turkey="human")), 2)
    path = autosave_path(tmp_path, game.seed)
    save_game(game, path)
    app = make_app(tmp_path, game, autosave_to=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seat = app.game.state.seat_to_move
        assert isinstance(app.screen, HandoffScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.viewer == seat
        await load_from_the_game(pilot, path)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == seat
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.viewer == seat, "the hand is shown once its player takes the keyboard"
        n = len(app.game.moves)
        for _ in range(6):  # the first choice at each step, then its confirmation
            await pilot.press("1")
            await pilot.pause()
        assert len(app.game.moves) > n, "and the player can move"


async def test_an_offer_waiting_in_a_game_loaded_in_the_game_can_be_answered(tmp_path, tui_rules):
    """The same cause: the offer dialog's answer went to the load screen, which had closed."""
    game = game_with_offer(tui_rules)
    n = len(game.moves)
    path = tmp_path / "offer.yaml"
    save_game(game, path)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # close the dialog, to load from the game screen
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await load_from_the_game(pilot, path)
        assert isinstance(app.screen, OfferDialog)
        await pilot.press("r")
        await settle(pilot)
        assert len(app.game.moves) > n and app.game.moves[n].choice == ("reject",)
