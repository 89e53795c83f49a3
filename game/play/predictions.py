"""Predictions: before its first card of a turn, a team records how likely it thinks a checkable
statement is; once the game is over the debrief scores them (game.words.predictions).

A statement is one of a fixed catalogue of kinds (``KINDS``), each with its parameters (a track,
a value, a state, a power, a seat, a turn), written as words: ``reach tension 8 3`` is
"Sino-American tension reaches 8 or more by the end of turn 3". A prediction gives it a chance
from 5% to 95% in steps of 5 (certainty is not a forecast).

A prediction is a move like any other (``game.rules.moves.predict``), made through the game's one
door (``Game.refusal`` / ``Game.play``), saved and replayed with the others; it changes nothing
on the board and draws no chance, so the game goes on exactly as it would have. The session logs
it as ``("predict", seat, turn, percent, statement words, reason)``, an entry only its own seat
may read during play (game.play.visibility); the facilitator reads all of them, everyone once
the game is over.

Who may predict, and when (``refusal``): the seat to move, played by people, at its first
card of the turn (before it plays it), at most ``MAX_PER_TURN`` a turn, never the same statement
twice in a turn, never one already settled (tension already at 8, a turn already over).

Whether a statement came true is read from the log after the prediction (``outcome``): every
change of the board is logged with its new value (``track``, ``field``, ``base``, ``collapse``,
the facilitator's ``adjust``, and two Taliban steps that say the track they move), so a value reached for a moment inside a move (tension at 8,
then cooled by the upkeep) counts, as the players saw it happen. Statements about the end of
the game read the final position. Everything here is pure: it reads a state (or an
observation, which has the same fields), a log and the words of a move.
"""

from __future__ import annotations

from typing import Callable, Iterable

import attrs

from game.rules import moves as M
from game.play.seminar import MAX_NOTE
from game.rules.model import (
    COUNTRIES,
    COUNTRY_INDEX,
    POWERS,
    SEAT_INDEX,
    SEATS,
    TRACK_INDEX,
    TRACK_MAX,
    TRACK_MIN,
    TRACKS,
)

PREDICT_ENTRY = M.PREDICT  # the log entry's kind, as the move's
PERCENTS = tuple(range(5, 100, 5))  # the chances a team may give
MAX_PER_TURN = 3  # predictions a team may make in one turn

# The parameters a statement takes.
TURN, TRACK, VALUE, STATE, POWER, SEAT = "turn", "track", "value", "state", "power", "seat"


class Unclear(ValueError):
    """A prediction the rules do not allow; the message says why in one sentence."""


@attrs.frozen
class Kind:
    """A kind of statement: its id (the first word), its parameters in order, and whether it is
    settled when the game ends (else by the end of the turn its last parameter names)."""

    id: str
    params: tuple
    at_end: bool = False


KINDS = (
    Kind("collapse", (TURN,)),  # a state collapses by the end of turn T
    Kind("reach", (TRACK, VALUE, TURN)),  # TRACK reaches V or more by the end of turn T
    Kind("fall", (TRACK, VALUE, TURN)),  # TRACK falls to V or less by the end of turn T
    Kind("shaky", (STATE, VALUE, TURN)),  # STATE's stability falls to V or less by the end of turn T
    Kind("base", (POWER, TURN)),  # POWER opens a base it did not have by the end of turn T
    Kind("leads", (POWER, STATE), at_end=True),  # POWER leads STATE when the game ends
    Kind("wins", (SEAT,), at_end=True),  # SEAT wins the game (or shares the win)
)
KIND_BY_ID = {k.id: k for k in KINDS}


@attrs.frozen
class Statement:
    """A statement of one kind with its parameters: ints for turns and values, ids otherwise."""

    kind: str
    args: tuple

    @property
    def words(self) -> tuple:
        """As a move writes it."""
        return (self.kind, *map(str, self.args))

    def arg(self, param: str):
        return self.args[KIND_BY_ID[self.kind].params.index(param)]


@attrs.frozen
class Prediction:
    """A prediction as the log keeps it, with where its entry is in the log it was read from."""

    seat: int
    turn: int
    percent: int
    statement: Statement
    reason: str | None
    at: int


# --- reading the words ----------------------------------------------------------------------


def values(param: str, last_turn: int) -> tuple:
    """Every value a parameter may take in a game of ``last_turn`` turns."""
    return {
        TURN: tuple(range(1, last_turn + 1)),
        TRACK: TRACKS,
        VALUE: tuple(range(TRACK_MIN, TRACK_MAX + 1)),
        STATE: COUNTRIES,
        POWER: POWERS,
        SEAT: SEATS,
    }[param]


