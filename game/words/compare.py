"""Games side by side: every group of a class (any number of games of one scenario, whatever
their seeds), and the two branches of one game.

For the class: the outcomes and scores side by side, each group's key decisions (the ones behind
its turning points, and each team's move that did most for it) and turning points, the White
Cell's acts, and which choices went with which outcomes (a choice some groups made and others
did not, with who won where). Markdown, HTML, JSON and CSV carry the same facts; nothing is cut
without saying how much more there is and where to find it.

Every game is read as its facilitator reads it (game.play.observer): the comparison is the
lecturer's document.
"""

from __future__ import annotations

import csv
import io
import json

from game.rules.model import SEAT_NAMES, SEATS
from game.play.observer import FACILITATOR
from game.play.session import Game
from game.rules.ops import OPS_BY_NAME
from game.play.seminar import adjust_words
from game.words.html import esc, page, table
from game.words.log import SEAT_SUBJECTS, offer_words
from game.words.report import STATUS_CLASS, STATUS_MARKS, played_by, report_data

CHOICES_SHOWN = 15  # choices listed in Markdown and HTML; the rest are counted, and all are in JSON and CSV


# --- the class: any number of games ---------------------------------------------------------


def _key_decisions(data: dict) -> list[dict]:
    """The decisions behind the turning points and each team's best move, in the order made."""
    found: dict = {}
    for tp in data["turning_points"]:
        b = tp["behind"]
        if b is not None:
            found.setdefault(b["move"], {"turn": b["turn"], "seat": b["seat"], "team": b["team"],
                                         "decision": b["decision"], "reason": b["reason"], "reason_by": b["reason_by"],
                                         "why": f"behind: {tp['text']}"})
    decisions = {d["move"]: (t["turn"], d) for t in data["turns"] for d in t["decisions"]}
    for seat in SEATS:
        best = data["summaries"][seat]["best"]
        if best is None:
            continue
        for move, (turn, d) in decisions.items():
            if turn == best["turn"] and d["seat"] == seat and d["decision"] == best["decision"]:
                found.setdefault(move, {"turn": turn, "seat": seat, "team": d["team"], "decision": d["decision"],
                                        "reason": d["reason"],
                                        "reason_by": d["reason_by"],
                                        "why": f"{_possessive(seat)} move that did most for it (+{best['gain']})"})
                break
    return [found[m] for m in sorted(found)]


def _white_cell(data: dict) -> list[dict]:
    acts = []
    for t in data["turns"]:
        acts += [{"turn": t["turn"], "kind": w["kind"], "text": w["text"], "reason": w["reason"],
                  "changes": [c["text"] for c in w["changes"]]} for w in t["white_cell"]]
        acts += [{"turn": t["turn"], "kind": "note", "text": note, "reason": None, "changes": []} for note in t["notes"]]
    return sorted(acts, key=lambda a: a["turn"])  # stable: in the order made within a turn


def _choices(game: Game) -> set[str]:
    """The choices a game's teams and facilitator made, in words that match across games: an
    offer answered, an action of a seat's menu used, a rival's card shelved, a card injected, a
    value adjudicated. (Which cards were played is left out: the hands are dealt by chance.)"""
    rules = game.rules
    out: set[str] = set()
    for entry in game.log:
        kind = entry[0]
        if kind == "play" and entry[3] == "shelve":
            out.add(f"{SEAT_NAMES[SEATS[entry[1]]]} shelved a rival's card")
        elif kind == "answer":
            _, power, offer_kind, _country, accepted, name = entry
            out.add(f"Central Asia {'accepted' if accepted else 'rejected'} {offer_words(offer_kind, name)} "
                    f"from {SEAT_SUBJECTS[SEATS[power]]}")
        elif kind == "op":
            _, seat, name, _country, _cost = entry
            out.add(f"{SEAT_NAMES[SEATS[seat]]} used {OPS_BY_NAME[(seat, name)].label}")
        elif kind == "inject":
            out.add(f"The facilitator injected {rules.cards[entry[1]].title}")
        elif kind == "adjust":
            _, what, old, new, _reason = entry
            out.add(f"The facilitator {'raised' if new > old else 'lowered'} {adjust_words(what)}")
    return out


