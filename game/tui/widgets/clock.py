"""The phase clock on the game screen (seminar games only), and the prompt when it runs out.

The App owns the clock (``app.table.clock``, started per team phase); this widget only reads it once
a second and draws the time left. Running out never skips a team: the team is prompted to decide
now, once each time its time runs out, and the decision stays open until it is made.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from game.words.briefing import team_label
from game.rules.model import SEAT_NAMES, SEATS
from game.rules.moves import PENDING_OFFER
from game.play.seminar import clock_text
from game.tui.savefiles import SHORT_NAMES
from game.tui.screens.base import BaseModal

URGENT_SECONDS = 60  # the last minute shows in the warning colour (the last half of a short phase)
MAX_LABEL = 18  # characters of a team's name on the clock at 80 columns
SHARED_LABEL = 12  # each of two names (the phase's team, the one deciding in it)


def clock_label(game, phase_seat: int, deciding: int, time_left: str) -> str:
    """'Ankara 4:12': the team whose phase it is and whose time runs; 'Ankara 4:12 · Tashkent
    answers' while another seat decides inside that phase (an offer, a target to pick)."""
    def name(seat: int, most: int, seats: dict) -> str:
        text = game.team(seat) or seats[SEATS[seat]]
        return text if len(text) <= most else text[:most - 1] + "…"

    if deciding == phase_seat:
        return f"{name(phase_seat, MAX_LABEL, SEAT_NAMES)} {time_left}"
    verb = "answers" if game.state.pending.kind == PENDING_OFFER else "decides"
    return (f"{name(phase_seat, SHARED_LABEL, SHORT_NAMES)} {time_left} · "
            f"{name(deciding, SHARED_LABEL, SHORT_NAMES)} {verb}")


class PhaseClockView(Static):
    """'⏱ Moscow 4:12': whose phase it is and the time left; 'paused' when stopped; who is
    deciding inside another team's phase, when it is not that team."""

    def __init__(self, prompt: bool = True, **kwargs):
        super().__init__("", **kwargs)
        self.prompt = prompt  # tell the team when its time is up (not on the projector)
        self._prompted = None  # the running-out already prompted: (phase, seconds allowed)
        self._last = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)
        self.tick()

    def tick(self) -> None:
        """Redraw (only on change) and prompt the team when its time has just run out."""
        app = self.app
        game = app.game
        on = game is not None and game.seminar is not None and not game.over
        self.display = on
        if not on:
            return
        clock = app.table.team_clock()
        paused = app.table.paused or (clock is not None and clock.paused)
        if clock is None:
            key = ("idle", app.table.paused)
            text = "⏸ paused" if app.table.paused else "⏱ –:––"
            left = None
        else:
            left = clock.remaining(app.table.clock_source())
            text = f"⏱ {clock_label(game, app.table.phase_seat(), game.state.seat_to_move, clock_text(left))}"
            text += " paused" if paused else (" time is up" if left <= 0 else "")
            key = (text, paused)
        if key != self._last:
            self._last = key
            self.update(Content(f" {text} "))
            self.set_class(clock is None, "-idle")
            self.set_class(paused, "-paused")
            urgent = left is not None and 0 < left <= min(URGENT_SECONDS, clock.seconds / 2)
            self.set_class(urgent and not paused, "-urgent")
            self.set_class(left is not None and left <= 0, "-out")
        # Only the deciding team's screen is told (in hot-seat it has the keyboard; a hosted
        # game's other screens, the facilitator's and the projector's, just show the clock).
        if (clock is not None and left <= 0 and not paused and self.prompt
                and app.table.viewer == game.state.seat_to_move):
            self._time_up(clock)

    def _time_up(self, clock) -> None:
        app = self.app
        expiry = (app.table.phase_key(), clock.seconds)  # an extension re-arms the prompt
        if self._prompted == expiry or any(isinstance(s, TimeUpDialog) for s in app.screen_stack):
            return
        self._prompted = expiry
        game = app.game
        seat = game.state.seat_to_move
        app.push_screen(TimeUpDialog(game.team(seat), SEATS[seat]))


class TimeUpDialog(BaseModal):
    """'Time is up, Team Moscow: decide now'. Closing it leaves the decision open."""

    GUIDE = """\
## Time is up

The team's time for this phase has run out. Nothing has been played for them: the decision
waits until they make it. Enter closes this and goes back to the decision; `+` (or the button)
gives the team one more minute."""

    BINDINGS = [
        Binding("escape", "close", "Decide now"),
        Binding("plus,equals_sign,p", "more", "+1 minute", key_display="+"),
    ]

    def __init__(self, team: str | None, seat: str):
        super().__init__(classes=f"-p-{seat}")
        self.team = team
        self.seat = seat

    def body(self) -> ComposeResult:
        who = team_label(self.team, self.seat)
        with Vertical(id="timeup-box", classes="dialog") as box:
            box.border_title = "Time is up"
            yield Static(f"Time is up, {who}: decide now.", id="timeup-title")
            yield Static("Nothing is played for you: the decision waits for your team. "
                         "The facilitator may give you one more minute.", id="timeup-text")
            with Horizontal(id="timeup-buttons"):
                yield Button("Decide now (Enter)", id="decide", variant="primary", compact=True)
                yield Button("+1 minute (+)", id="more", compact=True)

    def on_mount(self) -> None:
        self.query_one("#decide").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "more":
            self.action_more()
        else:
            self.action_close()

    def action_more(self) -> None:
        """A whole minute from now: the time already run over is given back too."""
        app = self.app
        clock = app.table.clock
        late = 0.0
        if clock is not None:
            now = app.table.clock_source()
            used = clock.spent + (now - clock.started if clock.started is not None else 0.0)
            late = max(0.0, used - clock.seconds)
        app.table.clock_extend(60 + late)
        self.dismiss("more")

    def action_close(self) -> None:
        self.dismiss("decide")
