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
from game.clients.sim import play_out
from game.play.session import Game
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


# --- the story the report tells ---------------------------------------------------------------


def test_the_outcome_is_said_as_the_end_screen_says_it(game, data):
    from game.words.outcome import headline, outcome_words

    md = to_markdown(data)
    assert data["outcome"] == {"headline": headline(game.state), "lines": outcome_words(game.state)}
    assert md.split("\n")[2].endswith(headline(game.state))
    section = md[md.index("## Outcome"):md.index("## Final scores")]
    assert all(f"- {line}" in section for line in outcome_words(game.state))


def test_the_board_table_follows_the_game_turn_by_turn(game, data):
    from game.play.observer import observe
    from game.words import story

    ends = [row for row in data["board"] if row["turn"] > 0]
    assert [row["vp"] for row in ends] == [dict(zip(SEATS, vp)) for vp in game.state.history]
    last = data["board"][-1]
    assert last["tracks"] == {t: game.state.track(t) for t in last["tracks"]}
    seen = observe(game.state, "after")
    for i, c in enumerate(seen.countries):
        name = c.name
        assert last["states"][name]["stability"] == c.stability
        assert last["states"][name]["leader"] == (None if c.leader() is None else SEATS[c.leader()])
    md = to_markdown(data)
    table = md[md.index("## The board, turn by turn"):md.index("## Turn 1:")]
    row = next(line for line in table.splitlines() if line.startswith("| 3 |"))
    assert row.startswith("| 3 | " + " | ".join(str(last["tracks"][t]) for t in story.TRACKS))


def test_every_decision_says_what_it_changed_and_the_facilitators_inject_too(data):
    md = to_markdown(data)
    turn2 = md[md.index("## Turn 2:"):md.index("## Turn 3:")]
    inject = next(w for t in data["turns"] for w in t["white_cell"] if w["kind"] == "inject")
    assert inject["changes"] and f"- Facilitator injects Fears come true. → {inject['changes'][0]['text']}" in turn2
    changed = [d for t in data["turns"] for d in t["decisions"] if d["changes"]]
    assert changed
    for d in changed:
        assert f"- {d['decision']} → " + "; ".join(c["text"] for c in d["changes"]) + "." in md


def test_the_turning_points_name_the_decision_behind_them(data):
    points = data["turning_points"]
    kinds = [tp["kind"] for tp in points]
    assert "brush with collapse" in kinds and "lead swing" in kinds
    swing = next(tp for tp in points if tp["kind"] == "lead swing" and tp["behind"])
    behind = swing["behind"]
    # The move named is a decision of the game, with what it changed and its team's rationale.
    decision = next(d for t in data["turns"] for d in t["decisions"] if d["move"] == behind["move"])
    assert behind["decision"] == decision["decision"] and behind["reason"] == decision["reason"]
    md = to_markdown(data)
    assert f"**{swing['text']}**" in md and behind["decision"] in md[md.index("## Turning points"):]


@pytest.fixture(scope="module")
def limit_data(rules):
    """The report of the first easy game (by seed) in which a decision pushes a track to its
    limit: the seminar fixture's three turns may have none."""
    for seed in range(1, 80):
        data = report_data(play_out(Game.start(rules, seed, {s: "ai:easy" for s in SEATS})))
        if any(tp["kind"] == "track limit" and tp["behind"] and tp["behind"]["kind"] != "white_cell"
               for tp in data["turning_points"]):
            return data
    pytest.fail("no easy game of seeds 1-79 has a decision push a track to its limit")


def test_a_track_pushed_to_its_limit_names_the_decision_that_did_it(limit_data):
    limit = next(tp for tp in limit_data["turning_points"] if tp["kind"] == "track limit" and tp["behind"])
    behind = limit["behind"]
    decision = next(d for t in limit_data["turns"] for d in t["decisions"] if d["move"] == behind["move"])
    assert behind["decision"] == decision["decision"]
    assert any("→ 10" in c or "→ 0" in c for c in behind["changes"])
    md = to_markdown(limit_data)
    assert f"**{limit['text']}**" in md and behind["decision"] in md[md.index("## Turning points"):]


def test_the_teams_are_summarised_against_their_briefs(data):
    md = to_markdown(data)
    teams = md[md.index("## The teams"):md.index("## The board")]
    for seat, team in fx.TEAMS.items():
        assert f"### {SEAT_NAMES[seat]}: {team} (team)" in teams
        assert fx.RATIONALES[seat] in teams
        for o in data["summaries"][seat]["objectives"]:
            assert o["text"] in teams


