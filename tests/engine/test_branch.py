"""What-if branches: a save's choices up to a turn, with a link to the game they left."""

import pytest

from game.rules import moves as M

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


def test_a_branch_keeps_or_drops_the_white_cells_acts_of_its_turn(tmp_path, capsys):
    from tests.engine.seminar_fixture import ADJUDICATION, ADJUDICATION_REASON, FIXTURE

    original = load_game(FIXTURE)
    acts = original.white_cell_acts(2)
    assert [m.choice for m in acts] == [("inject", "fears-come-true"), ("hold", "taliban-ultimatum"), ADJUDICATION]
    dropped = original.branch(2, FIXTURE.name)
    kept = original.branch(2, FIXTURE.name, keep_white_cell=True)
    assert kept.moves[:len(dropped.moves)] == dropped.moves
    assert [(m.choice, m.reason) for m in kept.moves[len(dropped.moves):]] == [(m.choice, m.reason) for m in acts]
    assert kept.moves[-1].reason == ADJUDICATION_REASON
    # The held card stays held and the injected one has happened, in the branch that kept them.
    assert "taliban-ultimatum" in kept.state.held and "taliban-ultimatum" not in dropped.state.held
    assert "fears-come-true" in kept.state.news_done and "fears-come-true" not in dropped.state.news_done
    _, what, old, new, _ = next(e for e in kept.log if e[0] == "adjust")
    assert (what, new - old) == ("tension", 1) and not any(e[0] == "adjust" for e in dropped.log)
    for flag, expect in (("keep", kept), ("drop", dropped)):
        out = tmp_path / f"{flag}.yaml"
        assert main(["branch", str(FIXTURE), "--turn", "2", "--white-cell", flag, "-o", str(out)]) == 0
        said = capsys.readouterr().out
        assert "White Cell's 3 acts of turn 2" in said and ("made again" if flag == "keep" else "dropped") in said
        again = load_game(out)
        assert [(m.choice, m.reason) for m in again.moves] == [(m.choice, m.reason) for m in expect.moves]
        assert again.state == expect.state


def test_a_kept_act_the_rules_no_longer_allow_is_left_out_and_said(tmp_path, rules, capsys):
    """A ruling made late in a turn fits the board of then: ruled down to 1 after a team raised a
    state's stability, it would take that state below 1 at the branch point, so it is left out."""
    from game.ai import decide
    from game.play.seminar import Seminar
    from game.rules.model import COUNTRIES

    for seed in range(60):
        game = Game.start(rules, seed, {s: "ai:easy" for s in SEATS}, seminar=Seminar(turns=3))
        while game.state.turn < 2:
            game.play(decide("ai:easy", game.state, len(game.moves)).choice)
        start = [c.stability for c in game.state.countries]
        raised = None
        while game.state.turn == 2 and raised is None:
            game.play(decide("ai:easy", game.state, len(game.moves)).choice)
            raised = next((i for i, c in enumerate(game.state.countries) if c.stability > start[i] > 0), None)
        if raised is not None and game.state.turn == 2:
            break
    else:
        pytest.fail("no game in 60 seeds raised a state's stability in turn 2")
    what = f"stability:{COUNTRIES[raised]}"
    ruling = ("adjust", what, str(1 - game.state.countries[raised].stability))
    game.play(ruling, "the capital's unrest, as the class described it")
    game.play(("note",), "ask the Central Asian team about it")
    while not game.over:
        game.play(decide("ai:easy", game.state, len(game.moves)).choice)
    branch = game.branch(2, "x.yaml", keep_white_cell=True)
    assert [m.choice for m in game.white_cell_acts(2)] == [ruling, ("note",)]
    assert [m.choice for m in branch.moves if M.is_facilitator(m.choice)] == [("note",)]
    path, out = tmp_path / "ruled.yaml", tmp_path / "branch.yaml"
    save_game(game, path)
    assert main(["branch", str(path), "--turn", "2", "--white-cell", "keep", "-o", str(out)]) == 0
    assert "(1 the rules no longer allowed there left out)" in capsys.readouterr().out
