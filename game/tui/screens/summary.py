"""The turn's summary, between an upkeep and the next turn's news: what the Taliban did, who
scored what and why, what changed on the board.

The table (game.play.table) decides when a summary waits to be read and for whom
(``summary_turn``, ``summary_reader``); the words are game.words.summary's, read through the
observer, so on a shared screen it says only what any seat may read. An opaque screen: nothing
of the game screen underneath (a hand, in hot-seat) shows around it. Enter, Space or Escape goes
on; in a game nobody at the keyboard must dismiss (all computers, fast-forward) it goes on by
itself after a while, as the table says.
"""

from __future__ import annotations

import time

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.rules.model import SEATS
from game.tui.screens.base import BaseScreen, push_as_app
from game.tui.widgets.footer import KeyFooter
from game.words.log import country_name, seat_name
from game.words.summary import TurnSummary, categories, change, signed, turn_summary

# Keys in the first moments after the summary appears are not taken as read: they were meant for
# the game screen (Space skips computer moves and is often pressed several times; Enter confirms).
GRACE_SECONDS = 0.5
FIELD_SHORT = {"stability": "St", "border": "Bd", "refugees": "Rf", "discontent": "Di"}


def show_summary(app, table, shown: dict) -> None:
    """Show the summary of the turn the table says has just ended; the table hears when it has
    been read."""
    turn = table.summary_turn
    shown["summary"] = turn
    summary = turn_summary(table.game, turn, table.summary_reader)

    def done(_result) -> None:
        if table is app.table:
            shown.pop("summary", None)
            table.summary_read()

    if summary is None:  # cannot happen with a log; never hold the game up for it
        done(None)
        return
    push_as_app(app, TurnSummaryScreen(summary, breakpoint_classes(app)), done)


def _seat(seat: int, text: str | None = None, width: int = 0) -> Content:
    """A seat's name (or ``text``) in its colour, padded to ``width``."""
    name = text or seat_name(seat)
    return Content.styled(f"{name[0].upper() + name[1:]:<{width}}", f"bold $power-{SEATS[seat]}")


def _lead(power: int | None) -> Content:
    return Content("=") if power is None else _seat(power, SEATS[power][0].upper())


def _bullets(items, empty: str = "") -> Table | Content:
    """Sentences as bullets, each wrapping under its own first word (not under the bullet)."""
    if not items:
        return Content.styled(empty, "dim")
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for line in items:
        grid.add_row("•", Text(line))
    return grid


def taliban_lines(summary: TurnSummary) -> list[str]:
    """The Taliban's steps, without the "Taliban: " each log line begins with (the heading says it)."""
    out = []
    for line in summary.taliban:
        line = line.removeprefix("Taliban: ")
        out.append(line[:1].upper() + line[1:])
    return out


def score_cells(score) -> tuple[Content, Content]:
    """A seat's VP this turn and in all; and why: the upkeep's categories, then those of play."""
    head = Content.assemble(_seat(score.seat, width=13), (f"{signed(score.gained):>3}", "bold"),
                            f" → {score.total:>3}")
    why = Content(categories(score.upkeep) or "nothing at the upkeep")
    if score.during:
        why += Content.styled(f"; in play {categories(score.during)}", "dim")
    return head, why


def tracks_text(summary: TurnSummary) -> Content:
    rows = []
    for name, before, after in summary.tracks:
        style = "" if before == after else "bold"
        rows.append(Content.assemble(f"{name[0].upper()}{name[1:]:<22} ", (change(before, after), style)))
    return Content("\n").join(rows)


def states_text(summary: TurnSummary) -> Content:
    rows = []
    for s in summary.states:
        cells = [Content(f"{country_name(s.country):<13}")]
        for field, before, after in s.fields:
            text = f"{FIELD_SHORT.get(field, field)} {change(before, after)}"
            cells.append(Content.styled(f"{text:<10}", "" if before == after else "bold"))
        cells.append(Content(" " * 10 * (len(FIELD_SHORT) - len(s.fields))))
        before, after = s.leader
        lead = Content("lead ") + _lead(before)
        if before != after:
            lead += Content.styled(" → ", "bold") + _lead(after)
        cells.append(lead)
        rows.append(Content("").join(cells))
    return Content("\n").join(rows)


