"""The projector on screen: what it draws is the same for two games that differ only in hidden
things; it follows a local game of computers (greatgame play --projector), tells each turn's
summary at a pace while the table waits for the room, and opens over a local game (v)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from game.play.observer import PUBLIC
from game.play.session import Game
from game.rules.loader import load_rules
from game.tui.screens.game import GameScreen
from game.tui.screens.projector import PacedSummaryScreen, ProjectorScreen
from tests.engine.test_observer import GAMES, _reachable, _rehidden, _relogged, _reseeded
from tests.tui.conftest import make_app, seats, settle
from tests.tui.test_summary_screen import last_move_of_turn_1, screen_text, wait_for

RULES = load_rules("summer-2021")
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 32), id="100x32"),
         pytest.param((120, 40), id="120x40")]


class StillTable:
    """A table that only holds a game (nothing moves): what the projector reads of one."""

    paused = False
    clock = None
    summary_turn = None

    def __init__(self, game):
        self.game = game
        self.watchers = []

    def team_clock(self):
        return None

    def pace_seconds(self) -> float:
        return 0.0


async def projected_text(tmp_path, game, size=(120, 40)) -> str:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        app.table = StillTable(game)
        await app.push_screen(ProjectorScreen(summaries=False))
        await pilot.pause()
        return screen_text(app.screen)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**GAMES)
async def test_two_games_differing_only_in_hidden_things_project_the_same(tmp_path, seed, steps, facilitating,
                                                                        salt):
    game = _reachable(RULES, seed, steps, facilitating)
    if game.over:
        return
    other = Game(RULES, game.seed + 1, dict(game.seats), _reseeded(_rehidden(game.state, PUBLIC, salt), salt),
                 list(game.moves), _relogged(game.log, PUBLIC, salt))
    assert other.state != game.state
    seen = await projected_text(tmp_path, game)
    assert seen == await projected_text(tmp_path, other)
    assert "our plan" not in seen and "next best" not in seen
    assert "the room's view" in seen and "AFGHANISTAN" in seen


async def test_a_local_game_of_computers_on_the_projector_holds_for_the_turns_summary(tmp_path):
    game = last_move_of_turn_1(7, seats(russia="human"))
    app = make_app(tmp_path, game, projector=True, pace="fast")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PacedSummaryScreen) and app.screen.step > 0)
        assert app.table.summary_turn == 1, "the table waits for the room to see the summary"
        summary = app.screen
        assert not summary.told, "told step by step"
        moves = len(app.game.moves)
        await pilot.press("enter")  # all of it at once
        assert summary.told and app.screen is summary
        assert "Victory points" in screen_text(summary) and "The board" in screen_text(summary)
        assert len(app.game.moves) == moves
        await pilot.press("enter")  # and on
        await wait_for(pilot, lambda: isinstance(app.screen, ProjectorScreen))
        assert app.table.summary_turn is None
        assert not any(isinstance(s, GameScreen) for s in app.screen_stack)


async def test_the_summary_goes_on_by_itself(tmp_path, monkeypatch):
    from game.tui.screens import projector

    monkeypatch.setattr(projector, "HOLD_BEATS", 1)
    monkeypatch.setattr(projector, "NO_PACE_BEAT", 0.02)
    game = last_move_of_turn_1(7, seats(russia="human"))
    app = make_app(tmp_path, game, projector=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.game.state.turn == 2 and isinstance(app.screen, ProjectorScreen)
                       and app.table.summary_turn is None)
        assert app.screen.projection.last_summary_turn == 1


async def test_the_projector_opens_over_a_local_game_and_escape_comes_back(tmp_path):
    game = Game.start(RULES, 7, seats(russia="human"))
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        hand = [RULES.cards[c].title for c in app.game.state.hands[0]]
        await pilot.press("v")
        assert isinstance(app.screen, ProjectorScreen)
        text = screen_text(app.screen)
        assert "Russia (Human)" in text
        assert not any(title in text for title in hand if title not in
                       " ".join(RULES.cards[c].title for c in app.game.state.news_done))
        await pilot.press("escape")
        assert isinstance(app.screen, GameScreen)


@pytest.mark.parametrize("size", SIZES)
def test_projector_snapshot(snap_compare, tmp_path, size):
    game = Game.start(RULES, 7, seats(russia="human"))
    assert snap_compare(make_app(tmp_path, game, projector=True), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [SIZES[0], SIZES[2]])
def test_projector_summary_snapshot(snap_compare, tmp_path, size):
    game = last_move_of_turn_1(7, seats(russia="human"))

    async def told(pilot):
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PacedSummaryScreen) and pilot.app.screen.step > 0)
        pilot.app.screen.reveal_all()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, game, projector=True, pace="fast"), terminal_size=size,
                        run_before=told)


async def test_the_facilitators_pause_shows_on_the_projector(tmp_path):
    game = Game.start(RULES, 7, seats(russia="human"))
    app = make_app(tmp_path, game, projector=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "PAUSED" not in screen_text(app.screen)
        app.table.set_paused(True)
        await wait_for(pilot, lambda: "PAUSED by the facilitator" in screen_text(app.screen))
        app.table.set_paused(False)
        await wait_for(pilot, lambda: "PAUSED" not in screen_text(app.screen))
