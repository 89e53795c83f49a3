"""What the TUI needs to know about a game, as pure functions over the engine's public data.

Nothing here imports Textual, so it is tested like the engine and could serve another client:
who may see what (hot-seat), how far a seat may take its moves back, what accepting or
rejecting an offer does in words (from game.words.effect_words), the regional outcome at the end, and the saves on disk.
The game (game.play.session) stays the only judge of what is legal; this module only reads.
"""

from __future__ import annotations

from game.rules import cards as C
from game.words.outcome import outcome_words, winners_sentence  # noqa: F401 - re-exported for the TUI
from game.rules.model import CATEGORIES, SEAT_NAMES, SEATS, date_of_turn
from game.tui.savefiles import (  # noqa: F401 - re-exported: the saves are part of what the TUI knows
    AUTOSAVE_PREFIX,
    SEAT_LETTERS,
    SHORT_NAMES,
    SaveInfo,
    autosave_path,
    has_autosave,
    latest_autosave,
    list_saves,
    month_year,
    read_save_info,
    safe_save_name,
)

LEVEL_NAMES = {
    "human": "Human",
    "ai:easy": "AI easy",
    "ai:normal": "AI normal",
    "ai:hard": "AI hard",
    "random": "Random",
}




def game_date(game_or_rules, turn: int, long: bool = False) -> str:
    rules = getattr(game_or_rules, "rules", game_or_rules)
    return month_year(date_of_turn(rules.scenario.start, turn), long)


# --- the end: its words are game.words.outcome's (the report says it the same way) ---------


def player_text(game, seat: int) -> str:
    """Who played a seat: the seminar team's name, else the kind of player."""
    ctrl = game.seats[SEATS[seat]]
    return game.team(seat) or LEVEL_NAMES.get(ctrl, ctrl)


def breakdown_rows(state) -> list[tuple[str, list[int], int]]:
    """(seat name, points by category, total) for every seat, winners first then by score."""
    rows = []
    for i, s in enumerate(SEATS):
        cats = state.category_points(i)
        rows.append((SEAT_NAMES[s], [cats[c] for c in CATEGORIES], state.vp[i]))
    return rows


def withdrawal_text(state) -> str:
    """The US withdrawal deadline: done, due on a date, or waiting on the world deck."""
    if state.withdrawn:
        return "complete"
    rules = state.rules
    for cid in state.news_dated:
        card = rules.cards[cid]
        if card.date and any(isinstance(e, C.Withdraw) for e in card.effects):
            return f"due {month_year(card.date)}"
    return "pending"


