"""What seminar mode looks like at 80x24 and 120x40: the setup, the briefings, the phase clock
running and paused, and the prompt when time is up. The clock's time is frozen (a fixed
``clock_source``), so the pictures never depend on how fast the test runs."""

from __future__ import annotations

import pytest

from game.rules.loader import load_rules
from game.play.seminar import Seminar
from game.play.session import Game
from tests.tui.conftest import make_app, seats, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
RULES = load_rules("summer-2021")


class FrozenTime:
    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def seminar_app(tmp_path, seconds: int = 300):
    game = Game.start(RULES, 7, seats(russia="human"),
                      seminar=Seminar(teams={"russia": "Moscow"}, turns=3, phase_seconds=seconds))
    return make_app(tmp_path, game, clock_source=FrozenTime())


def tick(app) -> None:
    from game.tui.widgets.clock import PhaseClockView

    app.screen.query_one(PhaseClockView).tick()


@pytest.mark.parametrize("size", SIZES)
def test_seminar_setup(snap_compare, tmp_path, size):
    async def fill(pilot):
        await pilot.press("s")
        await pilot.pause()
        for name in ("Moscow", "Ankara", "Beijing"):
            await pilot.press(*name, "tab")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_seminar_briefing_article(snap_compare, tmp_path, size):
    async def article(pilot):
        await settle(pilot)
        await pilot.press("b", "a")
        await pilot.pause()

    assert snap_compare(seminar_app(tmp_path), terminal_size=size, run_before=article)


@pytest.mark.parametrize("size", SIZES)
def test_seminar_role_brief(snap_compare, tmp_path, size):
    async def brief(pilot):
        await settle(pilot)
        await pilot.press("b", "2")  # Turkey's brief, seen by Russia's team: no hand
        await pilot.pause()

    assert snap_compare(seminar_app(tmp_path), terminal_size=size, run_before=brief)


@pytest.mark.parametrize("size", SIZES)
def test_seminar_clock_running(snap_compare, tmp_path, size):
    app = seminar_app(tmp_path)

    async def running(pilot):
        await settle(pilot)
        app.clock_source.now += 250.4  # 49.6 s left: the last minute, urgent
        tick(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=running)


@pytest.mark.parametrize("size", SIZES)
def test_seminar_clock_paused(snap_compare, tmp_path, size):
    app = seminar_app(tmp_path)

    async def paused(pilot):
        await settle(pilot)
        app.clock_source.now += 75
        app.table.clock_toggle()
        tick(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=paused)


@pytest.mark.parametrize("size", SIZES)
def test_seminar_time_up(snap_compare, tmp_path, size):
    app = seminar_app(tmp_path, seconds=60)

    async def time_up(pilot):
        await settle(pilot)
        app.clock_source.now += 61
        tick(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=time_up)
