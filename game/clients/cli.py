"""The ``greatgame`` command: play, simulate, replay, and check cards.

Every failure the user can cause (bad arguments, bad card files, bad saves) ends with one
clear line on standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from game.rules.loader import CARDS_DIR, one_line, read_catalogue
from game.rules.model import SEATS
from game.play.save import SEED_MAX, SaveError, load_game
from game.play.session import CONTROLLERS, SeatSpecError, parse_seats
from game.clients.sim import MAX_GAMES, MAX_JOBS
from game.clients.args import (EXIT_FAULT, EXIT_USAGE, fail, output_problem as _output_problem, is_stream as _is_stream,
                               rules_from_args, write_output as _write_output, writable_folder)



class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + traceback
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _number(convert, what: str, lo, hi, in_range: str):
    """An argparse type: a number of one kind within bounds, else one plain sentence."""

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, found {text!r}") from None
        if not lo <= value <= hi:
            shown = f"{value:g}" if isinstance(value, float) else value
            raise argparse.ArgumentTypeError(f"expected {in_range}, found {shown}")
        return value

    return parse


_seed = _number(int, "a whole number", 0, SEED_MAX, f"a seed from 0 to {SEED_MAX}")
_positive = _number(int, "a whole number", 1, float("inf"), "at least 1")
_think = _number(float, "seconds", 0.05, 60, "0.05 to 60 seconds")
_port = _number(int, "a port number", 1, 65535, "a port from 1 to 65535")
_games = _number(int, "a whole number", 1, MAX_GAMES, f"1 to {MAX_GAMES:,} games")
_jobs = _number(int, "a whole number", 1, MAX_JOBS, f"1 to {MAX_JOBS} processes")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="greatgame", description="The New Great Game: Central Asia, summer 2021.")
    parser.add_argument("--cards", type=Path, default=CARDS_DIR, metavar="DIR",
                        help="the folder of card and scenario files (default: the shipped cards/)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="play a game in this terminal (the full-screen interface; --text for plain text)")
    play.add_argument("--seats", metavar="SPEC", help="e.g. russia=human,china=ai:easy (others: ai:easy)")
    play.add_argument("--seed", type=_seed, help="the game's seed (default: a random one, shown)")
    play.add_argument("--scenario", default="summer-2021", help="scenario id (default: summer-2021)")
    play.add_argument("--load", type=Path, metavar="SAVE", help="resume a saved game")
    play.add_argument("--save", type=Path, metavar="FILE",
                      help="text mode: the save, written after every turn and on s or q (default: saves/latest.yaml)")
    play.add_argument("--text", action="store_true", help="play in plain text (numbered choices) instead")
    play.add_argument("--think", type=_think, default=1.0, metavar="SECONDS",
                      help="how long the hard AI thinks over each decision (default 1)")
    play.add_argument("--saves-dir", type=Path, default=Path("saves"), metavar="DIR",
                      help="the full-screen interface's saves and autosaves (default: ./saves)")
    play.add_argument("--join", metavar="URL",
                      help="open on the join form of the game server at URL (greatgame serve --join gives it to "
                           "each browser), its address fixed: the player types only a code")
    play.add_argument("--projector", action="store_true",
                      help="show the room's view (no hand, no rationale, no coming news) of a game the "
                           "computers play; every seat is a computer (ai:easy unless --seats says)")

    seminar = sub.add_parser("seminar", help="set up a seminar: teams at the seats, turns, time per phase; "
                                             "briefings and a phase clock (the full-screen interface)")
    seminar.add_argument("--saves-dir", type=Path, default=Path("saves"), metavar="DIR",
                         help="where the seminar's game is autosaved (default: ./saves)")
    seminar.add_argument("--think", type=_think, default=1.0, metavar="SECONDS",
                         help="how long the hard AI thinks over each decision (default 1)")

    sim = sub.add_parser("simulate", help="play many AI games and print win rates and scores")
    sim.add_argument("--games", type=_games, default=100, help=f"how many games (default 100, at most {MAX_GAMES:,})")
    sim.add_argument("--seed", type=_seed, default=1, help="the run's seed (default 1)")
    sim.add_argument("--scenario", default="summer-2021", help="scenario id (default: summer-2021)")
    sim.add_argument("--ai", default="easy", metavar="LEVEL",
                     help="controller for every seat: random, easy, normal or hard (default easy)")
    sim.add_argument("--seats", metavar="SPEC", help="per-seat controllers, e.g. russia=random (others: --ai)")
    sim.add_argument("--challenger", metavar="LEVEL",
                     help="seat this level at each seat in turn against --field, and report its lift")
    sim.add_argument("--field", metavar="LEVEL", default="normal",
                     help="the level at every other seat with --challenger (default normal)")
    sim.add_argument("--jobs", type=_jobs, default=1,
                     help=f"games in parallel processes, at most {MAX_JOBS} (same results for any number)")
    sim.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    sim.add_argument("--save-dir", type=Path, metavar="DIR", help="write every game's save here (made if missing)")

    rep = sub.add_parser("replay", help="replay a save, check it, and print the game's log")
    rep.add_argument("save", type=Path, metavar="SAVE")

    branch = sub.add_parser("branch", help="start a what-if from a save: its choices up to a turn, to play on")
    branch.add_argument("save", type=Path, metavar="SAVE")
    branch.add_argument("--turn", type=_positive, required=True, help="the turn to branch at (its start)")
    branch.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the new save")
    branch.add_argument("--force", action="store_true", help="replace FILE if it exists")
    branch.add_argument("--white-cell", choices=("keep", "drop"), default="drop",
                        help="the facilitator's acts of that turn (injects, held news, rulings, notes): make them "
                             "again at the branch point (keep) or not (drop, the default)")

    serve = sub.add_parser("serve", help="serve the game to web browsers (one game per visitor)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: your network)")
    serve.add_argument("--port", type=_port, default=8000, help="default 8000")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address visitors use, when behind a proxy (e.g. https://games.example.org)")
    serve.add_argument("--max-visitors", type=_positive, default=20, metavar="N",
                       help="how many may play at once (default 20; each game takes about 45 MiB)")
    serve.add_argument("--saves-dir", type=Path, default=Path("saves"), metavar="DIR",
                       help="each visitor gets a private folder under DIR/served/ (default: ./saves)")
    serve.add_argument("--join", metavar="URL",
                       help="each visitor opens on the join form of the game server at URL (greatgame host, "
                            "as this machine reaches it, e.g. http://127.0.0.1:8765) and types a code")

    from game.clients.hosting import add_parsers as add_hosting

    add_hosting(sub, _Parser, _port, _seed, _positive, _think)

    report = sub.add_parser("report", help="the after-action report of a save (Markdown, HTML, JSON or CSV)")
    report.add_argument("saves", type=Path, nargs="+", metavar="SAVE",
                        help="one save, or two (branches of one game) to set side by side")
    report.add_argument("--format", choices=("md", "html", "json", "csv"), default="md",
                        help="default md (with -o, its charts are written beside it as SVG files)")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of printing")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report.add_argument("--viewer", choices=("facilitator", "public") + SEATS, default="facilitator",
                        help="whose view of an unfinished game: the facilitator's whole record (default), "
                             "the projected screen's, or a seat's (a finished game shows everything)")

    compare = sub.add_parser("compare", help="several games of one scenario side by side (any seeds): outcomes, "
                                             "turning points, key decisions, White Cell acts, choices and outcomes")
    compare.add_argument("saves", type=Path, nargs="+", metavar="SAVE", help="two saves or more")
    compare.add_argument("--format", choices=("md", "html", "json", "csv"), default="md", help="default md")
    compare.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of printing")
    compare.add_argument("--force", action="store_true", help="replace FILE if it exists")

    cards = sub.add_parser("cards", help="card tools")
    cards_sub = cards.add_subparsers(dest="cards_command", parser_class=_Parser)
    check = cards_sub.add_parser("check", help="validate card and scenario files")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: cards/)")
    return parser


AI_LEVELS = ("random", "easy", "normal", "hard")  # the short names; "ai:easy" etc. are accepted too


def _level(text: str) -> str:
    """A level's controller name: 'normal' -> 'ai:normal'; 'random' and 'ai:...' as they are."""
    return text if text in ("random", "human") or text.startswith("ai:") else f"ai:{text}"


