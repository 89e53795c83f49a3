"""The after-action report of a game: a teaching document for the debrief.

What happened and why: the outcome in words (as the end screen says it), the final scores, charts
of the scores and the tracks, the turning points with the decision behind each, the discussion
questions ranked by how much their cards mattered, each team against its brief's objectives,
the board turn by turn, and every decision with its reason and what it changed.

One data structure (``report_data``) rendered four ways: Markdown to read or print, HTML (one
self-contained file, charts inline), JSON and CSV for analysis. All carry the same facts. The
document is a list of sections (``SECTIONS``): each builds its data (or reads what
``report_data`` gathered) and renders it as Markdown, HTML and CSV rows, so a new section is one
more ``Section`` in that list.

Everything is read as the report's viewer may read it (game.play.observer): during play a seat
or the projector reads no other hand, no other team's rationale, no news plans or notes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import attrs

from game.rules.model import CATEGORIES, CENTRAL_ASIA, COUNTRIES, SEAT_NAMES, SEATS, TRACKS, date_of_turn
from game.rules import moves as M
from game.rules.primitives import HIGH_TENSION
from game.play.observer import AFTER, entry_for, observe
from game.play.seminar import adjust_words
from game.play.session import Game
from game.words import charts, story
from game.words import predictions as predicted
from game.words.html import esc, page, table
from game.words.log import describe, seat_name, tension_penalties
from game.words.objectives import Facts, objectives
from game.words.outcome import headline, outcome_words

DECISIONS = {"play", "op", "ops_end", "target", "option", "answer"}
WHITE_CELL = {"inject": "inject", "hold": "hold", "release": "release", "next": "bring forward",
              "adjust": "adjudication"}
TALIBAN_PREFIX = "t_"
TOP_QUESTIONS = 5


def played_by(data: dict, seat: str) -> str:
    """'Team Moscow (team)' for a seminar team, else the controller."""
    team = data["teams"].get(seat)
    return f"{team} (team)" if team else data["seats"][seat]


# --- the data -------------------------------------------------------------------------------


@attrs.frozen
class Section:
    """One part of the report. ``build(game, viewer, data)`` returns the section's data, stored
    as ``data[key]`` (None: the section reads what report_data gathered, or is left out when its
    data is None); ``markdown(data, ctx)`` gives lines, ``html(data, ctx)`` an HTML fragment, and
    ``csv(data)`` rows in CSV_COLUMNS order. ``ctx`` holds the chart files for Markdown."""

    key: str
    title: str
    markdown: Callable[[dict, dict], list[str]]
    html: Callable[[dict, dict], str]
    build: Callable[[Game, object, dict], object] | None = None
    csv: Callable[[dict], list[tuple]] | None = None


def report_data(game: Game, viewer=AFTER, sections: list[Section] | None = None) -> dict:
    """The game as plain data, as ``viewer`` may read it (``observe``): the whole record for the
    facilitator and after the game; during play, for a seat or the projector, no other hand's
    cards, no other team's rationale, no news plans or notes."""
    game = story.game_with_log(game)
    rules = game.rules
    state = game.state
    over = state.over
    seen = observe(state, viewer)
    cards = rules.cards
    all_steps = story.steps(game, viewer)
    move_steps = {step.start: step for step in all_steps if step.move is not None}
    turns: list[dict] = []
    questions: list[dict] = []
    asked = set()
    current = None
    pending_decision = None
    injected = None  # the card a facilitator's inject is about to fire
    for index, raw in enumerate(game.log):
        entry = entry_for(raw, viewer, game.seats, over)
        if entry is None:
            continue
        kind = entry[0]
        step = move_steps.get(index)
        if kind == "turn":
            current = {"turn": entry[1], "date": date_of_turn(rules.scenario.start, entry[1]),
                       "news": [], "decisions": [], "events": [], "taliban": [], "white_cell": [],
                       "notes": [], "scores": None, "end_of_turn": []}
            turns.append(current)
            continue
        if current is None:
            continue
        if kind == "news":
            card = cards[entry[1]]
            current["news"].append({"card": card.id, "title": card.title, "text": card.text,
                                    "quote": card.source.quote, "source": card.source.seed})
        elif kind == "event":
            card = cards[entry[1]]
            current["events"].append({"card": card.id, "title": card.title,
                                      "for": None if entry[2] is None else SEATS[entry[2]],
                                      "quote": card.source.quote, "source": card.source.seed,
                                      "question": card.question, "injected": injected == card.id})
            injected = None
            if card.id not in asked:
                asked.add(card.id)
                questions.append({"turn": current["turn"], "card": card.id, "title": card.title,
                                  "question": card.question})
        elif kind in DECISIONS and step is not None:
            seat = entry[1] if kind != "answer" else CENTRAL_ASIA
            controller = game.seats[SEATS[seat]]
            pending_decision = {"move": step.move, "seat": SEATS[seat], "team": game.team(seat),
                                "controller": controller, "decision": describe(entry, rules), "reason": None,
                                "reason_by": None, "card": _card_of(game, step),
                                "changes": [c.as_data() for c in step.changes]}
            current["decisions"].append(pending_decision)
        elif kind == "reason" and pending_decision is not None:
            pending_decision["reason"] = entry[2]
            pending_decision["reason_by"] = "team" if pending_decision["controller"] == "human" else "ai"
        elif kind == "note":
            pending_decision = None
            current["notes"].append(entry[2])
        elif kind in WHITE_CELL:
            pending_decision = None
            if kind == "inject":
                injected = entry[1]
            if kind == "adjust":  # the reason goes in its own field, not in the sentence
                _, what, old, new, reason = entry
                text = f"Adjudication: {adjust_words(what)} {old} -> {new}."
            elif kind == "inject":  # so does an inject's (it may have none)
                text, reason = describe(entry[:3] + (None,), rules), entry[3]
            else:
                text, reason = describe(entry, rules), None
            changed = [] if step is None or kind == "adjust" else [c.as_data() for c in step.changes]
            current["white_cell"].append({"kind": WHITE_CELL[kind], "text": text, "reason": reason,
                                          "move": None if step is None else step.move, "changes": changed})
        elif kind.startswith(TALIBAN_PREFIX):
            current["taliban"].append(describe(entry, rules))
    for step in all_steps:  # what the end of each turn changed: the Taliban phase, the upkeep
        if step.kind in (story.TALIBAN, story.UPKEEP) and 0 < step.turn <= len(turns):
            turns[step.turn - 1]["end_of_turn"].append(
                {"phase": step.kind, "changes": [c.as_data() for c in step.changes]})
    for i, vp in enumerate(seen.history):
        if i < len(turns):
            turns[i]["scores"] = dict(zip(SEATS, vp))
    rows = story.turn_rows(all_steps)
    data = {
        "scenario": rules.scenario.id,
        "scenario_title": rules.scenario.title,
        # The seed replays the shuffle: hidden from a seat or the projector until the end.
        "seed": game.seed if seen.everything else None,
        "viewer": _viewer_name(viewer, over),
        "seats": dict(game.seats),
        "teams": {} if game.seminar is None else {s: game.seminar.teams[s] for s in SEATS if s in game.seminar.teams},
        "seminar": None if game.seminar is None else {"turns": rules.scenario.turns,
                                                       "phase_seconds": game.seminar.phase_seconds},
        "parent": game.parent,
        "branched_at": game.branched_at,
        "turns_played": state.turn,
        "over": over,
        "end_reason": state.end_reason,
        "winners": [SEATS[w] for w in state.winners],
        "collapsed": None if state.collapsed is None else COUNTRIES[state.collapsed],
        "outcome": {"headline": headline(seen), "lines": outcome_words(seen)},
        "final": {SEATS[s]: {"vp": seen.vp[s], "breakdown": seen.category_points(s)} for s in range(len(SEATS))},
        "tension_penalties": {SEATS[s]: vp for s, vp in sorted(tension_penalties(_readable(game, viewer)).items())},
        "board": [_row_data(row) for row in rows],
        "turns": turns,
        "questions": questions,
    }
    decisions = {d["move"]: d for t in turns for d in t["decisions"]}
    data["turning_points"] = [_turning_point(game, tp, decisions, viewer, over)
                              for tp in story.turning_points(all_steps, rows)]
    _rank_questions(data, story.card_weights(game.log, viewer, game.seats, over))
    facts = Facts(seen, rows[0].board if rows else story.board_of(seen), tuple(r for r in rows if r.complete),
                  tuple(_readable(game, viewer)))
    data["summaries"] = {SEATS[s]: _summary(data, s, facts, all_steps, decisions) for s in range(len(SEATS))}
    for section in SECTIONS if sections is None else sections:
        if section.build is not None:
            data[section.key] = section.build(game, viewer, data)
    if not seen.everything:
        _hide_move_numbers(data)
    return data


