"""``greatgame host``: one server process holding any number of games (aiohttp, websockets).

Each game is a ``Room``: the game (game.play.session.Game) at a table (game.play.table.Table,
the same policy a local game has: whose turn, the computer seats' requests and their pace, the
seminar's phase clock, the facilitator's pause), its connections, and its rows in the store
(game.net.store). Every change to a game happens under the room's lock, in this order: the
move goes through the game's door (``Table.choose`` for a seat, ``Table.facilitate`` for the
facilitator, ``Table.reveal`` for a computer seat); the new moves are committed to SQLite
(in the store's own thread, so the event loop never waits on the disk); then every connection
is sent its new view, and only then is the mover told ``accepted``. Two connections racing for
one move are served one after the other under the lock: the second names a position that has
gone and is refused.

Connections speak game.net.protocol. A join code decides the role: a seat's code moves only
that seat, the facilitator's makes facilitator moves and starts the game from the lobby, the
projector's moves nothing. Each connection is sent ``observe(state, its viewer)`` and the log
entries its viewer may read, and nothing else. Messages are size-limited and checked; a bad one
gets an ``error`` and nothing more; each connection has a rate limit, and so do wrong codes
from one address. Computer seats think in worker processes (game.net.worker), so the event
loop never stalls.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

from aiohttp import WSCloseCode, WSMsgType, web

from game.rules import moves as M
from game.rules.loader import CARDS_DIR, load_rules
from game.rules.model import SEATS
from game.play.observer import FACILITATOR, PUBLIC, observe, readable_log
from game.play.save import digest, to_yaml
from game.play.seminar import coming_news, seminar_rules
from game.play.session import Game
from game.play.table import NOT_YOUR_MOVE, Table
from game.play.view import observation_data, wire
from game.net import protocol as P
from game.net.store import GameRow, Store, StoreError, replay, role_seat, start_game
from game.net.worker import Job, think, warm, watch_parent

log = logging.getLogger("greatgame.host")

DEFAULT_PORT = 8765
WILDCARDS = ("0.0.0.0", "::", "")
MAX_FRAME = 1 << 20  # aiohttp closes a connection sending a frame larger than this (1009)
HELLO_SECONDS = 10.0  # a connection must say hello within this
RATE, BURST = 10.0, 30  # messages a second per connection, and the burst allowed
ABUSE_LIMIT = 300  # messages dropped for the rate before the connection is closed
BAD_CODES_PER_MINUTE = 20  # wrong join codes from one address
OUTBOX = 256  # views waiting to be sent to one connection before it counts as stuck
MAX_CONNECTIONS = 5000
MAX_PER_GAME = 200
HEARTBEAT = 20.0

# Close codes a client reads: retry (the server is going, full, or the connection fell
# behind) or give up (the code is wrong; the game cannot be served).
CLOSE_BAD_CODE = 4001
CLOSE_FULL = 4002
CLOSE_BEHIND = 4003
CLOSE_GAME_GONE = 4004
CLOSE_ABUSE = 4008
PERMANENT_CLOSES = (CLOSE_BAD_CODE, CLOSE_GAME_GONE, CLOSE_ABUSE)

ALREADY = "already played: this move was made at position {at}, and a move is never played twice"
STALE = "stale: this move answers position {at}, but the game has moved on to position {now}"
AHEAD = "position {at} has not been reached: the game is at position {now}"


class HostError(Exception):
    """An argument or a file the server cannot use; one line."""


# --- one connection ---------------------------------------------------------------------------


class Bucket:
    """A token bucket: ``rate`` messages a second, ``burst`` at once."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = float(burst)
        self.when = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.when) * self.rate)
        self.when = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Conn:
    """A joined connection: its role, its viewer, what log it has been sent, and its outbox
    (a writer task sends it, so a slow reader never holds a game up)."""

    def __init__(self, ws: web.WebSocketResponse, room: Room, role: str, seat: str | None):
        self.ws = ws
        self.room = room
        self.role = role  # protocol.ROLE_*
        self.seat = seat
        self.viewer = P.viewer_of(role, seat)
        self.raw_sent = 0  # entries of the game's log looked at for this connection
        self.readable_sent = 0  # entries of its readable log it has been sent
        self.sent_over = False  # it has been sent the whole log of the ended game
        self.outbox: asyncio.Queue = asyncio.Queue()
        self.closing = False

    def send(self, message: dict) -> None:
        if self.closing:
            return
        if self.outbox.qsize() >= OUTBOX:  # it reads nothing: let it reconnect for a fresh view
            self.closing = True
            asyncio.ensure_future(self.ws.close(code=CLOSE_BEHIND, message=b"fell behind; reconnect"))
            return
        self.outbox.put_nowait(P.encode(message))

    async def writer(self) -> None:
        try:
            while True:
                text = await self.outbox.get()
                await self.ws.send_str(text)
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            pass


