"""What the TUI needs to know about a game, as pure functions over the engine's public data.

Nothing here imports Textual, so it is tested like the engine and could serve another client:
who may see what (hot-seat), how far a seat may take its moves back, what accepting or
rejecting an offer does in words (from game.words.effect_words), the regional outcome at the end, and the saves on disk.
The game (game.play.session) stays the only judge of what is legal; this module only reads.
"""

from __future__ import annotations

from game.rules import cards as C
from game.words.log import country_name, seat_name
from game.rules.model import CATEGORIES, SEAT_NAMES, SEATS, date_of_turn
from game.rules.primitives import HIGH_TENSION
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


# --- the end --------------------------------------------------------------------------------


def outcome_words(state) -> list[str]:
    """The regional outcome in a few sentences, for the end screen."""
    lines = []
    if state.collapsed is not None:
        lines.append(f"{country_name(state.collapsed)} collapsed: its government fell and the game ended at once.")
    else:
        lines.append(f"The region came through {state.turn} months without a state collapsing.")
    leads: dict = {}
    for i, c in enumerate(state.countries):
        leads.setdefault(c.leader(), []).append(country_name(i))
    parts = []
    for power, names in leads.items():
        if power is None:
            continue
        parts.append(f"{seat_name(power)} leads in {', '.join(names)}")
    if parts:
        text = "; ".join(parts)
        lines.append(text[0].upper() + text[1:] + ".")
    if None in leads:
        lines.append(f"No power leads in {', '.join(leads[None])}.")
    stable = [country_name(i) for i, c in enumerate(state.countries) if c.stability >= 7]
    shaky = [country_name(i) for i, c in enumerate(state.countries) if c.stability <= 3]
    if stable:
        lines.append(f"Stable: {', '.join(stable)}.")
    if shaky:
        lines.append(f"On the brink: {', '.join(shaky)}.")
    new_bases = [(p, i) for i, c in enumerate(state.countries) for p in range(4)
                 if c.bases[p] and (p, i) not in state.starting_bases]
    for p, i in new_bases:
        lines.append(f"{seat_name(p)[0].upper() + seat_name(p)[1:]} opened a base in {country_name(i)}.")
    tension = state.track("tension")
    momentum = state.track("momentum")
    lines.append(f"Sino-American tension ended at {tension}/10"
                 + (" — the region was drawn into the confrontation." if tension >= HIGH_TENSION else ".")
                 + f" Taliban momentum ended at {momentum}/10.")
    if not state.winners:
        lines.append("Nobody won: every seat lost with the region.")
    else:
        names = " and ".join(SEAT_NAMES[SEATS[w]] for w in state.winners)
        lines.append(f"{'Winners' if len(state.winners) > 1 else 'Winner'}: {names}.")
    return lines


def winners_sentence(state) -> str:
    """'The Central Asian states win with 15 VP.', the verb agreeing with who won."""
    if not state.winners:
        return "Nobody wins."
    names = [SEAT_NAMES[SEATS[w]] for w in state.winners]
    names = [f"the {n}" if SEATS[w] in ("usa", "central_asia") else n for w, n in zip(state.winners, names)]
    text = " and ".join(names)
    plural = len(state.winners) > 1 or SEATS[state.winners[0]] == "central_asia"
    return f"{text[0].upper() + text[1:]} {'win' if plural else 'wins'} with {state.vp[state.winners[0]]} VP."


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


