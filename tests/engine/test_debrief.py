"""The debrief's reading of a game (game.words.story, game.words.objectives): what each step
changed, the board turn by turn, the turning points, the questions' weights and each seat's
objectives, each checked against the game's own states, not against numbers written here."""

from __future__ import annotations

import pytest

from game.clients.sim import play_out
from game.play.observer import AFTER, observe
from game.play.session import Game
from game.rules.model import COUNTRIES, SEATS, TRACK_MAX, TRACK_MIN, TRACKS
from game.rules.ops import CHINA, USA
from game.words import story
from game.words.briefing import ROLES
from game.words.report import report_data, to_markdown
from game.play.save import load_game
from tests.engine import seminar_fixture as fx

SEEDS = (3, 8, 21)


@pytest.fixture(scope="module")
def games(rules):
    return [play_out(Game.start(rules, seed, {s: "ai:easy" for s in SEATS})) for seed in SEEDS] + [load_game(fx.FIXTURE)]


def _board(state) -> dict:
    return story.board_of(observe(state, AFTER))


def test_the_log_read_forward_gives_the_states_the_game_kept(games):
    # What the story reads from the log (for the part of a move before its turn ends) must be
    # what the kept states say, for every move that stays within its turn.
    checked = 0
    for game in games:
        marks = [mark for _, mark in game.before] + [len(game.log)]
        for i in range(len(game.moves)):
            if story._markers(game.log, marks[i], marks[i + 1]):
                continue
            before, after = _board(game.state_before(i)), _board(game.state_before(i + 1))
            assert story.forward(before, game.log[marks[i]:marks[i + 1]]) == after, (game.seed, i, game.moves[i])
            assert story.backward(after, game.log[marks[i]:marks[i + 1]]) == before
            checked += 1
    assert checked > 500


def test_the_steps_chain_from_the_start_to_the_end(games, rules):
    for game in games:
        steps = story.steps(game, AFTER)
        for a, b in zip(steps, steps[1:]):
            assert a.after == b.before
        assert steps[-1].after == _board(game.state)
        start = steps[0].before
        assert [start[("track", t)] for t in TRACKS] == list(rules.scenario.tracks)
        assert [start[("field", "stability", c)] for c in range(len(COUNTRIES))] == [
            c.stability for c in rules.scenario.countries]
        # Every move is a step of its own, with exactly the difference of the states around it
        # when it stays within its turn.
        moves = [s for s in steps if s.move is not None]
        assert [s.move for s in moves] == list(range(len(game.moves)))


def test_the_board_as_each_turn_ended_has_the_scores_of_that_upkeep(games):
    for game in games:
        rows = story.turn_rows(story.steps(game, AFTER))
        ended = [row for row in rows if row.complete][1:]
        assert [tuple(story.vp(row.board)) for row in ended] == [tuple(vp) for vp in game.state.history]
        assert [row.turn for row in ended] == list(range(1, len(game.state.history) + 1))
        assert rows[-1].board == _board(game.state)


def test_each_decision_in_the_report_says_what_it_changed(games):
    game = games[-1]
    data = report_data(game)
    decisions = [d for t in data["turns"] for d in t["decisions"]]
    marks = [mark for _, mark in game.before] + [len(game.log)]
    for d in decisions:
        i = d["move"]
        if story._markers(game.log, marks[i], marks[i + 1]):
            continue
        before, after = _board(game.state_before(i)), _board(game.state_before(i + 1))
        expected = {story.key_id(k): (before[k], after[k]) for k in after if before[k] != after[k]}
        assert {c["what"]: (c["old"], c["new"]) for c in d["changes"]} == expected
    # The adjudication's rise of tension is said once, in the adjudication's own words.
    _, what, old, new, _ = next(e for e in game.log if e[0] == "adjust")
    assert f"Adjudication: Sino-American tension {old} -> {new}." in to_markdown(data)


def test_a_change_reads_tension_6_to_7():
    assert story.change_words(("track", "tension"), 6, 7) == "tension 6 → 7"
    assert story.change_words(("field", "stability", 0), 5, 4) == "Tajikistan stability 5 → 4"
    assert story.change_words(("influence", 0, 4), 3, 4) == "Russian influence in Kazakhstan 3 → 4"
    assert story.change_words(("base", USA, 1), 0, 1) == "US base in Uzbekistan opens"


