"""The after-action report of a game: what happened, who decided what and why, and where every
event comes from in the article.

One data structure (``report_data``) rendered three ways: Markdown to read or print, JSON and
CSV for analysis. All three carry the same facts.
"""

from __future__ import annotations

import csv
import io
import json

from game.words import predictions as predicted
from game.words.log import describe, seat_name, tension_penalties
from game.rules.model import CATEGORIES, CENTRAL_ASIA, COUNTRIES, SEAT_NAMES, SEATS, date_of_turn
from game.rules.primitives import HIGH_TENSION
from game.play.seminar import adjust_words
from game.play.session import Game
from game.play.observer import AFTER, observe

DECISIONS = {"play", "op", "ops_end", "target", "option", "answer"}
WHITE_CELL = {"inject": "inject", "hold": "hold", "release": "release", "next": "bring forward",
              "adjust": "adjudication"}
TALIBAN_PREFIX = "t_"


def played_by(data: dict, seat: str) -> str:
    """'Team Moscow (human)' for a seminar team, else the controller."""
    team = data["teams"].get(seat)
    return f"{team} (team)" if team else data["seats"][seat]


def report_data(game: Game, viewer=AFTER) -> dict:
    """The game turn by turn, as plain data, as ``viewer`` may read it (``observe``): the
    whole record for the facilitator and after the game; during play, for a seat or the
    projector, no other hand's cards, no other team's rationale, no news plans or notes."""
    rules = game.rules
    state = game.state
    seen = observe(state, viewer, log=game.log if game.log is not None else [], seats=game.seats)
    cards = rules.cards
    turns: list[dict] = []
    questions: list[dict] = []
    asked = set()
    current = None
    pending_decision = None
    injected = None  # the card a facilitator's inject is about to fire
    for entry in seen.log:
        kind = entry[0]
        if kind == "turn":
            current = {"turn": entry[1], "date": date_of_turn(rules.scenario.start, entry[1]),
                       "news": [], "decisions": [], "events": [], "taliban": [], "white_cell": [],
                       "notes": [], "scores": None}
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
        elif kind in DECISIONS:
            seat = entry[1] if kind != "answer" else CENTRAL_ASIA
            controller = game.seats[SEATS[seat]]
            pending_decision = {"seat": SEATS[seat], "team": game.team(seat), "controller": controller,
                                "decision": describe(entry, rules), "reason": None,
                                "reason_by": None}
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
            current["white_cell"].append({"kind": WHITE_CELL[kind], "text": text, "reason": reason})
        elif kind.startswith(TALIBAN_PREFIX):
            current["taliban"].append(describe(entry, rules))
    for i, vp in enumerate(seen.history):
        if i < len(turns):
            turns[i]["scores"] = dict(zip(SEATS, vp))
    return {
        "scenario": rules.scenario.id,
        "scenario_title": rules.scenario.title,
        # The seed replays the shuffle: hidden from a seat or the projector until the end.
        "seed": game.seed if seen.everything else None,
        "viewer": _viewer_name(viewer, state.over),
        "seats": dict(game.seats),
        "teams": {} if game.seminar is None else {s: game.seminar.teams[s] for s in SEATS if s in game.seminar.teams},
        "seminar": None if game.seminar is None else {"turns": rules.scenario.turns,
                                                       "phase_seconds": game.seminar.phase_seconds},
        "parent": game.parent,
        "branched_at": game.branched_at,
        "turns_played": state.turn,
        "over": state.over,
        "end_reason": state.end_reason,
        "winners": [SEATS[w] for w in state.winners],
        "collapsed": None if state.collapsed is None else COUNTRIES[state.collapsed],
        "final": {SEATS[s]: {"vp": seen.vp[s], "breakdown": seen.category_points(s)} for s in range(len(SEATS))},
        "tension_penalties": {SEATS[s]: vp for s, vp in sorted(tension_penalties(seen.log).items())},
        "turns": turns,
        "questions": questions,
        "predictions": predicted.section(game, viewer),
    }


def _viewer_name(viewer, over: bool) -> str:
    """Whose view the report is: a seat's id, 'public', 'facilitator' or, once over, 'after'."""
    if over:
        return AFTER
    return SEATS[viewer] if isinstance(viewer, int) else viewer


