"""The Inject tab: every card, filtered by title; Enter injects the highlighted one now, after
asking which seat a neutral action card is played for, and a confirmation."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.rules import moves as M
from game.words.log import seat_name
from game.rules.model import SEAT_NAMES, SEATS
from game.tui.screens.base import BaseModal
from game.tui.widgets.console.base import HERE, ConsoleTab

GROUPS = (("news", "News (the world deck)"),) + tuple((s, SEAT_NAMES[s]) for s in SEATS) + (("neutral", "Neutral"),)


def _group(card) -> str:
    if card.deck == "news":
        return "news"
    return "neutral" if card.seat is None else SEATS[card.seat]


def _acts_for(card) -> str:
    from game.play.seminar import injected_for

    who = injected_for(card)
    if card.deck == "news":
        return "the world" if who is None else f"the world ({seat_name(who)} decides)"
    return "a seat you choose" if who is None else SEAT_NAMES[SEATS[who]]


class SeatPicker(BaseModal):
    """Which seat a neutral card is injected for; dismisses with the seat id or None."""
    CSS_PATH = "inject.tcss"  # read when first shown, keeping start-up quick

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


class InjectTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME, RESULT = "Inject (i)", "fac-inject", "i", "#inject-list", "#inject-result"
    STYLES = HERE / "inject.tcss"

    def __init__(self, table):
        super().__init__(table)
        self._list_key = None

    def compose(self) -> ComposeResult:
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

    def focus_filter(self) -> None:
        self.query_one("#inject-filter").focus()

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        if self.table.game is not None:
            self._inject_list()

    def _cards(self) -> list:
        """The cards the filter lets through, grouped by deck and seat."""
        rules = self.table.game.rules
        words = self.query_one("#inject-filter", Input).value.strip().lower()
        cards = [c for c in rules.cards.values() if not words or words in c.title.lower() or words in c.id]
        order = {g: i for i, (g, _) in enumerate(GROUPS)}
        return sorted(cards, key=lambda c: (order[_group(c)], c.title))

    def _inject_list(self) -> None:
        state = self.table.game.state
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
        game = self.table.game
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

    # --- the filter ---------------------------------------------------------------------------

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
            self.result(f"No card matches {words!r}: change the filter.", True)
            return
        listing.highlighted = first
        listing.focus()
        count = sum(1 for o in listing.options if o.id is not None)
        title = self.table.game.rules.cards[listing.options[first].id].title
        which = (f"All {count} cards" if not words else
                 f"{count} card{'s match' if count != 1 else ' matches'} {words!r}")
        self.result(f"{which}: {title} is highlighted; Enter injects it.", False)

    # --- injecting ----------------------------------------------------------------------------

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
            self.result("No card is highlighted: choose one in the list first.", True)
            return
        self._inject_card(option.id)

    def _inject_card(self, cid: str | None) -> None:
        """Ask for the seat of a neutral card, then confirm."""
        from game.play.seminar import injected_for

        if cid is None:
            return
        card = self.table.game.rules.cards[cid]
        if card.deck == "action" and injected_for(card) is None:
            def seat_chosen(seat: str | None) -> None:
                if seat:
                    self._confirm_inject(cid, seat)

            self.app.push_screen(SeatPicker(card.title), seat_chosen)
            return
        self._confirm_inject(cid, None)

    def _confirm_inject(self, cid: str, seat: str | None) -> None:
        from game.tui.screens.message import ConfirmDialog

        card = self.table.game.rules.cards[cid]
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
        card = self.table.game.rules.cards[cid]
        error = self.table.facilitate(M.inject(cid, seat or None), reason)
        if error:
            self.result(f"{error}.", True)
        else:
            who = f" for {SEAT_NAMES[seat]}" if seat else ""
            self.query_one("#inject-reason", Input).value = ""
            self.result(f"Injected {card.title}{who}: its event is in the log.", False)
