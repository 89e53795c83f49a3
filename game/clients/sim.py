"""Headless games in bulk: win rates, scores and lengths per seat, for balance and seminars.

Every game of a run has its own seed derived from the run's seed and its index, so games are
independent: ``--jobs J`` plays them in J processes and, adding results up in game order,
reports exactly what one process would. Tasks are made one at a time as the processes ask for
them and outcomes are added up as they arrive, so a run's memory does not grow with its length.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

import attrs

from game.ai import answer
from game.play.table import Table
from game.rules.loader import CARDS_DIR, load_rules
from game.rules.model import SEATS
from game.rules.rng import draw
from game.play.save import save_game
from game.play.session import Game

GAME_SEED_SALT = 0x51  # keeps game seeds apart from the run seed
MAX_GAMES = 10_000_000  # more would run for days even at --jobs 64; almost surely a typo
MAX_JOBS = 64  # one process per core on any workstation; beyond that only load, no speed


class SaveWriteError(Exception):
    """A game's save could not be written; one line: FILE: cannot be written (reason)."""


def game_seed(run_seed: int, index: int) -> int:
    """The seed of game ``index`` in a run: spread out, so runs with nearby seeds differ."""
    return draw(run_seed ^ GAME_SEED_SALT, index, 2**31)


def play_out(game: Game) -> Game:
    """Let the AIs play ``game`` to its end, at a table with no pace. Every seat must be an
    AI or random."""
    Table(game, pace="instant").play_computers(answer)
    return game


@attrs.frozen
class Task:
    scenario: str
    cards_dir: str
    seed: int
    seats: tuple  # controllers by seat
    save_path: str | None = None


@attrs.frozen
class Outcome:
    winners: tuple
    vp: tuple
    turns: int
    collapsed: bool


@functools.lru_cache(maxsize=4)
def _rules(scenario: str, cards_dir: str):
    return load_rules(scenario, Path(cards_dir))


def play_task(task: Task) -> Outcome:
    """One game, from plain data (so it can run in another process)."""
    rules = _rules(task.scenario, task.cards_dir)
    seats = dict(zip(SEATS, task.seats))
    game = play_out(Game.start(rules, task.seed, seats, keep_log=task.save_path is not None))
    if task.save_path is not None:
        try:
            save_game(game, Path(task.save_path))
        except OSError as e:  # a plain message, so it crosses back from a worker process intact
            raise SaveWriteError(f"{task.save_path}: cannot be written ({e.strerror or e})") from None
    state = game.state
    return Outcome(state.winners, tuple(state.vp), state.turn, state.collapsed is not None)


