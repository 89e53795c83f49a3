"""The facilitator's console, the White Cell: inject a card now, hold or bring forward the coming
news, adjudicate a track or a value with a written reason, write observation notes tied to the
turn, pause the game and run the phase clock; and read every team's predictions.

It sits behind a confirmation because it shows what the teams must never see (the news still
to come). It changes nothing itself: every intervention goes to ``table.facilitate`` and so
through the rules' own refusals (game.play.seminar), is recorded among the game's moves and replays
with the save.

This screen only holds the console: the tabs (one widget each, in game.tui.widgets.console),
the status line and the keys. It hands each tab the ``table`` it reads and acts through, and
redraws them when the game changes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static, TabbedContent

from game.rules.model import SEAT_NAMES, SEATS
from game.tui.core import game_date
from game.tui.screens.base import BaseModal, BaseScreen
from game.tui.widgets import console
from game.tui.widgets.console import ClockTab, ConsoleTab, InjectTab, NewsTab, SeatPicker, clock_words
from game.tui.widgets.footer import KeyFooter

__all__ = ["FacilitatorGate", "FacilitatorScreen", "SeatPicker", "open_console"]

TABS = {tab.KEY: tab.PANE_ID for tab in console.TABS}


def open_console(app) -> None:
    """Ask first (so a team never stumbles into it), then open the console."""
    if app.game is None:
        return
    role = getattr(app.table, "role", None)  # a hosted game's: the code said who this screen is
    if role == "facilitator":  # the facilitator's own screen: no need to ask
        app.push_screen(FacilitatorScreen())
        return
    if role is not None:
        app.notify("The console is on the facilitator's own screen (the facilitator's code).", severity="warning")
        return

    def answered(yes: bool | None) -> None:
        if yes and app.game is not None:
            app.push_screen(FacilitatorScreen())

    app.push_screen(FacilitatorGate(), answered)


class FacilitatorGate(BaseModal):
    """The confirmation in front of the console; dismisses with True to open it."""
    CSS_PATH = "facilitator.tcss"  # read when first shown, keeping start-up quick

    GUIDE = """\
## Facilitator console?

The console is for the facilitator only: it shows the news still to come, which the teams
must not see, and it can change the game (inject a card, adjudicate a value). `y` opens it,
Escape or `n` goes back to the game."""

    BINDINGS = [Binding("y", "open", "Open"), Binding("escape,n", "back", "Back to the game")]

    def body(self) -> ComposeResult:
        with Vertical(id="fac-gate", classes="dialog") as box:
            box.border_title = "Facilitator console"
            yield Static("For the facilitator only: it shows the coming news, which the teams must "
                         "not see, and can change the game.\n\nPress Y to open, Escape to go back.",
                         id="fac-gate-text", markup=False)
            with Vertical(id="fac-gate-buttons"):
                yield Button("Open the console (y)", id="fac-open", variant="warning", compact=True)
                yield Button("Back to the game (Esc)", id="fac-back", compact=True)

    def on_mount(self) -> None:
        self.query_one("#fac-back").focus()  # Enter alone never opens it

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "fac-open")

    def action_open(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


class FacilitatorScreen(BaseScreen):
    # Read when first shown, keeping start-up quick: the console's own styles, then each tab's.
    CSS_PATH = ["facilitator.tcss", *console.STYLES]
    GUIDE = """\
## The facilitator console (White Cell)

Everything done here is recorded among the game's moves as the facilitator's, saved, replayed,
and listed in the after-action report. The rules refuse what they do not allow, with a reason,
and then nothing changes.

- **Inject** (`i`): every card; Enter injects the highlighted one now (its event happens at
  once). A neutral action card asks which seat it is played for. `/` filters by title; Enter
  in the filter goes to the first card that matches. Tab from the list reaches an optional
  reason, kept in the record and the report (Enter there injects too).
- **Coming news** (`c`): the news still to come, in order, with the turn each is due (the
  teams never see this). `n` brings the card forward (it comes next), `h` holds it back or
  releases a held card.
- **Adjudicate** (`a`): choose a track, a state's value or a power's influence; `+` and `-`
  set the change; Enter or Tab goes to the reason, which is required; Enter there rules. Values stay inside the rules' bounds
  (stability never below 1: a collapse must come from play).
- **Notes** (`w`): an observation tied to the current turn, kept in the record (teams do not
  see notes during play).
- **Pause & clock** (`k`): `p` pauses or resumes the game (no moves, no computer moves, the
  clock stopped; the game screen says so); `t` stops or runs the phase clock, `+` adds a
  minute, `x` ends the phase's time.