def _hide_move_numbers(data: dict) -> None:
    """A move's number counts the facilitator's moves a seat may not know of (held news,
    notes): during play, a seat's or the projector's report gives none."""
    for t in data["turns"]:
        for item in t["decisions"] + t["white_cell"]:
            item["move"] = None
    for tp in data["turning_points"]:
        if tp["behind"] is not None:
            tp["behind"]["move"] = None


def _readable(game: Game, viewer) -> list:
    """The log entries ``viewer`` may read, as it may read them."""
    return list(observe(game.state, viewer, log=game.log, seats=game.seats).log)


def _viewer_name(viewer, over: bool) -> str:
    """Whose view the report is: a seat's id, 'public', 'facilitator' or, once over, 'after'."""
    if over:
        return AFTER
    return SEATS[viewer] if isinstance(viewer, int) else viewer


def _card_of(game: Game, step: story.Step) -> str | None:
    """The card a decision was about: the card played, or the one whose ops, target, option or
    offer it answers (the nearest card named before it in the log)."""
    choice = game.moves[step.move].choice
    if choice[0] == M.PLAY:
        return choice[1]
    for entry in reversed(game.log[:step.start]):
        if entry[0] == "event":
            return entry[1]
        if entry[0] in ("play", "target"):
            return entry[2]
        if entry[0] == "turn":
            return None
    return None


def _row_data(row: story.TurnRow) -> dict:
    board = row.board
    return {
        "turn": row.turn,
        "complete": row.complete,
        "tracks": {t: board[("track", t)] for t in TRACKS},
        "states": {COUNTRIES[c]: {"stability": board[("field", "stability", c)],
                                  "leader": None if story.leader(board, c) is None else SEATS[story.leader(board, c)]}
                   for c in range(len(COUNTRIES))},
        "vp": {s: board[("vp", i)] for i, s in enumerate(SEATS)},
    }


