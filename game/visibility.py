"""Who may read what: the one definition for every seat, the facilitator, the projector and
everyone after the game.

A seat reads the board, the played cards, its own hand and reasons, and what the others did;
not their hands, the order of the decks, the news the facilitator holds back or brings forward,
the facilitator's notes, another team's typed rationale, or the alternatives another seat's
computer weighed (those are the cards still in its hand). The facilitator reads everything; so
does everyone once the game is over. The public (a projected screen) reads what every seat may.

Viewers are a seat's index (0-4) or one of the words below. The TUI's log, the text client,
replays, reports and the computer players all ask this module, so no two of them can disagree.
"""

from __future__ import annotations

from game.model import SEATS, State

FACILITATOR, PUBLIC, AFTER = "facilitator", "public", "after"
VIEWER_WORDS = (FACILITATOR, PUBLIC, AFTER)

# A computer's reason is "what it did (its value); next best: the alternatives". What it did
# is public once done; the alternatives name cards still in its hand, so only its own seat (and
# the facilitator, and everyone after the game) reads past this mark.
ALTERNATIVES = "; next best: "

# What the facilitator does that the teams may not read while they play: which news was held
# back, released or brought forward (it tells what is coming) and the facilitator's own notes.
TEAM_PRIVATE_ENTRIES = ("hold", "release", "next", "note")


# Log kinds every seat reads: plays, events, offers, their consequences, the Taliban (``t_…``),
# scores, and the facilitator's open rulings (an injected card, an adjudication). A kind not
# named here (nor a reason, nor a team-private one) is hidden from the seats until it is
# classified, so a new private kind cannot leak by default.
PUBLIC_KINDS = frozenset({
    "turn", "news", "play", "event", "target", "option", "op", "ops_end", "offer", "answer",
    "field", "track", "influence", "vp", "base", "tension_cost", "withdrawn", "project_start",
    "project_dup", "project_stalled", "project_done", "no_cards", "phase", "collapse", "end",
    "inject", "adjust",
})
TALIBAN_PREFIX = "t_"


def public_reason(text: str) -> str:
    """A computer's reason as another seat may read it: the move, not the alternatives."""
    return text.split(ALTERNATIVES, 1)[0]


def sees_everything(viewer, over: bool) -> bool:
    return over or viewer in (FACILITATOR, AFTER)


def entry_for(entry: tuple, viewer, seats: dict, over: bool) -> tuple | None:
    """A log entry as ``viewer`` may read it: whole, shortened (another seat's computer
    reason) or None (not for this viewer). ``seats`` maps seat id to controller."""
    if sees_everything(viewer, over):
        return entry
    kind = entry[0]
    if kind in PUBLIC_KINDS or kind.startswith(TALIBAN_PREFIX):
        return entry
    if kind == "reason":
        seat = entry[1]
        if seat is None or seat == viewer:
            return entry
        if seats.get(SEATS[seat]) == "human":
            return None  # a team's rationale is its own until the game is over
        short = public_reason(entry[2])
        return entry if short == entry[2] else ("reason", seat, short)
    return None  # team-private (TEAM_PRIVATE_ENTRIES), or not yet classified


def readable_log(log: list, viewer, seats: dict, over: bool) -> list[tuple]:
    """Every entry of ``log`` that ``viewer`` may read, in order, as it may read it."""
    if sees_everything(viewer, over):
        return list(log)
    out = []
    for entry in log:
        seen = entry_for(entry, viewer, seats, over)
        if seen is not None:
            out.append(seen)
    return out


def public_dated_news(state: State) -> list[str]:
    """The dated news still to come as every seat knows it: the scenario's dated cards that
    have not happened. (The state's own list also reflects what the facilitator held back or
    brought forward, which a seat may not know.)"""
    done = state.news_done
    return [cid for cid in state.rules.dated_news if cid not in done]


def unseen_news(state: State) -> list[str]:
    """The news cards a seat cannot place: neither happened nor publicly dated, in card order."""
    done, dated = state.news_done, state.rules.dated_news
    return [cid for cid in state.rules.news if cid not in done and cid not in dated]