def breakpoint_classes(app) -> str:
    """The classes the App's breakpoints give a screen of the App's size now."""
    width, height = app.size
    out = []
    for points, n in ((app.HORIZONTAL_BREAKPOINTS, width), (app.VERTICAL_BREAKPOINTS, height)):
        names = [name for at, name in sorted(points or ()) if n >= at]
        out += names[-1:]
    return " ".join(out)


class TurnSummaryScreen(BaseScreen):
    """The summary of one turn, read-only; any of Enter, Space, Escape goes on."""

    CSS_PATH = "summary.tcss"  # read when first shown, keeping start-up quick
    GUIDE = """\
## The turn's summary

The turn is over: the Taliban have acted and the upkeep has scored. This screen says what the
Taliban did (each step with its numbers), who scored what and in which category, and what
changed on the board since the turn began: the tracks, each state's stability (`St`), border
security (`Bd`), refugees (`Rf`), youth discontent (`Di`) and who leads there (`=`: nobody).
Bold marks a change. It says only what the log lets this screen show: on a screen several
people share, what every seat may read.

Arrows and Page Up/Down scroll; **Enter**, **Space** or **Escape** goes on to the next turn's
news (a key pressed in its first half second is not taken as read: it was meant for the game
screen, such as a Space to skip computer moves). When nobody at the keyboard has to read it (all computers, or fast-forward), it goes on
by itself after a while."""

    BINDINGS = [Binding("enter,space,escape", "read", "Next turn", key_display="Enter", priority=True)]

    def __init__(self, summary: TurnSummary, classes: str = ""):
        # Given the App's breakpoint classes, the first frame has the layout of the window's
        # size (Textual sets them on the screen's first resize, a frame later).
        super().__init__(classes=classes)
        self.summary = summary
        self._timer = None
        self._since = time.monotonic()

    def body(self) -> ComposeResult:
        s = self.summary
        with Vertical(id="summary-box") as box:
            box.border_title = f"Turn {s.turn} · {s.date}: the turn is over"
            with VerticalScroll(id="summary-scroll"):
                yield Static("What the Taliban did", classes="summary-head -first")
                yield Static(_bullets(taliban_lines(s), "The Taliban did nothing this turn."), id="summary-taliban")
                if s.upkeep:
                    yield Static("The upkeep", classes="summary-head")
                    yield Static(_bullets(s.upkeep), id="summary-upkeep")
                yield Static("Victory points: this turn → in all, and why", classes="summary-head")
                with Vertical(id="summary-scores"):
                    for score in s.scores:
                        head, why = score_cells(score)
                        with Horizontal(classes="summary-score"):
                            yield Static(head, classes="summary-vp")
                            yield Static(why, classes="summary-why")
                yield Static("The board: start of the turn → after the upkeep", classes="summary-head")
                with Horizontal(id="summary-board"):
                    yield Static(tracks_text(s), id="summary-tracks")
                    with Vertical(id="summary-states-col"):
                        yield Static(states_text(s), id="summary-states")
                        if s.leads:
                            yield Static(_bullets(s.leads), id="summary-leads")
        yield KeyFooter()

    AUTO_FOCUS = "#summary-scroll"  # the arrows and Page Up/Down scroll it at once

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._arm, init=True)

    def _arm(self, _old=None, _new=None) -> None:
        """Go on by itself when the table says so (nobody has to read it), else wait."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        table = self.app.table
        delay = None if table is None else table.summary_delay()
        for box in self.query("#summary-box"):  # (none once the App is closing)
            box.border_subtitle = "Enter: next turn" if delay is None else "Goes on by itself · Enter: next turn"
        if delay is not None:
            self._timer = self.set_timer(delay or 0.001, self.action_go_on)

    def action_read(self) -> None:
        """A key: the summary has been read (unless the key came too soon to be meant for it)."""
        if time.monotonic() - self._since >= GRACE_SECONDS:
            self.action_go_on()

    def action_go_on(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_current:
            self.dismiss(None)