def _move_data(game: Game, step: story.Step | None, decisions: dict, viewer, over: bool) -> dict | None:
    """A move named in the debrief: its words, who made it, its reason as the viewer may read it."""
    if step is None:
        return None
    d = decisions.get(step.move)
    words = story.step_words(game, step, viewer, over)
    out = {"move": step.move, "turn": step.turn, "kind": step.kind, "decision": words,
           "seat": None if step.seat is None else SEATS[step.seat],
           "team": None if step.seat is None else game.team(step.seat),
           "reason": None, "reason_by": None, "card": _card_of(game, step) if step.kind == story.DECISION else None,
           "changes": [c.text for c in step.changes]}
    if d is not None:
        out.update(reason=d["reason"], reason_by=d["reason_by"])
    return out


def _turning_point(game: Game, tp: story.TurningPoint, decisions: dict, viewer, over: bool) -> dict:
    where = tp.step
    return {"kind": tp.kind, "turn": tp.turn, "text": tp.text,
            "where": story.step_words(game, where, viewer, over) if where.kind not in story.MOVE_KINDS else None,
            "seat": None if tp.seat is None else SEATS[tp.seat],
            "behind": _move_data(game, tp.behind, decisions, viewer, over)}


def _rank_questions(data: dict, weights: dict) -> None:
    """Each question's weight (how much its card changed) and the top five's rank: cards behind
    a turning point first, then by weight, then in the order they came up."""
    behind = {tp["behind"]["card"] for tp in data["turning_points"] if tp["behind"] and tp["behind"]["card"]}
    for q in data["questions"]:
        q["weight"] = weights.get(q["card"], 0)
        q["turning_point"] = q["card"] in behind
        q["rank"] = None
    order = sorted(range(len(data["questions"])),
                   key=lambda i: (not data["questions"][i]["turning_point"], -data["questions"][i]["weight"], i))
    for rank, i in enumerate(order[:TOP_QUESTIONS], 1):
        data["questions"][i]["rank"] = rank


def _summary(data: dict, seat: int, facts: Facts, all_steps: list, decisions: dict) -> dict:
    """A seat's game: who played it, its moves, its rationales, its points and its objectives."""
    sid = SEATS[seat]
    mine = [(t["turn"], d) for t in data["turns"] for d in t["decisions"] if d["seat"] == sid]
    cards = {"event": [], "ops": [], "shelve": []}
    for entry in facts.log:
        if entry[0] == "play" and entry[1] == seat:
            cards[entry[3]].append(facts.seen.rules.cards[entry[2]].title)
    best = None
    for step in all_steps:
        if step.kind == story.DECISION and step.seat == seat and step.stakes and step.move in decisions:
            if best is None or step.stakes[seat] > best.stakes[seat]:
                best = step
    return {
        "seat": sid,
        "played_by": played_by(data, sid),
        "decisions": len(mine),
        "cards": cards,
        "rationales": [{"turn": turn, "decision": d["decision"], "reason": d["reason"]}
                       for turn, d in mine if d["reason"] and d["reason_by"] == "team"],
        "vp": data["final"][sid]["vp"],
        "breakdown": data["final"][sid]["breakdown"],
        "objectives": [attrs.asdict(o) for o in objectives(seat, facts)],
        "best": None if best is None or best.stakes[seat] <= 0 else
        {"turn": best.turn, "decision": decisions[best.move]["decision"], "gain": best.stakes[seat]},
    }


# --- Markdown -------------------------------------------------------------------------------


def _changes_md(changes: list[dict]) -> str:
    return " → " + "; ".join(c["text"] for c in changes) + "." if changes else ""


def _why(decision: dict) -> str:
    if not decision["reason"]:
        return ""
    label = "Team's rationale" if decision["reason_by"] == "team" else "Why"
    return f" *{label}:* {decision['reason']}"


def _who(d: dict) -> str:
    if d.get("team"):
        return f"{d['team']} ({SEAT_NAMES[d['seat']]})"
    return SEAT_NAMES[d["seat"]] if d.get("seat") else "The facilitator"


def outcome_line(data: dict) -> str:
    """The outcome in one sentence, for the report's first lines and the comparison."""
    return data["outcome"]["headline"]


def _md_header(data: dict) -> list[str]:
    out = [f"# After-action report: {data['scenario_title']}", ""]
    seed = "Seed hidden until the game ends" if data["seed"] is None else f"Seed {data['seed']}"
    out.append(f"{seed}. {outcome_line(data)}")
    if data["viewer"] not in ("after", "facilitator"):
        who = "the projected screen" if data["viewer"] == "public" else SEAT_NAMES[data["viewer"]]
        out.append("")
        out.append(f"*As {who} may read it during play: other seats' hands and alternatives, other teams' "
                   "rationales and the facilitator's news plans and notes are left out until the game ends.*")
    out.append("")
    if data["parent"]:
        out.append(f"A what-if branch of {data['parent']}, played differently from turn {data['branched_at']}.")
        out.append("")
    if data["seminar"]:
        minutes = data["seminar"]["phase_seconds"] / 60
        out.append(f"A seminar of {data['seminar']['turns']} turns, {minutes:g} minutes a phase.")
        out.append("")
    return out


def _md_outcome(data: dict, ctx: dict) -> list[str]:
    out = ["## Outcome", "", f"**{data['outcome']['headline']}**", ""]
    out += [f"- {line}" for line in data["outcome"]["lines"]]
    return out + [""]


