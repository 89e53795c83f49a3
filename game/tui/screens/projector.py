"""The projector: the screen the whole room looks at, showing only what every seat may know.

Everything drawn here comes from one public observation (``observe(state, PUBLIC, log=...)``,
game.play.observer) and from who plays each seat: the map, the tracks, the scores, the date,
whose decision the room waits for (never what that seat holds), this turn's news and the
discussion question of the last event, and the last things that happened as the public may
read them (game.words.projector). No hand, no team's rationale before the end, no coming news:
the observation has none of them to give. The seminar's phase clock and the facilitator's pause
are public too.

After every Taliban phase and upkeep the turn's summary (game.words.summary, the same screen
pieces as the players' summary) is told at a pace: the Taliban's steps one by one, then the
upkeep, then each seat's score, then the board; it stays up a while and goes on by itself.

The screen reads ``app.table``, a local Table (``greatgame play --projector``, or pushed over a
local game from the command palette) or a remote one (a projector's join code); either way it
takes only ``table.game.observe(PUBLIC)`` from the game.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.play.observer import PUBLIC
from game.rules.model import SEATS
from game.tui.core import SHORT_NAMES
from game.tui.screens.base import BaseScreen, push_as_app
from game.tui.screens.summary import TurnSummaryScreen, _bullets, breakpoint_classes, taliban_lines
from game.tui.widgets.board import RegionMap, TracksPanel, letter, power_style
from game.tui.widgets.clock import PhaseClockView
from game.tui.widgets.footer import KeyFooter
from game.words.projector import Projection, players_of, project
from game.words.summary import summarise

BEATS_PER_PACE = 2.0  # a summary step stays this many AI paces before the next one
HOLD_BEATS = 15  # once all is told, the summary stays this many steps' time
NO_PACE_BEAT = 1.5  # seconds a step takes when the table has no pace (instant)


def public_frame(table):
    """(the public observation with the log, every seat's player label) of ``table``'s game: all
    the projector reads of it."""
    game = table.game
    teams = dict(game.seminar.teams) if game.seminar is not None else {}
    return game.observe(PUBLIC), players_of(game.seats, teams)


class ProjectorScores(Static):
    """Every seat's VP in large print, with the team playing it and whose decision it is."""

    def show(self, projection: Projection) -> None:
        rows = []
        for row in projection.scores:
            mark = "▶" if row.to_move else " "
            star = "★" if row.leading else " "
            rows.append(Content.assemble(
                mark, (f" {letter(row.seat)} ", f"bold reverse {power_style(row.seat)}"),
                (f" {SHORT_NAMES[SEATS[row.seat]]:<8}", f"bold {power_style(row.seat)}"), (f"{row.vp:>3} VP", "bold"),
                f" {star} ", (row.player, "dim" if row.player.startswith(("AI", "Random")) else "italic")))
        self.update(Content("\n").join(rows))


class ProjectorScreen(BaseScreen):
    """The room's view of the game. ``summaries``: tell each turn's summary here (the projector
    is the App's own screen); off when pushed over a local game, whose App shows it already."""

    CSS_PATH = "projector.tcss"
    GUIDE = """\
## The projector

This is the screen for the room: it shows what every team may know and nothing else. The map,
the tracks and every seat's score; whose decision the room is waiting for; this turn's news and
the question of the last event for discussion; and the last things that happened. It never shows
a team's hand, a team's rationale before the game is over, or the news still to come.

After every Taliban phase and upkeep the turn's summary is told step by step; it goes on by
itself. **Enter** or **Space** shows all of it at once, then closes it. `s` shows the last
turn's summary again."""

    BINDINGS = [Binding("s", "summary", "Last summary"), Binding("escape", "back", "Back to the game")]

    def __init__(self, summaries: bool = True):
        super().__init__()
        self.summaries = summaries
        self.projection: Projection | None = None
        self._told: int | None = None  # the last turn whose summary was told (or was there at start)
        self._obs = None

    def body(self) -> ComposeResult:
        with Horizontal(id="status-row"):
            yield Static("", id="status")
            yield PhaseClockView(id="clock", prompt=False)
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield RegionMap(id="map")
                yield TracksPanel(id="tracks")
                yield ProjectorScores(id="proj-scores")
            with Vertical(id="proj-right"):
                yield Static("", id="proj-waiting")
                yield Static("", id="proj-news")
                yield Static("", id="proj-discussion")
                with VerticalScroll(id="proj-recent-box"):
                    yield Static("", id="proj-recent", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#map").border_title = "Central Asia"
        self.query_one("#proj-news").border_title = "The news"
        self.query_one("#proj-scores").border_title = "Victory points"
        self.query_one("#proj-recent-box").border_title = "What just happened"
        self.follow_revisions(self.refresh_projection)
        self.refresh_projection(first=True)

    def on_screen_resume(self) -> None:
        self.refresh_projection()

    # --- drawing ------------------------------------------------------------------------------

    def refresh_projection(self, first: bool = False) -> None:
        table = self.app.table
        if table is None or not self.is_mounted:
            return
        obs, players = public_frame(table)
        projection = project(obs, players)
        self._obs = obs
        if first:  # a projector that joins mid-game does not tell a turn the room has seen
            self._told = projection.last_summary_turn
        paused = bool(getattr(table, "paused", False))
        if (projection, paused) != (self.projection, getattr(self, "_paused", None)):
            self.projection, self._paused = projection, paused
            self._draw(obs, projection)
        self.query_one(PhaseClockView).tick()
        if (self.summaries and projection.last_summary_turn is not None
                and projection.last_summary_turn != self._told and not projection.over):
            self._told = projection.last_summary_turn
            self.tell_summary(projection.last_summary_turn)

    def _draw(self, obs, p: Projection) -> None:
        paused = self._paused
        status = self.query_one("#status", Static)
        status.set_class(paused, "-paused")
        head = f" [b]Turn {p.turn}/{p.turns}[/b] · {p.date}"
        if paused:
            status.update(Content.from_markup(f" [b]⏸ PAUSED by the facilitator[/b] │{head}"))
        else:
            status.update(Content.from_markup(f"{head} │ The New Great Game · the room's view"))
        self.query_one(RegionMap).show(obs, selected=-1, options=set(), viewer=None)
        self.query_one(TracksPanel).show(obs)
        waiting = self.query_one("#proj-waiting", Static)
        if p.mover is None:
            waiting.update(Content.styled(p.waiting, "bold"))
        else:
            waiting.update(Content.assemble(("▶ ", "bold"), (p.waiting, f"bold {power_style(p.mover)}")))
        news = self.query_one("#proj-news", Static)
        if p.news:
            news.update(Content("\n").join(
                Content.assemble((item.title, "bold"), ": ", item.text) for item in p.news))
        else:
            news.update(Content.styled("No news yet this turn.", "dim"))
        discussion = self.query_one("#proj-discussion", Static)
        discussion.set_class(p.discussion is None, "-empty")
        if p.discussion is not None:
            discussion.update(Content.assemble(("Discussion · ", "bold"), (p.discussion.title, "italic"), "\n",
                                               p.discussion.question))
        self.query_one(ProjectorScores).show(p)
        lines = [text for _kind, text in p.recent] or ["Nothing has happened yet."]
        self.query_one("#proj-recent", Static).update("\n".join(lines))
        self.call_after_refresh(self.query_one("#proj-recent-box").scroll_end, animate=False)

    # --- the turn's summary -------------------------------------------------------------------

    def beat(self) -> float:
        pace = self.app.table.pace_seconds() if hasattr(self.app.table, "pace_seconds") else 0.0
        return BEATS_PER_PACE * pace if pace > 0 else NO_PACE_BEAT

    def tell_summary(self, turn: int) -> None:
        """Tell ``turn``'s summary at the pace; the table (a local one) hears when it is done."""
        app = self.app
        table = app.table

        def done(_result=None) -> None:
            if table is app.table and getattr(table, "summary_turn", None) == turn:
                table.summary_read()  # a local table holds play until the room has seen it

        summary = None if self._obs is None else summarise(self._obs, turn)
        if summary is None:  # nothing to tell: never hold the game up for it
            done()
            return
        if isinstance(app.screen, PacedSummaryScreen):  # the one before, still up: this one now
            app.screen.action_go_on()
        push_as_app(app, PacedSummaryScreen(summary, breakpoint_classes(app), beat=self.beat()), done)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "back":  # only over a game screen; as the App's own screen there is no back
            return not self.summaries
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_summary(self) -> None:
        if self.projection is None or self.projection.last_summary_turn is None:
            self.notify("No turn is over yet.", timeout=3)
            return
        self.tell_summary(self.projection.last_summary_turn)


class PacedSummaryScreen(TurnSummaryScreen):
    """The turn's summary told step by step for the room: each Taliban step, the upkeep, each
    seat's score, then the board; it goes on by itself a while after the last step."""

    GUIDE = TurnSummaryScreen.GUIDE + """

On the projector the summary is told one step at a time and goes on by itself; Enter or Space
shows the rest at once, and closes it once everything is shown."""

    BINDINGS = [Binding("enter,space,escape", "read", "All / close", key_display="Enter", priority=True)]

    def __init__(self, summary, classes: str = "", beat: float = NO_PACE_BEAT):
        super().__init__(summary, classes)
        self.beat = beat
        self.step = 0
        self._steps: list = []
        self._ticker = None

    def _arm(self, _old=None, _new=None) -> None:
        """Not the table's timing (the players' summary waits for them): the room's own pace."""

    # What is told after the first step starts hidden (the score rows and the board by their
    # parts: their containers are laid out by the summary's own body).
    LATER = ("summary-head", "summary-vp", "summary-why")
    LATER_IDS = ("summary-upkeep", "summary-tracks", "summary-states", "summary-leads")

    def body(self) -> ComposeResult:
        for widget in super().body():
            if widget.id in self.LATER_IDS or (any(widget.has_class(c) for c in self.LATER)
                                               and not widget.has_class("-first")):
                widget.display = False
            if widget.id == "summary-taliban":
                widget.update(Content(""))
            yield widget

    def on_mount(self) -> None:
        self.call_after_refresh(self._next)
        self._ticker = self.set_interval(self.beat, self._next)

    def _plan(self) -> list:
        """The steps of the telling, each a callable showing one more thing."""
        taliban = taliban_lines(self.summary)
        tal = self.query_one("#summary-taliban", Static)
        heads = list(self.query(".summary-head"))
        steps = [lambda k=k: tal.update(_bullets(taliban[:k])) for k in range(1, len(taliban) + 1)]
        if not steps:
            steps.append(lambda: tal.update(_bullets((), "The Taliban did nothing this turn.")))
        upkeep = list(self.query("#summary-upkeep"))
        if upkeep:
            steps.append(lambda: self._show(heads[1], upkeep[0]))
        steps.append(lambda: self._show(heads[-2]))
        steps += [lambda row=row: self._show(*row.children) for row in self.query(".summary-score")]
        steps.append(lambda: self._show(heads[-1], *self.query("#summary-board Static")))
        return steps

    def _show(self, *widgets) -> None:
        for widget in widgets:
            widget.display = True
        self.call_after_refresh(self.query_one("#summary-scroll").scroll_end, animate=False)

    @property
    def told(self) -> bool:
        return bool(self._steps) and self.step >= len(self._steps)

    def _next(self) -> None:
        if not self._steps:
            self._steps = self._plan()
        if self.told:
            self.step += 1
            if self.step >= len(self._steps) + HOLD_BEATS:
                self.action_go_on()
            return
        self._steps[self.step]()
        self.step += 1
        if self.told:
            self._subtitle("Goes on by itself · Enter: close")

    def _subtitle(self, text: str) -> None:
        for box in self.query("#summary-box"):
            box.border_subtitle = text

    def reveal_all(self) -> None:
        if not self._steps:
            self._steps = self._plan()
        while not self.told:
            self._next()
        self.call_after_refresh(self.query_one("#summary-scroll").scroll_home, animate=False)

    def action_read(self) -> None:
        if not self.told:
            self.reveal_all()
        else:
            self.action_go_on()

    def action_go_on(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self.is_current:
            self.dismiss(None)
