"""``greatgame host``: run a game server, and make, list and export its games.

    greatgame host [--host H] [--port P] [--db FILE]      serve every game in FILE
    greatgame host new [--teams ...|--seats ...] ...      make a game and print its join codes
    greatgame host list                                   the games in the database
    greatgame host export GAME -o FILE                    a game as an ordinary save
    greatgame host codes GAME                             new codes for a game (the old stop working)

``new``, ``list``, ``export`` and ``codes`` open the database themselves, so they work whether
the server is running or not: a game made while it runs is served as soon as someone joins it.
The database's file is readable by its owner only. Every failure is one line and an exit code.
"""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

from game.rules.loader import control_character
from game.rules.model import SEAT_NAMES, SEATS
from game.play.seminar import MAX_TEAM_NAME, Seminar, phase_seconds
from game.play.session import CONTROLLERS, SeatSpecError, parse_seats
from game.clients.args import EXIT_USAGE, fail, rules_from_args

DEFAULT_SEMINAR_TURNS = 3
DEFAULT_PHASE = "2"
DEFAULT_AI = "ai:normal"


def parse_teams(spec: str) -> dict[str, str]:
    """'russia=Moscow,china=Beijing' -> {seat: team name}; ValueError in words otherwise."""
    teams: dict[str, str] = {}
    seen: set[str] = set()
    for part in spec.split(","):
        if not part.strip():
            continue
        seat, sep, name = part.partition("=")
        seat, name = seat.strip(), " ".join(name.split())
        if not sep or seat not in SEATS:
            raise ValueError(f"{part.strip()!r}: expected SEAT=TEAM with SEAT one of {', '.join(SEATS)}")
        if not name or len(name) > MAX_TEAM_NAME or control_character(name):
            raise ValueError(f"{seat}: a team name has 1 to {MAX_TEAM_NAME} characters")
        if seat in teams:
            raise ValueError(f"{seat}: named twice")
        if name.casefold() in seen:
            raise ValueError(f"{seat}: another team is called {name!r}; give each team its own name")
        seen.add(name.casefold())
        teams[seat] = name
    if not teams:
        raise ValueError("expected at least one team, e.g. russia=Moscow")
    return teams


def _level(text: str) -> str:
    return text if text in ("random",) or text.startswith("ai:") else f"ai:{text}"


def _db(args) -> Path:
    from game.net.store import default_db

    return args.db if args.db is not None else default_db()


def _open_store(args):
    from game.net.store import Store, StoreError

    try:
        return Store(_db(args))
    except StoreError as e:
        fail(str(e))
        return None


def cmd_host(args) -> int:
    """Serve, or the subcommand named."""
    sub = getattr(args, "host_command", None)
    if sub == "new":
        return cmd_new(args)
    if sub == "list":
        return cmd_list(args)
    if sub == "export":
        return cmd_export(args)
    if sub == "codes":
        return cmd_codes(args)
    from game.net.server import HostError, run

    try:
        return run(host=args.host, port=args.port, db=args.db, cards=args.cards, workers=args.workers,
                   think=args.think)
    except HostError as e:
        return fail(str(e))


def cmd_new(args) -> int:
    from game.net.server import new_game
    from game.net.store import StoreError

    ai = _level(args.ai)
    if ai not in CONTROLLERS or ai == "human":
        return fail(f"--ai: expected one of random, easy, normal, hard; found {args.ai!r}")
    seminar = None
    if args.teams is not None:
        if args.seats is not None:
            return fail("--teams and --seats: name the teams (a seminar) or the seats (a game), not both")
        try:
            teams = parse_teams(args.teams)
        except ValueError as e:
            return fail(f"--teams: {e}")
        try:
            seconds = phase_seconds(args.phase)
        except ValueError as e:
            return fail(f"--phase: {e}")
        seats = {s: "human" if s in teams else ai for s in SEATS}
        turns = args.turns if args.turns is not None else DEFAULT_SEMINAR_TURNS
        seminar = Seminar(teams=teams, turns=turns, phase_seconds=seconds)
    else:
        try:
            seats = parse_seats(args.seats or "russia=human", ai)
        except SeatSpecError as e:
            return fail(f"--seats: {e}")
        if args.turns is not None:
            return fail("--turns: a game's length is the scenario's; --turns is for a seminar (with --teams)")
    rules = rules_from_args(args, args.scenario)
    if rules is None:
        return EXIT_USAGE
    if seminar is not None and seminar.turns is not None and not 1 <= seminar.turns <= rules.scenario.turns:
        return fail(f"--turns: expected from 1 to {rules.scenario.turns}, found {seminar.turns}")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    autostart = args.autostart if args.autostart is not None else seminar is None
    store = _open_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        row, codes = new_game(store, rules_for=lambda scenario: rules, scenario=args.scenario, seed=seed, seats=seats,
                              seminar=seminar, pace=args.pace, autostart=autostart)
    except StoreError as e:
        return fail(str(e))
    finally:
        store.close()
    print(describe_new(row, codes, args.url, _db(args)))
    return 0