def _association(made: list[int], wins: list[set], n: int) -> float:
    """How differently the seats fared with the choice and without it: the largest difference,
    over the seats, between their share of the wins in the games that made it and in the rest."""
    others = [i for i in range(n) if i not in made]
    best = 0.0
    for seat in SEATS:
        with_ = sum(seat in wins[i] for i in made) / len(made)
        without = sum(seat in wins[i] for i in others) / len(others)
        best = max(best, abs(with_ - without))
    return best


def compare_data(games: list[Game], names: list[str]) -> dict:
    """Several games of one scenario side by side."""
    datas = [report_data(g, FACILITATOR) for g in games]
    n = len(games)
    groups = []
    for name, game, data in zip(names, games, datas):
        groups.append({
            "name": name,
            "seed": game.seed,
            "parent": game.parent,
            "branched_at": game.branched_at,
            "teams": data["teams"],
            "played_by": {s: played_by(data, s) for s in SEATS},
            "over": data["over"],
            "turns_played": data["turns_played"],
            "outcome": data["outcome"]["headline"],
            "outcome_lines": data["outcome"]["lines"],
            "winners": data["winners"],
            "collapsed": data["collapsed"],
            "final": {s: data["final"][s]["vp"] for s in SEATS},
            "breakdown": {s: data["final"][s]["breakdown"] for s in SEATS},
            "vp_by_turn": [row["vp"] for row in data["board"]],
            "objectives": {s: [o["status"] for o in data["summaries"][s]["objectives"]] for s in SEATS},
            "turning_points": [{"turn": tp["turn"], "kind": tp["kind"], "text": tp["text"],
                                "behind": None if tp["behind"] is None else tp["behind"]["decision"]}
                               for tp in data["turning_points"]],
            "key_decisions": _key_decisions(data),
            "white_cell": _white_cell(data),
        })
    made = [_choices(g) for g in games]
    wins = [set(d["winners"]) for d in datas]
    rows = []
    for choice in sorted(set().union(*made)):
        which = [i for i in range(n) if choice in made[i]]
        if len(which) == n:
            continue  # every group made it: it tells no two outcomes apart
        rows.append({"choice": choice,
                     "made_by": [{"game": names[i], "winners": datas[i]["winners"]} for i in which],
                     "not_by": [{"game": names[i], "winners": datas[i]["winners"]} for i in range(n) if i not in which],
                     "association": round(_association(which, wins, n), 3)})
    rows.sort(key=lambda r: (-r["association"], -len(r["made_by"]), r["choice"]))
    branches = []
    for i in range(n):
        for j in range(i + 1, n):
            if games[i].seed == games[j].seed:
                common, parted = _common(datas[i], datas[j])
                branches.append({"a": names[i], "b": names[j], "common_decisions": common, "parted_at_turn": parted})
    return {"scenario": games[0].rules.scenario.id, "scenario_title": games[0].rules.scenario.title,
            "games": groups, "same_seed": branches, "choices": rows,
            "objectives": {s: [o["text"] for o in datas[0]["summaries"][s]["objectives"]] for s in SEATS},
            "choices_in_common": len(set.intersection(*made)) if made else 0}


def _common(da: dict, db: dict) -> tuple[int, int | None]:
    """How many decisions two games of one seed share, and the turn where they part."""
    fa = [(t["turn"], d["decision"]) for t in da["turns"] for d in t["decisions"]]
    fb = [(t["turn"], d["decision"]) for t in db["turns"] for d in t["decisions"]]
    k = 0
    while k < min(len(fa), len(fb)) and fa[k] == fb[k]:
        k += 1
    if k == len(fa) == len(fb):
        return k, None
    return k, (fa if k < len(fa) else fb)[k][0]


def _games_won(items: list[dict]) -> str:
    """'a.yaml (US), c.yaml (Russia)': the games and who won each."""
    return ", ".join(f"{g['game']} ({_short_winners(g['winners'])})" for g in items) if items else "none"


def _short_winners(winners: list[str]) -> str:
    return " and ".join(SHORT[w] for w in winners) if winners else "nobody won"


SHORT = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "US", "central_asia": "Central Asia"}


def _possessive(seat: str) -> str:
    name = SEAT_NAMES[seat]
    name = f"the {name}" if seat in ("usa", "central_asia") else name
    return name + ("'" if name.endswith("s") else "'s")


def _reason_label(d: dict) -> str:
    return "Team's rationale" if d.get("reason_by") == "team" else "Why"


