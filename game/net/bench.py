"""``python -m game.bench --net``: the game server's figures, measured on loopback.

The server runs as its own process (``greatgame host``, computer seats off: every seat is a
client here) on a fresh database in a temporary folder. Five games of five seats each are
joined by 30 clients (five seats and a projector per game), which play random legal moves, the
five games at once. Then the server is started again on the same database (it reloads the
games) and holds hundreds of idle connections watching them.

- net_round_trip_ms_median / _p95: from a seat sending its move until every one of the six
  clients of that game has the view after it (the move stored and committed first), with the
  five games moving at once, each as fast as it can (the worst case: a class moves every few
  seconds); _one_game: the same with one game moving at a time. net_server_cpu_ms_per_move:
  the server's CPU time over all those moves, per move.
- net_idle_connections: the connections one server held open at once (each joined with a
  code, each sent a view after every move of its game), and net_round_trip_ms_p95_watched,
  a move's round trip for the six players while they were all watching.
- net_memory_per_game_kib: the server's resident memory per game reloaded (a game of
  ``net_moves_per_game`` moves, its states and log), against a server holding no game.
- net_memory_per_connection_kib: the server's resident memory per idle connection.

The clients here only read each message's JSON (a real client also rebuilds the observation:
game.net.client), so the figures are the server's and the loopback's, not a screen's.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_P95_MS = 50.0
TARGET_IDLE = 500
SEATS_PER_GAME = 5
GAMES = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class _Server:
    def __init__(self, db: Path, root: Path):
        self.db, self.root = db, root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    async def start(self) -> None:
        import aiohttp

        env = dict(os.environ, PYTHONPATH=str(self.root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-m", "game", "host", "--db", str(self.db), "--port",
                                      str(self.port), "--workers", "0"], env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError("the server ended on start")
                try:
                    async with session.get(self.url + "/health") as r:
                        if r.status == 200:
                            await asyncio.sleep(0.5)  # let it settle before measuring it
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError("the server did not start")

    def rss(self) -> int:
        return _rss_kib(self.proc.pid)

    def cpu_ms(self) -> float:
        """The server's CPU time so far (user and system), in milliseconds."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class _Watcher:
    """A websocket joined with a code that reads every message and keeps the latest view."""

    def __init__(self, session, url: str, code: str, parse: bool = True):
        self.session, self.url, self.code, self.parse = session, url, code, parse
        self.position = -1
        self.choices = None
        self.changed = asyncio.Event()
        self.ws = None
        self.task = None
        self.joined = asyncio.Event()

    async def start(self) -> None:
        self.ws = await self.session.ws_connect(self.url + "/ws", max_msg_size=0)
        await self.ws.send_str(json.dumps({"kind": "hello", "code": self.code}))
        self.task = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        import aiohttp

        async for frame in self.ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            if not self.parse:
                self.joined.set()
                continue
            message = json.loads(frame.data)
            kind = message["kind"]
            view = message["view"] if kind == "welcome" else message if kind == "view" else None
            if view is not None:
                self.position, self.choices = view["position"], view["choices"]
                self.joined.set()
                self.changed.set()

    async def move(self, choice) -> None:
        await self.ws.send_str(json.dumps({"kind": "move", "at": self.position, "choice": choice}))

    async def close(self) -> None:
        await self.ws.close()
        if self.task is not None:
            self.task.cancel()


def _make_games(db: Path, seed: int) -> list[dict]:
    from game.rules.loader import load_rules
    from game.rules.model import SEATS
    from game.net.server import new_game
    from game.net.store import Store

    rules = load_rules("summer-2021")
    store = Store(db)
    try:
        return [new_game(store, rules_for=lambda s: rules, scenario="summer-2021", seed=seed + g,
                         seats={s: "human" for s in SEATS}, seminar=None, pace="instant", autostart=True)[1]
                for g in range(GAMES)]
    finally:
        store.close()


async def _play(players: list[_Watcher], watchers: list[_Watcher], moves: int, rng: random.Random) -> list[float]:
    """Moves of one game, one at a time: each one's time until every watcher has the view after it."""
    times = []
    for _ in range(moves):
        mover = next((p for p in players if p.choices), None)
        if mover is None:
            break
        at = mover.position
        start = time.perf_counter()
        await mover.move(rng.choice(mover.choices))
        for w in watchers:
            while w.position <= at:
                w.changed.clear()
                await asyncio.wait_for(w.changed.wait(), 30)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


