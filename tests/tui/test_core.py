"""The interface's pure helpers (no Textual): undo, offers in words, saves on disk, the end."""

from __future__ import annotations

import subprocess
import sys

from game.ai import decide
from game.rules.loader import ROOT
from game.play.save import save_game
from game.play.session import Game
from game.clients.sim import play_out
from game.words.effect_words import offer_terms
from game.tui.core import (
    latest_autosave,
    list_saves,
    outcome_words,
    safe_save_name,
)
from game.tui.moves import menu
from tests.tui.conftest import RANDOM, game_with_offer, seats


def test_undo_counts_only_own_moves_without_chance(tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    assert game.undoable() == 0
    first = game.legal()[0]
    game.play(first)
    assert game.state.seat_to_move == 0 and game.undoable() == 1
    back = game.rewound(1)
    assert back.state == Game.start(tui_rules, 7, seats(russia="human")).state and back.moves == []
    # Play on until another seat has moved: nothing of Russia's earlier moves can be taken back.
    while not any(m.reason for m in game.moves) or game.state.seat_to_move != 0:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, None if game.controller() == "human" else d.reason)
    assert game.undoable() == 0


def test_every_menu_item_is_a_legal_choice(tui_rules):
    game = Game.start(tui_rules, 3, dict(RANDOM))
    for _ in range(120):
        if game.over:
            break
        legal = game.legal()
        reached = set()
        stack = [()]
        while stack:
            path = stack.pop()
            for item in menu(game.state, legal, path, game.log).items:
                if item.greyed:  # shown with its reason, never a step or a move
                    assert item.choice is None and item.reason
                elif item.choice is None:
                    stack.append(path + (item.key,))
                else:
                    assert item.choice in legal
                    reached.add(item.choice)
        assert reached == set(legal), "every legal choice can be reached step by step"
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, d.reason)


def test_offer_terms_name_both_answers(tui_rules):
    game = game_with_offer(tui_rules)
    terms = offer_terms(game.state)
    assert terms.title.endswith(".") and terms.accept and terms.reject
    assert offer_terms(Game.start(tui_rules, 1, dict(RANDOM)).state) is None


def test_saves_listing_marks_bad_files_and_finds_the_autosave(tmp_path, tui_rules):
    game = Game.start(tui_rules, 9, seats(russia="human"))
    save_game(game, tmp_path / "autosave-20240101-000000-seed9.yaml")
    (tmp_path / "junk.yaml").write_text(": : :\n  - [", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("cards: []\n", encoding="utf-8")
    infos = {i.name: i for i in list_saves(tmp_path)}
    assert infos["junk"].error and infos["other"].error
    assert infos["autosave-20240101-000000-seed9"].error is None
    assert latest_autosave(tmp_path).seed == 9
    assert list_saves(tmp_path / "missing") == []
    assert safe_save_name("../../etc/passwd") == "etc-passwd"


def test_outcome_words_for_a_finished_game(tui_rules):
    game = play_out(Game.start(tui_rules, 11, dict(RANDOM)))
    words = " ".join(outcome_words(game.state))
    assert "tension" in words and ("Winner" in words or "Nobody won" in words)


def test_greatgame_play_load_of_a_bad_save_fails_with_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "game", "play", "--load", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.yaml" in lines[0] and "Traceback" not in proc.stderr
    assert bad.read_text() == "format: 1\n"


def test_importing_the_tui_package_does_not_import_textual():
    script = "import sys, game.tui, game.tui.core, game.tui.moves, game.tui.launch; print(any('textual' in m for m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr


def test_undo_in_a_what_if_branch_keeps_its_lineage(tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    game.parent, game.branched_at = "history.yaml", 2
    game.play(game.legal()[0])
    back = game.rewound(1)
    assert (back.parent, back.branched_at) == ("history.yaml", 2)