def _md_scores(data: dict, ctx: dict) -> list[str]:
    out = ["## Final scores", "", "| seat | played by | VP | " + " | ".join(CATEGORIES) + " |",
           "|---|---|---|" + "---|" * len(CATEGORIES)]
    for seat in SEATS:
        final = data["final"][seat]
        cells = " | ".join(str(final["breakdown"][c]) for c in CATEGORIES)
        out.append(f"| {SEAT_NAMES[seat]} | {played_by(data, seat)} | {final['vp']} | {cells} |")
    out.append("")
    if data["tension_penalties"]:
        lost = ", ".join(f"{seat_name(SEATS.index(s))} {vp}" for s, vp in data["tension_penalties"].items())
        out.append(f"Of the diplomacy column, lost for raising Sino-American tension to {HIGH_TENSION} or more: {lost}.")
        out.append("")
    return out


CHART_TITLES = {"vp": "Victory points by seat, turn by turn", "tracks": "The tracks, turn by turn"}


def _md_charts(data: dict, ctx: dict) -> list[str]:
    files = ctx.get("charts") or {}
    if not files:
        return []
    out = ["## Charts", ""]
    for name, path in files.items():
        out += [f"![{CHART_TITLES[name]}]({path})", ""]
    return out


def _md_turning(data: dict, ctx: dict) -> list[str]:
    points = data["turning_points"]
    if not points:
        return []
    out = ["## Turning points", ""]
    for n, tp in enumerate(points, 1):
        out.append(f"{n}. **{tp['text']}**" + (f" It came in {tp['where']}." if tp["where"] else ""))
        b = tp["behind"]
        if b:
            changed = f" It changed: {'; '.join(b['changes'])}." if b["changes"] else ""
            label = "Behind it" if tp["where"] is None or b["kind"] == "white_cell" else "The move of that turn behind it"
            out.append(f"   {label} (turn {b['turn']}): {b['decision']}{changed}{_why(b)}")
    return out + [""]


def _md_questions(data: dict, ctx: dict) -> list[str]:
    qs = data["questions"]
    if not qs:
        return []
    out = ["## Questions for discussion", "",
           "The five whose cards mattered most (cards behind a turning point first, then by how much their "
           "events changed on the board):", ""]
    top = sorted((q for q in qs if q["rank"]), key=lambda q: q["rank"])
    for q in top:
        out.append(f"{q['rank']}. *{q['title']}* (turn {q['turn']}): {q['question']}")
    rest = [q for q in qs if not q["rank"]]
    if rest:
        out += ["", "The others that came up, in the order they did:", ""]
        out += [f"- *{q['title']}* (turn {q['turn']}): {q['question']}" for q in rest]
    return out + [""]


STATUS_MARKS = {"met": "✓ met", "partly met": "~ partly met", "missed": "✗ missed"}


def _md_teams(data: dict, ctx: dict) -> list[str]:
    out = ["## The teams", ""]
    for seat in SEATS:
        s = data["summaries"][seat]
        out += [f"### {SEAT_NAMES[seat]}: {s['played_by']}", ""]
        cards = s["cards"]
        plays = [f"for the event: {', '.join(cards['event'])}" if cards["event"] else "",
                 f"for ops: {', '.join(cards['ops'])}" if cards["ops"] else "",
                 f"shelved: {', '.join(cards['shelve'])}" if cards["shelve"] else ""]
        out.append(f"{s['decisions']} decisions. Cards played " + ("; ".join(p for p in plays if p) or "none") + ".")
        breakdown = ", ".join(f"{c} {v}" for c, v in s["breakdown"].items() if v)
        out.append(f"{s['vp']} VP" + (f" ({breakdown})." if breakdown else "."))
        if s["best"]:
            out.append(f"The move that did most for it: turn {s['best']['turn']}, {s['best']['decision'].rstrip('.')} "
                       f"(+{s['best']['gain']} VP now or at the next upkeep).")
        out += ["", "Objectives from the role brief:", ""]
        out += [f"- {o['text']} **{STATUS_MARKS[o['status']]}**: {o['detail']}." for o in s["objectives"]]
        if s["rationales"]:
            out += ["", "The team's rationales:", ""]
            out += [f"- Turn {r['turn']}, {r['decision']} *{r['reason']}*" for r in s["rationales"]]
        out.append("")
    return out


def _turn_name(row: dict) -> str:
    if row["turn"] == 0:
        return "start"
    return str(row["turn"]) + ("" if row["complete"] else " (so far)")


def _md_board(data: dict, ctx: dict) -> list[str]:
    rows = data["board"]
    if not rows:
        return []
    out = ["## The board, turn by turn", "",
           "As each turn ended, after its upkeep (the start: before the first news). A state's cell is its "
           "stability and who leads there.", ""]
    heads = ["turn"] + [charts.TRACK_LABELS[t] for t in TRACKS] + [c.capitalize() for c in COUNTRIES]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    for row in rows:
        cells = [_turn_name(row)] + [str(row["tracks"][t]) for t in TRACKS]
        cells += [f"{row['states'][c]['stability']} {_lead_word(row['states'][c]['leader'])}" for c in COUNTRIES]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "Victory points:", "", "| turn | " + " | ".join(SEAT_NAMES[s] for s in SEATS) + " |",
            "|---|" + "---|" * len(SEATS)]
    for row in rows:
        out.append(f"| {_turn_name(row)} | " + " | ".join(str(row["vp"][s]) for s in SEATS) + " |")
    return out + [""]


