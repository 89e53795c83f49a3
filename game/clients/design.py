"""A measure of a living game: what all-normal games look like at their end and on the way there.

``python -m game.bench --design`` plays N games with the normal AI at every seat (the same game
seeds as ``greatgame simulate``, so ``--jobs`` changes nothing but the time) and reports:

- tie_share: of the normal AI's decisions with a choice (two or more legal moves), the share
  whose best and next-best values are exactly equal (the pick then rests on list order alone);
- two_at_cap_mean: states with two or more powers at the influence cap at the end, per game;
- track_at_max: per track, the share of final states with the track at its maximum;
- late_lead_changes_mean: changes of who leads each state (strictly the most influence, or
  nobody on a tie) from the end of one turn to the end of the next, summed over the five states,
  in the last third of the game's turns, per game;
- vp_leader_late_change: the share of games whose VP lead changes hands in the last three
  turns: none of the seats with the most VP at the end of turn T-3 (ties: all of them) has the
  most at the game's end (turn T). vp_leader_late_any_change, looser, is the share in which the
  set of seats with the most VP differs at any turn end from the one before in those turns
  (a tie made or broken counts, and so does a lead lost and won back);
- cards: how often each card was played for its event, for ops, and shelved unplayed;
- collapse_rate: the share of games a collapse ended;
- win_rate and mean_vp by seat (ties split), the same figures as ``greatgame simulate`` gives
  for these games, so one run serves the design table and the balance table.

Positions at the end of each turn are read back from the game's log (each influence and VP
change is logged with its size), so nothing in the rules or the AI is touched to measure them.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

import attrs

from game.ai import answer, decide_ranked
from game.clients.sim import MAX_JOBS, Task, _rules, chunk_size, game_seed
from game.play.session import Game
from game.play.table import AIRequest, Table
from game.rules.loader import CARDS_DIR
from game.rules.model import INFLUENCE_MAX, SEATS, TRACK_MAX, TRACKS, State
from game.rules.moves import PLAY

NORMAL = "ai:normal"
LATE_VP_TURNS = 3

# Targets for 1,000 all-normal games (issue 11).
TWO_AT_CAP_TARGET = 0.5  # at most, on average
TRACK_AT_MAX_TARGET = 0.25  # at most, for each track...
GOAL_TRACKS: tuple = ()  # ...but a track whose maximum a seat plays for (none score at 10 today)
VP_LEADER_LATE_TARGET = 0.30  # at least


# --- the figures, each from plain data -------------------------------------------------------

def tied(ranked: list) -> bool:
    """Whether the best and next-best values of a ranked (value, choice) list are equal."""
    return len(ranked) >= 2 and ranked[0][0] == ranked[1][0]


def states_two_at_cap(state: State) -> int:
    """States where two or more powers hold the influence cap."""
    return sum(1 for c in state.countries if c.influence.count(INFLUENCE_MAX) >= 2)


def tracks_at_max(state: State) -> tuple:
    return tuple(v >= TRACK_MAX for v in state.tracks)


def vp_leaders(vp) -> frozenset:
    """The seats with the most VP (more than one on a tie)."""
    best = max(vp)
    return frozenset(i for i, v in enumerate(vp) if v == best)


def influence_leader(influence) -> int | None:
    """Who leads a state: the power with strictly the most influence (at least 1), as the rules say."""
    best = max(influence)
    return None if best <= 0 or influence.count(best) > 1 else influence.index(best)


def late_turns(turns: int) -> int:
    """How many turns make the last third of a game of ``turns`` turns (at least one)."""
    return max(1, round(turns / 3))


def changes(sequence: list, last: int) -> int:
    """How often consecutive items differ among the last ``last`` steps of ``sequence``."""
    start = max(1, len(sequence) - last)
    return sum(1 for i in range(start, len(sequence)) if sequence[i] != sequence[i - 1])


def turn_ends(state: State, log: list) -> tuple[list, list]:
    """Influence (by state, by power) and VP (by seat) at the end of each turn, read back from
    the log: index t is the end of turn t (0: the setup), the last is the game's end.

    Walks the log backwards from the final position, undoing each logged change; a ("turn", n)
    line is written as turn n starts, so the position there is the end of turn n-1.
    """
    influence = [c.influence[:] for c in state.countries]
    vp = list(state.vp)
    inf_ends, vp_ends = [[row[:] for row in influence]], [vp[:]]
    for entry in reversed(log):
        kind = entry[0]
        if kind == "influence":
            _, power, country, old, _new = entry
            influence[country][power] = old
        elif kind == "vp":
            vp[entry[1]] -= entry[2]
        elif kind == "turn":
            inf_ends.append([row[:] for row in influence])
            vp_ends.append(vp[:])
    inf_ends.reverse()
    vp_ends.reverse()
    return inf_ends, vp_ends


def late_lead_changes(inf_ends: list) -> int:
    """Changes of each state's leader from turn end to turn end in the game's last third."""
    turns = len(inf_ends) - 1
    last = late_turns(turns)
    total = 0
    for country in range(len(inf_ends[0])):
        leaders = [influence_leader(ends[country]) for ends in inf_ends]
        total += changes(leaders, last)
    return total


def vp_lead_changed_hands(vp_ends: list, last: int = LATE_VP_TURNS) -> bool:
    """Whether none of the leaders ``last`` turn ends before the end leads at the end."""
    return not (vp_leaders(vp_ends[max(0, len(vp_ends) - 1 - last)]) & vp_leaders(vp_ends[-1]))


def vp_leaders_changed(vp_ends: list, last: int = LATE_VP_TURNS) -> bool:
    """Whether the set of VP leaders changes at any of the last ``last`` turn ends."""
    return changes([vp_leaders(v) for v in vp_ends], last) > 0


# --- one game ---------------------------------------------------------------------------------

@attrs.frozen
class GameFigures:
    decisions: int  # the normal AI's decisions with two or more legal choices
    ties: int
    ties_by_kind: tuple  # (pending kind, decisions, ties)
    two_at_cap: int
    at_max: tuple  # by track
    late_lead_changes: int
    vp_leader_late: bool  # the lead changed hands
    vp_leaders_late: bool  # the leaders changed at all
    plays: tuple  # (card, "event", "ops" or "shelve") in the order played
    collapsed: bool
    turns: int
    winners: tuple = ()
    vp: tuple = ()


def figures_of(game: Game, decisions: list) -> GameFigures:
    """The figures of a finished game with its log; ``decisions`` holds (pending kind, tied)
    for each normal decision that had a choice."""
    state = game.state
    inf_ends, vp_ends = turn_ends(state, game.log)
    kinds: dict = {}
    for kind, tie in decisions:
        n, t = kinds.get(kind, (0, 0))
        kinds[kind] = (n + 1, t + tie)
    return GameFigures(
        decisions=len(decisions),
        ties=sum(t for _, t in decisions),
        ties_by_kind=tuple((k, n, t) for k, (n, t) in sorted(kinds.items())),
        two_at_cap=states_two_at_cap(state),
        at_max=tracks_at_max(state),
        late_lead_changes=late_lead_changes(inf_ends),
        vp_leader_late=vp_lead_changed_hands(vp_ends),
        vp_leaders_late=vp_leaders_changed(vp_ends),
        plays=tuple((m.choice[1], m.choice[2]) for m in game.moves if m.choice[0] == PLAY),
        collapsed=state.collapsed is not None,
        turns=state.turn,
        winners=tuple(state.winners),
        vp=tuple(state.vp),
    )


def measure_task(task: Task) -> GameFigures:
    """Play one game (normal seats through the ranked decision, others as in play) and measure
    it. Plain data in and out, so it can run in another process."""
    rules = _rules(task.scenario, task.cards_dir)
    game = Game.start(rules, task.seed, dict(zip(SEATS, task.seats)), keep_log=True)
    decisions: list = []

    def ask(request: AIRequest) -> tuple[tuple, str]:
        if request.controller != NORMAL:
            return answer(request)
        decision, ranked = decide_ranked(request.state, request.salt)
        if len(ranked) >= 2:
            decisions.append((request.state.pending.kind, tied(ranked)))
        return tuple(decision.choice), decision.reason

    Table(game, pace="instant").play_computers(ask)
    return figures_of(game, decisions)


def run_measures(tasks: list, jobs: int = 1) -> Iterator[GameFigures]:
    """Each task's figures, in task order, in ``jobs`` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(measure_task, tasks)
        return
    processes = min(jobs, MAX_JOBS, len(tasks))
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from pool.imap(measure_task, tasks, chunksize=chunk_size(len(tasks), processes))


