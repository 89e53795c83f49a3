"""What a turn did, in words: the summary shown between an upkeep and the next turn's news.

It reads one observation (``game.play.observer.observe``) and nothing else: the public board as
it stands and the log entries the viewer may read, as it may read them. So a seat's summary can
never name another seat's hand or a reason it may not read, and two games that differ only in
what the viewer may not know give it the same summary.

From the turn's slice of the readable log (``("turn", n)`` up to ``("turn", n + 1)``):

- what the Taliban did: every entry of the Taliban phase, said by ``game.words.log.describe``
  (so a kind this module has never heard of is still said, in the log's own words);
- the upkeep: projects completed or stalled, and whatever else it logged, the same way;
- the victory points: every ``vp`` entry of the turn, by seat and category, the upkeep's apart
  from those scored during play (events, tension, projects), with each seat's total after;
- the board: the tracks and each state's stability, border, refugees, discontent and leader
  at the start of the turn and after its upkeep, and who took or lost a lead.

The board at those two moments is the board now with the logged changes undone, newest first:
every change the engine makes to a track, a state's field, an influence, a base or a score is
logged with its old value (``track``, ``field``, ``influence``, ``base``, ``vp``, a
facilitator's ``adjust``). A change logged under a kind that carries no old value cannot be
undone and is left as it is now.
"""

from __future__ import annotations

import calendar

import attrs

from game.rules import moves as M
from game.rules.model import (
    CATEGORIES,
    COUNTRIES,
    COUNTRY_INDEX,
    FIELD_NAMES,
    SEAT_INDEX,
    SEATS,
    TRACK_INDEX,
    TRACK_NAMES,
    TRACKS,
    date_of_turn,
)
from game.words.log import country_name, describe, seat_name

# Changes of the board the summary shows in its own tables rather than sentence by sentence.
BOARD_KINDS = frozenset({"field", "track", "influence", "vp", "base"})
FIELDS = ("stability", "border", "refugees", "discontent")


@attrs.frozen
class Board:
    """The public board at one moment, as far as the summary compares it."""

    tracks: tuple  # by TRACKS
    fields: tuple  # by country: a dict field -> value (None where a state has no such field)
    influence: tuple  # by country: influence by power
    bases: tuple  # by country: base by power
    vp: tuple  # by seat

    def leader(self, country: int) -> int | None:
        """The power with strictly the most influence (at least 1): the board's own rule."""
        inf = self.influence[country]
        best = max(inf)
        if best <= 0 or inf.count(best) > 1:
            return None
        return inf.index(best)


@attrs.frozen
class SeatScore:
    seat: int
    upkeep: tuple  # (category, VP) scored at the upkeep, in CATEGORIES order, none zero
    during: tuple  # (category, VP) won or lost earlier in the turn (events, tension, projects...)
    gained: int  # the turn's net change
    total: int  # VP after the upkeep


@attrs.frozen
class StateChange:
    country: int
    fields: tuple  # (field, before, after) for each of FIELDS the state has
    leader: tuple  # (before, after): a power's index or None


@attrs.frozen
class TurnSummary:
    """One turn, as one viewer may read it. ``lines()`` says it as plain text."""

    turn: int
    date: str  # "July 2021"
    taliban: tuple  # sentences
    upkeep: tuple  # sentences
    scores: tuple  # SeatScore by seat
    tracks: tuple  # (track name, before, after) for every track
    states: tuple  # StateChange by country
    leads: tuple  # sentences: who took or lost a lead

    @property
    def incursions(self) -> int:
        return sum(1 for line in self.taliban if line.startswith("Taliban: incursion"))

    def lines(self) -> list[str]:
        out = [f"Turn {self.turn} ({self.date}) is over."]
        out += ["", "What the Taliban did:"] + [f"  {s}" for s in self.taliban or ("Nothing.",)]
        if self.upkeep:
            out += ["", "Upkeep:"] + [f"  {s}" for s in self.upkeep]
        out += ["", "Victory points this turn:"] + [f"  {score_line(s)}" for s in self.scores]
        out += ["", "The tracks:"] + [f"  {track_line(t)}" for t in self.tracks]
        out += ["", "The states:"] + [f"  {state_line(s)}" for s in self.states]
        out += [f"  {s}" for s in self.leads]
        return out


# --- saying it ------------------------------------------------------------------------------


def month_year(rules, turn: int) -> str:
    yyyymm = date_of_turn(rules.scenario.start, turn)
    return f"{calendar.month_name[int(yyyymm[5:7])]} {yyyymm[:4]}"


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def change(before, after) -> str:
    return str(after) if before == after else f"{before} → {after}"


def categories(parts: tuple) -> str:
    return ", ".join(f"{cat} {signed(vp)}" for cat, vp in parts)


def score_line(s: SeatScore) -> str:
    name = seat_name(s.seat)
    why = categories(s.upkeep) or "nothing"
    during = f"; earlier in the turn {categories(s.during)}" if s.during else ""
    return f"{name[0].upper()}{name[1:]}: {signed(s.gained)} this turn, {s.total} in all (upkeep: {why}{during})."


def track_line(track: tuple) -> str:
    name, before, after = track
    return f"{name[0].upper()}{name[1:]}: {change(before, after)}"


def leader_letter(power: int | None) -> str:
    return "=" if power is None else SEATS[power][0].upper()


def state_line(s: StateChange) -> str:
    parts = [f"{FIELD_NAMES[f]} {change(b, a)}" for f, b, a in s.fields]
    before, after = s.leader
    lead = seat_name(after) if after is not None else "nobody"
    if before != after:
        lead = f"{seat_name(before) if before is not None else 'nobody'} → {lead}"
    return f"{country_name(s.country)}: " + ", ".join(parts) + f"; leads: {lead}"


