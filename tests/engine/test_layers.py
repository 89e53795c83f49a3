"""The package is a stack: rules, then play, words, the computer players, and the clients on top.

A module may import its own layer or those below it, never one above, and no modules import
each other in a circle (an import inside a function counts; one only for type checkers does
not). This reads the source, so it also sees imports that only run on some paths.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"

# Bottom to top. game/__init__, game/__main__ and game/bench (``python -m game.bench``, which
# measures every layer) sit above everything.
LAYERS = ("game.rules", "game.play", "game.words", "game.ai", "game.net", ("game.clients", "game.tui"))


def rank(module: str) -> int:
    for i, layer in enumerate(LAYERS):
        for prefix in (layer if isinstance(layer, tuple) else (layer,)):
            if module == prefix or module.startswith(prefix + "."):
                return i
    return len(LAYERS)


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GAME.rglob("*.py")):
        parts = path.relative_to(GAME.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def imports(path: Path, known: dict) -> set[str]:
    """The game modules ``path`` imports anywhere but under ``if TYPE_CHECKING``."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking_only(node):
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("game"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("game"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def test_the_layers_are_all_there():
    known = modules()
    for layer in ("game.rules", "game.play", "game.words", "game.ai", "game.clients", "game.tui"):
        assert layer in known, f"{layer} is missing"
    assert {"game.rules.engine", "game.play.session", "game.play.observer", "game.play.table",
            "game.words.log", "game.clients.cli"} <= set(known)
    flat = [name for name in known if name.count(".") == 1 and rank(name) == len(LAYERS)]
    assert sorted(flat) == ["game.__main__", "game.bench"], f"modules outside the layers: {flat}"


def test_no_module_imports_a_layer_above_its_own():
    wrong = [f"{name} ({LAYERS[rank(name)]}) imports {dep}"
             for name, deps in graph().items() for dep in sorted(deps)
             if rank(name) < len(LAYERS) and rank(dep) > rank(name)]
    assert not wrong, "\n".join(wrong)


def test_no_import_circles():
    deps = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in deps[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for v in deps:
        if v not in index:
            connect(v)
    assert not circles, f"modules importing each other in a circle: {circles}"


def test_the_checks_see_a_bad_import():
    """The test itself can fail: a rules module importing the TUI is caught."""
    known = modules()
    assert rank("game.rules.engine") < rank("game.tui.app")
    assert "game.rules.moves" in imports(known["game.rules.engine"], known)


def test_the_app_is_a_thin_shell():
    lines = (GAME / "tui" / "app.py").read_text(encoding="utf-8").count("\n")
    assert lines < 300, f"game/tui/app.py has {lines} lines: its policy belongs in game.play.table"
