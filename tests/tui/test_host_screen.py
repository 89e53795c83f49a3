"""Host a game from the title screen: the form makes a game in the saves folder's games database,
serves it from this interface (or leaves it to a game server already on the port), shows the
codes once, and the facilitator's screen opens here, joined to that game."""

from __future__ import annotations

import socket

from game.net.store import Store, default_db
from game.tui.screens.host import HostedScreen, HostSetupScreen
from game.tui.screens.lobby import LobbyScreen
from tests.net.helpers import start_host, stop_host
from tests.tui.conftest import make_app
from tests.tui.test_summary_screen import screen_text, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def fill(pilot, port: int, teams=("Moscow", "Ankara")) -> None:
    app = pilot.app
    await pilot.press("t")
    assert isinstance(app.screen, HostSetupScreen)
    screen = app.screen
    for seat, team in zip(("russia", "turkey"), teams):
        screen.query_one(f"#team-{seat}").value = team
    screen.query_one("#host-port").value = str(port)
    await pilot.pause()
    await pilot.press("ctrl+s")


async def test_a_hosted_game_is_served_here_and_the_facilitator_joins_it(tmp_path):
    port = free_port()
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await fill(pilot, port)
        await wait_for(pilot, lambda: isinstance(app.screen, HostedScreen), rounds=400)
        hosted = app.screen
        text = screen_text(hosted)
        assert f"http://127.0.0.1:{port}" in text and "served from this interface" in text
        for role in ("seat:russia", "seat:turkey", "facilitator", "projector"):
            assert hosted.codes[role] in text
        assert "seat:china" not in hosted.codes, "the computer's seats have no code"
        store = Store(default_db(tmp_path))
        try:
            row = store.game(hosted.row.id)
        finally:
            store.close()
        assert row.seminar.teams == {"russia": "Moscow", "turkey": "Ankara"} and row.status == "lobby"
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, LobbyScreen), rounds=400)
        assert app.table.role == "facilitator"
        await wait_for(pilot, lambda: app.hosting.server.rooms[row.id].lobby()["facilitator"] == 1, rounds=200)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.hosting.server.rooms[row.id].status == "playing", rounds=400)


async def test_a_server_already_on_the_port_serves_the_hosted_game(tmp_path):
    db = default_db(tmp_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    host = await start_host(db)
    try:
        port = int(host.url.rsplit(":", 1)[1])
        app = make_app(tmp_path)
        async with app.run_test(size=(100, 32)) as pilot:
            await fill(pilot, port)
            await wait_for(pilot, lambda: isinstance(app.screen, HostedScreen), rounds=400)
            assert f"already on port {port}" in screen_text(app.screen)
            assert getattr(app, "hosting", None) is None
            await pilot.press("p")  # the projector here, served by that server
            await wait_for(pilot, lambda: isinstance(app.screen, LobbyScreen), rounds=400)
            assert app.table.role == "projector"
    finally:
        await stop_host(host)


async def test_a_hosted_game_needs_a_team(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await fill(pilot, free_port(), teams=("", ""))
        await wait_for(pilot, lambda: "Name at least one team" in screen_text(app.screen))
        assert not default_db(tmp_path).exists()
