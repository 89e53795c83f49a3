"""The after-action report: three formats, the same facts."""

import csv
import io
import json

import pytest

from game.rules.loader import SEEDS_DIR
from game.rules.model import SEATS
from game.words.report import report_data, to_csv, to_json, to_markdown
from game.play.session import Game
from game.clients.sim import play_out


@pytest.fixture(scope="module")
def game(rules):
    return play_out(Game.start(rules, 21, {s: "ai:easy" for s in SEATS}))


def test_every_turn_and_every_decision_is_reported(game):
    data = report_data(game)
    assert [t["turn"] for t in data["turns"]] == list(range(1, game.state.turn + 1))
    decisions = sum(len(t["decisions"]) for t in data["turns"])
    assert decisions == len(game.moves)
    reasons = [d["reason"] for t in data["turns"] for d in t["decisions"]]
    assert reasons == [m.reason for m in game.moves]


def test_final_scores_and_breakdown_match_the_game(game):
    data = report_data(game)
    for i, seat in enumerate(SEATS):
        assert data["final"][seat]["vp"] == game.state.vp[i]
        assert sum(data["final"][seat]["breakdown"].values()) == game.state.vp[i] - game.rules.scenario.vp[i]


def test_every_event_quote_is_in_the_article(game):
    article = (SEEDS_DIR / "who-will-defend-central-asia.txt").read_text(encoding="utf-8")
    data = report_data(game)
    quotes = [e["quote"] for t in data["turns"] for e in t["events"] + t["news"]]
    assert quotes and all(q in article for q in quotes)


def test_markdown_json_and_csv_carry_the_same_decisions(game):
    data = report_data(game)
    md = to_markdown(data)
    rows = list(csv.DictReader(io.StringIO(to_csv(data))))
    assert json.loads(to_json(data)) == json.loads(json.dumps(data))
    decisions = [d for t in data["turns"] for d in t["decisions"]]
    csv_decisions = [r for r in rows if r["kind"] == "decision"]
    assert [r["text"] for r in csv_decisions] == [d["decision"] for d in decisions]
    assert [r["reason"] for r in csv_decisions] == [d["reason"] or "" for d in decisions]
    for d in decisions:
        assert d["decision"] in md
    for q in data["questions"]:
        assert q["question"] in md
    finals = {r["seat"]: r["text"] for r in rows if r["kind"] == "final"}
    assert set(finals) == set(SEATS)
    assert all(finals[s].startswith(f"{data['final'][s]['vp']} VP") for s in SEATS)


def test_a_collapse_is_reported_as_everyones_defeat(rules):
    for seed in range(200):
        game = play_out(Game.start(rules, seed, {s: "random" for s in SEATS}))
        if game.state.collapsed is not None:
            break
    else:
        pytest.fail("no random game collapsed in 200 seeds")
    data = report_data(game)
    assert data["winners"] == [] and data["end_reason"] == "collapse"
    md = to_markdown(data)
    # In the end screen's words (game.words.outcome): the state by name, and everyone's defeat.
    assert f"{data['collapsed'].capitalize()} collapsed: its government fell" in md
    assert "Nobody won: every seat lost with the region." in md
