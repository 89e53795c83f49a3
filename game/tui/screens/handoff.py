"""Hot-seat: 'pass the keyboard to …'. An opaque screen that shows nothing private.

While it is up, the App's viewer is nobody, so no hand is drawn underneath either; the next
seat's hand appears only once that player presses Enter.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from game.words.briefing import team_label
from game.rules.model import SEAT_NAMES, SEATS
from game.rules.moves import PENDING_OFFER
from game.tui.commands import HandoffCommands
from game.tui.core import SEAT_LETTERS, game_date
from game.tui.screens.base import BaseScreen, push_as_app
from game.tui.widgets.footer import KeyFooter


def show_handoff(app, table, shown: dict) -> None:
    """Ask for the keyboard to be handed to the seat the table names; the table hears when it
    has been."""
    seat = table.handoff_for
    if isinstance(app.screen, HandoffScreen):  # for a seat no longer to move (the console
        app.pop_screen()  # changed whose decision it is): replaced, its callback never runs
    shown["handoff"] = seat

    def done(_result) -> None:
        if table is app.table:
            shown.pop("handoff", None)
            table.handed_over(seat)

    push_as_app(app, HandoffScreen(seat, table.game), done)


class HandoffScreen(BaseScreen):
    GUIDE = """\
## Pass the keyboard

Several people are playing at this keyboard (hot-seat). The next decision belongs to the seat
named here. Hand over the keyboard; that player presses **Enter** to see their hand and decide.
Nothing private is on screen until then.

The facilitator may open the console from here too (`F9`, or *Facilitator console* in
`ctrl+p`, after a confirmation); leaving it comes back to this screen, and no hand is shown."""

    COMMANDS = {HandoffCommands}
    BINDINGS = [Binding("enter", "ready", "I'm ready", priority=True),
                Binding("f9,ctrl+f", "facilitator", "Facilitator", key_display="F9")]

    def __init__(self, seat: int, game):
        super().__init__(classes=f"-p-{SEATS[seat]}")
        self.seat = seat
        self.game = game

    def body(self) -> ComposeResult:
        s = SEATS[self.seat]
        state = self.game.state
        pending = state.pending
        why = "to answer an offer" if pending is not None and pending.kind == PENDING_OFFER else "for their move"
        team = self.game.team(self.seat)  # a seminar team, named as the class knows it
        who = team_label(team, s)
        with Vertical(id="handoff-box"):
            yield Static(Content.from_markup(f"[b reverse $power-{s}] {SEAT_LETTERS[s]} [/]"), id="handoff-badge")
            yield Static(f"Pass the keyboard to\n{who}", id="handoff-title")
            yield Static(f"Turn {state.turn}, {game_date(self.game, state.turn, long=True)} — {who} {why}.\n"
                         "Everyone else, look away from the screen.", id="handoff-text")
            with Center():
                ready = "We are here: show our hand (Enter)" if team else f"I am {SEAT_NAMES[s]}: show my hand (Enter)"
                yield Button(ready, id="ready", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#ready").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(self.seat)

    def action_facilitator(self) -> None:
        from game.tui.screens.facilitator import open_console

        open_console(self.app)
