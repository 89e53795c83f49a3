"""The game's state as plain data.

Everything the rules read or change lives in :class:`State`. Values are small ints, strings and
tuples; the few containers the rules change in place (lists) are copied by :meth:`State.clone`,
so a copy costs a few microseconds and never aliases its parent. The public engine API is
pure: ``engine.apply`` clones before it changes anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from game.rules.cards import Rules

SEATS = ("russia", "turkey", "china", "usa", "central_asia")
POWERS = SEATS[:4]
CENTRAL_ASIA = 4
SEAT_INDEX = {name: i for i, name in enumerate(SEATS)}
SEAT_NAMES = {
    "russia": "Russia",
    "turkey": "Turkey",
    "china": "China",
    "usa": "United States",
    "central_asia": "Central Asian states",
}

COUNTRIES = ("tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan")
COUNTRY_INDEX = {name: i for i, name in enumerate(COUNTRIES)}
COUNTRY_NAMES = {name: name.capitalize() for name in COUNTRIES}
BORDERING = (0, 1, 2)  # the states with a border on Afghanistan

TRACKS = ("momentum", "pledge", "discipline", "tension", "csto")
TRACK_INDEX = {name: i for i, name in enumerate(TRACKS)}
TRACK_NAMES = {
    "momentum": "Taliban momentum",
    "pledge": "Moscow pledge",
    "discipline": "fighters' discipline",
    "tension": "Sino-American tension",
    "csto": "CSTO credibility",
}
FIELDS = ("stability", "discontent", "refugees", "border")
FIELD_NAMES = {
    "stability": "stability",
    "discontent": "youth discontent",
    "refugees": "refugees",
    "border": "border security",
}

TRACK_MIN, TRACK_MAX = 0, 10
INFLUENCE_MAX = 10
VP_MIN, VP_MAX = -99, 999

# Where victory points came from, for the end screen's breakdown.
CATEGORIES = ("influence", "security", "projects", "diplomacy", "stability", "events", "collapse")
CATEGORY_INDEX = {name: i for i, name in enumerate(CATEGORIES)}

# Phases of a turn; "over" once the game has ended.
NEWS, ACTION, OVER = "news", "action", "over"


@attrs.define(slots=True, eq=True)
class Country:
    """One Central Asian state. ``border`` is None where there is no Afghan border."""

    name: str
    stability: int
    discontent: int
    refugees: int
    border: int | None
    influence: list[int]  # by power, in POWERS order
    bases: list[bool]  # by power
    incursion: bool = False  # hit by an incursion in this turn's Taliban phase

    def clone(self) -> Country:
        return Country(
            self.name,
            self.stability,
            self.discontent,
            self.refugees,
            self.border,
            self.influence[:],
            self.bases[:],
            self.incursion,
        )

    def leader(self) -> int | None:
        """The power with strictly the most influence (at least 1), else None."""
        inf = self.influence
        best = max(inf)
        if best <= 0 or inf.count(best) > 1:
            return None
        return inf.index(best)


@attrs.frozen(slots=True)
class Pending:
    """The decision the game waits for: which seat must choose, and what about.

    kind is one of "play" (a card from the hand, for event or ops), "ops" (spend ``points``),
    "target" (a state for ``card``), "option" (one of ``options``), "offer" (accept or
    reject; only ever the Central Asian seat).
    """

    kind: str
    seat: int
    card: str | None = None
    points: int = 0
    options: tuple = ()
    offer: object = None  # the Offer effect being answered, with its resolved state
    actor: int | None = None  # who made the offer / whose card it is
    target: int | None = None


@attrs.define(slots=True, eq=True)
class State:
    """A whole game position. Compare with ==; ``rules`` is shared, immutable and not compared."""

    rules: Rules = attrs.field(eq=False, repr=False)
    seed: int
    counter: int  # how many chance draws so far
    turn: int
    phase: str
    countries: list[Country]
    tracks: list[int]  # by TRACKS
    withdrawn: bool
    vp: list[int]  # by seat
    breakdown: list[int]  # seat * len(CATEGORIES) + category
    history: tuple  # VP of every seat after each upkeep
    hands: list[list[str]]
    deck: list[str]
    discard: list[str]
    removed: list[str]
    news_deck: list[str]
    news_dated: list[str]  # dated news cards still to arrive on their turn
    news_done: list[str]
    projects: list[tuple]  # (owner seat, country, turns left), in the order started
    completed: list[tuple]  # (owner seat, country)
    starting_bases: tuple  # (power, country) pairs present at the start
    order: tuple  # initiative order of seats this turn
    round: int
    position: int
    queue: tuple  # tasks still to run before the next decision
    pending: Pending | None
    winners: tuple = ()
    end_reason: str | None = None
    collapsed: int | None = None
    # Seminar only: news cards the facilitator holds back, and the ones queued to come next.
    held: list[str] = attrs.Factory(list)
    news_next: list[str] = attrs.Factory(list)
    # The late period's cards (action and news), in card order, until the US withdrawal
    # completes and shuffles them into the decks. Public: which cards are late is in the rules.
    reserve: list[str] = attrs.Factory(list)
    shelved: tuple = ()  # the seats that have shelved a card this turn (once a turn each)

    def clone(self) -> State:
        return State(
            self.rules,
            self.seed,
            self.counter,
            self.turn,
            self.phase,
            [c.clone() for c in self.countries],
            self.tracks[:],
            self.withdrawn,
            self.vp[:],
            self.breakdown[:],
            self.history,
            [h[:] for h in self.hands],
            self.deck[:],
            self.discard[:],
            self.removed[:],
            self.news_deck[:],
            self.news_dated[:],
            self.news_done[:],
            self.projects[:],
            self.completed[:],
            self.starting_bases,
            self.order,
            self.round,
            self.position,
            self.queue,
            self.pending,
            self.winners,
            self.end_reason,
            self.collapsed,
            self.held[:],
            self.news_next[:],
            self.reserve[:],
            self.shelved,
        )

    @property
    def over(self) -> bool:
        return self.phase == OVER

    @property
    def seat_to_move(self) -> int | None:
        return None if self.pending is None else self.pending.seat

    def track(self, name: str) -> int:
        return self.tracks[TRACK_INDEX[name]]

    def country(self, name: str) -> Country:
        return self.countries[COUNTRY_INDEX[name]]

    def category_points(self, seat: int) -> dict[str, int]:
        n = len(CATEGORIES)
        return dict(zip(CATEGORIES, self.breakdown[seat * n : seat * n + n]))


def date_of_turn(start: str, turn: int) -> str:
    """'2021-07' plus turn-1 months, as 'YYYY-MM'."""
    year, month = int(start[:4]), int(start[5:7])
    months = year * 12 + month - 1 + turn - 1
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def turn_of_date(start: str, date: str) -> int:
    y0, m0 = int(start[:4]), int(start[5:7])
    y1, m1 = int(date[:4]), int(date[5:7])
    return (y1 * 12 + m1) - (y0 * 12 + m0) + 1
