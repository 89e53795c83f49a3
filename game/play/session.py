"""A game in progress: its rules, seed, who sits where, every choice made and the log.

A game *is* its seed plus its list of choices; that list is the save file, the replay and the
source of the log. This wrapper is what clients hold (CLI, TUI, simulator, AI process, replay)
and the one door every move comes in by, a seat's or the facilitator's: ``legal()``,
``refusal(move)``, ``play(move)``. It keeps the state before each move (a clone is microseconds,
a state a few KB), so undo, branches and replay frames never replay the game from its seed.
The engine below it stays a pure state machine.
"""

from __future__ import annotations

import attrs

from game.rules.cards import Rules
from game.rules import moves as M
from game.rules.engine import apply, legal_choices, new_game
from game.rules.model import SEATS, State
from game.play import predictions
from game.play.seminar import Seminar, facilitate, seminar_rules
from game.play.seminar import refusal as facilitator_refusal

CONTROLLERS = ("human", "random", "ai:easy", "ai:normal", "ai:hard")
DEFAULT_CONTROLLER = "ai:easy"


class SeatSpecError(ValueError):
    """A --seats value that names an unknown seat or controller."""


def parse_seats(spec: str | None, default: str = DEFAULT_CONTROLLER, allowed=CONTROLLERS) -> dict[str, str]:
    """'russia=human,china=ai:easy' -> a controller for every seat (the rest get ``default``)."""
    seats = {s: default for s in SEATS}
    if not spec:
        return seats
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        seat, sep, who = part.partition("=")
        seat, who = seat.strip(), who.strip()
        if not sep or seat not in SEATS:
            raise SeatSpecError(f"{part!r}: expected SEAT=CONTROLLER with SEAT one of {', '.join(SEATS)}")
        if who == "ai":
            who = DEFAULT_CONTROLLER
        if who not in allowed:
            raise SeatSpecError(f"{part!r}: expected a controller, one of {', '.join(allowed)}")
        seats[seat] = who
    return seats


@attrs.define
class Move:
    choice: tuple
    reason: str | None = None


