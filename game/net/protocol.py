"""The wire between a game server (game.net.server) and its clients (game.net.client).

One websocket per client; every message is one JSON object in one text frame, with a ``kind``.
A client's message is at most ``MAX_CLIENT_BYTES`` and is checked field by field
(``parse_client``); anything wrong gets an ``error`` naming the field, in one line, and nothing
else happens (no traceback is ever sent, and the connection stays open).

Client to server
----------------
``hello``   ``{"kind": "hello", "code": "K7QX-4M2P-ZT9D", "protocol": 1}`` -- the first
            message; the join code says the game and the role. A wrong code gets an
            ``error`` and the connection is closed.
``move``    ``{"kind": "move", "at": 41, "choice": ["play", "csto-drill", "ops"],
            "reason": "why, for the record", "id": 7}`` -- a seat's choice or a facilitator's
            move (inject, hold, release, next, adjust, note: game.rules.moves). ``at`` is the
            position it answers (the number of moves made, the view's ``position``): a move
            for any other position is refused, so a stale or repeated move is never applied
            twice, and of two screens racing for one seat's move exactly one is applied.
``start``   the facilitator starts the game from the lobby.
``pause``   ``{"paused": true}`` -- the facilitator pauses or resumes the game.
``clock``   ``{"action": "toggle" | "extend" | "skip", "seconds": 60}`` -- the facilitator's
            phase clock (a seminar): stop or run it, add time, end the phase's time.
``export``  the game as an ordinary save (YAML text): the facilitator's at any time, anyone's
            once the game is over (a save holds the seed).
``ping``    answered by ``pong``.
Every message may carry an ``id`` (a whole number) that the answer repeats.

Server to client
----------------
``welcome`` the answer to a good ``hello``: ``role`` ("seat", "facilitator" or "projector"),
            ``seat`` (a seat's id, else null), ``viewer`` (game.play.observer's: a seat's index,
            "facilitator" or "public"), ``game`` (its number), ``scenario``, ``turns``, ``seats``
            (the controllers by seat), ``seminar`` (teams and phase seconds, or null), and
            ``view``: the first view.
``view``    what this connection's viewer may know now (``build_view``): ``position`` (moves
            made), ``status`` ("lobby", "playing", "over"), ``paused``, ``obs`` (the
            observation, ``game.play.view.observation_data``: exactly ``observe(state,
            viewer)``), ``log_from`` and ``log`` (the log entries this viewer may read, from
            entry ``log_from`` on: the client appends them to those it has; 0 means start
            afresh, as when the game ends and every entry becomes readable), ``choices`` (the
            legal choices when this viewer must decide now, else null), ``clock`` (a seminar's
            phase clock, or null), ``lobby`` (who has joined), and for the facilitator only
            ``coming`` (the news still to come, game.play.seminar.coming_news); ``digest``
            (game.play.save.digest of the state) once the game is over.
``accepted`` ``{"id", "at"}`` -- the move for position ``at`` was applied (and stored, and
            the new view was sent first).
``refused`` ``{"id", "at", "message"}`` -- a move or command was not applied, and why.
``error``   ``{"id", "message"}`` -- a message that could not be read, or was not allowed.
``save``    ``{"id", "text"}`` -- the answer to ``export``.
``pong``    ``{"id"}``.

Join codes are 12 characters from an alphabet without look-alikes (no I, L, O or U), written in
three groups of four: ``K7QX-4M2P-ZT9D`` (60 bits from ``secrets``). ``normalize_code`` reads
one as typed (any case, spaces or dashes, O for 0, I or L for 1).
"""

from __future__ import annotations

import json
import math
import secrets

import attrs

from game.rules import moves as M
from game.rules.loader import control_character
from game.rules.model import SEATS
from game.play.seminar import MAX_NOTE

PROTOCOL = 1
MAX_CLIENT_BYTES = 16 * 1024  # a move with a 2,000-character note fits with room to spare
MAX_SERVER_BYTES = 16 * 1024 * 1024  # what a client accepts (a whole log after the game, with margin)
MAX_ID = 2**53  # an id a JavaScript client could send too
MAX_POSITION = 100_000
MAX_CHOICE_WORDS = 6
MAX_WORD = 60
MAX_CHOICE_TEXT = 200  # as a save's (game.play.save)
MAX_CODE_TEXT = 40
MAX_EXTEND = 3600  # seconds the facilitator may add to a phase at once

ROLE_SEAT, ROLE_FACILITATOR, ROLE_PROJECTOR = "seat", "facilitator", "projector"
ROLES = (ROLE_SEAT, ROLE_FACILITATOR, ROLE_PROJECTOR)
LOBBY, PLAYING, OVER = "lobby", "playing", "over"
STATUSES = (LOBBY, PLAYING, OVER)
CLOCK_ACTIONS = ("toggle", "extend", "skip")

