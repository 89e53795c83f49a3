"""Messages to the App: a person's choice from a widget (which the App gives the table, the
one that changes the game) and a computer's decision from its worker thread."""

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
