"""One table: the policy of a game being played, whoever plays it and on whatever screen.

A ``Table`` holds a session (``game.play.session.Game``) and decides what happens around the moves:
whose turn it is and whether the keyboard must change hands first (hot-seat), when a computer
seat is asked to move (a request with a token, so a stale answer is dropped) and how fast its
moves are revealed, the seminar's phase clock and the facilitator's pause, undo, and when the
game is autosaved. It never draws and never waits: it reads time from an injected clock and
says what it is waiting for (``handoff_for``, ``request``, ``reveal_delay()``, ``ended``). A
client renders that and sends intentions back (``choose``, ``handed_over``, ``decided``,
``reveal``, ``facilitate``, ``undo``...). The Textual App, the text client and the simulator are
such clients; a network server can be another. Every change calls the ``watchers``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, NamedTuple

from game.rules import moves as M
from game.rules.engine import IllegalChoice
from game.rules.model import SEATS
from game.play.seminar import PhaseClock
from game.play.session import Game
from game.play.observer import AFTER, PUBLIC

PACES = {"slow": 1.6, "normal": 0.8, "fast": 0.3, "instant": 0.0}
PACE_ORDER = ("slow", "normal", "fast", "instant")
MAX_RATIONALE = 300  # characters of a team's rationale for a move
SUMMARY_PACES = 6  # a turn's summary nobody must dismiss stays up this many reveals' time
NOT_YOUR_MOVE = "It is not your move."
PAUSED = "The facilitator has paused the game."
GONE = "That move is no longer possible."
NO_UNDO = ("Nothing to undo: only your own moves this turn, before any dice or cards are "
           "revealed and before another seat acts.")
# The rest of one seat's action follows its card quickly.
QUICK_PENDING = (M.PENDING_OPS, M.PENDING_TARGET, M.PENDING_OPTION)


class AIRequest(NamedTuple):
    """A computer seat is asked for its move in the position ``token`` names: ``state`` for
    a thinker in this process; one in another process replays the game's first ``salt`` moves
    (``game.rules.moves[:salt]``, which are the position, the engine being deterministic)."""

    token: int
    seat: int
    controller: str
    state: object
    salt: int  # the number of moves made: varies the computer's tie-breaks from move to move


def humans(seats: dict) -> list[int]:
    """The seats played by people, in seat order."""
    return [i for i, s in enumerate(SEATS) if seats.get(s) == "human"]


class Table:
    """The table's policy (see the module docstring). Attributes are read by clients; only the
    methods change them."""

    def __init__(self, game: Game, *, autosave_to: Path | None = None, pace: str = "normal",
                 clock: Callable[[], float] = time.monotonic, shared_screen: bool = True,
                 save: Callable | None = None, summaries: bool = False):
        self.game = game
        self.autosave_to = autosave_to
        self.pace = pace if pace in PACES else "normal"
        self.clock_source = clock
        self.shared_screen = shared_screen  # several people at one screen pass the keyboard
        self._save = save
        self.summaries = summaries  # after each upkeep, the turn's summary waits to be read
        self.summary_turn: int | None = None  # the turn whose summary waits to be read
        self._summary_since = 0.0
        self.watchers: list[Callable[[], None]] = []
        self.notices: list[str] = []  # things to tell the people at the table, oldest first
        self.viewer: int | None = None  # whose hand may be shown now
        self.holder: int | None = None  # the human seat that last had the keyboard (hot-seat)
        self.handoff_for: int | None = None  # the human seat that must take the keyboard first
        self.thinking: int | None = None  # the computer seat asked to move
        self.request: AIRequest | None = None
        self.fast_forward = False
        self.last_ai: tuple | None = None  # (seat, index of its log entry) of the last AI move
        self.feed_start = _turn_start(game)  # where 'since your last move' starts in the log
        self.paused = False  # the facilitator's pause: no computer moves, clock stopped
        self.console_open = False  # the facilitator's console is open: nothing new over it
        self.clock: PhaseClock | None = None  # the phase clock of the team deciding now
        self._clock_phase: tuple | None = None
        self._serial = 0  # bumped by every change of the position: the requests' token
        self._decision: tuple | None = None  # (choice, reason) waiting to be revealed
        self._last_reveal = float("-inf")
        self._undo: tuple | None = None  # (serial, steps)
        self._people = humans(game.seats)  # the seats played by people (seats never change)
        self.advance()

    # --- what clients read ------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.game.over

    @property
    def reader(self):
        """Who reads this table's screen now (game.play.visibility): the seat whose hand may be
        shown, else the public; everyone once the game is over."""
        if self.game.over:
            return AFTER
        return PUBLIC if self.viewer is None else self.viewer

    def pace_seconds(self) -> float:
        return 0.0 if self.fast_forward else PACES[self.pace]

    def undo_steps(self) -> int:
        """How many moves the seat at the keyboard may take back (the rule is the game's)."""
        if self.game.over or self.viewer != self.game.state.seat_to_move:
            return 0
        if self._undo is None or self._undo[0] != self._serial:
            self._undo = (self._serial, self.game.undoable())
        return self._undo[1]

    def human_to_move(self) -> bool:
        """A person at this table decides now (and has the keyboard, and no turn summary is
        waiting to be read)."""
        game = self.game
        return (not game.over and game.controller() == "human" and self.summary_turn is None
                and self.viewer == game.state.seat_to_move and self.handoff_for is None)

    def offer_waiting(self) -> bool:
        """The Central Asian seat is at the keyboard with an offer to answer."""
        return (self.human_to_move() and not self.console_open
                and self.game.state.pending.kind == M.PENDING_OFFER)

    def phase_key(self) -> tuple | None:
        """The phase the decision waiting now belongs to (a clock is kept per phase)."""
        game = self.game
        st = game.state
        if game.over or st.seat_to_move is None:
            return None
        if st.phase == "news":
            return (st.turn, "news", st.seat_to_move)
        return (st.turn, st.round, st.order[st.position])

    def phase_seat(self) -> int | None:
        """The seat whose phase it is (while another may decide inside it: an offer's answer)."""
        phase = self.phase_key()
        return None if phase is None else phase[2]

    def team_clock(self) -> PhaseClock | None:
        """The phase clock when it belongs to the decision waiting now and that decision is a
        team's, at the keyboard; None between phases, during a handoff and while a computer
        moves."""
        if self.clock is None or not self.human_to_move() or self._clock_phase != self.phase_key():
            return None
        return self.clock

    @property
    def move_decided(self) -> bool:
        """A computer's move is decided and waits to be revealed."""
        return self._decision is not None

    def reveal_delay(self) -> float | None:
        """Seconds until the computer's decided move may be shown; None when there is none or
        it is held (paused, console open)."""
        if self._decision is None or self.paused or self.console_open or self.summary_turn is not None:
            return None
        pace = self.pace_seconds()
        if self.game.state.pending.kind in QUICK_PENDING or M.kind_of(self._decision[0]) == M.END:
            pace /= 3
        return max(0.0, self._last_reveal + pace - self.clock_source())

    # --- the flow of play ---------------------------------------------------------------------

    def advance(self) -> None:
        """Work out what happens next: a person decides (perhaps after a handover), a computer
        is asked, or the game has ended."""
        game = self.game
        if game.over:
            self.thinking = self.request = self.handoff_for = None
            return
        seat = game.state.seat_to_move
        people = self._people
        controller = game.seats[SEATS[seat]]
        if controller == "human":
            self.thinking = self.request = None
            if self.shared_screen and len(people) > 1 and self.holder != seat:
                self.viewer = None
                self.handoff_for = seat
                return
            self.handoff_for = None
            self.holder = self.viewer = seat
            self.fast_forward = False
            self._phase_started()
            return
        self.handoff_for = None
        self.viewer = people[0] if len(people) == 1 else None
        if self.request is None or self.request.token != self._serial:
            self._decision = None
            self.thinking = seat
            self.request = AIRequest(self._serial, seat, controller, game.state, len(game.moves))

    def handed_over(self, seat: int) -> None:
        """The person playing ``seat`` has taken the keyboard."""
        if seat != self.handoff_for:
            return
        self.holder = seat
        self._update()

    def choose(self, choice: tuple, reason: str | None = None) -> str | None:
        """A person's choice for the seat at the keyboard; why not, in one line, if refused."""
        game = self.game
        if not self.human_to_move():
            return NOT_YOUR_MOVE
        if self.paused:
            return PAUSED
        choice = tuple(choice)
        if M.is_facilitator(choice) or M.is_prediction(choice) or game.refusal(choice) is not None:
            return GONE
        self.feed_start = len(game.log or ()) + 1  # after the line saying what this player did
        self.last_ai = None
        self._play(choice, (reason or "").strip()[:MAX_RATIONALE] or None)
        return None

    def predictions_left(self) -> int:
        """How many predictions the team at the keyboard may still make now (0: none, or it is
        not its first card of the turn, or nobody is at the keyboard)."""
        if not self.human_to_move() or self.paused:
            return 0
        return self.game.predictions_left()

    def predict(self, choice: tuple, reason: str | None = None) -> str | None:
        """A prediction by the team at the keyboard (game.play.predictions); why not, in one
        line, if refused. Like a move it is recorded, saved and replayed; it changes nothing on
        the board, so whose turn it is stays as it was."""
        if not self.human_to_move():
            return NOT_YOUR_MOVE
        if self.paused:
            return PAUSED
        choice = tuple(choice)
        reason = (reason or "").strip()[:MAX_RATIONALE] or None
        if not M.is_prediction(choice):
            return f"{M.text(choice)!r} is not a prediction"
        refused = self.game.refusal(choice, reason)
        if refused is not None:
            return refused
        self._play(choice, reason)
        return None

    def decided(self, token: int, choice: tuple, reason: str | None = None) -> bool:
        """A computer's answer to ``request``: kept to be revealed at the pace (False, and
        dropped, when it answers a position that is gone)."""
        if self.request is None or token != self.request.token or self._decision is not None:
            return False
        self._decision = (tuple(choice), reason)
        self._changed()
        return True

    def reveal(self) -> bool:
        """Play the computer's decided move now (held while paused or under the console)."""
        if self._decision is None or self.paused or self.console_open or self.summary_turn is not None:
            return False
        (choice, reason), self._decision = self._decision, None
        game = self.game
        self.thinking = self.request = None
        self._last_reveal = self.clock_source()
        self.last_ai = (game.state.seat_to_move, len(game.log or ()))
        try:
            self._play(choice, reason or None)
        except IllegalChoice:  # cannot happen with a sound AI; never play it anyway
            self.notices.append(f"The AI proposed an illegal move {M.text(choice)!r}; skipped.")
            self._play(game.legal()[0], None)
        return True

    def play_computers(self, answer: Callable[[AIRequest], tuple[tuple, str]]) -> None:
        """Ask ``answer`` (game.ai.answer, say) and reveal here and now until a person must act
        or the game ends: the text client's and the simulator's way, with no pace. (The table
        never imports the computer players: they sit above it, reading what it observes.)"""
        while self.request is not None and not self.paused:
            if not self.move_decided:
                self.decided(self.request.token, *answer(self.request))
            if not self.reveal():  # held: paused, or under the console
                return

    def facilitate(self, choice: tuple, reason: str | None = None) -> str | None:
        """A facilitator's move through the game's door, so it is saved and replayed; the
        refusal in one sentence when the rules do not allow it (and nothing changes). A
        computer move decided for the position before is dropped and asked for again."""
        choice = tuple(choice)
        if not M.is_facilitator(choice):
            return f"{M.text(choice)!r} is not a facilitator move ({', '.join(M.FACILITATOR_KINDS)})"
        refused = self.game.refusal(choice, reason)
        if refused is not None:
            return refused
        self.game.play(choice, reason)
        self._serial += 1
        self._decision = None
        self.autosave()
        self._update()
        return None

    def undo(self) -> str | None:
        if self.undo_steps() < 1:
            return NO_UNDO
        self.game = self.game.rewound(1)
        self._serial += 1
        self.feed_start = min(self.feed_start, len(self.game.log or ()))
        self.last_ai = None
        self._update()
        return None

    def _play(self, choice: tuple, reason: str | None) -> None:
        game = self.game
        turn = game.state.turn
        game.play(choice, reason)
        self._serial += 1
        if game.state.turn != turn or game.over:
            self.autosave()
        if game.state.turn != turn and not game.over:
            self._turn_ended(turn)
        self._update()

    def _update(self) -> None:
        self.advance()
        self._changed()

    def _changed(self) -> None:
        if self.watchers:  # none in a simulation: it asks nothing of a move it need not
            for watcher in list(self.watchers):
                watcher()

    # --- the turn's summary -------------------------------------------------------------------

    @property
    def summary_reader(self):
        """Who reads the turn's summary: it is on a screen everyone at the table may look at,
        so the public when several people share it (hot-seat) or nobody plays; the one person
        playing otherwise."""
        people = self._people
        return people[0] if len(people) == 1 else PUBLIC

    def summary_waits_for_a_key(self) -> bool:
        """A person plays at this table and is not fast-forwarding: the summary stays until read."""
        return bool(self._people) and not self.fast_forward

    def _summary_seconds(self) -> float:
        return SUMMARY_PACES * self.pace_seconds()

    def summary_delay(self) -> float | None:
        """Seconds until the waiting summary goes on by itself; None when there is none, it
        waits for a key, or it is held (paused, console open)."""
        if (self.summary_turn is None or self.summary_waits_for_a_key() or self.paused
                or self.console_open):
            return None
        return max(0.0, self._summary_since + self._summary_seconds() - self.clock_source())

    def _turn_ended(self, turn: int) -> None:
        """After an upkeep: the turn's summary waits to be read before the next turn is played
        (computer moves are held, and no person may move, until ``summary_read``). Skipped when
        nobody would see it: no person waiting for it and no time to show it (fast-forward,
        the instant pace)."""
        if not self.summaries or (not self.summary_waits_for_a_key() and self._summary_seconds() <= 0):
            return
        self.summary_turn = turn
        self._summary_since = self.clock_source()

    def summary_read(self) -> None:
        """The summary has been read (a key, or its time is up): play goes on."""
        if self.summary_turn is None:
            return
        self.summary_turn = None
        self._last_reveal = self.clock_source()  # the next computer move a pace from now
        if self.clock is not None and not self.paused and self._clock_phase == self.phase_key():
            self.clock.start(self._last_reveal)  # a team's time runs once the summary is read
        self._update()

    # --- pace ---------------------------------------------------------------------------------

    def skip(self) -> None:
        """Reveal the waiting computer move now."""
        self.reveal()

    def toggle_fast_forward(self) -> None:
        self.fast_forward = not self.fast_forward
        if not (self.fast_forward and self.reveal()):
            self._changed()

    def set_pace(self, pace: str) -> None:
        if pace in PACES:
            self.pace = pace
            self._changed()

    def cycle_pace(self, step: int = 1) -> str:
        self.set_pace(PACE_ORDER[(PACE_ORDER.index(self.pace) + step) % len(PACE_ORDER)])
        return self.pace

    # --- seminar: the phase clock and the facilitator's pause ----------------------------------

    def _phase_started(self) -> None:
        """One clock per team phase (its card and what follows from it, an offer's answer
        included), started when the team has the keyboard."""
        game = self.game
        if game.seminar is None:
            self.clock = None
            return
        phase = self.phase_key()
        if phase == self._clock_phase and self.clock is not None:
            return
        self._clock_phase = phase
        owner = phase[2]
        self.clock = PhaseClock(float(game.seminar.phase_seconds), label=game.team(owner) or SEATS[owner])
        if not self.paused and self.summary_turn is None:  # (the class reads the summary first)
            self.clock.start(self.clock_source())

    def clock_toggle(self) -> None:
        """Pause or run the phase clock (the facilitator's). While the game is paused the clock
        stays stopped: resuming the game runs it."""
        if self.clock is None:
            return
        if self.paused:
            self.notices.append("The game is paused: resume it to run the clock.")
        else:
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
        if self.clock is not None:
            (self.clock.pause if paused else self.clock.start)(self.clock_source())
        self._changed()

    def console_shown(self, shown: bool) -> None:
        """While the facilitator's console is open, computer moves wait and no handoff or
        offer appears over it; once it closes, play goes on from where it is."""
        if shown != self.console_open:
            self.console_open = shown
            self._update()

    # --- saving -------------------------------------------------------------------------------

    def save_as(self, path: Path) -> str | None:
        """Write the game to ``path`` (atomically); the error in words if that failed."""
        from game.play.save import save_game

        try:
            (self._save or save_game)(self.game, path)
        except OSError as e:
            return f"could not save to {path}: {e.strerror or e}"
        return None

    def autosave(self) -> str | None:
        """Write the autosave (when there is one and something to save); the error in words
        if that failed, also kept in ``notices``."""
        if self.autosave_to is None or not self.game.moves:
            return None
        error = self.save_as(self.autosave_to)
        if error:
            self.notices.append(f"Autosave failed: {error}")
            self._changed()
        return error

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices


def _turn_start(game: Game) -> int:
    """Where 'since your last move' starts in a game just started or loaded: the start of
    the current turn."""
    log = game.log or []
    for i in range(len(log) - 1, -1, -1):
        if log[i][0] == "turn":
            return i
    return 0