@attrs.define
class Game:
    rules: Rules
    seed: int
    seats: dict
    state: State
    moves: list = attrs.Factory(list)
    log: list | None = attrs.Factory(list)  # None: keep no log (batch simulation)
    parent: str | None = None  # a what-if branch: the save it was taken from...
    branched_at: int | None = None  # ...and the turn it left that game at
    seminar: Seminar | None = None  # teams, turns and phase time of a seminar game
    # Parallel to moves: the state each move was made in and the log's length then. States are
    # never changed in place (the engine's door returns new ones), so they are kept as they are.
    before: list = attrs.Factory(list)

    @classmethod
    def start(cls, rules: Rules, seed: int, seats: dict | None = None, keep_log: bool = True,
              seminar: Seminar | None = None) -> Game:
        """A new game; a seminar's number of turns replaces the scenario's."""
        rules = seminar_rules(rules, seminar)
        log: list | None = [] if keep_log else None
        state = new_game(rules, seed, log)
        return cls(rules, seed, dict(seats or {s: DEFAULT_CONTROLLER for s in SEATS}), state, [], log,
                   seminar=seminar)

    @property
    def scenario(self) -> str:
        return self.rules.scenario.id

    @property
    def over(self) -> bool:
        return self.state.over

    def legal(self) -> list:
        """The choices the seat to move may make (a facilitator's moves are never among them)."""
        return legal_choices(self.state)

    def controller(self) -> str | None:
        seat = self.state.seat_to_move
        return None if seat is None else self.seats[SEATS[seat]]

    # --- the door ---------------------------------------------------------------------------

    def refusal(self, move: tuple, reason: str | None = None) -> str | None:
        """Why ``move`` may not be played now, in one line; None when it may."""
        move = tuple(move)
        if M.is_facilitator(move):
            return facilitator_refusal(self.state, move, reason)
        if M.is_prediction(move):
            return predictions.refusal(self.state, move, **self._predicting(), reason=reason)
        if self.state.over:
            return "the game is over"
        if move not in legal_choices(self.state):
            seat = self.state.seat_to_move
            return (f"{M.text(move)!r} is not a legal choice at this point "
                    f"(turn {self.state.turn}, {SEATS[seat]} to choose)")
        return None

    def play(self, move: tuple, reason: str | None = None) -> None:
        """Play one move, a seat's choice or a facilitator's, and record it: IllegalChoice for a
        choice not on offer, Refused (with the reason) for a facilitator move not allowed."""
        move = tuple(move)
        before = self.state
        mark = None if self.log is None else len(self.log)
        if M.is_facilitator(move):
            self.state = facilitate(before, move, reason, self.log)
        elif M.is_prediction(move):
            # Nothing on the board changes and no chance is drawn: only the record grows.
            made = predictions.check(before, move, **self._predicting(), reason=reason)
            if self.log is not None:
                self.log.append(predictions.entry(made))
        else:
            self.state = apply(before, move, self.log)
            if reason and mark is not None:
                # Right after the line saying what was done, before its consequences.
                self.log.insert(mark + 1, ("reason", before.seat_to_move, reason))
        self.moves.append(Move(move, reason))
        self.before.append((before, mark))

    def _predicting(self) -> dict:
        """What the prediction rules ask of the session about the seat to move: whether people
        play it, and what it has predicted this turn (read from the moves, so a game that keeps
        no log knows it too)."""
        state = self.state
        seat = state.seat_to_move
        if seat is None:
            return {"human": False, "made": ()}
        last = state.rules.scenario.turns
        made = []
        for move, (before, _) in zip(reversed(self.moves), reversed(self.before)):
            if before.turn != state.turn:
                break
            if M.is_prediction(move.choice) and before.seat_to_move == seat:
                made.append(predictions.read_statement(M.prediction_parts(move.choice)[1], last))
        return {"human": self.seats[SEATS[seat]] == "human", "made": tuple(made)}

    def predictions_left(self) -> int:
        """How many more predictions the seat to move may make now (0 when it may make none)."""
        ask = self._predicting()
        if not ask["human"] or not predictions.may_predict_now(self.state):
            return 0
        return max(0, predictions.MAX_PER_TURN - len(ask["made"]))

    # --- the past ---------------------------------------------------------------------------

    def state_before(self, index: int) -> State:
        """The state ``moves[index]`` was made in (``index == len(moves)``: the state now)."""
        return self.state if index == len(self.moves) else self.before[index][0]

    def undoable(self) -> int:
        """How many of the last moves the seat to move may take back now.

        Only a human seat's own moves, since it last had to wait for another seat (or the
        facilitator), in this same turn, and which drew no chance (the state's counter did not
        move): once dice are rolled or a card is drawn, or someone else has acted, the past is
        fixed. Read from the states kept with the moves, so it holds after a load too.
        """
        seat = self.state.seat_to_move
        if seat is None or self.seats[SEATS[seat]] != "human":
            return 0
        count = 0
        after = self.state
        for move, (before, _) in zip(reversed(self.moves), reversed(self.before)):
            if (M.is_facilitator(move.choice) or before.seat_to_move != seat or before.turn != self.state.turn
                    or before.counter != after.counter):
                break
            count += 1
            after = before
        return count

    def rewound(self, steps: int = 1) -> Game:
        """The same game with its last ``steps`` moves taken back (log, reasons and all); a
        what-if stays one. The game itself is left as it was."""
        if not 0 <= steps <= len(self.moves):
            raise ValueError(f"expected from 0 to {len(self.moves)} moves to take back, found {steps}")
        return self._prefix(len(self.moves) - steps, self.parent, self.branched_at)

    def branch(self, turn: int, parent: str, keep_white_cell: bool = False) -> Game:
        """A what-if: this game's choices up to the start of ``turn``, to play on differently.

        Same seed, so everything before the branch point is exactly as it was. With
        ``keep_white_cell`` the facilitator's acts of ``turn`` (``white_cell_acts``) are made
        again at the branch point, in their order, those the rules still allow there (an act
        made later in the turn, on a board the branch may never reach, can be out of bounds)."""
        if not 1 <= turn <= self.state.turn:
            raise ValueError(f"expected a turn from 1 to {self.state.turn}, found {turn}")
        kept = next((i for i, (before, _) in enumerate(self.before) if before.turn >= turn), len(self.moves))
        game = self._prefix(kept, parent, turn)
        if keep_white_cell:
            for move in self.white_cell_acts(turn):
                if game.refusal(move.choice, move.reason) is None:
                    game.play(move.choice, move.reason)
        return game

    def white_cell_acts(self, turn: int) -> list[Move]:
        """The facilitator's moves made in ``turn`` (injects, news held or brought forward,
        adjudications, notes), in the order made."""
        return [move for move, (before, _) in zip(self.moves, self.before)
                if before.turn == turn and M.is_facilitator(move.choice)]

    def _prefix(self, kept: int, parent: str | None, branched_at: int | None) -> Game:
        """A new game holding this one's first ``kept`` moves, as it stood then."""
        if kept == len(self.moves):
            state, mark = self.state, None if self.log is None else len(self.log)
        else:
            state, mark = self.before[kept]
        log = None if self.log is None else self.log[:mark]
        return Game(self.rules, self.seed, dict(self.seats), state, list(self.moves[:kept]), log,
                    parent, branched_at, self.seminar, list(self.before[:kept]))

    def restart(self) -> Game:
        """The same game at its first decision: seed, seats, seminar, no moves."""
        fresh = Game.start(self.rules, self.seed, self.seats, keep_log=self.log is not None)
        fresh.seminar = self.seminar
        return fresh

    def observe(self, viewer, log: bool = True):
        """What ``viewer`` may know of the game now (game.play.observer), with the log entries it may
        read (``log=False``, or a game that keeps no log: without them)."""
        from game.play.observer import observe

        if not log or self.log is None:
            return observe(self.state, viewer)
        return observe(self.state, viewer, log=self.log, seats=self.seats)

    def team(self, seat: int) -> str | None:
        """The seminar team playing ``seat``, if any."""
        return None if self.seminar is None else self.seminar.team(SEATS[seat])
