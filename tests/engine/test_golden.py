"""Golden playthroughs, OpenSpiel style: whole games from fixed seeds, rendered to words and
checked in under tests/engine/golden/. Any change to the rules, the cards, the easy AI or the
log's wording shows up here as a reviewed diff.

After reviewing a diff that is intended, regenerate the files with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/engine/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from game.words.log import describe
from game.rules.model import SEATS
from game.play.session import Game
from game.clients.sim import play_out

GOLDEN = Path(__file__).parent / "golden"
SEEDS = (1, 2)
UPDATE = os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")
REGENERATE = "UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/engine/test_golden.py"
MAX_DIFF_LINES = 120


def playthrough(rules, seed: int) -> str:
    """Seed ``seed`` of summer-2021 with every seat on the easy AI, one log line per entry."""
    game = play_out(Game.start(rules, seed, {seat: "ai:easy" for seat in SEATS}))
    return "".join(describe(entry, rules) + "\n" for entry in game.log)


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_playthrough(rules, seed):
    path = GOLDEN / f"seed-{seed}.txt"
    text = playthrough(rules, seed)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} is missing; generate it with: {REGENERATE}", pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = list(difflib.unified_diff(expected.splitlines(keepends=True), text.splitlines(keepends=True),
                                         fromfile=f"{path.name} (checked in)", tofile=f"seed {seed} (this run)"))
        shown = "".join(diff[:MAX_DIFF_LINES])
        more = f"... and {len(diff) - MAX_DIFF_LINES} more diff lines\n" if len(diff) > MAX_DIFF_LINES else ""
        pytest.fail(f"the seed-{seed} playthrough no longer matches {path}:\n{shown}{more}"
                    f"If the change is intended, review it and regenerate with: {REGENERATE}", pytrace=False)


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_playthrough_is_a_whole_game(rules, seed):
    lines = (GOLDEN / f"seed-{seed}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "== Turn 1: 2021-07 =="
    assert lines[-1].startswith("Game over ")
    turns = sum(1 for line in lines if line.startswith("== Turn "))
    collapsed = any(line.startswith("!! ") and "collapses" in line for line in lines)
    assert turns == rules.scenario.turns or (collapsed and turns < rules.scenario.turns)
    assert not any(line.startswith("(") or "Traceback" in line for line in lines)  # every entry has words


def test_the_two_seeds_play_different_games(rules):
    assert playthrough(rules, SEEDS[0]) != playthrough(rules, SEEDS[1])