def _lead_word(leader: str | None) -> str:
    return "(no lead)" if leader is None else f"({story.SHORT_SEATS[leader]})"


def _md_timeline(data: dict, ctx: dict) -> list[str]:
    out = []
    for turn in data["turns"]:
        out.append(f"## Turn {turn['turn']}: {turn['date']}")
        out.append("")
        for news in turn["news"]:
            out.append(f"**News: {news['title']}.** {news['text']}")
            out.append("")
            out.append(f"> {news['quote']}")
            out.append(f"> — {news['source']}")
            out.append("")
        if turn["decisions"]:
            out.append("Decisions, and what each changed:")
            out.append("")
            for d in turn["decisions"]:
                out.append(f"- {d['decision']}{_changes_md(d['changes'])}{_why(d)}")
            out.append("")
        if turn["white_cell"]:
            out.append("White cell (the facilitator's interventions):")
            out.append("")
            for w in turn["white_cell"]:
                if w["kind"] == "note":
                    continue
                why = f" *Reason:* {w['reason']}" if w["reason"] else ""
                out.append(f"- {w['text']}{why}{_changes_md(w['changes'])}")
            out.append("")
        if turn["notes"]:
            out.append("Facilitator's notes:")
            out.append("")
            out.extend(f"- {note}" for note in turn["notes"])
            out.append("")
        played = [e for e in turn["events"] if e["for"] is not None or e["injected"]]
        if played:
            out.append("Events played, with their sources:")
            out.append("")
            for e in played:
                how = ", injected by the facilitator" if e["injected"] else ""
                who = f"for {SEAT_NAMES[e['for']]}" if e["for"] else "for the world"
                out.append(f"- **{e['title']}** ({who}{how}): \"{e['quote']}\"")
            out.append("")
        if turn["taliban"]:
            out.append("Taliban phase:")
            out.append("")
            out.extend(f"- {line.removeprefix('Taliban: ')}" for line in turn["taliban"])
            out.append("")
        for end in turn["end_of_turn"]:
            if end["changes"]:
                label = "The Taliban phase changed" if end["phase"] == story.TALIBAN else "The upkeep changed"
                out.append(f"{label}: " + "; ".join(c["text"] for c in end["changes"]) + ".")
                out.append("")
        if turn["scores"]:
            out.append("Scores after upkeep: " + ", ".join(f"{SEAT_NAMES[s]} {v}" for s, v in turn["scores"].items()))
            out.append("")
    return out


def to_markdown(data: dict, charts_files: dict | None = None, sections: list[Section] | None = None) -> str:
    """The report as Markdown; ``charts_files`` maps a chart's name (charts.CHARTS) to the file
    the Markdown links (written beside it by the caller), else no chart is linked."""
    ctx = {"charts": charts_files or {}}
    out = _md_header(data)
    for section in SECTIONS if sections is None else sections:
        if section.build is not None and data.get(section.key) is None:
            continue
        out += section.markdown(data, ctx)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------


def _changes_html(changes: list[dict]) -> str:
    if not changes:
        return ""
    return ' <span class="changes">→ ' + esc("; ".join(c["text"] for c in changes)) + "</span>"


def _why_html(decision: dict) -> str:
    if not decision.get("reason"):
        return ""
    label = "Team's rationale" if decision["reason_by"] == "team" else "Why"
    return f' <span class="why"><b>{label}:</b> {esc(decision["reason"])}</span>'


def _html_header(data: dict) -> str:
    seed = "Seed hidden until the game ends" if data["seed"] is None else f"Seed {data['seed']}"
    out = [f"<header><h1>After-action report: {esc(data['scenario_title'])}</h1>",
           f'<p class="meta">{esc(seed)}.' +
           (f" A seminar of {data['seminar']['turns']} turns, {data['seminar']['phase_seconds'] / 60:g} minutes a phase."
            if data["seminar"] else "") + "</p>"]
    if data["parent"]:
        out.append(f'<p class="meta">A what-if branch of {esc(data["parent"])}, played differently from turn '
                   f'{data["branched_at"]}.</p>')
    if data["viewer"] not in ("after", "facilitator"):
        who = "the projected screen" if data["viewer"] == "public" else SEAT_NAMES[data["viewer"]]
        out.append(f'<p class="note">As {esc(who)} may read it during play: other seats\' hands and alternatives, '
                   "other teams' rationales and the facilitator's news plans and notes are left out until the game "
                   "ends.</p>")
    out.append("</header>")
    return "\n".join(out) + "\n"


def _html_outcome(data: dict, ctx: dict) -> str:
    lines = "".join(f"<li>{esc(line)}</li>" for line in data["outcome"]["lines"])
    return f'<p class="headline">{esc(data["outcome"]["headline"])}</p>\n<ul>{lines}</ul>\n'


def _html_scores(data: dict, ctx: dict) -> str:
    rows = []
    for seat in SEATS:
        final = data["final"][seat]
        swatch = f'<span class="swatch" style="background:{charts.SEAT_COLOURS[seat]}"></span>'
        rows.append([swatch + esc(SEAT_NAMES[seat]), esc(played_by(data, seat)), f'<b>{final["vp"]}</b>']
                    + [str(final["breakdown"][c]) for c in CATEGORIES])
    out = table(["seat", "played by", "VP"] + list(CATEGORIES), rows, "scores", raw=True)
    if data["tension_penalties"]:
        lost = ", ".join(f"{seat_name(SEATS.index(s))} {vp}" for s, vp in data["tension_penalties"].items())
        out += (f"<p>Of the diplomacy column, lost for raising Sino-American tension to {HIGH_TENSION} or more: "
                f"{esc(lost)}.</p>\n")
    return out


