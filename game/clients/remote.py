"""A hosted game at this screen: the table the game screens read, fed by a game server's views.

The screens of a local game read a ``game.play.table.Table`` and send it intentions. A screen
joined to a hosted game (``greatgame join``) reads a ``RemoteTable`` instead: the same names,
but what it holds comes from the server (game.net.client) and what it is asked goes back as
messages. It imports no Textual.

- ``game`` is a stand-in session (game.play.session.Game) rebuilt from each view: its state
  is ``game.ai.determinise.stand_in(view.obs)``, exact for the facilitator (who may know
  everything) and, for a seat or the projector, the public board and the seat's own hand with
  placeholders where the hidden cards lie (the client is never sent them, and no screen shows
  another seat's hand); its log is the entries this viewer may read, as the server sent them.
- ``choose`` checks the choice against the choices the server sent and sends it, naming the
  position it answers; ``facilitate``, the pause and the clock go to the server the same way.
  A refusal comes back later, as a notice. Nothing is applied here: the next view shows it.
- A seat on its own screen never waits for a handover; computer seats are the server's, and
  their moves arrive at its pace; there is no undo (the move is stored before anyone hears of
  it). The turn's summary waits here until this screen's reader has read it (the game goes on
  at the server meanwhile, and the summary holds back only this screen's choices).

Every change calls the ``watchers``, as a Table does.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable

from game.ai.determinise import stand_in
from game.play.observer import AFTER, FACILITATOR, PUBLIC
from game.play.seminar import PhaseClock, Seminar
from game.play.session import Game, Move
from game.play.table import GONE, NOT_YOUR_MOVE, PACES, PAUSED
from game.rules import moves as M
from game.rules.model import SEATS

ROLE_SEAT, ROLE_FACILITATOR, ROLE_PROJECTOR = "seat", "facilitator", "projector"
NO_UNDO = "A hosted game has no undo: each move is stored before anyone hears of it."
NOT_FACILITATOR = "Only the facilitator can do that."
SENDING = "Your last move is on its way to the server."
KEPT_BY_SERVER = ("A hosted game is kept by its server; the facilitator's `greatgame host export GAME -o FILE` "
                  "(on the host) writes it as a save.")
STATE_WORDS = {"reconnecting": "Connection to the server lost ({problem}); reconnecting by itself…",
               "connected": "Connected to the server again.",
               "failed": "The server refused this screen: {problem}"}


def clock_of(data: dict | None, received: float) -> PhaseClock | None:
    """A view's phase clock (game.net.protocol.clock_data) as a PhaseClock running on this
    machine's monotonic time from ``received``, when the view arrived."""
    if data is None:
        return None
    seconds = float(data.get("seconds") or 0.0)
    remaining = float(data.get("remaining") or 0.0)
    clock = PhaseClock(seconds, label=str(data.get("label") or ""))
    clock.spent = max(0.0, seconds - remaining)
    if data.get("running"):
        clock.started = received
    return clock


