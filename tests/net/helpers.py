"""A game server on loopback for the tests, in this process (``start_host``), so a test can
read the server's games as well as its wire; game.net.worker's thinking runs in a thread here
(the worker processes have a test of their own). And a seat that plays at random."""

from __future__ import annotations

import asyncio
import random

import attrs
from aiohttp import web

from game.rules.loader import load_rules
from game.rules.model import SEATS
from game.play.seminar import Seminar, seminar_rules
from game.net.client import Client
from game.net.server import Server, new_game


def rules_for(scenario: str, turns: int | None = None):
    """The client's rules, read once per test run (tests/conftest.py caches the cards)."""
    return seminar_rules(load_rules(scenario), Seminar(turns=turns))


@attrs.define
class Host:
    server: Server
    url: str
    runner: web.AppRunner
    clients: list = attrs.Factory(list)

    def new(self, seats: dict | None = None, *, seed: int = 7, seminar: Seminar | None = None,
            pace: str = "instant", autostart: bool = False, scenario: str = "summer-2021"):
        """A game in the lobby and its codes by role ("seat:russia", "facilitator", "projector")."""
        seats = seats or {s: "human" for s in SEATS}
        return new_game(self.server.store, rules_for=self.server.rules_for, scenario=scenario, seed=seed,
                        seats=seats, seminar=seminar, pace=pace, autostart=autostart)

    async def client(self, code: str, **kwargs) -> Client:
        c = Client(self.url, code, rules_for=rules_for, min_backoff=0.05, max_backoff=0.5, **kwargs)
        self.clients.append(c)
        await c.start()
        return c

    async def join(self, codes: dict) -> dict:
        """A ready client for every code."""
        clients = {role: await self.client(code) for role, code in codes.items()}
        await asyncio.gather(*(c.wait_ready() for c in clients.values()))
        return clients


async def start_host(db, workers: int = 0) -> Host:
    server = Server(db, workers=workers)
    server.open()
    runner = web.AppRunner(server.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    server.resume()
    return Host(server, f"http://127.0.0.1:{port}", runner)


async def stop_host(host: Host) -> None:
    for c in host.clients:
        await c.close()
    await host.server.close()
    await host.runner.cleanup()


async def play_randomly(client: Client, rng: random.Random, reason=None, timeout: float = 120.0) -> int:
    """Play this seat's choices at random until the game is over; how many moves it made.
    ``reason(n)`` gives the rationale of its n-th move (None: none)."""
    made = 0
    while True:
        view = await client.wait_until(
            lambda c: c.state == "connected" and (c.view.status == "over" or bool(c.view.choices)), timeout)
        if view.status == "over":
            return made
        problem = await client.send_move(rng.choice(view.choices), None if reason is None else reason(made),
                                         at=view.position)
        if problem is None:
            made += 1
        else:  # refused (a drop, a server restarting): wait for the next view before trying again
            try:
                await client.wait_until(lambda c: c.view is not view, 1.0)
            except asyncio.TimeoutError:
                pass


class Raw:
    """A bare websocket speaking the protocol by hand (to send what no Client would)."""

    def __init__(self, session, ws):
        self.session, self.ws = session, ws

    @classmethod
    async def connect(cls, url: str, code: str | None = None) -> "Raw":
        import aiohttp

        session = aiohttp.ClientSession()
        ws = await session.ws_connect(url + "/ws", max_msg_size=0)
        raw = cls(session, ws)
        if code is not None:
            await raw.send({"kind": "hello", "code": code})
        return raw

    async def send(self, message) -> None:
        import json

        await self.ws.send_str(message if isinstance(message, str) else json.dumps(message))

    async def next(self, kind: str | None = None, timeout: float = 10.0) -> dict:
        """The next message (of ``kind``, skipping others)."""
        import json

        import aiohttp

        while True:
            frame = await self.ws.receive(timeout=timeout)
            if frame.type != aiohttp.WSMsgType.TEXT:
                return {"kind": "closed", "code": self.ws.close_code}
            message = json.loads(frame.data)
            if kind is None or message["kind"] == kind:
                return message

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()