def outcome_words(data: dict) -> str:
    if not data["over"]:
        return f"In progress after turn {data['turns_played']}."
    if data["end_reason"] == "collapse":
        return (f"{data['collapsed'].capitalize()} collapsed on turn {data['turns_played']}: the Taliban have "
                "won and every seat has lost.")
    names = " and ".join(SEAT_NAMES[w] for w in data["winners"])
    return f"The game ran its course; {names} won."


def to_markdown(data: dict) -> str:
    out = [f"# After-action report: {data['scenario_title']}", ""]
    turns = f"{data['turns_played']} turn{'' if data['turns_played'] == 1 else 's'}"
    seed = "Seed hidden until the game ends" if data["seed"] is None else f"Seed {data['seed']}"
    out.append(f"{seed}; {turns}. {outcome_words(data)}")
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
    out.append("| seat | played by | VP | " + " | ".join(CATEGORIES) + " |")
    out.append("|---|---|---|" + "---|" * len(CATEGORIES))
    for seat in SEATS:
        final = data["final"][seat]
        cells = " | ".join(str(final["breakdown"][c]) for c in CATEGORIES)
        out.append(f"| {SEAT_NAMES[seat]} | {played_by(data, seat)} | {final['vp']} | {cells} |")
    out.append("")
    if data["tension_penalties"]:
        lost = ", ".join(f"{seat_name(SEATS.index(s))} {vp}" for s, vp in data["tension_penalties"].items())
        out.append(f"Of the diplomacy column, lost for raising Sino-American tension to {HIGH_TENSION} or more: {lost}.")
        out.append("")
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
            out.append("Decisions:")
            out.append("")
            for d in turn["decisions"]:
                out.append(f"- {d['decision']}{_why(d)}")
            out.append("")
        if turn["white_cell"]:
            out.append("White cell (the facilitator's interventions):")
            out.append("")
            for w in turn["white_cell"]:
                why = f" *Reason:* {w['reason']}" if w["reason"] else ""
                out.append(f"- {w['text']}{why}")
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
        if turn["scores"]:
            out.append("Scores after upkeep: " + ", ".join(f"{SEAT_NAMES[s]} {v}" for s, v in turn["scores"].items()))
            out.append("")
    out += predicted.markdown(data["predictions"])
    if data["questions"]:
        out.append("## Questions for discussion")
        out.append("")
        for q in data["questions"]:
            out.append(f"- *{q['title']}* (turn {q['turn']}): {q['question']}")
        out.append("")
    return "\n".join(out)


def _why(decision: dict) -> str:
    if not decision["reason"]:
        return ""
    label = "Team's rationale" if decision["reason_by"] == "team" else "Why"
    return f" *{label}:* {decision['reason']}"


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("turn", "date", "kind", "seat", "controller", "text", "reason", "quote", "source")


