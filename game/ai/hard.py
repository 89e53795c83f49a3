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
import multiprocessing
import os
import random
import threading
import time

from game.ai.determinise import Imagination
from game.ai.evaluate import values
from game.rules.engine import legal_choices, step
from game.words.log import short_choice
from game.rules.model import SEATS, State
from game.rules.moves import PLAY
from game.play.observer import ALTERNATIVES, observe

EXPLORATION = 0.7
ROLLOUT_STEPS = 12  # at most: short rollouts ending in the evaluation beat long random ones
FULL_ROLLOUTS = False  # True: always ROLLOUT_STEPS steps, across card plays (the old way)
VALUE_SCALE = 0.1  # evaluations are in VP; UCB wants roughly -1..1
DEFAULT_ITERATIONS = 400
MERGE_SECONDS = 0.015  # of a time budget, kept for gathering the helpers' statistics
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


def _iterate(root: Node, imagined: Imagination, rng: random.Random, rollout_steps: int = ROLLOUT_STEPS) -> None:
    state = imagined.world_from(rng)
    rand = rng.random
    node = root
    path = [root]
    # Selection and expansion.
    while not state.over:
        choices = legal_choices(state)
        children = node.children
        untried = [c for c in choices if c not in children]
        if untried:
            choice = untried[int(rand() * len(untried))]
            for c in choices:
                child = children.get(c)
                if child is not None:
                    child.available += 1
            child = children[choice] = Node()
            child.available = 1
            step(state, choice)
            path.append(child)
            break
        choice = _select(node, choices, state.pending.seat)
        node = children[choice]
        step(state, choice)
        path.append(node)
    # Rollout: random choices until the move under way is finished (the next card play, or
    # the end), at most ``rollout_steps``; the evaluation then scores a board on which no
    # operations points hang unspent and no event waits for its target.
    k = 0
    while k < rollout_steps and not state.over and (FULL_ROLLOUTS or state.pending.kind != PLAY):
        choices = legal_choices(state)
        step(state, choices[int(rand() * len(choices))])
        k += 1
    result = values(state)
    # Backpropagation: each node keeps every seat's total; its parent's mover reads its own.
    for n in path:
        n.visits += 1
        totals = n.totals
        for s in range(_N):
            totals[s] += result[s] * VALUE_SCALE


def search(state: State, seed: int, iterations: int | None = DEFAULT_ITERATIONS,
           seconds: float | None = None) -> tuple[Node, int]:
    """Run the search from ``state`` for its seat to move; returns the root and the iterations run.

    The search's chance (the imagined worlds, the expansion and the rollouts) comes from one
    generator seeded with ``seed``, so a fixed number of iterations gives the same tree on any
    machine under any load; a time budget only decides how many iterations there are."""
    seat = state.pending.seat
    imagined = Imagination(observe(state, seat))  # the search sees the game only through this
    rng = random.Random(seed)
    root = Node()
    deadline = None if seconds is None else time.perf_counter() + seconds
    done = 0
    while True:
        if iterations is not None and done >= iterations:
            break
        if deadline is not None and done % 8 == 0 and time.perf_counter() >= deadline and done > 0:
            break
        _iterate(root, imagined, rng, ROLLOUT_STEPS)
        done += 1
    return root, done


def _root_statistics(root: Node) -> list[tuple[tuple, int, list[float]]]:
    """The root's children as plain data: (choice, visits, totals by seat)."""
    return [(choice, child.visits, child.totals[:]) for choice, child in root.children.items()]


def _helper(conn, state: State, seed: int, iterations: int | None, deadline: float | None) -> None:
    """A helper process's whole life: one search (until ``deadline`` on the monotonic clock,
    which a forked child shares), its root sent back through ``conn``."""
    try:
        seconds = None if deadline is None else max(0.001, deadline - time.perf_counter())
        root, done = search(state, seed, iterations, seconds)
        conn.send((done, _root_statistics(root)))
    finally:
        conn.close()


def helper_seed(seed: int, worker: int) -> int:
    """The seed of helper ``worker`` (1, 2, ...) of a search seeded ``seed``: other worlds."""
    return random.Random(seed * 1_000_003 + worker).getrandbits(62)