class _Progress:
    """A bar on standard error, shown only once a run has taken a few seconds."""

    def __init__(self, enabled: bool, after: float = 2.0):
        self.enabled = enabled
        self.after = after
        self.start = time.monotonic()
        self.shown = 0.0
        self.open = False  # a bar is on the line, not yet ended


    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.start < self.after or (now - self.shown < 0.1 and done < total):
            return
        self.shown = now
        width = 30
        filled = width * done // total
        rate = done / (now - self.start)
        eta = (total - done) / rate if rate else 0
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games, {eta:.0f}s left ")
        self.open = done < total
        if not self.open:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def stop(self) -> None:
        """End an unfinished bar's line, so a message after it starts on a line of its own."""
        if self.open:
            sys.stderr.write("\n")
            self.open = False





def _ai_level(text: str, flag: str) -> str:
    level = _level(text)
    if level not in CONTROLLERS or level == "human":
        raise SeatSpecError(f"{flag}: expected one of {', '.join(AI_LEVELS)}, found {text!r}")
    return level


def cmd_simulate(args) -> int:
    from game.clients.sim import SaveWriteError

    ai_only = tuple(c for c in CONTROLLERS if c != "human")
    try:
        default = _ai_level(args.ai, "--ai")
        seats = parse_seats(args.seats, default, allowed=ai_only)
        challenger = _ai_level(args.challenger, "--challenger") if args.challenger else None
        field = _ai_level(args.field, "--field")
    except SeatSpecError as e:
        message = str(e)
        return fail(message if message.startswith("--") else f"--seats: {message}")
    if challenger and args.seats:
        return fail("--challenger: not with --seats (the challenger takes each seat in turn)")
    if challenger and args.games < len(SEATS):
        return fail(f"--games: expected at least {len(SEATS)} with --challenger (one per seat)")
    rules = rules_from_args(args, args.scenario)
    if rules is None:
        return EXIT_USAGE
    if args.save_dir is not None and (problem := writable_folder(args.save_dir)):
        return fail(f"--save-dir {args.save_dir} {problem}; no game was played")
    progress = _Progress(enabled=not args.json)
    try:
        return _simulate(args, rules, seats, challenger, field, progress)
    except SaveWriteError as e:
        progress.stop()
        return fail(f"{e}; the run stopped there, the saves written before it are kept in {args.save_dir}")


