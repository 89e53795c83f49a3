"""The hard AI: information-set Monte Carlo tree search.

Each iteration imagines one world from what the seat may know (its observation: game.play.observer,
game.ai.determinise), walks the shared tree by UCB, choosing for whichever seat is to move by
that seat's own value, adds one node, plays a short random rollout, and scores the end with
every seat's evaluation. A choice that was not possible in an imagined world is simply not
considered there; its statistics count how often it was available (single-observer ISMCTS,
Cowling et al. 2012).
"""

from __future__ import annotations

import math
import time

from game.ai.determinise import Imagination
from game.ai.evaluate import values
from game.rules.engine import legal_choices, step
from game.words.log import short_choice
from game.rules.model import SEATS, State
from game.rules.rng import draw
from game.play.observer import ALTERNATIVES, observe

EXPLORATION = 0.7
ROLLOUT_STEPS = 24  # short rollouts ending in the evaluation beat long random ones
VALUE_SCALE = 0.1  # evaluations are in VP; UCB wants roughly -1..1
DEFAULT_ITERATIONS = 400
_N = len(SEATS)


class Node:
    __slots__ = ("children", "visits", "available", "totals")

    def __init__(self):
        self.children: dict = {}
        self.visits = 0
        self.available = 0
        self.totals = [0.0] * _N


def _select(node: Node, choices: list, mover: int) -> tuple:
    best, best_score = None, -math.inf
    for choice in choices:
        child = node.children[choice]
        child.available += 1
        score = child.totals[mover] / child.visits + EXPLORATION * math.sqrt(math.log(max(1, child.available)) / child.visits)
        if score > best_score:
            best, best_score = choice, score
    return best


def _iterate(root: Node, imagined: Imagination, seed: int, index: int) -> None:
    state = imagined.world(draw(seed, index, 2**62))
    node = root
    path = [root]
    # Selection and expansion.
    while not state.over:
        choices = legal_choices(state)
        untried = [c for c in choices if c not in node.children]
        if untried:
            choice = untried[draw(seed, index * 7919 + 1, len(untried))]
            for c in choices:
                if c in node.children:
                    node.children[c].available += 1
            child = node.children[choice] = Node()
            child.available = 1
            step(state, choice)
            path.append(child)
            break
        choice = _select(node, choices, state.pending.seat)
        node = node.children[choice]
        step(state, choice)
        path.append(node)
    # Rollout.
    k = 0
    while not state.over and k < ROLLOUT_STEPS:
        choices = legal_choices(state)
        step(state, choices[draw(seed, index * 104729 + k, len(choices))])
        k += 1
    result = [v * VALUE_SCALE for v in values(state)]
    # Backpropagation: each node keeps every seat's total; its parent's mover reads its own.
    for n in path:
        n.visits += 1
        totals = n.totals
        for s in range(_N):
            totals[s] += result[s]


def search(state: State, seed: int, iterations: int | None = DEFAULT_ITERATIONS,
           seconds: float | None = None) -> tuple[Node, int]:
    """Run the search from ``state`` for its seat to move; returns the root and the iterations run."""
    seat = state.pending.seat
    imagined = Imagination(observe(state, seat))  # the search sees the game only through this
    root = Node()
    deadline = None if seconds is None else time.perf_counter() + seconds
    done = 0
    while True:
        if iterations is not None and done >= iterations:
            break
        if deadline is not None and done % 8 == 0 and time.perf_counter() >= deadline and done > 0:
            break
        _iterate(root, imagined, seed, done)
        done += 1
    return root, done


def decide_hard(state: State, seed: int, iterations: int | None = DEFAULT_ITERATIONS,
                seconds: float | None = None) -> tuple[tuple, str]:
    choices = legal_choices(state)
    if len(choices) == 1:
        return choices[0], f"{short_choice(state, choices[0])} (the only choice)"
    seat = state.pending.seat
    root, done = search(state, seed, iterations, seconds)
    ranked = sorted(
        ((child.visits, child.totals[seat] / max(1, child.visits), choice) for choice, child in root.children.items()
         if choice in choices),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    visits, mean, choice = ranked[0]
    reason = f"{short_choice(state, choice)} (value {mean / VALUE_SCALE:+.2f}, {visits}/{done} visits)"
    others = [f"{short_choice(state, c)} {m / VALUE_SCALE:+.2f}" for _, m, c in ranked[1:3]]
    if others:
        reason += ALTERNATIVES + ", ".join(others)  # read by this seat alone (game.play.observer)
    return choice, reason
