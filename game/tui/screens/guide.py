"""The facilitator's guide (game/docs/facilitator-guide.md): learning objectives, a 60- and a
90-minute plan, how to brief, when to inject, the debrief, and a note on the source. Reached from
How to play and the briefing screen with `g`."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import MarkdownViewer

from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

GUIDE_FILE = "facilitator-guide.md"


def guide_text() -> str:
    """The guide's Markdown, from the installed package (or the checkout)."""
    try:
        return resources.files("game.docs").joinpath(GUIDE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return f"# The facilitator's guide\n\nThe guide could not be read: {e}."


class GuideScreen(BaseScreen):
    GUIDE = ("The facilitator's guide: plans for a 60- and a 90-minute class, briefing, the White Cell, the "
             "debrief and a note on the article. Arrows or Page Up/Down scroll; Escape goes back.")
    BINDINGS = [Binding("escape", "back", "Back")]

    def body(self) -> ComposeResult:
        yield MarkdownViewer(guide_text(), show_table_of_contents=False, id="guide")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#guide").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
