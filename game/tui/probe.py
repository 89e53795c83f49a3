"""Measurements of the interface, each run in a fresh process by ``python -m game.bench``.

    python -m game.tui.probe startup tui|minimal   prints 'drawn' once the first screen is painted
    python -m game.tui.probe memory                 plays an all-computer game headless; peak MiB
    python -m game.tui.probe keys [process|thread]  key press -> repaint, idle and while an AI thinks

The apps run headless (Textual's own test mode): the same layout, styles and compositing as in a
terminal, without the terminal's write, so the figures compare like with like.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time


def _saves() -> str:
    """Where a probe's app may write (autosaves): a folder of its own, never ./saves."""
    import tempfile

    return os.environ.get("GG_PROBE_SAVES") or tempfile.mkdtemp(prefix="gg-probe-")


def _drawn() -> None:
    sys.stdout.write("drawn\n")
    sys.stdout.flush()
    os._exit(0)  # the figure is launch -> first paint; tear-down is not part of it


def startup(kind: str) -> None:
    if kind == "minimal":
        from textual.app import App
        from textual.widgets import Footer, Header, Static

        class Minimal(App):
            def compose(self):
                yield Header()
                yield Static("Hello")
                yield Footer()

            def on_mount(self):
                self.call_after_refresh(_drawn)

        Minimal().run(headless=True, size=(80, 24))
        return
    import game.clients.entry  # noqa: F401  - what `greatgame` imports before the interface
    from game.tui.app import GreatGameApp

    class Probe(GreatGameApp):
        def title_drawn(self) -> None:
            _drawn()

    Probe(saves_dir=_saves()).run(headless=True, size=(80, 24))


def memory() -> None:
    """An all-computer game at instant pace, headless, until its end screen; peak RSS."""
    import resource

    from game.rules.loader import load_rules
    from game.rules.model import SEATS
    from game.play.session import Game
    from game.tui.app import GreatGameApp

    seats = {s: "ai:easy" for s in SEATS}
    seats["russia"] = "human"
    game = Game.start(load_rules("summer-2021"), 4, seats)
    app = GreatGameApp(saves_dir=_saves(), game=game, pace="instant",
                       ai_process=False, animate=False)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and app.game is not None and not app.game.over:
                await pilot.pause()
                if app.game.controller() == "human" and app.table.viewer == app.game.state.seat_to_move:
                    await pilot.press("1")
            await pilot.pause()

    asyncio.run(run())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"tui_peak_mib": round(peak, 1), "turns": app.game.state.turn if app.game else None}))


def keys(mode: str = "process") -> None:
    """Median time from a key press (select the next state: the map and detail redraw) to the
    frame that shows it; idle, then while a hard AI thinks (in a process, or a thread)."""
    import statistics

    from game.rules.loader import load_rules
    from game.rules.model import SEATS
    from game.play.session import Game
    from game.tui.app import GreatGameApp

    rules = load_rules("summer-2021")

    async def measure(seats: dict, thinking: bool) -> float:
        game = Game.start(rules, 7, seats)
        app = GreatGameApp(saves_dir=_saves(), game=game, pace="instant",
                           ai_process=(mode == "process"), animate=False, think=5.0)
        frames: list[float] = []
        display = app._display

        def timed(screen, renderable):
            display(screen, renderable)
            frames.append(time.perf_counter())

        app._display = timed
        timings = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            if thinking:
                assert app.table.thinking is not None, "the AI should be thinking"
            for i in range(25):
                start = time.perf_counter()
                frames.clear()
                await pilot.press("right_square_bracket")
                for _ in range(200):
                    if any(t >= start for t in frames):
                        break
                    await asyncio.sleep(0.001)
                shown = [t for t in frames if t >= start]
                if shown and i >= 3:  # the first few warm caches up
                    timings.append((shown[0] - start) * 1000)
            app.exit()
        return statistics.median(timings) if timings else float("nan")

    idle = asyncio.run(measure({**{s: "random" for s in SEATS}, "russia": "human"}, thinking=False))
    # Russia moves first in turn 1: a hard AI there thinks while Turkey (human) presses keys.
    busy_seats = {**{s: "random" for s in SEATS}, "russia": "ai:hard", "turkey": "human"}
    busy = asyncio.run(measure(busy_seats, thinking=True))
    print(json.dumps({"keypress_repaint_ms": round(idle, 2), "keypress_repaint_thinking_ms": round(busy, 2),
                      "mode": mode}))


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "startup"
    if what == "startup":
        startup(sys.argv[2] if len(sys.argv) > 2 else "tui")
    elif what == "memory":
        memory()
    elif what == "keys":
        keys(sys.argv[2] if len(sys.argv) > 2 else "process")
    else:
        sys.exit(f"unknown probe {what!r}")