# --- many games ------------------------------------------------------------------------------

@attrs.define
class Design:
    games: int = 0
    decisions: int = 0
    ties: int = 0
    ties_by_kind: dict = attrs.Factory(dict)
    two_at_cap: int = 0
    at_max: list = attrs.Factory(lambda: [0] * len(TRACKS))
    late_lead_changes: int = 0
    vp_leader_late: int = 0
    vp_leaders_late: int = 0
    cards: dict = attrs.Factory(dict)  # card -> Counter of modes
    collapses: int = 0
    turns: int = 0
    wins: list = attrs.Factory(lambda: [0.0] * len(SEATS))  # by seat, ties split
    vp: list = attrs.Factory(lambda: [0] * len(SEATS))

    def add(self, g: GameFigures) -> None:
        self.games += 1
        self.decisions += g.decisions
        self.ties += g.ties
        for kind, n, t in g.ties_by_kind:
            a, b = self.ties_by_kind.get(kind, (0, 0))
            self.ties_by_kind[kind] = (a + n, b + t)
        self.two_at_cap += g.two_at_cap
        for i, m in enumerate(g.at_max):
            self.at_max[i] += m
        self.late_lead_changes += g.late_lead_changes
        self.vp_leader_late += g.vp_leader_late
        self.vp_leaders_late += g.vp_leaders_late
        for card, mode in g.plays:
            self.cards.setdefault(card, Counter())[mode] += 1
        self.collapses += g.collapsed
        self.turns += g.turns
        for w in g.winners:
            self.wins[w] += 1 / len(g.winners)
        for i, v in enumerate(g.vp):
            self.vp[i] += v

    def as_json(self) -> dict:
        n = max(1, self.games)
        return {
            "games": self.games,
            "tie_share": round(self.ties / max(1, self.decisions), 4),
            "normal_decisions": self.decisions,
            "tie_share_by_kind": {k: round(t / max(1, d), 4) for k, (d, t) in sorted(self.ties_by_kind.items())},
            "two_at_cap_mean": round(self.two_at_cap / n, 3),
            "track_at_max": {name: round(self.at_max[i] / n, 4) for i, name in enumerate(TRACKS)},
            "late_lead_changes_mean": round(self.late_lead_changes / n, 3),
            "vp_leader_late_change": round(self.vp_leader_late / n, 4),
            "vp_leader_late_any_change": round(self.vp_leaders_late / n, 4),
            "collapse_rate": round(self.collapses / n, 4),
            "mean_turns": round(self.turns / n, 3),
            "win_rate": {seat: round(self.wins[i] / n, 4) for i, seat in enumerate(SEATS)},
            "mean_vp": {seat: round(self.vp[i] / n, 2) for i, seat in enumerate(SEATS)},
            "cards": {c: {"event": m["event"], "ops": m["ops"], "shelve": m["shelve"]}
                      for c, m in sorted(self.cards.items())},
        }


