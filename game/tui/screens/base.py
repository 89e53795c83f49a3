"""What every screen shares: a notice when the terminal is too small, and its own help text.

Below 80x24 the layout cannot be drawn legibly, so an opaque notice covers the screen and
says how large the window must be; the App's breakpoints set the ``-too-narrow`` and
``-too-short`` classes that show it. ``GUIDE`` is the screen's help, shown by ``?``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmall(Static):
    """Covers the screen while the terminal is smaller than the game can draw."""

    def on_mount(self) -> None:
        self._update()

    def on_resize(self) -> None:
        self._update()

    def _update(self) -> None:
        w, h = self.app.size
        self.update(
            f"The terminal is {w}×{h}.\n\n"
            f"The New Great Game needs at least {MIN_WIDTH}×{MIN_HEIGHT}\n"
            f"(120×40 shows the most).\n\nEnlarge the window or reduce the font size.\n\nctrl+q quits."
        )


class BaseScreen(Screen):
    """A full screen of the game. Subclasses write ``body()`` instead of ``compose()``."""

    GUIDE = "No help for this screen yet."

    def compose(self) -> ComposeResult:
        yield from self.body()
        yield TooSmall(classes="too-small")

    def body(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def follow_revisions(self, redraw) -> None:
        """Call ``redraw`` after the game changes (the App's ``revision``), once however many
        changes came in one turn of the event loop."""
        queued = False

        def run() -> None:
            nonlocal queued
            queued = False
            redraw()

        def revised(_old=None, _new=None) -> None:
            nonlocal queued
            if not queued:
                queued = True
                self.call_later(run)

        self.watch(self.app, "revision", revised, init=False)


class BaseModal(ModalScreen):
    """A dialog over another screen; the same too-small notice applies."""

    GUIDE = "Answer the dialog, or press Escape to close it."

    def compose(self) -> ComposeResult:
        yield from self.body()
        yield TooSmall(classes="too-small")

    def body(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()


def push_as_app(app, screen, callback) -> None:
    """Push a screen whose answer the App itself waits for, as the App. Textual hands a
    screen's result to whichever screen was handling a message when it was pushed; when
    that one closes first (the load screen, whose Enter started this game), the answer
    never arrives and play stalls. Pushed here and now, so it stays in its place on the
    stack (under a seminar's opening briefing, say)."""
    from textual._context import active_message_pump

    token = active_message_pump.set(app)
    try:
        app.push_screen(screen, callback)
    finally:
        active_message_pump.reset(token)