def to_csv(data: dict) -> str:
    """One row per news card, decision, event, Taliban step, intervention and note, and one per
    seat's final score."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in data["turns"]:
        base = (t["turn"], t["date"])
        for n in t["news"]:
            writer.writerow(base + ("news", "", "", f"{n['title']}. {n['text']}", "", n["quote"], n["source"]))
        for d in t["decisions"]:
            who = f"{d['team']} (team)" if d["team"] else d["controller"]
            writer.writerow(base + ("decision", d["seat"], who, d["decision"], d["reason"] or "", "", ""))
        for e in t["events"]:
            kind = "injected event" if e["injected"] else "event"
            writer.writerow(base + (kind, e["for"] or "", "", e["title"], "", e["quote"], e["source"]))
        for w in t["white_cell"]:
            writer.writerow(base + (w["kind"], "", "facilitator", w["text"], w["reason"] or "", "", ""))
        for note in t["notes"]:
            writer.writerow(base + ("note", "", "facilitator", note, "", "", ""))
        for line in t["taliban"]:
            writer.writerow(base + ("taliban", "", "", line, "", "", ""))
    for seat in SEATS:
        final = data["final"][seat]
        parts = "; ".join(f"{c} {v}" for c, v in final["breakdown"].items())
        writer.writerow(("", "", "final", seat, played_by(data, seat), f"{final['vp']} VP ({parts})", "", "", ""))
    writer.writerows(predicted.csv_rows(data["predictions"]))
    return buf.getvalue()


FORMATS = {"md": to_markdown, "json": to_json, "csv": to_csv}


def render(game: Game, fmt: str, viewer=AFTER) -> str:
    return FORMATS[fmt](report_data(game, viewer))


def compare_data(a: Game, b: Game, names: tuple[str, str]) -> dict:
    """Two games of the same seed side by side: where their decisions part, and how each ended."""
    da, db = report_data(a), report_data(b)
    flat_a = [(t["turn"], d) for t in da["turns"] for d in t["decisions"]]
    flat_b = [(t["turn"], d) for t in db["turns"] for d in t["decisions"]]
    common = 0
    while common < min(len(flat_a), len(flat_b)) and flat_a[common][1]["decision"] == flat_b[common][1]["decision"]:
        common += 1
    if common == len(flat_a) == len(flat_b):
        parted = None
    else:
        parted = (flat_a if common < len(flat_a) else flat_b)[common][0]

    def after(flat):
        return [{"turn": turn, **d} for turn, d in flat[common:]]

    def outcome(data):
        return {"outcome": outcome_words(data), "winners": data["winners"], "turns_played": data["turns_played"],
                "final": {seat: data["final"][seat]["vp"] for seat in SEATS}}

    return {
        "a": names[0], "b": names[1],
        "same_seed": a.seed == b.seed,
        "common_decisions": common,
        "parted_at_turn": parted,
        "after_a": after(flat_a),
        "after_b": after(flat_b),
        "outcome_a": outcome(da),
        "outcome_b": outcome(db),
    }


COMPARE_SHOWN = 12  # decisions listed per side after the games part, in Markdown


def compare_markdown(data: dict) -> str:
    a, b = data["a"], data["b"]
    out = [f"# Two branches side by side: {a} and {b}", ""]
    if data["parted_at_turn"] is None:
        out.append(f"The two games made the same {data['common_decisions']} decisions.")
    else:
        out.append(f"They share their first {data['common_decisions']} decisions and part in turn "
                   f"{data['parted_at_turn']}.")
    out.append("")
    out.append(f"| seat | {a} | {b} |")
    out.append("|---|---|---|")
    for seat in SEATS:
        out.append(f"| {SEAT_NAMES[seat]} | {data['outcome_a']['final'][seat]} | {data['outcome_b']['final'][seat]} |")
    out.append("")
    out.append(f"- **{a}:** {data['outcome_a']['outcome']}")
    out.append(f"- **{b}:** {data['outcome_b']['outcome']}")
    out.append("")
    for name, key in ((a, "after_a"), (b, "after_b")):
        rows = data[key]
        if not rows:
            continue
        out.append(f"## {name} after the games part")
        out.append("")
        for d in rows[:COMPARE_SHOWN]:
            out.append(f"- Turn {d['turn']}: {d['decision']}{_why(d)}")
        if len(rows) > COMPARE_SHOWN:
            out.append(f"- … and {len(rows) - COMPARE_SHOWN} more decisions")
        out.append("")
    return "\n".join(out)


def compare_csv(data: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("branch", "turn", "kind", "seat", "controller", "text", "reason"))
    for name, key in ((data["a"], "after_a"), (data["b"], "after_b")):
        for d in data[key]:
            writer.writerow((name, d["turn"], "decision", d["seat"], d["controller"], d["decision"], d["reason"] or ""))
    for name, key in ((data["a"], "outcome_a"), (data["b"], "outcome_b")):
        for seat in SEATS:
            writer.writerow((name, "", "final", seat, "", str(data[key]["final"][seat]), ""))
    return buf.getvalue()


def render_comparison(a: Game, b: Game, names: tuple[str, str], fmt: str) -> str:
    data = compare_data(a, b, names)
    if fmt == "md":
        return compare_markdown(data)
    if fmt == "json":
        return to_json(data)
    return compare_csv(data)