def _arg(param: str, word: str, last_turn: int):
    if param in (TURN, VALUE):
        number = int(word) if word.isascii() and word.isdigit() else None
        if number not in values(param, last_turn):
            span = values(param, last_turn)
            raise Unclear(f"expected a {param} from {span[0]} to {span[-1]}, found {word!r}")
        return number
    if word not in values(param, last_turn):
        raise Unclear(f"expected a {param}, one of {', '.join(values(param, last_turn))}; found {word!r}")
    return word


def read_statement(words: tuple, last_turn: int) -> Statement:
    """The statement ``words`` say (``("reach", "tension", "8", "3")``); Unclear otherwise."""
    if not words or words[0] not in KIND_BY_ID:
        found = repr(words[0]) if words else "nothing"
        raise Unclear(f"expected a statement, one of {', '.join(KIND_BY_ID)}; found {found}")
    kind = KIND_BY_ID[words[0]]
    if len(words) - 1 != len(kind.params):
        raise Unclear(f"expected '{' '.join((kind.id,) + kind.params)}'")
    return Statement(kind.id, tuple(_arg(p, w, last_turn) for p, w in zip(kind.params, words[1:])))


def read_percent(word: str) -> int:
    number = int(word) if word.isascii() and word.isdigit() else None
    if number not in PERCENTS:
        raise Unclear(f"expected a chance from {PERCENTS[0]}% to {PERCENTS[-1]}% in steps of "
                      f"{PERCENTS[1] - PERCENTS[0]}, found {word!r}")
    return number


# --- who may predict what, and when ---------------------------------------------------------


def may_predict_now(state) -> bool:
    """The seat to move is at its first card of the turn (it has not played one yet)."""
    p = state.pending
    return not state.over and p is not None and p.kind == M.PENDING_PLAY and state.round == 0


def settled_now(state, statement: Statement) -> str | None:
    """Why ``statement`` is already settled in ``state`` (a state or an observation), or None.
    Only the parameters it needs must be there, so a menu can ask before the turn is chosen."""
    kind, args = statement.kind, statement.args
    params = KIND_BY_ID[kind].params
    if TURN in params and len(args) == len(params) and args[-1] < state.turn:
        return f"turn {args[-1]} is over"
    if kind in ("reach", "fall") and len(args) >= 2:
        now = state.tracks[TRACK_INDEX[args[0]]]
        if (now >= args[1]) if kind == "reach" else (now <= args[1]):
            return f"it is {now} now"
    if kind == "shaky" and len(args) >= 2:
        now = state.countries[COUNTRY_INDEX[args[0]]].stability
        if now <= args[1]:
            return f"its stability is {now} now"
    return None


def refusal(state, move: tuple, *, human: bool, made: Iterable[Statement] = (),
            reason: str | None = None) -> str | None:
    """Why the seat to move may not make the prediction ``move`` now, or None when it may.
    ``human``: the seat is played by people; ``made``: the statements it predicted this turn."""
    try:
        check(state, move, human=human, made=tuple(made), reason=reason)
    except Unclear as e:
        return str(e)
    return None


def check(state, move: tuple, *, human: bool, made: tuple = (), reason: str | None = None) -> Prediction:
    """The prediction ``move`` makes now; Unclear, with the reason, when it is not allowed."""
    if state.over:
        raise Unclear("the game is over")
    if not M.is_prediction(move):
        raise Unclear(f"expected a prediction ('{M.PREDICT} PERCENT STATEMENT...')")
    if not human:
        raise Unclear("only a team (a seat played by people) makes predictions")
    if not may_predict_now(state):
        raise Unclear("a team predicts at its first card of a turn, before it plays it")
    if len(made) >= MAX_PER_TURN:
        raise Unclear(f"a team makes at most {MAX_PER_TURN} predictions a turn")
    word, words = M.prediction_parts(move)
    percent = read_percent(word)
    statement = read_statement(words, state.rules.scenario.turns)
    settled = settled_now(state, statement)
    if settled is not None:
        raise Unclear(f"that is already settled: {settled}")
    if statement in made:
        raise Unclear("this team has already predicted that this turn")
    if reason is not None and len(reason) > MAX_NOTE:
        raise Unclear(f"the rationale is {len(reason)} characters; keep it under {MAX_NOTE}")
    return Prediction(state.seat_to_move, state.turn, percent, statement, reason, -1)


def entry(prediction: Prediction) -> tuple:
    """The log entry of a prediction."""
    p = prediction
    return (PREDICT_ENTRY, p.seat, p.turn, p.percent, p.statement.words, p.reason)


