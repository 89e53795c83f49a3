"""App factories with fixed inputs for pilot and snapshot tests.

Every app here: a fixed seed source, an empty saves folder of the test's own, AI moves shown
at once (pace 'instant'), no AI process, no animation. Computer seats are 'random' (or easy)
so the pictures do not move while the AI is being tuned.
"""

from __future__ import annotations

from pathlib import Path

import asyncio

import pytest
from textual.worker import WorkerCancelled

from game.ai import decide
from game.rules.loader import load_rules
from game.rules.model import SEATS
from game.play.session import Game

RANDOM = {s: "random" for s in SEATS}


def seats(**humans) -> dict:
    out = dict(RANDOM)
    out.update({k: v for k, v in humans.items()})
    return out


def make_app(saves_dir: Path, game=None, **kwargs):
    from game.tui.app import GreatGameApp

    options = dict(saves_dir=saves_dir, game=game, pace="instant", ai_process=False, animate=False,
                   seed_source=lambda: 20210815)
    options.update(kwargs)
    return GreatGameApp(**options)


def game_with_offer(rules, seed: int = 3) -> Game:
    """A game (Central Asia human, the rest random) played on by random choices until an offer
    waits for the Central Asian seat."""
    for s in range(seed, seed + 200):
        game = Game.start(rules, s, seats(central_asia="human"))
        while not game.over:
            p = game.state.pending
            if p.kind == "offer":
                return game
            d = decide("random", game.state, len(game.moves))
            game.play(d.choice, None if game.controller() == "human" else d.reason)
    raise AssertionError("no offer in 200 random games")


@pytest.fixture(scope="session")
def tui_rules():
    return load_rules("summer-2021")


async def _workers_done(app) -> None:
    """Like ``app.workers.wait_for_complete()``, but a worker cancelled on the way (an exclusive
    AI worker replaced by a newer one, as happens on a loaded machine) is not a failure: the
    newer worker is awaited in the next round. A worker that failed still fails the test."""
    results = await asyncio.gather(*(w.wait() for w in list(app.workers)), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
            raise result


async def settle(pilot, rounds: int = 40) -> None:
    """Let AI workers and reveals finish: until a human must decide or a dialog is up."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await _workers_done(app)
        await pilot.pause()
        game = app.game
        if game is None or game.over:
            return
        if game.controller() == "human" and app.table.thinking is None and not app.table.move_decided:
            return
        if app.table.summary_turn is not None:  # the turn's summary waits to be read
            return