def describe_new(row, codes: dict, url: str | None, db: Path) -> str:
    """What the host reads out after making a game."""
    from game.net.store import FACILITATOR_ROLE, PROJECTOR_ROLE, SEAT_ROLE

    kind = (f"a seminar of {row.seminar.turns} turns, {row.seminar.phase_seconds} s a phase"
            if row.seminar is not None else "a game")
    start = ("It starts when every human seat has joined." if row.autostart
             else "It waits in the lobby until the facilitator starts it.")
    lines = [f"Game {row.id} ({row.scenario}, seed {row.seed}, in {db}): {kind}. {start}",
             f"Join with: greatgame join {url or 'URL'} CODE"
             + ("" if url else "   (URL: this server's address, e.g. http://192.168.1.20:8765)"), ""]
    width = 34
    for role, code in codes.items():
        if role.startswith(SEAT_ROLE):
            seat = role[len(SEAT_ROLE):]
            team = row.seminar.team(seat) if row.seminar is not None else None
            label = f"{team} ({SEAT_NAMES[seat]})" if team else SEAT_NAMES[seat]
        elif role == FACILITATOR_ROLE:
            label = "Facilitator (sees everything)"
        elif role == PROJECTOR_ROLE:
            label = "Projector (the public board)"
        else:
            label = role
        lines.append(f"  {label:<{width}} {code}")
    others = [f"{s} {c.removeprefix('ai:')}" for s, c in row.seats.items() if c != "human"]
    if others:
        lines.append(f"  {'Computer seats':<{width}} {', '.join(others)}")
    lines += ["", "The codes are shown only now (the database keeps only their hashes); "
                  f"`greatgame host codes {row.id}` makes new ones and the old stop working."]
    return "\n".join(lines)


def cmd_list(args) -> int:
    store = _open_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        rows = store.games()
    finally:
        store.close()
    if not rows:
        print(f"No games in {_db(args)}. Make one with: greatgame host new --teams russia=Moscow")
        return 0
    print(f"{'game':>4}  {'status':<8}  {'moves':>5}  {'created':<19}  seats")
    for row in rows:
        seats = ", ".join(f"{s}={'team ' + row.seminar.team(s) if row.seminar and row.seminar.team(s) else c}"
                          for s, c in row.seats.items())
        status = row.status + (" (paused)" if row.paused and row.status == "playing" else "")
        print(f"{row.id:>4}  {status:<8}  {row.position:>5}  {row.created:<19}  {seats}")
    return 0


def cmd_export(args) -> int:
    from game.clients.args import is_stream, output_problem, write_output
    from game.net.store import StoreError, export

    problem = output_problem(args.output, [], args.force)
    if problem:
        return fail(problem)
    store = _open_store(args)
    if store is None:
        return EXIT_USAGE
    from game.rules.loader import DataError, load_rules

    try:
        text = export(store, args.game, lambda scenario: load_rules(scenario, args.cards))
    except StoreError as e:
        return fail(str(e))
    except DataError as e:
        return fail(f"game {args.game}: its cards do not load ({e.faults[0]})")
    finally:
        store.close()
    stream = is_stream(args.output)
    problem = write_output(args.output, text)
    if problem:
        return fail(problem)
    if not stream:
        print(f"wrote {args.output}: game {args.game} as a save (greatgame replay / report / branch read it)")
    return 0