def _charts(html: str) -> dict:
    """{chart id: (scale, {series: (values, points)})} read back from the HTML's SVG."""
    import re

    out = {}
    for svg in re.findall(r"<svg .*?</svg>", html, re.S):
        cid = re.search(r'id="([^"]+)"', svg).group(1)
        scale = {k: float(v) for k, v in re.findall(r'data-(ymin|ymax|top|bottom)="([-\d.]+)"', svg)}
        series = {}
        for key, values, body in re.findall(r'<g class="series" data-series="([^"]+)" data-values="([^"]*)">(.*?)</g>',
                                            svg, re.S):
            points = re.search(r'points="([^"]+)"', body).group(1)
            series[key] = ([int(v) for v in values.split(",")], [float(p.split(",")[1]) for p in points.split()])
        out[cid] = (scale, series)
    return out


def test_the_html_report_is_one_page_with_charts_that_match_the_game(game, data):
    html = to_html(data)
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "<script" not in html and "src=" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    for section in ("outcome", "scores", "charts", "turning_points", "questions", "summaries", "board", "turns"):
        assert f'<section id="{section}">' in html
    assert data["outcome"]["headline"] in html
    for team in fx.TEAMS.values():
        assert team in html
    charts = _charts(html)
    assert set(charts) == {"vp-chart", "tracks-chart"}
    scale, series = charts["vp-chart"]
    expected = [[0] * 5] + [list(vp) for vp in game.state.history]
    assert {s: values for s, (values, _) in series.items()} == {s: [row[i] for row in expected]
                                                                for i, s in enumerate(SEATS)}
    scale, tracks = charts["tracks-chart"]
    assert tracks["tension"][0][-1] == game.state.track("tension")
    for _, (scale, lines) in charts.items():
        for values, ys in lines.values():
            # The points drawn are the values, on the chart's own scale.
            back = [scale["ymax"] - (y - scale["top"]) * (scale["ymax"] - scale["ymin"]) / (scale["bottom"] - scale["top"])
                    for y in ys]
            assert [round(b) for b in back] == values and all(abs(b - v) < 0.05 for b, v in zip(back, values))


def test_csv_carries_the_board_the_turning_points_and_the_objectives(data):
    rows = list(csv.DictReader(io.StringIO(to_csv(data))))
    boards = [r for r in rows if r["kind"] == "board"]
    assert [int(r["turn"]) for r in boards] == [row["turn"] for row in data["board"]]
    points = [r for r in rows if r["kind"].startswith("turning point")]
    assert [r["text"] for r in points] == [tp["text"] for tp in data["turning_points"]]
    objectives = [r for r in rows if r["kind"] == "objective"]
    assert len(objectives) == sum(len(data["summaries"][s]["objectives"]) for s in SEATS)
    questions = [r for r in rows if r["kind"] == "question"]
    assert sorted(int(r["rank"]) for r in questions if r["rank"]) == [1, 2, 3, 4, 5]
    decisions = [r for r in rows if r["kind"] == "decision"]
    assert [r["changes"] for r in decisions] == ["; ".join(c["text"] for c in d["changes"])
                                                 for t in data["turns"] for d in t["decisions"]]


def test_a_new_section_is_one_more_entry_in_the_list(game):
    """The hook another part of the debrief (the predictions) uses: a Section whose build reads
    the game and the report data gathered so far."""
    from game.words.report import SECTIONS, Section

    extra = Section("tally", "A tally", lambda d, ctx: ["## A tally", "", f"{d['tally']['n']} questions", ""],
                    lambda d, ctx: f"<p>{d['tally']['n']} questions</p>",
                    build=lambda g, viewer, d: {"n": len(d["questions"])},
                    csv=lambda d: [("", "", "tally", "", "", str(d["tally"]["n"]), "", "", "", "", "")])
    sections = SECTIONS[:5] + [extra] + SECTIONS[5:]
    data = report_data(game, sections=sections)
    n = len(data["questions"])
    assert data["tally"] == {"n": n}
    md = to_markdown(data, sections=sections)
    assert md.index("## A tally") < md.index("## The teams")
    assert f'<section id="tally"><h2>A tally</h2>\n<p>{n} questions</p>' in to_html(data, sections=sections)
    assert any(r["kind"] == "tally" for r in csv.DictReader(io.StringIO(to_csv(data, sections=sections))))
    assert "tally" not in report_data(game)  # the shipped list is left as it was
