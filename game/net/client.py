"""A client of a game server (game.net.server): asyncio and aiohttp, no Textual.

    client = Client("http://127.0.0.1:8765", "K7QX-4M2P-ZT9D", on_change=redraw)
    await client.start()            # connects in the background, and reconnects by itself
    await client.wait_ready()       # the first view (or ClientError: a wrong code, say)
    client.view.obs                 # game.play.observer.Observation, as a local game gives it
    client.view.choices             # the legal choices when this screen must decide, else None
    problem = await client.send_move(client.view.choices[0], "why")   # None, or the refusal
    async for view in client.updates(): ...
    await client.close()

``view`` is the latest ``RemoteView``: the position (moves made), the status (lobby, playing,
over), the observation rebuilt with this machine's rules (``obs``, its ``log`` the entries this
viewer may read), the choices, the phase clock, the lobby and (the facilitator's) the coming
news. ``on_change(client)`` is called after every new view and every change of ``state``
("connecting", "connected", "reconnecting", "failed", "closed"); ``problem`` says the last
thing that went wrong, in one line.

After a drop (a closed laptop, lost Wi-Fi, a server restarted) it reconnects by itself, waiting
0.25 s, then twice as long each time up to ``max_backoff``, and carries on from the fresh view
the server sends. A wrong code (or a game the server cannot serve) is final: ``state`` becomes
"failed". Moves are never re-sent by themselves: ``send_move`` says when the connection dropped
before the answer, and the next view shows whether the move was played.
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import attrs

from game.rules.loader import CARDS_DIR, load_rules
from game.play.observer import Observation
from game.play.seminar import Seminar, seminar_rules
from game.play.view import ViewDataError, observation_from_data, unwire
from game.net import protocol as P

PERMANENT_CLOSES = (4001, 4004, 4008)  # game.net.server: wrong code, game cannot be served, abuse
ANSWER_SECONDS = 30.0
DROPPED = "the connection dropped before the server answered; the next view shows whether the move was played"
NOT_CONNECTED = "not connected to the server (reconnecting)"


class ClientError(Exception):
    """The client cannot go on (a wrong code, a server that is not a game server); one line."""


@attrs.frozen
class RemoteView:
    """What this screen's viewer may know now, as the server last said."""

    position: int  # moves made
    status: str  # lobby, playing, over
    paused: bool
    obs: Observation
    choices: list | None  # of moves (tuples of words), when this screen must decide
    clock: dict | None  # label, seat, seconds, remaining, running, out
    lobby: dict
    coming: list | None  # the facilitator's: [card, where, turn]
    digest: str | None  # once the game is over
    received: float  # time.monotonic() when it arrived (a running clock counts down from it)
    log_from: int = 0  # how many of ``log``'s entries the client held before this view (0: a fresh log,
    #                    as at the welcome, or when the game ends and every entry becomes readable)

    @property
    def log(self) -> tuple:
        return self.obs.log or ()

    def clock_remaining(self, now: float | None = None) -> float | None:
        """Seconds left on the phase clock now (counted down locally while it runs)."""
        if self.clock is None:
            return None
        left = float(self.clock["remaining"])
        if self.clock.get("running"):
            left -= (time.monotonic() if now is None else now) - self.received
        return max(0.0, left)


def ws_url(url: str) -> str:
    """The websocket address of a server given as http(s)://HOST:PORT[/PREFIX] or ws(s)://...;
    ValueError in words otherwise."""
    parts = urlsplit(url.strip())
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme.lower())
    if scheme is None or not parts.netloc:
        raise ValueError(f"expected the server's address, such as http://192.168.1.20:8765, found {url!r}")
    path = parts.path.rstrip("/")
    if not path.endswith("/ws"):
        path += "/ws"
    return urlunsplit((scheme, parts.netloc, path, "", ""))


