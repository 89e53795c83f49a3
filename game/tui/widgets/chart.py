"""Scores over the turns: one row of bars per seat, all on the same scale, letter beside colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from game.rules.model import SEATS
from game.tui.core import SEAT_LETTERS, SHORT_NAMES

BLOCKS = " ▁▂▃▄▅▆▇█"


def series(state) -> list[tuple[int, ...]]:
    """VP of every seat after each turn's upkeep, plus the final score if the game ended
    between upkeeps (a collapse)."""
    history = list(state.history)
    if not history or tuple(history[-1]) != tuple(state.vp):
        history.append(tuple(state.vp))
    return history


class ScoreChart(Static):
    def on_resize(self) -> None:
        if getattr(self, "_state", None) is not None:
            self.show(self._state)

    def show(self, state) -> None:
        self._state = state
        rows = series(state)
        lo = min(min(r) for r in rows)
        hi = max(max(r) for r in rows)
        span = max(1, hi - lo)
        room = (self.content_size.width or 40) - 16
        cell = max(2, min(7, room // max(1, len(rows))))
        parts: list = []
        for seat, s in enumerate(SEATS):
            parts.append((f"{SEAT_LETTERS[s]} ", f"bold $power-{s}"))
            parts.append(f"{SHORT_NAMES[s]:<8}")
            bars = ""
            for r in rows:
                level = round((r[seat] - lo) * (len(BLOCKS) - 2) / span) + 1
                bars += BLOCKS[level] * (cell - 1) + " "
            parts.append((bars, f"$power-{s}"))
            parts.append(f"{rows[-1][seat]:>4}\n")
        axis = " " * 10 + "".join(f"{i + 1:<{cell}}" for i in range(len(rows)))
        parts.append((axis + "  turn", "dim"))
        parts.append(("\n" + " " * 10 + f"scale: lowest bar {lo} VP, highest {hi} VP", "dim"))
        self.update(Content.assemble(*parts))
