"""The card browser: every card, filtered by seat, with its text, quote and question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

from game.rules.model import SEAT_NAMES, SEATS
from game.tui.core import SEAT_LETTERS, month_year
from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

FILTERS = [("All cards", "all")] + [(SEAT_NAMES[s], s) for s in SEATS] + [("Neutral", "neutral"),
                                                                         ("World news", "news")]


def _matches(card, what: str) -> bool:
    if what == "all":
        return True
    if what == "news":
        return card.deck == "news"
    if what == "neutral":
        return card.deck == "action" and card.seat is None
    return card.deck == "action" and card.seat is not None and SEATS[card.seat] == what


def card_text(card) -> Content:
    owner = "World news" if card.deck == "news" else ("Neutral" if card.seat is None else SEAT_NAMES[SEATS[card.seat]])
    facts = [owner]
    if card.deck == "action":
        facts.append(f"{card.ops} ops")
    if card.date:
        facts.append(f"arrives {month_year(card.date, long=True)}")
    if card.once:
        facts.append("removed once played")
    parts = [(card.title + "\n", "bold"), (" · ".join(facts) + "\n\n", "$text-muted"), card.text.strip() + "\n\n"]
    if card.source and card.source.quote:
        parts += [("From the article:\n", "bold"), (f"“{card.source.quote}”\n", "italic"),
                  (f"({card.source.seed})\n\n", "dim")]
    if card.question:
        parts += [("To discuss:\n", "bold"), card.question.strip()]
    return Content.assemble(*parts)


class CardsScreen(BaseScreen):
    GUIDE = """\
## Cards

Every card in the game. Filter by seat with the list at the top (or keys `0`–`7`), move through
the cards with the arrows; the right shows the card's text, the sentence of the article it is
written from, and its question for discussion. Escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back")] + [
        Binding(str(i), f"filter({i})", label, show=False) for i, (label, _) in enumerate(FILTERS)]

    def body(self) -> ComposeResult:
        yield Select(FILTERS, value="all", allow_blank=False, id="card-filter", compact=True)
        with Horizontal(id="cards-main"):
            yield OptionList(id="card-list")
            with VerticalScroll(id="card-detail-scroll"):
                yield Static("", id="card-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.cards = list(self.app.library.catalogue().cards.values())
        self._fill("all")
        self.query_one("#card-list").focus()

    def _fill(self, what: str) -> None:
        self.shown = [c for c in self.cards if _matches(c, what)]
        lst = self.query_one("#card-list", OptionList)
        options = []
        for c in self.shown:
            tag = "N" if c.deck == "news" else ("·" if c.seat is None else SEAT_LETTERS[SEATS[c.seat]])
            options.append(Option(Content.assemble((f"{tag} ", "bold"), c.title)))
        lst.set_options(options)
        lst.border_title = f"{len(self.shown)} cards"
        if self.shown:
            lst.highlighted = 0
        self._detail()

    def _detail(self) -> None:
        lst = self.query_one("#card-list", OptionList)
        i = lst.highlighted
        widget = self.query_one("#card-detail", Static)
        widget.update(card_text(self.shown[i]) if i is not None and i < len(self.shown) else "No cards.")

    @on(OptionList.OptionHighlighted, "#card-list")
    def _highlighted(self) -> None:
        self._detail()

    @on(Select.Changed, "#card-filter")
    def _filter(self, event: Select.Changed) -> None:
        self._fill(event.value)

    def action_filter(self, i: int) -> None:
        self.query_one("#card-filter", Select).value = FILTERS[i][1]

    def action_back(self) -> None:
        self.app.pop_screen()
