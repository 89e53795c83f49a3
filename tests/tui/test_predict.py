"""A team's predictions by the keyboard: `p` at its first card opens the Predict screen; a
statement, its values and a chance are picked from lists; the prediction reaches the game's
door; the team reads it in its own log, the next team does not, the facilitator's console lists
every team's; outside the team's first card the key says why not."""

from __future__ import annotations

import pytest

from game.play import predictions as P
from game.play.seminar import Seminar
from game.play.session import Game
from game.rules import moves as M
from game.tui.screens.facilitator import FacilitatorGate, FacilitatorScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from game.tui.screens.predict import PredictScreen
from game.tui.widgets.log import GameLog
from game.tui.widgets.move import MovePanel
from tests.tui.conftest import make_app, seats, settle

TEAMS = {"russia": "Moscow", "turkey": "Ankara"}


def text_of(widget) -> str:
    return str(widget.render())


def at_first_card(rules, seat: str = "russia") -> Game:
    """A seminar of two teams, played by its first legal choices until ``seat`` is at its
    first card of turn 1."""
    game = Game.start(rules, 7, seats(russia="human", turkey="human"),
                      seminar=Seminar(teams=dict(TEAMS), turns=3, phase_seconds=600))
    while not (P.may_predict_now(game.state) and game.state.seat_to_move == 0):
        game.play(game.legal()[0])
    return game


def game_log_text(app) -> str:
    for screen in app.screen_stack:
        if isinstance(screen, GameScreen):
            log = screen.query_one(GameLog)
            log.show(app.game, app.table.reader, force=True)
            return text_of(log.query_one("#log-text"))
    raise AssertionError("no game screen")


async def take_keyboard(pilot) -> None:
    await settle(pilot)
    if isinstance(pilot.app.screen, HandoffScreen):
        await pilot.press("enter")
        await settle(pilot)


async def pick(pilot, screen: PredictScreen, key) -> None:
    """Press the digit of the item whose key is ``key`` (the lists are short enough)."""
    index = [k for k, _why in screen._items].index(key)
    assert index < 10
    await pilot.press(str((index + 1) % 10))
    await pilot.pause()


async def test_a_team_predicts_by_the_keyboard_and_the_game_records_it(tmp_path, tui_rules):
    app = make_app(tmp_path, at_first_card(tui_rules))
    async with app.run_test(size=(100, 32)) as pilot:
        await take_keyboard(pilot)
        screen = app.screen
        assert isinstance(screen, GameScreen) and app.table.viewer == 0
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "predict" in shown, "p is in the footer while the team may predict"
        assert "p: predict" in text_of(screen.query_one(MovePanel).query_one("#prompt"))
        moves = len(app.game.moves)
        await pilot.press("p")
        await pilot.pause()
        predict = app.screen
        assert isinstance(predict, PredictScreen)
        assert "none yet" in text_of(predict.query_one("#predict-made"))
        await pick(pilot, predict, "reach")
        await pick(pilot, predict, "tension")
        now = app.game.state.track("tension")
        assert f"Sino-American tension is {now} now." in text_of(predict.query_one("#predict-prompt"))
        assert min(k for k, _ in predict._items) == now + 1, "values already reached are left out"
        target = min(now + 2, 10)
        await pick(pilot, predict, target)
        await pick(pilot, predict, 3)
        assert [k for k, _ in predict._items] == list(P.PERCENTS)
        await pilot.press("down", "down", "down", "down", "enter")  # from 50%: 70%
        await pilot.pause()
        assert "70%: Sino-American tension reaches" in text_of(predict.query_one("#predict-prompt"))
        await pilot.press(*["space" if c == " " else c for c in "Washington will push"])
        await pilot.press("enter")
        await pilot.pause()
        game = app.game
        assert len(game.moves) == moves + 1
        last = game.moves[-1]
        assert last.choice == M.predict(70, ("reach", "tension", target, 3))
        assert last.reason == "Washington will push"
        assert game.state.seat_to_move == 0 and app.table.predictions_left() == P.MAX_PER_TURN - 1
        assert isinstance(app.screen, PredictScreen), "the screen stays for another prediction"
        made = text_of(predict.query_one("#predict-made"))
        assert f"T1 70%  Sino-American tension reaches {target} or more by the end of turn 3." in made
        assert "Recorded" in text_of(predict.query_one("#predict-result"))
        # A settled choice is refused on the screen, and nothing reaches the game.
        await pick(pilot, predict, "reach")
        await pick(pilot, predict, "tension")
        await pick(pilot, predict, target)
        await pick(pilot, predict, 3)
        await pilot.press("enter", "enter")  # 50%, then confirm with no rationale
        await pilot.pause()
        assert "already predicted that this turn" in text_of(predict.query_one("#predict-result"))
        assert len(game.moves) == moves + 1
        for _ in range(6):  # Escape steps back (chance, turn, value, track, kind), then closes
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert "Russia predicts, at 70%: Sino-American tension" in game_log_text(app)


