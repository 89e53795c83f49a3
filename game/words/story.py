"""What changed, when, and who caused it: a game cut into steps, each with the board before and
after, for the debrief (the after-action report, its charts and the comparison of games).

A step is a seat's decision, a White Cell act, the news of a turn, a Taliban phase or an upkeep.
The board here is the public one (tracks, each state's stability, discontent, refugees, border,
every power's influence and bases, every seat's VP), read through ``game.play.observer`` for the
report's viewer, so a seat's report knows no more than the seat.

A move's board before and after are the states the game kept with its moves (``Game.before``):
the difference is exactly what the move changed. A move that ends a turn runs the Taliban
phase, the upkeep and the next turn's news in the same step of the engine; those are told apart
by the log, which records every change with its old value: the move's own part is read forward
from the state before it, the news and the upkeep backward from the state after, and the Taliban
phase is what lies between (its offensive moves momentum without a log line of its own). A test
checks that the log, read forward, gives the kept states for every move that stays in its turn.
"""

from __future__ import annotations

import attrs

from game.rules import moves as M
from game.rules.model import (
    COUNTRIES,
    COUNTRY_INDEX,
    FIELD_NAMES,
    FIELDS,
    POWERS,
    SEAT_INDEX,
    SEAT_NAMES,
    SEATS,
    TRACK_INDEX,
    TRACK_MAX,
    TRACK_MIN,
    TRACKS,
)
from game.rules.scoring import turn_scores
from game.play.observer import entry_for, observe
from game.play.session import Game
from game.words.log import SEAT_SUBJECTS, country_name, describe

# --- the board ------------------------------------------------------------------------------
# A board is a flat dict: key -> number. Keys are small tuples:
#   ("track", name)  ("field", field, country)  ("influence", power, country)
#   ("base", power, country) (1 open, 0 not)  ("vp", seat)

TRACK_WORDS = {"momentum": "Taliban momentum", "pledge": "Moscow pledge", "discipline": "fighters' discipline",
               "tension": "tension", "csto": "CSTO credibility"}
POWER_ADJECTIVES = {"russia": "Russian", "turkey": "Turkish", "china": "Chinese", "usa": "US"}
SHORT_SEATS = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "US", "central_asia": "Central Asia"}


def board_of(seen) -> dict:
    """The public numbers of an observation (or of anything with the same fields)."""
    out = {("track", name): seen.tracks[i] for i, name in enumerate(TRACKS)}
    for ci, c in enumerate(seen.countries):
        for field in FIELDS:
            value = getattr(c, field)
            if value is not None:
                out[("field", field, ci)] = value
        for p in range(len(POWERS)):
            out[("influence", p, ci)] = c.influence[p]
            out[("base", p, ci)] = int(bool(c.bases[p]))
    for s in range(len(SEATS)):
        out[("vp", s)] = seen.vp[s]
    return out


def _entry_change(entry: tuple):
    """(key, old, new) of a log entry that changes the board; for VP (key, None, by). None for
    any other entry."""
    kind = entry[0]
    if kind == "track":
        return ("track", TRACKS[entry[1]]), entry[2], entry[3]
    if kind == "field":
        return ("field", entry[2], entry[1]), entry[3], entry[4]
    if kind == "influence":
        return ("influence", entry[1], entry[2]), entry[3], entry[4]
    if kind == "base":
        return ("base", entry[1], entry[2]), int(not entry[3]), int(bool(entry[3]))
    if kind == "vp":
        return ("vp", entry[1]), None, entry[2]
    if kind == "adjust":  # a facilitator's ruling changes the value without a line of its own
        _, what, old, new, _reason = entry
        t = M.split_target(what)
        if t is None:
            return None
        if t.state is None:
            return ("track", what), old, new
        if t.power is None:
            return ("field", t.field, COUNTRY_INDEX[t.state]), old, new
        return ("influence", SEAT_INDEX[t.power], COUNTRY_INDEX[t.state]), old, new
    return None


