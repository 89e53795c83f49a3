"""From the command line into the interface: ``greatgame play …``, ``greatgame seminar``.

Everything that can fail on the command line (a bad --seats, a save that cannot be read, cards
with faults) fails in ``play_tui``, before the screen is taken over, with the CLI's one line.
"""

from __future__ import annotations

import os
import sys


def has_screen() -> bool:
    """A terminal, or another Textual driver we were started with (textual-serve's web driver
    runs the game over pipes, for a browser)."""
    return sys.stdout.isatty() or sys.stdin.isatty() or bool(os.environ.get("TEXTUAL_DRIVER"))


DEFAULT_SEATS = "russia=human"


def play_tui(args, explicit: bool) -> int:
    from game.clients.args import fail, game_from_args
    from game.tui.core import AUTOSAVE_PREFIX, autosave_path

    if getattr(args, "join", None) is not None:
        return join_form_tui(args)

    game = None
    autosave_to = None
    if args.load:
        from game.play.save import SaveError, load_game

        try:
            game = load_game(args.load, args.cards)
        except SaveError as e:
            return fail(str(e))
        autosave_to = args.load if args.load.name.startswith(AUTOSAVE_PREFIX) else autosave_path(args.saves_dir, game.seed)
    elif explicit:
        game = game_from_args(args, "" if getattr(args, "projector", False) else DEFAULT_SEATS)
        if isinstance(game, int):
            return game
        autosave_to = autosave_path(args.saves_dir, game.seed)
    projector = bool(getattr(args, "projector", False))
    if projector and "human" in game.seats.values():
        return fail("--projector: every seat must be a computer here (people play on their own screens: "
                    "greatgame host, then greatgame join)")
    if not has_screen():
        return fail("the game needs a terminal (use 'greatgame play --text' to play over a pipe)")
    from game.tui import run

    return run(cards_dir=args.cards, saves_dir=args.saves_dir, game=game, autosave_to=autosave_to, think=args.think,
               projector=projector)


def seminar_tui(args) -> int:
    """``greatgame seminar``: the interface opens on the seminar setup. Cards with faults are
    reported here, before the screen is taken over."""
    from game.clients.args import fail, rules_from_args

    if rules_from_args(args, "summer-2021") is None:
        return 2
    if not has_screen():
        return fail("the seminar needs a terminal (greatgame serve puts the game in a browser)")
    from game.tui import run

    return run(cards_dir=args.cards, saves_dir=args.saves_dir, think=args.think, first_screen="seminar")


def join_tui(args) -> int:
    """``greatgame join URL CODE``: the interface opens joined to the hosted game (or on the
    join form, saying why not). A malformed address or code is refused here, in one line."""
    from game.clients.args import fail
    from game.net.client import ws_url
    from game.net.protocol import normalize_code

    try:
        ws_url(args.url)
    except ValueError as e:
        return fail(f"URL: {e}")
    if normalize_code(args.code) is None:
        return fail(f"CODE: {args.code.strip()[:40]!r} is not a join code (12 letters and digits, such as K7QX-4M2P-ZT9D)")
    if not has_screen():
        return fail("the game needs a terminal (greatgame join URL CODE --text plays in plain text)")
    from game.tui import run

    return run(cards_dir=args.cards, first_screen=("join", args.url, args.code, True, False))


def join_form_tui(args) -> int:
    """``greatgame play --join URL``: the join form of that server, its address fixed (what
    ``greatgame serve --join URL`` gives each browser)."""
    from game.clients.args import fail
    from game.net.client import ws_url

    if args.load or args.seats or args.seed is not None or getattr(args, "projector", False):
        return fail("--join: the game is the server's (no --load, --seats, --seed or --projector)")
    try:
        ws_url(args.join)
    except ValueError as e:
        return fail(f"--join: {e}")
    if not has_screen():
        return fail("the game needs a terminal (greatgame join URL CODE --text plays in plain text)")
    from game.tui import run

    return run(cards_dir=args.cards, saves_dir=args.saves_dir, first_screen=("join", args.join, "", False, True))
