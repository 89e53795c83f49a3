"""Saves: a game's seed, seats and choices as YAML, checked by a digest of the final state.

A save is written atomically (a temporary file in the same folder, fsynced, then renamed over
the target), so a crash never leaves a half-written file. Loading replays every choice through
the game's one door (``Game.refusal``, then ``Game.play``) and compares the digest; anything
that does not add up is refused with one line naming the file, the line and the field.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

import attrs
import yaml

from game.rules.loader import (CARDS_DIR, MAX_SAVE_BYTES, TEMP_PREFIX, DataError, clean_stale_temps, control_character,
                         load_rules, read_yaml, shorten)
from game.rules import moves as M
from game.rules.model import SEATS, State
from game.play.seminar import MAX_NOTE, MAX_TEAM_NAME, Seminar
from game.play.session import CONTROLLERS, Game, Move, SeatSpecError, parse_seats

FORMAT = 2  # 2: the rules of issue 11 (contests, shelving, the Taliban's operations, two periods)
# Format 2 with a team's predictions among the choices (game.play.predictions): written only by
# a game that holds some, so every other save stays readable by the versions before predictions,
# and those versions say in one line that a save with predictions is from a newer version.
PREDICTIONS_FORMAT = 3
NEWEST_FORMAT = PREDICTIONS_FORMAT
GAME_NAME = "new-great-game"
SAVE_KEYS = ("format", "game", "scenario", "seed", "seats", "turn", "over", "parent", "branched_at", "seminar",
             "choices", "digest")
SEMINAR_KEYS = ("teams", "turns", "phase_seconds")
SEED_MAX = 2**63 - 1
# Limits a real save never reaches (a 10-turn game: a few hundred choices, tens of KB), checked
# before the work: the file's size (loader.MAX_SAVE_BYTES) before reading it, the choices before
# replaying any.
MAX_CHOICES = 5000
MAX_CHOICE_TEXT = 200  # characters in one choice ("play CARD ops"): real ones are under 60
MAX_NAME = 255  # a parent's file name


class SaveError(Exception):
    """A save that cannot be used; the message is one line: FILE:LINE: field: reason."""


# --- the digest -----------------------------------------------------------------------------


def _plain(value):
    """State values as JSON-ready data, with the same shape on every Python version."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return [type(value).__name__] + [_plain(getattr(value, a.name)) for a in attrs.fields(type(value)) if a.eq]
    raise TypeError(f"unexpected value in state: {value!r}")


# Fields added after saves existed: left out while empty, so older saves keep their digest.
_LATER_FIELDS = ("held", "news_next")


def snapshot(state: State) -> dict:
    """Every compared field of the state as plain data."""
    return {a.name: _plain(getattr(state, a.name)) for a in attrs.fields(State)
            if a.eq and not (a.name in _LATER_FIELDS and not getattr(state, a.name))}