def _winner_words(winners: list[str]) -> str:
    return " and ".join(SEAT_NAMES[w] for w in winners) if winners else "nobody"


def compare_markdown(data: dict) -> str:
    games = data["games"]
    out = [f"# {len(games)} games of {data['scenario_title']} side by side", ""]
    out.append("| | " + " | ".join(g["name"] for g in games) + " |")
    out.append("|---|" + "---|" * len(games))
    out.append("| seed | " + " | ".join(str(g["seed"]) for g in games) + " |")
    out.append("| turns | " + " | ".join(str(g["turns_played"]) + ("" if g["over"] else " (in progress)") for g in games) + " |")
    out.append("| winner | " + " | ".join(_winner_words(g["winners"]) for g in games) + " |")
    for seat in SEATS:
        out.append(f"| {SEAT_NAMES[seat]} VP | " + " | ".join(str(g["final"][seat]) for g in games) + " |")
    out.append("")
    out += ["## Objectives, game by game", "", "Each seat's objectives from its role brief: met (✓), partly met (~) "
            "or missed (✗) at the end of each game.", "",
            "| seat | objective | " + " | ".join(g["name"] for g in games) + " |", "|---|---|" + "---|" * len(games)]
    for seat in SEATS:
        for i, text in enumerate(data["objectives"][seat]):
            marks = [STATUS_MARKS[g["objectives"][seat][i]].split()[0] for g in games]
            out.append(f"| {SEAT_NAMES[seat] if i == 0 else ''} | {text} | " + " | ".join(marks) + " |")
    out.append("")
    for pair in data["same_seed"]:
        if pair["parted_at_turn"] is None:
            out.append(f"{pair['a']} and {pair['b']} have one seed and made the same {pair['common_decisions']} decisions.")
        else:
            out.append(f"{pair['a']} and {pair['b']} have one seed: they share their first {pair['common_decisions']} "
                       f"decisions and part in turn {pair['parted_at_turn']}.")
    if data["same_seed"]:
        out.append("")
    for g in games:
        out += [f"## {g['name']}", "", f"**{g['outcome']}**", ""]
        teams = [f"{SEAT_NAMES[s]}: {g['played_by'][s]}" for s in SEATS]
        out += ["Played by " + "; ".join(teams) + ".", ""]
        if g["parent"]:
            out += [f"A what-if branch of {g['parent']} from turn {g['branched_at']}.", ""]
        if g["turning_points"]:
            out += ["Turning points:", ""]
            out += [f"- {tp['text']}" + (f" Behind it: {tp['behind']}" if tp["behind"] else "") for tp in g["turning_points"]]
            out.append("")
        if g["key_decisions"]:
            out += ["Key decisions:", ""]
            for d in g["key_decisions"]:
                who = f"{d['team']} ({SEAT_NAMES[d['seat']]})" if d["team"] else SEAT_NAMES[d["seat"]] if d["seat"] else "The facilitator"
                why = f" *{_reason_label(d)}:* {d['reason']}" if d["reason"] else ""
                out.append(f"- Turn {d['turn']}, {who}: {d['decision']} ({d['why']}){why}")
            out.append("")
        out += ["White Cell:", ""]
        if g["white_cell"]:
            for a in g["white_cell"]:
                why = f" *Reason:* {a['reason']}" if a["reason"] else ""
                label = "Note: " if a["kind"] == "note" else ""
                out.append(f"- Turn {a['turn']}: {label}{a['text']}{why}")
        else:
            out.append("- No intervention.")
        out.append("")
    out += ["## Choices and outcomes", ""]
    rows = data["choices"]
    if not rows:
        out += ["Every group made the same choices.", ""]
    else:
        out += [f"Choices some groups made and others did not ({len(rows)}; {data['choices_in_common']} more were made "
                "by every group), those that went with the most different outcomes first:", "",
                "| choice | made in (who won there) | not made in (who won there) |", "|---|---|---|"]
        for r in rows[:CHOICES_SHOWN]:
            out.append(f"| {r['choice']} | {_games_won(r['made_by'])} | {_games_won(r['not_by'])} |")
        if len(rows) > CHOICES_SHOWN:
            out.append("")
            out.append(f"… and {len(rows) - CHOICES_SHOWN} more choices that told the groups apart; "
                       "`--format json` or `--format csv` lists them all.")
        out.append("")
    out += ["A choice going with an outcome is not proof that it caused it: ask the groups.", ""]
    return "\n".join(out)