async def test_the_next_team_does_not_read_it_and_the_facilitator_does(tmp_path, tui_rules):
    game = at_first_card(tui_rules)
    game.play(M.predict(35, ("wins", "turkey")), "Ankara is quietly winning")
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await take_keyboard(pilot)
        assert "Russia predicts, at 35%: Turkey wins the game." in game_log_text(app)
        while app.game.state.seat_to_move == 0 and not app.game.over:  # Russia's card, for ops
            choice = next((c for c in app.game.legal() if c[-1] == M.OPS), app.game.legal()[0])
            app.table.choose(choice)
            await settle(pilot)
        await take_keyboard(pilot)
        assert app.table.viewer == 1, "Ankara has the keyboard"
        text = game_log_text(app)
        assert "Russia plays" in text and "predicts" not in text and "quietly" not in text
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorGate)
        await pilot.press("y")
        await pilot.pause()
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        await pilot.press("f")
        await pilot.pause()
        listed = text_of(console.query_one("#predictions-list"))
        assert "Moscow (Russia): 1 made, 0 settled" in listed
        assert "T1 35%  Turkey wins the game. (not yet settled)" in listed
        assert "Why: Ankara is quietly winning" in listed


async def test_outside_the_first_card_the_key_says_why_not(tmp_path, tui_rules):
    game = at_first_card(tui_rules)
    game.play(next(c for c in game.legal() if c[-1] == M.OPS))  # now spending ops
    app = make_app(tmp_path, game)
    async with app.run_test(size=(80, 24)) as pilot:
        await take_keyboard(pilot)
        screen = app.screen
        assert isinstance(screen, GameScreen)
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "predict" not in shown
        notes = []
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert notes and "first card of a turn" in notes[-1]


async def test_the_screen_fits_80_by_24_at_every_step(tmp_path, tui_rules):
    app = make_app(tmp_path, at_first_card(tui_rules))
    async with app.run_test(size=(80, 24)) as pilot:
        await take_keyboard(pilot)
        await pilot.press("p")
        await pilot.pause()
        predict = app.screen
        assert isinstance(predict, PredictScreen)
        for key in ("reach", "tension", None, 3, None):
            if key is None:
                await pilot.press("enter")
                await pilot.pause()
            else:
                await pick(pilot, predict, key)
            for part in ("#predict-prompt", "#choices", "#predict-result"):
                region = predict.query_one(part).region
                assert region.bottom <= 24 and region.right <= 80, (key, part, region)
        assert predict._step() == "confirm" and predict.query_one("#rationale").region.bottom <= 24


# --- what it looks like -----------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_the_predict_screen_choosing_a_chance(snap_compare, tmp_path, tui_rules, size):
    """One prediction made (listed), the second at its chance: the statement so far, the
    chances with their words, 50% highlighted."""
    game = at_first_card(tui_rules)
    game.play(M.predict(35, ("wins", "turkey")), "Ankara is quietly winning")

    async def run_before(pilot):
        await take_keyboard(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("4", "1")  # Kazakhstan (first on the map) sees its stability fall to...
        await pilot.pause()
        await pilot.press("1", "3")  # ...the lowest value offered, by turn 3
        await pilot.pause()

    # The phase clock reads a time that never moves, so the picture never depends on the test's pace.
    app = make_app(tmp_path, game, clock_source=lambda: 1000.0)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_end_screen_gives_each_teams_foresight(tmp_path, tui_rules):
    from game.play.save import load_game
    from game.tui.screens.end import EndScreen
    from game.words.report import report_data
    from tests.engine import seminar_fixture as fx
    from tests.engine.test_predictions import PLANS, _with_predictions

    game = _with_predictions(load_game(fx.FIXTURE), {k: list(v) for k, v in PLANS.items()})
    teams = report_data(game)["predictions"]["teams"]
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(20):
            if isinstance(app.screen, EndScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, EndScreen)
        line = text_of(app.screen.query_one("#end-foresight"))
        assert line.startswith("Foresight (Brier score: 0 is perfect, 0.25 always saying 50%): ")
        for team in teams:
            assert f"{team['team']} {team['brier']:.3f} ({team['came_true']} of {team['made']} came true)" in line
