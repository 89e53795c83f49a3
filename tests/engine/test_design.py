"""The design measure (``python -m game.bench --design``): each figure on small hand-built cases,
the positions at each turn's end read back exactly, the normal AI's picks unchanged, and the
same seed giving the same figures however many processes play."""

from __future__ import annotations

import json

import pytest

import game.rules.engine as engine
from game import bench
from game.ai import decide, decide_ranked
from game.ai.normal import decide_normal, decide_normal_ranked
from game.clients import design as D
from game.clients.sim import Task, play_task
from game.play.session import Game
from game.play.table import Table
from game.ai import answer
from game.rules.engine import legal_choices, new_game, step
from game.rules.loader import CARDS_DIR
from game.rules.model import INFLUENCE_MAX, SEATS, TRACK_INDEX, TRACK_MAX, TRACKS
from game.rules.rng import draw


def test_a_tie_is_the_best_two_values_equal_and_nothing_else():
    assert D.tied([(1.5, ("a",)), (1.5, ("b",)), (0.0, ("c",))])
    assert not D.tied([(1.5, ("a",)), (1.25, ("b",)), (1.25, ("c",))])  # a tie below the best is none
    assert not D.tied([(1.5, ("a",))])  # a forced move has no next best
    assert not D.tied([])


def test_states_with_two_powers_at_the_cap(rules):
    state = new_game(rules, 1)
    for c in state.countries:
        c.influence[:] = [3, 2, 1, 0]
    assert D.states_two_at_cap(state) == 0
    state.countries[0].influence[:] = [INFLUENCE_MAX, INFLUENCE_MAX, 0, 0]
    assert D.states_two_at_cap(state) == 1
    state.countries[1].influence[:] = [INFLUENCE_MAX, INFLUENCE_MAX - 1, INFLUENCE_MAX, INFLUENCE_MAX]
    state.countries[2].influence[:] = [INFLUENCE_MAX, INFLUENCE_MAX - 1, 0, 0]  # one at the cap: not counted
    assert D.states_two_at_cap(state) == 2


def test_tracks_at_their_maximum(rules):
    state = new_game(rules, 1)
    state.tracks[:] = [TRACK_MAX - 1] * len(TRACKS)
    assert D.tracks_at_max(state) == (False,) * len(TRACKS)
    state.tracks[TRACK_INDEX["tension"]] = TRACK_MAX
    state.tracks[TRACK_INDEX["csto"]] = TRACK_MAX
    assert D.tracks_at_max(state) == tuple(t in ("tension", "csto") for t in TRACKS)


def test_lead_changes_are_counted_in_the_last_steps_only():
    leaders = [0, 1, 1, 0, None, 0, 2]  # changes at steps 1, 3, 4, 5, 6
    assert D.changes(leaders, 3) == 3
    assert D.changes(leaders, 1) == 1
    assert D.changes(leaders, 6) == 5
    assert D.changes(leaders, 99) == 5
    assert D.changes([2, 2, 2, 2], 3) == 0
    assert [D.late_turns(t) for t in (1, 2, 3, 9, 10, 12)] == [1, 1, 1, 3, 3, 4]


def test_who_leads_a_state_follows_the_rules():
    assert D.influence_leader([3, 1, 0, 0]) == 0
    assert D.influence_leader([3, 3, 0, 0]) is None
    assert D.influence_leader([0, 0, 0, 0]) is None


def test_late_lead_changes_over_a_made_up_game():
    # Six turn ends (setup and five turns): the last third is the last two steps.
    a = [[5, 0, 0, 0]] * 6  # state 0: Russia throughout
    b = [[5, 0, 0, 0], [0, 5, 0, 0], [5, 0, 0, 0], [5, 0, 0, 0], [0, 5, 0, 0], [5, 5, 0, 0]]
    ends = [[a[t], b[t]] for t in range(6)]
    # b: Russia, Turkey, Russia, Russia | Turkey, a tie: two changes late (the early two not counted)
    assert D.late_lead_changes(ends) == 2


def test_vp_lead_changing_hands_late():
    steady = [[5, 1, 0, 0, 0], [6, 1, 0, 0, 0], [7, 2, 0, 0, 0], [8, 2, 0, 0, 0], [9, 3, 0, 0, 0]]
    assert not D.vp_lead_changed_hands(steady) and not D.vp_leaders_changed(steady)
    overtaken = steady[:2] + [[7, 7, 0, 0, 0], [7, 8, 0, 0, 0], [7, 9, 0, 0, 0]]
    assert D.vp_lead_changed_hands(overtaken) and D.vp_leaders_changed(overtaken)
    caught_up = steady[:4] + [[9, 9, 0, 0, 0]]  # a tie with the leader: the lead is shared, not lost
    assert not D.vp_lead_changed_hands(caught_up) and D.vp_leaders_changed(caught_up)
    early = [[1, 5, 0, 0, 0], [6, 1, 0, 0, 0]] + steady[2:]  # the lead changed before the last three turns
    assert not D.vp_lead_changed_hands(early) and not D.vp_leaders_changed(early)
    lost_and_won_back = steady[:2] + [[6, 8, 0, 0, 0], [9, 8, 0, 0, 0], [9, 8, 0, 0, 0]]
    assert not D.vp_lead_changed_hands(lost_and_won_back) and D.vp_leaders_changed(lost_and_won_back)


