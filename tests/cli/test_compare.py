"""greatgame compare: every group of a class side by side, whatever their seeds; and the two
branches of one game (greatgame report A B) with the White Cell's acts and the teams named."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.clients.cli import main
from game.clients.sim import play_out
from game.play.save import load_game, save_game
from game.play.session import Game
from game.rules.model import SEAT_NAMES, SEATS
from tests.engine import seminar_fixture as fx

SEEDS = (4, 9, 17)


@pytest.fixture(scope="module")
def saves(rules, tmp_path_factory):
    """Three sections of one course: three games of one scenario, each its own seed."""
    folder = tmp_path_factory.mktemp("class")
    paths = []
    for n, seed in enumerate(SEEDS, 1):
        path = folder / f"section-{n}.yaml"
        save_game(play_out(Game.start(rules, seed, {s: "ai:easy" for s in SEATS})), path)
        paths.append(path)
    return paths


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_three_games_of_different_seeds_side_by_side(saves, capsys):
    assert main(["compare", *map(str, saves), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    games = [load_game(p) for p in saves]
    assert [g["name"] for g in data["games"]] == [p.name for p in saves]
    assert [g["seed"] for g in data["games"]] == list(SEEDS)
    for g, game in zip(data["games"], games):
        assert g["final"] == dict(zip(SEATS, game.state.vp))
        assert g["winners"] == [SEATS[w] for w in game.state.winners]
        assert g["vp_by_turn"][1:] == [dict(zip(SEATS, vp)) for vp in game.state.history]
        assert g["turning_points"] and g["key_decisions"]
    assert data["same_seed"] == []
    # Each seat's objectives from its brief, checked game by game as each game's own report does.
    from game.words.briefing import ROLES
    from game.words.report import report_data

    assert data["objectives"] == {s: list(ROLES[s].wants) for s in SEATS}
    for g, game in zip(data["games"], games):
        summaries = report_data(game)["summaries"]
        assert g["objectives"] == {s: [o["status"] for o in summaries[s]["objectives"]] for s in SEATS}
    # A choice is listed when some games made it and others did not, with who won in each.
    names = {p.name for p in saves}
    for row in data["choices"]:
        made = {g["game"] for g in row["made_by"]}
        assert made and made < names and made | {g["game"] for g in row["not_by"]} == names


def test_the_markdown_names_each_games_outcome_turning_points_and_key_decisions(saves, capsys):
    assert main(["compare", *map(str, saves)]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# 3 games of Summer 2021 side by side")
    games = [load_game(p) for p in saves]
    for path, game in zip(saves, games):
        assert f"## {path.name}" in md
    assert "| winner | " in md and "## Choices and outcomes" in md and "## Objectives, game by game" in md
    assert "Turning points:" in md and "Key decisions:" in md and "White Cell:" in md
    for seat in SEATS:
        row = next(line for line in md.splitlines() if line.startswith(f"| {SEAT_NAMES[seat]} VP |"))
        assert row == f"| {SEAT_NAMES[seat]} VP | " + " | ".join(str(g.state.vp[SEATS.index(seat)]) for g in games) + " |"


def test_a_long_list_of_choices_says_how_many_more(saves, capsys):
    from game.words.compare import CHOICES_SHOWN

    assert main(["compare", *map(str, saves), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["choices"]
    assert main(["compare", *map(str, saves)]) == 0
    md = capsys.readouterr().out
    if len(rows) > CHOICES_SHOWN:
        assert f"… and {len(rows) - CHOICES_SHOWN} more choices" in md
    else:
        assert "more choices" not in md
    assert all(r["choice"] in md for r in rows[:CHOICES_SHOWN])


def test_html_and_csv_of_the_comparison(saves, tmp_path, capsys):
    out = tmp_path / "class.html"
    assert main(["compare", *map(str, saves), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert all(f"<h2>{p.name}</h2>" in html for p in saves)
    out = tmp_path / "class.csv"
    assert main(["compare", *map(str, saves), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    finals = [r for r in rows if r["kind"] == "final"]
    assert len(finals) == len(saves) * len(SEATS)
    games = {p.name: load_game(p) for p in saves}
    assert all(int(r["value"]) == games[r["game"]].state.vp[SEATS.index(r["seat"])] for r in finals)


def test_the_seminar_and_its_what_if_share_a_seed_and_show_the_white_cell(saves, tmp_path, capsys):
    whatif = tmp_path / "whatif.yaml"
    assert main(["branch", str(fx.FIXTURE), "--turn", "3", "-o", str(whatif)]) == 0
    branch = load_game(whatif)
    branch.seats = {s: "random" for s in SEATS}
    play_out(branch)
    save_game(branch, whatif)
    capsys.readouterr()
    assert main(["compare", str(fx.FIXTURE), str(whatif), str(saves[0]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pair = data["same_seed"]
    assert len(pair) == 1 and pair[0]["a"] == fx.FIXTURE.name and pair[0]["parted_at_turn"] == 3
    seminar = data["games"][0]
    kinds = [a["kind"] for a in seminar["white_cell"]]
    assert kinds == ["note", "inject", "hold", "adjudication", "note"]
    assert seminar["played_by"]["russia"] == "Team Moscow (team)"
    assert data["games"][1]["parent"] == fx.FIXTURE.name


def test_bad_files_get_one_line_naming_the_file(saves, tmp_path, capsys):
    damaged = tmp_path / "damaged.yaml"
    damaged.write_text(saves[0].read_text()[:300])
    assert main(["compare", str(saves[0]), str(damaged)]) != 0
    assert "damaged.yaml" in _one_error_line(capsys)
    assert main(["compare", str(saves[0]), str(tmp_path / "missing.yaml")]) != 0
    assert "missing.yaml" in _one_error_line(capsys)
    assert main(["compare", str(saves[0])]) != 0
    assert "two saves or more" in _one_error_line(capsys)
    out = tmp_path / "taken.md"
    out.write_text("keep")
    assert main(["compare", *map(str, saves), "-o", str(out)]) != 0
    assert "--force" in _one_error_line(capsys) and out.read_text() == "keep"


def test_games_of_another_scenario_are_refused_naming_the_file(saves, rules, tmp_path, capsys):
    from game.rules.loader import load_rules

    other = "what-if"  # the shipped scenario that shuffles the news
    stranger = tmp_path / "stranger.yaml"
    save_game(play_out(Game.start(load_rules(other), 3, {s: "random" for s in SEATS})), stranger)
    assert main(["compare", str(saves[0]), str(stranger)]) != 0
    line = _one_error_line(capsys)
    assert "stranger.yaml" in line and other in line


# --- two branches of one game -----------------------------------------------------------------


def test_two_branches_show_every_decision_the_white_cell_and_the_teams(tmp_path, capsys):
    whatif = tmp_path / "seminar-whatif.yaml"
    assert main(["branch", str(fx.FIXTURE), "--turn", "2", "-o", str(whatif)]) == 0
    branch = load_game(whatif)
    play_out(branch)  # the teams' seats are 'human': play_out plays them at random
    save_game(branch, whatif)
    capsys.readouterr()
    assert main(["report", str(fx.FIXTURE), str(whatif), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    original = load_game(fx.FIXTURE)
    decisions = [m for m in original.moves if m.choice[0] not in ("inject", "hold", "adjust", "note")]
    assert len(data["after_a"]) == len(decisions) - data["common_decisions"]
    assert [a["kind"] for a in data["white_cell_a"]] == ["inject", "hold", "adjudication", "note"]
    assert data["teams_a"]["russia"] == "Team Moscow (team)"
    assert main(["report", str(fx.FIXTURE), str(whatif)]) == 0
    md = capsys.readouterr().out
    assert f"All {len(data['after_a'])} decisions:" in md and "more decisions" not in md
    assert "- Turn 2: Facilitator injects Fears come true." in md
    assert f"*Reason:* {fx.ADJUDICATION_REASON}" in md
    assert "| Russia | " in md and "(Team Moscow (team))" in md
    assert all(f"Team Moscow (Russia): {d['decision']}" in md for d in data["after_a"] if d["seat"] == "russia")
