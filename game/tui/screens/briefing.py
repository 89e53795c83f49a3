"""Briefings: the article (with every passage a card quotes highlighted) and each seat's role
brief, in tabs. Shown before the first turn of a seminar, and at any time with ``b``.

A role brief shows its seat's hand only while that seat has the keyboard (``app.table.viewer``): in a
hot-seat class every team can read every brief, never another team's cards. Opened from the
seminar setup (``state`` given), no hand is shown at all.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from game.words.briefing import article_title, card_quotes, quoted_passages, role_brief, seeds_dir, segments
from game.rules.model import SEATS
from game.tui.core import SEAT_LETTERS
from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

TAB_NAMES = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "US", "central_asia": "Central Asia"}
QUOTE_STYLE = "bold $text-accent on $accent 25%"


def read_articles(cards_dir: Path) -> list[tuple[str, str]]:
    """(file name, text) of every article in the seeds folder (one ships with the game)."""
    folder = seeds_dir(cards_dir)
    out = []
    if folder.is_dir():
        for p in sorted(folder.glob("*.txt")):
            try:
                out.append((p.name, p.read_text(encoding="utf-8", errors="replace")))
            except OSError as e:
                out.append((p.name, f"(cannot be read: {e.strerror or e})"))
    return out


def article_content(name: str, text: str, cards: dict) -> tuple[Content, int]:
    """The article with the passages the cards quote highlighted, each followed by the titles
    of the cards written from it; and how many passages that is."""
    title, body = article_title(text)
    quotes = {cid: q for cid, q in card_quotes(cards).items() if cards[cid].source.seed == name}
    passages, _missing = quoted_passages(body, quotes)
    parts: list = [(title + "\n\n", "bold $primary")]
    for piece, passage in segments(body, passages):
        if passage is None:
            parts.append(piece)
        else:
            parts.append((piece, QUOTE_STYLE))
            titles = " · ".join(cards[cid].title for cid in passage.cards)
            parts.append((f" ‹{titles}›", "italic $text-muted"))
    return Content.assemble(*parts), len(passages)


def brief_content(brief) -> Content:
    parts: list = [(f" {SEAT_LETTERS[brief.seat]} ", f"bold reverse $power-{brief.seat}"),
                   (f" {brief.title}\n", "bold")]
    for heading, lines in brief.sections:
        parts.append((f"\n{heading}\n", "bold $primary"))
        parts.append("\n".join(lines) + "\n")
    return Content.assemble(*parts)


class BriefingScreen(BaseScreen):
    CSS_PATH = "briefing.tcss"  # read when first shown, keeping start-up quick
    GUIDE = """\
## Briefings

**Article**: the news article every card is written from. The highlighted passages are the ones
the cards quote; the titles after each passage (in ‹ ›) are the cards written from it.

**The seats' tabs**: each seat's role brief: who the team is, what it wants, how it scores
(exactly as the rules count), what it can do, and where it stands now. A team's own hand is
shown in its brief only while that team has the keyboard, never to another team.