# --- one game ---------------------------------------------------------------------------------


class Room:
    """One hosted game (see the module docstring)."""

    def __init__(self, server: Server, row: GameRow, game: Game):
        self.server = server
        self.id = row.id
        self.row = row
        self.game = game
        self.status = row.status
        self.table: Table | None = None
        self.conns: set[Conn] = set()
        self.lock = asyncio.Lock()
        self.wake = asyncio.Event()
        self.ai_task: asyncio.Task | None = None
        self.committed = len(game.moves)
        if self.status == P.PLAYING:
            self._seat(paused=row.paused)
        elif self.status == P.LOBBY and game.over:  # cannot happen with real rules
            self.status = P.OVER

    def _seat(self, paused: bool = False) -> None:
        """The game at its table (the policy of every local game, one screen per seat)."""
        self.table = Table(self.game, pace=self.row.pace, shared_screen=False, summaries=False,
                           clock=self.server.clock)
        if paused:
            self.table.set_paused(True)

    @property
    def paused(self) -> bool:
        return self.table is not None and self.table.paused

    # --- what each connection is sent ---------------------------------------------------------

    def lobby(self) -> dict:
        joined: dict = {}
        for c in self.conns:
            key = c.seat if c.role == P.ROLE_SEAT else c.role
            joined[key] = joined.get(key, 0) + 1
        seminar = self.game.seminar
        return {"seats": {s: {"controller": self.game.seats[s], "team": seminar.team(s) if seminar else None,
                              "joined": joined.get(s, 0)} for s in SEATS},
                "facilitator": joined.get(P.ROLE_FACILITATOR, 0), "projector": joined.get(P.ROLE_PROJECTOR, 0),
                "autostart": self.row.autostart}

    def view_for(self, conn: Conn, cache: dict) -> dict:
        """``conn``'s view now: its viewer's observation, the log entries it has not been sent,
        its choices if it must decide. ``cache`` shares the work between connections of one
        viewer within one broadcast."""
        game = self.game
        over = game.over
        viewer = conn.viewer
        if over and not conn.sent_over:  # every entry is readable now: the whole log again
            conn.raw_sent = conn.readable_sent = 0
            conn.sent_over = True
        key = ("obs", viewer)
        if key not in cache:
            if "public" not in cache:  # written once; each viewer's differs in a few fields
                public = observe(game.state, PUBLIC)
                cache["public"] = (public, observation_data(public))
            cache[key] = observation_data(observe(game.state, viewer), like=cache["public"])
        log_key = ("log", viewer, conn.raw_sent)
        if log_key not in cache:
            cache[log_key] = [wire(e) for e in readable_log(game.log[conn.raw_sent:], viewer, game.seats, over)]
        entries = cache[log_key]
        log_from = conn.readable_sent
        conn.raw_sent = len(game.log)
        conn.readable_sent += len(entries)
        if "lobby" not in cache:
            cache["lobby"] = self.lobby()
        table = self.table
        choices = None
        if (table is not None and conn.role == P.ROLE_SEAT and table.human_to_move()
                and game.state.seat_to_move == viewer):
            if "choices" not in cache:
                cache["choices"] = [list(c) for c in game.legal()]
            choices = cache["choices"]
        coming = None
        if viewer == FACILITATOR and not over:
            if "coming" not in cache:
                cache["coming"] = [[c.card, c.where, c.turn] for c in coming_news(game.state)]
            coming = cache["coming"]
        clock = None
        if table is not None and not over:
            if "clock" not in cache:
                team_clock = table.team_clock()
                cache["clock"] = P.clock_data(team_clock, self.server.clock(), table.phase_seat(),
                                              not table.paused) if team_clock is not None else None
            clock = cache["clock"]
        if over and "digest" not in cache:
            cache["digest"] = digest(game.state)
        return P.view(game=self.id, position=len(game.moves), status=self.status, paused=self.paused,
                      obs=cache[key], log_from=log_from, log=entries, choices=choices, clock=clock,
                      lobby=cache["lobby"], coming=coming, digest=cache.get("digest") if over else None)

    def welcome(self, conn: Conn) -> dict:
        seminar = self.game.seminar
        cache: dict = {}
        return {"kind": "welcome", "protocol": P.PROTOCOL, "game": self.id, "role": conn.role, "seat": conn.seat,
                "viewer": conn.viewer, "scenario": self.game.scenario, "turns": self.game.rules.scenario.turns,
                "seats": dict(self.game.seats),
                "seminar": None if seminar is None else {"teams": dict(seminar.teams),
                                                         "phase_seconds": seminar.phase_seconds},
                "view": self.view_for(conn, cache)}

    def publish(self) -> None:
        """Every connection's new view (call under the lock, after the moves are stored)."""
        cache: dict = {}
        for conn in list(self.conns):
            conn.send(self.view_for(conn, cache))

    # --- changes ------------------------------------------------------------------------------

    async def commit(self) -> None:
        """Store the moves made since the last commit (StoreError: nothing was stored)."""
        game = self.game
        new = game.moves[self.committed:]
        status = P.OVER if game.over else self.status
        if not new and status == self.status:
            return
        moves = [(M.text(m.choice), m.reason) for m in new]
        await self.server.append(self.id, self.committed, moves, game.state, status)
        self.committed = len(game.moves)
        self.status = status

    async def settle(self) -> str | None:
        """After a change under the lock: store it, then tell everyone. If the store fails,
        the game goes back to what is stored, and the failure is returned in words."""
        try:
            await self.commit()
        except StoreError as e:
            log.error("game %s: a move could not be stored: %s", self.id, e)
            await self.reload()
            self.publish()
            return f"the server could not store the move, so it was not played ({e})"
        self.publish()
        self.wake.set()
        return None

    async def reload(self) -> None:
        """Back to the game as it is stored (after a failed write)."""
        server = self.server
        row = await server.db(server.store.game, self.id)
        moves = await server.db(server.store.moves, self.id)
        self.row = row
        self.game = replay(row, moves, server.rules_for)
        self.status = row.status
        self.committed = len(self.game.moves)
        self.table = None
        if self.status == P.PLAYING:
            self._seat(paused=row.paused)

    async def move(self, conn: Conn, msg: P.Move) -> dict:
        """A connection's move: ``accepted`` or ``refused`` (the views are sent before)."""
        async with self.lock:
            refusal = self._refusal(conn, msg)
            if refusal is None:
                table = self.table
                if M.is_facilitator(msg.choice):
                    refusal = table.facilitate(msg.choice, msg.reason)
                elif M.is_prediction(msg.choice):  # a team's prediction: recorded, nothing moves
                    refusal = table.predict(msg.choice, msg.reason)
                else:  # the game's own words for an illegal choice, then the table's policy
                    refusal = self.game.refusal(msg.choice) or table.choose(msg.choice, msg.reason)
                if refusal is None:
                    refusal = await self.settle()
            if refusal is not None:
                return P.refused(refusal, msg.at, msg.id)
            return P.accepted(msg.at, msg.id)

    def _refusal(self, conn: Conn, msg: P.Move) -> str | None:
        game = self.game
        now = len(game.moves)
        if conn.role == P.ROLE_PROJECTOR:
            return "the projector makes no moves"
        if self.status == P.LOBBY:
            return "the game has not started: the facilitator starts it from the lobby"
        if game.over:
            return "the game is over"
        facilitator_move = M.is_facilitator(msg.choice)
        if facilitator_move and conn.role != P.ROLE_FACILITATOR:
            return f"only the facilitator makes facilitator moves ({', '.join(M.FACILITATOR_KINDS)})"
        if not facilitator_move and conn.role == P.ROLE_FACILITATOR:
            return "the facilitator makes facilitator moves only; the seats make their own choices"
        if msg.at != now:
            if msg.at < now:
                done = game.moves[msg.at]
                before = game.state_before(msg.at)
                same_mover = (M.is_facilitator(done.choice) if facilitator_move
                              else before.seat_to_move == conn.viewer and not M.is_facilitator(done.choice))
                if tuple(done.choice) == tuple(msg.choice) and same_mover:
                    return ALREADY.format(at=msg.at)
                return STALE.format(at=msg.at, now=now)
            return AHEAD.format(at=msg.at, now=now)
        if not facilitator_move and game.state.seat_to_move != conn.viewer:
            to_move = game.state.seat_to_move
            return f"{NOT_YOUR_MOVE[:-1]}: {SEATS[to_move]} is to move" if to_move is not None else NOT_YOUR_MOVE
        return None

    async def start(self, conn: Conn | None) -> str | None:
        """The facilitator starts the game (``conn`` None: every seat has joined and the game
        starts by itself)."""
        async with self.lock:
            if conn is not None and conn.role != P.ROLE_FACILITATOR:
                return "only the facilitator starts the game"
            if self.status != P.LOBBY:
                return "the game has already started"
            try:
                await self.server.db(self.server.store.set_status, self.id, P.PLAYING)
            except StoreError as e:
                return f"the server could not store the start ({e})"
            self.status = P.PLAYING
            self._seat()
            log.info("game %s started", self.id)
            self.publish()
            self.wake.set()
            self._ensure_ai()
            return None

    async def pause(self, conn: Conn, paused: bool) -> str | None:
        async with self.lock:
            if conn.role != P.ROLE_FACILITATOR:
                return "only the facilitator pauses the game"
            if self.table is None or self.game.over:
                return "the game is not being played"
            try:
                await self.server.db(self.server.store.set_paused, self.id, paused)
            except StoreError as e:
                return f"the server could not store the pause ({e})"
            self.table.set_paused(paused)
            self.publish()
            self.wake.set()
            return None

    async def clock(self, conn: Conn, msg: P.Clock) -> str | None:
        async with self.lock:
            if conn.role != P.ROLE_FACILITATOR:
                return "only the facilitator sets the clock"
            table = self.table
            if table is None or table.clock is None or self.game.over:
                return "there is no phase clock running (a seminar's, while a team decides)"
            if msg.action == "toggle":
                table.clock_toggle()
            elif msg.action == "extend":
                table.clock_extend(float(msg.seconds))
            else:
                table.clock_skip()
            notices = table.take_notices()
            self.publish()
            return notices[0] if notices else None

    # --- joining and leaving --------------------------------------------------------------

    async def join(self, conn: Conn) -> None:
        async with self.lock:
            self.conns.add(conn)
            conn.send(self.welcome(conn))
            self.publish_lobby(except_for=conn)
        self._ensure_ai()
        if self.row.autostart and self.status == P.LOBBY and self._everyone_here():
            await self.start(None)

    async def leave(self, conn: Conn) -> None:
        async with self.lock:
            self.conns.discard(conn)
            self.publish_lobby()
            if not self.conns and self.game.over:  # nothing left to do: loaded again if someone joins
                self.server.rooms.pop(self.id, None)

    def publish_lobby(self, except_for: Conn | None = None) -> None:
        cache: dict = {}
        for c in list(self.conns):
            if c is not except_for:
                c.send(self.view_for(c, cache))

    def _everyone_here(self) -> bool:
        here = {c.seat for c in self.conns if c.role == P.ROLE_SEAT}
        return all(s in here for s in self.row.human_seats)

    # --- the computer seats -------------------------------------------------------------------

    def _ensure_ai(self) -> None:
        if self.status == P.PLAYING and (self.ai_task is None or self.ai_task.done()):
            self.ai_task = asyncio.ensure_future(self._computers())
            self.wake.set()

    async def _computers(self) -> None:
        """Ask the computer seats for their moves and reveal them at the table's pace, until
        the game ends (waiting while a person decides or the game is paused)."""
        try:
            while not self.game.over:
                await self.wake.wait()
                self.wake.clear()
                while await self._one_computer_move():
                    pass
        except asyncio.CancelledError:
            raise
        except Exception:  # never silently: the host sees it, and the game waits for a fix
            log.exception("game %s: the computer seats stopped", self.id)

    async def _one_computer_move(self) -> bool:
        """One computer move asked, decided and revealed; False when none is wanted now."""
        async with self.lock:
            table = self.table
            if table is None or self.game.over or table.request is None or table.paused:
                return False
            request = table.request
            decided = table.move_decided
            game = self.game
            job = None if decided else Job(
                scenario=game.scenario, cards=str(self.server.cards), turns=game.rules.scenario.turns,
                seed=game.seed, moves=tuple((M.text(m.choice), m.reason) for m in game.moves[:request.salt]),
                controller=request.controller, salt=request.salt,
                think=self.server.think if request.controller == "ai:hard" else None)
        if job is not None:
            choice, reason = await self.server.decide(job, request)
            async with self.lock:
                if self.table is not table or not table.decided(request.token, choice, reason):
                    return True  # the position changed meanwhile (a facilitator's move): ask again
        async with self.lock:
            delay = table.reveal_delay() if self.table is table else None
        if delay is None:
            return False  # held (paused): woken again by the change that lets it go
        if delay > 0:
            await asyncio.sleep(delay)
        async with self.lock:
            if self.table is not table or not table.reveal():
                return not self.game.over
            await self.settle()
        return True

    async def close(self) -> None:
        if self.ai_task is not None:
            self.ai_task.cancel()
        for conn in list(self.conns):
            await conn.ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutting down")


