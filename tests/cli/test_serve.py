"""greatgame serve: the game in a browser, over HTTP and websockets on loopback.

The server runs as a real subprocess on 127.0.0.1 with a free port; every wait is bounded in
time, and the server and any game it started are killed at the end of each test.
"""

import asyncio
import contextlib
import os
import re
import select
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from game.clients.serve import MAX_HEIGHT, MAX_WIDTH, bounded_size, host_ok, origin_ok


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _own_address() -> str | None:
    """This machine's address on its network, if it has one besides loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent; this only picks a route
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (a visitor's game is a child of the server)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _wait_for(what, seconds: float = 20.0):
    """Poll ``what()`` until it is truthy, at most ``seconds``; its last value."""
    deadline = time.monotonic() + seconds
    value = what()
    while not value and time.monotonic() < deadline:
        time.sleep(0.1)
        value = what()
    return value


def _get(port: int, path: str = "/", host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class Served:
    """A running ``greatgame serve``: its process, port and (after stop) its output."""

    def __init__(self, proc, port):
        self.proc, self.port, self.output = proc, port, ""

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, query: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/ws{query}"

    def games(self) -> list[int]:
        return _children(self.proc.pid)


@contextlib.contextmanager
def serving(folder, *args):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=folder,
                            env={**os.environ, "PYTHONPATH": os.getcwd()})
    served = Served(proc, port)
    try:
        def answers():
            try:
                return _get(port)
            except OSError:
                return None if proc.poll() is None else "exited"

        assert _wait_for(answers, 30) not in (None, "exited"), "the server never answered"
        yield served
    finally:
        for pid in served.games():
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL) if os.getpgid(pid) == pid else os.kill(pid, signal.SIGKILL)
        proc.terminate()
        try:
            served.output, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            served.output, _ = proc.communicate(timeout=5)


async def _output(ws, quiet: float = 1.0, most: float = 15.0) -> bytes:
    """What the game sends until it has been quiet for ``quiet`` seconds (at most ``most``)."""
    data = b""
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=quiet)
        except asyncio.TimeoutError:
            if data:
                break
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            data += message.data
        elif message.type != aiohttp.WSMsgType.TEXT:
            break
    return data


def _environ(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/environ", "rb") as f:
        pairs = [item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item]
    return {k.decode(): v.decode(errors="replace") for k, v in pairs}


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return [part.decode() for part in f.read().split(b"\0") if part]


def test_serve_answers_over_http_on_loopback(tmp_path):
    with serving(tmp_path) as served:
        status, page = _get(served.port)
        assert status == 200 and "The New Great Game" in page
        # It listens on loopback only: the machine's own network address is refused.
        outside = _own_address()
        if outside is not None:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((outside, served.port)) != 0
    first = served.output.splitlines()[0]
    assert f"http://127.0.0.1:{served.port}" in first and "this machine only" in first


async def test_each_visitor_gets_saves_no_other_visitor_sees(tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "autosave-host.yaml").write_text("the host's own game\n")
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url(), headers={"Origin": served.origin}), \
                    session.ws_connect(served.ws_url(), headers={"Origin": served.origin}):
                games = _wait_for(lambda: len(served.games()) == 2 and served.games())
                assert games, "two visitors should have two games"
                folders = []
                for pid in games:
                    argv = _wait_for(lambda: "--saves-dir" in (a := _cmdline(pid)) and a)  # after its exec
                    assert argv and "--saves-dir" in argv, _cmdline(pid)
                    folders.append(tmp_path / argv[argv.index("--saves-dir") + 1])
                assert folders[0] != folders[1]
                for folder in folders:
                    assert folder.parent == tmp_path / "saves" / "served"
                    assert folder.is_dir() and not any(folder.iterdir())  # not the host's saves
                    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_page_is_built_for_the_address_the_visitor_used(tmp_path):
    with serving(tmp_path) as served:
        status, page = _get(served.port, host=f"localhost:{served.port}")
        assert status == 200
        assert f'data-session-websocket-url="ws://localhost:{served.port}/ws"' in page
        assert f"http://localhost:{served.port}/static/js/textual.js" in page
        # A name that is not this server's (a DNS-rebinding page) gets no page at all.
        status, _ = _get(served.port, host=f"attacker.example:{served.port}")
        assert status == 400


def test_behind_a_proxy_the_page_uses_the_public_url(tmp_path):
    with serving(tmp_path, "--public-url", "https://games.example/ngg/") as served:
        status, page = _get(served.port, host="games.example")
        assert status == 200
        assert 'data-session-websocket-url="wss://games.example/ngg/ws"' in page


async def test_terminal_sizes_are_bounded_in_the_url_and_in_resizes(tmp_path):
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url("?width=5000&height=3000"),
                                          headers={"Origin": served.origin}) as ws:
                games = _wait_for(served.games)
                assert games
                # Right after the fork the child still has the server's environment (which may
                # hold a COLUMNS of its own): wait for its exec (bounded), when textual-serve's
                # ROWS appears too, before reading what the game was given.
                env = _wait_for(lambda: {"COLUMNS", "ROWS"} <= (e := _environ(games[0])).keys() and e)
                assert env and (env["COLUMNS"], env["ROWS"]) == (str(MAX_WIDTH), str(MAX_HEIGHT))
                await ws.send_json(["resize", {"width": 100, "height": 30}])
                await _output(ws)
                await ws.send_json(["resize", {"width": 5000, "height": 3000}])
                repaint = await _output(ws)
                rows = [int(row) for row in re.findall(rb"\x1b\[(\d+);\d+H", repaint)]
                assert rows and max(rows) == MAX_HEIGHT  # it grew past 30 rows, but no further


async def test_a_game_ends_when_its_websocket_closes_even_if_it_hangs(tmp_path):
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url(), headers={"Origin": served.origin}) as ws:
                games = _wait_for(served.games)
                assert games
                await _output(ws)
                hung = games + _children(games[0])  # the game and whatever it started
                for pid in hung:
                    os.kill(pid, signal.SIGSTOP)  # too busy to hear "quit"
            assert _wait_for(lambda: not any(_alive(pid) for pid in hung), 15), "the game outlived its visitor"
            # Nothing saved: no folder left (removed just after the game ends; wait, bounded).
            assert _wait_for(lambda: not any((tmp_path / "saves" / "served").iterdir()), 10)


async def test_stopping_the_server_ends_every_game(tmp_path):
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url(), headers={"Origin": served.origin}):
                games = _wait_for(served.games)
                assert games
                served.proc.terminate()
                assert _wait_for(lambda: served.proc.poll() is not None, 15), "the server did not stop"
                assert _wait_for(lambda: not any(_alive(pid) for pid in games), 10), "a game outlived the server"


async def test_websockets_from_other_pages_are_refused(tmp_path):
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            for headers in ({"Origin": "http://attacker.example"}, {"Origin": "null"}, {}):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    async with session.ws_connect(served.ws_url(), headers=headers):
                        pass
                assert refused.value.status == 403
        time.sleep(0.5)
        assert served.games() == []


async def test_visitors_beyond_the_cap_are_told_the_server_is_full(tmp_path):
    with serving(tmp_path, "--max-visitors", "1") as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url(), headers={"Origin": served.origin}):
                assert _wait_for(served.games)
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    async with session.ws_connect(served.ws_url(), headers={"Origin": served.origin}):
                        pass
                assert refused.value.status == 503
                status, page = _get(served.port)
                assert status == 503 and "is full" in page
                assert len(served.games()) == 1


async def test_a_screenshot_is_delivered_to_the_browser(tmp_path):
    """The command palette's Screenshot reaches the browser through /download/KEY."""
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(served.ws_url("?width=100&height=30"),
                                          headers={"Origin": served.origin}) as ws:
                for keys in ("\x10", "Screenshot", "\r"):  # Ctrl+P, the command, Enter
                    await _output(ws, quiet=0.5, most=1.5)
                    await ws.send_json(["stdin", keys])
                key = None
                deadline = time.monotonic() + 10
                while key is None and time.monotonic() < deadline:
                    with contextlib.suppress(asyncio.TimeoutError):
                        message = await ws.receive(timeout=1)
                        if message.type == aiohttp.WSMsgType.TEXT and message.json()[0] == "deliver_file_start":
                            key = message.json()[1]
                assert key, "no screenshot was offered"
                async with session.get(f"{served.origin}/download/{key}") as response:
                    assert response.status == 200 and (await response.read()).startswith(b"<svg")


