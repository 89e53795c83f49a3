"""What every tab of the facilitator's console shares: the table it acts through, the widget
that takes the focus when the tab opens, and the one result line under it.

A tab reads the game and acts on it only through its ``table``, and only by these names (today
the App itself; the controller that replaces it keeps them):

- read: ``table.game`` (the session: .state, .rules, .log, .seats, .seminar, .moves),
  ``table.paused``, ``table.clock`` (a game.play.seminar.PhaseClock or None), ``table.clock_source()``;
- act: ``table.facilitate(choice, reason=None)`` (the refusal in words, or None),
  ``table.set_paused(bool)``, ``table.clock_toggle()``, ``table.clock_extend(seconds)``,
  ``table.clock_skip()``, ``table.console_shown(bool)``.

A tab changes nothing itself: every intervention goes to ``table.facilitate`` and so through the
rules' own refusals. Each tab is a TabPane, so the console's TabbedContent holds the tabs as they
are, with no wrapper between the pane and what it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static, TabPane

HERE = Path(__file__).parent


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock_words(table) -> str:
    """The phase clock in a few words ("Moscow 0:45 (running)"), or "" without a clock."""
    from game.play.seminar import clock_text

    clock = table.clock
    if clock is None:
        return ""
    state = "stopped" if clock.paused else "running"
    return f"{clock.label} {clock_text(clock.remaining(table.clock_source()))} ({state})"


class ConsoleTab(TabPane):
    """One tab of the console. Subclasses set the class attributes, write ``compose`` and
    ``redraw`` (what the table shows now), and act through ``self.table``."""

    TITLE: ClassVar[str] = ""
    PANE_ID: ClassVar[str] = ""
    KEY: ClassVar[str] = ""  # the console's key that opens the tab
    HOME: ClassVar[str] = ""  # the selector of the widget that takes the focus when the tab opens
    RESULT: ClassVar[str] = ""  # the selector of the tab's result line
    STYLES: ClassVar[Path | None] = None  # the tab's own .tcss, read with the console's

    def __init__(self, table):
        super().__init__(self.TITLE, id=self.PANE_ID)
        self.table = table

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Show what the table holds now (called whenever the game changes).

        Not ``refresh``: that is Textual's own repaint, which every widget must keep."""

    def home(self) -> Widget:
        return self.query_one(self.HOME)

    def focus_home(self) -> None:
        self.home().focus()

    def result(self, text: str, error: bool) -> None:
        """One line under the tab: what was done, or why it was refused (nothing changed)."""
        widget = self.query_one(self.RESULT, Static)
        widget.set_class(error, "-error")
        widget.update(Content(("✗ " if error else "✓ ") + cap(text)))
