"""``simulate``'s limits: how many processes and games it accepts, that it makes its games one at
a time (memory flat however long the run), that results do not depend on --jobs, that a bad
--save-dir is refused before any game is played, and that a save failing mid-run ends the run
in one line while keeping what was written. Also the short AI level names in its messages.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

import game.play.save
import game.clients.sim
from game.clients.cli import main
from game.rules.loader import CARDS_DIR
from game.rules.model import SEATS
from game.play.save import load_game
from game.clients.sim import MAX_GAMES, MAX_JOBS, challenge, simulate

RANDOM = {s: "random" for s in SEATS}
SPEED = "games_per_second"  # the one figure that may differ between runs


def run(capsys, *argv):
    """``main(argv)`` as the shell would see it: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as e:  # argparse exits on usage errors
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(code, err) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("greatgame"), err
    return lines[0]


@pytest.fixture
def no_work(monkeypatch):
    """Any game made or process pool started fails the test (and keeps the machine safe if the
    code under test would fork 100,000 processes or build a list of 10**12 games)."""

    def refuse(*args, **kwargs):
        raise AssertionError("work was started")

    monkeypatch.setattr(game.clients.sim, "game_seed", refuse)
    monkeypatch.setattr(game.clients.sim.multiprocessing, "get_context", refuse)


# --- --jobs and --games -------------------------------------------------------------------------------------


def test_too_many_jobs_is_refused_in_one_line_before_any_work(capsys, no_work):
    line = one_error_line(*run(capsys, "simulate", "--games", 2, "--jobs", 100_000)[::2])
    assert "--jobs" in line and f"1 to {MAX_JOBS}" in line and "100000" in line


def test_the_maximum_of_jobs_is_accepted_and_no_more_processes_than_games_start(capsys, monkeypatch):
    sizes = []
    real_pool = game.clients.sim.multiprocessing.get_context("fork").Pool

    class Context:
        def Pool(self, processes):
            sizes.append(processes)
            return real_pool(processes)

    monkeypatch.setattr(game.clients.sim.multiprocessing, "get_context", lambda method: Context())
    code, out, err = run(capsys, "simulate", "--games", 2, "--ai", "random", "--jobs", MAX_JOBS, "--json")
    assert code == 0 and err == "", err
    assert json.loads(out)["games"] == 2
    assert sizes == [2]


@pytest.mark.parametrize("games", [10**12, MAX_GAMES + 1])
def test_absurd_game_counts_are_refused_in_one_line_before_any_work(capsys, no_work, games):
    line = one_error_line(*run(capsys, "simulate", "--games", games, "--ai", "random")[::2])
    assert "--games" in line and f"{MAX_GAMES:,}" in line and str(games) in line


class Enough(Exception):
    """Stops a run from its progress callback."""


@pytest.mark.parametrize("jobs", [1, 2])
def test_games_are_made_one_at_a_time_not_as_a_list_first(monkeypatch, jobs):
    made = []
    real_seed = game.clients.sim.game_seed

    def counted(run_seed, index):
        made.append(index)
        return real_seed(run_seed, index)

    def stop_after_three(done, total):
        assert total == 1_000_000
        if done >= 3:
            raise Enough

    monkeypatch.setattr(game.clients.sim, "game_seed", counted)
    with pytest.raises(Enough):
        simulate("summer-2021", 1_000_000, 1, RANDOM, jobs=jobs, progress=stop_after_three)
    # Only what the processes have asked for so far (a pipe's worth of chunks), not the million.
    assert 3 <= len(made) < 5_000


# --- same results for any --jobs -------------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 3])
def test_results_are_the_same_for_any_jobs(monkeypatch, chunk):
    monkeypatch.setattr(game.clients.sim, "chunk_size", lambda total, jobs: chunk)
    runs = [simulate("summer-2021", 8, 11, RANDOM, jobs=jobs).as_json() for jobs in (1, 2, 3)]
    for data in runs:
        data.pop(SPEED)
    assert runs[0] == runs[1] == runs[2]
    assert runs[0]["games"] == 8


