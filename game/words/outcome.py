"""The end of a game in words: the headline, who won, and the regional outcome.

One wording for every place that says how a game ended: the end screen (game.tui.screens.end),
the after-action report and the comparison of several games (game.words.report). Pure functions
of a state, or of an observation of one (game.play.observer): they read only the public board.
"""

from __future__ import annotations

from game.rules.model import SEAT_NAMES, SEATS, date_of_turn
from game.rules.primitives import HIGH_TENSION
from game.words.log import country_name, seat_name


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def long_date(rules, turn: int) -> str:
    """'September 2021': the month of ``turn`` in the scenario."""
    yyyymm = date_of_turn(rules.scenario.start, turn)
    return f"{MONTH_NAMES[int(yyyymm[5:7]) - 1]} {yyyymm[:4]}"


def headline(state) -> str:
    """'The game is over after 10 turns (April 2022). China wins with 14 VP.', or how it stands."""
    if not state.over:
        return f"In progress: turn {state.turn} of {state.rules.scenario.turns} is being played."
    if state.collapsed is not None:
        head = "The game ended at once: a state collapsed."
    else:
        head = f"The game is over after {state.turn} turns ({long_date(state.rules, state.turn)})."
    return head + " " + winners_sentence(state)


def winners_sentence(state) -> str:
    """'The Central Asian states win with 15 VP.', the verb agreeing with who won."""
    if not state.winners:
        return "Nobody wins."
    names = [SEAT_NAMES[SEATS[w]] for w in state.winners]
    names = [f"the {n}" if SEATS[w] in ("usa", "central_asia") else n for w, n in zip(state.winners, names)]
    text = " and ".join(names)
    plural = len(state.winners) > 1 or SEATS[state.winners[0]] == "central_asia"
    return f"{text[0].upper() + text[1:]} {'win' if plural else 'wins'} with {state.vp[state.winners[0]]} VP."


def outcome_words(state) -> list[str]:
    """The regional outcome in a few sentences (the end screen's and the report's); of a game in
    progress, how the region stands."""
    over = state.over
    lines = []
    if state.collapsed is not None:
        lines.append(f"{country_name(state.collapsed)} collapsed: its government fell and the game ended at once.")
    elif over:
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
    if over:
        lines.append(f"Sino-American tension ended at {tension}/10"
                     + (" — the region was drawn into the confrontation." if tension >= HIGH_TENSION else ".")
                     + f" Taliban momentum ended at {momentum}/10.")
    else:
        lines.append(f"Sino-American tension stands at {tension}/10"
                     + (" — the region is being drawn into the confrontation." if tension >= HIGH_TENSION else ".")
                     + f" Taliban momentum stands at {momentum}/10.")
        return lines
    if not state.winners:
        lines.append("Nobody won: every seat lost with the region.")
    else:
        names = " and ".join(SEAT_NAMES[SEATS[w]] for w in state.winners)
        lines.append(f"{'Winners' if len(state.winners) > 1 else 'Winner'}: {names}.")
    return lines