CLIENT_KINDS = ("hello", "move", "start", "pause", "clock", "export", "ping")
SERVER_KINDS = ("welcome", "view", "accepted", "refused", "error", "save", "pong")

# --- join codes -----------------------------------------------------------------------------

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's: no I, L, O, U
CODE_GROUPS, CODE_GROUP = 3, 4
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def new_code() -> str:
    """A fresh join code, ``XXXX-XXXX-XXXX`` (60 bits from ``secrets``)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP))
    return "-".join(chars[i:i + CODE_GROUP] for i in range(0, len(chars), CODE_GROUP))


def normalize_code(text: str) -> str | None:
    """A code as typed, in its one written form; None when it cannot be one."""
    if not isinstance(text, str) or len(text) > MAX_CODE_TEXT:
        return None
    chars = "".join(_READ_AS.get(c, c) for c in text.upper() if c not in " -_\t")
    if len(chars) != CODE_GROUPS * CODE_GROUP or any(c not in CODE_ALPHABET for c in chars):
        return None
    return "-".join(chars[i:i + CODE_GROUP] for i in range(0, len(chars), CODE_GROUP))


# --- what a client sends ----------------------------------------------------------------------


class ProtocolError(ValueError):
    """A message that cannot be used; the text is one line naming the field."""

    def __init__(self, message: str, id: int | None = None):
        super().__init__(message)
        self.id = id


@attrs.frozen
class Hello:
    code: str
    protocol: int = PROTOCOL
    id: int | None = None


@attrs.frozen
class Move:
    at: int
    choice: tuple
    reason: str | None = None
    id: int | None = None


@attrs.frozen
class Start:
    id: int | None = None


@attrs.frozen
class Pause:
    paused: bool
    id: int | None = None


@attrs.frozen
class Clock:
    action: str
    seconds: int = 60
    id: int | None = None


@attrs.frozen
class Export:
    id: int | None = None


@attrs.frozen
class Ping:
    id: int | None = None


_FIELDS = {
    "hello": ("code", "protocol"),
    "move": ("at", "choice", "reason"),
    "start": (),
    "pause": ("paused",),
    "clock": ("action", "seconds"),
    "export": (),
    "ping": (),
}


def _shown(value) -> str:
    """A value from the wire as an error message may quote it: short, one line."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def decode_json(text, limit: int) -> object:
    """One JSON message of at most ``limit`` bytes (UTF-8), or a ProtocolError."""
    if not isinstance(text, str):
        raise ProtocolError("expected a text message holding one JSON object")
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise ProtocolError(f"message too long: at most {limit} bytes")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ProtocolError("message nested too deep") from None
    except ValueError as e:  # JSONDecodeError, a number too long to read, NaN
        raise ProtocolError(f"not JSON: {str(e).splitlines()[0][:80]}") from None


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number this game uses")


def parse_client(text) -> Hello | Move | Start | Pause | Clock | Export | Ping:
    """A client's message, checked; ProtocolError (one line naming the field) otherwise."""
    data = decode_json(text, MAX_CLIENT_BYTES)
    if not isinstance(data, dict):
        raise ProtocolError("expected a JSON object with a 'kind'")
    mid = data.get("id")
    if mid is not None and not (_whole(mid) and 0 <= mid <= MAX_ID):
        raise ProtocolError(f"'id': expected a whole number from 0 to {MAX_ID}, found {_shown(mid)}")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise ProtocolError(f"'kind': expected one of {', '.join(CLIENT_KINDS)}, found {_shown(kind)}", mid)
    for key in data:
        if key not in ("kind", "id") + _FIELDS[kind]:
            raise ProtocolError(f"{kind}: unknown field {_shown(key)}", mid)

    def bad(field: str, expected: str) -> ProtocolError:
        return ProtocolError(f"{kind}: {field!r}: expected {expected}, found {_shown(data.get(field))}", mid)

    if kind == "hello":
        code = data.get("code")
        if not isinstance(code, str) or not code or len(code) > MAX_CODE_TEXT:
            raise bad("code", "a join code such as K7QX-4M2P-ZT9D")
        version = data.get("protocol", PROTOCOL)
        if not _whole(version) or version != PROTOCOL:
            raise bad("protocol", f"protocol {PROTOCOL} (this server's)")
        return Hello(code, version, mid)
    if kind == "move":
        at = data.get("at")
        if not (_whole(at) and 0 <= at <= MAX_POSITION):
            raise bad("at", "the position the move answers (the view's 'position')")
        return Move(at, parse_choice(data.get("choice"), mid), _reason(data.get("reason"), mid), mid)
    if kind == "start":
        return Start(mid)
    if kind == "pause":
        paused = data.get("paused")
        if not isinstance(paused, bool):
            raise bad("paused", "true or false")
        return Pause(paused, mid)
    if kind == "clock":
        action = data.get("action")
        if action not in CLOCK_ACTIONS:
            raise bad("action", f"one of {', '.join(CLOCK_ACTIONS)}")
        seconds = data.get("seconds", 60)
        if not (_whole(seconds) and 1 <= seconds <= MAX_EXTEND):
            raise bad("seconds", f"a whole number of seconds from 1 to {MAX_EXTEND}")
        return Clock(action, seconds, mid)
    if kind == "export":
        return Export(mid)
    return Ping(mid)


