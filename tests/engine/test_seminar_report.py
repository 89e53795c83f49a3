"""The after-action report of a seminar, read from a fixed save kept in tests/: every team's
rationale, the White Cell's interventions with their reasons, the notes and the questions, the
same facts in Markdown, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from game.clients.cli import main
from game.rules.model import SEAT_NAMES, SEATS
from game.words.charts import CHARTS
from game.words.report import report_data, to_csv, to_html, to_json, to_markdown
from game.play.save import load_game, save_game
from tests.engine import seminar_fixture as fx

UPDATE = os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")


@pytest.fixture(scope="module")
def game(rules):
    if UPDATE:
        save_game(fx.seminar_game(rules), fx.FIXTURE)
    return load_game(fx.FIXTURE)


@pytest.fixture(scope="module")
def data(game):
    return report_data(game)


def test_the_fixed_save_is_the_seminar_it_claims_to_be(game, rules):
    # The checked-in file replays to the same game the fixture's script plays today.
    again = fx.seminar_game(rules)
    assert [m.choice for m in game.moves] == [m.choice for m in again.moves]
    assert game.state == again.state
    assert game.seminar.teams == fx.TEAMS and game.rules.scenario.turns == 3
    assert game.over and game.state.turn == 3


def test_markdown_names_the_teams_and_keeps_their_rationales(data):
    md = to_markdown(data)
    assert "A seminar of 3 turns, 7 minutes a phase." in md
    for seat, team in fx.TEAMS.items():
        assert f"| {SEAT_NAMES[seat]} | {team} (team) |" in md
        assert f"*Team's rationale:* {fx.RATIONALES[seat]}" in md


def test_markdown_shows_the_white_cell_in_the_turn_it_acted(data, game):
    md = to_markdown(data)
    _, what, old, new, _reason = next(e for e in game.log if e[0] == "adjust")
    assert what == "tension" and new == old + 1
    turn2 = md[md.index("## Turn 2:"):md.index("## Turn 3:")]
    assert "- Facilitator injects Fears come true." in turn2
    assert "- Facilitator holds back the news card Taliban ultimatum." in turn2
    assert (f"- Adjudication: Sino-American tension {old} -> {new}. *Reason:* {fx.ADJUDICATION_REASON}") in turn2
    assert "(for the world, injected by the facilitator)" in turn2
    turn1 = md[md.index("## Turn 1:"):md.index("## Turn 2:")]
    assert f"Facilitator's notes:\n\n- {fx.NOTE_1}" in turn1
    assert fx.NOTE_3 in md[md.index("## Turn 3:"):]
    # The held card never arrived: turn 3's news came from the deck instead.
    assert "**News: Taliban ultimatum.**" not in md


def test_every_decision_is_reported_once_with_who_gave_the_reason(game, data):
    decisions = [d for t in data["turns"] for d in t["decisions"]]
    played = [m for m in game.moves if m.choice[0] not in ("inject", "hold", "adjust", "note")]
    assert len(decisions) == len(played)
    assert [d["reason"] for d in decisions] == [m.reason for m in played]
    assert {d["reason_by"] for d in decisions if d["reason"]} == {"team"}
    assert all(d["team"] == fx.TEAMS[d["seat"]] for d in decisions)


def test_json_and_csv_carry_the_same_interventions_and_notes(data):
    assert json.loads(to_json(data)) == json.loads(json.dumps(data))
    rows = list(csv.DictReader(io.StringIO(to_csv(data))))
    cell = [(t["turn"], w["kind"], w["text"], w["reason"] or "") for t in data["turns"] for w in t["white_cell"]]
    assert cell == [(int(r["turn"]), r["kind"], r["text"], r["reason"]) for r in rows
                    if r["kind"] in ("inject", "hold", "release", "bring forward", "adjudication")]
    assert [k for _, k, _, _ in cell] == ["inject", "hold", "adjudication"]
    notes = [(int(r["turn"]), r["text"]) for r in rows if r["kind"] == "note"]
    assert notes == [(1, fx.NOTE_1), (3, fx.NOTE_3)]
    injected = [r for r in rows if r["kind"] == "injected event"]
    assert [r["text"] for r in injected] == ["Fears come true"] and injected[0]["quote"]
    finals = {r["seat"]: r["controller"] for r in rows if r["kind"] == "final"}
    assert finals == {s: f"{fx.TEAMS[s]} (team)" for s in SEATS}


def test_the_questions_that_came_up_include_the_injected_card(game, data):
    titles = [q["title"] for q in data["questions"]]
    assert "Fears come true" in titles
    assert game.rules.cards["fears-come-true"].question in to_markdown(data)


def test_greatgame_report_writes_all_four_formats_of_the_fixed_save(tmp_path, data):
    for fmt in ("html", "json", "csv"):
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(fx.FIXTURE), "--format", fmt, "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == {"html": to_html, "json": to_json, "csv": to_csv}[fmt](data)
    # The Markdown links its two charts, written beside it.
    out = tmp_path / "report.md"
    assert main(["report", str(fx.FIXTURE), "-o", str(out)]) == 0
    files = {"vp": "report-vp.svg", "tracks": "report-tracks.svg"}
    assert out.read_text(encoding="utf-8") == to_markdown(data, files)
    for name, file in files.items():
        assert f"]({file})" in out.read_text(encoding="utf-8")
        assert (tmp_path / file).read_text(encoding="utf-8") == CHARTS[name](data)