def compare_html(data: dict) -> str:
    games = data["games"]
    out = [f"<h1>{len(games)} games of {esc(data['scenario_title'])} side by side</h1>"]
    rows = [["seed"] + [str(g["seed"]) for g in games],
            ["turns"] + [str(g["turns_played"]) + ("" if g["over"] else " (in progress)") for g in games],
            ["winner"] + [_winner_words(g["winners"]) for g in games]]
    rows += [[f"{SEAT_NAMES[s]} VP"] + [str(g["final"][s]) for g in games] for s in SEATS]
    out.append(table([""] + [g["name"] for g in games], rows, "scores"))
    obj_rows = []
    for seat in SEATS:
        for i, text in enumerate(data["objectives"][seat]):
            obj_rows.append([esc(SEAT_NAMES[seat]) if i == 0 else "", esc(text)] + [
                f'<span class="status {STATUS_CLASS[g["objectives"][seat][i]]}">{esc(STATUS_MARKS[g["objectives"][seat][i]])}</span>'
                for g in games])
    out.append("<h2>Objectives, game by game</h2><p>Each seat's objectives from its role brief, at the end of each "
               "game.</p>" + table(["seat", "objective"] + [g["name"] for g in games], obj_rows, "objectives", raw=True))
    for pair in data["same_seed"]:
        text = (f"{pair['a']} and {pair['b']} have one seed and made the same {pair['common_decisions']} decisions."
                if pair["parted_at_turn"] is None else
                f"{pair['a']} and {pair['b']} have one seed: they share their first {pair['common_decisions']} decisions "
                f"and part in turn {pair['parted_at_turn']}.")
        out.append(f"<p>{esc(text)}</p>")
    for g in games:
        part = [f"<section><h2>{esc(g['name'])}</h2>", f'<p class="headline">{esc(g["outcome"])}</p>',
                "<p>Played by " + esc("; ".join(f"{SEAT_NAMES[s]}: {g['played_by'][s]}" for s in SEATS)) + ".</p>"]
        if g["parent"]:
            part.append(f"<p class=\"meta\">A what-if branch of {esc(g['parent'])} from turn {g['branched_at']}.</p>")
        if g["turning_points"]:
            part.append("<h3>Turning points</h3><ul>" + "".join(
                f"<li>{esc(tp['text'])}" + (f' <div class="behind">Behind it: {esc(tp["behind"])}</div>' if tp["behind"] else "")
                + "</li>" for tp in g["turning_points"]) + "</ul>")
        if g["key_decisions"]:
            items = []
            for d in g["key_decisions"]:
                who = f"{d['team']} ({SEAT_NAMES[d['seat']]})" if d["team"] else SEAT_NAMES[d["seat"]] if d["seat"] else "The facilitator"
                why = f' <span class="why"><b>{_reason_label(d)}:</b> {esc(d["reason"])}</span>' if d["reason"] else ""
                items.append(f"<li>Turn {d['turn']}, {esc(who)}: {esc(d['decision'])} "
                             f"<span class=\"changes\">({esc(d['why'])})</span>{why}</li>")
            part.append("<h3>Key decisions</h3><ul>" + "".join(items) + "</ul>")
        acts = "".join(f"<li>Turn {a['turn']}: {'Note: ' if a['kind'] == 'note' else ''}{esc(a['text'])}"
                       + (f' <span class="why"><b>Reason:</b> {esc(a["reason"])}</span>' if a["reason"] else "") + "</li>"
                       for a in g["white_cell"]) or "<li>No intervention.</li>"
        part.append(f'<h3>White Cell</h3><ul class="white-cell">{acts}</ul>')
        out.append("\n".join(part) + "</section>")
    out.append("<section><h2>Choices and outcomes</h2>")
    rows = data["choices"]
    if not rows:
        out.append("<p>Every group made the same choices.</p>")
    else:
        out.append(f"<p>Choices some groups made and others did not ({len(rows)}; {data['choices_in_common']} more "
                   "were made by every group), those that went with the most different outcomes first:</p>")
        out.append(table(["choice", "made in (who won there)", "not made in (who won there)"],
                         [[r["choice"], _games_won(r["made_by"]), _games_won(r["not_by"])] for r in rows[:CHOICES_SHOWN]],
                         "wide"))
        if len(rows) > CHOICES_SHOWN:
            out.append(f"<p>… and {len(rows) - CHOICES_SHOWN} more choices that told the groups apart; the JSON and "
                       "CSV formats list them all.</p>")
    out.append("<p class=\"note\">A choice going with an outcome is not proof that it caused it: ask the groups.</p></section>")
    return page(f"{len(games)} games of {data['scenario_title']}", "\n".join(out) + "\n")