def _simulate(args, rules, seats: dict, challenger: str | None, field: str, progress) -> int:
    """Play the run and print its table or JSON."""
    from game.clients.sim import challenge, simulate

    if challenger:
        report = challenge(args.scenario, args.games, args.seed, challenger, field, args.jobs, progress,
                           args.cards, args.save_dir)
        data = report.as_json()
        if args.json:
            print(json.dumps(data))
            return 0
        print(f"{challenger} challenging {field}: {data['games']} games with the challenger at each seat in turn, "
              f"{data['baseline']['games']} all-{field} games as the baseline; run seed {args.seed}")
        print(f"{'seat':<14}{'challenger':>11}{'baseline':>10}{'ratio':>8}")
        for s in SEATS:
            c, b = data["challenger"]["win_rate"][s], data["baseline"]["win_rate"][s]
            ratio = f"{c / b:.2f}" if b else "-"
            print(f"{s:<14}{c:>11.1%}{b:>10.1%}{ratio:>8}")
        print(f"lift (mean ratio over seats, smoothed): {data['lift']:.2f}; {data['games_per_second']} games/s")
        return 0
    result = simulate(rules, args.games, args.seed, seats, args.save_dir, args.jobs, progress, args.cards)
    data = result.as_json()
    if args.json:
        print(json.dumps(data))
        return 0
    print(f"{data['games']} games of {data['scenario']}, run seed {data['seed']}")
    print(f"{'seat':<14}{'controller':<12}{'wins':>8}{'mean VP':>10}")
    for s in SEATS:
        print(f"{s:<14}{seats[s]:<12}{data['win_rate'][s]:>8.1%}{data['mean_score'][s]:>10.2f}")
    print(f"mean length {data['mean_turns']:.2f} turns; collapse rate {data['collapse_rate']:.1%}; "
          f"{data['games_per_second']} games/s")
    if args.save_dir:
        print(f"saves written to {args.save_dir}")
    return 0


