"""The ``greatgame`` console script.

With no arguments it opens the title screen without importing the engine or the CLI first (the
title appears about as fast as an empty Textual app's); with any argument it is exactly
``game.clients.cli.main``. It sits above both, so neither imports the other's way in.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from game.tui.launch import has_screen

    args = sys.argv[1:] if argv is None else argv
    if not args:
        if not has_screen():
            print("greatgame: error: the game needs a terminal (see greatgame --help)", file=sys.stderr)
            return 2
        from game.tui import run

        return run()
    from game.clients.cli import main as cli_main

    return cli_main(args)