COMPARE_COLUMNS = ("game", "seed", "turn", "kind", "seat", "team", "text", "reason", "value")


def compare_csv(data: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COMPARE_COLUMNS)
    for g in data["games"]:
        base = (g["name"], g["seed"])
        w.writerow(base + ("", "outcome", "", "", g["outcome"], "", " ".join(g["winners"])))
        for s in SEATS:
            w.writerow(base + ("", "final", s, g["teams"].get(s, ""), g["played_by"][s], "", g["final"][s]))
        for tp in g["turning_points"]:
            w.writerow(base + (tp["turn"], f"turning point: {tp['kind']}", "", "", tp["text"], tp["behind"] or "", ""))
        for d in g["key_decisions"]:
            w.writerow(base + (d["turn"], "key decision", d["seat"] or "", d["team"] or "", d["decision"],
                               d["reason"] or "", d["why"]))
        for a in g["white_cell"]:
            w.writerow(base + (a["turn"], a["kind"], "", "facilitator", a["text"], a["reason"] or "", "; ".join(a["changes"])))
    for r in data["choices"]:
        w.writerow(("", "", "", "choice", "", "", r["choice"],
                    f"made in {_games_won(r['made_by'])}; not in {_games_won(r['not_by'])}", r["association"]))
    return buf.getvalue()


def render(games: list[Game], names: list[str], fmt: str) -> str:
    data = compare_data(games, names)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return {"md": compare_markdown, "html": compare_html, "csv": compare_csv}[fmt](data)


# --- two branches of one game ---------------------------------------------------------------


def branches_data(a: Game, b: Game, names: tuple[str, str]) -> dict:
    """Two games of the same seed side by side: where their decisions part, every decision and
    White Cell act of each from there, the teams, and how each ended."""
    da, db = report_data(a, FACILITATOR), report_data(b, FACILITATOR)
    flat_a = [(t["turn"], d) for t in da["turns"] for d in t["decisions"]]
    flat_b = [(t["turn"], d) for t in db["turns"] for d in t["decisions"]]
    common, parted = _common(da, db)

    def after(flat):
        return [{"turn": turn, **d} for turn, d in flat[common:]]

    def acts(data):
        return [act for act in _white_cell(data) if parted is None or act["turn"] >= parted]

    def outcome(data):
        return {"outcome": data["outcome"]["headline"], "winners": data["winners"], "turns_played": data["turns_played"],
                "final": {seat: data["final"][seat]["vp"] for seat in SEATS}}

    return {
        "a": names[0], "b": names[1],
        "same_seed": a.seed == b.seed,
        "common_decisions": common,
        "parted_at_turn": parted,
        "teams_a": {s: played_by(da, s) for s in SEATS},
        "teams_b": {s: played_by(db, s) for s in SEATS},
        "after_a": after(flat_a),
        "after_b": after(flat_b),
        "white_cell_a": acts(da),
        "white_cell_b": acts(db),
        "outcome_a": outcome(da),
        "outcome_b": outcome(db),
    }


def _by(d: dict) -> str:
    """'Team Moscow (Russia)' or 'Russia (ai:easy)'."""
    return f"{d['team']} ({SEAT_NAMES[d['seat']]})" if d["team"] else f"{SEAT_NAMES[d['seat']]} ({d['controller']})"