def forward(board: dict, entries) -> dict:
    """The board after the changes the entries record."""
    out = dict(board)
    for entry in entries:
        change = _entry_change(entry)
        if change is None:
            continue
        key, old, new = change
        out[key] = out[key] + new if old is None else new
    return out


def backward(board: dict, entries) -> dict:
    """The board before the changes the entries record."""
    out = dict(board)
    for entry in reversed(list(entries)):
        change = _entry_change(entry)
        if change is None:
            continue
        key, old, new = change
        out[key] = out[key] - new if old is None else old
    return out


@attrs.frozen
class Change:
    key: tuple
    old: int
    new: int

    @property
    def text(self) -> str:
        return change_words(self.key, self.old, self.new)

    def as_data(self) -> dict:
        return {"what": key_id(self.key), "old": self.old, "new": self.new, "text": self.text}


def _order(key: tuple) -> tuple:
    kind = key[0]
    if kind == "track":
        return (0, TRACK_INDEX[key[1]])
    if kind == "field":
        return (1, key[2], FIELDS.index(key[1]))
    if kind == "influence":
        return (1, key[2], len(FIELDS) + key[1])
    if kind == "base":
        return (1, key[2], len(FIELDS) + len(POWERS) + key[1])
    return (2, key[1])


def changes(before: dict, after: dict) -> list[Change]:
    """What differs between two boards, tracks first, then state by state, then VP."""
    keys = sorted((k for k in after if before.get(k) != after[k]), key=_order)
    return [Change(k, before[k], after[k]) for k in keys]


def key_id(key: tuple) -> str:
    """A board key as a save writes an adjudication's value: 'tension', 'stability:tajikistan',
    'influence:russia:kazakhstan', 'base:usa:uzbekistan', 'vp:china'."""
    kind = key[0]
    if kind == "track":
        return key[1]
    if kind == "field":
        return f"{key[1]}:{COUNTRIES[key[2]]}"
    if kind in ("influence", "base"):
        return f"{kind}:{SEATS[key[1]]}:{COUNTRIES[key[2]]}"
    return f"vp:{SEATS[key[1]]}"


def change_words(key: tuple, old: int, new: int) -> str:
    """'tension 6 → 7', 'Tajikistan stability 5 → 4', 'Russian influence in Kazakhstan 3 → 4',
    'US base in Uzbekistan opens', 'China 5 → 7 VP'."""
    kind = key[0]
    if kind == "track":
        return f"{TRACK_WORDS[key[1]]} {old} → {new}"
    if kind == "field":
        return f"{country_name(key[2])} {FIELD_NAMES[key[1]]} {old} → {new}"
    if kind == "influence":
        return f"{POWER_ADJECTIVES[SEATS[key[1]]]} influence in {country_name(key[2])} {old} → {new}"
    if kind == "base":
        return f"{POWER_ADJECTIVES[SEATS[key[1]]]} base in {country_name(key[2])} {'opens' if new else 'closes'}"
    return f"{SHORT_SEATS[SEATS[key[1]]]} {old} → {new} VP"


# --- the steps ------------------------------------------------------------------------------

DECISION, WHITE_CELL, NEWS, TALIBAN, UPKEEP, OTHER = "decision", "white_cell", "news", "taliban", "upkeep", "other"


@attrs.frozen
class Step:
    """One thing that happened, with the board before and after it."""

    kind: str  # DECISION, WHITE_CELL, NEWS, TALIBAN, UPKEEP or OTHER (a move of another kind)
    turn: int
    move: int | None  # the index of the move (decisions and White Cell acts)
    seat: int | None  # who decided (decisions)
    start: int  # the step's entries in the game's log: log[start:end]
    end: int
    before: dict = attrs.field(repr=False)
    after: dict = attrs.field(repr=False)
    stakes: tuple = ()  # moves: what it did for each seat (VP now + VP the next upkeep would give)

    @property
    def changes(self) -> list[Change]:
        return changes(self.before, self.after)


