"""The ``greatgame`` command line, driven through ``game.clients.cli.main`` (and once as a process).

Every failure a user can cause must end with a non-zero exit and one line on standard error
(``greatgame...`` or ``FILE:LINE: ...``), never a traceback, and must leave files alone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.clients.cli import main
from game.rules.loader import CARDS_DIR, read_catalogue
from game.words.log import describe
from game.rules.model import SEATS
from game.play.save import save_game
from game.play.session import Game
from game.clients.sim import play_out

ROOT = Path(__file__).resolve().parents[2]
EASY = {seat: "ai:easy" for seat in SEATS}
ERROR_LINE = re.compile(r"^(greatgame\b|\S+:\d+: )")
JSON_KEYS = {"games", "seed", "scenario", "seats", "win_rate", "mean_score", "mean_turns", "collapse_rate",
             "games_per_second"}


def run(capsys, *argv):
    """``main(argv)`` as the shell would see it: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as e:  # argparse exits on usage errors and --help
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(code, err):
    assert code != 0
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert ERROR_LINE.match(lines[0]), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def saved(rules, tmp_path_factory):
    """A finished all-easy game of seed 5, saved; and its log in words."""
    game = play_out(Game.start(rules, 5, EASY))
    path = tmp_path_factory.mktemp("saves") / "seed-5.yaml"
    save_game(game, path)
    return path, [describe(e, rules) for e in game.log], len(game.moves)


@pytest.fixture
def save(saved, tmp_path):
    """A private copy of the saved game, to damage."""
    path = tmp_path / "game.yaml"
    shutil.copyfile(saved[0], path)
    return path


# --- cards check ------------------------------------------------------------------------------------


def test_cards_check_counts_what_the_loader_reads(capsys):
    code, out, err = run(capsys, "cards", "check")
    assert code == 0 and err == ""
    m = re.fullmatch(r"OK: (\d+) cards \((\d+) news; action cards: (.*)\) and (\d+) scenarios in (\d+) files\n", out)
    assert m, out
    cat = read_catalogue([CARDS_DIR])
    assert not cat.faults
    assert int(m[1]) == len(cat.cards)
    assert int(m[2]) == sum(1 for c in cat.cards.values() if c.deck == "news")
    by_seat = {name: int(n) for name, n in (part.rsplit(" ", 1) for part in m[3].split(", "))}
    action = [c for c in cat.cards.values() if c.deck == "action"]
    assert by_seat == {**{s: sum(1 for c in action if c.seat == i) for i, s in enumerate(SEATS)},
                       "none": sum(1 for c in action if c.seat is None)}
    assert int(m[4]) == len(cat.scenarios)
    assert int(m[5]) == cat.files == len(list(CARDS_DIR.glob("*.yaml")))


