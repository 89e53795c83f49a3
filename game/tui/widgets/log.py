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

from game.log import TEAM_PRIVATE_ENTRIES, describe
from game.model import SEATS

MAX_PARAGRAPHS = 150
# What the facilitator did that the teams must not read during play: which news was held back
# or brought forward (it tells what is coming) and the facilitator's own observations.
PRIVATE_KINDS = TEAM_PRIVATE_ENTRIES


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


def entry_lines(entry: tuple, game) -> list[tuple[tuple, str]]:
    """The entry in words, as (entry, text) lines: a human seat's reason is labelled as its
    team's rationale, and a card's event is followed by the card's question for discussion
    (as a ("discussion", card) line of its own, so it can be styled apart)."""
    kind = entry[0]
    if kind == "reason" and entry[1] is not None and game.seats.get(SEATS[entry[1]]) == "human":
        team = game.team(entry[1])
        who = f"{team}'s" if team else "Team's"
        return [(entry, f"  {who} rationale: {entry[2]}")]
    lines = [(entry, describe(entry, game.rules))]
    if kind == "event" and game.rules.cards[entry[1]].question:
        lines.append((("discussion", entry[1]), f"  Discussion: {game.rules.cards[entry[1]].question}"))
    return lines


def style_of(entry: tuple, text: str) -> str:
    kind = entry[0]
    if kind == "turn":
        return "bold $accent"
    if kind == "reason" and " rationale: " in text:
        return "italic $secondary"
    if kind == "discussion":
        return "italic $accent"
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
    """Scrollable; ``show`` redraws only when the log has grown or changed. ``hide`` names
    kinds of entries left out (the facilitator's private ones, while the teams play)."""

    def __init__(self, *args, hide: tuple = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.hide = hide

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
            if entry[0] in self.hide:
                continue
            for line in entry_lines(entry, game):
                if line[1].startswith("  ") and groups:
                    groups[-1].append(line)
                else:
                    groups.append([line])
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