def digest(state: State) -> str:
    text = json.dumps(snapshot(state), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


# --- writing --------------------------------------------------------------------------------


def choice_text(choice: tuple) -> str:
    """A move as a save writes it (game.rules.moves owns the form)."""
    return M.text(choice)


def to_yaml(game: Game) -> str:
    choices = []
    for move in game.moves:
        text = choice_text(move.choice)
        choices.append({"do": text, "why": move.reason} if move.reason else text)
    predicted = any(M.is_prediction(move.choice) for move in game.moves)
    data = {
        "format": PREDICTIONS_FORMAT if predicted else FORMAT,
        "game": GAME_NAME,
        "scenario": game.scenario,
        "seed": game.seed,
        "seats": dict(game.seats),
        "turn": game.state.turn,
        "over": game.state.over,
        **({"parent": game.parent, "branched_at": game.branched_at} if game.parent is not None else {}),
        **({"seminar": _seminar_data(game)} if game.seminar is not None else {}),
        "choices": choices,
        "digest": digest(game.state),
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _seminar_data(game: Game) -> dict:
    sem = game.seminar
    return {"teams": {s: sem.teams[s] for s in SEATS if s in sem.teams},
            "turns": game.rules.scenario.turns, "phase_seconds": sem.phase_seconds}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new, never half of
    one. Only a regular file (or nothing) is replaced: a device, a FIFO or a folder is refused
    (renaming over /dev/null as root would replace the device)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file, so not replaced")
    clean_stale_temps(path.parent)
    # A short name: the target's name may be up to the file system's limit (255 bytes).
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix="", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_game(game: Game, path: Path) -> None:
    write_atomic(Path(path), to_yaml(game))


# --- reading --------------------------------------------------------------------------------


def load_game(path: Path, cards_dir: Path = CARDS_DIR) -> Game:
    """Replay a save and check its digest. SaveError with one line on any problem."""
    try:
        return _load_game(Path(path), cards_dir)
    except RecursionError:  # the loader's depth limit comes first; never a traceback
        raise SaveError(f"{shorten(str(path))[1:-1]}:1: (file): nested too deep to read") from None


def _load_game(path: Path, cards_dir: Path) -> Game:
    doc, faults = read_yaml(path, max_bytes=MAX_SAVE_BYTES)
    if faults:
        raise SaveError(str(faults[0]))
    data = doc.data

    def bad(field_path: tuple, message: str) -> SaveError:
        return SaveError(str(doc.fault(field_path, message)))

    if not isinstance(data, dict):
        raise bad((), "expected a saved game (a mapping with format, seed, seats, choices, digest)")
    for key in data:
        if key not in SAVE_KEYS:
            raise bad((key,), f"unknown key; expected one of {', '.join(SAVE_KEYS)}")
    for key in ("format", "game", "scenario", "seed", "seats", "choices", "digest"):
        if key not in data:
            raise bad((), f"missing required key '{key}' (the save is incomplete or truncated)")
    fmt = data["format"]
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise bad(("format",), f"expected a format version number, found {shorten(fmt)}")
    if fmt > NEWEST_FORMAT:
        raise bad(("format",), f"this save is format {shorten(fmt)}, from a newer version of the game "
                               f"(this one reads up to {NEWEST_FORMAT})")
    if data["game"] != GAME_NAME:
        raise bad(("game",), f"expected {GAME_NAME!r}: this is not a save of this game")
    seed = data["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
        raise bad(("seed",), f"expected a whole number from 0 to {SEED_MAX}, found {shorten(seed)}")
    seats = data["seats"]
    if not isinstance(seats, dict) or set(seats) != set(SEATS):
        raise bad(("seats",), f"expected a controller for each of {', '.join(SEATS)}")
    for seat, who in seats.items():
        if not isinstance(who, str) or len(who) > 20 or "," in who or "=" in who:
            raise bad(("seats", seat), f"expected a controller, one of {', '.join(CONTROLLERS)}; found {shorten(who)}")
    try:
        parse_seats(",".join(f"{k}={v}" for k, v in seats.items()), allowed=CONTROLLERS + ("ai:normal", "ai:hard"))
    except SeatSpecError as e:
        raise bad(("seats",), str(e)) from None
    scenario = data["scenario"]
    if not isinstance(scenario, str) or not scenario or len(scenario) > 100:
        raise bad(("scenario",), f"expected a scenario id, found {shorten(scenario)}")
    choices = data["choices"]
    if not isinstance(choices, list):
        raise bad(("choices",), "expected a list of choices")
    if len(choices) > MAX_CHOICES:  # before replaying any
        raise bad(("choices",), f"expected at most {MAX_CHOICES} choices, found {len(choices)}")
    if not isinstance(data["digest"], str):
        raise bad(("digest",), "expected a sha256 digest")
    turn, over = data.get("turn"), data.get("over")
    if turn is not None and (isinstance(turn, bool) or not isinstance(turn, int)):
        raise bad(("turn",), f"expected the turn the game had reached, found {shorten(turn)}")
    if over is not None and not isinstance(over, bool):
        raise bad(("over",), f"expected true or false, found {shorten(over)}")
    try:
        rules = load_rules(scenario, cards_dir)
    except DataError as e:
        if any(f.field == "scenarios" for f in e.faults):
            raise bad(("scenario",), f"unknown scenario {shorten(scenario)}") from None
        raise SaveError(str(e.faults[0])) from None

    parent, branched_at = data.get("parent"), data.get("branched_at")
    if ("parent" in data) != ("branched_at" in data):
        raise bad(("parent",) if "parent" in data else ("branched_at",), "expected both parent and branched_at, or neither")
    if parent is not None and (not isinstance(parent, str) or len(parent) > MAX_NAME or control_character(parent)):
        raise bad(("parent",), "expected the file name of the save this branch was taken from")
    if branched_at is not None and (isinstance(branched_at, bool) or not isinstance(branched_at, int) or branched_at < 1):
        raise bad(("branched_at",), f"expected the turn the branch left its parent at, found {shorten(branched_at)}")

    if fmt < FORMAT:
        raise bad(("format",), f"this save is format {fmt}, made under an earlier edition of the rules "
                               f"(this version replays format {FORMAT}: contests, shelving, the Taliban's "
                               "operations); the file is left as it is")
    seminar = _read_seminar(data, bad, rules.scenario.turns) if "seminar" in data else None
    game = Game.start(rules, seed, {s: seats[s] for s in SEATS}, seminar=seminar)
    game.parent, game.branched_at = parent, branched_at
    for i, item in enumerate(choices):
        where = ("choices", i)
        reason = None
        if isinstance(item, dict):
            if set(item) - {"do", "why"} or "do" not in item:
                raise bad(where, "expected a choice as text, or a mapping with 'do' (and 'why')")
            reason = _reason(item.get("why"), where + ("why",), bad)
            item = item["do"]
        choice = M.parse(item) if isinstance(item, str) and len(item) <= MAX_CHOICE_TEXT else None
        if choice is None:
            raise bad(where, f"expected a choice such as 'play CARD ops', found {shorten(item)}")
        if game.state.over:
            raise bad(where, "the game had already ended before this choice")
        why = game.refusal(choice, reason)
        if why is not None and M.is_facilitator(choice):
            raise bad(where, f"{shorten(item)} is not a facilitator move the rules allow there: "
                             f"{shorten(why, 120)[1:-1]}")
        if why is not None and M.is_prediction(choice):
            raise bad(where, f"{shorten(item)} is not a prediction the rules allow there: "
                             f"{shorten(why, 120)[1:-1]}")
        if why is not None:
            seat = game.state.seat_to_move
            who = SEATS[seat] if seat is not None else "nobody"
            raise bad(where, f"{shorten(item)} is not a legal choice at that point "
                             f"(turn {game.state.turn}, {who} to choose)")
        game.play(choice, reason)
    if digest(game.state) != data["digest"]:
        raise bad(("digest",), "the replayed game does not match the saved digest (the file was altered, or the cards have changed)")
    # The header is what the saves list shows without replaying; it must say what the choices say.
    if turn is not None and turn != game.state.turn:
        raise bad(("turn",), f"the header says turn {shorten(turn)}, the choices reach turn {game.state.turn} "
                             "(the file was altered)")
    if over is not None and over != game.state.over:
        said = "over" if over else "in progress"
        raise bad(("over",), f"the header says the game is {said}, the choices say otherwise (the file was altered)")
    return game


def _reason(reason, where: tuple, bad) -> str | None:
    """A choice's 'why': text within seminar.MAX_NOTE, with no control characters but newlines
    and tabs (it is printed by replay and shown in the report)."""
    if reason is None:
        return None
    if not isinstance(reason, str):
        raise bad(where, "expected the reason as text")
    if len(reason) > MAX_NOTE:
        raise bad(where, f"expected a reason of at most {MAX_NOTE} characters, found {len(reason)}")
    found = control_character(reason, multiline=True)
    if found is not None:
        raise bad(where, f"expected text without control characters, found {found}")
    return reason


def _read_seminar(data: dict, bad, most_turns: int) -> Seminar:
    sem = data["seminar"]
    if not isinstance(sem, dict):
        raise bad(("seminar",), "expected a mapping with teams, turns and phase_seconds")
    for key in sem:
        if key not in SEMINAR_KEYS:
            raise bad(("seminar", key), f"unknown key; expected one of {', '.join(SEMINAR_KEYS)}")
    teams = sem.get("teams") or {}
    if not isinstance(teams, dict):
        raise bad(("seminar", "teams"), "expected a team name for each seat played by a team")
    for seat, name in teams.items():
        if seat not in SEATS:
            raise bad(("seminar", "teams", seat), f"unknown seat; expected one of {', '.join(SEATS)}")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_TEAM_NAME or control_character(name):
            raise bad(("seminar", "teams", seat), f"expected a team name of 1 to {MAX_TEAM_NAME} characters")
    turns = sem.get("turns")
    if turns is not None and (isinstance(turns, bool) or not isinstance(turns, int) or not 1 <= turns <= most_turns):
        raise bad(("seminar", "turns"), f"expected a number of turns from 1 to {most_turns}, found {shorten(turns)}")
    seconds = sem.get("phase_seconds", Seminar().phase_seconds)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 10 <= seconds <= 3600:
        raise bad(("seminar", "phase_seconds"), f"expected seconds from 10 to 3600, found {shorten(seconds)}")
    return Seminar(teams=dict(teams), turns=turns, phase_seconds=seconds)
