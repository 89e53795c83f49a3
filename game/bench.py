"""``python -m game.bench``: the engine's speed, as figures (medians, not single runs).

- random_games_per_second: full random-policy games on one core, median of several batches
  (random play often ends early in a collapse: random_game_mean_turns says how long they ran).
- apply_us_median: the median cost of one ``engine.apply`` (clone + legality check + step).
- clone_us_median: the median cost of one ``State.clone`` (the AIs clone constantly).
- decision_ms_median: the median time of one decision by each AI level (hard at its batch
  budget of 3 worlds), hard_worlds_per_second, how many imagined worlds hard weighs a second on
  one core (wall clock; hard_worlds_per_cpu_second is the same by this process's CPU time,
  steadier on a machine others are loading), hard_think_1s_max_s, the longest decision at its
  1 s play budget (it must stay near 1 s), and hard_think_1s_worlds, the median worlds such a
  decision weighs in all, in hard_think_processes processes (two where a second core is free).

``--design`` measures the game instead of the engine (game.clients.design): how often the
normal AI's best two choices tie, states with two powers at the cap, tracks at their maximum,
late lead changes, card use and collapses over all-normal games, against the issue's targets.

``--net`` measures the game server instead (game.net.bench): a move's round trip to 30 clients
across 5 games on loopback, how many idle connections one server holds, and its memory per game
and per connection.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time

from game.rules.engine import apply, legal_choices, new_game, step
from game.rules.loader import load_rules
from game.rules.model import SEATS
from game.rules.rng import draw

_WORLDS = re.compile(r", (\d+) worlds")  # a hard reason's worlds in all: "(value +8.77, 41 worlds"
TARGET_GAMES_PER_SECOND = 200
THINK_SECONDS = 1.0  # hard's default time budget in play


def _random_game(rules, seed: int) -> tuple[int, int]:
    """Plays one random game; returns (choices made, turns reached)."""
    state = new_game(rules, seed)
    k = 0
    while not state.over:
        choices = legal_choices(state)
        step(state, choices[draw(seed ^ 0xBE7C, k, len(choices))])
        k += 1
    return k, state.turn


def games_per_second(rules, batches: int, per_batch: int) -> tuple[float, float, float]:
    """Median games/s and choices/s over batches, and the games' mean length in turns."""
    rates, step_rates, turns = [], [], 0
    seed = 0
    for _ in range(batches):
        start = time.perf_counter()
        steps = 0
        for _ in range(per_batch):
            k, t = _random_game(rules, seed)
            steps += k
            turns += t
            seed += 1
        elapsed = time.perf_counter() - start
        rates.append(per_batch / elapsed)
        step_rates.append(steps / elapsed)
    return statistics.median(rates), statistics.median(step_rates), turns / (batches * per_batch)


def _sample_states(rules, games: int) -> list:
    """Positions from real games, to time apply and clone on."""
    states = []
    for seed in range(games):
        state = new_game(rules, 10_000 + seed)
        k = 0
        while not state.over:
            states.append(state.clone())
            choices = legal_choices(state)
            step(state, choices[draw(seed, k, len(choices))])
            k += 1
    return states


def apply_us(states: list, repeat: int = 5) -> float:
    timings = []
    for state in states:
        choice = legal_choices(state)[0]
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            apply(state, choice)
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1e6)
    return statistics.median(timings)


def clone_us(states: list, repeat: int = 5) -> float:
    timings = []
    for state in states:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            state.clone()
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1e6)
    return statistics.median(timings)