def test_challenge_results_are_the_same_for_any_jobs(monkeypatch):
    monkeypatch.setattr(game.clients.sim, "chunk_size", lambda total, jobs: 2)
    runs = [challenge("summer-2021", 5, 4, "random", "random", jobs=jobs).as_json() for jobs in (1, 2)]
    for data in runs:
        data.pop(SPEED)
    assert runs[0] == runs[1]
    assert runs[0]["games"] == 5 and runs[0]["baseline"]["games"] == 5


# --- --save-dir ----------------------------------------------------------------------------------------------


def test_a_missing_save_dir_is_made_and_left_with_only_the_saves(capsys, tmp_path):
    folder = tmp_path / "new" / "run"
    code, out, err = run(capsys, "simulate", "--games", 2, "--ai", "random", "--save-dir", folder)
    assert code == 0 and err == "", err
    assert sorted(p.name.split("-seed-")[0] for p in folder.iterdir()) == ["game-0001", "game-0002"]  # no probe


@pytest.mark.parametrize("where", ["a file", "under a file", "/proc"])
def test_an_unusable_save_dir_is_refused_in_one_line_before_any_game(capsys, tmp_path, monkeypatch, where):
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n", encoding="utf-8")
    folder = {"a file": afile, "under a file": afile / "run", "/proc": Path("/proc")}[where]

    def no_game(task):
        raise AssertionError("a game was played")

    monkeypatch.setattr(game.clients.sim, "play_task", no_game)
    code, out, err = run(capsys, "simulate", "--games", 2, "--ai", "random", "--save-dir", folder)
    line = one_error_line(code, err)
    assert line.startswith(f"greatgame: error: --save-dir {folder} ") and "no game was played" in line
    assert out == ""
    assert afile.read_text(encoding="utf-8") == "not a folder\n"


def _full_disk_after(monkeypatch, fails):
    """Saves whose path ``fails(path)`` says so raise ENOSPC, as on a full disk."""
    real = game.play.save.write_atomic

    def write(path, text):
        if fails(Path(path)):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(game.play.save, "write_atomic", write)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_save_failing_mid_run_is_one_line_and_keeps_the_saves_before_it(capsys, tmp_path, monkeypatch, jobs):
    folder = tmp_path / "run"
    _full_disk_after(monkeypatch, lambda path: path.name.startswith(("game-0003", "game-0004")))
    code, out, err = run(capsys, "simulate", "--games", 4, "--ai", "random", "--save-dir", folder,
                         "--jobs", jobs)
    line = one_error_line(code, err)
    assert "game-0003" in line and "No space left on device" in line and "kept" in line
    assert out == ""
    kept = sorted(folder.iterdir())
    assert [p.name.split("-seed-")[0] for p in kept] == ["game-0001", "game-0002"]  # no temporary files
    for path in kept:
        assert load_game(path, CARDS_DIR).over


# --- level names ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--ai", "--field", "--challenger"])
def test_level_errors_list_the_short_names(capsys, flag):
    line = one_error_line(*run(capsys, "simulate", "--games", 5, flag, "nonsense")[::2])
    assert line == f"greatgame: error: {flag}: expected one of random, easy, normal, hard, found 'nonsense'"


@pytest.mark.parametrize("level", ["easy", "ai:easy"])
def test_short_and_ai_forms_both_work(capsys, level):
    code, out, err = run(capsys, "simulate", "--games", 1, "--ai", level, "--json")
    assert code == 0 and err == "", err
    assert json.loads(out)["seats"] == {s: "ai:easy" for s in SEATS}


def test_an_error_after_a_progress_bar_starts_on_its_own_line(capsys, tmp_path, monkeypatch):
    from game.clients.cli import _Progress

    real = _Progress.__init__
    monkeypatch.setattr(_Progress, "__init__", lambda self, enabled, after=2.0: real(self, enabled, after=0))
    _full_disk_after(monkeypatch, lambda path: path.name.startswith("game-0002"))
    code, out, err = run(capsys, "simulate", "--games", 3, "--ai", "random", "--save-dir", tmp_path / "run")
    bar, line = err.split("\n")[:2]
    assert bar.startswith("\r[") and "1/3 games" in bar
    assert line.startswith("greatgame: error: ") and "game-0002" in line
    assert err.endswith(f"kept in {tmp_path / 'run'}\n") and code != 0
