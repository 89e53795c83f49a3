"""The Pause & clock tab: the facilitator's pause (no moves, no computer moves, the clock
stopped) and the running team's phase clock: stop or run it, a minute more, end its time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static

from game.tui.widgets.console.base import HERE, ConsoleTab, clock_words


class ClockTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME = "Pause & clock (k)", "fac-clock", "k", "#pause-toggle"
    STYLES = HERE / "clock.tcss"

    def compose(self) -> ComposeResult:
        yield Static("", id="clock-state")
        with Vertical(id="clock-buttons"):
            yield Button("Pause the game (p)", id="pause-toggle", variant="warning", compact=True)
            yield Button("Stop the clock (t)", id="clock-toggle", compact=True)
            yield Button("+1 minute (+)", id="clock-extend", compact=True)
            yield Button("End this phase's time (x)", id="clock-skip", compact=True)

    def redraw(self) -> None:
        table = self.table
        game = table.game
        if game is None:
            return
        lines = []
        if table.paused:
            lines.append(("The game is PAUSED: no moves, no computer moves, the clock stopped.\n", "bold $warning"))
        else:
            lines.append("The game is running.\n")
        clock = clock_words(table)
        if clock:
            lines.append(f"Phase clock: {clock}.")
        elif game.seminar is None:
            lines.append(("No phase clock: this is not a seminar game.", "$text-muted"))
        else:
            lines.append(("No phase clock running now (it starts when a team has the keyboard).", "$text-muted"))
        self.query_one("#clock-state", Static).update(Content.assemble(*lines))
        self.query_one("#pause-toggle", Button).label = "Resume the game (p)" if table.paused else "Pause the game (p)"
        stopped = table.clock is None or table.clock.paused
        self.query_one("#clock-toggle", Button).label = "Run the clock (t)" if stopped else "Stop the clock (t)"
        for name in ("#clock-toggle", "#clock-extend", "#clock-skip"):
            self.query_one(name, Button).disabled = table.clock is None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"pause-toggle": self.pause, "clock-toggle": self.clock_toggle,
                   "clock-extend": self.clock_extend, "clock-skip": self.clock_skip}
        if event.button.id in actions:
            actions[event.button.id]()

    # The console's keys p, t, + and x come here too, from any tab.

    def pause(self) -> None:
        """Pause the game, or resume it."""
        self.table.set_paused(not self.table.paused)

    def clock_toggle(self) -> None:
        self.table.clock_toggle()

    def clock_extend(self) -> None:
        self.table.clock_extend(60)

    def clock_skip(self) -> None:
        self.table.clock_skip()
