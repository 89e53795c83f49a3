"""A plain-text game in the terminal: the board, your hand, numbered choices.

The stand-in client until the Textual TUI exists, and a way to play over any dumb terminal.
It sits at the same table as every other client (``game.play.table.Table``: turns, hot-seat
handovers, computer moves, autosave after every turn) and so moves the game through the same door.
"""

from __future__ import annotations

from pathlib import Path

from game.ai import answer as computer_answer
from game.words.log import country_name, describe, describe_choice, describe_pending
from game.rules.model import SEAT_NAMES, SEATS, TRACKS, date_of_turn
from game.play.save import SaveError, load_game
from game.play.session import Game
from game.play.table import Table
from game.play.observer import PUBLIC, readable_log

DEFAULT_SEATS = "russia=human"
SAVES_DIR = Path("saves")


def board(game: Game) -> str:
    s = game.state
    lines = [f"Turn {s.turn}/{game.rules.scenario.turns} ({date_of_turn(game.rules.scenario.start, s.turn)})  "
             + "  ".join(f"{t} {v}" for t, v in zip(TRACKS, s.tracks))
             + ("  (US withdrawn)" if s.withdrawn else "")]
    lines.append(f"{'state':<14}{'stab':>5}{'disc':>5}{'refg':>5}{'bord':>5}   influence R/T/C/US   bases")
    for i, c in enumerate(s.countries):
        border = "-" if c.border is None else c.border
        bases = ",".join(SEATS[p] for p in range(4) if c.bases[p]) or "-"
        lead = c.leader()
        lead_s = f"lead {SEATS[lead]}" if lead is not None else "contested"
        inf = "/".join(str(v) for v in c.influence)
        lines.append(f"{country_name(i):<14}{c.stability:>5}{c.discontent:>5}{c.refugees:>5}{border!s:>5}   "
                     f"{inf:<10}{lead_s:<14}{bases}")
    lines.append("VP: " + "  ".join(f"{SEAT_NAMES[x]} {v}" for x, v in zip(SEATS, s.vp)))
    return "\n".join(lines)


def viewer(game: Game):
    """Who reads this terminal: the one human seat, else the public (several people share it,
    or nobody plays). game.play.visibility says what that viewer may read."""
    people = [i for i, s in enumerate(SEATS) if game.seats[s] == "human"]
    return people[0] if len(people) == 1 else PUBLIC


def _print_new_log(game: Game, shown: int) -> int:
    """Print the log entries after the first ``shown`` that this terminal's reader may see
    (another seat's computer reason without the alternatives it weighed, which are cards in its
    hand); how many entries have been looked at now."""
    for entry in readable_log(game.log[shown:], viewer(game), game.seats, game.over):
        print(describe(entry, game.rules))
    return len(game.log)


def _save_in_game(table: Table, path: Path) -> bool:
    """Save during play, saying so in one line either way."""
    error = table.save_as(path)
    print(f"Saved to {path}." if error is None else f"Not saved: {error}; the game goes on, 's' tries again.")
    return error is None


def _save_target_problem(path: Path) -> str | None:
    """Why ``path`` cannot take the game's saves, checked before the game starts."""
    from game.clients.args import writable_folder

    if path.is_dir():
        return f"{path}: is a folder; name a file, e.g. {path / 'game.yaml'}"
    if path.exists() and not path.is_file():
        return f"{path}: is not a regular file"
    problem = writable_folder(path.parent)
    return problem and f"{path}: its folder {path.parent} {problem}"


def _answer(choices: int) -> int | str | None:
    """The player's answer: a choice's index, 's', 'q', 'eof' (no more input), or None for
    anything else. Only ASCII digits count ('²' passes str.isdigit() but is no number)."""
    try:
        answer = input("> ").strip().lower()
    except EOFError:
        return "eof"
    if answer in ("s", "q"):
        return answer
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= choices:
        return int(answer) - 1
    return None


def run_text_game(args) -> int:
    from game.clients.args import EXIT_FAULT, fail, game_from_args

    save_path = Path(args.save or SAVES_DIR / "latest.yaml")
    problem = _save_target_problem(save_path)
    if problem:
        return fail(f"--save {problem}" if args.save else problem)
    if args.load:
        try:
            game = load_game(args.load, args.cards)
        except SaveError as e:
            return fail(str(e))
    else:
        game = game_from_args(args, DEFAULT_SEATS)
        if isinstance(game, int):
            return game
    print(f"The New Great Game: {game.rules.scenario.title}, seed {game.seed}. "
          "Type a number to choose, 's' to save, 'q' to save and quit; saved after every turn to "
          f"{save_path}.")
    table = Table(game, autosave_to=save_path, pace="instant")
    think = getattr(args, "think", None)
    shown = 0
    while True:
        table.play_computers(lambda request: computer_answer(request, think))
        shown = _print_new_log(table.game, shown)
        for notice in table.take_notices():
            print(f"{notice}; the game goes on, 's' tries again.")
        if table.ended:
            break
        game = table.game
        if table.handoff_for is not None:  # hot-seat: the next team takes the keyboard first
            name = SEAT_NAMES[SEATS[table.handoff_for]]
            print(f"\nPass the keyboard to {name}; {name} presses Enter (other hands stay hidden).")
            if _answer(0) == "eof":
                return _stop(table, save_path)
            table.handed_over(table.handoff_for)
            continue
        print()
        print(board(game))
        hand = ", ".join(game.rules.cards[c].title for c in game.observe(game.state.seat_to_move, log=False).hand)
        print(f"Your hand: {hand}")
        print(describe_pending(game.state))
        choices = game.legal()
        for i, choice in enumerate(choices, 1):
            print(f"  {i:>2}. {describe_choice(game.state, choice)}")
        answer = _answer(len(choices))
        if answer == "eof":  # nobody left to answer: save and stop
            return _stop(table, save_path)
        if answer in ("s", "q"):
            if _save_in_game(table, save_path) and answer == "q":
                return 0
            continue
        if answer is None:
            print(f"Type a number from 1 to {len(choices)}, 's' or 'q'.")
            continue
        table.choose(choices[answer])
    if error := table.save_as(save_path):
        return fail(f"the game is over but {error}", EXIT_FAULT)
    print(f"Saved to {save_path}. Replay it with: greatgame replay {save_path}")
    return 0


def _stop(table: Table, save_path: Path) -> int:
    """No more input: save and stop."""
    from game.clients.args import EXIT_FAULT, fail

    if error := table.save_as(save_path):
        return fail(f"{error}, and there is no more input to try again", EXIT_FAULT)
    print(f"Saved to {save_path}.")
    return 0
