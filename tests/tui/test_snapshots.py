"""What the screens look like, at the smallest size the game supports (80x24) and at 120x40.

Fixed seeds, 'random' computer seats, an empty saves folder: the pictures change only when
the interface or the rules do. After a deliberate change, look at the HTML report, then
regenerate with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from game.rules.loader import load_rules
from game.play.session import Game
from game.clients.sim import play_out
from tests.tui.conftest import RANDOM, game_with_offer, make_app, seats, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
RULES = load_rules("summer-2021")


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_game(snap_compare, tmp_path, size):
    game = Game.start(RULES, 7, seats(russia="human"))
    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_game_choosing_a_card(snap_compare, tmp_path, size):
    game = Game.start(RULES, 7, seats(russia="human"))

    async def first_choice(pilot):
        await settle(pilot)
        await pilot.press("1", "enter")  # the news card's option, confirmed
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=first_choice)


@pytest.mark.parametrize("size", SIZES)
def test_hot_seat_handoff(snap_compare, tmp_path, size):
    game = Game.start(RULES, 7, seats(russia="human", turkey="human"))
    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_offer_dialog(snap_compare, tmp_path, size):
    game = game_with_offer(RULES)
    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_end(snap_compare, tmp_path, size):
    game = play_out(Game.start(RULES, 11, dict(RANDOM)))
    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=settle)


async def _russia_spends_two_ops(pilot):
    await settle(pilot)
    await pilot.press("1", "enter")  # the news card's option, confirmed
    await settle(pilot)
    await pilot.press("4", "2", "enter")  # Not Turkey, not China, for its 2 ops, confirmed
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_ops_menu_with_a_greyed_action(snap_compare, tmp_path, size):
    """Every action listed; Project (3 ops) greyed, highlighted, with its reason."""
    game = Game.start(RULES, 7, seats(russia="human"))

    async def run_before(pilot):
        await _russia_spends_two_ops(pilot)
        await pilot.press("down")

    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_ops_where_a_contest_shows_its_odds(snap_compare, tmp_path, size):
    """All five states in map order; the contest's odds and what it does in the first."""
    game = Game.start(RULES, 7, seats(russia="human"))

    async def run_before(pilot):
        await _russia_spends_two_ops(pilot)
        await pilot.press("3")  # Contest Turkey: where?
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, game), terminal_size=size, run_before=run_before)
