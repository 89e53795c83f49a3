"""What every command-line client shares: the exit codes, the one-line failure, the rules and a
new game from the arguments, and whether a folder can take saves. The ``greatgame`` command
(game.clients.cli), the text client and the interface's launcher all use it, so none imports another."""

from __future__ import annotations

import sys
from pathlib import Path

from game.rules.loader import DataError, load_rules
from game.play.session import SeatSpecError, parse_seats

EXIT_FAULT = 1  # the data was read and found faulty
EXIT_USAGE = 2  # the command line or a file could not be used


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"greatgame: error: {message}", file=sys.stderr)
    return code


def rules_from_args(args, scenario: str):
    try:
        return load_rules(scenario, args.cards)
    except DataError as e:
        for fault in e.faults:
            print(fault, file=sys.stderr)
        print("greatgame: error: the cards have faults (above); no game was started", file=sys.stderr)
        return None


def game_from_args(args, default_seats: str):
    """A new game from play's --seats, --scenario and --seed, or the exit code after its
    one-line error."""
    import secrets

    from game.play.session import Game

    try:
        seats = parse_seats(args.seats or default_seats)
    except SeatSpecError as e:
        return fail(f"--seats: {e}")
    rules = rules_from_args(args, args.scenario)
    if rules is None:
        return EXIT_USAGE
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    return Game.start(rules, seed, seats)


def writable_folder(folder: Path) -> str | None:
    """Why saves cannot go into ``folder`` (made if missing), as "is not a folder", "cannot be
    made (...)" or "cannot be written (...)", or None. Checked by writing and removing a probe
    file, so a bad folder is refused before any game is played."""
    import os
    import tempfile

    if folder.exists() and not folder.is_dir():
        return "is not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return f"cannot be made ({e.strerror or e})"
    try:
        fd, probe = tempfile.mkstemp(prefix=".greatgame-probe-", dir=folder)
    except OSError as e:
        return f"cannot be written ({e.strerror or e})"
    try:
        with os.fdopen(fd, "w") as f:
            f.write("probe\n")
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        return f"cannot be written ({e.strerror or e})"
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass
    return None