class RemoteTable:
    """What the screens read of a hosted game (see the module docstring)."""

    remote = True
    shared_screen = False  # one viewer's own screen: no handovers

    def __init__(self, client, *, pace: str = "normal", clock: Callable[[], float] = time.monotonic,
                 summaries: bool = True, spawn: Callable | None = None):
        self.client = client
        self.role = client.role
        self.pace = pace if pace in PACES else "normal"
        self.clock_source = clock  # time.monotonic: the clock's view is stamped with it
        self.summaries = summaries
        self._spawn = spawn or asyncio.ensure_future  # where the messages to the server are sent from
        self.watchers: list[Callable[[], None]] = []
        self.notices: list[str] = []
        self.viewer: int | None = SEATS.index(client.seat) if self.role == ROLE_SEAT else None
        self.handoff_for = None
        self.thinking = None
        self.request = None
        self.fast_forward = False
        self.last_ai = None
        self.feed_start = 0
        self.console_open = False
        self.summary_turn: int | None = None
        self.autosave_to = None
        self.clock: PhaseClock | None = None
        self.game: Game | None = None
        self._key = None  # (position, observation) of the game held
        self._sending: int | None = None  # the position our move answers, until the next view
        self._state = client.state
        self._seminar = None
        self._tasks: set = set()
        client.on_change = self._on_change
        if client.view is not None:
            self._take(client.view)

    # --- from the server ------------------------------------------------------------------------

    def _seminar_of(self) -> Seminar | None:
        data = self.client.seminar
        if not data:
            return None
        if self._seminar is None:
            self._seminar = Seminar(teams=dict(data.get("teams") or {}), turns=self.client.turns,
                                    phase_seconds=int(data.get("phase_seconds") or 0))
        return self._seminar

    def _take(self, view) -> None:
        """A new view: the game rebuilt (only if the position or what is seen changed, so a
        move being built survives a lobby's news), the clock, the summary of a turn just over."""
        obs = view.obs
        key = (view.position, obs)
        before = self.game
        if key != self._key or before is None or len(before.log) != len(view.log):
            self._key = key
            game = Game(obs.rules, obs.seed or 0, dict(self.client.seats), stand_in(obs),
                        [Move(("remote",))] * view.position, list(view.log), seminar=self._seminar_of())
            if before is not None:
                if len(game.log) < self.feed_start:  # the whole record, once over
                    self.feed_start = 0
                if (self.summaries and obs.turn != before.state.turn and not obs.over
                        and self.role != ROLE_PROJECTOR):
                    self.summary_turn = before.state.turn
            else:
                self.feed_start = _turn_start(game.log)
            self.game = game
            if view.position != self._sending:
                self._sending = None
        self.clock = clock_of(view.clock, view.received)

    def _on_change(self, client) -> None:
        if client.state != self._state:
            self._state = client.state
            words = STATE_WORDS.get(client.state)
            if words and (client.state != "connected" or client.connects > 1):
                self.notices.append(words.format(problem=client.problem or "no answer"))
        if client.view is not None:
            self._take(client.view)
        self._changed()

    def _changed(self) -> None:
        for watcher in list(self.watchers):
            watcher()

    @property
    def view(self):
        return self.client.view

    # --- what clients read (the names of game.play.table.Table) -------------------------------

    @property
    def ended(self) -> bool:
        return self.game is not None and self.game.over

    @property
    def paused(self) -> bool:
        return bool(self.view is not None and self.view.paused)

    @property
    def lobby(self) -> dict | None:
        """Who has joined, while the game waits in the lobby; None once it has started."""
        view = self.view
        return view.lobby if view is not None and view.status == "lobby" else None

    @property
    def reader(self):
        if self.ended:
            return AFTER
        if self.role == ROLE_FACILITATOR:
            return FACILITATOR
        return PUBLIC if self.viewer is None else self.viewer

    @property
    def summary_reader(self):
        return self.reader if self.reader != AFTER else PUBLIC

    def pace_seconds(self) -> float:
        return PACES[self.pace]

    def human_to_move(self) -> bool:
        """This screen's seat decides now (the server sent its choices), no summary is waiting
        to be read and no move of ours is on its way."""
        view = self.view
        return (view is not None and bool(view.choices) and self.summary_turn is None and not view.paused
                and self._sending is None and not self.ended)

    def offer_waiting(self) -> bool:
        return (self.human_to_move() and not self.console_open
                and self.game.state.pending.kind == M.PENDING_OFFER)

    def undo_steps(self) -> int:
        return 0

    @property
    def move_decided(self) -> bool:
        return False

    def reveal_delay(self) -> None:
        return None

    def summary_delay(self) -> None:
        return None

    def summary_waits_for_a_key(self) -> bool:
        return True

    def team_clock(self) -> PhaseClock | None:
        return self.clock

    def phase_seat(self) -> int | None:
        seat = None if self.view is None or self.view.clock is None else self.view.clock.get("seat")
        if seat in SEATS:
            return SEATS.index(seat)
        return None if self.game is None else self.game.state.seat_to_move

    def phase_key(self) -> tuple | None:
        if self.game is None or self.game.over:
            return None
        return (self.game.state.turn, self.game.state.round, self.phase_seat())

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

    # --- intentions ---------------------------------------------------------------------------

    def _send(self, make, then: Callable[[str | None], None] | None = None) -> None:
        """Send a message (``make()``, a coroutine of the client's); a refusal becomes a notice."""
        async def run():
            problem = await make()
            if then is not None:
                then(problem)
            if problem:
                self.notices.append(problem)
            self._changed()

        task = self._spawn(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def choose(self, choice: tuple, reason: str | None = None) -> str | None:
        """This seat's choice, sent to the server; why not, in one line, if it cannot be."""
        if self._sending is not None:
            return SENDING
        view = self.view
        if view is None or not view.choices or self.summary_turn is not None or self.ended:
            return NOT_YOUR_MOVE
        if view.paused:
            return PAUSED
        choice = tuple(choice)
        if choice not in view.choices:
            return GONE
        position = view.position
        self._sending = position
        self.feed_start = len(self.game.log) + 1  # after the line saying what this player did
        reason = (reason or "").strip() or None

        def answered(problem: str | None) -> None:
            if problem is not None and self._sending == position:
                self._sending = None  # refused or dropped: the choices are this screen's again

        self._send(lambda: self.client.send_move(choice, reason, at=position), answered)
        self._changed()
        return None

    def predictions_left(self) -> int:
        """How many predictions this team may still make now (0 when it is not deciding). The
        server counts what was made; its refusal comes back as a notice."""
        if not self.human_to_move():
            return 0
        left = getattr(self.game, "predictions_left", None)  # game.play.predictions, where it is
        return left() if left is not None else 0

    def predict(self, choice: tuple, reason: str | None = None) -> str | None:
        """A prediction by this team, sent like a move (it changes nothing on the board)."""
        if self._sending is not None:
            return SENDING
        if not self.human_to_move():
            return NOT_YOUR_MOVE
        choice = tuple(choice)
        reason = (reason or "").strip() or None
        refused = self.game.refusal(choice, reason)
        if refused is not None:
            return refused
        position = self.view.position
        self._send(lambda: self.client.send_move(choice, reason, at=position))
        return None

    def facilitate(self, choice: tuple, reason: str | None = None) -> str | None:
        """A facilitator's move: refused here in the rules' words when they do not allow it
        (the facilitator's stand-in is the game itself), else sent."""
        if self.role != ROLE_FACILITATOR:
            return NOT_FACILITATOR
        choice = tuple(choice)
        if not M.is_facilitator(choice):
            return f"{M.text(choice)!r} is not a facilitator move ({', '.join(M.FACILITATOR_KINDS)})"
        refused = self.game.refusal(choice, reason)
        if refused is not None:
            return refused
        position = self.view.position
        self._send(lambda: self.client.send_move(choice, reason, at=position))
        return None

    def start_game(self) -> str | None:
        if self.role != ROLE_FACILITATOR:
            return NOT_FACILITATOR
        self._send(self.client.start_game)
        return None

    def set_paused(self, paused: bool) -> None:
        if self.role != ROLE_FACILITATOR:
            self.notices.append(NOT_FACILITATOR)
            self._changed()
            return
        if paused != self.paused:
            self._send(lambda: self.client.pause(paused))

    def _clock(self, action: str, seconds: float = 60.0) -> None:
        if self.role != ROLE_FACILITATOR:
            self.notices.append("Only the facilitator can change the clock.")
            self._changed()
            return
        if self.clock is not None:
            self._send(lambda: self.client.clock(action, max(1, min(3600, round(seconds)))))

    def clock_toggle(self) -> None:
        self._clock("toggle")

    def clock_extend(self, seconds: float = 60.0) -> None:
        self._clock("extend", seconds)

    def clock_skip(self) -> None:
        self._clock("skip")

    def console_shown(self, shown: bool) -> None:
        if shown != self.console_open:
            self.console_open = shown
            self._changed()

    def summary_read(self) -> None:
        if self.summary_turn is not None:
            self.summary_turn = None
            self._changed()

    def undo(self) -> str:
        return NO_UNDO

    def handed_over(self, seat: int) -> None:
        """Never asked: a seat on its own screen needs no handover."""

    def decided(self, token, choice, reason=None) -> bool:
        return False

    def reveal(self) -> bool:
        return False

    def skip(self) -> None:
        """The computer seats' moves come at the server's pace."""

    def toggle_fast_forward(self) -> None:
        self.notices.append("The computer seats play at the server's pace in a hosted game.")
        self._changed()

    def set_pace(self, pace: str) -> None:
        if pace in PACES:
            self.pace = pace  # this screen's own (the projector tells a summary at it)
            self._changed()

    def cycle_pace(self, step: int = 1) -> str:
        return self.pace

    # --- saving ---------------------------------------------------------------------------------

    def autosave(self) -> None:
        return None

    def save_as(self, path) -> str:
        return KEPT_BY_SERVER

    # --- leaving ----------------------------------------------------------------------------------

    def close(self) -> None:
        """Leave the game (it goes on at the server; the same code joins again)."""
        self.watchers.clear()
        self.client.on_change = None
        self._spawn(self.client.close())


def _turn_start(log: list) -> int:
    for i in range(len(log) - 1, -1, -1):
        if log[i][0] == "turn":
            return i
    return 0
