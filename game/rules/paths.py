"""Where the game's data lives: the card files and the seed article.

In a checkout they are the top-level ``cards/`` and ``seeds/`` folders; an installed wheel
carries the same files inside the package, as ``game/data/cards`` and ``game/data/seeds``
(pyproject.toml maps them there), so ``pip install .`` and ``pipx install .`` give a game that
runs from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # game/, above game/rules/
ROOT = _PACKAGE.parent  # the checkout (or, installed, the site-packages folder)


def data_dir(name: str) -> Path:
    """The installed copy of a data folder if there is one, else the checkout's."""
    installed = _PACKAGE / "data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


CARDS_DIR = data_dir("cards")
SEEDS_DIR = data_dir("seeds")
