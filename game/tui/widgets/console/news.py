"""The Coming news tab: the news still to come, in order, with the turn each is due (the teams
never see this); `n` brings the card under the cursor forward, `h` holds it back or releases it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from game.rules import moves as M
from game.tui.widgets.console.base import HERE, ConsoleTab

WHERE_WORDS = {"next": "brought forward", "dated": "dated", "deck": "deck", "held": "held back"}


class NewsTable(DataTable):
    """The coming news; its keys act on the card under the cursor, through the tab that holds it."""

    BINDINGS = [Binding("n", "bring_forward", "Bring forward"),
                Binding("h", "hold", "Hold / release")]

    def action_bring_forward(self) -> None:
        self.query_ancestor(NewsTab).bring_forward()

    def action_hold(self) -> None:
        self.query_ancestor(NewsTab).hold()


class NewsTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME, RESULT = "Coming news (c)", "fac-news", "c", "#news-table", "#news-result"
    STYLES = HERE / "news.tcss"

    def __init__(self, table):
        super().__init__(table)
        self._news_key = None

    def compose(self) -> ComposeResult:
        yield NewsTable(id="news-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="news-detail")
        yield Static("n brings the card forward · h holds it back or releases it",
                     id="news-result", classes="fac-result")

    def redraw(self) -> None:
        from game.play.seminar import coming_news

        game = self.table.game
        if game is None:
            return
        coming = coming_news(game.state)
        key = tuple((c.card, c.where, c.turn) for c in coming)
        if key == self._news_key:
            return
        self._news_key = key
        table = self.query_one("#news-table", NewsTable)
        current = self.card()
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

    def card(self) -> str | None:
        """The card under the cursor, or None."""
        table = self.query_one("#news-table", NewsTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def _news_detail(self) -> None:
        cid = self.card()
        widget = self.query_one("#news-detail", Static)
        if cid is None:
            widget.update("No news is still to come.")
            return
        card = self.table.game.rules.cards[cid]
        widget.update(Content.assemble((card.title + ": ", "bold"), card.text.strip()))

    @on(DataTable.RowHighlighted, "#news-table")
    def _news_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._news_detail()

    def bring_forward(self) -> None:
        cid = self.card()
        if cid is not None:
            self._news_move(M.news(M.NEXT, cid), "comes next")

    def hold(self) -> None:
        """Hold the card back, or release it when it is held."""
        cid = self.card()
        if cid is None:
            return
        held = cid in self.table.game.state.held
        self._news_move(M.news(M.RELEASE if held else M.HOLD, cid), "is released" if held else "is held back")

    def _news_move(self, choice: tuple, done: str) -> None:
        title = self.table.game.rules.cards[choice[1]].title
        error = self.table.facilitate(choice, None)
        if error:
            self.result(f"{error}.", True)
        else:
            self.redraw()
            self.result(f"{title} {done}.", False)
