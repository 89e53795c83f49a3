"""The engine, the game server and its headless clients never import Textual (only ``game.tui`` may)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from game.rules.loader import ROOT

_SCRIPT = """
import sys
import game, game.rules.engine, game.rules.loader, game.play.save, game.clients.sim, game.ai, game.play.view, game.clients.cli
import game.net.server, game.net.client, game.net.store, game.net.worker, game.clients.hosting, game.clients.netplay
from game.rules.loader import load_rules
from game.play.session import Game
from game.clients.sim import play_out, simulate

rules = load_rules("summer-2021")
game_ = play_out(Game.start(rules, 3))
assert game_.over, "the simulated game did not finish"
result = simulate(rules, 2, 1, {s: "random" for s in game_.seats})
assert result.as_json()["games"] == 2  # the report, whatever SimResult holds inside
assert game.clients.cli.main(["cards", "check"]) == 0
offending = sorted(name for name in sys.modules if "textual" in name)
print("OFFENDING:", " ".join(offending))
print("PLAYED:", len(game_.moves), game_.state.end_reason)
"""


def test_textual_is_installed_so_the_check_means_something():
    assert importlib.util.find_spec("textual") is not None


def test_engine_and_headless_clients_never_import_textual():
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(":", 1) for line in proc.stdout.splitlines() if line.startswith(("OFFENDING:", "PLAYED:")))
    assert "PLAYED" in lines and int(lines["PLAYED"].split()[0]) > 0
    assert lines["OFFENDING"].strip() == "", f"textual was imported: {lines['OFFENDING'].strip()}"


def test_the_check_would_notice_textual():
    """The same probe, importing Textual on purpose, does report it (so an empty list is news)."""
    script = "import textual, sys\nprint(' '.join(sorted(n for n in sys.modules if 'textual' in n)))"
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "textual" in proc.stdout.split()
