"""``?``: the help of the screen in view, with its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from game.tui.screens.base import BaseModal


def _keys(screen) -> str:
    """The screen's and app's shown bindings as a Markdown table."""
    rows, seen = [], set()
    for node in [screen.focused, screen, screen.app] if screen.focused else [screen, screen.app]:
        if node is None:
            continue
        for binding in getattr(node, "BINDINGS", []):
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            key = binding.key_display or binding.key.split(",")[0]
            key = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space"}.get(key, key)
            rows.append(f"| `{key}` | {binding.description} |")
    if not rows:
        return ""
    return "\n\n### Keys\n\n| key | does |\n|---|---|\n" + "\n".join(rows)


class HelpScreen(BaseModal):
    """Help for the screen underneath: its GUIDE, then its keys."""

    GUIDE = "This is the help. Escape or ? closes it."
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("q", "dismiss", "Close", show=False)]

    def __init__(self, screen):
        super().__init__()
        self.text = getattr(screen, "GUIDE", "") + _keys(screen) + (
            "\n\n### Everywhere\n\n`?` help · `ctrl+p` command palette (themes, game commands) · "
            "`F2` next theme · `ctrl+q` quit")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc closes"
            yield Markdown(self.text, id="help-text")