def _html_charts(data: dict, ctx: dict) -> str:
    if not data["board"]:
        return ""
    out = []
    for name, draw in charts.CHARTS.items():
        out.append(f"<figure>\n{draw(data)}<figcaption>{esc(CHART_TITLES[name])}: the start, then each turn as it "
                   "ended (after its upkeep); * marks a turn not ended (in progress, or a collapse).</figcaption></figure>")
    return "\n".join(out) + "\n"


def _html_turning(data: dict, ctx: dict) -> str:
    points = data["turning_points"]
    if not points:
        return "<p>No turning points: nothing moved.</p>\n"
    items = []
    for tp in points:
        where = f" It came in {esc(tp['where'])}." if tp["where"] else ""
        item = f"<li><b>{esc(tp['text'])}</b>{where}"
        b = tp["behind"]
        if b:
            label = "Behind it" if tp["where"] is None or b["kind"] == "white_cell" else "The move of that turn behind it"
            changed = (f' <span class="changes">It changed: {esc("; ".join(b["changes"]))}.</span>'
                       if b["changes"] else "")
            item += f'<div class="behind">{label} (turn {b["turn"]}): {esc(b["decision"])}{changed}{_why_html(b)}</div>'
        items.append(item + "</li>")
    return '<ol class="points">' + "\n".join(items) + "</ol>\n"


def _html_questions(data: dict, ctx: dict) -> str:
    qs = data["questions"]
    if not qs:
        return "<p>No card's event was played.</p>\n"
    top = sorted((q for q in qs if q["rank"]), key=lambda q: q["rank"])
    out = ["<p>The five whose cards mattered most (cards behind a turning point first, then by how much their "
           "events changed on the board):</p>", '<ol class="questions">']
    out += [f"<li><i>{esc(q['title'])}</i> (turn {q['turn']}): {esc(q['question'])}</li>" for q in top]
    out.append("</ol>")
    rest = [q for q in qs if not q["rank"]]
    if rest:
        out.append("<h3>The others that came up</h3><ul>")
        out += [f"<li><i>{esc(q['title'])}</i> (turn {q['turn']}): {esc(q['question'])}</li>" for q in rest]
        out.append("</ul>")
    return "\n".join(out) + "\n"


STATUS_CLASS = {"met": "met", "partly met": "partly", "missed": "missed"}


def _html_teams(data: dict, ctx: dict) -> str:
    out = ['<div class="teams">']
    for seat in SEATS:
        s = data["summaries"][seat]
        swatch = f'<span class="swatch" style="background:{charts.SEAT_COLOURS[seat]}"></span>'
        cards = s["cards"]
        plays = [f"for the event: {', '.join(cards['event'])}" if cards["event"] else "",
                 f"for ops: {', '.join(cards['ops'])}" if cards["ops"] else "",
                 f"shelved: {', '.join(cards['shelve'])}" if cards["shelve"] else ""]
        breakdown = ", ".join(f"{c} {v}" for c, v in s["breakdown"].items() if v)
        part = [f'<section class="team" id="team-{seat}"><h3>{swatch}{esc(SEAT_NAMES[seat])}: {esc(s["played_by"])}</h3>',
                f"<p><b>{s['vp']} VP</b>" + (f" ({esc(breakdown)})" if breakdown else "") +
                f"; {s['decisions']} decisions. Cards played " + esc("; ".join(p for p in plays if p) or "none") + ".</p>"]
        if s["best"]:
            part.append(f"<p>The move that did most for it: turn {s['best']['turn']}, {esc(s['best']['decision'].rstrip('.'))} "
                        f"(+{s['best']['gain']} VP now or at the next upkeep).</p>")
        rows = [[esc(o["text"]), f'<span class="status {STATUS_CLASS[o["status"]]}">{esc(STATUS_MARKS[o["status"]])}</span>',
                 esc(o["detail"])] for o in s["objectives"]]
        part.append(table(["objective (role brief)", "", "at the end"], rows, "objectives", raw=True))
        if s["rationales"]:
            part.append("<p>The team's rationales:</p><ul>" + "".join(
                f"<li>Turn {r['turn']}, {esc(r['decision'])} <span class=\"why\">{esc(r['reason'])}</span></li>"
                for r in s["rationales"]) + "</ul>")
        out.append("\n".join(part) + "</section>")
    out.append("</div>")
    return "\n".join(out) + "\n"


def _html_board(data: dict, ctx: dict) -> str:
    rows = data["board"]
    if not rows:
        return ""
    heads = ["turn"] + [charts.TRACK_LABELS[t] for t in TRACKS] + [c.capitalize() for c in COUNTRIES]
    body = []
    for row in rows:
        cells = [esc(_turn_name(row))] + [str(row["tracks"][t]) for t in TRACKS]
        for c in COUNTRIES:
            st = row["states"][c]
            lead = st["leader"]
            colour = charts.SEAT_COLOURS.get(lead, "#888888") if lead else "#bbbbbb"
            cells.append(f'{st["stability"]} <span class="swatch" style="background:{colour}"></span>'
                         f'{esc(story.SHORT_SEATS[lead]) if lead else "no lead"}')
        body.append(cells)
    out = ["<p>As each turn ended, after its upkeep (the start: before the first news). A state's cell is its "
           "stability and who leads there.</p>", table(heads, body, "board wide", raw=True)]
    vp_rows = [[esc(_turn_name(row))] + [str(row["vp"][s]) for s in SEATS] for row in rows]
    out.append(table(["turn"] + [SEAT_NAMES[s] for s in SEATS], vp_rows, "board"))
    return "\n".join(out)


