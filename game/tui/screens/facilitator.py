"""The facilitator's console, the White Cell: inject a card now, hold or bring forward the coming
news, adjudicate a track or a value with a written reason, write observation notes tied to the
turn, pause the game and run the phase clock.

It sits behind a confirmation because it shows what the teams must never see (the news still
to come). It changes nothing itself: every intervention goes to ``app.table.facilitate`` and so
through the rules' own refusals (game.seminar), is recorded among the game's moves and replays
with the save.
"""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from game import moves as M
from game.log import seat_name
from game.model import SEAT_NAMES, SEATS
from game.tui.core import game_date
from game.tui.screens.base import BaseModal, BaseScreen
from game.tui.widgets.footer import KeyFooter

WHERE_WORDS = {"next": "brought forward", "dated": "dated", "deck": "deck", "held": "held back"}
GROUPS = (("news", "News (the world deck)"),) + tuple((s, SEAT_NAMES[s]) for s in SEATS) + (("neutral", "Neutral"),)
TABS = {"i": "fac-inject", "c": "fac-news", "a": "fac-adjust", "w": "fac-notes", "k": "fac-clock"}
FOCUS_OF_TAB = {"fac-inject": "#inject-list", "fac-news": "#news-table", "fac-adjust": "#adjust-list",
                "fac-notes": "#note-text", "fac-clock": "#pause-toggle"}


def open_console(app) -> None:
    """Ask first (so a team never stumbles into it), then open the console."""
    if app.game is None:
        return

    def answered(yes: bool | None) -> None:
        if yes and app.game is not None:
            app.push_screen(FacilitatorScreen())

    app.push_screen(FacilitatorGate(), answered)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _group(card) -> str:
    if card.deck == "news":
        return "news"
    return "neutral" if card.seat is None else SEATS[card.seat]


def _acts_for(card) -> str:
    from game.seminar import injected_for

    who = injected_for(card)
    if card.deck == "news":
        return "the world" if who is None else f"the world ({seat_name(who)} decides)"
    return "a seat you choose" if who is None else SEAT_NAMES[SEATS[who]]


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