def _append_batch(store: Store, batch: list) -> list:
    """In the store's thread: the digests (states are never changed once made), then one commit."""
    return store.append_many([(game_id, start, moves, digest(state), status)
                              for game_id, start, moves, state, status in batch])


# --- the server ---------------------------------------------------------------------------------


class Server:
    """Games, connections and the workers (see the module docstring)."""

    def __init__(self, db: Path, *, cards: Path = CARDS_DIR, workers: int = 2, think: float = 1.0,
                 clock=time.monotonic, max_connections: int = MAX_CONNECTIONS, out=print):
        self.db_path = Path(db)
        self.cards = Path(cards)
        self.workers = workers
        self.think = think
        self.clock = clock
        self.max_connections = max_connections
        self.out = out
        self.store: Store | None = None
        self.rooms: dict[int, Room] = {}
        self.broken: dict[int, str] = {}  # games that could not be reloaded, and why
        self._rules: dict = {}
        self._db_thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="greatgame-db")
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._room_locks: dict[int, asyncio.Lock] = {}
        self._appends: list = []  # moves waiting for the next commit, with their futures
        self._writing = False
        self._bad_codes: dict[str, list] = {}
        self.connections = 0

    # --- start and stop ---------------------------------------------------------------------

    def open(self) -> list[str]:
        """Open the store and reload every unfinished game; what happened, in lines."""
        self.store = Store(self.db_path)
        lines = []
        for row in self.store.unfinished():
            try:
                game = replay(row, self.store.moves(row.id), self.rules_for)
            except StoreError as e:
                self.broken[row.id] = str(e)
                lines.append(f"game {row.id}: NOT reloaded: {e}")
                continue
            except Exception as e:  # cards that no longer load, say: never a traceback
                self.broken[row.id] = f"game {row.id}: cannot be replayed ({e})"
                lines.append(self.broken[row.id])
                continue
            self.rooms[row.id] = Room(self, row, game)
            lines.append(f"game {row.id}: reloaded, {row.position} moves replayed, digest verified ({row.status}"
                         f"{', paused' if row.paused else ''})")
        return lines

    def rules_for(self, scenario: str, turns: int | None = None):
        key = (scenario, turns)
        if key not in self._rules:
            from game.play.seminar import Seminar

            self._rules[key] = seminar_rules(load_rules(scenario, self.cards), Seminar(turns=turns))
        return self._rules[key]

    def _pool_get(self) -> concurrent.futures.ProcessPoolExecutor | None:
        if self.workers <= 0:
            return None
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=watch_parent, initargs=(os.getpid(),))
        return self._pool

    def warm_workers(self) -> None:
        pool = self._pool_get()
        if pool is not None:
            for _ in range(self.workers):
                pool.submit(warm)

    async def db(self, fn, *args):
        """Run a store call in the store's own thread (one at a time, in order)."""
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, fn, *args)

    async def append(self, game_id: int, start: int, moves: list, state, status: str) -> None:
        """Store a game's new moves (``Store.append``), committed when this returns. Games that
        move while a commit is being written are stored together by the next one (a group
        commit: one write to the disk for all of them)."""
        future = asyncio.get_running_loop().create_future()
        self._appends.append(((game_id, start, moves, state, status), future))
        if not self._writing:
            self._write_appends()
        failure = await future
        if failure is not None:
            raise failure

    def _write_appends(self) -> None:
        batch, self._appends = self._appends, []
        self._writing = True
        done = asyncio.get_running_loop().run_in_executor(self._db_thread, _append_batch, self.store,
                                                          [item for item, _ in batch])

        def written(result: asyncio.Future) -> None:
            self._writing = False
            error = result.exception()
            outcomes = [error if isinstance(error, StoreError) else StoreError(f"the games database: {error}")] * len(batch) \
                if error is not None else result.result()
            for (_, future), outcome in zip(batch, outcomes):
                if not future.done():
                    future.set_result(outcome)
            if self._appends:
                self._write_appends()

        done.add_done_callback(written)

    async def decide(self, job: Job, request) -> tuple[tuple, str]:
        """A computer seat's move, thought in a worker process (in a thread of this one if the
        pool has broken, with the same answer: the computer players are deterministic)."""
        loop = asyncio.get_running_loop()
        pool = self._pool_get()
        if pool is not None:
            try:
                return await loop.run_in_executor(pool, think, job)
            except concurrent.futures.process.BrokenProcessPool:
                log.error("the AI worker processes died; starting new ones")
                self._pool = None
            except Exception as e:
                log.error("an AI worker failed (%s); thinking in the server instead", e)
        return await loop.run_in_executor(None, think, job)

    def resume(self) -> None:
        """The computer seats of every game being played go on (after a restart too)."""
        for room in self.rooms.values():
            room._ensure_ai()

    async def close(self) -> None:
        for room in list(self.rooms.values()):
            await room.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._db_thread.shutdown(wait=True)
        if self.store is not None:
            self.store.close()

    # --- rooms ----------------------------------------------------------------------------------

    async def room(self, game_id: int) -> Room | str:
        """The game's room, loading it if it is not held yet (made by ``greatgame host new``
        while the server runs, or over); the reason in words when it cannot be served."""
        if game_id in self.rooms:
            return self.rooms[game_id]
        if game_id in self.broken:
            return self.broken[game_id]
        lock = self._room_locks.setdefault(game_id, asyncio.Lock())
        async with lock:
            if game_id in self.rooms:
                return self.rooms[game_id]
            try:
                row = await self.db(self.store.game, game_id)
                moves = await self.db(self.store.moves, game_id)
                game = await asyncio.get_running_loop().run_in_executor(None, replay, row, moves, self.rules_for)
            except StoreError as e:
                self.broken[game_id] = str(e)
                return str(e)
            except Exception as e:
                self.broken[game_id] = f"game {game_id} cannot be replayed ({e})"
                return self.broken[game_id]
            self.rooms[game_id] = Room(self, row, game)
            return self.rooms[game_id]

    # --- HTTP -----------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_get("/", self.index)
        app.router.add_get("/ws", self.websocket)
        app.router.add_get("/health", self.health)
        return app

    async def index(self, request: web.Request) -> web.Response:
        return web.Response(text="The New Great Game: a game server.\n"
                                 "Join a game with: greatgame join URL CODE\n", content_type="text/plain")

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"games": len(self.rooms), "connections": self.connections})

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME, heartbeat=HEARTBEAT, compress=False)
        await ws.prepare(request)
        if self.connections >= self.max_connections:
            await self._send_now(ws, P.error("the server is full; try again in a minute"))
            await ws.close(code=CLOSE_FULL, message=b"server full")
            return ws
        self.connections += 1
        try:
            await self._serve(ws, request.remote or "?")
        finally:
            self.connections -= 1
        return ws

    async def _send_now(self, ws, message: dict) -> None:
        try:
            await ws.send_str(P.encode(message))
        except (ConnectionError, RuntimeError):
            pass

    async def _serve(self, ws: web.WebSocketResponse, remote: str) -> None:
        conn = await self._hello(ws, remote)
        if conn is None:
            return
        room = conn.room
        writer = asyncio.ensure_future(conn.writer())
        bucket = Bucket(RATE, BURST)
        dropped = 0
        warned = 0.0
        try:
            await room.join(conn)
            async for frame in ws:
                if frame.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                if not bucket.take():
                    dropped += 1
                    if dropped >= ABUSE_LIMIT:
                        await ws.close(code=CLOSE_ABUSE, message=b"too many messages")
                        break
                    if time.monotonic() - warned > 1.0:
                        warned = time.monotonic()
                        conn.send(P.error(f"too many messages: at most {RATE:g} a second; this one was dropped"))
                    continue
                dropped = 0
                answer = await self._handle(conn, frame)
                if answer is not None:
                    conn.send(answer)
        finally:
            await room.leave(conn)
            writer.cancel()

    async def _hello(self, ws: web.WebSocketResponse, remote: str) -> Conn | None:
        """The first message must be a hello with a good code; the connection is closed otherwise."""
        try:
            frame = await ws.receive(timeout=HELLO_SECONDS)
        except asyncio.TimeoutError:
            await self._send_now(ws, P.error(f"expected a hello with a join code within {HELLO_SECONDS:g} seconds"))
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"no hello")
            return None
        if frame.type != WSMsgType.TEXT:
            if frame.type == WSMsgType.BINARY:
                await self._send_now(ws, P.error("expected a text message holding one JSON object"))
                await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"no hello")
            return None
        try:
            msg = P.parse_client(frame.data)
        except P.ProtocolError as e:
            await self._send_now(ws, P.error(str(e), e.id))
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"no hello")
            return None
        if not isinstance(msg, P.Hello):
            await self._send_now(ws, P.error("expected a hello with a join code first", msg.id))
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"no hello")
            return None
        if self._too_many_bad_codes(remote):
            await self._send_now(ws, P.error("too many wrong codes from this address; wait a minute", msg.id))
            await ws.close(code=CLOSE_BAD_CODE, message=b"too many wrong codes")
            return None
        found = await self.db(self.store.find, msg.code)
        if found is None:
            self._bad_code(remote)
            await self._send_now(ws, P.error("no game has this code: check it with the host", msg.id))
            await ws.close(code=CLOSE_BAD_CODE, message=b"wrong code")
            return None
        game_id, role_text = found
        room = await self.room(game_id)
        if isinstance(room, str):
            await self._send_now(ws, P.error(f"this game cannot be played now: {room}", msg.id))
            await ws.close(code=CLOSE_GAME_GONE, message=b"game cannot be served")
            return None
        if len(room.conns) >= MAX_PER_GAME:
            await self._send_now(ws, P.error("this game has too many connections; try again later", msg.id))
            await ws.close(code=CLOSE_FULL, message=b"game full")
            return None
        seat = role_seat(role_text)
        role = P.ROLE_SEAT if seat is not None else role_text
        return Conn(ws, room, role, seat)

    def _too_many_bad_codes(self, remote: str) -> bool:
        now = time.monotonic()
        times = [t for t in self._bad_codes.get(remote, []) if now - t < 60]
        if times:
            self._bad_codes[remote] = times
        else:
            self._bad_codes.pop(remote, None)
        return len(times) >= BAD_CODES_PER_MINUTE

    def _bad_code(self, remote: str) -> None:
        if len(self._bad_codes) > 10_000:  # bounded: forget the oldest addresses
            self._bad_codes.clear()
        self._bad_codes.setdefault(remote, []).append(time.monotonic())

    async def _handle(self, conn: Conn, frame) -> dict | None:
        """One message from a joined connection: the answer to send, or None."""
        if frame.type != WSMsgType.TEXT:
            return P.error("expected a text message holding one JSON object")
        try:
            msg = P.parse_client(frame.data)
        except P.ProtocolError as e:
            return P.error(str(e), e.id)
        except Exception:  # a fault of ours in reading it: logged, one line to the client
            log.exception("a message could not be read")
            return P.error("the server could not read this message")
        room = conn.room
        try:
            if isinstance(msg, P.Move):
                return await room.move(conn, msg)
            if isinstance(msg, P.Hello):
                return P.error("already joined: one hello per connection", msg.id)
            if isinstance(msg, P.Ping):
                return {"kind": "pong", "id": msg.id}
            if isinstance(msg, P.Start):
                refusal = await room.start(conn)
            elif isinstance(msg, P.Pause):
                refusal = await room.pause(conn, msg.paused)
            elif isinstance(msg, P.Clock):
                refusal = await room.clock(conn, msg)
            else:
                return await self._export(conn, msg)
        except Exception:  # a fault of ours: logged here, one line to the client, never a traceback
            log.exception("game %s: a message could not be handled", room.id)
            return P.error("the server failed to handle this message (the host's log says why)", msg.id)
        return P.refused(refusal, None, msg.id) if refusal else P.accepted(len(room.game.moves), msg.id)

    async def _export(self, conn: Conn, msg: P.Export) -> dict:
        room = conn.room
        if conn.role != P.ROLE_FACILITATOR and not room.game.over:
            return P.refused("the save holds the seed: the facilitator's until the game is over", None, msg.id)
        async with room.lock:
            text = to_yaml(room.game)
        return {"kind": "save", "id": msg.id, "text": text}


