"""The game's log, newest first, in the words of ``game.words.log.describe``.

Entries are grouped into paragraphs: a card played and all that follows from it (the reason,
the event it triggers, the target and option chosen, an offer and its answer, the operations
bought), a phase and its lines, a facilitator's move. Paragraphs run newest first, lines within
one stay in order, so a cause is always read before its effects.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.words.log import describe
from game.rules.model import SEATS
from game.play.observer import readable_log

MAX_PARAGRAPHS = 150


# Top-level lines that are consequences of the line before them, not new paragraphs: a card's
# event (of a card played, or of the news), its target and option, the offer it makes and the
# answer, the operations a card bought, the news of a turn, each step of the Taliban phase; and
# a facilitator's note, an aside about the move under way that must not split it in two.
CONTINUES = frozenset({"event", "target", "option", "offer", "answer", "op", "ops_end", "news", "note"})


def starts_paragraph(entry: tuple, text: str) -> bool:
    """Whether this line opens a paragraph of its own rather than continuing the last one."""
    kind = entry[0]
    return not (text.startswith("  ") or kind in CONTINUES or kind.startswith("t_"))


def add_lines(groups: list, lines: list[tuple[tuple, str]]) -> None:
    """Append (entry, text) lines to the paragraphs, opening new ones where they start."""
    for line in lines:
        if groups and not starts_paragraph(*line):
            groups[-1].append(line)
        else:
            groups.append([line])


def paragraphs(log: list, rules) -> list[list[tuple[tuple, str]]]:
    """[(entry, text), ...] grouped into paragraphs, oldest first."""
    groups: list = []
    add_lines(groups, [(entry, describe(entry, rules)) for entry in log])
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
    if kind == "predict":  # a team's own prediction (only it and the facilitator read it in play)
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
    kinds of entries left out (the facilitator's private ones, while the teams play); ``limit``
    how many paragraphs, newest first, are drawn during play (None: all, at the end)."""

    def __init__(self, *args, limit: int | None = MAX_PARAGRAPHS, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit

    def compose(self) -> ComposeResult:
        yield Static("", id="log-text", markup=False)

    def show(self, game, reader, force: bool = False) -> None:
        """Redraw if the log changed, as ``reader`` may read it (game.play.observer). Off screen
        (another tab) it waits until shown: building a long log is the costliest drawing in
        the game, and nobody is looking."""
        self._game, self._reader = game, reader
        key = (id(game), len(game.log), reader, game.over)
        if getattr(self, "_key", None) == key:
            return
        if not force and not self.is_on_screen:
            return
        self._key = key
        cache = getattr(self, "_cache", None)
        if (cache is None or cache[0] is not game.log or cache[1] > len(game.log)
                or cache[3] != (reader, game.over)):
            cache = self._cache = [game.log, 0, [], (reader, game.over)]
        groups = cache[2]
        # Only the entries added since the last redraw, as the observer lets ``reader`` read them.
        for entry in readable_log(game.log[cache[1]:], reader, game.seats, game.over):
            add_lines(groups, entry_lines(entry, game))
        cache[1] = len(game.log)
        parts: list = []
        for group in reversed(groups if self.limit is None else groups[-self.limit:]):
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
            self.show(self._game, self._reader)