def test_cards_check_of_a_bad_file_prints_its_faults(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cards:\n  - id: Not An Id\n    title: x\n", encoding="utf-8")
    code, out, err = run(capsys, "cards", "check", bad)
    assert code != 0 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(re.match(r"^\S*bad\.yaml:\d+: ", line) for line in lines), err


# --- simulate -----------------------------------------------------------------------------------------


def test_simulate_json(capsys):
    code, out, err = run(capsys, "simulate", "--games", 5, "--seed", 1, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert (data["games"], data["seed"], data["scenario"]) == (5, 1, "summer-2021")
    assert data["seats"] == EASY
    assert set(data["win_rate"]) == set(SEATS) == set(data["mean_score"])
    assert sum(data["win_rate"].values()) == pytest.approx(1.0, abs=1e-3)  # ties are split
    assert all(0 <= v <= 1 for v in data["win_rate"].values())
    assert 1 <= data["mean_turns"] <= 10
    assert 0 <= data["collapse_rate"] <= 1
    assert data["games_per_second"] > 0


def test_simulate_is_reproducible_and_seats_can_differ(capsys):
    argv = ("simulate", "--games", 3, "--seed", 7, "--ai", "random", "--seats", "china=ai:easy", "--json")
    first = json.loads(run(capsys, *argv)[1])
    second = json.loads(run(capsys, *argv)[1])
    assert first["seats"] == {**{s: "random" for s in SEATS}, "china": "ai:easy"}
    for key in ("win_rate", "mean_score", "mean_turns", "collapse_rate"):
        assert first[key] == second[key]


def test_simulate_table(capsys):
    code, out, err = run(capsys, "simulate", "--games", 5, "--seed", 1)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "5 games of summer-2021, run seed 1"
    assert lines[1].split() == ["seat", "controller", "wins", "mean", "VP"]
    rows = [line.split() for line in lines[2:7]]
    assert [r[0] for r in rows] == list(SEATS)
    assert all(r[1] == "ai:easy" and r[2].endswith("%") for r in rows)
    assert sum(float(r[2].rstrip("%")) for r in rows) == pytest.approx(100, abs=0.5)
    assert re.fullmatch(r"mean length [\d.]+ turns; collapse rate [\d.]+%; [\d.]+ games/s", lines[7])


def test_simulate_save_dir_writes_saves_that_replay(capsys, tmp_path):
    code, out, err = run(capsys, "simulate", "--games", 3, "--seed", 2, "--save-dir", tmp_path / "run")
    assert code == 0 and err == ""
    saves = sorted((tmp_path / "run").glob("*.yaml"))
    assert len(saves) == 3
    for path in saves:
        n = len(yaml.safe_load(path.read_text(encoding="utf-8"))["choices"])
        code, out, err = run(capsys, "replay", path)
        assert code == 0 and err == ""
        assert out.splitlines()[-1] == f"-- replayed {n} choices; digest verified --"


# --- replay ---------------------------------------------------------------------------------------------


def test_replay_prints_the_log_and_verifies_the_digest(capsys, saved):
    path, log_lines, n_moves = saved
    before = path.read_bytes()
    code, out, err = run(capsys, "replay", path)
    assert code == 0 and err == ""
    assert out.splitlines() == log_lines + [f"-- replayed {n_moves} choices; digest verified --"]
    assert path.read_bytes() == before


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _first_event_to_ops(data):
    # "play CARD event" -> "play CARD ops": legal at that point (any card may be played for ops).
    for i, item in enumerate(data["choices"]):
        text = item["do"] if isinstance(item, dict) else item
        if text.startswith("play ") and text.endswith(" event"):
            data["choices"][i] = text[: -len("event")] + "ops"
            return
    raise AssertionError("no event play in the save")


def _digest(data):
    d = data["digest"]
    data["digest"] = d[:-1] + ("0" if d[-1] != "0" else "1")


def _seed(data):
    data["seed"] += 1


def _future(data):
    data["format"] = 99


@pytest.mark.parametrize("tamper, says", [
    (_first_event_to_ops, r"choices|digest"),
    (_digest, r"digest"),
    (_seed, r"choices|digest"),
    (_future, r"format.*newer version"),
], ids=["choice", "digest", "seed", "future-format"])
def test_replay_refuses_a_tampered_save_and_leaves_it_alone(capsys, save, tamper, says):
    _edit(save, tamper)
    before = save.read_bytes()
    code, out, err = run(capsys, "replay", save)
    line = assert_one_error_line(code, err)
    assert line.startswith(f"greatgame: error: {save}:")
    assert re.search(says, line), line
    assert out == ""
    assert save.read_bytes() == before


def test_replay_refuses_a_truncated_save(capsys, save):
    text = save.read_bytes()
    save.write_bytes(text[: len(text) // 2])
    before = save.read_bytes()
    code, out, err = run(capsys, "replay", save)
    assert_one_error_line(code, err)
    assert out == "" and save.read_bytes() == before


def test_replay_refuses_non_utf8_bytes(capsys, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: 1\ngame: caf\u00e9\n".encode("latin-1"))
    before = path.read_bytes()
    code, out, err = run(capsys, "replay", path)
    line = assert_one_error_line(code, err)
    assert "UTF-8" in line and ":2:" in line  # the bad byte is on line 2
    assert path.read_bytes() == before


def test_replay_of_a_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "replay", tmp_path / "nope.yaml")
    assert "nope.yaml" in assert_one_error_line(code, err)
    assert not (tmp_path / "nope.yaml").exists()


# --- bad command lines --------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["--no-such-flag"],
    ["simulate", "--games", "0"],
    ["simulate", "--games", "x"],
    ["simulate", "--seed", "-1"],
    ["simulate", "--games", "1", "--ai", "nonsense"],
    ["simulate", "--games", "1", "--seats", "bad=human"],
    ["simulate", "--games", "1", "--seats", "russia=god"],
    ["simulate", "--games", "1", "--seats", "russia=human"],  # nobody to play it
    ["cards"],
    ["cards", "check", "no/such/folder"],
    ["nosuchcommand"],
], ids=lambda argv: " ".join(argv))
def test_bad_command_lines_fail_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert_one_error_line(code, err)
    assert out == ""


def test_a_bad_cards_folder_refuses_to_simulate(capsys, tmp_path):
    cards = tmp_path / "cards"
    shutil.copytree(CARDS_DIR, cards)
    russia = cards / "russia.yaml"
    text = russia.read_text(encoding="utf-8")
    assert "    ops: 3\n" in text
    russia.write_text(text.replace("    ops: 3\n", "    ops: 9\n", 1), encoding="utf-8")
    code, out, err = run(capsys, "--cards", cards, "simulate", "--games", 1, "--save-dir", tmp_path / "out")
    assert code != 0 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    faults, last = lines[:-1], lines[-1]
    assert faults and all(re.match(r"^\S*russia\.yaml:\d+: .*ops: expected a whole number from 1 to 4, found 9$", f)
                          for f in faults), err
    assert last.startswith("greatgame: error:") and "no game was started" in last
    assert not (tmp_path / "out").exists()


def test_python_m_game_help():
    result = subprocess.run([sys.executable, "-m", "game", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: greatgame")
    for command in ("play", "simulate", "replay", "cards"):
        assert command in result.stdout
    assert result.stderr == ""