def test_a_plain_get_of_the_websocket_is_a_plain_400(tmp_path):
    with serving(tmp_path) as served:
        status, text = _get(served.port, "/ws")
        assert status == 400 and "open / in a browser" in text
    assert "Traceback" not in served.output and "locals" not in served.output
    assert "GET /ws without a websocket upgrade: answered 400" in served.output


@pytest.mark.parametrize("host", ["999.1.1.1", "no-such-host.invalid"])
def test_a_bad_host_is_named_before_any_banner(host, capsys):
    from game.clients.cli import main

    assert main(["serve", "--host", host, "--port", str(_free_port())]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and f"--host {host}:" in err and "--port" not in err


def test_a_port_in_use_is_named_before_any_banner(capsys):
    from game.clients.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and f"--port {port}: already in use" in err


def test_a_bad_port_is_one_line(capsys):
    from game.clients.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "65535" in err[0]


def test_sizes_hosts_and_origins_are_checked_as_text():
    assert bounded_size("30000", 30000) == (MAX_WIDTH, MAX_HEIGHT)
    assert bounded_size(-5, 0) == (1, 1)
    assert bounded_size("wide", None) == (80, 24) == bounded_size(True, [1])
    names = frozenset({"localhost"})
    assert host_ok("localhost:8000", names) and host_ok("10.1.2.3:8000", names) and host_ok("[::1]:80", names)
    assert not host_ok("attacker.example:8000", names) and not host_ok('localhost:1"><script>', names)
    assert not host_ok(None, names)
    assert origin_ok("http://localhost:8000", "localhost:8000", None)
    assert origin_ok("https://games.example", "127.0.0.1:8000", "https://games.example:443/ngg")
    assert not origin_ok("http://localhost:8001", "localhost:8000", None)
    assert not origin_ok(None, "localhost:8000", None)


def test_a_visitors_game_starts_under_the_web_driver(tmp_path):
    """textual-serve runs 'python -m game ... play' over pipes with the web driver: the launcher
    must start the interface there, not ask for a terminal."""
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
           "COLUMNS": "100", "ROWS": "32"}
    proc = subprocess.Popen([sys.executable, "-m", "game", "play"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env)
    try:
        # Until the title is painted (not a fixed 3 s): the interface started under the web driver.
        out, deadline = b"", time.monotonic() + 30
        while b"G R E A T   G A M E" not in out and time.monotonic() < deadline and proc.poll() is None:
            if select.select([proc.stdout], [], [], 0.5)[0]:
                out += os.read(proc.stdout.fileno(), 65536)
        assert b"__GANGLION__" in out and b"G R E A T   G A M E" in out, out[-300:]
        assert proc.poll() is None, proc.stderr.read().decode()
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=10)
    assert b"needs a terminal" not in err