def checks(figures: dict) -> list[tuple[str, bool, str]]:
    """(figure, met, target) for each target of the issue."""
    out = [("two_at_cap_mean", figures["two_at_cap_mean"] <= TWO_AT_CAP_TARGET, f"at most {TWO_AT_CAP_TARGET}")]
    for name, share in figures["track_at_max"].items():
        if name not in GOAL_TRACKS:
            out.append((f"track_at_max.{name}", share <= TRACK_AT_MAX_TARGET, f"at most {TRACK_AT_MAX_TARGET:.0%}"))
    out.append(("vp_leader_late_change", figures["vp_leader_late_change"] >= VP_LEADER_LATE_TARGET,
                f"at least {VP_LEADER_LATE_TARGET:.0%}"))
    return out


def design_tasks(scenario: str, seed: int, games: int, cards_dir: Path = CARDS_DIR,
                 seats: tuple = (NORMAL,) * len(SEATS)) -> list[Task]:
    return [Task(scenario, str(cards_dir), game_seed(seed, i), seats) for i in range(games)]


def measure(games: int, seed: int, jobs: int = 1, scenario: str = "summer-2021", cards_dir: Path = CARDS_DIR,
            progress: Callable[[int, int, Design], None] | None = None) -> dict:
    """The design figures of ``games`` all-normal games from the run seed ``seed``; ``progress``
    hears (games done, games, the running totals) after each game."""
    start = time.perf_counter()
    total = Design()
    for done, figures in enumerate(run_measures(design_tasks(scenario, seed, games, cards_dir), jobs), 1):
        total.add(figures)
        if progress:
            progress(done, games, total)
    out = {"seed": seed, "scenario": scenario, **total.as_json()}
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out
