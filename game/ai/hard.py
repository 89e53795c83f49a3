"""The hard AI: the normal AI's lookahead, one move further, over more imagined worlds.

For each legal choice, in each imagined world (its observation: game.play.observer,
game.ai.determinise), it follows the choice to its end as the normal AI does (game.ai.normal:
its own follow-up decisions and the answers on the way, each made greedily), then lets the next
seat make its card play as the normal AI would and follows that to its end, and scores the
board there with its ``Outlook``. So it sees the reply a move invites: a lead of one the next
seat takes back, an event its card hands a rival who moves next.

It replaced an information-set Monte Carlo tree search (random rollouts, 400 iterations a
decision), which today's normal AI beat: over 100 games of hard at one seat against a normal
field the search lifted the win rate 1.14 times (0.80 with the outlook at its leaves, 0.90 with
greedy rollouts); with normal's outlook this lifted it 1.31 times over 400 games, and as
Russia it won a little less than the field. Its ``Outlook`` trusts the income to come less
than normal's (0.6), since the rivals change the board before the later upkeeps: as a power
0.3 (``INCOME_WEIGHT``), as the Central Asian states 0.45 (``STATES_INCOME_WEIGHT``: their
stability, calm and balance are not taken away by a rival's card as a lead is). Over the same
400 games 0.3 at every seat lifted it 1.80 but won 17.3% as Central Asia against the field's
19.0%; 0.45 at every seat lifted 1.36 and won 26.0% there; the two together lift 1.89, ahead
of the field at every seat; on seeds 2 and 3, not seen while choosing, 1.83 and 1.79, and
pooled over the three 1.81, ahead at every seat (seed 2 alone had Turkey 2 points behind: noise
at 80 games a seat). A normal AI with 0.45 lifted 1.11 over 200 games, with 0.8 0.74. Counting
the next upkeep's income almost whole and each later one less (0.9, then 0.8 times the one
before) made it worse (1.01 over the first 120 games). Following its best three choices through
the whole round (every other seat's card play) and choosing among them by that did not help
(1.30 against 1.40 over the first 200 of those games), nor did 8 worlds a decision in batch
instead of 3 (1.17 over the same games) or scoring the mean of the line's end and the board
after the reply (1.29).

With a fixed number of worlds (batch runs) the move depends only on the position and the seed.
With a time budget (play) it adds worlds until the budget is spent, and where a second core is
free (``free_cores``) a forked helper imagines other worlds for the same time; the two sums are
added (root parallelism).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

from game.ai.determinise import Imagination
from game.ai.evaluate import Outlook
from game.ai.normal import _Line, explain, ordered
from game.play.observer import observe
from game.rules.engine import legal_choices, step
from game.rules.model import CENTRAL_ASIA, State
from game.words.log import short_choice

DEFAULT_WORLDS = 3
INCOME_WEIGHT = 0.3  # a power's income to come, against normal's 0.6: see income_weight
STATES_INCOME_WEIGHT = 0.45  # the Central Asian states' income to come
MERGE_SECONDS = 0.05  # of a time budget, kept for gathering the helper's sums


def income_weight(seat: int) -> float:
    """How far hard, playing ``seat``, trusts the income a board would score at the upkeeps to
    come. A power's income is leads and presence that each rival's next card can take away; the
    Central Asian states score for stable states, calm and no dominant power, which the powers
    rarely attack on purpose, so their income lasts better (see the docstring for the figures)."""
    return STATES_INCOME_WEIGHT if seat == CENTRAL_ASIA else INCOME_WEIGHT


class Weigher:
    """Sums each legal choice's value over imagined worlds; world ``k`` of a decision seeded
    ``seed`` is the same world in any process, so sums from two processes add up."""

    def __init__(self, state: State, seed: int, choices: list | None = None):
        self.seat = state.pending.seat
        self.seed = seed
        self.imagined = Imagination(observe(state, self.seat))  # what the seat may know, nothing else
        first = self.imagined.world(seed)
        self.outlook = Outlook(first, income_weight(self.seat))  # the board is public: any world gives the same outlook
        self.first = first
        self.choices = legal_choices(state) if choices is None else choices
        self.totals = [0.0] * len(self.choices)
        self.worlds = 0

    def add_world(self, k: int) -> None:
        world = self.first if k == 0 else self.imagined.world(self.seed + k)
        line = _Line(self.outlook, world)
        seat, values = self.seat, self.outlook.values
        for i, choice in enumerate(self.choices):
            after = world.clone()
            step(after, choice)
            self.totals[i] += values(line.reply(line.finish(after), seat))[seat]
        self.worlds += 1

    def ranked(self) -> list[tuple[float, tuple]]:
        """Every choice with its mean value, best first (ties told apart as the normal AI does)."""
        seat, outlook = self.seat, self.outlook

        def now(i: int) -> float:  # asked only for choices whose means tie: rare
            after = self.first.clone()
            step(after, self.choices[i])
            return outlook.values(after)[seat]

        return ordered(self.choices, [t / max(1, self.worlds) for t in self.totals], now)


def weigh(state: State, seed: int, worlds: list[int] | None = None, deadline: float | None = None,
          every: int = 1, start: int = 0, choices: list | None = None) -> Weigher:
    """A ``Weigher`` given the worlds listed, or (with ``deadline``) worlds ``start``,
    ``start + every``, ... until the deadline passes (at least one). ``choices`` saves asking
    for the legal choices again."""
    w = Weigher(state, seed, choices)
    if deadline is None:
        for k in worlds if worlds is not None else range(DEFAULT_WORLDS):
            w.add_world(k)
        return w
    k = start
    while True:
        w.add_world(k)
        k += every
        if time.perf_counter() >= deadline:
            return w


def _helper(conn, state: State, seed: int, deadline: float, choices: list | None) -> None:
    """A helper process's whole life: the odd worlds until ``deadline``, its sums sent back."""
    try:
        w = weigh(state, seed, deadline=deadline, every=2, start=1, choices=choices)
        conn.send((w.worlds, w.totals))
    finally:
        conn.close()


