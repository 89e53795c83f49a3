"""Predictions in words: each statement of the catalogue (game.play.predictions) as a sentence,
the Predict screen's menus, and the report's section that scores them.

The section reads one observation (``observe`` with the log), like the rest of the report: a team
reads only its own predictions until the game is over, the facilitator all of them. Whether a
statement came true is read from the public record, so every reader scores a prediction alike.
"""

from __future__ import annotations

import calendar

from game.play import predictions as P
from game.play.observer import AFTER, observe
from game.rules.model import COUNTRY_NAMES, SEAT_NAMES, SEATS, TRACK_MAX, TRACK_MIN, TRACK_NAMES, date_of_turn

# The first step of the Predict screen: which kind of statement.
KIND_LABELS = {
    "collapse": "A state collapses, by the end of a turn",
    "reach": "A track reaches a value or more, by the end of a turn",
    "fall": "A track falls to a value or less, by the end of a turn",
    "shaky": "A state's stability falls to a value or less, by the end of a turn",
    "base": "A power opens a new base, by the end of a turn",
    "leads": "A power leads a state at the end of the game",
    "wins": "A seat wins the game (alone or sharing the win)",
}
PARAM_PROMPTS = {
    P.TURN: "By the end of which turn?",
    P.TRACK: "Which track?",
    P.VALUE: "Which value?",
    P.STATE: "Which state?",
    P.POWER: "Which power?",
    P.SEAT: "Which seat?",
}
BASELINE = 0.25  # the Brier score of always saying 50%
SCALE = ("The Brier score is the mean of (chance − outcome)² over the settled predictions, the "
         "outcome 1 if the statement came true and 0 if not: 0 is perfect foresight, always saying "
         f"50% scores {BASELINE}, and lower is better.")
# In sentences, as the log says them ("the US opens a new base", "Central Asia wins").
_SUBJECTS = {"usa": "the US", "central_asia": "Central Asia"}


def who(seat_id: str) -> str:
    return _SUBJECTS.get(seat_id, SEAT_NAMES[seat_id])


def month_of(rules, turn: int) -> str:
    yyyymm = date_of_turn(rules.scenario.start, turn)
    return f"{calendar.month_name[int(yyyymm[5:7])]} {yyyymm[:4]}"


def value_label(param: str, value, rules, kind: str = "") -> str:
    """One item of a parameter's menu (of a statement of ``kind``)."""
    if param == P.TURN:
        last = " (the last)" if value == rules.scenario.turns else ""
        return f"Turn {value}, {month_of(rules, value)}{last}"
    if param == P.TRACK:
        name = TRACK_NAMES[value]
        return name[:1].upper() + name[1:]
    if param == P.VALUE:
        if kind == "shaky" and value == TRACK_MIN:
            return f"{value}: it collapses"
        if value in (TRACK_MIN, TRACK_MAX):
            return str(value)
        return f"{value} or more" if kind == "reach" else f"{value} or less"
    if param == P.STATE:
        return COUNTRY_NAMES[value]
    if param in (P.POWER, P.SEAT):
        return SEAT_NAMES[value]
    return str(value)


def statement_words(statement: P.Statement) -> str:
    """The statement as a sentence without its full stop: 'Sino-American tension reaches 8 or
    more by the end of turn 3'. A statement still being chosen (fewer arguments than its kind
    takes) says '…' for each value not yet chosen."""
    kind = statement.kind
    params = P.KIND_BY_ID[kind].params
    filled = dict(zip(params, statement.args))

    def say(param: str) -> str:
        if param not in filled:
            return "…"
        value = filled[param]
        if param == P.TRACK:
            return TRACK_NAMES[value]
        if param == P.STATE:
            return COUNTRY_NAMES[value]
        if param in (P.POWER, P.SEAT):
            return who(value)
        return str(value)

    by = f"by the end of turn {say(P.TURN)}"
    if kind == "collapse":
        return f"a state collapses {by}"
    value = filled.get(P.VALUE)
    if kind == "reach":  # (at the top of its range, "10 or more" is just 10)
        return f"{say(P.TRACK)} reaches {say(P.VALUE)}{'' if value == TRACK_MAX else ' or more'} {by}"
    if kind == "fall":
        return f"{say(P.TRACK)} falls to {say(P.VALUE)}{'' if value == TRACK_MIN else ' or less'} {by}"
    if kind == "shaky":
        if value == TRACK_MIN:  # stability 0: the state collapses
            return f"{say(P.STATE)} collapses {by}"
        return f"{say(P.STATE)}'s stability falls to {say(P.VALUE)} or less {by}"
    if kind == "base":
        return f"{say(P.POWER)} opens a new base {by}"
    if kind == "leads":
        return f"{say(P.POWER)} leads {say(P.STATE)} at the end of the game"
    return f"{say(P.SEAT)} wins the game"


def now_words(state, kind: str, args: tuple) -> str:
    """Where the value a statement is about stands now ('Sino-American tension is 4 now'), once
    its track or state is chosen; '' otherwise."""
    if kind in ("reach", "fall") and args:
        return f"{TRACK_NAMES[args[0]][:1].upper()}{TRACK_NAMES[args[0]][1:]} is {state.track(args[0])} now."
    if kind == "shaky" and args:
        return f"{COUNTRY_NAMES[args[0]]}'s stability is {state.country(args[0]).stability} now."
    return ""


def sentence(statement: P.Statement) -> str:
    text = statement_words(statement)
    return text[:1].upper() + text[1:] + "."


def outcome_words(came: bool | None) -> str:
    return "came true" if came else "not yet settled" if came is None else "did not come true"


