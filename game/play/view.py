"""What one seat may see, as plain data (JSON-ready): the board, the played cards, its own
hand, and only the sizes of other seats' hands and of the decks. It is ``observe(state, seat)``
(game.play.observer) written out; clients that want plain data read this, never the state.

``seat_view`` is a seat's view in a flat, readable form; ``observation_data`` writes a whole
observation (any viewer) so that ``observation_from_data`` rebuilds it exactly: a network
client (game.net) reads that, and its screens get the same ``Observation`` a local game gives."""

from __future__ import annotations

import attrs as _attrs

from game.rules import cards as _cards
from game.rules.model import SEATS, State
from game.rules.model import Pending as _Pending
from game.play.observer import PUBLIC as _PUBLIC_VIEWER
from game.play.observer import VIEWER_WORDS, CountryView, Observation, observe
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


# --- a whole observation, both ways ---------------------------------------------------------
# A network client (game.net) receives an observation as plain data and rebuilds it, so its
# screens read the same ``Observation`` a local game gives them. ``save._plain`` writes an attrs
# value as [Name, fields...], which cannot be read back unambiguously (a hand is a list of
# strings too); here an attrs value is an object naming its class, {"$": "Offer", "power": 1,
# ...}, and only the classes an observation can hold are read back.

WIRE_CLASSES = {cls.__name__: cls for cls in (
    _Pending, _cards.Track, _cards.Adjust, _cards.Influence, _cards.VP, _cards.Base, _cards.Project,
    _cards.Withdraw, _cards.Contest, _cards.Offer, _cards.Option, _cards.Choose, _cards.If, _cards.TrackIs,
    _cards.FieldIs, _cards.WithdrawnIs, _cards.HasBase, _cards.Leads, _cards.Member)}
# The observation's fields written out (its rules are the reader's own; its log is sent apart).
OBSERVATION_FIELDS = tuple(a.name for a in _attrs.fields(Observation) if a.name not in ("rules", "log"))
MAX_DEPTH = 20  # nesting a real observation never reaches (an If inside an Option inside a Pending: 8)


class ViewDataError(ValueError):
    """Plain data that is not an observation; the message names the field, in one line."""


def wire(value):
    """A value of an observation (or a log entry) as JSON-ready data that ``unwire`` reads back."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [wire(v) for v in value]
    cls = type(value)
    if WIRE_CLASSES.get(cls.__name__) is cls:
        out = {"$": cls.__name__}
        for a in _attrs.fields(cls):
            out[a.name] = wire(getattr(value, a.name))
        return out
    raise TypeError(f"unexpected value in an observation: {value!r}")


def unwire(data, where: str = "view", depth: int = 0):
    """``wire``'s data back as values: lists become tuples, tagged objects the attrs classes of
    ``WIRE_CLASSES``; anything else is a ViewDataError naming ``where``."""
    if depth > MAX_DEPTH:
        raise ViewDataError(f"{where}: nested too deep")
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, list):
        return tuple(unwire(v, where, depth + 1) for v in data)
    if isinstance(data, dict):
        name = data.get("$")
        cls = WIRE_CLASSES.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ViewDataError(f"{where}: unknown kind of value {str(name)[:40]!r}")
        fields = {a.name for a in _attrs.fields(cls)}
        values = {}
        for key, v in data.items():
            if key == "$":
                continue
            if key not in fields:
                raise ViewDataError(f"{where}: {name} has no field {str(key)[:40]!r}")
            values[key] = unwire(v, f"{where}.{key}", depth + 1)
        try:
            return cls(**values)
        except TypeError:
            raise ViewDataError(f"{where}: {name} is missing a field") from None
    raise ViewDataError(f"{where}: unexpected value of type {type(data).__name__}")


def observation_data(obs: Observation, like: tuple | None = None) -> dict:
    """Every field of ``obs`` but its rules and log, as plain data (``observation_from_data``
    reads it back). ``like``: another observation of the same state and its data; a field equal
    in both is taken from that data instead of written again (a server writes the public
    observation once, then each viewer's fields only where they differ: its hand, the decks)."""
    other, other_data = like if like is not None else (None, None)
    out = {}
    for name in OBSERVATION_FIELDS:
        value = getattr(obs, name)
        if other is not None:
            theirs = getattr(other, name)
            if value is theirs or (type(value) is type(theirs) and value == theirs):
                out[name] = other_data[name]
                continue
        out[name] = wire(value)  # a country (a named tuple) is written as the list of its fields
    return out


def observation_from_data(data, rules, log=None) -> Observation:
    """The observation written by ``observation_data``, with the reader's ``rules`` (the same
    scenario and number of turns) and ``log`` (the entries it has been sent, or None)."""
    if not isinstance(data, dict):
        raise ViewDataError("view.obs: expected an object")
    missing = [name for name in OBSERVATION_FIELDS if name not in data]
    if missing:
        raise ViewDataError(f"view.obs: missing {missing[0]!r}")
    values = {}
    for name in OBSERVATION_FIELDS:
        raw = data[name]
        if name == "countries":
            if not isinstance(raw, list):
                raise ViewDataError("view.obs.countries: expected a list")
            try:
                values[name] = tuple(CountryView(*unwire(c, "view.obs.countries")) for c in raw)
            except TypeError:
                raise ViewDataError("view.obs.countries: expected a state's fields") from None
        else:
            values[name] = unwire(raw, f"view.obs.{name}")
    if values["viewer"] not in VIEWER_WORDS and not (
            isinstance(values["viewer"], int) and not isinstance(values["viewer"], bool)
            and 0 <= values["viewer"] < len(SEATS)):
        raise ViewDataError("view.obs.viewer: expected a seat index or a viewer's word")
    return Observation(rules=rules, log=None if log is None else tuple(log), **values)

