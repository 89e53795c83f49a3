"""The key footer every screen shows: Textual's Footer, without its leak.

Textual's Footer (8.2.8) rebuilds all its keys whenever the screen's bindings are refreshed: each
focus change and each ``refresh_bindings``, dozens of times a turn in a game. Each key it builds
is data-bound to the footer's ``compact``, which leaves a watcher holding that key on the footer
until ``compact`` next changes, and it never does: every rebuild kept some twenty dead keys (their
styles, strips and message queues) alive, about 4.5 MiB a turn. So this footer rebuilds only when
the keys it would show differ from those it shows, and after a rebuild drops the dead keys'
watchers (``mutate_reactive`` prunes those of closed widgets and re-sets the live ones).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple:
    """What the footer draws from the screen's bindings (those shown, and the command palette's):
    while this is unchanged, so is the footer."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple((key, b.key_display, b.action, b.description, b.tooltip, tooltip, enabled, b.group)
                 for key, (_node, b, enabled, tooltip) in screen.active_bindings.items()
                 if b.show or key == palette)


class KeyFooter(Footer):
    """A Footer that rebuilds only when its keys change, and lets the keys it replaced go."""

    _shown: tuple | None = None

    def compose(self):
        if self._bindings_ready:
            self._shown = shown_keys(self.screen)
        return super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        """Rebuild if the keys changed (several refreshes in one frame rebuild once)."""
        if not self.is_attached or shown_keys(self.screen) == self._shown:
            return
        await self.recompose()
        self.mutate_reactive(Footer.compact)