def cmd_codes(args) -> int:
    from game.net.store import StoreError

    store = _open_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        row = store.game(args.game)
        codes = store.new_codes(args.game)
    except StoreError as e:
        return fail(str(e))
    finally:
        store.close()
    print(describe_new(row, codes, args.url, _db(args)).replace(
        f"Game {row.id}", f"New codes for game {row.id} (the old ones no longer work):", 1))
    return 0


def add_parsers(sub, parser_class, port_type, seed_type, positive_type, think_type) -> None:
    """``host`` and ``join`` on the ``greatgame`` command line (game.clients.cli)."""
    from game.net.server import DEFAULT_PORT
    from game.play.table import PACE_ORDER

    def db_option(p):
        p.add_argument("--db", type=Path, metavar="FILE",
                       help="the games database (default: saves/greatgame-host.sqlite)")

    host = sub.add_parser("host", help="run a game server: many screens, one game (see greatgame host new)")
    host.add_argument("--host", default="127.0.0.1",
                      help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: your network)")
    host.add_argument("--port", type=port_type, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    db_option(host)
    host.add_argument("--workers", type=_workers, default=2, metavar="N",
                      help="processes the computer seats think in (default 2)")
    host.add_argument("--think", type=think_type, default=1.0, metavar="SECONDS",
                      help="how long the hard AI thinks over each decision (default 1)")
    host_sub = host.add_subparsers(dest="host_command", parser_class=parser_class, metavar="{new,list,export,codes}")

    new = host_sub.add_parser("new", help="make a game and print its join codes")
    db_option(new)
    new.add_argument("--teams", metavar="SPEC", help="a seminar: the teams by seat, e.g. russia=Moscow,china=Beijing "
                                                     "(the other seats are computers)")
    new.add_argument("--seats", metavar="SPEC", help="a game: e.g. russia=human,turkey=human (the rest: --ai)")
    new.add_argument("--ai", default=DEFAULT_AI.removeprefix("ai:"), metavar="LEVEL",
                     help="the computer seats: random, easy, normal or hard (default normal)")
    new.add_argument("--turns", type=positive_type, help=f"a seminar's turns (default {DEFAULT_SEMINAR_TURNS})")
    new.add_argument("--phase", default=DEFAULT_PHASE, metavar="TIME",
                     help="a seminar team's time per phase: 2 (minutes), 1:30, 45s (default 2)")
    new.add_argument("--scenario", default="summer-2021", help="scenario id (default: summer-2021)")
    new.add_argument("--seed", type=seed_type, help="the game's seed (default: a random one, shown)")
    new.add_argument("--pace", choices=PACE_ORDER, default="normal",
                     help="how fast computer moves are shown (default normal)")
    new.add_argument("--autostart", action=argparse.BooleanOptionalAction, default=None,
                     help="start as soon as every human seat has joined (the default for a game; a seminar "
                          "waits in the lobby for the facilitator)")
    new.add_argument("--url", metavar="URL", help="the address players use, to print with the codes")

    lst = host_sub.add_parser("list", help="the games in the database")
    db_option(lst)

    exp = host_sub.add_parser("export", help="a game as an ordinary save (for replay, report, branch)")
    db_option(exp)
    exp.add_argument("game", type=positive_type, metavar="GAME", help="the game's number (greatgame host list)")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the save to write")
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists")

    codes = host_sub.add_parser("codes", help="new join codes for a game (the old ones stop working)")
    db_option(codes)
    codes.add_argument("game", type=positive_type, metavar="GAME")
    codes.add_argument("--url", metavar="URL", help="the address players use, to print with the codes")

    join = sub.add_parser("join", help="join a hosted game with its code")
    join.add_argument("url", metavar="URL", help="the server's address, e.g. http://192.168.1.20:8765")
    join.add_argument("code", metavar="CODE", help="your join code, e.g. K7QX-4M2P-ZT9D")
    join.add_argument("--text", action="store_true", help="play in plain text (numbered choices)")


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value <= 32:
        raise argparse.ArgumentTypeError(f"expected 0 to 32 processes, found {value}")
    return value


def cmd_join(args) -> int:
    """``greatgame join URL CODE``: the plain-text client here; the full-screen one is the TUI's."""
    if args.text:
        from game.clients.netplay import run_text_client

        return run_text_client(args)
    try:
        from game.tui.launch import join_tui
    except ImportError:
        return fail("join: the full-screen client is not here yet; use --text")
    return join_tui(args)

