"""What one seat may see, as plain data (JSON-ready): the board, the played cards, its own
hand, and only the sizes of other seats' hands and of the decks. It is ``observe(state, seat)``
(game.play.observer) written out; clients that want plain data read this, never the state."""

from __future__ import annotations

from game.rules.model import SEATS, State
from game.play.observer import PUBLIC as _PUBLIC_VIEWER
from game.play.observer import observe
from game.play.save import _plain

# Not the seed: with it and the counter, anyone could recompute the shuffle and see every hand.
PUBLIC = (
    "turn", "phase", "countries", "tracks", "withdrawn", "vp", "breakdown", "history",
    "discard", "removed", "news_done", "projects", "completed", "starting_bases",
    "order", "round", "position", "queue", "pending", "winners", "end_reason", "collapsed",
)


def _country(c) -> list:
    """A country as a save's snapshot writes it."""
    return ["Country", c.name, c.stability, c.discontent, c.refugees, c.border, list(c.influence), list(c.bases),
            c.incursion]


def seat_view(state: State, seat: int | None) -> dict:
    """The state as ``seat`` sees it (``None``: a spectator, who sees no hand)."""
    obs = observe(state, _PUBLIC_VIEWER if seat is None else seat)
    view = {key: _plain(getattr(obs, key)) for key in PUBLIC if key != "countries"}
    view["countries"] = [_country(c) for c in obs.countries]
    view = {key: view[key] for key in PUBLIC}
    view["viewer"] = None if seat is None else SEATS[seat]
    view["hand"] = list(obs.hand)
    view["hand_sizes"] = dict(zip(SEATS, obs.hand_sizes))
    view["deck_size"] = obs.deck_size
    # Not the state's own dated list or news deck: they show what the facilitator holds back.
    view["news_dated"] = list(obs.news_dated)
    view["news_deck_size"] = obs.news_pool_size
    return view