def ai_figures(rules, positions: int) -> dict:
    """Median decision time of each AI level on real positions, and how fast hard weighs worlds."""
    from game.ai import decide
    from game.ai.hard import free_cores, weigh

    # Only real decisions: a forced move returns at once and would flatter the median.
    states = [s for s in _sample_states(rules, 2) if len(legal_choices(s)) > 1][::7][:positions]
    out = {}
    for level in ("ai:easy", "ai:normal", "ai:hard"):
        timings = []
        for salt, state in enumerate(states):
            start = time.perf_counter()
            decide(level, state, salt)
            timings.append((time.perf_counter() - start) * 1000)
        out[level.split(":")[1]] = round(statistics.median(timings), 2)
    rates, cpu_rates = [], []
    for salt, state in enumerate(states[:5]):
        start, cpu = time.perf_counter(), time.process_time()
        done = weigh(state, seed=salt, worlds=list(range(6))).worlds
        rates.append(done / (time.perf_counter() - start))
        cpu_rates.append(done / max(1e-9, time.process_time() - cpu))
    think, worlds = [], []
    for salt, state in enumerate(states[:3]):
        start = time.perf_counter()
        reason = decide("ai:hard", state, salt, think=THINK_SECONDS).reason
        think.append(time.perf_counter() - start)
        found = _WORLDS.search(reason)
        if found:
            worlds.append(int(found.group(1)))
    return {
        "decision_ms_median": out,
        "hard_worlds_per_second": round(statistics.median(rates), 1),
        "hard_worlds_per_cpu_second": round(statistics.median(cpu_rates), 1),
        "hard_think_1s_max_s": round(max(think), 3),
        "hard_think_1s_worlds": round(statistics.median(worlds)) if worlds else None,
        "hard_think_processes": free_cores(),
    }


def run(quick: bool = False) -> dict:
    rules = load_rules("summer-2021")
    _random_game(rules, 123)  # warm up
    batches, per_batch, sample_games = (3, 20, 3) if quick else (7, 100, 20)
    states = _sample_states(rules, sample_games)
    rate, step_rate, mean_turns = games_per_second(rules, batches, per_batch)
    return {
        "random_games_per_second": round(rate, 1),
        "random_choices_per_second": round(step_rate),
        "random_game_mean_turns": round(mean_turns, 2),
        "apply_us_median": round(apply_us(states), 2),
        "clone_us_median": round(clone_us(states), 2),
        "positions_timed": len(states),
        **ai_figures(rules, 8 if quick else 30),
        "python": platform.python_version(),
    }


TUI_STARTUP_RATIO_TARGET = 1.3
TUI_PEAK_MIB_TARGET = 100
KEYPRESS_MS_TARGET = 50


def _launch_seconds(kind: str, env: dict, cwd: str) -> float:
    """Seconds from starting a process to its first screen being drawn."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game.tui.probe", "startup", kind], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=cwd)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != "drawn":
        raise RuntimeError(f"the {kind} startup probe did not draw")
    return elapsed


def _probe_json(args: list[str], env: dict, cwd: str) -> dict:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "game.tui.probe", *args], capture_output=True, text=True,
                         env=env, cwd=cwd, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"probe {' '.join(args)} failed: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def tui_figures(runs: int = 7) -> dict:
    """The interface's speed and memory, each measured in fresh processes."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gg-bench-") as tmp:
        env = {**os.environ, "GG_PROBE_SAVES": tmp}
        _launch_seconds("minimal", env, tmp)  # warm the disk cache for both
        _launch_seconds("tui", env, tmp)
        minimal, tui = [], []
        for _ in range(runs):  # alternate, so drift on the machine hits both alike
            minimal.append(_launch_seconds("minimal", env, tmp))
            tui.append(_launch_seconds("tui", env, tmp))
        m, t = statistics.median(minimal), statistics.median(tui)
        figures = {
            "tui_startup_s": round(t, 3),
            "textual_minimal_startup_s": round(m, 3),
            "tui_startup_ratio": round(t / m, 2),
        }
        figures.update({k: v for k, v in _probe_json(["memory"], env, tmp).items() if k == "tui_peak_mib"})
        keys = _probe_json(["keys", "process"], env, tmp)
        figures["keypress_repaint_ms"] = keys["keypress_repaint_ms"]
        figures["keypress_repaint_thinking_ms"] = keys["keypress_repaint_thinking_ms"]
    return figures


def design_table(figures: dict) -> list[str]:
    """The design measure as lines: the figures, each target met or missed, then the cards."""
    from game.clients.design import checks

    flat = {k: v for k, v in figures.items() if not isinstance(v, dict)}
    for group in ("tie_share_by_kind", "track_at_max", "win_rate", "mean_vp"):
        flat.update({f"{group}.{k}": v for k, v in figures[group].items()})
    width = max(len(k) for k in flat)
    lines = [f"{'figure':<{width}}  value"]
    lines += [f"{key:<{width}}  {value}" for key, value in flat.items()]
    for name, ok, target in checks(figures):
        shown = f"{flat[name]:.1%}" if target.endswith("%") else flat[name]
        lines.append(f"{name} {'meets' if ok else 'MISSES'} the target ({target}): {shown}")
    cards = figures["cards"]
    width = max([len(c) for c in cards] + [4])
    lines.append("")
    lines.append(f"{'card':<{width}}  event    ops  shelved  event share")
    for card, m in cards.items():
        played = m["event"] + m["ops"] + m["shelve"]
        lines.append(f"{card:<{width}}  {m['event']:>5}  {m['ops']:>5}  {m['shelve']:>7}  {m['event'] / played:>10.0%}")
    return lines


