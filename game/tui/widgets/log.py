"""The game's log, newest first, in the words of ``game.log.describe``.

Entries are grouped into paragraphs (a move and its indented consequences, with the AI's
reason right after the move); paragraphs run newest first, lines within one stay in order,
so a cause is always read before its effects.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.log import describe

MAX_PARAGRAPHS = 150


def paragraphs(log: list, rules) -> list[list[tuple[tuple, str]]]:
    """[(entry, text), ...] grouped: a top-level line and the indented lines after it."""
    groups: list = []
    for entry in log:
        text = describe(entry, rules)
        if text.startswith("  ") and groups:
            groups[-1].append((entry, text))
        else:
            groups.append([(entry, text)])
    return groups


def style_of(entry: tuple, text: str) -> str:
    kind = entry[0]
    if kind == "turn":
        return "bold $accent"
    if kind == "news":
        return "bold"
    if kind == "reason":
        return "italic $text-muted"
    if kind in ("collapse", "end"):
        return "bold $danger"
    if kind.startswith("t_"):
        return "$warning"
    if kind == "phase":
        return "$text-muted"
    if kind in ("play", "answer", "offer"):
        return "bold"
    return ""


class GameLog(VerticalScroll, can_focus=True):
    """Scrollable; ``show`` redraws only when the log has grown or changed."""

    def compose(self) -> ComposeResult:
        yield Static("", id="log-text", markup=False)

    def show(self, game, force: bool = False) -> None:
        """Redraw if the log changed. Off screen (another tab) it waits until shown: building
        a long log is the costliest drawing in the game, and nobody is looking."""
        self._game = game
        key = (id(game), len(game.log))
        if getattr(self, "_key", None) == key:
            return
        if not force and not self.is_on_screen:
            return
        self._key = key
        cache = getattr(self, "_cache", None)
        if cache is None or cache[0] is not game.log or cache[1] > len(game.log):
            cache = self._cache = [game.log, 0, []]
        groups = cache[2]
        for entry in game.log[cache[1]:]:
            text = describe(entry, game.rules)
            if text.startswith("  ") and groups:
                groups[-1].append((entry, text))
            else:
                groups.append([(entry, text)])
        cache[1] = len(game.log)
        parts: list = []
        for group in reversed(groups[-MAX_PARAGRAPHS:]):
            for entry, text in group:
                parts.append((text, style_of(entry, text)))
                parts.append("\n")
        if parts:
            parts.pop()
        else:
            parts = ["Nothing has happened yet."]
        self.query_one("#log-text", Static).update(Content.assemble(*parts))
        self.scroll_home(animate=False)

    @property
    def is_on_screen(self) -> bool:
        return self.is_mounted and self.display and self.region.area > 0

    def on_show(self) -> None:
        if getattr(self, "_game", None) is not None:
            self.show(self._game)