`a` the article, `1`–`5` a seat, `←` `→` the previous or next tab; arrows and Page Up/Down
scroll; `g` opens the facilitator's guide (how to brief, when to inject, the debrief, and a note on
the article itself); Escape closes (before the first turn: starts the game)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("escape", "start", "Start the game"),  # before the first turn
        Binding("left", "step(-1)", "Prev", key_display="←", priority=True, show=False),
        Binding("right", "step(1)", "Tabs", key_display="← →", priority=True),
        Binding("a", "show('article')", "Article"),
        Binding("1", "show('russia')", "Seats", key_display="1-5"),
        Binding("g", "guide", "Guide"),
    ] + [Binding(str(i + 2), f"show('{s}')", show=False) for i, s in enumerate(SEATS[1:])]

    def __init__(self, *, intro: bool = False, state=None, teams: dict | None = None, tab: str | None = None):
        """``intro``: shown before the first turn (Escape starts the game); ``state``: a position
        to brief from instead of the game in progress (the setup's preview: no hands)."""
        super().__init__()
        self.intro = intro
        self.preview_state = state
        self.teams = teams
        self.first_tab = tab
        self._key = None
        self._paused_here = False

    # --- what is shown ------------------------------------------------------------------------

    def _state(self):
        if self.preview_state is not None:
            return self.preview_state
        game = self.app.game
        return None if game is None else game.state

    def _teams(self) -> dict:
        if self.teams is not None:
            return self.teams
        game = self.app.game
        return dict(game.seminar.teams) if game is not None and game.seminar is not None else {}

    def body(self) -> ComposeResult:
        if self.intro:
            yield Static("Before the first turn: read the article together (the highlighted passages are "
                         "the ones the cards quote), then each team's brief: keys 1–5 or ← →. "
                         "Escape starts the game.", id="briefing-intro")
        with TabbedContent(id="briefing-tabs", initial=f"brief-{self.first_tab or 'article'}"):
            with TabPane("Article (a)", id="brief-article"):
                with VerticalScroll(classes="briefing-scroll"):
                    yield Static("", id="briefing-article")
            for i, s in enumerate(SEATS):
                label = f"{TAB_NAMES[s]} ({i + 1})"
                with TabPane(label, id=f"brief-{s}"):
                    with VerticalScroll(classes="briefing-scroll"):
                        yield Static("", id=f"briefing-{s}", classes="briefing-role")
        yield KeyFooter()

    def on_mount(self) -> None:
        app = self.app
        articles = read_articles(app.cards_dir)
        state = self._state()
        cards = state.rules.cards if state is not None else app.library.catalogue().cards
        if articles:
            parts = []
            total = 0
            for name, text in articles:
                content, n = article_content(name, text, cards)
                parts.append(content)
                total += n
            note = Content.styled(f"{total} passages quoted by the cards are highlighted; the titles of the "
                                  "cards written from each follow it in ‹ ›.\n\n", "italic $text-muted")
            self.query_one("#briefing-article", Static).update(note + Content("\n\n").join(parts))
        else:
            self.query_one("#briefing-article", Static).update("The article is missing: the seeds folder "
                                                                f"was not found beside {app.cards_dir}.")
        self._render_briefs()
        if self.preview_state is None:
            self.watch(app, "revision", self._render_briefs, init=False)
        if self.intro and not app.table.paused and app.game is not None:
            app.table.set_paused(True)  # nothing moves and no clock runs while the class reads
            self._paused_here = True
        self._focus_tab()

    def _render_briefs(self, *_args) -> None:
        state = self._state()
        if state is None:
            return
        app = self.app
        viewer = None if self.preview_state is not None else app.table.viewer
        key = (id(state), viewer)
        if key == self._key:
            return
        self._key = key
        teams = self._teams()
        for i, s in enumerate(SEATS):
            brief = role_brief(state, i, team=teams.get(s), show_hand=viewer == i)
            self.query_one(f"#briefing-{s}", Static).update(brief_content(brief))

    def _focus_tab(self) -> None:
        tabs = self.query_one("#briefing-tabs", TabbedContent)
        pane = tabs.query_one(f"#{tabs.active}", TabPane)
        pane.query_one(VerticalScroll).focus()

    # --- keys ---------------------------------------------------------------------------------

    def action_show(self, what: str) -> None:
        self.query_one("#briefing-tabs", TabbedContent).active = f"brief-{what}"
        self._focus_tab()

    def action_step(self, step: int) -> None:
        order = ["article", *SEATS]
        tabs = self.query_one("#briefing-tabs", TabbedContent)
        now = tabs.active.removeprefix("brief-")
        self.action_show(order[(order.index(now) + step) % len(order)])

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("close", "start"):
            return self.intro == (action == "start")
        return True

    def action_start(self) -> None:
        self.action_close()

    def action_guide(self) -> None:
        """The facilitator's guide over the briefing (Escape comes back here)."""
        from game.tui.screens.guide import GuideScreen

        self.app.push_screen(GuideScreen())

    def action_close(self) -> None:
        if self._paused_here:
            self._paused_here = False
            self.app.table.set_paused(False)
        self.dismiss(None)

    def active_seat(self) -> str:
        return self.query_one("#briefing-tabs", TabbedContent).active.removeprefix("brief-")

    def brief_text(self, seat: str) -> str:
        """What the seat's tab says, as plain text (for tests)."""
        return str(self.query_one(f"#briefing-{seat}", Static).render())


def open_briefing(app, *, intro: bool = False) -> None:
    """The briefing over the game, on the tab of the team at the keyboard."""
    tab = None if intro or app.table.viewer is None else SEATS[app.table.viewer]
    app.push_screen(BriefingScreen(intro=intro, tab=tab))

