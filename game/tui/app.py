"""The App: a thin shell that shows a table and sends it what the players want.

The table (``game.play.table.Table``, no Textual in it) owns the game and its policy: turns and
handovers, computer moves and their pace, the phase clock, pause, undo, autosave, the turn's
summary. The App shows what the table waits for (a turn's summary, a handoff, an offer, a
computer thinking in a worker, a reveal timer, the end) and bumps ``revision`` for the screens
to redraw. Screens read ``app.table`` and send it intentions; they never change the game."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from game.rules.paths import CARDS_DIR
from game.tui.aiproc import Thinker
from game.tui.library import CardLibrary
from game.tui.messages import AIDecided, MoveChosen
from game.tui.themes import POWER_DEFAULTS, THEMES, next_theme, theme_label

# The engine is imported when a game needs it, not before the title screen is drawn.
HARD_THINK_SECONDS = 1.5


class GreatGameApp(App[int]):
    """The New Great Game in the terminal."""

    TITLE = "The New Great Game"
    SUB_TITLE = "Central Asia, summer 2021"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (80, "-w80"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (24, "-h24"), (34, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f2", "next_theme", "Theme", show=False),
    ]

    revision: reactive[int] = reactive(0, always_update=True, init=False)
    """Bumped after every change of the table; screens watch it and redraw."""

    def __init__(self, *, cards_dir: Path = CARDS_DIR, saves_dir: Path = Path("saves"), game=None,
                 autosave_to: Path | None = None, pace: str = "normal", confirm_moves: bool = True,
                 ai_process: bool = True, think: float = HARD_THINK_SECONDS, seed_source=None,
                 theme: str = "great-game", animate: bool = True, clock_source=None,
                 first_screen: str | None = None, projector: bool = False):
        super().__init__()
        self.cards_dir = Path(cards_dir)
        self.saves_dir = Path(saves_dir)
        self.table = None  # game.play.table.Table of the game in progress, or None
        self.pace = pace  # for the next game (the table keeps its own)
        self.confirm_moves = confirm_moves
        self.seed_source = seed_source or (lambda: secrets.randbelow(2**31))
        self.clock_source = clock_source or time.monotonic  # the table's time (tests fake it)
        self._start = (game, autosave_to)
        self._first_screen = first_screen  # "seminar", or ("join", URL, CODE, at once, URL fixed)
        self.projector = self.projector_games = projector  # the room's screen (game.tui.screens.projector)
        self._theme_name = theme
        self.library = CardLibrary(cards_dir)
        self.thinker = Thinker(cards_dir, ai_process, think)
        self._shown: dict = {}  # what of the table's waits is on screen: {"asked": token, ...}
        self._reveal_timer = None
        self._syncing = self._again = False
        if not animate:
            self.animation_level = "none"

    @property
    def game(self):
        """The session of the game in progress (read it; move it through ``table``)."""
        return None if self.table is None else self.table.game

    # --- set-up -------------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **POWER_DEFAULTS}

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self._theme_name if self._theme_name in self.available_themes else "great-game"
        from game.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())
        (game, autosave_to), self._start = self._start, (None, None)
        if self._first_screen == "seminar" and game is None:
            from game.tui.screens.seminar import SeminarSetupScreen

            self.push_screen(SeminarSetupScreen())
        if isinstance(self._first_screen, tuple):  # greatgame join URL CODE, or play --join URL
            from game.tui.screens.join import JoinScreen
            self.push_screen(JoinScreen(*self._first_screen[1:]))
        if game is not None:
            self.start(game, autosave_to)

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False)
    def _preload(self) -> None:
        """Read the cards while the player looks at the title screen."""
        self.library.catalogue()

    def title_drawn(self) -> None:
        """Called once the title screen has been painted: only then read the cards, so that
        the title appears as fast as an empty app's (the startup benchmark hooks this)."""
        self._preload()

    def new_seed(self) -> int:
        return int(self.seed_source())

    # --- starting, loading, saving ------------------------------------------------------------

    def new_game(self, scenario: str, seats: dict, seed: int, seminar=None) -> None:
        """Start a game (a seminar when ``seminar``, a game.play.seminar.Seminar, is given)."""
        from game.play.session import Game
        from game.tui.core import autosave_path

        game = Game.start(self.library.rules(scenario), seed, seats, seminar=seminar)
        self.start(game, autosave_path(self.saves_dir, seed))

    def start(self, game, autosave_to: Path | None) -> None:
        """Seat ``game`` at a new table and show it."""
        from game.play.table import Table

        self.seat(Table(game, autosave_to=autosave_to, pace=self.pace, clock=self.clock_source, summaries=True))

    def seat(self, table) -> None:
        """Show ``table``: a local Table, or a hosted game's (game.clients.remote.RemoteTable,
        whose computer seats are the server's; a projector's code opens the projector)."""
        from game.tui.screens.game import GameScreen
        from game.tui.screens.projector import ProjectorScreen

        self._drop_table()
        self.table = table
        remote = getattr(table, "remote", False)  # a projector's code opens the projector
        self.projector = table.role == "projector" if remote else self.projector_games
        table.watchers.append(self._sync)
        self._close_overlays()
        if table.ended:  # a finished game (a loaded save): straight to its end screen
            self._shown["end"] = True
            self._show_end(table)
            return
        self.push_screen(ProjectorScreen() if self.projector else GameScreen())
        if not remote and self.thinker.needs_process(table.game.seats):
            self.thinker.warm_up()
        self._sync()

    def load(self, path: Path) -> str | None:
        """Load a save and play it; the error in one line if it cannot be used."""
        opened = self.library.open_save(path, self.saves_dir)
        if isinstance(opened, str):
            return opened
        self.start(*opened)
        return None

    def leave_game(self) -> None:
        """Back to the title screen; the game is autosaved so Continue picks it up."""
        self._drop_table()
        self._close_overlays()

    def _drop_table(self) -> None:
        if self.table is not None:
            self.table.autosave()
            self.table.watchers.clear()
            self._tell()
            if getattr(self.table, "remote", False):
                self.table.close()  # the hosted game goes on; the same code joins again
        self.table = None
        self._shown = {}
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None

    def _close_overlays(self) -> None:
        """Back to the title screen at the bottom of the stack."""
        from game.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    # --- rendering the table ------------------------------------------------------------------

    def _sync(self) -> None:
        """Show what the table waits for, once each; then let the screens redraw."""
        if self._syncing:  # a change while showing the last one: shown once this returns
            self._again = True
            return
        self._syncing = self._again = True
        try:
            while self._again and self.table is not None:
                self._again = False
                self._render_table(self.table, self._shown)
        finally:
            self._syncing = False

    def _render_table(self, table, shown: dict) -> None:
        self._tell()
        if table.ended:
            if not shown.get("end"):
                shown["end"] = True
                self.set_timer(table.pace_seconds() or 0.01, lambda: self._show_end(table))
        elif getattr(table, "lobby", None) is not None:  # a hosted game not started yet
            from game.tui.screens.lobby import show_lobby
            show_lobby(self, table, shown)
        elif self.projector:  # the room's screen tells the summary itself; no hand, no offer there
            pass
        elif table.summary_turn is not None and not table.console_open:
            if shown.get("summary") != table.summary_turn:
                from game.tui.screens.summary import show_summary  # the turn is over: what it did
                show_summary(self, table, shown)
        elif table.handoff_for is not None and not table.console_open:
            if shown.get("handoff") != table.handoff_for:
                from game.tui.screens.handoff import show_handoff
                show_handoff(self, table, shown)
        elif table.offer_waiting() and not shown.get("offer"):
            self.open_offer()
        if table.request is not None and shown.get("asked") != table.request.token:
            shown["asked"] = table.request.token
            self._think(table.request)
        self._arm_reveal(table)
        self.revision += 1

    def _tell(self) -> None:
        for notice in self.table.take_notices():
            self.notify(notice, severity="error", markup=False)

    def _arm_reveal(self, table) -> None:
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
        delay = table.reveal_delay()
        if delay is not None:
            self._reveal_timer = self.set_timer(delay or 0.001, lambda: table is self.table and table.reveal())

    def _show_end(self, table) -> None:
        if table is not self.table:
            return
        from game.tui.screens.end import EndScreen

        self._close_overlays()
        self.push_screen(EndScreen(table.game))

    def open_offer(self) -> None:
        """Show the offer dialog again (when the Central Asian team closed it unanswered)."""
        from game.tui.screens.offer import show_offer

        if self.table is not None and self.table.offer_waiting() and not self._shown.get("offer"):
            show_offer(self, self.table, self._shown)

    # --- intentions ---------------------------------------------------------------------------

    def on_move_chosen(self, message: MoveChosen) -> None:
        """A person's choice, to the table (which checks it at the game's door)."""
        from game.play.table import NOT_YOUR_MOVE

        refused = None if self.table is None else self.table.choose(message.choice, message.reason)
        if refused not in (None, NOT_YOUR_MOVE):
            self.notify(refused, severity="warning")

    @work(thread=True, exclusive=True, group="ai", exit_on_error=False)
    def _think(self, request) -> None:
        """A computer's move, off the event loop; never touches a widget, only posts."""
        choice, reason = self.thinker.decide(request, self.game)
        self.post_message(AIDecided(request.token, tuple(choice), reason))

    def on_aidecided(self, message: AIDecided) -> None:
        if self.table is not None:
            self.table.decided(message.token, message.choice, message.reason)

    # --- app-wide actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_next_theme(self) -> None:
        self.theme = next_theme(self.theme)
        self.notify(f"Theme: {theme_label(self.theme)}", markup=False)

    async def action_quit(self) -> None:
        if self.table is not None and not self.table.ended:
            self.table.autosave()
        self.exit(0)

    async def on_unmount(self) -> None:
        self.thinker.close()
        # A hosted game's connection, and the server Host a game runs here (the games are kept).
        for closing in (getattr(self.table, "client", None), getattr(self, "hosting", None)):
            if closing is not None:
                await closing.close()
