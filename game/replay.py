"""A saved game turn by turn, as any seat (or the facilitator) may see it.

A save holds only the seed and the choices, so the board at the end of each turn comes from
replaying them through ``Game.start`` / ``Game.play`` (the engine's one door); nothing is
copied out of the loaded game but its log. Who may see what is decided here, not by clients:
a seat sees everything public and its own hand and reasons; the facilitator sees everything.
Unknown log kinds are hidden from seats until classified (a new private kind must not leak).
"""

from __future__ import annotations

from pathlib import Path

import attrs

from game.log import TEAM_PRIVATE_ENTRIES, describe
from game.model import SEATS, State
from game.session import Game

FACILITATOR = None  # the viewpoint that sees everything

# Log kinds every seat sees: plays, events, offers, their consequences, the Taliban (``t_…``),
# scores, and the facilitator's open rulings (an injected card, an adjudication).
PUBLIC_KINDS = frozenset({
    "turn", "news", "play", "event", "target", "option", "op", "ops_end", "offer", "answer",
    "field", "track", "influence", "vp", "base", "tension_cost", "withdrawn", "project_start",
    "project_dup", "project_stalled", "project_done", "no_cards", "phase", "collapse", "end",
    "inject", "adjust",
})
# Log kinds that belong to one seat (entry[1]): only that seat and the facilitator see them.
SEAT_KINDS = frozenset({"reason"})
# Log kinds for the facilitator only: notes, and the news deck's plan (which would tell the
# seats what is coming).
FACILITATOR_KINDS = frozenset(TEAM_PRIVATE_ENTRIES)


@attrs.frozen
class Frame:
    """One turn of a game: the board as it ended, the hands as it began, and its log."""

    turn: int
    state: State  # when the turn was over (the engine reveals the next turn's news in the same step)
    start: State  # as the turn began, after its news: the hands the seats chose from
    log: tuple  # this turn's entries of the game's log, in order
    moves: range  # indices into game.moves of the choices made in this turn
    complete: bool  # False for the turn still being played


def turn_frames(game: Game) -> list[Frame]:
    """A frame for every turn played (the one in progress included), from the seed."""
    replay = Game.start(game.rules, game.seed, game.seats)
    turns: list[tuple] = []  # (turn, end, start, moves, complete)
    start = replay.state.clone()
    first = 0
    for i, move in enumerate(game.moves):
        before = replay.state.turn
        replay.play(move.choice, move.reason)
        after = replay.state.turn
        for turn in range(before, after):  # normally one; more if whole turns passed without a choice
            end = replay.state.clone()
            turns.append((turn, end, start, range(first, i + 1), True))
            start, first = end, i + 1
    turns.append((replay.state.turn, replay.state.clone(), start, range(first, len(game.moves)), replay.state.over))
    # The game's own log (it may hold more than a replay writes); the replay's if it kept none.
    by_turn = split_log(game.log if game.log is not None else replay.log)
    return [Frame(turn, end, begun, tuple(by_turn.get(turn, ())), moves, complete)
            for turn, end, begun, moves, complete in turns]


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


def visible(entry: tuple, viewer: int | None) -> bool:
    """May ``viewer`` (a seat index, or None for the facilitator) read this log entry?"""
    if viewer is FACILITATOR:
        return True
    kind = entry[0]
    if kind in SEAT_KINDS:
        return entry[1] == viewer
    return kind in PUBLIC_KINDS or kind.startswith("t_")


def turn_lines(frame: Frame, rules, viewer: int | None) -> list[tuple[tuple, str]]:
    """(entry, words) for every entry of the turn that ``viewer`` may read, in order."""
    return [(e, describe(e, rules)) for e in frame.log if visible(e, viewer)]


def hands(frame: Frame, viewer: int | None) -> dict[int, list[str]]:
    """The hands ``viewer`` may see as the turn began: its own, or all five for the facilitator."""
    seats = range(len(SEATS)) if viewer is FACILITATOR else (viewer,)
    return {seat: list(frame.start.hands[seat]) for seat in seats}


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