def _markers(log: list, lo: int, hi: int) -> dict:
    """Where the Taliban phase, the upkeep and a new turn begin in log[lo:hi]."""
    found: dict = {}
    for i in range(lo, hi):
        entry = log[i]
        if entry[0] == "phase" and entry[1] in (TALIBAN, UPKEEP) and entry[1] not in found:
            found[entry[1]] = i
        elif entry[0] == "turn" and NEWS not in found:
            found[NEWS] = i
    return found


def _scores(seen) -> tuple:
    """Each seat's VP plus what an upkeep would give it on this board."""
    points = list(seen.vp)
    for seat, vp, _category in turn_scores(seen):
        points[seat] += vp
    return tuple(points)


def _with_board(seen, board: dict):
    """An observation with another board's numbers (to score the end of an action phase)."""
    countries = tuple(
        c._replace(
            **{f: board[("field", f, ci)] for f in FIELDS if ("field", f, ci) in board},
            influence=tuple(board[("influence", p, ci)] for p in range(len(POWERS))),
            bases=tuple(bool(board[("base", p, ci)]) for p in range(len(POWERS))))
        for ci, c in enumerate(seen.countries))
    return attrs.evolve(seen, countries=countries, tracks=tuple(board[("track", t)] for t in TRACKS),
                        vp=tuple(board[("vp", s)] for s in range(len(SEATS))))


def game_with_log(game: Game) -> Game:
    """``game`` itself when it kept its log, else the same game played again with one."""
    if game.log is not None:
        return game
    again = Game.start(game.rules, game.seed, game.seats, seminar=game.seminar)
    again.parent, again.branched_at = game.parent, game.branched_at
    for move in game.moves:
        again.play(move.choice, move.reason)
    return again


def steps(game: Game, viewer) -> list[Step]:
    """Everything that happened in ``game``, step by step, as ``viewer`` may see the board."""
    game = game_with_log(game)
    log = game.log
    n = len(game.moves)
    marks = [game.before[i][1] for i in range(n)] + [len(log)]
    seen = [observe(game.state_before(i), viewer) for i in range(n + 1)]
    boards = [board_of(s) for s in seen]
    out: list[Step] = []
    # Before the first move: turn 1 and its news, read backward from the first decision's board.
    _split(out, log, 0, marks[0], None, None, backward(boards[0], log[:marks[0]]), boards[0], 1, None, None)
    for i in range(n):
        move = game.moves[i].choice
        state = game.state_before(i)
        kind = WHITE_CELL if M.is_facilitator(move) else DECISION if M.kind_of(move) in M.SEAT_KINDS else OTHER
        seat = state.seat_to_move if kind == DECISION else None
        _split(out, log, marks[i], marks[i + 1], i, kind, boards[i], boards[i + 1], state.turn, seat,
               (seen[i], seen[i + 1]))
    return out


def _split(out: list, log: list, lo: int, hi: int, move, kind, b0: dict, b1: dict, turn: int, seat, seen) -> None:
    found = _markers(log, lo, hi)
    bounds = sorted(found.values())
    head_end = bounds[0] if bounds else hi
    # The move's own part, read forward; the news and the upkeep backward from the end; the
    # Taliban phase in between.
    head_after = b1 if not bounds else forward(b0, log[lo:head_end])
    news_at = found.get(NEWS)
    news_before = b1 if news_at is None else backward(b1, log[news_at:hi])
    upkeep_at = found.get(UPKEEP)
    upkeep_end = news_at if news_at is not None else hi
    upkeep_before = news_before if upkeep_at is None else backward(news_before, log[upkeep_at:upkeep_end])
    if move is not None:
        stakes = ()
        if seen is not None:
            after = seen[1] if not bounds else _with_board(seen[0], head_after)
            before_scores, after_scores = _scores(seen[0]), _scores(after)
            stakes = tuple(a - b for a, b in zip(after_scores, before_scores))
        out.append(Step(kind, turn, move, seat, lo, head_end, b0, head_after, stakes))
    taliban_at = found.get(TALIBAN)
    if taliban_at is not None:
        end = upkeep_at if upkeep_at is not None else upkeep_end
        out.append(Step(TALIBAN, turn, None, None, taliban_at, end, head_after, upkeep_before))
    if upkeep_at is not None:
        out.append(Step(UPKEEP, turn, None, None, upkeep_at, upkeep_end, upkeep_before, news_before))
    if news_at is not None:
        out.append(Step(NEWS, log[news_at][1], None, None, news_at, hi, news_before, b1))


