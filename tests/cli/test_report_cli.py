"""greatgame report: writes the after-action report, refuses bad input in one line."""

import csv
import io
import json

import pytest

from game.clients.cli import main
from game.rules.model import SEATS
from game.play.save import save_game
from game.play.session import Game
from game.clients.sim import play_out


@pytest.fixture(scope="module")
def save(rules, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "game.yaml"
    save_game(play_out(Game.start(rules, 6, {s: "ai:easy" for s in SEATS})), path)  # a whole 10 turns
    return path


def test_markdown_to_stdout(save, capsys):
    assert main(["report", str(save)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# After-action report: Summer 2021")
    assert "## Turn 10: 2022-04" in out and "## Questions for discussion" in out


def test_json_and_csv_to_files(save, tmp_path, capsys):
    assert main(["report", str(save), "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["seed"] == 6 and len(data["turns"]) == 10
    assert main(["report", str(save), "--format", "csv", "-o", str(tmp_path / "r.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text())))
    decisions = [r for r in rows if r["kind"] == "decision"]
    assert len(decisions) == sum(len(t["decisions"]) for t in data["turns"])


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_an_existing_file_is_not_overwritten_without_force(save, tmp_path, capsys):
    target = tmp_path / "r.md"
    target.write_text("keep me")
    assert main(["report", str(save), "-o", str(target)]) != 0
    assert "--force" in _one_error_line(capsys)
    assert target.read_text() == "keep me"
    assert main(["report", str(save), "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("# After-action report")


def test_bad_inputs_get_one_line(save, tmp_path, capsys):
    damaged = tmp_path / "damaged.yaml"
    damaged.write_text(save.read_text()[:200])
    assert main(["report", str(damaged)]) != 0
    assert str(damaged) in _one_error_line(capsys)
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(save), "--format", "pdf"])
    assert exit_.value.code != 0
    assert "pdf" in _one_error_line(capsys)
    assert main(["report", str(save), "-o", str(tmp_path / "missing" / "r.md")]) != 0
    assert "no such folder" in _one_error_line(capsys)
