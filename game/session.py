"""A game in progress: its rules, seed, who sits where, every choice made and the log.

A game *is* its seed plus its list of choices; that list is the save file, the replay and the
source of the log. This wrapper is what clients hold (CLI, TUI, simulator); the engine below
it stays a pure state machine.
"""

from __future__ import annotations

import attrs

from game.cards import Rules
from game.engine import apply, legal_choices, new_game
from game.model import SEATS, State
from game.seminar import Seminar, facilitate, is_facilitator_move, seminar_rules

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
        return legal_choices(self.state)

    def controller(self) -> str | None:
        seat = self.state.seat_to_move
        return None if seat is None else self.seats[SEATS[seat]]

    def play(self, choice: tuple, reason: str | None = None) -> None:
        """Apply one choice (IllegalChoice if it is not on offer) and record it. A facilitator's
        move (game.seminar) is applied the same way, or Refused with the reason."""
        if is_facilitator_move(choice):
            self.state = facilitate(self.state, tuple(choice), reason, self.log)
            self.moves.append(Move(tuple(choice), reason))
            return
        seat = self.state.seat_to_move
        first = None if self.log is None else len(self.log)
        self.state = apply(self.state, choice, self.log)
        if reason and first is not None:
            # Right after the line saying what was done, before its consequences.
            self.log.insert(first + 1, ("reason", seat, reason))
        self.moves.append(Move(tuple(choice), reason))

    def branch(self, turn: int, parent: str) -> Game:
        """A what-if: this game's choices up to the start of ``turn``, to play on differently.

        Same seed, so everything before the branch point replays exactly."""
        if not 1 <= turn <= self.state.turn:
            raise ValueError(f"expected a turn from 1 to {self.state.turn}, found {turn}")
        fresh = self.restart()
        for move in self.moves:
            if fresh.state.turn >= turn:
                break
            fresh.play(move.choice, move.reason)
        fresh.parent, fresh.branched_at = parent, turn
        return fresh

    def restart(self) -> Game:
        """The same game at its first decision: seed, seats, seminar, no moves."""
        fresh = Game.start(self.rules, self.seed, self.seats, keep_log=self.log is not None)
        fresh.seminar = self.seminar
        return fresh

    def team(self, seat: int) -> str | None:
        """The seminar team playing ``seat``, if any."""
        return None if self.seminar is None else self.seminar.team(SEATS[seat])