def _html_timeline(data: dict, ctx: dict) -> str:
    out = []
    for turn in data["turns"]:
        part = [f'<section class="turn" id="turn-{turn["turn"]}"><h3>Turn {turn["turn"]}: {esc(turn["date"])}</h3>']
        for news in turn["news"]:
            part.append(f"<p><b>News: {esc(news['title'])}.</b> {esc(news['text'])}</p>"
                        f"<blockquote>{esc(news['quote'])}<br>— {esc(news['source'])}</blockquote>")
        if turn["decisions"]:
            part.append("<p>Decisions, and what each changed:</p><ul>")
            part += [f"<li>{esc(d['decision'])}{_changes_html(d['changes'])}{_why_html(d)}</li>"
                     for d in turn["decisions"]]
            part.append("</ul>")
        acts = [w for w in turn["white_cell"] if w["kind"] != "note"]
        if acts:
            part.append('<p>White cell (the facilitator\'s interventions):</p><ul class="white-cell">')
            for w in acts:
                why = f' <span class="why"><b>Reason:</b> {esc(w["reason"])}</span>' if w["reason"] else ""
                part.append(f"<li>{esc(w['text'])}{why}{_changes_html(w['changes'])}</li>")
            part.append("</ul>")
        if turn["notes"]:
            part.append("<p>Facilitator's notes:</p><ul>" + "".join(f"<li>{esc(n)}</li>" for n in turn["notes"]) + "</ul>")
        played = [e for e in turn["events"] if e["for"] is not None or e["injected"]]
        if played:
            part.append("<p>Events played, with their sources:</p><ul>")
            for e in played:
                how = ", injected by the facilitator" if e["injected"] else ""
                who = f"for {SEAT_NAMES[e['for']]}" if e["for"] else "for the world"
                part.append(f"<li><b>{esc(e['title'])}</b> ({esc(who + how)}): “{esc(e['quote'])}”</li>")
            part.append("</ul>")
        if turn["taliban"]:
            part.append("<p>Taliban phase:</p><ul>" + "".join(
                f"<li>{esc(line.removeprefix('Taliban: '))}</li>" for line in turn["taliban"]) + "</ul>")
        for end in turn["end_of_turn"]:
            if end["changes"]:
                label = "The Taliban phase changed" if end["phase"] == story.TALIBAN else "The upkeep changed"
                part.append(f'<p>{label}: <span class="changes">{esc("; ".join(c["text"] for c in end["changes"]))}.</span></p>')
        if turn["scores"]:
            part.append("<p>Scores after upkeep: " + esc(", ".join(f"{SEAT_NAMES[s]} {v}" for s, v in turn["scores"].items()))
                        + "</p>")
        out.append("\n".join(part) + "</section>")
    return "\n".join(out) + "\n"


def to_html(data: dict, sections: list[Section] | None = None) -> str:
    """The report as one self-contained HTML page: inline charts and style, prints cleanly."""
    chosen = [s for s in (SECTIONS if sections is None else sections)
              if not (s.build is not None and data.get(s.key) is None)]
    body = [_html_header(data)]
    toc = "".join(f'<a href="#{s.key}">{esc(s.title)}</a>' for s in chosen)
    body.append(f'<nav class="toc">{toc}</nav>')
    for s in chosen:
        inner = s.html(data, {})
        if inner:
            body.append(f'<section id="{s.key}"><h2>{esc(s.title)}</h2>\n{inner}</section>')
    return page(f"After-action report: {data['scenario_title']}", "\n".join(body) + "\n")


# --- JSON and CSV ---------------------------------------------------------------------------


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("turn", "date", "kind", "seat", "controller", "text", "reason", "quote", "source", "changes", "rank")


def _changes_csv(changes: list[dict]) -> str:
    return "; ".join(c["text"] for c in changes)


def _csv_timeline(data: dict) -> list[tuple]:
    rows = []
    for t in data["turns"]:
        base = (t["turn"], t["date"])
        for n in t["news"]:
            rows.append(base + ("news", "", "", f"{n['title']}. {n['text']}", "", n["quote"], n["source"], "", ""))
        for d in t["decisions"]:
            who = f"{d['team']} (team)" if d["team"] else d["controller"]
            rows.append(base + ("decision", d["seat"], who, d["decision"], d["reason"] or "", "", "",
                                _changes_csv(d["changes"]), ""))
        for e in t["events"]:
            kind = "injected event" if e["injected"] else "event"
            rows.append(base + (kind, e["for"] or "", "", e["title"], "", e["quote"], e["source"], "", ""))
        for w in t["white_cell"]:
            if w["kind"] == "note":
                continue
            rows.append(base + (w["kind"], "", "facilitator", w["text"], w["reason"] or "", "", "",
                                _changes_csv(w["changes"]), ""))
        for note in t["notes"]:
            rows.append(base + ("note", "", "facilitator", note, "", "", "", "", ""))
        for line in t["taliban"]:
            rows.append(base + ("taliban", "", "", line, "", "", "", "", ""))
        for end in t["end_of_turn"]:
            if end["changes"]:
                rows.append(base + (f"{end['phase']} changes", "", "", "", "", "", "", _changes_csv(end["changes"]), ""))
    return rows