def branches_markdown(data: dict) -> str:
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
        ta, tb = data["teams_a"][seat], data["teams_b"][seat]
        out.append(f"| {SEAT_NAMES[seat]} | {data['outcome_a']['final'][seat]} ({ta}) | "
                   f"{data['outcome_b']['final'][seat]} ({tb}) |")
    out.append("")
    out.append(f"- **{a}:** {data['outcome_a']['outcome']}")
    out.append(f"- **{b}:** {data['outcome_b']['outcome']}")
    out.append("")
    for name, key, cell in ((a, "after_a", "white_cell_a"), (b, "after_b", "white_cell_b")):
        rows, acts = data[key], data[cell]
        if not rows and not acts:
            continue
        out.append(f"## {name} after the games part")
        out.append("")
        if acts:
            out.append("White Cell:")
            out.append("")
            for act in acts:
                why = f" *Reason:* {act['reason']}" if act["reason"] else ""
                out.append(f"- Turn {act['turn']}: {'Note: ' if act['kind'] == 'note' else ''}{act['text']}{why}")
            out.append("")
        if rows:
            out.append(f"All {len(rows)} decisions:")
            out.append("")
            for d in rows:
                why = ""
                if d["reason"]:
                    why = f" *{'Team' if d['reason_by'] == 'team' else 'Why'}:* {d['reason']}"
                out.append(f"- Turn {d['turn']}, {_by(d)}: {d['decision']}{why}")
            out.append("")
    return "\n".join(out)


def branches_csv(data: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("branch", "turn", "kind", "seat", "controller", "text", "reason"))
    for name, key in ((data["a"], "after_a"), (data["b"], "after_b")):
        for d in data[key]:
            writer.writerow((name, d["turn"], "decision", d["seat"], _by(d), d["decision"], d["reason"] or ""))
    for name, key in ((data["a"], "white_cell_a"), (data["b"], "white_cell_b")):
        for act in data[key]:
            writer.writerow((name, act["turn"], act["kind"], "", "facilitator", act["text"], act["reason"] or ""))
    for name, key, teams in ((data["a"], "outcome_a", "teams_a"), (data["b"], "outcome_b", "teams_b")):
        for seat in SEATS:
            writer.writerow((name, "", "final", seat, data[teams][seat], str(data[key]["final"][seat]), ""))
    return buf.getvalue()


def branches_html(data: dict) -> str:
    a, b = data["a"], data["b"]
    out = [f"<h1>Two branches side by side: {esc(a)} and {esc(b)}</h1>"]
    if data["parted_at_turn"] is None:
        out.append(f"<p>The two games made the same {data['common_decisions']} decisions.</p>")
    else:
        out.append(f"<p>They share their first {data['common_decisions']} decisions and part in turn "
                   f"{data['parted_at_turn']}.</p>")
    rows = [[SEAT_NAMES[s], f"{data['outcome_a']['final'][s]} ({data['teams_a'][s]})",
             f"{data['outcome_b']['final'][s]} ({data['teams_b'][s]})"] for s in SEATS]
    out.append(table(["seat", a, b], rows, "scores"))
    out.append(f"<ul><li><b>{esc(a)}:</b> {esc(data['outcome_a']['outcome'])}</li>"
               f"<li><b>{esc(b)}:</b> {esc(data['outcome_b']['outcome'])}</li></ul>")
    for name, key, cell in ((a, "after_a", "white_cell_a"), (b, "after_b", "white_cell_b")):
        rows, acts = data[key], data[cell]
        if not rows and not acts:
            continue
        out.append(f"<section><h2>{esc(name)} after the games part</h2>")
        if acts:
            out.append('<p>White Cell:</p><ul class="white-cell">' + "".join(
                f"<li>Turn {act['turn']}: {'Note: ' if act['kind'] == 'note' else ''}{esc(act['text'])}"
                + (f' <span class="why"><b>Reason:</b> {esc(act["reason"])}</span>' if act["reason"] else "") + "</li>"
                for act in acts) + "</ul>")
        if rows:
            out.append(f"<p>All {len(rows)} decisions:</p><ul>" + "".join(
                f"<li>Turn {d['turn']}, {esc(_by(d))}: {esc(d['decision'])}"
                + (f' <span class="why"><b>{"Team" if d["reason_by"] == "team" else "Why"}:</b> {esc(d["reason"])}</span>'
                   if d["reason"] else "") + "</li>" for d in rows) + "</ul>")
        out.append("</section>")
    return page(f"Two branches: {a} and {b}", "\n".join(out) + "\n")


def render_branches(a: Game, b: Game, names: tuple[str, str], fmt: str) -> str:
    data = branches_data(a, b, names)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return {"md": branches_markdown, "html": branches_html, "csv": branches_csv}[fmt](data)