def chunk_size(total: int, jobs: int) -> int:
    """Tasks sent to a process at once: few round trips, yet at least ~16 chunks per process so
    they finish together."""
    return max(1, min(32, total // (jobs * 16)))


def run_tasks(tasks: Iterable[Task], total: int, jobs: int = 1,
              progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """Play ``total`` tasks, in ``jobs`` processes; outcomes come back one by one in task order.

    ``tasks`` is read lazily (Pool.imap pulls it only as fast as the processes drain it), so a
    generator keeps memory flat however many games are asked for.
    """
    done = 0
    if jobs <= 1 or total <= 1:
        for task in tasks:
            yield play_task(task)
            done += 1
            if progress:
                progress(done, total)
        return
    processes = min(jobs, MAX_JOBS, total)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for outcome in pool.imap(play_task, tasks, chunksize=chunk_size(total, processes)):
            yield outcome
            done += 1
            if progress:
                progress(done, total)


@attrs.define
class Tally:
    """Results of a set of games, added up in game order."""

    games: int = 0
    wins: list = attrs.Factory(lambda: [0.0] * 5)  # by seat, ties split
    scores: list = attrs.Factory(lambda: [0] * 5)
    turns: int = 0
    collapses: int = 0

    def add(self, outcome: Outcome) -> None:
        self.games += 1
        for w in outcome.winners:
            self.wins[w] += 1 / len(outcome.winners)
        for s in range(5):
            self.scores[s] += outcome.vp[s]
        self.turns += outcome.turns
        self.collapses += outcome.collapsed

    def win_rate(self) -> dict:
        return {s: round(self.wins[i] / self.games, 4) if self.games else 0.0 for i, s in enumerate(SEATS)}


@attrs.define
class SimResult:
    seed: int
    scenario: str
    seats: dict
    tally: Tally
    seconds: float

    def as_json(self) -> dict:
        t = self.tally
        n = t.games
        return {
            "games": n,
            "seed": self.seed,
            "scenario": self.scenario,
            "seats": dict(self.seats),
            "win_rate": t.win_rate(),
            "mean_score": {s: round(t.scores[i] / n, 3) for i, s in enumerate(SEATS)},
            "mean_turns": round(t.turns / n, 3),
            "collapse_rate": round(t.collapses / n, 4),
            "games_per_second": round(n / self.seconds, 2) if self.seconds > 0 else None,
        }


def _tasks(scenario: str, cards_dir: Path, seed: int, games: int, seats_of: Callable[[int], tuple],
           save_dir: Path | None, prefix: str = "game") -> Iterator[Task]:
    """The run's games one at a time (a generator: a list of millions would not fit)."""
    for i in range(games):
        gseed = game_seed(seed, i)
        path = None if save_dir is None else str(Path(save_dir) / f"{prefix}-{i + 1:04d}-seed-{gseed}.yaml")
        yield Task(scenario, str(cards_dir), gseed, seats_of(i), path)


def simulate(rules_or_scenario, games: int, seed: int, seats: dict, save_dir: Path | None = None,
             jobs: int = 1, progress=None, cards_dir: Path = CARDS_DIR) -> SimResult:
    scenario = getattr(getattr(rules_or_scenario, "scenario", None), "id", rules_or_scenario)
    controllers = tuple(seats[s] for s in SEATS)
    tasks = _tasks(scenario, cards_dir, seed, games, lambda i: controllers, save_dir)
    start = time.perf_counter()
    tally = Tally()
    for outcome in run_tasks(tasks, games, jobs, progress):
        tally.add(outcome)
    return SimResult(seed, scenario, dict(seats), tally, time.perf_counter() - start)


@attrs.define
class Challenge:
    """A challenger level at each seat in turn against a field, beside the all-field baseline."""

    seed: int
    scenario: str
    challenger: str
    field: str
    per_seat: list  # Tally of the games with the challenger at each seat
    baseline: Tally  # all-field games with the same seeds
    seconds: float

    def challenger_rate(self) -> dict:
        return {s: round(t.wins[i] / t.games, 4) if t.games else 0.0 for i, (s, t) in enumerate(zip(SEATS, self.per_seat))}

    def lift(self) -> float:
        """The challenger's win rate over the field's at the same seat, averaged over seats.

        Each rate is smoothed by half a win in one extra game, so a seat the field never wins
        gives a large but finite ratio.
        """
        ratios = []
        for i, tally in enumerate(self.per_seat):
            challenger = (tally.wins[i] + 0.5) / (tally.games + 1)
            baseline = (self.baseline.wins[i] + 0.5) / (self.baseline.games + 1)
            ratios.append(challenger / baseline)
        return round(sum(ratios) / len(ratios), 3)

    def as_json(self) -> dict:
        games = sum(t.games for t in self.per_seat)
        return {
            "games": games,
            "seed": self.seed,
            "scenario": self.scenario,
            "challenger": {"level": self.challenger, "win_rate": self.challenger_rate()},
            "baseline": {"level": self.field, "win_rate": self.baseline.win_rate(), "games": self.baseline.games,
                         "collapse_rate": round(self.baseline.collapses / max(1, self.baseline.games), 4)},
            "lift": self.lift(),
            "games_per_second": round((games + self.baseline.games) / self.seconds, 2) if self.seconds > 0 else None,
        }


def challenge(scenario: str, games: int, seed: int, challenger: str, field: str, jobs: int = 1,
              progress=None, cards_dir: Path = CARDS_DIR, save_dir: Path | None = None) -> Challenge:
    """``games`` games with the challenger seated at each seat in turn (game i at seat i mod 5),
    and ``games`` all-field games on the same seeds as the baseline."""

    def seated(i: int) -> tuple:
        return tuple(challenger if s == i % len(SEATS) else field for s in range(len(SEATS)))

    tasks = itertools.chain(_tasks(scenario, cards_dir, seed, games, seated, save_dir, "challenge"),
                            _tasks(scenario, cards_dir, seed, games, lambda i: (field,) * len(SEATS), save_dir,
                                   "baseline"))
    start = time.perf_counter()
    per_seat = [Tally() for _ in SEATS]
    baseline = Tally()
    for i, outcome in enumerate(run_tasks(tasks, 2 * games, jobs, progress)):
        if i < games:
            per_seat[i % len(SEATS)].add(outcome)
        else:
            baseline.add(outcome)
    return Challenge(seed, scenario, challenger, field, per_seat, baseline, time.perf_counter() - start)
