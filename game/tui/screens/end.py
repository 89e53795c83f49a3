"""The end: every seat's final score with its breakdown, the outcome in words, the scores over
the turns, and the whole log to read back."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from game.rules.model import CATEGORIES, SEATS
from game.tui.widgets.footer import KeyFooter
from game.words.log import seat_name, tension_penalties
from game.words.predictions import foresight_words
from game.rules.primitives import HIGH_TENSION
from game.play.observer import AFTER
from game.tui.core import SEAT_LETTERS, SHORT_NAMES, breakdown_rows, player_text
from game.words.outcome import headline, outcome_words
from game.tui.screens.base import BaseScreen
from game.tui.widgets.chart import ScoreChart
from game.tui.widgets.log import GameLog

# Short enough, with a team's name in the last column, for the table to fit 80 columns.
CATEGORY_HEADS = {"influence": "infl", "security": "sec", "projects": "proj", "diplomacy": "dipl",
                  "stability": "stab", "events": "evts", "collapse": "coll"}
OTHER_COLUMNS = 64  # the cells the table takes besides the player's name, with the margins


def penalty_words(game) -> str:
    """How much of each seat's diplomacy column was lost for raising tension too high (the
    breakdown books it there, having no column of its own), or '' when nobody was."""
    lost = tension_penalties(game.log or [])
    if not lost:
        return ""
    who = ", ".join(f"{seat_name(s)} {vp}" for s, vp in sorted(lost.items()))
    return f"In dipl: VP lost for raising Sino-American tension to {HIGH_TENSION} or more: {who}."


class EndScreen(BaseScreen):
    GUIDE = """\
## The end of the game

The table gives each seat's final victory points and where they came from: influence,
security, projects, diplomacy, stability, events, and the penalty for a collapse. The chart
shows every seat's score after each turn, all on one scale. The **Log** tab has the whole game,
newest first, with the computer's reasons.

`n` starts a new game, `t` returns to the title screen, `s` saves a copy of this game (it can
be replayed move by move with `greatgame replay`), `p` replays it here turn by turn, from any
seat's viewpoint, and can branch a what-if from any turn. `e` writes the after-action report
(Markdown, next to the saves) and shows it."""

    # The tabs fill the screen: left to their natural height, the log's pane was 0 rows tall.
    DEFAULT_CSS = """
    #end-tabs { height: 1fr; }
    #end-tabs ContentSwitcher { height: 1fr; }
    #end-tabs TabPane { padding: 0; height: 100%; }
    """

    BINDINGS = [
        Binding("n", "new", "New game"),
        Binding("t", "title", "Title"),
        Binding("s", "save", "Save"),
        Binding("l", "tab('end-log')", "Log"),
        Binding("r", "tab('end-result')", "Result", show=False),
        Binding("p", "replay", "Replay", show=False),
        Binding("e", "report", "Report"),
    ]

    def __init__(self, game):
        super().__init__()
        self.game = game

    def body(self) -> ComposeResult:
        state = self.game.state
        head = headline(state)
        with TabbedContent(id="end-tabs", initial="end-result"):
            with TabPane("Result (r)", id="end-result"):
                with VerticalScroll(id="end-box"):
                    yield Static(Content.from_markup(f"[b]{head}[/b]"), id="end-head")
                    yield DataTable(id="end-scores", cursor_type="none", zebra_stripes=True)
                    penalties = penalty_words(self.game)
                    if penalties:
                        yield Static(penalties, id="end-penalties", markup=False)
                    yield Static("\n".join(outcome_words(state)), id="end-outcome", markup=False)
                    foresight = foresight_words(self.game)
                    if foresight:  # the teams' predictions, scored (game.words.predictions)
                        yield Static(foresight, id="end-foresight", markup=False)
                    yield ScoreChart(id="end-chart")
            with TabPane("Log (l)", id="end-log"):
                yield GameLog(id="end-log-view", limit=None)  # the whole game, to read back
        yield KeyFooter()

    def on_mount(self) -> None:
        state = self.game.state
        table = self.query_one("#end-scores", DataTable)
        table.add_column("seat")
        table.add_column("VP")
        for cat in CATEGORIES:
            table.add_column(CATEGORY_HEADS[cat])
        table.add_column("player")
        order = sorted(range(len(SEATS)), key=lambda i: (-state.vp[i], i))
        rows = breakdown_rows(state)
        room = max(12, self.app.size.width - OTHER_COLUMNS)  # a long team name is cut to fit
        for i in order:
            name, cats, total = rows[i]
            s = SEATS[i]
            won = i in state.winners
            seat = f"{SEAT_LETTERS[s]} {SHORT_NAMES[s]}" + (" ★" if won else "")
            # Text cells: the table measures them (not Content), and a team's name is never markup.
            player = player_text(self.game, i)
            if len(player) > room:
                player = player[:room - 1] + "…"
            table.add_row(seat, Text(str(total), style="bold"), *[str(v) if v else "·" for v in cats], Text(player))
        self.query_one("#end-chart", ScoreChart).show(state)
        self.query_one("#end-chart").border_title = "Victory points over the turns"
        self.query_one(GameLog).show(self.game, AFTER, force=True)

    def action_tab(self, tab: str) -> None:
        self.query_one("#end-tabs", TabbedContent).active = tab

    @on(TabbedContent.TabActivated, "#end-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """The log takes the focus when its tab opens, so PageUp/PageDown, Home/End scroll it."""
        if event.pane.id == "end-log":
            self.query_one(GameLog).focus()

    def action_new(self) -> None:
        from game.tui.screens.setup import SetupScreen

        self.app.leave_game()
        self.app.push_screen(SetupScreen())

    def action_title(self) -> None:
        self.app.leave_game()

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen())

    def action_report(self) -> None:
        """The after-action report, written next to the saves and shown."""
        from game.tui.screens.report import show_report

        show_report(self.app, self.game)

    def action_replay(self) -> None:
        """This game in the replay viewer; a what-if needs a save to name as its parent, so the
        game's autosave is written first if it is not there (a finished game loaded by name)."""
        from game.tui.screens.replay import ReplayScreen

        app = self.app
        path = app.table.autosave_to
        if path is not None and not path.exists() and app.game is self.game:
            app.table.autosave()
        if path is None or not path.exists():
            self.notify("This game has no save to replay: save it first (s).", severity="warning")
            return
        app.push_screen(ReplayScreen(self.game, path))
