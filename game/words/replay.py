"""A saved game turn by turn, as any seat (or the facilitator) may see it.

The board at the end of each turn is read from the states the game kept with its moves
(``Game.before``: a loaded save was replayed through the game's one door as it was read), so
nothing is replayed here. Who may read what is game.play.observer's to say, as
it was during play: a seat reads the public record, its own hand and reasons, and another
seat's computer reasons without their alternatives; the facilitator reads everything.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from game.play import observer
from game.rules import moves as M
from game.words.log import describe
from game.rules.model import SEATS, State
from game.play.session import Game
from game.play.observer import PUBLIC_KINDS, TEAM_PRIVATE_ENTRIES  # noqa: F401  (re-exported for tests)

FACILITATOR = None  # the viewpoint that sees everything
SEAT_KINDS = frozenset({"reason"})
FACILITATOR_KINDS = frozenset(TEAM_PRIVATE_ENTRIES)


@attrs.frozen
class Frame:
    """One turn of a game: the board as it ended, the hands as it began, and its log."""

    turn: int
    state: State  # when the turn was over (the engine reveals the next turn's news in the same step)
    start: State  # as the turn began, after its news: the hands the seats chose from
    log: tuple  # this turn's entries of the game's log, in order
    moves: range  # indices into game.rules.moves of the choices made in this turn
    complete: bool  # False for the turn still being played
    seats: dict = attrs.Factory(dict)  # seat id -> controller: a team's rationale is its own


def turn_frames(game: Game) -> list[Frame]:
    """A frame for every turn played (the one in progress included), from the game's states."""
    turns: list[tuple] = []  # (turn, end, start, moves, complete)
    start = game.state_before(0).clone()
    first = 0
    for i in range(len(game.moves)):
        before, after = game.state_before(i), game.state_before(i + 1)
        for turn in range(before.turn, after.turn):  # normally one; more if whole turns passed without a choice
            end = after.clone()
            turns.append((turn, end, start, range(first, i + 1), True))
            start, first = end, i + 1
    now = game.state
    turns.append((now.turn, now.clone(), start, range(first, len(game.moves)), now.over))
    # The game's own log; a game that kept none is played again (without AI) to write one.
    log = game.log if game.log is not None else _replayed_log(game)
    by_turn = split_log(log)
    return [Frame(turn, end, begun, tuple(by_turn.get(turn, ())), moves, complete, dict(game.seats))
            for turn, end, begun, moves, complete in turns]


def _replayed_log(game: Game) -> list:
    """The log of a game that kept none (a batch simulation's), from its moves."""
    replay = Game.start(game.rules, game.seed, game.seats, seminar=game.seminar)
    for move in game.moves:
        replay.play(move.choice, move.reason)
    return replay.log


def split_log(log: list) -> dict[int, list[tuple]]:
    """The log by turn: ("turn", n) starts turn n; a note goes to the turn it names."""
    by_turn: dict[int, list[tuple]] = {}
    current = 1
    for entry in log:
        kind = entry[0]
        if kind == "turn":
            current = entry[1]
        turn = entry[1] if kind == "note" and isinstance(entry[1], int) else current
        by_turn.setdefault(turn, []).append(entry)
    return by_turn


def _as_seen(entry: tuple, viewer: int | None, seats: dict) -> tuple | None:
    """The entry as ``viewer`` (a seat index, or None for the facilitator) read it in play."""
    return observer.entry_for(entry, _viewer(viewer), seats, over=False)


def _viewer(viewer: int | None):
    """A replay's viewpoint as game.play.observer names it."""
    return observer.FACILITATOR if viewer is FACILITATOR else viewer


def visible(entry: tuple, viewer: int | None, seats: dict | None = None) -> bool:
    """May ``viewer`` read this log entry (or a shortened form of it)?"""
    return _as_seen(entry, viewer, seats or {}) is not None


def turn_lines(frame: Frame, rules, viewer: int | None) -> list[tuple[tuple, str]]:
    """(entry, words) for every entry of the turn that ``viewer`` may read, in order, as it
    could read it during play."""
    seen = (_as_seen(e, viewer, frame.seats) for e in frame.log)
    return [(e, describe(e, rules)) for e in seen if e is not None]


def hands(frame: Frame, viewer: int | None) -> dict[int, list[str]]:
    """The hands ``viewer`` may see as the turn began: its own, or all five for the facilitator."""
    seen = observer.observe(frame.start, _viewer(viewer)).hands
    return {seat: list(hand) for seat, hand in enumerate(seen) if hand is not None}


def played(frame: Frame) -> dict[int, list[str]]:
    """The cards each seat played in the turn (public: every play is announced)."""
    out: dict[int, list[str]] = {}
    for entry in frame.log:
        if entry[0] == "play":
            out.setdefault(entry[1], []).append(entry[2])
    return out


def whatif_text(turn: int) -> str:
    """What branching at ``turn`` keeps, in words."""
    if turn <= 1:
        return "Play the game again from its first turn; nothing is kept but the seed and the seats."
    kept = "turn 1 is kept as it was" if turn == 2 else f"turns 1–{turn - 1} are kept as they were"
    return f"Play turn {turn} again from its start; {kept}."


def whatif_path(saves_dir: Path, parent: Path, turn: int) -> Path:
    """A new file for a what-if of ``parent`` at ``turn``: STEM-whatif-tN.yaml, then -2, -3, …
    (a what-if never replaces a save)."""
    base = f"{Path(parent).stem}-whatif-t{turn}"
    path = Path(saves_dir) / f"{base}.yaml"
    n = 2
    while path.exists():
        path = Path(saves_dir) / f"{base}-{n}.yaml"
        n += 1
    return path


def white_cell_lines(game: Game, turn: int, viewer: int | None) -> tuple[list[str], int]:
    """The facilitator's acts of ``turn`` in words, as ``viewer`` may read them (everything once
    the game is over), and how many more it may not read."""
    lines, hidden = [], 0
    for move, (before, mark) in zip(game.moves, game.before):
        if before.turn != turn or not M.is_facilitator(move.choice):
            continue
        entry = None if mark is None or game.log is None or mark >= len(game.log) else game.log[mark]
        seen = None if entry is None else observer.entry_for(entry, _viewer(viewer), game.seats, game.over)
        if seen is None:
            hidden += 1
        else:
            lines.append(describe(seen, game.rules))
    return lines, hidden