def choices(state, kind: str, args: tuple = ()) -> list[tuple]:
    """The values the next parameter of a ``kind`` statement may take now, after ``args``, each
    with why it may not be chosen (None when it may): a menu's items, greyed where settled."""
    params = KIND_BY_ID[kind].params
    param = params[len(args)]
    last = state.rules.scenario.turns
    out = []
    for value in values(param, last):
        if param == TURN and value < state.turn:
            continue  # a turn already over is not offered at all
        out.append((value, settled_now(state, Statement(kind, args + (value,)))))
    return out


# --- what came true -------------------------------------------------------------------------


def read(log: Iterable[tuple]) -> list[Prediction]:
    """The predictions in ``log`` (a session's log, or the part of it a viewer may read)."""
    out = []
    for i, e in enumerate(log):
        if e[0] == PREDICT_ENTRY:
            _, seat, turn, percent, words, reason = e
            out.append(Prediction(seat, turn, percent, Statement(words[0], tuple(
                int(w) if p in (TURN, VALUE) else w for p, w in zip(KIND_BY_ID[words[0]].params, words[1:]))),
                reason, i))
    return out


# Two Taliban steps change a track without a ``track`` entry of its own; each says the track's
# new value in its last word: the offensive advancing (momentum) and fighters disobeying (the
# Moscow pledge). A property test (tests/engine/test_predictions.py) checks that the log misses
# no value any kept position shows.
_TALIBAN_TRACKS = {"t_momentum": "momentum", "t_disobey": "pledge"}


def _target_of(e: tuple) -> tuple | None:
    """(what, new value) of a change of a track or a state's field: ``("tension", 8)``,
    ``("stability:tajikistan", 2)``; None for any other entry."""
    kind = e[0]
    if kind == "track":
        return TRACKS[e[1]], e[3]
    if kind == "field":
        return f"{e[2]}:{COUNTRIES[e[1]]}", e[4]
    if kind == M.ADJUST:
        return e[1], e[3]
    if kind in _TALIBAN_TRACKS:
        return _TALIBAN_TRACKS[kind], e[-1]
    return None


def _changed_to(what: str, test: Callable[[int], bool]) -> Callable[[tuple], bool]:
    def hit(e: tuple) -> bool:
        change = _target_of(e)
        return change is not None and change[0] == what and test(change[1])
    return hit


def _hit(statement: Statement) -> Callable[[tuple], bool]:
    """Whether one log entry makes a statement settled by a turn come true."""
    kind, args = statement.kind, statement.args
    if kind == "collapse":
        return lambda e: e[0] == "collapse"
    if kind == "reach":
        return _changed_to(args[0], lambda v: v >= args[1])
    if kind == "fall":
        return _changed_to(args[0], lambda v: v <= args[1])
    if kind == "shaky":
        return _changed_to(f"stability:{args[0]}", lambda v: v <= args[1])
    if kind == "base":
        power = SEAT_INDEX[args[0]]
        return lambda e: e[0] == "base" and e[1] == power and e[3] is True
    raise ValueError(f"{kind!r} is settled at the end, not by a turn")


def _at_end(statement: Statement, end) -> bool:
    kind, args = statement.kind, statement.args
    if kind == "leads":
        return end.countries[COUNTRY_INDEX[args[1]]].leader() == SEAT_INDEX[args[0]]
    if kind == "wins":
        return SEAT_INDEX[args[0]] in end.winners
    raise ValueError(f"{kind!r} is settled by a turn, not at the end")


def outcome(statement: Statement, after: Iterable[tuple], end) -> bool | None:
    """Whether ``statement`` came true: True, False, or None while it is not yet settled.
    ``after``: the log entries since it was predicted; ``end``: the position they lead to (a
    state or an observation), read for the statements about the end of the game."""
    if KIND_BY_ID[statement.kind].at_end:
        return _at_end(statement, end) if end.over else None
    by = statement.args[-1]
    hit = _hit(statement)
    for e in after:
        if e[0] == "turn" and e[1] > by:
            return False
        if hit(e):
            return True
    return False if end.over else None


def scored(log, end) -> list[tuple[Prediction, bool | None]]:
    """Every prediction in ``log`` with whether it came true (None: not yet settled)."""
    log = tuple(log)
    return [(p, outcome(p.statement, log[p.at + 1:], end)) for p in read(log)]


def brier(results: Iterable[tuple[Prediction, bool | None]]) -> float | None:
    """The Brier score of the settled predictions: the mean of (chance - outcome)², where the
    outcome is 1 if it came true, else 0. 0 is perfect foresight; always saying 50% scores 0.25.
    None when none is settled yet."""
    errors = [(p.percent / 100 - (1.0 if came else 0.0)) ** 2 for p, came in results if came is not None]
    return sum(errors) / len(errors) if errors else None
