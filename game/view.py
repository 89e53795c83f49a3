"""What one seat may see: the board, the played cards, its own hand, and only the sizes of
other seats' hands and of the decks. Clients and AIs read this, never the other hands."""

from __future__ import annotations

from game.model import SEATS, State
from game.save import snapshot
from game.visibility import public_dated_news, unseen_news

# Not the seed: with it and the counter, anyone could recompute the shuffle and see every hand.
PUBLIC = (
    "turn", "phase", "countries", "tracks", "withdrawn", "vp", "breakdown", "history",
    "discard", "removed", "news_done", "projects", "completed", "starting_bases",
    "order", "round", "position", "queue", "pending", "winners", "end_reason", "collapsed",
)


def seat_view(state: State, seat: int | None) -> dict:
    """The state as ``seat`` sees it (``None``: a spectator, who sees no hand)."""
    full = snapshot(state)
    view = {key: full[key] for key in PUBLIC}
    view["viewer"] = None if seat is None else SEATS[seat]
    view["hand"] = [] if seat is None else list(state.hands[seat])
    view["hand_sizes"] = {SEATS[s]: len(h) for s, h in enumerate(state.hands)}
    view["deck_size"] = len(state.deck)
    # Not the state's own dated list or news deck: they show what the facilitator holds back.
    view["news_dated"] = public_dated_news(state)
    view["news_deck_size"] = len(unseen_news(state))
    return view