def design_progress(done: int, games: int, total) -> None:
    """A running line on stderr every tenth of a long run, so it can be read (or stopped) early."""
    if done == games or done % max(1, games // 10):
        return
    wins = " ".join(f"{seat} {w / done:.1%}" for seat, w in zip(SEATS, total.wins))
    print(f"{done}/{games} games: wins {wins}; collapses {total.collapses / done:.1%}", file=sys.stderr, flush=True)


def run_design(args) -> int:
    from game.clients.design import measure

    from game.rules.loader import scenario_ids

    if args.scenario not in scenario_ids():
        print(f"python -m game.bench: --scenario: no scenario {args.scenario!r} "
              f"(there are: {', '.join(scenario_ids())})", file=sys.stderr)
        return 2
    figures = measure(args.games, args.seed, args.jobs, scenario=args.scenario,
                      progress=design_progress if args.progress else None)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{args.games} all-normal games of {figures['scenario']}, run seed {args.seed}, "
              f"{figures['seconds']} s with --jobs {args.jobs}")
        print("\n".join(design_table(figures)))
    return 0


def run_net(args) -> int:
    from game.net import bench as net

    figures = net.run(args.quick)
    if args.json:
        print(json.dumps(figures))
        return 0
    width = max(len(k) for k in figures)
    print(f"{'figure':<{width}}  value")
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print("\n".join(net.verdicts(figures)))
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    parser.add_argument("--no-tui", action="store_true", help="the engine's figures only")
    parser.add_argument("--design", action="store_true",
                        help="measure the game, not the engine: ties, caps, tracks, leads, card use "
                             "over all-normal games (game.clients.design)")
    parser.add_argument("--net", action="store_true",
                        help="measure the game server (game.net.bench): round trips, idle connections, memory")
    parser.add_argument("--games", type=_positive, default=100, help="--design: how many games (default 100)")
    parser.add_argument("--seed", type=int, default=21, help="--design: the run's seed (default 21)")
    parser.add_argument("--jobs", type=_positive, default=1, help="--design: processes to play in (default 1)")
    parser.add_argument("--scenario", default="summer-2021", help="--design: scenario id (default summer-2021)")
    parser.add_argument("--progress", action="store_true", help="--design: running win and collapse rates on stderr")
    args = parser.parse_args(argv)
    if args.design:
        return run_design(args)
    if args.net:
        return run_net(args)
    figures = run(args.quick)
    if not args.no_tui:
        figures.update(tui_figures(runs=3 if args.quick else 7))
    if args.json:
        print(json.dumps(figures))
        return 0
    width = max(len(k) for k in figures)
    print(f"{'figure':<{width}}  value")
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    rate = figures["random_games_per_second"]
    verdict = "meets" if rate >= TARGET_GAMES_PER_SECOND else "MISSES"
    print(f"random games/s {verdict} the target of {TARGET_GAMES_PER_SECOND} on one core")
    if "tui_startup_ratio" in figures:
        checks = [
            ("tui_startup_ratio", figures["tui_startup_ratio"] <= TUI_STARTUP_RATIO_TARGET, f"at most {TUI_STARTUP_RATIO_TARGET}"),
            ("tui_peak_mib", figures["tui_peak_mib"] < TUI_PEAK_MIB_TARGET, f"under {TUI_PEAK_MIB_TARGET}"),
            ("keypress_repaint_ms", figures["keypress_repaint_ms"] < KEYPRESS_MS_TARGET, f"under {KEYPRESS_MS_TARGET}"),
            ("keypress_repaint_thinking_ms", figures["keypress_repaint_thinking_ms"] < KEYPRESS_MS_TARGET,
             f"under {KEYPRESS_MS_TARGET}"),
        ]
        for name, ok, target in checks:
            print(f"{name} {'meets' if ok else 'MISSES'} the target ({target})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