def free_cores() -> int:
    """How many processes a timed search may use here: one more than this one where the
    machine has a second core that looks idle (load average below the cores less one), this
    process may fork (not a daemon, such as a worker of a process pool, which may not have
    children) and forking is safe (no other thread: a thread's held lock would stay locked in
    the child). ``GG_AI_PROCESSES`` overrides (1 or 2)."""
    forced = os.environ.get("GG_AI_PROCESSES")
    if forced in ("1", "2"):
        wanted = int(forced)
    else:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cores = os.cpu_count() or 1
        try:
            load = os.getloadavg()[0]
        except OSError:  # pragma: no cover
            load = float(cores)
        wanted = 2 if cores >= 2 and load <= cores - 1 else 1
    if wanted < 2:
        return 1
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return 1
    return 2


def parallel_search(state: State, seed: int, iterations: int | None = DEFAULT_ITERATIONS,
                    seconds: float | None = None, processes: int = 2) -> tuple[dict, int]:
    """Root-parallel search: ``processes - 1`` forked helpers each search their own worlds
    (seeds from ``helper_seed``) while this process searches with ``seed``; the roots' visits
    and totals are summed. Returns ({choice: [visits, totals]}, iterations run in all).

    With a fixed number of iterations (split between the processes) the result depends only
    on the position, the seed and ``processes``, never on the machine's load. With a time
    budget, a helper that has not answered shortly after the budget is left out."""
    ctx = multiprocessing.get_context("fork")
    deadline = None if seconds is None else time.perf_counter() + seconds - MERGE_SECONDS
    helpers = []
    share = None if iterations is None else -(-iterations // processes)
    for worker in range(1, processes):
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_helper, args=(send, state, helper_seed(seed, worker), share, deadline),
                           daemon=True)
        proc.start()
        send.close()
        helpers.append((proc, receive))
    own = None if iterations is None else iterations - share * (processes - 1)
    root, done = search(state, seed, own, None if deadline is None else max(0.001, deadline - time.perf_counter()))
    merged = {choice: [visits, totals] for choice, visits, totals in _root_statistics(root)}
    for proc, receive in helpers:
        wait = None if seconds is None else 0.25  # the helper stops at the same deadline
        try:
            if receive.poll(wait):
                their_done, stats = receive.recv()
                done += their_done
                for choice, visits, totals in stats:
                    mine = merged.get(choice)
                    if mine is None:
                        merged[choice] = [visits, totals]
                    else:
                        mine[0] += visits
                        mine[1] = [a + b for a, b in zip(mine[1], totals)]
        except (EOFError, OSError):
            pass  # a helper that died leaves this process's own search
        finally:
            receive.close()
            proc.join(0.5)
            if proc.is_alive():
                proc.terminate()
                proc.join()
    return merged, done


def decide_hard(state: State, seed: int, iterations: int | None = DEFAULT_ITERATIONS,
                seconds: float | None = None, processes: int | None = None) -> tuple[tuple, str]:
    """Hard's move. With a fixed number of iterations it searches in this process alone (batch
    runs parallelise over games, and the move depends only on the position and the seed);
    with a time budget it uses a second process where one is free (``free_cores``), unless
    ``processes`` says how many."""
    choices = legal_choices(state)
    if len(choices) == 1:
        return choices[0], f"{short_choice(state, choices[0])} (the only choice)"
    seat = state.pending.seat
    if processes is None:
        processes = 1 if seconds is None else free_cores()
    if processes > 1:
        stats, done = parallel_search(state, seed, iterations, seconds, processes)
    else:
        root, done = search(state, seed, iterations, seconds)
        stats = {choice: [child.visits, child.totals] for choice, child in root.children.items()}
    ranked = sorted(
        ((visits, totals[seat] / max(1, visits), choice) for choice, (visits, totals) in stats.items()
         if choice in choices),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    visits, mean, choice = ranked[0]
    where = f", {processes} processes" if processes > 1 else ""
    reason = f"{short_choice(state, choice)} (value {mean / VALUE_SCALE:+.2f}, {visits}/{done} visits{where})"
    others = [f"{short_choice(state, c)} {m / VALUE_SCALE:+.2f}" for _, m, c in ranked[1:3]]
    if others:
        reason += ALTERNATIVES + ", ".join(others)  # read by this seat alone (game.play.observer)
    return choice, reason
