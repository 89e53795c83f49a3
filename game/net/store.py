"""Where a game server keeps its games: one SQLite file (the standard library's sqlite3, WAL).

A hosted game is what a save is (game.play.save): its scenario, seed, seats and seminar settings,
and its list of moves. The server writes every accepted move here, in a transaction that has
been committed (``synchronous=FULL``: on disk, not only handed to the system) before anyone is
told of the move, so a server killed at any moment loses no move anyone has seen. On start it
replays every unfinished game's moves through the game's one door and compares the digest
stored with the last move (``replay``). ``export`` writes any game as an ordinary save, which
``greatgame replay``, ``report`` and ``branch`` read.

Tables:
    meta    schema version and the key join codes are hashed with
    games   id, scenario, seed, seats (JSON), seminar (JSON or null), pace, autostart,
            status ("lobby", "playing", "over"), paused, position (moves made), digest (of
            the state after them), created
    codes   the keyed hash (HMAC-SHA256) of each join code, its game and its role: "seat:russia",
            "facilitator" or "projector". The codes themselves are never stored: they are shown
            once, when the game is made (``new_codes`` makes fresh ones, and the old stop working).
    moves   game, n (0, 1, ...), the move in a save's text form, its reason

The Store is synchronous; the server calls it from one thread of its own. Nothing a client
sends is used as a file path: the file is the host's ``--db``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from pathlib import Path

import attrs

from game.rules import moves as M
from game.rules.model import SEATS
from game.play.seminar import Seminar
from game.play.session import Game
from game.net.protocol import LOBBY, OVER, PLAYING, ROLE_FACILITATOR, ROLE_PROJECTOR, new_code, normalize_code

SCHEMA = 1
DEFAULT_DB_NAME = "greatgame-host.sqlite"
PACES = ("slow", "normal", "fast", "instant")
FACILITATOR_ROLE, PROJECTOR_ROLE = ROLE_FACILITATOR, ROLE_PROJECTOR
SEAT_ROLE = "seat:"  # + a seat id

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS games (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    scenario TEXT NOT NULL,
    seed INTEGER NOT NULL,
    seats TEXT NOT NULL,
    seminar TEXT,
    pace TEXT NOT NULL,
    autostart INTEGER NOT NULL,
    status TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS codes (
    hash TEXT PRIMARY KEY,
    game INTEGER NOT NULL REFERENCES games(id),
    role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS moves (
    game INTEGER NOT NULL REFERENCES games(id),
    n INTEGER NOT NULL,
    choice TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (game, n)
) WITHOUT ROWID;
"""


class StoreError(Exception):
    """The database cannot be used, or a game in it does not replay; one line."""


@attrs.frozen
class GameRow:
    """A hosted game's settings and where it stands (one row of ``games``)."""

    id: int
    created: str
    scenario: str
    seed: int
    seats: dict  # seat id -> controller ("human" for a seat with a join code)
    seminar: Seminar | None
    pace: str
    autostart: bool
    status: str
    paused: bool
    position: int
    digest: str

    @property
    def human_seats(self) -> list[str]:
        return [s for s in SEATS if self.seats.get(s) == "human"]

    def roles(self) -> list[str]:
        """The roles that get a join code: each human seat, the facilitator, the projector."""
        return [SEAT_ROLE + s for s in self.human_seats] + [FACILITATOR_ROLE, PROJECTOR_ROLE]


def role_seat(role: str) -> str | None:
    """The seat of a "seat:..." role, else None."""
    return role[len(SEAT_ROLE):] if role.startswith(SEAT_ROLE) else None


def _seminar_json(seminar: Seminar | None) -> str | None:
    if seminar is None:
        return None
    return json.dumps({"teams": dict(seminar.teams), "turns": seminar.turns, "phase_seconds": seminar.phase_seconds})


def _seminar_from(text: str | None) -> Seminar | None:
    if text is None:
        return None
    data = json.loads(text)
    return Seminar(teams=dict(data.get("teams") or {}), turns=data.get("turns"),
                   phase_seconds=int(data.get("phase_seconds", Seminar().phase_seconds)))


