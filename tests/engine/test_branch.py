"""What-if branches: a save's choices up to a turn, with a link to the game they left."""

import pytest

from game.clients.cli import main
from game.words.log import describe
from game.rules.model import SEATS
from game.play.save import SaveError, load_game, save_game
from game.play.session import Game
from game.clients.sim import play_out


@pytest.fixture(scope="module")
def finished(rules, tmp_path_factory):
    path = tmp_path_factory.mktemp("branch") / "history.yaml"
    save_game(play_out(Game.start(rules, 12, {s: "ai:easy" for s in SEATS})), path)
    return path


def _log_before_turn(game, turn):
    lines = [describe(e, game.rules) for e in game.log]
    marker = next(i for i, line in enumerate(lines) if line.startswith(f"== Turn {turn}:"))
    return lines[:marker]


def test_branching_at_turn_3_keeps_turns_1_and_2_and_the_parent_link(finished, tmp_path):
    original = load_game(finished)
    out = tmp_path / "whatif.yaml"
    assert main(["branch", str(finished), "--turn", "3", "-o", str(out)]) == 0
    branch = load_game(out)
    assert branch.parent == finished.name and branch.branched_at == 3
    assert branch.state.turn == 3 and not branch.state.over
    assert _log_before_turn(branch, 3) == _log_before_turn(original, 3)
    assert [m.choice for m in branch.moves] == [m.choice for m in original.moves[: len(branch.moves)]]
    # The branch point is turn 3's first decision: the original's next choice was made in turn 3.
    assert len(branch.moves) < len(original.moves)


def test_a_branch_plays_on_and_keeps_its_lineage_when_saved_again(finished, tmp_path):
    branch = load_game(finished).branch(4, finished.name)
    branch.seats = {s: "random" for s in SEATS}
    play_out(branch)
    again = tmp_path / "again.yaml"
    save_game(branch, again)
    reloaded = load_game(again)
    assert (reloaded.parent, reloaded.branched_at) == (finished.name, 4)
    assert reloaded.state == branch.state


def test_bad_branches_are_refused_in_one_line(finished, tmp_path, capsys):
    out = tmp_path / "w.yaml"
    assert main(["branch", str(finished), "--turn", "99", "-o", str(out)]) != 0
    assert not out.exists()
    assert main(["branch", str(finished), "--turn", "2", "-o", str(finished)]) != 0
    out.write_text("keep")
    assert main(["branch", str(finished), "--turn", "2", "-o", str(out)]) != 0
    assert out.read_text() == "keep"
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("greatgame: error:") for line in lines)


def test_a_save_with_half_a_lineage_is_refused(finished, tmp_path):
    text = finished.read_text().replace("choices:", "parent: history.yaml\nchoices:", 1)
    bad = tmp_path / "half.yaml"
    bad.write_text(text)
    with pytest.raises(SaveError, match="both parent and branched_at"):
        load_game(bad)


def test_report_sets_two_branches_side_by_side(finished, rules, tmp_path, capsys):
    import json

    branch = load_game(finished).branch(3, finished.name)
    kept = len(branch.moves)
    branch.seats = {s: "random" for s in SEATS}
    play_out(branch)
    other = tmp_path / "whatif.yaml"
    save_game(branch, other)
    assert main(["report", str(finished), str(other), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_seed"] and data["common_decisions"] >= kept
    assert data["parted_at_turn"] >= 3
    original = load_game(finished)
    assert data["outcome_a"]["final"] == dict(zip(SEATS, original.state.vp))
    assert data["outcome_b"]["final"] == dict(zip(SEATS, branch.state.vp))
    assert len(data["after_a"]) == len(original.moves) - data["common_decisions"]
    assert main(["report", str(finished), str(other)]) == 0
    assert f"part in turn {data['parted_at_turn']}" in capsys.readouterr().out


def test_report_refuses_to_compare_different_games(finished, rules, tmp_path, capsys):
    stranger = tmp_path / "stranger.yaml"
    save_game(play_out(Game.start(rules, 99, {s: "random" for s in SEATS})), stranger)
    assert main(["report", str(finished), str(stranger)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a branch" in err[0]


def test_branching_a_seminar_keeps_its_teams_and_the_white_cells_early_interventions(tmp_path):
    from tests.engine.seminar_fixture import FIXTURE, TEAMS

    out = tmp_path / "seminar-whatif.yaml"
    assert main(["branch", str(FIXTURE), "--turn", "2", "-o", str(out)]) == 0
    original, branch = load_game(FIXTURE), load_game(out)
    assert branch.seminar.teams == TEAMS and branch.rules.scenario.turns == 3
    assert (branch.parent, branch.branched_at, branch.state.turn) == (FIXTURE.name, 2, 2)
    kept = [(m.choice, m.reason) for m in branch.moves]
    assert kept == [(m.choice, m.reason) for m in original.moves[: len(kept)]]
    assert ("note",) in [m.choice for m in branch.moves]  # turn 1's note stays in the record
    assert all(m.choice[0] != "adjust" for m in branch.moves)  # turn 2's ruling is not yet made
