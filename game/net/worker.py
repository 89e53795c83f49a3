"""The computer seats of hosted games, thought in worker processes.

The server never thinks on its event loop: it sends a job to a process pool (plain data: the
scenario, the seed, the number of turns and the moves so far, which *are* the position, the
engine being deterministic), and the worker replays those moves through the game's one door and
asks the computer player (game.ai.decide). The same idea as game.tui.aiproc, without a pipe of
our own and without Textual. The cards folder is the host's own, never a client's.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from game.rules import moves as M

_RULES: dict = {}  # this worker process's rules, by (scenario, cards folder, turns); a handful at most


@attrs.frozen
class Job:
    scenario: str
    cards: str
    turns: int | None
    seed: int
    moves: tuple  # of (text, reason): the game's moves so far
    controller: str
    salt: int
    think: float | None = None


def _rules(job: Job):
    from game.rules.loader import load_rules
    from game.play.seminar import Seminar, seminar_rules

    key = (job.scenario, job.cards, job.turns)
    if key not in _RULES:
        if len(_RULES) > 16:
            _RULES.clear()
        _RULES[key] = seminar_rules(load_rules(job.scenario, Path(job.cards)), Seminar(turns=job.turns))
    return _RULES[key]


def think(job: Job) -> tuple[tuple, str]:
    """(choice, reason) of ``job.controller`` in the position ``job.moves`` lead to."""
    from game.ai import decide
    from game.play.session import Game

    game = Game.start(_rules(job), job.seed, keep_log=False)
    for text, reason in job.moves:
        game.play(M.parse(text), reason)
    d = decide(job.controller, game.state, job.salt, job.think)
    return tuple(d.choice), d.reason


def watch_parent(parent: int, every: float = 1.0) -> None:
    """A worker's initializer: end this process when the server that started it has gone (a
    server killed with SIGKILL cannot stop its pool, and a worker would wait for jobs forever)."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="greatgame-parent-watch", daemon=True).start()


def warm() -> bool:
    """Import what thinking needs (a worker's first job is then as quick as the others)."""
    import game.ai  # noqa: F401
    import game.play.session  # noqa: F401

    return True