def secure_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (0600), if it is missing: the
    database holds the games' hands and the key of the join codes."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Store:
    """The server's games in one SQLite file (see the module docstring)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            secure_file(self.path)
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA_SQL)
            self._key = self._meta_key()
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"{self.path}: cannot be used as the games database ({e})") from None

    def close(self) -> None:
        self._db.close()

    # --- setup ----------------------------------------------------------------------------------

    def _meta_key(self) -> bytes:
        with self._transaction():
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            elif row[0] != str(SCHEMA):
                raise StoreError(f"{self.path}: a games database of schema {row[0]}; this version reads {SCHEMA}")
            row = self._db.execute("SELECT value FROM meta WHERE key='code_key'").fetchone()
            if row is None:
                key = secrets.token_hex(32)
                self._db.execute("INSERT INTO meta VALUES ('code_key', ?)", (key,))
            else:
                key = row[0]
        return bytes.fromhex(key)

    def _transaction(self):
        return _Transaction(self._db)

    def hash_code(self, code: str) -> str:
        return hmac.new(self._key, code.encode(), hashlib.sha256).hexdigest()

    # --- games ----------------------------------------------------------------------------------

    def create_game(self, *, scenario: str, seed: int, seats: dict, seminar: Seminar | None, pace: str,
                    autostart: bool, digest: str) -> tuple[GameRow, dict[str, str]]:
        """A new game in the lobby, and its join codes by role (shown once: only their hashes
        are kept)."""
        created = time.strftime("%Y-%m-%d %H:%M:%S")
        with self._transaction():
            cur = self._db.execute(
                "INSERT INTO games (created, scenario, seed, seats, seminar, pace, autostart, status, digest) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (created, scenario, seed, json.dumps({s: seats[s] for s in SEATS}), _seminar_json(seminar), pace,
                 int(autostart), LOBBY, digest))
            game_id = cur.lastrowid
            row = self._row(game_id)
            codes = self._issue(row)
        return row, codes

    def _issue(self, row: GameRow) -> dict[str, str]:
        self._db.execute("DELETE FROM codes WHERE game=?", (row.id,))
        codes = {}
        for role in row.roles():
            code = new_code()
            self._db.execute("INSERT INTO codes VALUES (?, ?, ?)", (self.hash_code(code), row.id, role))
            codes[role] = code
        return codes

    def new_codes(self, game_id: int) -> dict[str, str]:
        """Fresh join codes for a game; its old codes stop working."""
        with self._transaction():
            return self._issue(self.game(game_id))

    def find(self, code: str) -> tuple[int, str] | None:
        """(game id, role) for a join code as typed, or None. The code is looked up by its keyed
        hash, and the hash found is compared with ``hmac.compare_digest``."""
        written = normalize_code(code)
        if written is None:
            return None
        wanted = self.hash_code(written)
        row = self._db.execute("SELECT hash, game, role FROM codes WHERE hash=?", (wanted,)).fetchone()
        if row is None or not hmac.compare_digest(row[0], wanted):
            return None
        return row[1], row[2]

    def _row(self, game_id: int) -> GameRow:
        row = self._db.execute(
            "SELECT id, created, scenario, seed, seats, seminar, pace, autostart, status, paused, position, digest "
            "FROM games WHERE id=?", (game_id,)).fetchone()
        if row is None:
            raise StoreError(f"no game {game_id} in {self.path}")
        return GameRow(row[0], row[1], row[2], row[3], json.loads(row[4]), _seminar_from(row[5]), row[6],
                       bool(row[7]), row[8], bool(row[9]), row[10], row[11])

    def game(self, game_id: int) -> GameRow:
        return self._row(game_id)

    def games(self, statuses: tuple = (LOBBY, PLAYING, OVER)) -> list[GameRow]:
        ids = [r[0] for r in self._db.execute(
            f"SELECT id FROM games WHERE status IN ({','.join('?' * len(statuses))}) ORDER BY id", statuses)]
        return [self._row(i) for i in ids]

    def unfinished(self) -> list[GameRow]:
        return self.games((LOBBY, PLAYING))

    def moves(self, game_id: int) -> list[tuple[str, str | None]]:
        """The game's moves in order, as (text, reason)."""
        return list(self._db.execute("SELECT choice, reason FROM moves WHERE game=? ORDER BY n", (game_id,)))

    # --- changes --------------------------------------------------------------------------------

    def append(self, game_id: int, start: int, moves: list[tuple[str, str | None]], digest: str,
               status: str) -> None:
        """Store ``moves`` as the game's moves ``start``, ``start + 1``, ... with the digest of
        the state after them, in one committed transaction. StoreError, and nothing stored,
        when the game does not stand at ``start`` (a move is never stored twice)."""
        (failure,) = self.append_many([(game_id, start, moves, digest, status)])
        if failure is not None:
            raise failure

    def append_many(self, batch: list[tuple]) -> list[StoreError | None]:
        """Several games' ``append`` calls, each (game_id, start, moves, digest, status), in one
        committed transaction (one write to the disk for all: a group commit); each call's own
        StoreError, or None, in order. A call that fails leaves nothing of its own; if the
        commit fails, every call fails."""
        outcomes: list[StoreError | None] = []
        with self._transaction():
            for i, (game_id, start, moves, digest, status) in enumerate(batch):
                self._db.execute(f"SAVEPOINT a{i}")
                try:
                    row = self._db.execute("SELECT position FROM games WHERE id=?", (game_id,)).fetchone()
                    if row is None or row[0] != start:
                        raise StoreError(f"game {game_id} stands at move {None if row is None else row[0]}, "
                                         f"not {start}")
                    self._db.executemany("INSERT INTO moves VALUES (?, ?, ?, ?)",
                                         [(game_id, start + k, text, reason) for k, (text, reason) in enumerate(moves)])
                    self._db.execute("UPDATE games SET position=?, digest=?, status=? WHERE id=?",
                                     (start + len(moves), digest, status, game_id))
                except (StoreError, sqlite3.Error) as e:
                    self._db.execute(f"ROLLBACK TO a{i}")
                    outcomes.append(e if isinstance(e, StoreError) else StoreError(f"the games database: {e}"))
                else:
                    outcomes.append(None)
                self._db.execute(f"RELEASE a{i}")
        return outcomes

    def set_status(self, game_id: int, status: str) -> None:
        with self._transaction():
            self._db.execute("UPDATE games SET status=? WHERE id=?", (status, game_id))

    def set_paused(self, game_id: int, paused: bool) -> None:
        with self._transaction():
            self._db.execute("UPDATE games SET paused=? WHERE id=?", (int(paused), game_id))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (the sqlite3 error as StoreError)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StoreError(f"the games database: {e}") from None
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            try:
                self.db.execute("COMMIT")
                return False
            except sqlite3.Error as e:
                self.db.execute("ROLLBACK")
                raise StoreError(f"the games database: {e}") from None
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        if isinstance(value, sqlite3.Error):
            raise StoreError(f"the games database: {value}") from None
        return False