def cmd_replay(args) -> int:
    from game.words.log import describe

    try:
        game = load_game(args.save, args.cards)
    except SaveError as e:
        return fail(str(e))
    for entry in game.log:
        print(describe(entry, game.rules))
    print(f"-- replayed {len(game.moves)} choices; digest verified --")
    return 0


def _chart_paths(output: Path) -> list[Path]:
    """The SVG files a Markdown report written to ``output`` links, beside it."""
    from game.words.report import chart_files

    return [output.with_name(name) for name in chart_files(output.stem).values()]


def _load_all(paths: list[Path], cards: Path) -> list | str:
    """Every save loaded, or the first one's error in one line (naming the file)."""
    games = []
    for path in paths:
        try:
            games.append(load_game(path, cards))
        except SaveError as e:
            return str(e)
    return games


def cmd_report(args) -> int:
    from game.words.report import report_data, render, to_markdown_with_charts

    if len(args.saves) > 2:
        return fail(f"report: expected one save, or two to compare; found {len(args.saves)} "
                    "(greatgame compare sets any number side by side)")
    charted = args.format == "md" and len(args.saves) == 1 and args.output is not None and not _is_stream(args.output)
    if args.output is not None:
        for target in [args.output] + (_chart_paths(args.output) if charted else []):
            problem = _output_problem(target, args.saves, args.force)
            if problem:
                return fail(problem)
    games = _load_all(args.saves, args.cards)
    if isinstance(games, str):
        return fail(games)
    svgs: dict = {}
    if len(games) == 2:
        from game.words.compare import render_branches

        if games[0].seed != games[1].seed or games[0].scenario != games[1].scenario:
            return fail(one_line(f"{args.saves[1]}: not a branch of {args.saves[0]} (another seed or scenario); "
                                 "greatgame compare sets games of any seeds side by side"))
        text = render_branches(games[0], games[1], (args.saves[0].name, args.saves[1].name), args.format)
    else:
        viewer = SEATS.index(args.viewer) if args.viewer in SEATS else args.viewer
        if charted:
            text, svgs = to_markdown_with_charts(report_data(games[0], viewer), args.output.stem)
        else:
            text = render(games[0], args.format, viewer)
    return _emit(args.output, text, {args.output.with_name(name): svg for name, svg in svgs.items()})


def _emit(output: Path | None, text: str, beside: dict | None = None) -> int:
    """Print ``text``, or write it to ``output`` (and the files ``beside`` it)."""
    if output is None:
        sys.stdout.write(text)
        return 0
    stream = _is_stream(output)
    for path, content in (beside or {}).items():
        problem = _write_output(path, content)
        if problem:
            return fail(problem)
    problem = _write_output(output, text)
    if problem:
        return fail(problem)
    if not stream:
        extra = f" and {', '.join(p.name for p in beside)}" if beside else ""
        print(one_line(f"wrote {output}{extra}"))
    return 0


def cmd_compare(args) -> int:
    from game.words.compare import render as render_compare

    if len(args.saves) < 2:
        return fail(f"compare: expected two saves or more, found {len(args.saves)}")
    if args.output is not None:
        problem = _output_problem(args.output, args.saves, args.force)
        if problem:
            return fail(problem)
    games = _load_all(args.saves, args.cards)
    if isinstance(games, str):
        return fail(games)
    first = games[0]
    for path, game in zip(args.saves[1:], games[1:]):
        if game.scenario != first.scenario:
            return fail(one_line(f"{path}: a game of scenario {game.scenario!r}, not {first.scenario!r} like "
                                 f"{args.saves[0]}; compare games of one scenario"))
    names = [p.name for p in args.saves]
    if len(set(names)) < len(names):  # the same file name in two folders: the paths tell them apart
        names = [str(p) for p in args.saves]
    return _emit(args.output, render_compare(games, names, args.format))