# --- the board turn by turn -----------------------------------------------------------------


@attrs.frozen
class TurnRow:
    turn: int  # 0: the start, before the first news
    board: dict = attrs.field(repr=False)
    complete: bool  # the turn's upkeep is done (False: the turn in progress, or a collapse)


def turn_rows(all_steps: list[Step]) -> list[TurnRow]:
    """The board at the start and as each turn ended (after its upkeep, before the next news);
    the last row is the board now (a turn in progress, or the moment of a collapse)."""
    if not all_steps:
        return []
    rows = [TurnRow(0, all_steps[0].before, True)]
    for step in all_steps:
        if step.kind == UPKEEP:
            rows.append(TurnRow(step.turn, step.after, True))
    last = all_steps[-1]
    if last.kind != UPKEEP:  # a turn in progress (its news at least), or a collapse
        rows.append(TurnRow(last.turn, last.after, False))
    return rows


def leader(board: dict, country: int) -> int | None:
    """The power with strictly the most influence (at least 1), as the rules count a lead."""
    inf = [board[("influence", p, country)] for p in range(len(POWERS))]
    best = max(inf)
    if best <= 0 or inf.count(best) > 1:
        return None
    return inf.index(best)


def vp(board: dict) -> list[int]:
    return [board[("vp", s)] for s in range(len(SEATS))]


# --- what the viewer may read of a step -----------------------------------------------------


def first_entry(game: Game, step: Step, viewer, over: bool) -> tuple | None:
    """The step's first log entry (the decision or the act) as ``viewer`` may read it."""
    if step.start >= step.end:
        return None
    return entry_for(game.log[step.start], viewer, game.seats, over)


def step_words(game: Game, step: Step, viewer, over: bool) -> str:
    """What the step was, in a few words."""
    rules = game.rules
    if step.kind in (DECISION, WHITE_CELL, OTHER):
        entry = first_entry(game, step, viewer, over)
        return "a move it may not read" if entry is None else describe(entry, rules).strip()
    if step.kind == NEWS:
        titles = [rules.cards[e[1]].title for e in game.log[step.start:step.end] if e[0] == "news"]
        return f"the news of turn {step.turn}" + (f" ({', '.join(titles)})" if titles else "")
    if step.kind == TALIBAN:
        ops = [describe(e, rules).removeprefix("Taliban operation: ").rstrip(".")
               for e in game.log[step.start:step.end] if e[0] == "t_operation"]
        return f"the Taliban phase of turn {step.turn}" + (f" ({ops[0]})" if ops else "")
    return f"the upkeep of turn {step.turn}"


def seat_words(seat: int) -> str:
    return SEAT_NAMES[SEATS[seat]]


def track_limits(all_steps: list[Step]) -> list[tuple[Step, str, int]]:
    """(the step, the track, the limit) for each track the first time play pushed it to its
    limit (0 or 10) from inside its range."""
    out = []
    done = set()
    for step in all_steps:
        for name in TRACKS:
            key = ("track", name)
            old, new = step.before[key], step.after[key]
            if name not in done and old != new and new in (TRACK_MIN, TRACK_MAX):
                done.add(name)
                out.append((step, name, new))
    return out


