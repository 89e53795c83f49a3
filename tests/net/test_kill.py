"""The server as a real process, killed with SIGKILL at random moments and started again: no
accepted move is lost, every client reconnects by itself, and the games play on."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from game.rules.loader import load_rules
from game.play.observer import observe
from game.play.save import digest
from game.net.server import new_game
from game.net.store import Store, replay

from tests.net.helpers import rules_for
from game.net.client import Client

ROOT = Path(__file__).resolve().parents[2]
KILLS = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(db: Path, port: int, log) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "game", "host", "--db", str(db), "--port", str(port),
                             "--workers", "0"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


async def _up(url: str, proc: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "the server ended"
            try:
                async with session.get(url + "/health") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("the server did not come up")


async def test_a_server_killed_ten_times_loses_no_accepted_move(tmp_path):
    db = tmp_path / "games.sqlite"
    store = Store(db)
    rules = load_rules("summer-2021")
    seats_a = {"russia": "human", "turkey": "human", "china": "random", "usa": "random", "central_asia": "random"}
    seats_b = {"russia": "random", "turkey": "random", "china": "human", "usa": "random", "central_asia": "human"}
    games = [new_game(store, rules_for=lambda s: rules, scenario="summer-2021", seed=seed, seats=seats,
                      seminar=None, pace="instant", autostart=True) for seed, seats in ((3, seats_a), (4, seats_b))]
    store.close()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "ab")
    proc = _start(db, port, log)
    rng = random.Random(2024)
    accepted: list[tuple[int, int, str]] = []  # (game, position, move) the server said it played
    clients: list[Client] = []
    try:
        await _up(url, proc)
        for row, codes in games:
            for role, code in codes.items():
                if role.startswith("seat:"):
                    c = Client(url, code, rules_for=rules_for, min_backoff=0.05, max_backoff=0.3)
                    await c.start()
                    clients.append(c)
        await asyncio.gather(*(c.wait_ready() for c in clients))

        stop = asyncio.Event()

        async def seat(client: Client, seed: int) -> None:
            pick = random.Random(seed)
            while not stop.is_set():
                try:
                    view = await client.wait_until(lambda c: c.state == "connected" and (
                        bool(c.view.choices) or c.view.status == "over"), 0.5)
                except asyncio.TimeoutError:
                    continue
                if view.status == "over":
                    return
                choice = pick.choice(view.choices)
                if await client.send_move(choice, at=view.position) is None:
                    accepted.append((client.game_id, view.position, " ".join(choice)))
                else:
                    await asyncio.sleep(0.05)

        players = [asyncio.ensure_future(seat(c, i)) for i, c in enumerate(clients)]
        for kill in range(KILLS):
            await asyncio.sleep(rng.uniform(0.1, 0.8))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            seen = [(c.game_id, c.viewer, c.view.position, c.view.obs) for c in clients]
            check = Store(db)  # what the killed server left on disk
            try:
                stored = {row.id: check.moves(row.id) for row, _ in games}
                for game_id, position, move in accepted:
                    assert stored[game_id][position][0] == move, (kill, game_id, position)
                for game_id, viewer, position, obs in seen:  # every view anyone saw rests on stored moves
                    assert len(stored[game_id]) >= position
                    row = check.game(game_id)
                    game = replay(row, stored[game_id], lambda s: rules)
                    state = game.state_before(position)
                    log_mark = game.before[position][1] if position < len(game.moves) else len(game.log)
                    assert obs == observe(state, viewer, log=game.log[:log_mark], seats=game.seats)
                progress = {row.id: len(stored[row.id]) for row, _ in games}
                playing = {row.id for row, _ in games if check.game(row.id).status != "over"}
            finally:
                check.close()
            proc = _start(db, port, log)
            await _up(url, proc)
            # Every client comes back by itself, at the position the store holds.
            await asyncio.wait_for(asyncio.gather(*(
                c.wait_until(lambda c: c.state == "connected" and c.view.position >= progress[c.game_id], 30)
                for c in clients)), 60)
            # ... and the games play on: a new move in every game still being played.
            await asyncio.wait_for(asyncio.gather(*(
                c.wait_until(lambda c: c.view.position > progress[c.game_id], 30)
                for c in clients if c.game_id in playing)), 60)
        # The games play on to their end after the last restart.
        await asyncio.wait_for(asyncio.gather(*players), 120)
        final = Store(db)
        try:
            for row, _ in games:
                done = final.game(row.id)
                assert done.status == "over"
                game = replay(done, final.moves(row.id), lambda s: rules)
                assert digest(game.state) == done.digest
                for c in clients:
                    if c.game_id == row.id:
                        assert c.view.digest == done.digest
                        assert c.connects >= KILLS + 1  # it came back after every kill
        finally:
            final.close()
        assert len(accepted) > 20  # enough play between the kills to mean something
    finally:
        for c in clients:
            await c.close()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


async def test_a_killed_servers_worker_processes_end_too(tmp_path):
    """The computer seats' workers watch their server: one killed with SIGKILL cannot stop
    them, so they stop themselves."""
    db = tmp_path / "games.sqlite"
    store = Store(db)
    rules = load_rules("summer-2021")
    seats = {"russia": "ai:easy", "turkey": "ai:easy", "china": "ai:easy", "usa": "ai:easy", "central_asia": "human"}
    new_game(store, rules_for=lambda s: rules, scenario="summer-2021", seed=5, seats=seats, seminar=None,
             pace="instant", autostart=False)
    store.close()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(tmp_path / "server.log", "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "game", "host", "--db", str(db), "--port", str(port),
                                 "--workers", "1"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            await _up(f"http://127.0.0.1:{port}", proc)
            deadline = time.monotonic() + 60
            children: list[int] = []
            while time.monotonic() < deadline and not children:  # the pool is warmed up at start
                children = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
                await asyncio.sleep(0.2)
            assert children, "the server started no worker process"
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() and
                                                      "zombie" not in _state(c) for c in children):
                await asyncio.sleep(0.2)
            assert not [c for c in children if Path(f"/proc/{c}").exists() and "zombie" not in _state(c)]
        finally:
            if proc.poll() is None:
                proc.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split("\n", 1)[0].lower()
    except (OSError, IndexError):
        return "zombie"
