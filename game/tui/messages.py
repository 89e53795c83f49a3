"""Intentions that screens and widgets send to the App, which alone changes the game.

Widgets never touch the game: they say what the player wants (a choice, an undo, a save) and
the App decides, applies it through ``Game.play`` and tells the screens to redraw.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class MoveChosen(Message):
    """The player committed one of the engine's legal choices, with the team's rationale for
    it when one was typed (kept in the record like an AI's reason)."""

    choice: tuple
    reason: str | None = None


@dataclass
class UndoRequested(Message):
    """Take back the seat's last move (if the rules of undo allow it)."""


@dataclass
class StateSelected(Message):
    """A state was picked on the map (for the detail panel)."""

    country: int


@dataclass
class AIDecided(Message):
    """A computer player's decision, from its worker, for the position ``token`` names."""

    token: tuple
    choice: tuple
    reason: str = ""
    seconds: float = 0.0


@dataclass
class RulesReady(Message):
    """The card catalogue finished loading in the background."""

    error: str | None = None
    extra: dict = field(default_factory=dict)