def test_turn_ends_read_back_from_the_log_are_the_positions_the_engine_had(rules, monkeypatch):
    """Each turn starts in engine._start_turn: what it sees there is the end of the turn before."""
    seen = []
    start_turn = engine._start_turn

    def recording(state, log):
        seen.append(([c.influence[:] for c in state.countries], list(state.vp)))
        start_turn(state, log)

    monkeypatch.setattr(engine, "_start_turn", recording)
    for seed in (3, 4):
        seen.clear()
        game = Game.start(rules, seed, {s: "random" for s in SEATS}, keep_log=True)
        Table(game, pace="instant").play_computers(answer)
        state = game.state
        inf_ends, vp_ends = D.turn_ends(state, game.log)
        final = ([c.influence[:] for c in state.countries], list(state.vp))
        assert list(zip(inf_ends, vp_ends)) == seen + [final]
        assert len(inf_ends) == state.turn + 1
        assert any(inf_ends[t] != inf_ends[t + 1] for t in range(state.turn))  # not trivially equal


def _positions(rules, count: int) -> list:
    out = []
    for seed in range(count):
        state = new_game(rules, 500 + seed)
        for k in range(draw(seed, 99, 60)):
            if state.over:
                break
            choices = legal_choices(state)
            step(state, choices[draw(seed, k, len(choices))])
        if not state.over:
            out.append(state)
    return out


def test_the_ranked_decision_is_the_normal_decision(rules):
    for salt, state in enumerate(_positions(rules, 6)):
        ranked_decision, ranked = decide_ranked(state, salt)
        assert ranked_decision == decide("ai:normal", state, salt)
        assert ranked[0][1] == ranked_decision.choice
        assert sorted(c for _, c in ranked) == sorted(legal_choices(state))
        assert [v for v, _ in ranked] == sorted((v for v, _ in ranked), reverse=True)
        assert decide_normal_ranked(state, salt)[:2] == decide_normal(state, salt)


def test_a_measured_game_is_the_game_the_simulator_plays():
    seed = D.design_tasks("summer-2021", 21, 1)[0].seed
    task = Task("summer-2021", str(CARDS_DIR), seed, ("ai:normal",) * len(SEATS))
    played, measured = play_task(task), D.measure_task(task)
    assert (measured.turns, measured.collapsed) == (played.turns, played.collapsed)
    assert measured.decisions > 0 and 0 <= measured.ties <= measured.decisions
    assert sum(n for _, n, _ in measured.ties_by_kind) == measured.decisions
    assert measured.plays and all(mode in ("event", "ops", "shelve") for _, mode in measured.plays)


def test_the_same_seed_gives_the_same_figures_in_one_process_or_two():
    one = D.measure(4, seed=7, jobs=1)
    again = D.measure(4, seed=7, jobs=1)
    two = D.measure(4, seed=7, jobs=2)
    other = D.measure(4, seed=8, jobs=1)
    for f in (one, again, two, other):
        f.pop("seconds")
    assert one == again == two
    assert one != other
    assert one["games"] == 4
    plays = sum(m["event"] + m["ops"] for m in one["cards"].values())
    assert plays > 0
    assert 0 <= one["tie_share"] <= 1 and 0 <= one["two_at_cap_mean"] <= 5


def test_the_targets_are_met_or_missed_at_their_bounds():
    figures = {"two_at_cap_mean": 0.5, "vp_leader_late_change": 0.3,
               "track_at_max": {t: 0.25 for t in TRACKS}}
    assert all(ok for _, ok, _ in D.checks(figures))
    figures = {"two_at_cap_mean": 0.51, "vp_leader_late_change": 0.29,
               "track_at_max": {**{t: 0.25 for t in TRACKS}, "momentum": 0.26}}
    missed = {name for name, ok, _ in D.checks(figures) if not ok}
    assert missed == {"two_at_cap_mean", "vp_leader_late_change", "track_at_max.momentum"}


def test_bench_design_prints_the_table_and_json(capsys):
    assert bench.main(["--design", "--games", "2", "--seed", "5", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["games"] == 2 and set(figures["track_at_max"]) == set(TRACKS)
    assert bench.main(["--design", "--games", "2", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "2 all-normal games" in out and "two_at_cap_mean" in out
    assert ("meets the target" in out) or ("MISSES the target" in out)
    assert "event share" in out and next(iter(figures["cards"])) in out


def test_bench_refuses_no_games():
    with pytest.raises(SystemExit):
        bench.main(["--design", "--games", "0"])


def test_the_design_win_rates_are_simulates_for_the_same_seeds():
    from game.clients.sim import simulate

    figures = D.measure(3, seed=11, scenario="what-if")
    result = simulate("what-if", 3, 11, {s: "ai:normal" for s in SEATS}).as_json()
    assert figures["scenario"] == "what-if"
    assert figures["win_rate"] == result["win_rate"]
    assert figures["collapse_rate"] == result["collapse_rate"]
    assert abs(sum(figures["win_rate"].values()) - 1) < 1e-3
    assert figures["mean_vp"] == {s: round(v, 2) for s, v in result["mean_score"].items()}


def test_bench_design_refuses_an_unknown_scenario(capsys):
    assert bench.main(["--design", "--games", "1", "--scenario", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "--scenario" in err and "nowhere" in err and "summer-2021" in err and "\n" == err[-1] and err.count("\n") == 1


def test_bench_design_progress_shows_running_rates(capsys):
    assert bench.main(["--design", "--games", "20", "--seed", "3", "--progress", "--scenario", "what-if", "--json"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert [line.split(" games")[0] for line in lines] == [f"{n}/20" for n in range(2, 20, 2)]
    assert all("russia" in line and "collapses" in line for line in lines)
    assert json.loads(captured.out)["games"] == 20