class SeatPicker(BaseModal):
    """Which seat a neutral card is injected for; dismisses with the seat id or None."""
    CSS_PATH = "facilitator.tcss"  # read when first shown, keeping start-up quick

    GUIDE = "Choose the seat the card is played for (its event acts for that seat). Escape cancels."
    BINDINGS = [Binding("escape", "cancel", "Cancel")] + [
        Binding(str(n), f"seat({n})", show=False) for n in range(1, len(SEATS) + 1)]

    def __init__(self, title: str):
        super().__init__()
        self.card_title = title

    def body(self) -> ComposeResult:
        with Vertical(id="fac-seat-box", classes="dialog") as box:
            box.border_title = f"Inject {self.card_title} for…"
            yield OptionList(*[Option(f"{n} {SEAT_NAMES[s]}", id=s) for n, s in enumerate(SEATS, 1)],
                             id="fac-seats")

    def on_mount(self) -> None:
        self.query_one("#fac-seats").focus()

    @on(OptionList.OptionSelected, "#fac-seats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_seat(self, n: int) -> None:
        self.dismiss(SEATS[n - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewsTable(DataTable):
    """The coming news; its keys act on the card under the cursor."""

    BINDINGS = [Binding("n", "screen.bring_forward", "Bring forward"),
                Binding("h", "screen.hold", "Hold / release")]


class AdjustList(OptionList):
    """The values a facilitator may adjudicate; + and - set the change. Tab goes to the reason,
    which is what is typed next (the change is set here; shift+tab reaches its field)."""

    BINDINGS = [Binding("plus,equals_sign", "screen.change(1)", "+1", key_display="+"),
                Binding("minus", "screen.change(-1)", "-1", key_display="-"),
                Binding("tab", "screen.to_reason", "Reason", show=False)]


class FacilitatorScreen(BaseScreen):
    CSS_PATH = "facilitator.tcss"  # read when first shown, keeping start-up quick
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

Escape leaves a text field, then the console."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("p", "pause", "Pause/resume"),
        Binding("t", "clock_toggle", "Clock", show=False),
        Binding("plus,equals_sign", "clock_extend", "+1 minute", show=False),
        Binding("x", "clock_skip", "End phase time", show=False),
        Binding("slash", "filter", "Filter", show=False),
    ] + [Binding(k, f"tab('{tab}')", show=False) for k, tab in TABS.items()]

    def __init__(self):
        super().__init__()
        self._list_key = None
        self._adjust_key = None
        self._news_key = None

    # --- layout -------------------------------------------------------------------------------

    def body(self) -> ComposeResult:
        yield Static("", id="fac-status")
        with TabbedContent(id="fac-tabs", initial="fac-inject"):
            with TabPane("Inject (i)", id="fac-inject"):
                with Horizontal(id="inject-main"):
                    with Vertical(id="inject-left"):
                        yield Input(id="inject-filter", placeholder="/ filter by title", compact=True)
                        yield OptionList(id="inject-list")
                    with VerticalScroll(id="inject-detail-scroll", can_focus=False):
                        yield Static("", id="inject-detail")
                with Horizontal(id="inject-form"):
                    yield Label("Reason ", classes="fac-label")
                    yield Input(id="inject-reason", placeholder="optional: why now, for the debrief",
                                max_length=2000, compact=True)
                yield Static("Enter injects the highlighted card now.", id="inject-result", classes="fac-result")
            with TabPane("Coming news (c)", id="fac-news"):
                yield NewsTable(id="news-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="news-detail")
                yield Static("n brings the card forward · h holds it back or releases it",
                             id="news-result", classes="fac-result")
            with TabPane("Adjudicate (a)", id="fac-adjust"):
                yield AdjustList(id="adjust-list")
                yield Static("", id="adjust-what")
                with Horizontal(id="adjust-form"):
                    yield Label("Change ", classes="fac-label")
                    yield Input("+1", id="adjust-by", restrict=r"[+-]?[0-9]*", max_length=3, compact=True)
                    yield Label(" Reason ", classes="fac-label")
                    yield Input(id="adjust-reason", placeholder="required, kept in the record",
                                max_length=2000, compact=True)
                    yield Button("Adjudicate", id="adjust-apply", compact=True, variant="warning")
                yield Static("+ / - set the change · Enter in the reason adjudicates", id="adjust-result",
                             classes="fac-result")
            with TabPane("Notes (w)", id="fac-notes"):
                yield Label("", id="note-label")
                yield Input(id="note-text", placeholder="an observation; Enter writes it to the record",
                            max_length=2000, compact=True)
                yield Static("", id="note-result", classes="fac-result")
                with VerticalScroll(id="notes-scroll", can_focus=False):
                    yield Static("", id="notes-list", markup=False)
            with TabPane("Pause & clock (k)", id="fac-clock"):
                yield Static("", id="clock-state")
                with Vertical(id="clock-buttons"):
                    yield Button("Pause the game (p)", id="pause-toggle", variant="warning", compact=True)
                    yield Button("Stop the clock (t)", id="clock-toggle", compact=True)
                    yield Button("+1 minute (+)", id="clock-extend", compact=True)
                    yield Button("End this phase's time (x)", id="clock-skip", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.table.console_shown(True)
        self.watch(self.app, "revision", self._revised, init=False)
        self.set_interval(1.0, self._tick)
        self.refresh_console()
        self.query_one("#inject-list").focus()

    def on_unmount(self) -> None:
        # Once the console is off the stack (never while the app itself is closing down).
        self.app.call_later(self.app.table.console_shown, False)

    def _revised(self, _old=None, _new=None) -> None:
        if not getattr(self, "_queued", False):
            self._queued = True
            self.call_later(self._queued_refresh)

    def _queued_refresh(self) -> None:
        self._queued = False
        self.refresh_console()

    def _tick(self) -> None:
        """The clock runs between revisions: redraw what shows it."""
        if self.app.table.clock is not None:
            self._status()
            self._clock_state()

    # --- drawing ------------------------------------------------------------------------------

    def refresh_console(self) -> None:
        game = self.app.game
        if game is None:
            return
        self._status()
        self._inject_list()
        self._news_table()
        self._adjust_list()
        self._notes()
        self._clock_state()

    def _clock_words(self) -> str:
        from game.seminar import clock_text

        clock = self.app.table.clock
        if clock is None:
            return ""
        state = "stopped" if clock.paused else "running"
        now = getattr(self.app, "clock_source", time.monotonic)()
        return f"{clock.label} {clock_text(clock.remaining(now))} ({state})"

    def _status(self) -> None:
        app = self.app
        game = app.game
        if game is None:
            return
        state = game.state
        seat = state.seat_to_move
        who = "game over" if game.over or seat is None else f"{SEAT_NAMES[SEATS[seat]]} to move"
        parts = [f" [b]White Cell[/b] · Turn {state.turn}/{game.rules.scenario.turns} · "
                 f"{game_date(game, state.turn)} · {who}"]
        parts.append("[b reverse $warning] PAUSED [/]" if app.table.paused else "running")
        clock = self._clock_words()
        if clock:
            parts.append(f"clock {clock}")
        self.query_one("#fac-status", Static).update(Content.from_markup(" · ".join(parts)))

    def _cards(self) -> list:
        """The cards the filter lets through, grouped by deck and seat."""
        rules = self.app.game.rules
        words = self.query_one("#inject-filter", Input).value.strip().lower()
        cards = [c for c in rules.cards.values() if not words or words in c.title.lower() or words in c.id]
        order = {g: i for i, (g, _) in enumerate(GROUPS)}
        return sorted(cards, key=lambda c: (order[_group(c)], c.title))

    def _inject_list(self) -> None:
        state = self.app.game.state
        cards = self._cards()
        done = set(state.news_done)
        key = (tuple(c.id for c in cards), tuple(sorted(done)))
        if key == self._list_key:
            return
        self._list_key = key
        listing = self.query_one("#inject-list", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option is not None else None
        options, group = [], None
        for card in cards:
            if _group(card) != group:
                group = _group(card)
                options.append(Option(Content.styled(dict(GROUPS)[group], "bold $accent"), disabled=True))
            mark = " ✓" if card.id in done else ""
            options.append(Option(f"{card.title}{mark}", id=card.id))
        listing.set_options(options)
        ids = [o.id for o in options]
        if highlighted is not None and highlighted in ids:
            listing.highlighted = ids.index(highlighted)
        elif cards:
            listing.highlighted = next(i for i, o in enumerate(options) if o.id is not None)
        self._inject_detail()

    def _inject_detail(self) -> None:
        listing = self.query_one("#inject-list", OptionList)
        option = listing.highlighted_option
        widget = self.query_one("#inject-detail", Static)
        if option is None or option.id is None:
            widget.update("No card matches the filter." if not listing.option_count else "")
            return
        game = self.app.game
        card = game.rules.cards[option.id]
        lines = [(f"{card.title}\n", "bold"),
                 (f"{'News' if card.deck == 'news' else 'Action card'} · acts for {_acts_for(card)}", "$text-muted")]
        if card.deck == "action":
            lines.append((f" · {card.ops} ops", "$text-muted"))
        if card.date:
            lines.append((f" · dated {card.date}", "$text-muted"))
        lines.append("\n\n" + card.text.strip())
        if card.source and card.source.quote:
            lines.append((f"\n\n“{card.source.quote}”", "italic"))
        if card.question:
            lines.append(("\n\nDiscussion: ", "bold"))
            lines.append(card.question)
        if card.id in game.state.news_done:
            lines.append(("\n\nThis news has already happened: it cannot be injected again.", "$warning"))
        widget.update(Content.assemble(*lines))

    def _news_table(self) -> None:
        from game.seminar import coming_news

        game = self.app.game
        coming = coming_news(game.state)
        key = tuple((c.card, c.where, c.turn) for c in coming)
        if key == self._news_key:
            return
        self._news_key = key
        table = self.query_one("#news-table", NewsTable)
        current = self._news_card()
        if not table.columns:
            table.add_columns("turn", "how", "card", "dated")
        table.clear()
        for c in coming:
            card = game.rules.cards[c.card]
            table.add_row("—" if c.turn is None else str(c.turn), WHERE_WORDS[c.where], card.title,
                          card.date or "", key=c.card)
        cards = [c.card for c in coming]
        if current in cards:
            table.move_cursor(row=cards.index(current), animate=False)
        self._news_detail()

    def _news_card(self) -> str | None:
        table = self.query_one("#news-table", NewsTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def _news_detail(self) -> None:
        cid = self._news_card()
        widget = self.query_one("#news-detail", Static)
        if cid is None:
            widget.update("No news is still to come.")
            return
        card = self.app.game.rules.cards[cid]
        widget.update(Content.assemble((card.title + ": ", "bold"), card.text.strip()))

    def _adjust_list(self) -> None:
        from game.seminar import adjust_range, adjust_words, adjustable

        state = self.app.game.state
        rows = []
        for what in adjustable(state):
            value, lo, hi = adjust_range(state, what)
            rows.append((what, f"{_cap(adjust_words(what))}: {value}  ({lo}–{hi})"))
        key = tuple(rows)
        if key != self._adjust_key:
            self._adjust_key = key
            listing = self.query_one("#adjust-list", AdjustList)
            highlighted = listing.highlighted
            listing.set_options([Option(label, id=what) for what, label in rows])
            listing.highlighted = highlighted if highlighted is not None and highlighted < len(rows) else 0
        self._adjust_what()

    def _adjust_what(self) -> None:
        """The chosen value, its range and what the change would make it."""
        from game.seminar import adjust_range, adjust_words

        what = self._adjust_target()
        widget = self.query_one("#adjust-what", Static)
        if what is None:
            widget.update("")
            return
        value, lo, hi = adjust_range(self.app.game.state, what)
        text = self.query_one("#adjust-by", Input).value.strip()
        try:
            new = value + int(text)
        except ValueError:
            new = None
        arrow = ("", "") if new is None else (f" → {new}", "" if lo <= new <= hi else "bold $error")
        widget.update(Content.assemble((f"{_cap(adjust_words(what))}: ", "bold"), str(value), arrow,
                                       (f"   (allowed {lo} to {hi})", "$text-muted")))

    def _adjust_target(self) -> str | None:
        option = self.query_one("#adjust-list", AdjustList).highlighted_option
        return None if option is None else option.id

    def _notes(self) -> None:
        game = self.app.game
        self.query_one("#note-label", Label).update(
            f"An observation on turn {game.state.turn} ({game_date(game, game.state.turn)}), for the record:")
        notes = [e for e in game.log if e[0] == "note"]
        self.query_one("#notes-list", Static).update(
            "\n".join(f"Turn {e[1]}: {e[2]}" for e in reversed(notes)) if notes else "No notes yet in this game.")

    def _clock_state(self) -> None:
        app = self.app
        game = app.game
        if game is None:
            return
        lines = []
        if app.table.paused:
            lines.append(("The game is PAUSED: no moves, no computer moves, the clock stopped.\n", "bold $warning"))
        else:
            lines.append("The game is running.\n")
        clock = self._clock_words()
        if clock:
            lines.append(f"Phase clock: {clock}.")
        elif game.seminar is None:
            lines.append(("No phase clock: this is not a seminar game.", "$text-muted"))
        else:
            lines.append(("No phase clock running now (it starts when a team has the keyboard).", "$text-muted"))
        self.query_one("#clock-state", Static).update(Content.assemble(*lines))
        self.query_one("#pause-toggle", Button).label = "Resume the game (p)" if app.table.paused else "Pause the game (p)"
        stopped = app.table.clock is None or app.table.clock.paused
        self.query_one("#clock-toggle", Button).label = "Run the clock (t)" if stopped else "Stop the clock (t)"
        for name in ("#clock-toggle", "#clock-extend", "#clock-skip"):
            self.query_one(name, Button).disabled = app.table.clock is None

    def _result(self, name: str, text: str, error: bool) -> None:
        """One line under the tab: what was done, or why it was refused (nothing changed)."""
        widget = self.query_one(name, Static)
        widget.set_class(error, "-error")
        widget.update(Content(("✗ " if error else "✓ ") + _cap(text)))

    # --- moving about -------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#fac-tabs", TabbedContent).active = tab
        self.query_one(FOCUS_OF_TAB[tab]).focus()

    @on(TabbedContent.TabActivated, "#fac-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id
        focused = self.focused
        if focused is None or not any(a.id == pane for a in focused.ancestors):
            self.query_one(FOCUS_OF_TAB[pane]).focus()

    def action_filter(self) -> None:
        self.action_tab("fac-inject")
        self.query_one("#inject-filter").focus()

    def action_back(self) -> None:
        """Out of a text field first, then out of the console."""
        if isinstance(self.focused, Input):
            target = self.query_one(FOCUS_OF_TAB[self.query_one("#fac-tabs", TabbedContent).active])
            if self.focused is target:  # the tab's own field (notes): to the tabs
                self.query_one("#fac-tabs Tabs").focus()
            else:
                target.focus()
            return
        self.app.pop_screen()

    # --- inject -------------------------------------------------------------------------------

    @on(Input.Changed, "#inject-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._inject_list()

    @on(Input.Submitted, "#inject-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        """To the first card that matches, saying so; or, when none does, say that and stay."""
        words = event.value.strip()
        listing = self.query_one("#inject-list", OptionList)
        first = next((i for i, o in enumerate(listing.options) if o.id is not None), None)
        if first is None:
            self._result("#inject-result", f"No card matches {words!r}: change the filter.", True)
            return
        listing.highlighted = first
        listing.focus()
        count = sum(1 for o in listing.options if o.id is not None)
        title = self.app.game.rules.cards[listing.options[first].id].title
        which = (f"All {count} cards" if not words else
                 f"{count} card{'s match' if count != 1 else ' matches'} {words!r}")
        self._result("#inject-result", f"{which}: {title} is highlighted; Enter injects it.", False)

    @on(OptionList.OptionHighlighted, "#inject-list")
    def _inject_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._inject_detail()

    @on(OptionList.OptionSelected, "#inject-list")
    def _inject_chosen(self, event: OptionList.OptionSelected) -> None:
        self._inject_card(event.option.id)

    @on(Input.Submitted, "#inject-reason")
    def _inject_with_reason(self, event: Input.Submitted) -> None:
        option = self.query_one("#inject-list", OptionList).highlighted_option
        if option is None or option.id is None:
            self._result("#inject-result", "No card is highlighted: choose one in the list first.", True)
            return
        self._inject_card(option.id)

    def _inject_card(self, cid: str | None) -> None:
        """Ask for the seat of a neutral card, then confirm."""
        from game.seminar import injected_for

        if cid is None:
            return
        card = self.app.game.rules.cards[cid]
        if card.deck == "action" and injected_for(card) is None:
            def seat_chosen(seat: str | None) -> None:
                if seat:
                    self._confirm_inject(cid, seat)

            self.app.push_screen(SeatPicker(card.title), seat_chosen)
            return
        self._confirm_inject(cid, None)

    def _confirm_inject(self, cid: str, seat: str | None) -> None:
        from game.tui.screens.message import ConfirmDialog

        card = self.app.game.rules.cards[cid]
        who = f" for {SEAT_NAMES[seat]}" if seat else ""
        reason = self.query_one("#inject-reason", Input).value.strip()
        why = f" Reason: {reason}" if reason else " No reason given (Tab from the list to write one)."

        def answered(yes: bool | None) -> None:
            if yes:
                self.inject(cid, seat, reason or None)

        self.app.push_screen(ConfirmDialog(f"Inject {card.title}{who}?",
                                           f"Its event happens now{who}, recorded as the facilitator's "
                                           f"intervention.{why}", yes="Inject (y)", no="Cancel (n)"), answered)

    def inject(self, cid: str, seat: str | None, reason: str | None = None) -> None:
        card = self.app.game.rules.cards[cid]
        error = self.app.table.facilitate(M.inject(cid, seat or None), reason)
        if error:
            self._result("#inject-result", f"{error}.", True)
        else:
            who = f" for {SEAT_NAMES[seat]}" if seat else ""
            self.query_one("#inject-reason", Input).value = ""
            self._result("#inject-result", f"Injected {card.title}{who}: its event is in the log.", False)

    # --- coming news --------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#news-table")
    def _news_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._news_detail()

    def action_bring_forward(self) -> None:
        cid = self._news_card()
        if cid is not None:
            self._news_move(M.news(M.NEXT, cid), "comes next")

    def action_hold(self) -> None:
        cid = self._news_card()
        if cid is None:
            return
        held = cid in self.app.game.state.held
        self._news_move(M.news(M.RELEASE if held else M.HOLD, cid), "is released" if held else "is held back")

    def _news_move(self, choice: tuple, done: str) -> None:
        title = self.app.game.rules.cards[choice[1]].title
        error = self.app.table.facilitate(choice, None)
        if error:
            self._result("#news-result", f"{error}.", True)
        else:
            self._news_table()
            self._result("#news-result", f"{title} {done}.", False)

    # --- adjudicate ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#adjust-list")
    def _adjust_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._adjust_what()

    @on(OptionList.OptionSelected, "#adjust-list")
    def _adjust_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#adjust-reason").focus()

    @on(Input.Changed, "#adjust-by")
    def _by_changed(self, event: Input.Changed) -> None:
        self._adjust_what()

    @on(Input.Submitted, "#adjust-by")
    def _by_done(self, event: Input.Submitted) -> None:
        self.query_one("#adjust-reason").focus()

    def action_to_reason(self) -> None:
        self.query_one("#adjust-reason").focus()

    def action_change(self, step: int) -> None:
        """+ and - on the list: the change goes up or down by one."""
        by = self.query_one("#adjust-by", Input)
        try:
            n = int(by.value or "0") + step
        except ValueError:
            n = step
        by.value = f"{n:+d}" if n else "0"

    @on(Input.Submitted, "#adjust-reason")
    @on(Button.Pressed, "#adjust-apply")
    def _adjudicate(self, event) -> None:
        self.adjudicate()

    def adjudicate(self) -> None:
        from game.seminar import adjust_words

        what = self._adjust_target()
        if what is None:
            return
        typed = self.query_one("#adjust-by", Input).value.strip() or "0"
        by = M.parse_delta(typed)
        reason_input = self.query_one("#adjust-reason", Input)
        reason = reason_input.value.strip()
        if by is None:
            error = f"expected a change such as +1 or -2, found {typed!r}"
        else:
            error = self.app.table.facilitate(M.adjust(what, by), reason or None)
        if error:
            self._result("#adjust-result", f"{error}.", True)
            return
        entry = next(e for e in reversed(self.app.game.log) if e[0] == "adjust")
        self._result("#adjust-result", f"Adjudicated: {_cap(adjust_words(what))} {entry[2]} → {entry[3]}.", False)
        reason_input.value = ""  # the field keeps the focus: Escape leaves it, then the console
        self.query_one("#adjust-by", Input).value = "+1"

    # --- notes --------------------------------------------------------------------------------

    @on(Input.Submitted, "#note-text")
    def _note(self, event: Input.Submitted) -> None:
        self.note(event.value)

    def note(self, text: str) -> None:
        error = self.app.table.facilitate(M.note(), text.strip() or None)
        if error:
            self._result("#note-result", f"{error}.", True)
            return
        self.query_one("#note-text", Input).value = ""
        self._result("#note-result", f"Noted for turn {self.app.game.state.turn}.", False)

    # --- pause and clock ----------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"pause-toggle": self.action_pause, "clock-toggle": self.action_clock_toggle,
                   "clock-extend": self.action_clock_extend, "clock-skip": self.action_clock_skip}
        if event.button.id in actions:
            actions[event.button.id]()

    def action_pause(self) -> None:
        self.app.table.set_paused(not self.app.table.paused)

    def action_clock_toggle(self) -> None:
        self.app.table.clock_toggle()

    def action_clock_extend(self) -> None:
        self.app.table.clock_extend(60)

    def action_clock_skip(self) -> None:
        self.app.table.clock_skip()
