"""The App: it alone owns the game in progress and changes it.

Screens render ``app.game`` and send intentions back as messages (a choice, an undo); the App
checks them against the engine's legal choices, applies them with ``Game.play`` and bumps
``revision``, which the screens watch to redraw. Computer players think in a worker (a thread
for the quick levels, a separate process for the hard search, so key presses stay quick) and
post their decision back; the App reveals AI moves one at a time at the chosen pace.
"""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from game import moves as M
from game.paths import CARDS_DIR
from game.visibility import AFTER, PUBLIC
from game.tui.messages import AIDecided, MoveChosen, UndoRequested
from game.tui.themes import POWER_DEFAULTS, THEMES

# The engine is imported when a game needs it, not before the title screen is drawn.
SEATS = ("russia", "turkey", "china", "usa", "central_asia")

PACES = {"slow": 1.6, "normal": 0.8, "fast": 0.3, "instant": 0.0}
PACE_ORDER = ("slow", "normal", "fast", "instant")
HARD_THINK_SECONDS = 1.5
PROCESS_LEVELS = ("ai:hard",)  # searches long enough to slow the interface in a thread
MAX_RATIONALE = 300  # characters of a team's rationale for a move


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
    """Bumped after every change of the game; screens watch it and redraw."""

    def __init__(
        self,
        *,
        cards_dir: Path = CARDS_DIR,
        saves_dir: Path = Path("saves"),
        game=None,
        autosave_to: Path | None = None,
        pace: str = "normal",
        confirm_moves: bool = True,
        ai_process: bool = True,
        think: float = HARD_THINK_SECONDS,
        seed_source=None,
        theme: str = "great-game",
        animate: bool = True,
        clock_source=None,
        first_screen: str | None = None,
    ):
        super().__init__()
        self.cards_dir = Path(cards_dir)
        self.saves_dir = Path(saves_dir)
        self.game = None
        self.autosave_to: Path | None = None
        self.pace = pace if pace in PACES else "normal"
        self.confirm_moves = confirm_moves
        self.use_ai_process = ai_process
        self.think = think
        self.seed_source = seed_source or (lambda: secrets.randbelow(2**31))
        self.viewer: int | None = None  # whose hand may be shown now
        self.holder: int | None = None  # the human seat that last had the keyboard (hot-seat)
        self.thinking: int | None = None  # the AI seat thinking now
        self.fast_forward = False
        self.last_ai: tuple | None = None  # (seat, index of its log entry) of the last AI move
        self.feed_start = 0  # log index from which the move panel lists what others did
        self._start_game = game
        self._first_screen = first_screen  # "seminar": open on the seminar setup (greatgame seminar)
        self._start_autosave = autosave_to
        self._generation = 0
        self._ai_token: tuple | None = None
        self._reveal_timer = None
        self._pending_decision: AIDecided | None = None
        self._last_reveal = 0.0
        self._handoff_for: int | None = None
        self._offer_open = False
        self._end_shown = False
        self._ai_process = None
        self._catalogue = None
        self._catalogue_lock = threading.Lock()
        self._undo_cache: tuple | None = None
        self._theme_name = theme
        # Seminar games: the running team's phase clock, and the facilitator's pause.
        self.clock = None  # game.seminar.PhaseClock of the team deciding now, or None
        self._clock_phase: tuple | None = None  # (turn, round, seat) the clock belongs to
        self.paused = False  # the facilitator has paused the game: no AI moves, clock stopped
        self.console_open = False  # the facilitator's console is open: nothing new appears over it
        self.clock_source = clock_source or time.monotonic  # the phase clocks' time (tests fake it)
        if not animate:
            self.animation_level = "none"

    # --- set-up -------------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **POWER_DEFAULTS}

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self._theme_name if self._theme_name in self.available_themes else "great-game"
        from game.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())
        if self._first_screen == "seminar" and self._start_game is None:
            from game.tui.screens.seminar import SeminarSetupScreen

            self.push_screen(SeminarSetupScreen())
        if self._start_game is not None:
            game, self._start_game = self._start_game, None
            self.start(game, self._start_autosave)

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False)
    def _preload(self) -> None:
        """Read the cards while the player looks at the title screen."""
        self.catalogue()

    def catalogue(self):
        """Every card and scenario (read once, on first need; a background thread starts it)."""
        with self._catalogue_lock:
            if self._catalogue is None:
                from game.loader import read_catalogue

                self._catalogue = read_catalogue([self.cards_dir])
            return self._catalogue

    def rules(self, scenario: str):
        """The rules of a scenario; DataError when the cards have faults."""
        from game.cards import Rules
        from game.loader import DataError, Fault

        cat = self.catalogue()
        if cat.faults:
            raise DataError(list(cat.faults))
        if scenario not in cat.scenarios:
            raise DataError([Fault(str(self.cards_dir), 1, "scenarios", f"no scenario {scenario!r}")])
        return Rules.build(cat.cards, cat.scenarios[scenario])

    def title_drawn(self) -> None:
        """Called once the title screen has been painted: only then read the cards, so that
        the title appears as fast as an empty app's (the startup benchmark hooks this)."""
        self._preload()

    def new_seed(self) -> int:
        return int(self.seed_source())

    # --- starting, loading, saving ------------------------------------------------------------

    def new_game(self, scenario: str, seats: dict, seed: int, seminar=None) -> None:
        """Start a game (a seminar when ``seminar``, a game.seminar.Seminar, is given)."""
        from game.session import Game
        from game.tui.core import autosave_path

        game = Game.start(self.rules(scenario), seed, seats, seminar=seminar)
        self.start(game, autosave_path(self.saves_dir, seed))

    def start(self, game, autosave_to: Path | None) -> None:
        """Make ``game`` the game in progress and show it."""
        from game.tui.screens.game import GameScreen

        self._generation += 1
        self._cancel_reveal()
        self.game = game
        self.autosave_to = autosave_to
        self.holder = None
        self.viewer = None
        self.thinking = None
        self.fast_forward = False
        self.last_ai = None
        self.feed_start = self._feed_origin(game)
        self._ai_token = None
        self._handoff_for = None
        self._offer_open = False
        self._end_shown = False
        self._undo_cache = None
        self.clock = None
        self._clock_phase = None
        self.paused = False
        self.console_open = False
        self._close_overlays()
        if game.over:  # a finished game (a loaded save): straight to its end screen
            from game.tui.screens.end import EndScreen

            self._end_shown = True
            self.push_screen(EndScreen(game))
            return
        self.push_screen(GameScreen())
        if any(game.seats[s] in PROCESS_LEVELS for s in SEATS) and self.use_ai_process:
            self._ensure_ai_process()
        self._changed()
        self._advance()

    @staticmethod
    def _feed_origin(game) -> int:
        """Where 'since your last move' starts in a game just started or loaded: the start of
        the current turn."""
        for i in range(len(game.log) - 1, -1, -1):
            if game.log[i][0] == "turn":
                return i
        return 0

    def _close_overlays(self) -> None:
        """Back to the title screen at the bottom of the stack."""
        from game.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def load(self, path: Path) -> str | None:
        """Load a save and play it; the error in one line if it cannot be used (nothing is
        written: a bad save is left exactly as it was)."""
        from game.save import SaveError, load_game
        from game.tui.core import AUTOSAVE_PREFIX, autosave_path

        try:
            game = load_game(Path(path), self.cards_dir)
        except SaveError as e:
            return str(e)
        except Exception as e:  # never let a strange file take the app down
            return f"{path}: cannot be loaded ({type(e).__name__}: {e})"
        path = Path(path)
        if path.name.startswith(AUTOSAVE_PREFIX):
            autosave_to = path  # carry on in the same autosave
        else:
            autosave_to = autosave_path(self.saves_dir, game.seed)  # never write over a manual save
        self.start(game, autosave_to)
        return None

    def save_as(self, path: Path) -> str | None:
        """Write the game to ``path``; the error in words if that failed."""
        from game.save import save_game

        if self.game is None:
            return "there is no game to save"
        try:
            save_game(self.game, path)
        except OSError as e:
            return f"could not save to {path}: {e.strerror or e}"
        return None

    def autosave(self) -> None:
        if self.game is None or self.autosave_to is None or not self.game.moves:
            return
        error = self.save_as(self.autosave_to)
        if error:
            self.notify(error, title="Autosave failed", severity="error")

    def leave_game(self) -> None:
        """Back to the title screen; the game is autosaved so Continue picks it up."""
        self.autosave()
        self._generation += 1
        self._cancel_reveal()
        self.game = None
        self.thinking = None
        self._close_overlays()

    # --- the flow of play ---------------------------------------------------------------------

    def _changed(self) -> None:
        self._undo_cache = None
        self.revision += 1

    def undo_steps(self) -> int:
        """How many moves the seat to move may take back (cached per revision)."""
        game = self.game
        if game is None or game.over:
            return 0
        key = (self._generation, len(game.moves))
        if self._undo_cache is None or self._undo_cache[0] != key:
            self._undo_cache = (key, game.undoable())
        return self._undo_cache[1]

    def _advance(self) -> None:
        """Work out what happens next: a human decides, an AI thinks, or the game has ended."""
        game = self.game
        if game is None:
            return
        if game.over:
            self.thinking = None
            self.autosave()
            if not self._end_shown:
                self._end_shown = True
                generation = self._generation
                delay = self._pace_seconds()
                if delay > 0:  # let the last move be seen before the end screen
                    self.set_timer(delay, lambda: self._show_end(generation))
                else:
                    self.call_later(self._show_end, generation)
            return
        from game.tui.core import humans

        seat = game.state.seat_to_move
        people = humans(game.seats)
        if game.controller() == "human":
            self.thinking = None
            if len(people) > 1 and self.holder != seat:
                self.viewer = None
                self._changed()
                self._request_handoff(seat)
                return
            self.holder = seat
            self.viewer = seat
            self.fast_forward = False
            self._phase_started(seat)
            self._changed()
            if game.state.pending.kind == M.PENDING_OFFER:
                self.open_offer()
            return
        self.viewer = people[0] if len(people) == 1 else None
        self._start_ai()

    @property
    def reader(self):
        """Who reads this screen's log and report now (game.visibility): the seat whose hand
        may be shown, else the public (a shared screen between players); everyone once the
        game is over."""
        if self.game is None or self.game.over:
            return AFTER
        return PUBLIC if self.viewer is None else self.viewer

    # --- seminar: the phase clock and the facilitator's pause ----------------------------------

    def _phase_started(self, seat: int) -> None:
        """A team's phase is its card and everything that follows from it (an offer it makes is
        answered inside it): one clock per action round of a seat, started when the team has
        the keyboard."""
        game = self.game
        if game is None or game.seminar is None:
            self.clock = None
            return
        phase = self.phase_key()
        if phase == self._clock_phase and self.clock is not None:
            return
        from game.seminar import PhaseClock

        self._clock_phase = phase
        owner = phase[2]  # the phase's team, even when another answers inside it (an offer)
        self.clock = PhaseClock(float(game.seminar.phase_seconds), label=game.team(owner) or SEATS[owner])
        if not self.paused:
            self.clock.start(self.clock_source())

    def phase_key(self) -> tuple | None:
        """The phase the decision waiting now belongs to (a clock is kept per phase)."""
        game = self.game
        if game is None or game.over or game.state.seat_to_move is None:
            return None
        st = game.state
        if st.phase == "news":
            return (st.turn, "news", st.seat_to_move)
        return (st.turn, st.round, st.order[st.position])

    def phase_seat(self) -> int | None:
        """The seat whose phase it is: the one that played the card, while another seat may be
        deciding inside it (the Central Asian seat answering its offer, a target to pick)."""
        phase = self.phase_key()
        return None if phase is None else phase[2]

    def team_clock(self):
        """The phase clock when it belongs to the decision waiting now and that decision is a
        team's, at the keyboard; None between phases, during a handoff and while the computer
        moves."""
        game = self.game
        if (self.clock is None or game is None or game.over or game.controller() != "human"
                or self.viewer != game.state.seat_to_move or self._clock_phase != self.phase_key()):
            return None
        return self.clock

    def clock_toggle(self) -> None:
        """Pause or run the phase clock (the facilitator's)."""
        if self.clock is not None:
            self.clock.toggle(self.clock_source())
            self._changed()

    def clock_extend(self, seconds: float = 60.0) -> None:
        if self.clock is not None:
            self.clock.extend(seconds)
            self._changed()

    def clock_skip(self) -> None:
        """End this phase's time now; the team is then prompted, never passed over."""
        if self.clock is not None:
            self.clock.skip(self.clock_source())
            self._changed()

    def set_paused(self, paused: bool) -> None:
        """The facilitator's pause: the clock stops and computer moves wait until resumed."""
        if paused == self.paused:
            return
        self.paused = paused
        now = self.clock_source()
        if self.clock is not None:
            (self.clock.pause if paused else self.clock.start)(now)
        self._changed()
        if not paused and self._pending_decision is not None:
            self._reveal_timer = self.set_timer(self._pace_seconds() or 0.01, self._reveal)

    def console_shown(self, shown: bool) -> None:
        """While the facilitator's console is open, computer moves wait and no handoff or offer
        appears over it (nor a hand under it); once it closes, play goes on from where it is."""
        if shown == self.console_open:
            return
        self.console_open = shown
        if shown:
            return
        if self._pending_decision is not None and not self.paused:
            if self._reveal_timer is not None:
                self._reveal_timer.stop()
            self._reveal_timer = self.set_timer(self._pace_seconds() or 0.01, self._reveal)
        self._advance()

    def _show_end(self, generation: int) -> None:
        if generation != self._generation or self.game is None:
            return
        from game.tui.screens.end import EndScreen

        self._close_overlays()
        self.push_screen(EndScreen(self.game))

    def _request_handoff(self, seat: int) -> None:
        from game.tui.screens.handoff import HandoffScreen

        if self._handoff_for == seat or self.console_open:  # the console asks again when it closes
            return
        if isinstance(self.screen, HandoffScreen):  # for a seat no longer to move (the console
            self.pop_screen()  # changed whose decision it is): replaced, its callback never runs
        self._handoff_for = seat

        generation = self._generation

        def done(_result) -> None:
            self._handoff_for = None
            if generation != self._generation:
                return
            self.holder = seat
            self._advance()

        self._push_for_app(HandoffScreen(seat, self.game), done)

    def _push_for_app(self, screen, callback) -> None:
        """Push a screen whose answer the App itself waits for, as the App. Textual hands a
        screen's result to whichever screen was handling a message when it was pushed; when
        that one closes first (the load screen, whose Enter started this game), the answer
        never arrives and play stalls. Pushed here and now, so it stays in its place on the
        stack (under a seminar's opening briefing, say)."""
        from textual._context import active_message_pump

        token = active_message_pump.set(self)
        try:
            self.push_screen(screen, callback)
        finally:
            active_message_pump.reset(token)

    def open_offer(self) -> None:
        """Show the offer dialog to the Central Asian seat (when it is a human's to answer)."""
        game = self.game
        if (game is None or self._offer_open or self.console_open or game.over
                or game.state.pending.kind != M.PENDING_OFFER or game.controller() != "human"
                or self.viewer != game.state.seat_to_move):
            return
        from game.tui.screens.offer import OfferDialog

        self._offer_open = True
        token = (self._generation, len(game.moves))

        def answered(answer) -> None:  # (choice, the team's rationale or None), or None
            self._offer_open = False
            if answer and self.game is not None and token == (self._generation, len(self.game.moves)):
                choice, why = answer
                self.post_message(MoveChosen(tuple(choice), why))

        self._push_for_app(OfferDialog(game.state), answered)

    def on_move_chosen(self, message: MoveChosen) -> None:
        """A human's choice: checked at the game's door, then played."""
        game = self.game
        if game is None or game.over or game.controller() != "human":
            return
        if self.viewer != game.state.seat_to_move:
            return  # the seat to move has not taken the keyboard yet
        if self.paused:
            self.notify("The facilitator has paused the game.", severity="warning")
            return
        choice = tuple(message.choice)
        if M.is_facilitator(choice) or game.refusal(choice) is not None:
            self.notify("That move is no longer possible.", severity="warning")
            return
        self.feed_start = len(game.log) + 1  # after the line saying what this player did
        self.last_ai = None
        rationale = (message.reason or "").strip()[:MAX_RATIONALE] or None
        self._play(choice, rationale)

    def _play(self, choice: tuple, reason: str | None) -> None:
        game = self.game
        turn = game.state.turn
        game.play(choice, reason)
        if game.state.turn != turn or game.over:
            self.autosave()
        self._changed()
        self._advance()

    def facilitate(self, choice: tuple, reason: str | None = None) -> str | None:
        """A facilitator's move (inject, hold, release, next, adjust, note) applied through
        the game like any move, so it is saved and replayed; the refusal in one sentence when
        the rules do not allow it, and then nothing has changed."""
        game = self.game
        if game is None:
            return "there is no game in progress"
        choice = tuple(choice)
        if not M.is_facilitator(choice):
            return f"{M.text(choice)!r} is not a facilitator move ({', '.join(M.FACILITATOR_KINDS)})"
        refused = game.refusal(choice, reason)
        if refused is not None:
            return refused
        game.play(choice, reason)
        # A computer move decided before this one was decided for a position that is gone: it
        # is dropped (its token no longer matches) and _advance has the AI think again.
        self._cancel_reveal()
        self._changed()
        self.autosave()
        self._advance()
        return None

    def on_undo_requested(self, message: UndoRequested) -> None:
        self.undo()

    def undo(self) -> bool:
        if self.game is None or self.undo_steps() < 1:
            self.notify("Nothing to undo: only your own moves this turn, before any dice or "
                        "cards are revealed and before another seat acts.", severity="warning")
            return False
        self.game = self.game.rewound(1)
        self.feed_start = min(self.feed_start, len(self.game.log))
        self.last_ai = None
        self._changed()
        self._advance()
        return True

    # --- computer players ---------------------------------------------------------------------

    def _ensure_ai_process(self):
        if self._ai_process is None:
            from game.tui.aiproc import AIProcess

            self._ai_process = AIProcess()
            self._ai_process.start()
        return self._ai_process

    def _start_ai(self) -> None:
        game = self.game
        token = (self._generation, len(game.moves))
        if self._ai_token == token:
            return
        self._ai_token = token
        self.thinking = game.state.seat_to_move
        self._changed()
        controller = game.controller()
        use_process = self.use_ai_process and controller in PROCESS_LEVELS

        request = dict(scenario=game.scenario, cards=self.cards_dir, seed=game.seed,
                       moves=[(M.text(m.choice), m.reason) for m in game.moves], controller=controller,
                       turns=game.rules.scenario.turns,
                       salt=len(game.moves), think=self.think if controller == "ai:hard" else None)
        self._think(token, game.state, request, use_process)

    @work(thread=True, exclusive=True, group="ai", exit_on_error=False)
    def _think(self, token: tuple, state, request: dict, use_process: bool) -> None:
        """Runs off the event loop; never touches a widget, only posts the decision."""
        from game.ai import decide

        started = time.perf_counter()
        decision = None
        if use_process:
            try:
                choice, reason = self._ensure_ai_process().decide(**request)
                decision = (choice, reason)
            except Exception:
                decision = None  # fall back to thinking here
        if decision is None:
            d = decide(request["controller"], state, request["salt"], request["think"])
            decision = (d.choice, d.reason)
        self.post_message(AIDecided(token, tuple(decision[0]), decision[1], time.perf_counter() - started))

    def _pace_seconds(self) -> float:
        return 0.0 if self.fast_forward else PACES[self.pace]

    def on_aidecided(self, message: AIDecided) -> None:
        """A computer player's decision arrived: reveal it when the pace allows."""
        game = self.game
        if game is None or message.token != (self._generation, len(game.moves)):
            return  # a decision for a position that no longer exists (undo, load, quit)
        if self._pending_decision is message:
            return
        self._pending_decision = message
        pace = self._pace_seconds()
        if (game.state.pending.kind in (M.PENDING_OPS, M.PENDING_TARGET, M.PENDING_OPTION)
                or M.kind_of(message.choice) == M.END):
            pace /= 3  # the rest of one seat's action follows its card quickly
        wait = max(0.0, self._last_reveal + pace - time.monotonic())
        if wait <= 0:
            self._reveal()
        else:
            self._reveal_timer = self.set_timer(wait, self._reveal)

    def _cancel_reveal(self) -> None:
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
        self._pending_decision = None

    def _reveal(self) -> None:
        if self.paused or self.console_open:  # kept until resumed (set_paused) or closed (console_shown)
            self._reveal_timer = None
            return
        message, self._pending_decision = self._pending_decision, None
        self._reveal_timer = None
        game = self.game
        if message is None or game is None or message.token != (self._generation, len(game.moves)):
            return
        choice = message.choice
        if choice not in game.legal():  # cannot happen with a sound AI; never play it anyway
            self.notify(f"The AI proposed an illegal move {choice!r}; skipped.", severity="error")
            choice = game.legal()[0]
        seat = game.state.seat_to_move
        start = len(game.log)
        self._ai_token = None
        self.thinking = None
        self._last_reveal = time.monotonic()
        self.last_ai = (seat, start)
        self._play(choice, message.reason or None)

    def skip(self) -> None:
        """Reveal the waiting AI move now."""
        if self._pending_decision is not None:
            if self._reveal_timer is not None:
                self._reveal_timer.stop()
            self._reveal()

    def toggle_fast_forward(self) -> None:
        self.fast_forward = not self.fast_forward
        if self.fast_forward:
            self.skip()
        self._changed()

    def cycle_pace(self, step: int = 1) -> str:
        i = PACE_ORDER.index(self.pace)
        self.pace = PACE_ORDER[(i + step) % len(PACE_ORDER)]
        self._changed()
        return self.pace

    # --- app-wide actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_next_theme(self) -> None:
        names = [t.name for t in THEMES]
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]
        from game.tui.themes import THEME_LABELS

        self.notify(f"Theme: {THEME_LABELS.get(self.theme, self.theme)}", markup=False)

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)

    async def action_quit(self) -> None:
        if self.game is not None and not self.game.over:
            self.autosave()
        self.exit(0)

    def on_unmount(self) -> None:
        if self._ai_process is not None:
            self._ai_process.close()