# --- running it -----------------------------------------------------------------------------------


def check_host(host: str) -> str | None:
    """What to say about listening on ``host``: a warning for every address, None for loopback."""
    if host in WILDCARDS:
        return (f"WARNING: listening on every address ({host or 'all'}): anyone who can reach this machine "
                "on your network can connect, and the join codes are the only lock. On the internet, put it "
                "behind TLS (README: Hosting a game).")
    if host not in ("127.0.0.1", "localhost", "::1"):
        return f"Listening on {host}: anyone who can reach that address can connect; the join codes are the only lock."
    return None


def run(host: str = "127.0.0.1", port: int = DEFAULT_PORT, db: Path | None = None, cards: Path = CARDS_DIR,
        workers: int = 2, think: float = 1.0, out=print) -> int:
    """``greatgame host``: serve until interrupted (Ctrl-C, SIGTERM)."""
    from game.net.store import default_db

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    server = Server(db or default_db(), cards=cards, workers=workers, think=think, out=out)
    try:
        lines = server.open()
    except StoreError as e:
        raise HostError(str(e)) from None
    out(f"Games database: {server.db_path}")
    for line in lines:
        out(line)
    if not lines:
        out("No unfinished games. Make one with: greatgame host new --teams russia=Moscow,china=Beijing "
            f"(or --seats russia=human){'' if db is None else f' --db {db}'}")
    return asyncio.run(_serve(server, host, port, out))