# --- turning points -------------------------------------------------------------------------

MOVE_KINDS = (DECISION, WHITE_CELL)
LEAD_SWINGS = 2  # the largest swings in the VP lead a report names


@attrs.frozen
class TurningPoint:
    kind: str  # "lead swing", "collapse", "brush with collapse" or "track limit"
    turn: int
    text: str  # what happened, in a sentence
    step: Step = attrs.field(repr=False)  # where it happened
    behind: Step | None = attrs.field(repr=False)  # the decision (or White Cell act) behind it
    seat: int | None = None  # whose lead swung
    size: int = 0  # how large the swing, how low the stability, which limit


def _leaders(points: list[int]) -> set[int]:
    best = max(points)
    return {s for s, p in enumerate(points) if p == best}


def _top_two(points: list[int]) -> set[int]:
    """The seats with the highest and the second highest score (every seat tied with them)."""
    values = sorted(set(points), reverse=True)[:2]
    return {s for s, p in enumerate(points) if p in values}


def _relative(diff: int, rival: int) -> str:
    """'3 VP behind China', 'level with China', '2 VP ahead of China'."""
    name = SEAT_SUBJECTS[SEATS[rival]]
    if diff > 0:
        return f"{diff} VP ahead of {name}"
    if diff < 0:
        return f"{-diff} VP behind {name}"
    return f"level with {name}"


def _best_move(all_steps: list[Step], turn: int, before: int, score) -> Step | None:
    """The decision or White Cell act of ``turn``, up to index ``before`` in the steps, that
    scores highest (above 0) by ``score``; the earliest of equals."""
    best, best_score = None, 0
    for step in all_steps[:before]:
        if step.turn != turn or step.kind not in MOVE_KINDS:
            continue
        value = score(step)
        if value > best_score:
            best, best_score = step, value
    return best


def lead_swings(all_steps: list[Step], rows: list[TurnRow], limit: int = LEAD_SWINGS) -> list[TurningPoint]:
    """The turns in which the VP lead swung most: the seat that gained most on another, one of
    them leading before or after, largest first; each with the move of that turn that did most
    for the gainer against the other (None when the Taliban phase and the upkeep did it)."""
    ends = {step.turn: i for i, step in enumerate(all_steps) if step.kind == UPKEEP}
    found = []
    for prev, row in zip(rows, rows[1:]):
        before, after = vp(prev.board), vp(row.board)
        contenders = _top_two(before) | _top_two(after)
        pairs = [((after[a] - after[b]) - (before[a] - before[b]), a in _leaders(after), -a, -b)
                 for a in contenders for b in contenders if a != b]
        size, _, a, b = max(pairs)
        a, b = -a, -b
        if size <= 0:
            continue
        upto = ends.get(row.turn, len(all_steps))

        def score(step, a=a, b=b):
            return step.stakes[a] - step.stakes[b] if step.stakes else 0

        behind = _best_move(all_steps, row.turn, upto, score)
        text = (f"In turn {row.turn} {SEAT_SUBJECTS[SEATS[a]]} gained {size} VP on {SEAT_SUBJECTS[SEATS[b]]}: from "
                f"{_relative(before[a] - before[b], b)} to {_relative(after[a] - after[b], b)}")
        was, now = _leaders(before), _leaders(after)
        if now != was and len(now) == 1 and len(was) < len(SEATS):
            text += f", and {SEAT_SUBJECTS[SEATS[min(now)]]} took the lead"
        anchor = all_steps[upto] if upto < len(all_steps) else all_steps[-1]
        found.append(TurningPoint("lead swing", row.turn, text + ".", anchor, behind, a, size))
    found.sort(key=lambda tp: (-tp.size, tp.turn))
    return found[:limit]