async def _measure(quick: bool, root: Path, folder: Path) -> dict:
    import aiohttp

    moves = 25 if quick else 60
    idle = 150 if quick else 600
    figures: dict = {}
    empty = _Server(folder / "empty.sqlite", root)
    await empty.start()
    rss_empty = empty.rss()
    empty.stop()

    db = folder / "bench.sqlite"
    codes = _make_games(db, 500)
    server = _Server(db, root)
    await server.start()
    rng = random.Random(12)
    try:
        async with aiohttp.ClientSession() as session:
            games = []
            for game_codes in codes:
                players = [_Watcher(session, server.url, code) for role, code in game_codes.items()
                           if role.startswith("seat:")]
                watchers = players + [_Watcher(session, server.url, game_codes["projector"])]
                for w in watchers:
                    await w.start()
                games.append((players, watchers))
            for _, watchers in games:
                for w in watchers:
                    await asyncio.wait_for(w.joined.wait(), 30)
            for players, _ in games:  # autostart: every seat has joined
                for p in players:
                    while p.position < 0:
                        await asyncio.sleep(0.01)
            await asyncio.sleep(0.5)
            cpu_before = server.cpu_ms()
            results = await asyncio.gather(*(_play(players, watchers, moves, rng) for players, watchers in games))
            times = [t for r in results for t in r]
            figures["net_clients"] = sum(len(w) for _, w in games)
            figures["net_moves_timed"] = len(times)
            figures["net_round_trip_ms_median"] = round(statistics.median(times), 1)
            figures["net_round_trip_ms_p95"] = round(_p95(times), 1)
            # One game moving while the others wait, as in a class (moves seconds apart).
            alone = []
            for players, watchers in games:
                alone += await _play(players, watchers, 4 if quick else 10, rng)
            if alone:
                figures["net_round_trip_ms_median_one_game"] = round(statistics.median(alone), 1)
                figures["net_round_trip_ms_p95_one_game"] = round(_p95(alone), 1)
            figures["net_server_cpu_ms_per_move"] = round((server.cpu_ms() - cpu_before) / max(1, len(times) + len(alone)), 2)
            for _, watchers in games:
                for w in watchers:
                    await w.close()
    finally:
        server.stop()

    # The same games reloaded by a new server; then hundreds of idle connections on it.
    server = _Server(db, root)
    await server.start()
    try:
        from game.net.store import Store

        store = Store(db)
        try:
            reloaded = store.unfinished()
        finally:
            store.close()
        rss_games = server.rss()
        if reloaded:
            figures["net_moves_per_game"] = round(statistics.mean(r.position for r in reloaded))
            figures["net_memory_per_game_kib"] = round((rss_games - rss_empty) / len(reloaded))
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            crowd = []
            live = [c for c, r in zip(codes, [True] * len(codes))]
            for i in range(idle):
                w = _Watcher(session, server.url, live[i % len(live)]["projector"], parse=False)
                await w.start()
                crowd.append(w)
            for w in crowd:
                await asyncio.wait_for(w.joined.wait(), 60)
            await asyncio.sleep(1.0)
            rss_crowd = server.rss()
            figures["net_idle_connections"] = len(crowd)
            figures["net_memory_per_connection_kib"] = round((rss_crowd - rss_games) / len(crowd), 1)
            # A few moves while they all watch (each of them is sent every view of its game).
            game_codes = next((c for c, r in zip(codes, reloaded) if r.status == "playing"), codes[0])
            players = [_Watcher(session, server.url, code) for role, code in game_codes.items() if role.startswith("seat:")]
            watchers = players + [_Watcher(session, server.url, game_codes["projector"])]
            for w in watchers:
                await w.start()
            for w in watchers:
                await asyncio.wait_for(w.joined.wait(), 30)
            times = await _play(players, watchers, 10 if quick else 20, rng)
            if times:
                figures["net_round_trip_ms_p95_watched"] = round(_p95(times), 1)
            for w in crowd + watchers:
                await w.close()
    finally:
        server.stop()
    return figures


def run(quick: bool = False) -> dict:
    """The figures (see the module docstring)."""
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory(prefix="greatgame-bench-") as folder:
        return asyncio.run(_measure(quick, root, Path(folder)))


def verdicts(figures: dict) -> list[str]:
    out = []
    if "net_round_trip_ms_p95" in figures:
        ok = figures["net_round_trip_ms_p95"] < TARGET_P95_MS
        out.append(f"net_round_trip_ms_p95 {'meets' if ok else 'MISSES'} the target (under {TARGET_P95_MS:g} ms)")
    if "net_idle_connections" in figures:
        ok = figures["net_idle_connections"] >= TARGET_IDLE
        out.append(f"net_idle_connections {'meets' if ok else 'MISSES'} the target (at least {TARGET_IDLE})")
    return out
