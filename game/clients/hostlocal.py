"""Hosting from the title screen: a game server in this process, a game in its database, and
the codes to read out (no Textual).

*Host a game* makes the game in the games database of the saves folder (the one
``greatgame host`` serves by default) and serves it from this process while the interface runs
(game.net.server's Server on this process's event loop; the computer seats still think in
worker processes). If a server already answers on the port, it is that one's: the game is made
in the same database, and that server serves it as soon as someone joins.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp

ANYONE, THIS_MACHINE = "0.0.0.0", "127.0.0.1"


def lan_address() -> str | None:
    """This machine's address on its network (the one to read out), if it has one besides
    loopback. No packet is sent: connecting a datagram socket only picks a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def address_to_read_out(host: str, port: int) -> str:
    """The URL the players type: this machine's network address when it listens on every
    address, else the address it listens on."""
    if host in (ANYONE, "::", ""):
        return f"http://{lan_address() or socket.gethostname()}:{port}"
    return f"http://{host}:{port}"


async def answers(port: int, timeout: float = 1.0) -> bool:
    """Whether a game server answers on this machine's ``port``."""
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(f"http://127.0.0.1:{port}/health") as response:
                data = await response.json(content_type=None)
                return response.status == 200 and isinstance(data, dict) and "games" in data
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError):
        return False


def make_game(db: Path, rules, *, seed: int, seats: dict, seminar, pace: str = "normal",
              autostart: bool | None = None):
    """A new game in the database ``db`` (made if missing): (its row, its join codes by role).
    A seminar waits in the lobby for the facilitator; a game starts once its seats have joined.
    StoreError in words if the database cannot be used."""
    from game.net.server import new_game
    from game.net.store import Store

    store = Store(db)
    try:
        return new_game(store, rules_for=lambda _scenario: rules, scenario=rules.scenario.id, seed=seed,
                        seats=seats, seminar=seminar, pace=pace,
                        autostart=seminar is None if autostart is None else autostart)
    finally:
        store.close()


def code_rows(row, codes: dict) -> list[tuple[str, str]]:
    """(who, code) to read out: each team (by seat), the facilitator, the projector."""
    from game.net.store import FACILITATOR_ROLE, PROJECTOR_ROLE, SEAT_ROLE
    from game.rules.model import SEAT_NAMES

    out = []
    for role, code in codes.items():
        if role.startswith(SEAT_ROLE):
            seat = role[len(SEAT_ROLE):]
            team = row.seminar.team(seat) if row.seminar is not None else None
            out.append((f"{team} ({SEAT_NAMES[seat]})" if team else SEAT_NAMES[seat], code))
        elif role == FACILITATOR_ROLE:
            out.append(("Facilitator (sees everything)", code))
        elif role == PROJECTOR_ROLE:
            out.append(("Projector (the public board)", code))
    return out


class LocalHost:
    """A game server running in this process until ``close``."""

    def __init__(self, db: Path, *, host: str = THIS_MACHINE, port: int, cards: Path, workers: int = 2):
        self.db, self.host, self.port, self.cards, self.workers = Path(db), host, port, Path(cards), workers
        self.server = None
        self._runner = None

    @property
    def url(self) -> str:
        return address_to_read_out(self.host, self.port)

    @property
    def local_url(self) -> str:
        """The address this machine's own screens join by."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Open the database (reloading its unfinished games) and listen; HostError or
        StoreError in words if it cannot."""
        from aiohttp import web

        from game.net.server import HostError, Server

        server = Server(self.db, cards=self.cards, workers=self.workers, out=lambda *_: None)
        await asyncio.get_running_loop().run_in_executor(None, server.open)
        runner = web.AppRunner(server.app(), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError as e:
            await runner.cleanup()
            await server.close()
            raise HostError(f"port {self.port} on {self.host}: cannot listen there ({e.strerror or e})") from None
        server.resume()
        self.server, self._runner = server, runner

    async def close(self) -> None:
        """Stop serving (every accepted move is stored; ``greatgame host`` serves the games on)."""
        server, runner, self.server, self._runner = self.server, self._runner, None, None
        if server is not None:
            await server.close()
        if runner is not None:
            await runner.cleanup()
