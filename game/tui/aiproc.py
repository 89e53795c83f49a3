"""Computer players in a separate process, so a long think never slows the interface.

Thinking in a thread shares the interpreter lock with the event loop and makes key presses
lag; thinking in another process does not. The parent sends one JSON line per decision (the
scenario, the cards folder, the seed and the moves so far, which *are* the position, since
the engine is deterministic) and reads back one JSON line with the choice and its reason.
The child replays the moves itself through the game's one door (``Game.play``), so nothing but
plain text crosses the pipe.

Run as ``python -m game.tui.aiproc``; it never imports Textual.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path


def _serve() -> int:  # pragma: no cover - runs in the child, exercised through AIProcess
    from game.ai import decide
    from game.rules.loader import load_rules
    from game.rules.moves import parse
    from game.play.seminar import Seminar
    from game.play.session import Game

    rules_cache: dict = {}
    for line in sys.stdin:
        try:
            req = json.loads(line)
            key = (req["scenario"], req["cards"])
            if key not in rules_cache:
                rules_cache[key] = load_rules(req["scenario"], Path(req["cards"]))
            game = Game.start(rules_cache[key], req["seed"], keep_log=False, seminar=Seminar(turns=req.get("turns")))
            for text, why in req["moves"]:
                game.play(parse(text), why)
            d = decide(req["controller"], game.state, req["salt"], req.get("think"))
            reply = {"id": req["id"], "choice": list(d.choice), "reason": d.reason}
        except Exception as e:  # report, never die: the parent falls back to a thread
            reply = {"id": req.get("id") if isinstance(req, dict) else None, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


class AIProcessError(RuntimeError):
    """The AI process died or answered nonsense."""


class AIProcess:
    """The parent's handle on the child. ``decide`` blocks (call it from a worker thread)."""

    def __init__(self):
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._next = 0

    def start(self) -> None:
        """Start the child now (it takes a moment to import the engine)."""
        with self._lock:
            self._ensure()

    def _ensure(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "game.tui.aiproc"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, bufsize=1,
            )
        return self._proc

    def decide(self, *, scenario: str, cards: Path, seed: int, moves: list[tuple[str, str | None]],
               controller: str, salt: int, think: float | None, turns: int | None = None) -> tuple[tuple, str]:
        """``moves``: (choice text, reason) pairs; a facilitator's note or ruling needs its text."""
        with self._lock:
            proc = self._ensure()
            self._next += 1
            req = {"id": self._next, "scenario": scenario, "cards": str(cards), "seed": seed, "moves": moves,
                   "turns": turns, "controller": controller, "salt": salt, "think": think}
            try:
                proc.stdin.write(json.dumps(req) + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except (OSError, ValueError) as e:
                raise AIProcessError(str(e)) from None
            if not line:
                raise AIProcessError("the AI process ended")
            reply = json.loads(line)
            if "error" in reply or reply.get("id") != self._next:
                raise AIProcessError(reply.get("error", "out of step"))
            return tuple(reply["choice"]), reply["reason"]

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                proc.stdin.close()
                proc.wait(timeout=1)
            except Exception:
                proc.kill()


PROCESS_LEVELS = ("ai:hard",)  # thinks long enough to slow the interface in a thread


class Thinker:
    """Answers a table's AIRequest: hard's thinking in the child process (falling back to
    this one if the child fails), the quick levels here. ``decide`` blocks: call it from a
    worker thread."""

    def __init__(self, cards_dir: Path, use_process: bool = True, think: float | None = None):
        self.cards_dir = Path(cards_dir)
        self.use_process = use_process
        self.think = think
        self._process: AIProcess | None = None

    def needs_process(self, seats: dict) -> bool:
        return self.use_process and any(c in PROCESS_LEVELS for c in seats.values())

    def warm_up(self) -> None:
        """Start the child now, so the first hard move does not wait for its imports."""
        self._child().start()

    def _child(self) -> AIProcess:
        if self._process is None:
            self._process = AIProcess()
        return self._process

    def decide(self, request, game) -> tuple[tuple, str]:
        think = self.think if request.controller == "ai:hard" else None
        if self.use_process and request.controller in PROCESS_LEVELS:
            from game.rules.moves import text

            moves = [(text(m.choice), m.reason) for m in game.moves[:request.salt]]
            try:
                return self._child().decide(
                    scenario=game.scenario, cards=self.cards_dir, seed=game.seed, moves=moves,
                    controller=request.controller, salt=request.salt, think=think,
                    turns=game.rules.scenario.turns)
            except Exception:
                pass  # think here instead
        from game.ai import answer

        return answer(request, think)

    def close(self) -> None:
        if self._process is not None:
            self._process.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_serve())