- **Predictions** (`f`): every team's predictions (the teams see only their own), each marked
  once it has come true (✓) or not (✗), and each team's Brier score so far.

Escape leaves a text field, then the console."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("p", "pause", "Pause/resume"),
        Binding("t", "clock_toggle", "Clock", show=False),
        Binding("plus,equals_sign", "clock_extend", "+1 minute", show=False),
        Binding("x", "clock_skip", "End phase time", show=False),
        Binding("slash", "filter", "Filter", show=False),
    ] + [Binding(k, f"tab('{tab}')", show=False) for k, tab in TABS.items()]

    def __init__(self, table=None):
        super().__init__()
        self._table = table
        self._tabs: tuple[ConsoleTab, ...] = ()

    @property
    def table(self):
        """What the tabs read and act through: the App's table unless another was given."""
        return self.app.table if self._table is None else self._table

    # --- layout -------------------------------------------------------------------------------

    def body(self) -> ComposeResult:
        yield Static("", id="fac-status")
        self._tabs = tuple(tab(self.table) for tab in console.TABS)
        with TabbedContent(id="fac-tabs", initial=InjectTab.PANE_ID):
            yield from self._tabs
        yield KeyFooter()

    def on_mount(self) -> None:
        # The tabs drew themselves as they were mounted.
        self.table.console_shown(True)
        self.follow_revisions(self.refresh_console)
        self.set_interval(1.0, self._tick)
        self._status()
        self.tab(InjectTab.PANE_ID).focus_home()

    def on_unmount(self) -> None:
        # Once the console is off the stack (never while the app itself is closing down).
        self.app.call_later(self.table.console_shown, False)

    def _tick(self) -> None:
        """The clock runs between revisions: redraw what shows it."""
        if self.table.clock is not None:
            self._status()
            self._clock_state()

    def tab(self, pane_id: str) -> ConsoleTab:
        return self.query_one(f"#{pane_id}", ConsoleTab)

    # --- drawing ------------------------------------------------------------------------------

    def refresh_console(self) -> None:
        if self.table is None:
            return
        self._status()
        for tab in self._tabs:
            tab.redraw()

    def _status(self) -> None:
        table = self.table
        game = table.game
        if game is None:
            return
        state = game.state
        seat = state.seat_to_move
        who = "game over" if game.over or seat is None else f"{SEAT_NAMES[SEATS[seat]]} to move"
        parts = [f" [b]White Cell[/b] · Turn {state.turn}/{game.rules.scenario.turns} · "
                 f"{game_date(game, state.turn)} · {who}"]
        parts.append("[b reverse $warning] PAUSED [/]" if table.paused else "running")
        clock = clock_words(table)
        if clock:
            parts.append(f"clock {clock}")
        self.query_one("#fac-status", Static).update(Content.from_markup(" · ".join(parts)))

    def _clock_state(self) -> None:
        self.query_one(ClockTab).redraw()

    # --- what the tests and other screens ask of the console ----------------------------------

    def inject(self, cid: str, seat: str | None, reason: str | None = None) -> None:
        """Inject ``cid`` now (for ``seat``), without asking: the Inject tab's own act."""
        self.query_one(InjectTab).inject(cid, seat, reason)

    def _news_card(self) -> str | None:
        return self.query_one(NewsTab).card()

    # --- moving about -------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#fac-tabs", TabbedContent).active = tab
        self.tab(tab).focus_home()

    @on(TabbedContent.TabActivated, "#fac-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        focused = self.focused
        if focused is None or pane not in focused.ancestors:
            pane.focus_home()

    def action_filter(self) -> None:
        self.action_tab(InjectTab.PANE_ID)
        self.query_one(InjectTab).focus_filter()

    def action_back(self) -> None:
        """Out of a text field first, then out of the console."""
        if isinstance(self.focused, Input):
            home = self.tab(self.query_one("#fac-tabs", TabbedContent).active).home()
            if self.focused is home:  # the tab's own field (notes): to the tabs
                self.query_one("#fac-tabs Tabs").focus()
            else:
                home.focus()
            return
        self.app.pop_screen()

    # --- the keys of the Pause & clock tab, from any tab --------------------------------------

    def action_pause(self) -> None:
        self.query_one(ClockTab).pause()

    def action_clock_toggle(self) -> None:
        self.query_one(ClockTab).clock_toggle()

    def action_clock_extend(self) -> None:
        self.query_one(ClockTab).clock_extend()

    def action_clock_skip(self) -> None:
        self.query_one(ClockTab).clock_skip()
