"""RemoteTable (game.clients.remote): the table a hosted game's screens read, without a screen,
against a real game server on loopback (tests/net/helpers.py). It sends this seat's choice
naming the position it answers, refuses what the server would (not its move, a choice not on
offer, a second move before the first is answered), holds its own choices while this screen's
turn summary is unread, checks a facilitator's move by the rules before sending it, and says
when the connection drops and comes back."""

from __future__ import annotations

import asyncio
import random

import pytest

from game.clients.remote import NOT_FACILITATOR, SENDING, RemoteTable
from game.play.table import GONE, NOT_YOUR_MOVE
from game.rules import moves as M
from game.rules.model import SEATS
from tests.net.helpers import start_host, stop_host

RANDOM = {s: "random" for s in SEATS}


@pytest.fixture
async def host(tmp_path):
    h = await start_host(tmp_path / "games.sqlite")
    try:
        yield h
    finally:
        await stop_host(h)


async def until(test, timeout: float = 20.0) -> None:
    async def loop():
        while not test():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(loop(), timeout)


async def table_for(host, code: str) -> RemoteTable:
    client = await host.client(code)
    await client.wait_ready()
    return RemoteTable(client)


async def test_a_seat_sends_its_choice_and_the_server_plays_it(host):
    row, codes = host.new({**RANDOM, "russia": "human", "turkey": "human"}, autostart=True)
    russia = await table_for(host, codes["seat:russia"])
    turkey = await table_for(host, codes["seat:turkey"])
    room = host.server.rooms[row.id]
    await until(lambda: russia.human_to_move() or turkey.human_to_move())
    mover, other = (russia, turkey) if russia.human_to_move() else (turkey, russia)
    assert other.choose(other.game.legal()[0] if other.game.legal() else ("end",)) == NOT_YOUR_MOVE
    assert mover.choose(("play", "no-such-card", "ops")) == GONE
    position = mover.view.position
    choice = mover.view.choices[0]
    assert mover.choose(choice, "  our reason  ") is None
    assert mover.choose(choice) == SENDING, "one move at a time"
    assert not mover.human_to_move()
    await until(lambda: mover.view.position > position)
    assert room.game.moves[position].choice == tuple(choice)
    assert room.game.moves[position].reason == "our reason"
    assert mover.game.log == list(mover.view.log)
    assert all(e[2] != "our reason" for e in other.game.log if e[0] == "reason"), "a team's rationale is its own"


async def test_the_turns_summary_waits_on_this_screen_only(host):
    row, codes = host.new({**RANDOM, "russia": "human"}, autostart=True)
    table = await table_for(host, codes["seat:russia"])
    rng = random.Random(3)
    while table.game.state.turn == 1:
        await until(lambda: table.human_to_move() or table.game.state.turn > 1)
        if table.game.state.turn > 1:
            break
        position = table.view.position
        assert table.choose(rng.choice(table.view.choices)) is None
        await until(lambda: table.view.position > position)
    assert table.summary_turn == 1 and not table.human_to_move()
    await until(lambda: bool(table.view.choices))
    assert table.choose(table.view.choices[0]) == NOT_YOUR_MOVE, "not before the summary is read"
    table.summary_read()
    assert table.human_to_move()


async def test_the_facilitators_moves_are_checked_by_the_rules_before_they_are_sent(host):
    row, codes = host.new(RANDOM, autostart=False)
    fac = await table_for(host, codes["facilitator"])
    projector = await table_for(host, codes["projector"])
    room = host.server.rooms[row.id]
    assert fac.lobby is not None and fac.start_game() is None
    await until(lambda: fac.lobby is None and room.status == "playing")
    refused = fac.facilitate((M.ADJUST, "tension", "+1"), None)  # an adjudication needs its reason
    assert refused and "reason" in refused
    assert fac.facilitate(("play", "x", "ops")).startswith("'play x ops' is not a facilitator move")
    assert projector.facilitate(M.note(), "hello") == NOT_FACILITATOR
    projector.set_paused(True)
    assert projector.take_notices() == [NOT_FACILITATOR]
    fac.set_paused(True)
    await until(lambda: room.paused and fac.paused and projector.paused)
    moves = len(room.game.moves)  # (the computers moved until the pause came)
    assert fac.facilitate(M.note(), "a note for the record") is None
    await until(lambda: any(m.reason == "a note for the record" for m in room.game.moves))
    assert len(room.game.moves) == moves + 1
    assert not any(e[0] == "note" for e in projector.game.log), "the teams do not read the notes"


async def test_a_dropped_connection_is_said_and_comes_back(host):
    row, codes = host.new({**RANDOM, "russia": "human"}, autostart=True)
    table = await table_for(host, codes["seat:russia"])
    seen = []
    table.watchers.append(lambda: seen.extend(table.take_notices()))
    for ws in [c.ws for room in host.server.rooms.values() for c in list(room.conns)]:
        await ws.close()  # as a dropped Wi-Fi would, from the server's side
    await until(lambda: any("reconnecting" in n for n in seen))
    await until(lambda: any("Connected to the server again" in n for n in seen))
    assert table.client.connects == 2
    await until(lambda: table.human_to_move())
