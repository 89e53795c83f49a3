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


async def wait_for(pilot, condition, rounds: int = 100) -> None:
    """Pause until ``condition()`` holds (a screen is up): on a loaded machine one pause may
    not be enough for a screen to be pushed."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"still waiting after {rounds} pauses: {condition.__doc__ or condition}")


def keys(*presses):
    """Press the keys in turn, each after the screen it is for is up (the console's confirmation
    after f9, the console after its y); then make every input's cursor steady, so the picture
    never depends on when a blink falls."""
    from textual.widgets import Input

    from game.tui.screens.facilitator import FacilitatorGate, FacilitatorScreen

    async def run_before(pilot):
        app = pilot.app
        await settle(pilot)
        for i, key in enumerate(presses):
            gate = key == "y" and i > 0 and presses[i - 1] == "f9"
            await pilot.press(key)
            if key == "f9":
                await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorGate))
            elif gate:
                await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
            else:
                await pilot.pause()
        await settle(pilot)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

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
