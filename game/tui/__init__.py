"""The Textual interface: title, setup, the game, saves, the end, cards and rules.

Importing ``game.tui`` does not import Textual (``game.tui.app`` does), so the CLI can hand
over to it lazily and headless tools never pay for it.
"""

from __future__ import annotations


def run(**kwargs) -> int:
    """Run the app; keyword arguments go to :class:`game.tui.app.GreatGameApp`."""
    from game.tui.app import GreatGameApp

    app = GreatGameApp(**kwargs)
    app.run()
    return app.return_code or 0
