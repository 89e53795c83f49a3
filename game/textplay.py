"""A plain-text game in the terminal: the board, your hand, numbered choices.

The stand-in client until the Textual TUI exists, and a way to play over any dumb terminal.
It moves the game through the same ``legal choices -> apply`` door as every other client.
"""

from __future__ import annotations

from pathlib import Path

from game.ai import decide
from game.log import country_name, describe, describe_choice, describe_pending
from game.model import SEAT_NAMES, SEATS, TRACKS, date_of_turn
from game.save import SaveError, load_game, save_game
from game.session import Game

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


def run_text_game(args) -> int:
    from game.cli import _fail, game_from_args

    save_path = args.save or SAVES_DIR / "latest.yaml"
    if args.load:
        try:
            game = load_game(args.load, args.cards)
        except SaveError as e:
            return _fail(str(e))
    else:
        game = game_from_args(args, DEFAULT_SEATS)
        if isinstance(game, int):
            return game
    print(f"The New Great Game: {game.rules.scenario.title}, seed {game.seed}. "
          "Type a number to choose, 's' to save, 'q' to save and quit.")
    shown = 0
    while not game.over:
        for entry in game.log[shown:]:
            print(describe(entry, game.rules))
        shown = len(game.log)
        controller = game.controller()
        if controller != "human":
            decision = decide(controller, game.state, len(game.moves), think=getattr(args, "think", None))
            game.play(decision.choice, decision.reason)
            continue
        print()
        print(board(game))
        hand = ", ".join(game.rules.cards[c].title for c in game.state.hands[game.state.seat_to_move])
        print(f"Your hand: {hand}")
        print(describe_pending(game.state))
        choices = game.legal()
        for i, choice in enumerate(choices, 1):
            print(f"  {i:>2}. {describe_choice(game.state, choice)}")
        try:
            answer = input("> ").strip().lower()
        except EOFError:
            answer = "q"
        if answer in ("s", "q"):
            save_game(game, save_path)
            print(f"Saved to {save_path}.")
            if answer == "q":
                return 0
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(choices):
            print(f"Type a number from 1 to {len(choices)}, 's' or 'q'.")
            continue
        game.play(choices[int(answer) - 1])
    for entry in game.log[shown:]:
        print(describe(entry, game.rules))
    save_game(game, save_path)
    print(f"Saved to {save_path}. Replay it with: greatgame replay {save_path}")
    return 0