def lead_sentence(country: int, before: int | None, after: int | None) -> str:
    where = country_name(country)
    if before is None:
        return f"{_cap(seat_name(after))} takes the lead in {where}."
    if after is None:
        return f"{_cap(seat_name(before))} loses its lead in {where}: nobody leads there now."
    return f"{_cap(seat_name(after))} takes the lead in {where} from {seat_name(before)}."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- reading it -----------------------------------------------------------------------------


def board_now(obs) -> Board:
    fields = tuple({f: getattr(c, f) for f in FIELDS} for c in obs.countries)
    return Board(tuple(obs.tracks), fields, tuple(tuple(c.influence) for c in obs.countries),
                 tuple(tuple(c.bases) for c in obs.countries), tuple(obs.vp))


def undone(board: Board, entries) -> Board:
    """``board`` as it was before ``entries`` (a slice of the log) happened."""
    tracks = list(board.tracks)
    fields = [dict(f) for f in board.fields]
    influence = [list(i) for i in board.influence]
    bases = [list(b) for b in board.bases]
    vp = list(board.vp)
    for entry in reversed(list(entries)):
        kind = entry[0]
        try:
            if kind == "track":
                tracks[entry[1]] = entry[2]
            elif kind == "field":
                if entry[2] in fields[entry[1]]:
                    fields[entry[1]][entry[2]] = entry[3]
            elif kind == "influence":
                influence[entry[2]][entry[1]] = entry[3]
            elif kind == "base":
                bases[entry[2]][entry[1]] = not entry[3]
            elif kind == "vp":
                vp[entry[1]] -= entry[2]
            elif kind == M.ADJUST:
                _undo_adjust(entry, tracks, fields, influence)
        except (IndexError, KeyError, TypeError):  # an entry of another shape: left as it is
            continue
    return Board(tuple(tracks), tuple(fields), tuple(tuple(i) for i in influence),
                 tuple(tuple(b) for b in bases), tuple(vp))


def _undo_adjust(entry: tuple, tracks: list, fields: list, influence: list) -> None:
    _, what, old, _new, _reason = entry
    t = M.split_target(what)
    if t is None:
        return
    if t.state is None:
        if t.field in TRACK_INDEX:
            tracks[TRACK_INDEX[t.field]] = old
    elif t.power is None:
        country = fields[COUNTRY_INDEX[t.state]]
        if t.field in country:
            country[t.field] = old
    else:
        influence[COUNTRY_INDEX[t.state]][SEAT_INDEX[t.power]] = old


def _find(log: tuple, entry: tuple, start: int = 0, default: int | None = None) -> int | None:
    for i in range(start, len(log)):
        if log[i] == entry:
            return i
    return default


def turn_bounds(log: tuple, turn: int) -> tuple[int, int, int, int] | None:
    """Where turn ``turn`` starts, where its Taliban phase and its upkeep start, and where it ends
    (the next turn's first entry, or the end of the log), in ``log``; None if it never began."""
    start = None
    for i in range(len(log) - 1, -1, -1):
        if log[i] == ("turn", turn):
            start = i
            break
    if start is None:
        return None
    end = _find(log, ("turn", turn + 1), start + 1, len(log))
    taliban = _find(log[:end], ("phase", "taliban"), start, end)
    upkeep = _find(log[:end], ("phase", "upkeep"), taliban, end)
    return start, taliban, upkeep, end


def _said(entries, rules) -> tuple:
    return tuple(describe(e, rules).strip() for e in entries if e[0] not in BOARD_KINDS and e[0] != "phase")


def _by_category(entries, seat: int) -> tuple:
    points = dict.fromkeys(CATEGORIES, 0)  # a category the rules may add later comes after these
    for e in entries:
        if e[0] == "vp" and e[1] == seat:
            points[e[3]] = points.get(e[3], 0) + e[2]
    return tuple((c, v) for c, v in points.items() if v)


def summarise(obs, turn: int) -> TurnSummary | None:
    """The summary of ``turn`` from one observation taken with the log (``observe(..., log=...)``,
    or ``Game.observe(viewer)``); None when that turn is not in the log."""
    if obs.log is None:
        raise ValueError("summarise: the observation was taken without the log")
    log = tuple(obs.log)
    bounds = turn_bounds(log, turn)
    if bounds is None:
        return None
    start, taliban, upkeep, end = bounds
    rules = obs.rules
    after = undone(board_now(obs), log[end:])
    before = undone(after, log[start:end])
    scores = tuple(
        SeatScore(seat, _by_category(log[upkeep:end], seat), _by_category(log[start:upkeep], seat),
                  after.vp[seat] - before.vp[seat], after.vp[seat])
        for seat in range(len(SEATS)))
    tracks = tuple((TRACK_NAMES[name], before.tracks[i], after.tracks[i]) for i, name in enumerate(TRACKS))
    states, leads = [], []
    for i in range(len(COUNTRIES)):
        fields = tuple((f, before.fields[i][f], after.fields[i][f]) for f in FIELDS
                       if after.fields[i][f] is not None)
        lead = (before.leader(i), after.leader(i))
        states.append(StateChange(i, fields, lead))
        if lead[0] != lead[1]:
            leads.append(lead_sentence(i, *lead))
    return TurnSummary(turn, month_year(rules, turn), _said(log[taliban + 1:upkeep], rules),
                       _said(log[upkeep + 1:end], rules), scores, tracks, tuple(states), tuple(leads))


def turn_summary(game, turn: int, viewer) -> TurnSummary | None:
    """The summary of ``turn`` of a session (game.play.session.Game) as ``viewer`` may read it."""
    return summarise(game.observe(viewer), turn)
