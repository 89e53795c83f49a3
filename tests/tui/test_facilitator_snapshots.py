"""What the facilitator's console, the pause and the rationale prompt look like, at 80x24 and
120x40. Fixed seed, 'random' computer seats, an empty saves folder, as in test_snapshots."""

from __future__ import annotations

import pytest

from game.rules.loader import load_rules
from game.play.session import Game
from tests.tui.conftest import make_app, seats, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
RULES = load_rules("summer-2021")


def app_for(tmp_path):
    return make_app(tmp_path, Game.start(RULES, 7, seats(russia="human")))


def keys(*presses):
    async def run_before(pilot):
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_console_confirmation(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=keys("f9"))


@pytest.mark.parametrize("size", SIZES)
def test_console_inject(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=keys("f9", "y", "down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_console_coming_news(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=keys("f9", "y", "c", "h"))


@pytest.mark.parametrize("size", SIZES)
def test_console_adjudicate_refused(snap_compare, tmp_path, size):
    """A change of +2 on the first value, with no reason: refused, in one line."""
    assert snap_compare(app_for(tmp_path), terminal_size=size,
                        run_before=keys("f9", "y", "a", "plus", "enter", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_console_notes(snap_compare, tmp_path, size):
    typed = ["space" if c == " " else c for c in "Moscow hesitates"]
    assert snap_compare(app_for(tmp_path), terminal_size=size,
                        run_before=keys("f9", "y", "w", *typed, "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_paused_game(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=keys("f9", "y", "p", "escape"))


@pytest.mark.parametrize("size", SIZES)
def test_rationale_prompt(snap_compare, tmp_path, size):
    typed = ["space" if c == " " else c for c in "Trust, but verify"]
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=keys("1", *typed))
