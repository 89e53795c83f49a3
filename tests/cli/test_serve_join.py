"""greatgame serve --join URL: a class joins a hosted game from browsers with nothing installed.

A game server runs in this process (tests/net/helpers.py) and ``greatgame serve --join`` as a
real subprocess on loopback. The page is built for the address the visitor used (another
machine's, too); each visitor's game opens on the join form of that server, its address fixed;
two visitors type the codes of two seats and the server sees both seats joined and starts the
game.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp

from game.clients.serve import visitor_command
from game.rules.model import SEATS
from tests.cli.test_serve import _cmdline, _get, _wait_for, serving
from tests.net.helpers import start_host, stop_host


async def _screen_until(ws, text: bytes, seconds: float = 60.0) -> bytes:
    """What a visitor's game draws, until ``text`` has been drawn (at most ``seconds``)."""
    data = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and text not in data:
        try:
            message = await ws.receive(timeout=1.0)
        except asyncio.TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            data += message.data
        elif message.type != aiohttp.WSMsgType.TEXT:
            break
    return data


async def _until(test, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        await asyncio.sleep(0.1)
    return test()


def test_each_visitor_is_told_to_join_that_server():
    argv = visitor_command("cards", "saves/served/x", "http://127.0.0.1:8765")
    assert argv[-4:] == ["--saves-dir", "saves/served/x", "--join", "http://127.0.0.1:8765"]
    assert "--join" not in visitor_command("cards", "saves/served/x")


async def test_two_browsers_join_two_seats_of_one_hosted_game(tmp_path):
    host = await start_host(tmp_path / "games.sqlite")
    try:
        row, codes = host.new({**{s: "random" for s in SEATS}, "russia": "human", "turkey": "human"},
                              autostart=True)
        room = host.server.rooms.get(row.id) or await host.server.room(row.id)
        with serving(tmp_path, "--join", host.url) as served:
            # From another machine the page points its websocket at the address that machine used.
            status, page = _get(served.port, host=f"192.168.1.20:{served.port}")
            assert status == 200
            assert f'data-session-websocket-url="ws://192.168.1.20:{served.port}/ws"' in page
            async with aiohttp.ClientSession() as session:
                visitors = []
                for seat in ("russia", "turkey"):
                    ws = await session.ws_connect(served.ws_url("?width=100&height=32"),
                                                  headers={"Origin": served.origin})
                    visitors.append((seat, ws))
                games = _wait_for(lambda: len(served.games()) == 2 and served.games())
                assert games
                for pid in games:
                    argv = _wait_for(lambda: "--join" in (a := _cmdline(pid)) and a)
                    assert argv[argv.index("--join") + 1] == host.url
                for seat, ws in visitors:
                    drawn = await _screen_until(ws, b"Join code")
                    assert b"Join code" in drawn, "each visitor opens on the join form"
                    await ws.send_json(["stdin", codes[f"seat:{seat}"] + "\r"])
                assert await _until(lambda: room.status == "playing"), room.lobby()
                joined = room.lobby()["seats"]
                assert joined["russia"]["joined"] == 1 and joined["turkey"]["joined"] == 1
                for _seat, ws in visitors:
                    await ws.close()
    finally:
        await stop_host(host)