def _weakened(country: int):
    """How much a step weakened a state: stability and border lost, discontent and refugees gained."""
    def score(step: Step) -> int:
        b, a = step.before, step.after
        total = 0
        for field, sign in (("stability", -1), ("border", -1), ("discontent", 1), ("refugees", 1)):
            key = ("field", field, country)
            if key in a:
                total += sign * (a[key] - b[key])
        return total
    return score


def nearest_collapse(all_steps: list[Step]) -> TurningPoint | None:
    """The collapse, or the lowest any state's stability fell (the first time), with what took
    it there and, when that was not a move, the move of the turn that weakened the state most."""
    lowest = None
    for i, step in enumerate(all_steps):
        for country in range(len(COUNTRIES)):
            value = step.after[("field", "stability", country)]
            if value < step.before[("field", "stability", country)] and (lowest is None or value < lowest[0]):
                lowest = (value, i, country)
    if lowest is None:
        return None
    value, i, country = lowest
    step = all_steps[i]
    behind = step if step.kind in MOVE_KINDS else _best_move(all_steps, step.turn, i, _weakened(country))
    name = country_name(country)
    if value == 0:
        return TurningPoint("collapse", step.turn, f"{name} collapsed in turn {step.turn}.", step, behind, None, 0)
    text = f"{name}'s stability fell to {value} in turn {step.turn}, the nearest any state came to collapse."
    return TurningPoint("brush with collapse", step.turn, text, step, behind, None, value)


def limits(all_steps: list[Step]) -> list[TurningPoint]:
    """Each track the first time it was pushed to its limit, with the move behind it."""
    out = []
    for step, name, limit in track_limits(all_steps):
        i = all_steps.index(step)
        sign = 1 if limit == TRACK_MAX else -1
        key = ("track", name)
        behind = step if step.kind in MOVE_KINDS else _best_move(
            all_steps, step.turn, i, lambda s, key=key, sign=sign: sign * (s.after[key] - s.before[key]))
        word = "its top" if limit == TRACK_MAX else "zero"
        text = f"{TRACK_WORDS[name][0].upper()}{TRACK_WORDS[name][1:]} reached {word} ({limit}/{TRACK_MAX}) in turn {step.turn}."
        out.append(TurningPoint("track limit", step.turn, text, step, behind, None, limit))
    return out


def turning_points(all_steps: list[Step], rows: list[TurnRow]) -> list[TurningPoint]:
    """The game's turning points in the order they happened: the largest swings in the VP
    lead, the collapse or the nearest brush with one, and the tracks pushed to a limit."""
    found = lead_swings(all_steps, rows)
    brush = nearest_collapse(all_steps)
    if brush is not None:
        found.append(brush)
    found += limits(all_steps)
    where = {id(step): i for i, step in enumerate(all_steps)}
    return sorted(found, key=lambda tp: (where[id(tp.step)], tp.kind))


# --- how much each card mattered ------------------------------------------------------------

_CARD_ENDS = frozenset({"play", "op", "ops_end", "answer", "turn", "phase", "news", "inject", "note", "hold",
                        "release", "next", "adjust"})


def card_weights(log, viewer, seats: dict, over: bool) -> dict[str, int]:
    """How much each card's event changed, as ``viewer`` may read the log: every point a track,
    a state, an influence or a seat's VP moved while the card's event ran (its target and its
    options included)."""
    weights: dict[str, int] = {}
    current = None
    for raw in log:
        entry = entry_for(raw, viewer, seats, over)
        if entry is None:
            continue
        kind = entry[0]
        if kind == "event":
            current = entry[1]
            weights.setdefault(current, 0)
        elif kind == "target":
            current = entry[2]
            weights.setdefault(current, 0)
        elif kind in _CARD_ENDS:
            current = None
        elif current is not None:
            change = _entry_change(entry)
            if change is not None:
                _key, old, new = change
                weights[current] += abs(new if old is None else new - old)
    return weights
