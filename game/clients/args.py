"""What every command-line client shares: the exit codes, the one-line failure, the rules and a
new game from the arguments, whether a folder can take saves, and where ``-o FILE`` may be
written. The ``greatgame`` command
(game.clients.cli), the text client and the interface's launcher all use it, so none imports another."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from game.rules.loader import DataError, load_rules, one_line
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


def output_problem(output: Path, reading: list[Path], force: bool) -> str | None:
    """Why ``-o FILE`` cannot be used, in one line, or None. A missing path or a regular file
    (with --force) is replaced atomically; a character device or a FIFO (/dev/stdout, a pipe)
    is written to as it is; anything else is refused, and so is the file being read, by any
    name (same device and inode), which replacing would destroy."""
    shown = one_line(str(output))
    try:
        st = os.stat(output)
    except FileNotFoundError:
        if not output.parent.is_dir():
            return f"{shown}: no such folder {one_line(str(output.parent))}"
        return None
    except OSError as e:
        return f"{shown}: cannot be used ({e.strerror or e})"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return f"{shown}: not a regular file, a character device or a FIFO; name a file to write"
    for path in reading:
        try:
            seen = os.stat(path)
        except OSError:
            continue
        if (seen.st_dev, seen.st_ino) == (st.st_dev, st.st_ino):
            return f"{shown}: is the save being read ({one_line(str(path))}); name a new file"
    if not force:
        return f"{shown}: already exists; add --force to replace it"
    return None


def is_stream(output: Path) -> bool:
    """A character device or a FIFO: written to as it is, and no 'wrote FILE' line (that line
    would land in the output itself with -o /dev/stdout)."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_output(output: Path, text: str) -> str | None:
    """Write to ``-o FILE`` as _output_problem allowed; the error in one line if that failed."""
    from game.play.save import write_atomic

    try:
        if is_stream(output):
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            write_atomic(output, text)
    except OSError as e:
        return f"{one_line(str(output))}: cannot be written ({e.strerror or e})"
    return None
