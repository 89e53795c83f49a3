"""The few ways any rule changes a state.

Every change of a bounded number goes through here, so bounds are enforced in one place and a
state's collapse is noticed the moment stability reaches 0. ``log`` is a list the caller
wants structured entries appended to, or None (AI search, playouts): entries are tuples,
rendered to words only when shown (``game.words.log``).
"""

from __future__ import annotations

from game.rules.model import (
    CATEGORY_INDEX,
    CATEGORIES,
    CENTRAL_ASIA,
    INFLUENCE_MAX,
    OVER,
    TRACK_INDEX,
    TRACK_MAX,
    TRACK_MIN,
    VP_MAX,
    VP_MIN,
    State,
)
from game.rules.rng import draw

_N_CATEGORIES = len(CATEGORIES)
_TENSION = TRACK_INDEX["tension"]
HIGH_TENSION = 7  # raising tension to this or above costs the raiser with Central Asia
COLLAPSE_PENALTY_CA = 5
COLLAPSE_PENALTY_CSTO = 3


def roll(state: State, sides: int) -> int:
    """The next chance draw, in ``range(sides)``."""
    value = draw(state.seed, state.counter, sides)
    state.counter += 1
    return value


def shuffle(state: State, items: list) -> None:
    """Fisher-Yates with the game's own draws (``random.shuffle``'s sequence is not guaranteed
    across Python versions)."""
    for i in range(len(items) - 1, 0, -1):
        j = roll(state, i + 1)
        items[i], items[j] = items[j], items[i]


def _clamp(value: int, lo: int, hi: int) -> int:
    return lo if value < lo else hi if value > hi else value


def add_vp(state: State, seat: int, by: int, category: str, log: list | None) -> None:
    if not by:
        return
    old = state.vp[seat]
    new = _clamp(old + by, VP_MIN, VP_MAX)
    state.vp[seat] = new
    state.breakdown[seat * _N_CATEGORIES + CATEGORY_INDEX[category]] += new - old
    if log is not None:
        log.append(("vp", seat, new - old, category))


def change_track(state: State, track: int, by: int, actor: int | None, log: list | None) -> None:
    old = state.tracks[track]
    new = _clamp(old + by, TRACK_MIN, TRACK_MAX)
    if new == old:
        return
    state.tracks[track] = new
    if log is not None:
        log.append(("track", track, old, new))
    if track == _TENSION and new > old and new >= HIGH_TENSION and actor is not None and actor != CENTRAL_ASIA:
        if log is not None:
            log.append(("tension_cost", actor, new))
        add_vp(state, actor, -1, "diplomacy", log)


def change_field(state: State, country: int, field: str, by: int, log: list | None) -> None:
    """Change stability, discontent, refugees or border security; border is skipped where a
    state has no Afghan border."""
    c = state.countries[country]
    old = getattr(c, field)
    if old is None:
        return
    new = _clamp(old + by, TRACK_MIN, TRACK_MAX)
    if new == old:
        return
    setattr(c, field, new)
    if log is not None:
        log.append(("field", country, field, old, new))
    if field == "stability" and new == 0 and state.phase != OVER:
        collapse(state, country, log)


def change_influence(state: State, power: int, country: int, by: int, log: list | None) -> None:
    inf = state.countries[country].influence
    old = inf[power]
    new = _clamp(old + by, 0, INFLUENCE_MAX)
    if new == old:
        return
    inf[power] = new
    if log is not None:
        log.append(("influence", power, country, old, new))


def set_base(state: State, power: int, country: int, is_open: bool, log: list | None) -> None:
    bases = state.countries[country].bases
    if bases[power] == is_open:
        return
    bases[power] = is_open
    if log is not None:
        log.append(("base", power, country, is_open))


def collapse(state: State, country: int, log: list | None) -> None:
    """A state at stability 0 ends the game at once and nobody wins; the Central Asian seat, and
    Russia for a CSTO member, also lose VP for it."""
    if log is not None:
        log.append(("collapse", country))
    add_vp(state, CENTRAL_ASIA, -COLLAPSE_PENALTY_CA, "collapse", log)
    if country in state.rules.csto:
        add_vp(state, 0, -COLLAPSE_PENALTY_CSTO, "collapse", log)
    state.collapsed = country
    end_game(state, "collapse", log)


def end_game(state: State, reason: str, log: list | None) -> None:
    """After the last turn the most VP win (ties share). A collapse is everyone's defeat: the
    Taliban have won, so no seat gains by letting a state fall while it leads."""
    best = max(state.vp)
    state.winners = () if reason == "collapse" else tuple(i for i, v in enumerate(state.vp) if v == best)
    state.end_reason = reason
    state.phase = OVER
    state.pending = None
    state.queue = ()
    if log is not None:
        log.append(("end", reason, state.winners, tuple(state.vp)))
