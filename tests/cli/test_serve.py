"""greatgame serve: the game in a browser, over HTTP on loopback."""

import os
import socket
import subprocess
import sys
import time
import urllib.request


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


def test_serve_answers_over_http_on_loopback(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first and "this machine only" in first
        page = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert page is not None, "the server never answered"
        assert "The New Great Game" in page
        # It listens on loopback only: the machine's own network address is refused.
        outside = _own_address()
        if outside is not None:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((outside, port)) != 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_bad_port_is_one_line(capsys):
    import pytest

    from game.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "65535" in err[0]


def test_a_visitors_game_starts_under_the_web_driver(tmp_path):
    """textual-serve runs 'python -m game ... play' over pipes with the web driver: the launcher
    must start the interface there, not ask for a terminal."""
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
           "COLUMNS": "100", "ROWS": "32"}
    proc = subprocess.Popen([sys.executable, "-m", "game", "play"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env)
    try:
        time.sleep(3)
        assert proc.poll() is None, proc.stderr.read().decode()
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=10)
    assert b"needs a terminal" not in err