def free_cores() -> int:
    """How many processes a timed decision may use here: one more than this one where the
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


def parallel_weigh(state: State, seed: int, seconds: float, choices: list | None = None) -> Weigher:
    """This process weighs the even worlds and a forked helper the odd ones, both until the
    budget is spent; the helper's sums are added in. A helper that has not answered shortly
    after the budget is left out."""
    ctx = multiprocessing.get_context("fork")
    deadline = time.perf_counter() + seconds - MERGE_SECONDS
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_helper, args=(send, state, seed, deadline, choices), daemon=True)
    proc.start()
    send.close()
    w = weigh(state, seed, deadline=deadline, every=2, start=0, choices=choices)
    try:
        if receive.poll(max(0.25, deadline - time.perf_counter() + 0.25)):
            worlds, totals = receive.recv()
            w.worlds += worlds
            w.totals = [a + b for a, b in zip(w.totals, totals)]
    except (EOFError, OSError):
        pass  # a helper that died leaves this process's own worlds
    finally:
        receive.close()
        proc.join(0.5)
        if proc.is_alive():
            proc.terminate()
            proc.join()
    return w


def decide_hard(state: State, seed: int, worlds: int = DEFAULT_WORLDS, seconds: float | None = None,
                processes: int | None = None) -> tuple[tuple, str]:
    """Hard's move. With a fixed number of worlds it thinks in this process alone (batch runs
    parallelise over games); with a time budget it uses a second process where one is free,
    unless ``processes`` says how many."""
    choices = legal_choices(state)
    if len(choices) == 1:
        return choices[0], f"{short_choice(state, choices[0])} (the only choice)"
    if seconds is None:
        processes = 1
        w = weigh(state, seed, list(range(worlds)), choices=choices)
    else:
        processes = free_cores() if processes is None else processes
        if processes > 1:
            w = parallel_weigh(state, seed, seconds, choices)
        else:
            w = weigh(state, seed, deadline=time.perf_counter() + seconds, choices=choices)
    ranked = w.ranked()
    where = f", {processes} processes" if processes > 1 else ""
    return ranked[0][1], explain(state, ranked, note=f", {w.worlds} worlds{where}")
