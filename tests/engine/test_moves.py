"""game.rules.moves is the one grammar of moves: its words make, write and read every move, and no
other module of the game compares a move's kind against a string of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from game.rules import moves as M
from game.rules.engine import legal_choices, step
from game.rules.loader import load_rules
from game.play.seminar import adjustable
from game.play.session import Game

GAME_DIR = Path(__file__).resolve().parents[2] / "game"
MOVE_WORDS = frozenset(M.SEAT_KINDS + M.FACILITATOR_KINDS)
PENDING_WORDS = frozenset((M.PENDING_PLAY, M.PENDING_OPS, M.PENDING_TARGET, M.PENDING_OPTION, M.PENDING_OFFER))


def _named_move(node: ast.AST) -> bool:
    """choice, move, message.choice, move.choice...: an expression that names a move."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return "choice" in name or name in ("move", "answer")


def _first_word(node: ast.AST) -> bool:
    """``choice[0]`` and the like."""
    return (isinstance(node, ast.Subscript) and _named_move(node.value)
            and isinstance(node.slice, ast.Constant) and node.slice.value == 0)


def _pending_kind(node: ast.AST) -> bool:
    """``p.kind``, ``state.pending.kind``."""
    return (isinstance(node, ast.Attribute) and node.attr == "kind"
            and getattr(node.value, "id", getattr(node.value, "attr", "")) in ("p", "pending"))


def _adjust_target(node: ast.AST) -> bool:
    """``what``, ``target``, ``choice[1]``: what an adjust move changes."""
    if isinstance(node, ast.Subscript):
        return _named_move(node.value)
    return _named_move(node) or getattr(node, "id", "") in ("what", "target")


def _words(node: ast.AST) -> set:
    """The string constants of a literal: "play", ("accept", "reject"), ("end",)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return set()


def literal_comparisons(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place that compares a move's kind, or a pending decision's kind,
    with a string literal, or splits an adjudication's target on ':'."""
    tree = ast.parse(source)
    found = []
    for scope in ast.walk(tree):
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            found += _scope_comparisons(scope)
    found += _scope_comparisons(tree, top=True)
    return sorted(set(found))


def _scope_comparisons(scope: ast.AST, top: bool = False) -> list[tuple[int, str]]:
    """literal_comparisons in one function (or the module's own statements, ``top``)."""
    def nodes():
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if top and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue  # counted in its own scope
            yield node
            stack.extend(ast.iter_child_nodes(node))

    kinds = set()  # names bound to a move's first word here: kind = choice[0]
    for node in nodes():
        if isinstance(node, ast.Assign) and _first_word(node.value):
            kinds |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    found = []
    for node in nodes():
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            words = set().union(*(_words(s) for s in sides))
            for side in sides:
                if (_first_word(side) or (isinstance(side, ast.Name) and side.id in kinds)) and words & MOVE_WORDS:
                    found.append((node.lineno, "a move's kind compared with a literal"))
                elif _named_move(side) and any(isinstance(s, ast.Tuple) and _words(s) & MOVE_WORDS for s in sides):
                    found.append((node.lineno, "a move compared with a literal move"))
                elif _pending_kind(side) and words & PENDING_WORDS:
                    found.append((node.lineno, "a pending decision's kind compared with a literal"))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("split", "rsplit", "partition")
                and node.args and _words(node.args[0]) == {":"} and _adjust_target(node.func.value)):
            found.append((node.lineno, "an adjudication's target split on ':'"))
    return found


def test_literal_comparisons_finds_the_old_forms():
    """The check itself: it sees the forms the code used before game.rules.moves."""
    source = '''
def f(choice, state, what, message):
    kind = choice[0]
    if kind == "play": pass
    if choice[0] in ("accept", "reject"): pass
    if message.choice == ("end",): pass
    if state.pending.kind == "offer": pass
    parts = what.split(":")
    entry = ("play", 1)
    if entry[0] == "play": pass
'''
    assert [line for line, _ in literal_comparisons(source)] == [4, 5, 6, 7, 8]


def test_no_module_but_moves_compares_move_kinds_with_literals():
    found = []
    for path in sorted(GAME_DIR.rglob("*.py")):
        if path == GAME_DIR / "rules" / "moves.py":
            continue
        found += [f"{path.relative_to(GAME_DIR.parent)}:{line}: {what}"
                  for line, what in literal_comparisons(path.read_text(encoding="utf-8"))]
    assert found == []


# --- the grammar ----------------------------------------------------------------------------


def test_every_legal_choice_reads_back_from_its_text():
    rules = load_rules("summer-2021")
    seen = set()
    for seed in range(3):
        game = Game.start(rules, seed, keep_log=False)
        state = game.state
        k = 0
        while not state.over and k < 400:
            choices = legal_choices(state)
            for choice in choices:
                assert M.parse(M.text(choice)) == choice
                assert M.kind_of(choice) in M.SEAT_KINDS and not M.is_facilitator(choice)
                seen.add(M.kind_of(choice))
            step(state, choices[(seed * 7 + k) % len(choices)])
            k += 1
    assert {M.PLAY, M.OP, M.END} <= seen


def test_facilitator_moves_are_made_and_read_here():
    assert M.inject("c") == ("inject", "c") and M.inject("c", "china") == ("inject", "c", "china")
    assert M.news(M.HOLD, "c") == ("hold", "c")
    assert M.adjust("tension", 2) == ("adjust", "tension", "+2")
    assert M.adjust("tension", -3) == ("adjust", "tension", "-3")
    assert M.text(M.adjust("influence:russia:kazakhstan", 1)) == "adjust influence:russia:kazakhstan +1"
    assert M.note() == ("note",)
    for move in (M.inject("c", "usa"), M.news(M.NEXT, "c"), M.adjust("tension", -1), M.note()):
        assert M.is_facilitator(move) and M.parse(M.text(move)) == move
    assert M.parse("   ") is None


def test_adjustable_targets_split_and_join_back():
    game = Game.start(load_rules("summer-2021"), 1, keep_log=False)
    for what in adjustable(game.state):
        t = M.split_target(what)
        assert t is not None and M.target_text(t) == what
    assert M.split_target("stability:kazakhstan") == M.Target("stability", "kazakhstan")
    assert M.split_target("influence:usa:tajikistan") == M.Target("influence", "tajikistan", "usa")
    assert M.split_target("a:b:c") is None and M.split_target("a:b:c:d") is None


def test_changes_are_written_signed_and_read_back():
    for by in (-4, -1, 1, 3):
        assert M.parse_delta(M.delta_text(by)) == by
    assert M.delta_text(2) == "+2" and M.parse_delta("lots") is None