async def _serve(server: Server, host: str, port: int, out) -> int:
    runner = web.AppRunner(server.app(), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host or None, port, reuse_address=True)
    try:
        await site.start()
    except OSError as e:
        await runner.cleanup()
        await server.close()
        raise HostError(f"--host {host} --port {port}: cannot listen there ({e.strerror or e})") from None
    server.warm_workers()
    server.resume()
    shown = f"[{host}]" if ":" in host else host
    out(f"Serving games at http://{shown}:{port} (join with: greatgame join http://{shown}:{port} CODE)")
    warning = check_host(host)
    if warning:
        out(warning)
    out("Ctrl-C stops the server; the games are kept and reload when it starts again.")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    await stop.wait()
    out("Stopping: every accepted move is stored.")
    await server.close()
    await runner.cleanup()
    return 0


def new_game(store: Store, *, rules_for, scenario: str, seed: int, seats: dict, seminar, pace: str,
             autostart: bool) -> tuple[GameRow, dict[str, str]]:
    """Make a game in the store, in the lobby; its join codes by role."""
    rules = rules_for(scenario)
    game = Game.start(rules, seed, seats, seminar=seminar)
    return store.create_game(scenario=scenario, seed=seed, seats=seats, seminar=seminar, pace=pace,
                             autostart=autostart, digest=digest(game.state))