def test_turning_points_are_found_in_the_game(games):
    for game in games:
        steps = story.steps(game, AFTER)
        rows = story.turn_rows(steps)
        points = story.turning_points(steps, rows)
        for tp in points:
            if tp.kind == "track limit":
                # The step it names is the first that put the track at that limit.
                name = next(t for t in TRACKS if f"({tp.size}/{TRACK_MAX})" in tp.text
                            and story.TRACK_WORDS[t].lower() in tp.text.lower())
                assert tp.step.after[("track", name)] == tp.size in (TRACK_MIN, TRACK_MAX)
                earlier = steps[:steps.index(tp.step)]
                assert all(s.after[("track", name)] != tp.size or s.before[("track", name)] == tp.size for s in earlier)
            elif tp.kind in ("brush with collapse", "collapse"):
                lowest = min(s.after[("field", "stability", c)] for s in steps for c in range(len(COUNTRIES)))
                assert tp.size == lowest
            else:
                vps = {row.turn: story.vp(row.board) for row in rows}
                before, after = vps[tp.turn - 1], vps[tp.turn]
                gains = [(after[a] - after[b]) - (before[a] - before[b]) for a in range(5) for b in range(5) if a != b]
                assert 0 < tp.size <= max(gains)
            if tp.behind is not None:
                assert tp.behind.kind in story.MOVE_KINDS and tp.behind.turn == tp.turn
        swings = [tp for tp in points if tp.kind == "lead swing"]
        assert len(swings) <= story.LEAD_SWINGS


def test_a_collapse_is_the_turning_point_and_names_the_step_that_made_it(rules):
    for seed in range(200):
        game = play_out(Game.start(rules, seed, {s: "random" for s in SEATS}))
        if game.state.collapsed is not None:
            break
    else:
        pytest.fail("no random game collapsed in 200 seeds")
    data = report_data(game)
    collapse = [tp for tp in data["turning_points"] if tp["kind"] == "collapse"]
    name = COUNTRIES[game.state.collapsed].capitalize()
    assert len(collapse) == 1 and collapse[0]["text"].startswith(f"{name} collapsed in turn {game.state.turn}")


def test_the_top_five_questions_are_those_whose_cards_mattered_most(games):
    for game in games:
        data = report_data(game)
        qs = data["questions"]
        weights = story.card_weights(game.log, AFTER, game.seats, True)
        assert all(q["weight"] == weights.get(q["card"], 0) for q in qs)
        top = sorted((q for q in qs if q["rank"]), key=lambda q: q["rank"])
        assert len(top) == min(5, len(qs))
        order = sorted(qs, key=lambda q: (not q["turning_point"], -q["weight"]))
        assert [(q["turning_point"], q["weight"]) for q in top] == [(q["turning_point"], q["weight"]) for q in order[:5]]


def test_every_seat_is_checked_against_every_objective_of_its_brief(games):
    for game in games:
        data = report_data(game)
        state = game.state
        for i, seat in enumerate(SEATS):
            objectives = data["summaries"][seat]["objectives"]
            assert [o["text"] for o in objectives] == list(ROLES[seat].wants)
            assert {o["status"] for o in objectives} <= {"met", "partly met", "missed"}
        us = {o["text"]: o["status"] for o in data["summaries"]["usa"]["objectives"]}
        has_base = any(c.bases[USA] for c in state.countries)
        assert us["A military base, or several."] == ("met" if has_base else "missed")
        china_leads = sum(1 for c in state.countries if c.leader() == CHINA)
        assert us["China kept from leading in more than one state."] == ("met" if china_leads <= 1 else "missed")
        russia = {o["text"]: o["status"] for o in data["summaries"]["russia"]["objectives"]}
        incursions = [e for e in game.log if e[0] == "t_incursion" and e[1] == 0]
        assert russia["Keep Tajikistan's Afghan border shut: no incursion."] == ("missed" if incursions else "met")


def test_each_teams_summary_counts_its_decisions_and_points(games):
    game = games[-1]
    data = report_data(game)
    for i, seat in enumerate(SEATS):
        s = data["summaries"][seat]
        mine = [d for t in data["turns"] for d in t["decisions"] if d["seat"] == seat]
        assert s["decisions"] == len(mine)
        assert s["vp"] == game.state.vp[i] and s["breakdown"] == game.state.category_points(i)
        assert [r["reason"] for r in s["rationales"]] == [d["reason"] for d in mine if d["reason"]]
        assert s["played_by"] == f"{fx.TEAMS[seat]} (team)"


def test_a_game_just_begun_or_kept_without_a_log_is_reported_the_same(rules):
    from game.ai import decide

    fresh = Game.start(rules, 5, {s: "ai:easy" for s in SEATS})
    data = report_data(fresh)
    assert data["outcome"]["headline"] == f"In progress: turn 1 of {rules.scenario.turns} is being played."
    assert [row["turn"] for row in data["board"]] == [0, 1] and not data["board"][1]["complete"]
    logged = Game.start(rules, 5, {s: "ai:easy" for s in SEATS})
    unlogged = Game.start(rules, 5, {s: "ai:easy" for s in SEATS}, keep_log=False)
    for i in range(40):
        choice = decide("ai:easy", logged.state, i).choice
        logged.play(choice)
        unlogged.play(choice)
    assert unlogged.log is None
    for viewer in (0, AFTER):
        assert report_data(unlogged, viewer) == report_data(logged, viewer)
    # Mid-game the outcome says how the region stands, not how it ended.
    lines = report_data(logged, 0)["outcome"]["lines"]
    assert any("stands at" in line for line in lines) and not any("ended at" in line for line in lines)
