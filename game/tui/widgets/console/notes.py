"""The Notes tab: an observation tied to the current turn, kept in the record (the teams do not
see notes during play), and the notes so far, newest first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from game.rules import moves as M
from game.tui.core import game_date
from game.tui.widgets.console.base import HERE, ConsoleTab


class NotesTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME, RESULT = "Notes (w)", "fac-notes", "w", "#note-text", "#note-result"
    STYLES = HERE / "notes.tcss"

    def compose(self) -> ComposeResult:
        yield Label("", id="note-label")
        yield Input(id="note-text", placeholder="an observation; Enter writes it to the record",
                    max_length=2000, compact=True)
        yield Static("", id="note-result", classes="fac-result")
        with VerticalScroll(id="notes-scroll", can_focus=False):
            yield Static("", id="notes-list", markup=False)

    def redraw(self) -> None:
        game = self.table.game
        if game is None:
            return
        self.query_one("#note-label", Label).update(
            f"An observation on turn {game.state.turn} ({game_date(game, game.state.turn)}), for the record:")
        notes = [e for e in game.log if e[0] == "note"]
        self.query_one("#notes-list", Static).update(
            "\n".join(f"Turn {e[1]}: {e[2]}" for e in reversed(notes)) if notes else "No notes yet in this game.")

    @on(Input.Submitted, "#note-text")
    def _note(self, event: Input.Submitted) -> None:
        self.note(event.value)

    def note(self, text: str) -> None:
        error = self.table.facilitate(M.note(), text.strip() or None)
        if error:
            self.result(f"{error}.", True)
            return
        self.query_one("#note-text", Input).value = ""
        self.result(f"Noted for turn {self.table.game.state.turn}.", False)
