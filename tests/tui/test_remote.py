"""The game screens on a hosted game: a game server on loopback in this process (tests/net), and
the App joined to it with a code, as ``greatgame join URL CODE`` does. A seat makes its move
through the server; the facilitator starts the game, pauses it and writes a note from the
console on its own screen; the projector draws what a local projector draws of the server's game;
the join form says in one line why it cannot join."""

from __future__ import annotations

import pytest

from game.play.seminar import Seminar
from game.rules.model import SEATS
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.join import JoinScreen
from game.tui.screens.lobby import LobbyScreen
from game.tui.screens.projector import ProjectorScreen
from game.tui.widgets.console import NotesTab
from tests.net.helpers import start_host, stop_host
from tests.tui.conftest import make_app
from tests.tui.test_pilot import decide_as_human
from tests.tui.test_projector import StillTable, projected_text
from tests.tui.test_summary_screen import screen_text, wait_for

ALL_RANDOM = {s: "random" for s in SEATS}


@pytest.fixture
async def host(tmp_path):
    h = await start_host(tmp_path / "games.sqlite")
    try:
        yield h
    finally:
        await stop_host(h)


def room(host, row):
    return host.server.rooms[row.id]


async def joined(pilot, url: str, code: str, screen=GameScreen):
    app = pilot.app
    await app.push_screen(JoinScreen(url, code, connect_now=True))
    await wait_for(pilot, lambda: isinstance(app.screen, screen), rounds=400)


async def test_a_seat_joins_and_makes_its_move_through_the_server(host, tmp_path):
    row, codes = host.new({**ALL_RANDOM, "russia": "human"}, autostart=True, pace="instant")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await joined(pilot, host.url, codes["seat:russia"])
        table = app.table
        assert table.remote and table.viewer == 0 and table.handoff_for is None
        await wait_for(pilot, lambda: table.human_to_move(), rounds=400)
        server_game = room(host, row).game
        assert app.game.state.hands[0] == server_game.state.hands[0], "its own hand, as the server holds it"
        assert app.game.legal() == server_game.legal()
        before = len(server_game.moves)
        await decide_as_human(pilot, 0)
        await wait_for(pilot, lambda: len(room(host, row).game.moves) > before, rounds=400)
        assert room(host, row).game.before[before][0].seat_to_move == 0, "Russia's move, made on this screen"
        await wait_for(pilot, lambda: app.table.view.position >= before + 1, rounds=400)
        assert not any(isinstance(s, JoinScreen) for s in app.screen_stack)


async def test_the_facilitator_starts_pauses_and_notes_from_its_own_screen(host, tmp_path):
    seminar = Seminar(teams={"turkey": "Ankara"}, turns=2, phase_seconds=120)
    row, codes = host.new({**ALL_RANDOM, "turkey": "human"}, seminar=seminar, pace="instant")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await joined(pilot, host.url, codes["facilitator"], screen=LobbyScreen)
        await wait_for(pilot, lambda: "You are the facilitator" in screen_text(app.screen))
        await pilot.press("enter")  # start the game
        await wait_for(pilot, lambda: isinstance(app.screen, GameScreen), rounds=400)
        assert room(host, row).status == "playing"
        await pilot.press("f9")  # no gate on the facilitator's own screen
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        await pilot.press("p")
        await wait_for(pilot, lambda: room(host, row).paused and app.table.paused, rounds=400)
        await pilot.press("w")
        app.screen.query_one(NotesTab).query_one("Input").value = "Ankara hesitates"
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(m.reason == "Ankara hesitates" for m in room(host, row).game.moves),
                       rounds=400)
        assert app.table.game.moves, "the facilitator's screen follows the game"
        await pilot.press("escape", "k", "p")  # out of the note field first
        await wait_for(pilot, lambda: not room(host, row).paused, rounds=400)


async def test_the_projector_draws_what_a_local_projector_draws_of_the_servers_game(host, tmp_path):
    row, codes = host.new({**ALL_RANDOM, "russia": "human"}, autostart=False, pace="instant")
    seat_app = make_app(tmp_path)
    async with seat_app.run_test(size=(120, 40)) as pilot:
        await joined(pilot, host.url, codes["projector"], screen=LobbyScreen)
        await room(host, row).start(None)
        await wait_for(pilot, lambda: isinstance(seat_app.screen, ProjectorScreen), rounds=400)
        await wait_for(pilot, lambda: room(host, row).table.human_to_move(), rounds=400)
        await wait_for(pilot, lambda: seat_app.table.view.position == len(room(host, row).game.moves), rounds=400)
        await pilot.pause(0.2)
        remote = screen_text(seat_app.screen)
        game = room(host, row).game
    local = await projected_text(tmp_path, game)
    assert remote == local
    hand = [game.rules.cards[c].title for c in game.state.hands[0]]
    assert not any(title in remote for title in hand if title not in local)


@pytest.mark.parametrize("url, code, says", [
    ("not a url", "K7QX-4M2P-ZT9D", "Expected the server's address"),
    ("http://127.0.0.1:9", "nonsense", "is not a join code"),
    ("http://127.0.0.1:9", "K7QX-4M2P-ZT9D", "No answer from http://127.0.0.1:9"),
])
async def test_the_join_form_says_why_it_cannot_join(tmp_path, url, code, says, monkeypatch):
    from game.tui.screens import join

    monkeypatch.setattr(join, "CONNECT_SECONDS", 1.0)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(JoinScreen(url, code, connect_now=True))
        await wait_for(pilot, lambda: says in screen_text(app.screen), rounds=200)
        assert isinstance(app.screen, JoinScreen) and app.table is None


async def test_a_wrong_code_is_refused_by_the_server(host, tmp_path):
    host.new(ALL_RANDOM)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JoinScreen)
        await pilot.press(*host.url)
        await pilot.press("enter", *"K7QX-4M2P-ZT9D", "enter")
        await wait_for(pilot, lambda: "refused this code" in screen_text(app.screen), rounds=400)
        assert app.table is None


async def test_a_team_plays_its_hosted_seminar_to_the_end_screen(host, tmp_path):
    """One turn, the other seats the server's: the team's summary waits on its screen, and at the
    end the whole record (every hand, every rationale) is on its end screen, as locally."""
    from game.tui.screens.end import EndScreen
    from game.tui.screens.summary import TurnSummaryScreen

    seminar = Seminar(teams={"turkey": "Ankara"}, turns=1, phase_seconds=600)
    row, codes = host.new({**ALL_RANDOM, "turkey": "human"}, seminar=seminar, pace="instant", autostart=True)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await joined(pilot, host.url, codes["seat:turkey"])
        for _ in range(60):
            await wait_for(pilot, lambda: app.table.human_to_move() or app.table.ended
                           or isinstance(app.screen, (TurnSummaryScreen, EndScreen)), rounds=600)
            if app.table.ended or isinstance(app.screen, EndScreen):
                break
            if app.table.human_to_move():
                await decide_as_human(pilot, 1)
                await wait_for(pilot, lambda: not app.table._sending, rounds=400)
        await wait_for(pilot, lambda: isinstance(app.screen, EndScreen), rounds=600)
        game = room(host, row).game
        assert app.game.over and app.game.state == game.state, "after the end, everything: the game itself"
        assert app.game.log == game.log and app.screen.game.team(1) == "Ankara"