def cmd_branch(args) -> int:
    from game.play.save import to_yaml

    problem = _output_problem(args.output, [args.save], args.force)
    if problem:
        return fail(problem)
    try:
        game = load_game(args.save, args.cards)
    except SaveError as e:
        return fail(str(e))
    keep = args.white_cell == "keep"
    try:
        branch = game.branch(args.turn, args.save.name, keep_white_cell=keep)
    except ValueError as e:
        return fail(f"--turn: {e}")
    acts = game.white_cell_acts(args.turn)
    stream = _is_stream(args.output)
    problem = _write_output(args.output, to_yaml(branch))
    if problem:
        return fail(problem)
    if not stream:
        kept = len(branch.moves) - len(game.branch(args.turn, args.save.name).moves) if keep else 0
        if not acts:
            cell = ""
        elif keep:
            cell = (f"; the White Cell's {_acts(len(acts))} of turn {args.turn} made again at the branch point"
                    + ("" if kept == len(acts) else f" ({len(acts) - kept} the rules no longer allowed there left out)"))
        else:
            cell = (f"; the White Cell's {_acts(len(acts))} of turn {args.turn} dropped "
                    "(--white-cell keep makes them again)")
        print(one_line(f"wrote {args.output}: {args.save.name} up to the start of turn {args.turn} "
                       f"({len(branch.moves)} of {len(game.moves)} choices){cell}; "
                       f"play on with greatgame play --load {args.output}"))
    return 0


def _acts(n: int) -> str:
    return f"{n} act" if n == 1 else f"{n} acts"


def cmd_serve(args) -> int:
    """Each browser that visits gets its own game process and private saves (game/serve.py)."""
    from game.clients.serve import ServeError, serve

    try:
        return serve(host=args.host, port=args.port, cards=args.cards, saves_dir=args.saves_dir,
                     public_url=args.public_url, max_visitors=args.max_visitors, join=args.join)
    except ServeError as e:
        return fail(str(e))


def cmd_cards_check(args) -> int:
    paths = args.paths or [args.cards]
    for p in paths:
        if not p.exists():
            return fail(one_line(f"{p}: no such file or folder"))
    cat = read_catalogue(paths)
    if cat.faults:
        for fault in cat.faults:
            print(fault, file=sys.stderr)
        return EXIT_FAULT
    news = sum(1 for c in cat.cards.values() if c.deck == "news")
    by_seat = {s: 0 for s in SEATS + ("none",)}
    for c in cat.cards.values():
        if c.deck == "action":
            by_seat["none" if c.seat is None else SEATS[c.seat]] += 1
    action = ", ".join(f"{s} {n}" for s, n in by_seat.items())
    print(f"OK: {len(cat.cards)} cards ({news} news; action cards: {action}) "
          f"and {len(cat.scenarios)} scenarios in {cat.files} files")
    return 0


def cmd_play(args) -> int:
    if args.text and (args.projector or args.join):
        return fail(f"--{'projector' if args.projector else 'join'}: not with --text (a full-screen interface's)")
    if args.text:
        from game.clients.textplay import run_text_game

        return run_text_game(args)
    from game.tui.launch import play_tui

    return play_tui(args, explicit=args.seats is not None or args.seed is not None or args.load is not None
                    or args.scenario != "summer-2021" or args.projector)


def cmd_seminar(args) -> int:
    from game.tui.launch import seminar_tui

    return seminar_tui(args)


def cmd_host(args) -> int:
    from game.clients.hosting import cmd_host as host

    return host(args)


def cmd_join(args) -> int:
    from game.clients.hosting import cmd_join as join

    return join(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # the title screen of the full-screen interface
        args = parser.parse_args(["--cards", str(args.cards), "play"])
    if args.command == "cards" and args.cards_command is None:
        return fail("cards: expected a subcommand: check")
    handlers = {"simulate": cmd_simulate, "replay": cmd_replay, "report": cmd_report, "compare": cmd_compare,
                "branch": cmd_branch, "serve": cmd_serve, "cards": cmd_cards_check, "play": cmd_play,
                "seminar": cmd_seminar, "host": cmd_host, "join": cmd_join}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `greatgame replay SAVE | head`: the reader has had enough
        # Point stdout at nothing, so the interpreter's own flush at exit finds no pipe either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