def parse_choice(value, mid: int | None = None) -> tuple:
    """A move as a list of words (``["op", "influence", "kazakhstan"]``); whether it is
    allowed is the game's to say, not the wire's."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CHOICE_WORDS:
        raise ProtocolError(f"move: 'choice': expected a list of 1 to {MAX_CHOICE_WORDS} words, "
                            f"found {_shown(value)}", mid)
    for word in value:
        if (not isinstance(word, str) or not word or len(word) > MAX_WORD or not word.isascii()
                or not word.isprintable() or " " in word):
            raise ProtocolError(f"move: 'choice': expected words without spaces, found {_shown(word)}", mid)
    if len(" ".join(value)) > MAX_CHOICE_TEXT:
        raise ProtocolError(f"move: 'choice': longer than {MAX_CHOICE_TEXT} characters", mid)
    return tuple(value)


def _reason(value, mid: int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(f"move: 'reason': expected text or null, found {_shown(value)}", mid)
    if len(value) > MAX_NOTE:
        raise ProtocolError(f"move: 'reason': expected at most {MAX_NOTE} characters, found {len(value)}", mid)
    found = control_character(value, multiline=True)
    if found is not None:
        raise ProtocolError(f"move: 'reason': expected text without control characters, found {found}", mid)
    return value


# --- what the server sends --------------------------------------------------------------------


def encode(message: dict) -> str:
    """A message as the one line of JSON that goes on the wire."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def error(message: str, id: int | None = None) -> dict:
    return {"kind": "error", "id": id, "message": message}


def refused(message: str, at: int | None = None, id: int | None = None) -> dict:
    return {"kind": "refused", "id": id, "at": at, "message": message}


def accepted(at: int, id: int | None = None) -> dict:
    return {"kind": "accepted", "id": id, "at": at}


def hello(code: str, id: int | None = None) -> dict:
    return {"kind": "hello", "code": code, "protocol": PROTOCOL, "id": id}


def move(at: int, choice, reason: str | None = None, id: int | None = None) -> dict:
    return {"kind": "move", "at": at, "choice": list(choice), "reason": reason, "id": id}


def viewer_of(role: str, seat: str | None):
    """The observer's viewer for a role: a seat's index, the facilitator, the public."""
    from game.play.observer import FACILITATOR, PUBLIC

    if role == ROLE_SEAT:
        return SEATS.index(seat)
    return FACILITATOR if role == ROLE_FACILITATOR else PUBLIC


def view(*, game: int, position: int, status: str, paused: bool, obs: dict, log_from: int, log: list,
         choices: list | None, clock: dict | None, lobby: dict, coming: list | None = None,
         digest: str | None = None) -> dict:
    """A ``view`` message (see the module docstring for its fields)."""
    out = {"kind": "view", "game": game, "position": position, "status": status, "paused": paused, "obs": obs,
           "log_from": log_from, "log": log, "choices": choices, "clock": clock, "lobby": lobby}
    if coming is not None:
        out["coming"] = coming
    if digest is not None:
        out["digest"] = digest
    return out


def clock_data(clock, now: float, seat: int | None, running_game: bool) -> dict | None:
    """A seminar's phase clock as plain data (game.play.seminar.PhaseClock), read at ``now``:
    the client counts ``remaining`` down while ``running``."""
    if clock is None:
        return None
    remaining = clock.remaining(now)
    return {"label": clock.label, "seat": None if seat is None else SEATS[seat], "seconds": clock.seconds,
            "remaining": round(remaining, 2), "running": bool(running_game and not clock.paused),
            "out": remaining <= 0.0}


# --- what a client reads ----------------------------------------------------------------------


def parse_server(text) -> dict:
    """A server's message as a dict with a known ``kind`` (the rest is read by the client where
    it is used); ProtocolError otherwise."""
    data = decode_json(text, MAX_SERVER_BYTES)
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str) or data["kind"] not in SERVER_KINDS:
        raise ProtocolError(f"expected a server message ({', '.join(SERVER_KINDS)}), found {_shown(data)}")
    return data


def choices_from(data) -> list[tuple] | None:
    """A view's ``choices`` as moves (tuples of words), or None."""
    if data is None:
        return None
    if not isinstance(data, list):
        raise ProtocolError("view: 'choices': expected a list")
    return [parse_choice(c) for c in data]


def is_finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def text_of(choice) -> str:
    """A move in a save's text form (game.rules.moves)."""
    return M.text(tuple(choice))