# --- games from their rows ------------------------------------------------------------------------


def start_game(row: GameRow, rules_for) -> Game:
    """The game a row describes, at its first decision. ``rules_for(scenario)``: the rules."""
    return Game.start(rules_for(row.scenario), row.seed, dict(row.seats), seminar=row.seminar)


def replay(row: GameRow, moves: list[tuple[str, str | None]], rules_for) -> Game:
    """The game with its stored moves played through the game's door, checked against the
    stored digest; StoreError (one line) when a move is refused or the digest differs."""
    from game.play.save import digest

    game = start_game(row, rules_for)
    for n, (text, reason) in enumerate(moves):
        choice = M.parse(text)
        refused = "an empty move" if choice is None else game.refusal(choice, reason)
        if refused is not None:
            raise StoreError(f"game {row.id}: stored move {n} ({text!r}) does not replay: {refused}")
        game.play(choice, reason)
    if len(moves) != row.position:
        raise StoreError(f"game {row.id}: {len(moves)} moves stored, the game says {row.position}")
    if digest(game.state) != row.digest:
        raise StoreError(f"game {row.id}: the replayed game does not match its stored digest "
                         "(the database was altered, or the cards have changed)")
    return game


def export(store: Store, game_id: int, rules_for) -> str:
    """A hosted game as an ordinary save's text (game.play.save)."""
    from game.play.save import to_yaml

    row = store.game(game_id)
    return to_yaml(replay(row, store.moves(game_id), rules_for))


def default_db(saves_dir: Path = Path("saves")) -> Path:
    return Path(saves_dir) / DEFAULT_DB_NAME