def entry_words(entry: tuple) -> str:
    """A prediction's log entry in words (game.words.log says it with this)."""
    _, seat, _turn, percent, _words, _reason = entry
    statement = P.read([entry])[0].statement
    return f"{who(SEATS[seat])} predicts, at {percent}%: {statement_words(statement)}."


# --- the report's section -------------------------------------------------------------------


def team_name(game, seat: int) -> str:
    team = game.team(seat)
    return f"{team} ({SEAT_NAMES[SEATS[seat]]})" if team else SEAT_NAMES[SEATS[seat]]


def section(game, viewer=AFTER, only_if_any: bool = False) -> dict | None:
    """The predictions ``viewer`` may read, each with whether it came true, and each team's
    Brier score, as plain data (the report's JSON carries it as it is); with ``only_if_any``,
    None when there are none (the report then leaves the section out)."""
    seen = observe(game.state, viewer, log=game.log if game.log is not None else [], seats=game.seats)
    results = P.scored(seen.log, seen)
    rules = game.rules
    rows = []
    for p, came in results:
        rows.append({"turn": p.turn, "date": date_of_turn(rules.scenario.start, p.turn), "seat": SEATS[p.seat],
                     "team": game.team(p.seat), "chance": p.percent, "statement": sentence(p.statement),
                     "words": " ".join(p.statement.words), "came_true": came, "reason": p.reason})
    teams = []
    for seat in range(len(SEATS)):
        mine = [(p, came) for p, came in results if p.seat == seat]
        if not mine:
            continue
        score = P.brier(mine)
        teams.append({"seat": SEATS[seat], "team": game.team(seat), "name": team_name(game, seat),
                      "made": len(mine), "settled": sum(came is not None for _, came in mine),
                      "came_true": sum(came is True for _, came in mine),
                      "brier": None if score is None else round(score, 4)})
    if only_if_any and not rows:
        return None
    return {"scale": SCALE, "teams": teams, "predictions": rows}


def foresight_words(game) -> str:
    """One line for the end screen: each team's Brier score and how many of its predictions
    came true; '' when nobody predicted anything."""
    data = section(game, AFTER)
    scored = [t for t in data["teams"] if t["brier"] is not None]
    if not scored:
        return ""
    parts = [f"{t['team'] or SEAT_NAMES[t['seat']]} {t['brier']:.3f} ({t['came_true']} of {t['made']} came true)"
             for t in sorted(scored, key=lambda t: t["brier"])]
    return (f"Foresight (Brier score: 0 is perfect, {BASELINE} always saying 50%): " + ", ".join(parts)
            + ". The report lists every prediction.")


def _score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.3f}"


def markdown(data: dict) -> list[str]:
    """The section in Markdown, as lines (none when nobody predicted anything)."""
    if not data["predictions"]:
        return []
    out = ["## Predictions", "",
           "Before their cards, the teams said how likely they thought these statements were. "
           + data["scale"], "",
           "| team | predictions | settled | came true | Brier score |", "|---|---|---|---|---|"]
    for t in sorted(data["teams"], key=lambda t: (t["brier"] is None, t["brier"] or 0.0)):
        out.append(f"| {t['name']} | {t['made']} | {t['settled']} | {t['came_true']} | {_score_text(t['brier'])} |")
    out.append("")
    names = {t["seat"]: t["team"] or SEAT_NAMES[t["seat"]] for t in data["teams"]}
    for r in data["predictions"]:
        why = f" *Rationale:* {r['reason']}" if r["reason"] else ""
        out.append(f"- Turn {r['turn']}, {names[r['seat']]}, {r['chance']}%: {r['statement']} "
                   f"**{outcome_words(r['came_true']).capitalize()}.**{why}")
    out.append("")
    return out


def csv_rows(data: dict) -> list[tuple]:
    """The section as rows of the report's CSV (turn, date, kind, seat, controller, text, reason,
    quote, source): one per prediction, one per team's score."""
    rows = []
    for r in data["predictions"]:
        who_ = f"{r['team']} (team)" if r["team"] else "human"
        rows.append((r["turn"], r["date"], "prediction", r["seat"], who_,
                     f"{r['chance']}%: {r['statement']} ({outcome_words(r['came_true'])})", r["reason"] or "", "", ""))
    for t in data["teams"]:
        who_ = f"{t['team']} (team)" if t["team"] else "human"
        rows.append(("", "", "brier score", t["seat"], who_,
                     f"{_score_text(t['brier'])} over {t['settled']} settled predictions of {t['made']}, "
                     f"{t['came_true']} came true", "", "", ""))
    return rows


def html(data: dict) -> str:
    """The section as an HTML fragment (the report adds its heading)."""
    from game.words.html import esc, table  # the page's helpers; Markdown and CSV need none

    rows = [[t["name"], t["made"], t["settled"], t["came_true"], _score_text(t["brier"])]
            for t in sorted(data["teams"], key=lambda t: (t["brier"] is None, t["brier"] or 0.0))]
    out = [f"<p>Before their cards, the teams said how likely they thought these statements were. "
           f"{esc(data['scale'])}</p>",
           table(["team", "predictions", "settled", "came true", "Brier score"], rows, "predictions"), "<ul>"]
    names = {t["seat"]: t["team"] or SEAT_NAMES[t["seat"]] for t in data["teams"]}
    for r in data["predictions"]:
        why = f' <span class="why"><b>Rationale:</b> {esc(r["reason"])}</span>' if r["reason"] else ""
        out.append(f"<li>Turn {r['turn']}, {esc(names[r['seat']])}, {r['chance']}%: {esc(r['statement'])} "
                   f"<b>{esc(outcome_words(r['came_true']).capitalize())}.</b>{why}</li>")
    out.append("</ul>")
    return "\n".join(out) + "\n"
