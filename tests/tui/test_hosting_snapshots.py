"""What the hosting screens look like: the join form, the lobby, the host form (80x24, 120x40).
The lobby is drawn from a still stand-in of a hosted game's table (what it reads of one)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.rules.model import SEATS
from game.tui.screens.lobby import LobbyScreen
from tests.tui.conftest import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def lobby_table(role: str, seat: str | None = None):
    teams = {"russia": "Moscow", "turkey": "Ankara"}
    lobby = {"seats": {s: {"controller": "human" if s in teams else "ai:normal", "team": teams.get(s),
                           "joined": int(s == "russia")} for s in SEATS},
             "facilitator": 1, "projector": 0, "autostart": False}
    async def close() -> None:
        return None

    client = SimpleNamespace(seminar={"teams": teams, "phase_seconds": 120}, seat=seat, game_id=3,
                             scenario="summer-2021", turns=3, close=close)
    return SimpleNamespace(role=role, lobby=lobby, client=client, game=None, watchers=[],
                           start_game=lambda: None)


@pytest.mark.parametrize("size", SIZES)
def test_join_form(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), press=["j"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role, seat", [("facilitator", None), ("seat", "russia")], ids=["facilitator", "seat"])
def test_lobby(snap_compare, tmp_path, size, role, seat):
    async def lobby(pilot):
        pilot.app.table = lobby_table(role, seat)
        await pilot.app.push_screen(LobbyScreen())
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), run_before=lobby, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_host_form(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), press=["t"], terminal_size=size)
