"""The cards a client plays with, read once on first need (a background thread may start it
while the title screen shows). Textual-free, so any client can hold one."""

from __future__ import annotations

import threading
from pathlib import Path


class CardLibrary:
    def __init__(self, cards_dir: Path):
        self.cards_dir = Path(cards_dir)
        self._catalogue = None
        self._lock = threading.Lock()

    def catalogue(self):
        """Every card and scenario (game.rules.loader.Catalogue), faults included."""
        with self._lock:
            if self._catalogue is None:
                from game.rules.loader import read_catalogue

                self._catalogue = read_catalogue([self.cards_dir])
            return self._catalogue

    def rules(self, scenario: str):
        """The rules of a scenario; DataError when the cards have faults."""
        from game.rules.cards import Rules
        from game.rules.loader import DataError, Fault

        cat = self.catalogue()
        if cat.faults:
            raise DataError(list(cat.faults))
        if scenario not in cat.scenarios:
            raise DataError([Fault(str(self.cards_dir), 1, "scenarios", f"no scenario {scenario!r}")])
        return Rules.build(cat.cards, cat.scenarios[scenario])

    def open_save(self, path: Path, saves_dir: Path):
        """(game, where to autosave it) for a save to play on, or the error in one line.

        An autosave carries on in itself; a manual save is never written over. Nothing is
        written here: a bad save is left exactly as it was."""
        from game.play.save import SaveError, load_game
        from game.tui.savefiles import AUTOSAVE_PREFIX, autosave_path

        path = Path(path)
        try:
            game = load_game(path, self.cards_dir)
        except SaveError as e:
            return str(e)
        except Exception as e:  # never let a strange file take the client down
            return f"{path}: cannot be loaded ({type(e).__name__}: {e})"
        return game, path if path.name.startswith(AUTOSAVE_PREFIX) else autosave_path(saves_dir, game.seed)