def _csv_scores(data: dict) -> list[tuple]:
    rows = []
    for seat in SEATS:
        final = data["final"][seat]
        parts = "; ".join(f"{c} {v}" for c, v in final["breakdown"].items())
        rows.append(("", "", "final", seat, played_by(data, seat), f"{final['vp']} VP ({parts})", "", "", "", "", ""))
    return rows


def _csv_board(data: dict) -> list[tuple]:
    rows = []
    for row in data["board"]:
        tracks = "; ".join(f"{t} {row['tracks'][t]}" for t in TRACKS)
        states = "; ".join(f"{c} {s['stability']} ({s['leader'] or 'no lead'})" for c, s in row["states"].items())
        vps = "; ".join(f"{s} {v}" for s, v in row["vp"].items())
        rows.append((row["turn"], "", "board" if row["complete"] else "board so far", "", "",
                     f"{tracks}; {states}; VP {vps}", "", "", "", "", ""))
    return rows


def _csv_turning(data: dict) -> list[tuple]:
    rows = []
    for tp in data["turning_points"]:
        b = tp["behind"] or {}
        rows.append((tp["turn"], "", f"turning point: {tp['kind']}", tp["seat"] or "", "", tp["text"],
                     b.get("decision", "") + (f" ({b['reason']})" if b.get("reason") else ""), "", "",
                     "; ".join(b.get("changes", [])), ""))
    return rows


def _csv_questions(data: dict) -> list[tuple]:
    return [(q["turn"], "", "question", "", "", f"{q['title']}: {q['question']}", "", "", "", f"weight {q['weight']}",
             q["rank"] or "") for q in data["questions"]]


def _csv_teams(data: dict) -> list[tuple]:
    rows = []
    for seat in SEATS:
        for o in data["summaries"][seat]["objectives"]:
            rows.append(("", "", "objective", seat, played_by(data, seat), o["text"], f"{o['status']}: {o['detail']}",
                         "", "", "", ""))
    return rows


def to_csv(data: dict, sections: list[Section] | None = None) -> str:
    """One row per news card, decision (with what it changed), event, Taliban step,
    intervention and note; per turn's board; per turning point, question and objective; and
    one per seat's final score."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in SECTIONS if sections is None else sections:
        if section.csv is None or (section.build is not None and data.get(section.key) is None):
            continue
        for row in section.csv(data):
            writer.writerow(row)
    return buf.getvalue()


# --- the sections, in the order the report reads --------------------------------------------
# To add one (the predictions, say): a Section whose ``build`` returns its data from the game,
# placed in this list where it should read. Markdown, HTML, JSON and CSV all follow the list.

SECTIONS: list[Section] = [
    Section("outcome", "Outcome", _md_outcome, _html_outcome),
    Section("scores", "Final scores", _md_scores, _html_scores, csv=_csv_scores),
    Section("charts", "Charts", _md_charts, _html_charts),
    Section("turning_points", "Turning points", _md_turning, _html_turning, csv=_csv_turning),
    Section("predictions", "Predictions", lambda data, ctx: predicted.markdown(data["predictions"]),
            lambda data, ctx: predicted.html(data["predictions"]),
            build=lambda game, viewer, data: predicted.section(game, viewer, only_if_any=True),
            csv=lambda data: [row + ("", "") for row in predicted.csv_rows(data["predictions"])]),
    Section("questions", "Questions for discussion", _md_questions, _html_questions, csv=_csv_questions),
    Section("summaries", "The teams", _md_teams, _html_teams, csv=_csv_teams),
    Section("board", "The board, turn by turn", _md_board, _html_board, csv=_csv_board),
    Section("turns", "Turn by turn", _md_timeline, _html_timeline, csv=_csv_timeline),
]


MAX_NAME_BYTES = 255  # a file name's limit on the usual file systems


def chart_files(stem: str) -> dict[str, str]:
    """{chart name: file name} for the charts of a report written as ``stem``.md:
    STEM-vp.svg and STEM-tracks.svg, the stem cut short where that would pass the file system's
    limit on a name."""
    longest = max(len(f"-{name}.svg") for name in charts.CHARTS)
    room = MAX_NAME_BYTES - longest
    while len(stem.encode("utf-8")) > room:
        stem = stem[:-1]
    return {name: f"{stem}-{name}.svg" for name in charts.CHARTS}


def to_markdown_with_charts(data: dict, stem: str) -> tuple[str, dict[str, str]]:
    """(the Markdown linking its charts, {file name: SVG text}) for a report written as
    ``stem``.md: the charts go beside it as ``stem``-vp.svg and ``stem``-tracks.svg."""
    if not data["board"]:
        return to_markdown(data), {}
    files = chart_files(stem)
    svgs = {files[name]: draw(data) for name, draw in charts.CHARTS.items()}
    return to_markdown(data, files), svgs


FORMATS = {"md": to_markdown, "html": to_html, "json": to_json, "csv": to_csv}


def render(game: Game, fmt: str, viewer=AFTER) -> str:
    return FORMATS[fmt](report_data(game, viewer))
