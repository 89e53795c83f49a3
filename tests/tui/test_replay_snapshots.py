"""What the replay viewer looks like at 80x24 and 120x40: a turn as the facilitator sees it, a
seat's hand, and the what-if question. Fixed seed, random seats, saves in a relative folder
(so the paths on screen are the same on every run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.rules.loader import load_rules
from game.play.save import save_game
from game.play.session import Game
from game.clients.sim import play_out
from tests.tui.conftest import RANDOM, make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
RULES = load_rules("summer-2021")


@pytest.fixture
def saves(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    save_game(play_out(Game.start(RULES, 11, dict(RANDOM))), Path("saves") / "x.yaml")
    return Path("saves")


def keys(*after):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("r")  # title: replay a save
        await pilot.pause()
        await pilot.press("enter")  # the only save
        await pilot.pause()
        await pilot.press(*after)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_replay_turn_as_the_facilitator(snap_compare, saves, size):
    assert snap_compare(make_app(saves), terminal_size=size, run_before=keys("right"))


@pytest.mark.parametrize("size", SIZES)
def test_replay_a_seats_hand(snap_compare, saves, size):
    assert snap_compare(make_app(saves), terminal_size=size, run_before=keys("right", "right", "v", "h"))


@pytest.mark.parametrize("size", SIZES)
def test_replay_whatif_question(snap_compare, saves, size):
    assert snap_compare(make_app(saves), terminal_size=size, run_before=keys("right", "v", "w"))
