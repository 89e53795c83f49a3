"""Cards, scenarios and the effect vocabulary, as immutable compiled data.

The loader (``game.rules.loader``) turns YAML into these objects once; the engine only ever reads
them. Seat and state references are resolved to indices at load time so the rules never look
names up on the hot path.
"""

from __future__ import annotations

import attrs

from game.rules.model import turn_of_date

SELF = -1  # "the acting seat" in a power or seat reference
LEADER = -2  # "the power that leads the state" in an influence effect (ops only)
TARGET = "target"  # "the card's chosen target" in a state selector

# A state selector is either a tuple of country indices or one of these names, resolved
# against the scenario (memberships) or the card's target when the effect runs.
DYNAMIC_SELECTORS = ("target", "csto", "turkic")


@attrs.frozen(slots=True)
class Track:
    track: int
    by: int


@attrs.frozen(slots=True)
class Adjust:
    states: tuple | str
    field: str
    by: int


@attrs.frozen(slots=True)
class Influence:
    power: int
    states: tuple | str
    by: int


@attrs.frozen(slots=True)
class VP:
    seat: int
    by: int
    category: str = "events"


@attrs.frozen(slots=True)
class Base:
    power: int
    states: tuple | str
    open: bool


@attrs.frozen(slots=True)
class Project:
    states: tuple | str
    turns: int


@attrs.frozen(slots=True)
class Withdraw:
    pass


@attrs.frozen(slots=True)
class Contest:
    """``power`` contests ``rival``'s influence in each state: a die decides who loses ground
    (Twilight Struggle's realignment). See game.rules.effects.contest for the table."""

    power: int
    rival: int
    states: tuple | str


@attrs.frozen(slots=True)
class Offer:
    power: int
    states: tuple | str
    kind: str
    accept: tuple
    reject: tuple
    # What the log calls it, where its kind's name says too little ("a military cooperation
    # agreement" is a cooperation offer). Words only: not compared, so not in a save's digest.
    name: str | None = attrs.field(default=None, eq=False)


@attrs.frozen(slots=True)
class Option:
    label: str
    effects: tuple


@attrs.frozen(slots=True)
class Choose:
    options: tuple  # of Option


@attrs.frozen(slots=True)
class If:
    cond: object
    then: tuple
    otherwise: tuple = ()


# Conditions. ``lo``/``hi`` are inclusive bounds; None means unbounded.
@attrs.frozen(slots=True)
class TrackIs:
    track: int
    lo: int | None
    hi: int | None


@attrs.frozen(slots=True)
class FieldIs:
    state: int | str
    field: str
    lo: int | None
    hi: int | None


@attrs.frozen(slots=True)
class WithdrawnIs:
    value: bool


@attrs.frozen(slots=True)
class HasBase:
    power: int
    state: int | str


@attrs.frozen(slots=True)
class Leads:
    power: int
    state: int | str


@attrs.frozen(slots=True)
class Member:
    """Whether a state belongs to a group: "csto", "turkic" or "bordering"."""

    group: str
    state: int | str


@attrs.frozen(slots=True)
class Source:
    seed: str
    quote: str


@attrs.frozen(slots=True)
class Card:
    id: str
    title: str
    deck: str  # "news" or "action"
    seat: int | None  # owner, or None for news and neutral cards
    ops: int
    text: str
    effects: tuple
    source: Source
    question: str
    date: str | None = None
    once: bool = False
    actor: int | None = None  # news cards: who decides and is "self"
    target: tuple | None = None  # country indices the event's target may be chosen from
    late: bool = False  # enters the decks only once the US withdrawal completes ("period: late")
    file: str = attrs.field(default="", eq=False)
    line: int = attrs.field(default=0, eq=False)


@attrs.frozen(slots=True)
class CountrySetup:
    stability: int
    discontent: int
    refugees: int
    border: int | None
    influence: tuple  # by power
    bases: tuple  # power indices
    csto: bool
    turkic: bool


@attrs.frozen(slots=True)
class Scenario:
    id: str
    title: str
    description: str
    start: str  # "YYYY-MM" of turn 1
    turns: int
    dated: bool | tuple  # True: dated news cards arrive on their dates; False: all news is
    # shuffled; a tuple of card ids: those arrive on their dates and the rest is shuffled
    hand_size: int
    rounds: int  # cards each seat plays per turn
    tracks: tuple  # by model.TRACKS
    withdrawn: bool
    countries: tuple  # of CountrySetup, by model.COUNTRIES
    vp: tuple  # starting VP by seat


@attrs.frozen(slots=True)
class Rules:
    """Everything fixed for a game: the cards and the scenario. Shared by every state."""

    cards: dict = attrs.field(eq=False)  # id -> Card, in file order
    scenario: Scenario
    csto: tuple = ()
    turkic: tuple = ()
    # Derived once (the AI's imagined worlds read them thousands of times a second): the news
    # cards in file order, and those the scenario dates within its turns. Build again, never
    # evolve, when the scenario changes.
    news: tuple = attrs.field(default=(), eq=False)
    dated_news: tuple = attrs.field(default=(), eq=False)

    @classmethod
    def build(cls, cards: dict, scenario: Scenario) -> Rules:
        csto = tuple(i for i, c in enumerate(scenario.countries) if c.csto)
        turkic = tuple(i for i, c in enumerate(scenario.countries) if c.turkic)
        news = tuple(cid for cid, card in cards.items() if card.deck == "news")
        kept = scenario.dated
        dated = tuple(cid for cid in news if cards[cid].date and (kept is True or (kept and cid in kept))
                      and 1 <= turn_of_date(scenario.start, cards[cid].date) <= scenario.turns)
        return cls(cards, scenario, csto, turkic, news, dated)