class Client:
    """One screen's connection to one game (see the module docstring)."""

    def __init__(self, url: str, code: str, *, on_change: Callable | None = None, cards: Path = CARDS_DIR,
                 rules_for: Callable | None = None, min_backoff: float = 0.25, max_backoff: float = 5.0,
                 session: aiohttp.ClientSession | None = None, trace: Callable[[str], None] | None = None):
        self.url = ws_url(url)
        self.trace = trace  # given every message as it arrives (tests record the wire with it)
        written = P.normalize_code(code)
        if written is None:
            raise ClientError(f"{code.strip()[:40]!r} is not a join code (12 letters and digits, "
                              "such as K7QX-4M2P-ZT9D)")
        self.code = written
        self.on_change = on_change
        self.cards = Path(cards)
        self._rules_for = rules_for
        self.min_backoff, self.max_backoff = min_backoff, max_backoff
        self._session = session
        self._own_session = session is None
        # What the server said at the last welcome.
        self.role: str | None = None
        self.seat: str | None = None
        self.viewer = None
        self.game_id: int | None = None
        self.scenario: str | None = None
        self.turns: int | None = None
        self.seats: dict = {}
        self.seminar: dict | None = None
        self.rules = None
        self.view: RemoteView | None = None
        self.state = "connecting"
        self.problem: str | None = None
        self.connects = 0  # how many times it has joined (1 + reconnections)
        self._log: list = []
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._task: asyncio.Task | None = None
        self._next_id = 0
        self._waiting: dict[int, asyncio.Future] = {}
        self._changed = asyncio.Event()
        self._closing = False

    # --- running ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect in the background (and reconnect after any drop) until ``close``."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    async def wait_ready(self, timeout: float = 30.0) -> RemoteView:
        """The first view; ClientError if the server refuses this client for good."""
        return await self.wait_until(lambda c: c.view is not None, timeout)

    async def wait_until(self, test: Callable, timeout: float = 30.0):
        """Wait until ``test(client)`` holds (checked after every change); its view then.
        ClientError when the client has failed for good; asyncio.TimeoutError after ``timeout``."""
        async def loop():
            while True:
                if self.state == "failed":
                    raise ClientError(self.problem or "the server refused this client")
                if test(self):
                    return self.view
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(loop(), timeout)

    async def updates(self):
        """Each new view as it arrives (the latest, if several came at once), until closed."""
        seen = None
        while not self._closing and self.state != "failed":
            if self.view is not None and self.view is not seen:
                seen = self.view
                yield seen
                continue
            self._changed.clear()
            await self._changed.wait()

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._own_session and self._session is not None:
            await self._session.close()
        self._set_state("closed")

    async def _run(self) -> None:
        delay = self.min_backoff
        while not self._closing:
            try:
                await self._connect_once()
                delay = self.min_backoff  # it had joined: the next drop starts the wait afresh
            except ClientError as e:
                self.problem = str(e)
                self._set_state("failed")
                return
            except asyncio.CancelledError:
                raise
            except (aiohttp.ClientConnectorError, ConnectionRefusedError):
                self.problem = f"the server at {self.url} is not answering"
            except (aiohttp.ClientError, OSError, asyncio.TimeoutError, P.ProtocolError, ViewDataError) as e:
                self.problem = _one_line(e) or type(e).__name__
            self._drop_waiting()
            if self._closing:
                return
            self._set_state("reconnecting")
            await asyncio.sleep(delay * (0.75 + random.random() / 2))
            delay = min(self.max_backoff, delay * 2)

    async def _connect_once(self) -> None:
        async with self._session.ws_connect(self.url, max_msg_size=P.MAX_SERVER_BYTES, heartbeat=20.0,
                                            timeout=aiohttp.ClientWSTimeout(ws_close=5.0)) as ws:
            self._ws = ws
            await ws.send_str(P.encode(P.hello(self.code)))
            joined = False
            async for frame in ws:
                if frame.type != aiohttp.WSMsgType.TEXT:
                    break
                if self.trace is not None:
                    self.trace(frame.data)
                message = P.parse_server(frame.data)
                kind = message["kind"]
                if kind == "welcome":
                    await self._welcome(message)
                    joined = True
                    self.connects += 1
                    self._set_state("connected")
                elif kind == "view":
                    if not self._take_view(message):
                        break  # out of step: reconnect for a fresh view
                elif kind == "error" and not joined:
                    self.problem = str(message.get("message"))[:300]
                else:
                    self._answer(message)
            self._ws = None
            code = ws.close_code
            if code in PERMANENT_CLOSES:
                raise ClientError(self.problem or f"the server closed the connection for good ({code})")
            if not joined and self.problem is None:
                self.problem = "the server closed the connection"

    async def _welcome(self, message: dict) -> None:
        scenario, turns = message.get("scenario"), message.get("turns")
        if not isinstance(scenario, str) or not (isinstance(turns, int) and not isinstance(turns, bool)):
            raise P.ProtocolError("welcome: expected the game's scenario and turns")
        if self.rules is None or (scenario, turns) != (self.scenario, self.turns):
            self.rules = await asyncio.get_running_loop().run_in_executor(None, self._load_rules, scenario, turns)
        self.role, self.seat, self.viewer = message.get("role"), message.get("seat"), message.get("viewer")
        self.game_id, self.scenario, self.turns = message.get("game"), scenario, turns
        self.seats = dict(message.get("seats") or {})
        self.seminar = message.get("seminar")
        self._log = []
        if not self._take_view(message.get("view")):
            raise P.ProtocolError("welcome: the first view does not start the log afresh")

    def _load_rules(self, scenario: str, turns: int):
        if self._rules_for is not None:
            return self._rules_for(scenario, turns)
        return seminar_rules(load_rules(scenario, self.cards), Seminar(turns=turns))

    def _take_view(self, data) -> bool:
        """Read a view; False when its log does not follow the entries held (reconnect)."""
        if not isinstance(data, dict) or data.get("kind") != "view":
            raise P.ProtocolError("expected a view")
        entries = data.get("log")
        log_from = data.get("log_from")
        if not isinstance(entries, list) or not isinstance(log_from, int):
            raise P.ProtocolError("view: expected 'log' and 'log_from'")
        if log_from == 0:
            held = []
        elif log_from == len(self._log):
            held = self._log
        else:
            return False
        held = held + [unwire(e, "view.log") for e in entries]
        obs = observation_from_data(data.get("obs"), self.rules, held)
        status = data.get("status")
        if status not in P.STATUSES:
            raise P.ProtocolError(f"view: unknown status {str(status)[:20]!r}")
        clock = data.get("clock")
        if clock is not None and not (isinstance(clock, dict) and P.is_finite(clock.get("remaining"))):
            raise P.ProtocolError("view: 'clock': expected the clock's remaining seconds")
        self._log = held
        self.view = RemoteView(position=int(data.get("position", 0)), status=status, paused=bool(data.get("paused")),
                               obs=obs, choices=P.choices_from(data.get("choices")), clock=clock,
                               lobby=data.get("lobby") or {}, coming=data.get("coming"), digest=data.get("digest"),
                               received=time.monotonic(), log_from=log_from)
        self._notify()
        return True

    def _answer(self, message: dict) -> None:
        mid = message.get("id")
        future = self._waiting.pop(mid, None) if isinstance(mid, int) else None
        if future is not None and not future.done():
            future.set_result(message)
        elif message["kind"] in ("error", "refused"):
            self.problem = str(message.get("message"))[:300]
            self._notify()

    def _drop_waiting(self) -> None:
        waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            if not future.done():
                future.set_result(None)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._notify()

    def _notify(self) -> None:
        self._changed.set()
        if self.on_change is not None:
            self.on_change(self)

    # --- sending --------------------------------------------------------------------------------

    async def request(self, message: dict, timeout: float = ANSWER_SECONDS) -> dict | None:
        """Send ``message`` with a fresh id; the server's answer to it (None: the connection
        dropped first)."""
        ws = self._ws
        if ws is None or ws.closed or self.state != "connected":
            return None
        self._next_id += 1
        mid = self._next_id
        message = dict(message, id=mid)
        future = asyncio.get_running_loop().create_future()
        self._waiting[mid] = future
        try:
            await ws.send_str(P.encode(message))
            return await asyncio.wait_for(future, timeout)
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return None
        except asyncio.TimeoutError:
            return {"kind": "error", "message": "the server did not answer in time"}
        finally:
            self._waiting.pop(mid, None)

    async def send_move(self, choice, reason: str | None = None, at: int | None = None) -> str | None:
        """Make a move (a seat's choice or a facilitator's) in answer to the position ``at``
        (the view's, by default): None when it was played (and the new view has arrived), else
        why not, in one line."""
        if self.view is None or self.state != "connected":
            return NOT_CONNECTED
        position = self.view.position if at is None else at
        answer = await self.request(P.move(position, choice, reason))
        return _outcome(answer)

    async def start_game(self) -> str | None:
        """The facilitator starts the game from the lobby."""
        return _outcome(await self.request({"kind": "start"}))

    async def pause(self, paused: bool = True) -> str | None:
        return _outcome(await self.request({"kind": "pause", "paused": paused}))

    async def clock(self, action: str, seconds: int = 60) -> str | None:
        """The facilitator's phase clock: "toggle", "extend" (by ``seconds``) or "skip"."""
        return _outcome(await self.request({"kind": "clock", "action": action, "seconds": seconds}))

    async def export(self) -> str:
        """The game as an ordinary save's text; ClientError with the reason otherwise."""
        answer = await self.request({"kind": "export"})
        if answer is None or answer.get("kind") != "save" or not isinstance(answer.get("text"), str):
            raise ClientError(_outcome(answer) or "the server sent no save")
        return answer["text"]


def _outcome(answer: dict | None) -> str | None:
    if answer is None:
        return DROPPED
    if answer.get("kind") in ("accepted", "pong"):
        return None
    return str(answer.get("message") or "refused")[:300]


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
