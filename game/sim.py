"""Headless games in bulk: win rates, scores and lengths per seat, for balance and seminars."""

from __future__ import annotations

import time
from pathlib import Path

import attrs

from game.ai import decide
from game.cards import Rules
from game.model import SEATS
from game.rng import draw
from game.save import save_game
from game.session import Game

GAME_SEED_SALT = 0x51  # keeps game seeds apart from the run seed


def game_seed(run_seed: int, index: int) -> int:
    """The seed of game ``index`` in a run: spread out, so runs with nearby seeds differ."""
    return draw(run_seed ^ GAME_SEED_SALT, index, 2**31)


def play_out(game: Game) -> Game:
    """Let the AIs play ``game`` to its end. Every seat must be an AI or random."""
    while not game.over:
        controller = game.controller()
        decision = decide(controller, game.state, len(game.moves))
        game.play(decision.choice, decision.reason)
    return game


@attrs.define
class SimResult:
    games: int
    seed: int
    scenario: str
    seats: dict
    wins: list  # by seat, ties split
    scores: list  # summed VP by seat
    turns: int  # summed
    collapses: int
    seconds: float

    def as_json(self) -> dict:
        n = self.games
        return {
            "games": n,
            "seed": self.seed,
            "scenario": self.scenario,
            "seats": dict(self.seats),
            "win_rate": {s: round(self.wins[i] / n, 4) for i, s in enumerate(SEATS)},
            "mean_score": {s: round(self.scores[i] / n, 3) for i, s in enumerate(SEATS)},
            "mean_turns": round(self.turns / n, 3),
            "collapse_rate": round(self.collapses / n, 4),
            "games_per_second": round(n / self.seconds, 2) if self.seconds > 0 else None,
        }


def simulate(rules: Rules, games: int, seed: int, seats: dict, save_dir: Path | None = None) -> SimResult:
    result = SimResult(games, seed, rules.scenario.id, dict(seats), [0.0] * 5, [0] * 5, 0, 0, 0.0)
    start = time.perf_counter()
    for i in range(games):
        gseed = game_seed(seed, i)
        game = play_out(Game.start(rules, gseed, seats, keep_log=False))
        state = game.state
        for w in state.winners:
            result.wins[w] += 1 / len(state.winners)
        for s in range(5):
            result.scores[s] += state.vp[s]
        result.turns += state.turn
        result.collapses += state.collapsed is not None
        if save_dir is not None:
            save_game(game, Path(save_dir) / f"game-{i + 1:04d}-seed-{gseed}.yaml")
    result.seconds = time.perf_counter() - start
    return result
