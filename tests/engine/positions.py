"""Exact positions for the rules scenario tests, in the style of Diplomacy's DATC cases: set a
position, make one choice, assert the exact result.

``position`` starts a real game with ``new_game`` (so every card is dealt somewhere and the card
locations stay a partition), then sets the board to ``BOARD_TRACKS`` and ``BOARD_STATES``
below, drops whatever the first news left pending, and applies the overrides. The board is
spelled out here rather than read from cards/scenarios.yaml, so retuning the scenario's numbers
changes no rules test (only the CSTO and Turkic memberships come from the scenario).
``changes`` lists what a choice did to the board, so a test can say "exactly this, and nothing
else, changed". Nothing here decides a rule: the tests do.
"""

from __future__ import annotations

from types import SimpleNamespace

from game.rules.engine import new_game
from game.rules.model import (
    ACTION,
    CATEGORIES,
    COUNTRIES,
    COUNTRY_INDEX,
    POWERS,
    SEAT_INDEX,
    SEATS,
    TRACK_INDEX,
    TRACKS,
    Country,
    Pending,
    State,
    turn_of_date,
)
from game.rules.primitives import shuffle

R, T, C, U, CA = range(5)  # seat indices: russia, turkey, china, usa, central_asia

# The board every position starts from: the summer-2021 set-up as it stood when these tests
# were written, fixed here. VP are all 0 and the US has not withdrawn.
#
#     tracks: momentum 5, pledge 5, discipline 5, tension 4, csto 5
#     state         stab disc refg border  influence R/T/C/US  bases
#     tajikistan      5    6    2    5      4/1/2/1            russia
#     uzbekistan      6    6    1    5      2/2/2/2
#     turkmenistan    6    4    0    5      2/2/3/0
#     kyrgyzstan      5    5    0    -      4/2/2/1            russia
#     kazakhstan      7    3    0    -      4/2/3/1
#
# The Russian bases count as there from the start (they cost the Central Asian seat nothing).
BOARD_TRACKS = {"momentum": 5, "pledge": 5, "discipline": 5, "tension": 4, "csto": 5}
BOARD_STATES = {  # stability, discontent, refugees, border, influence by power, bases
    "tajikistan": (5, 6, 2, 5, (4, 1, 2, 1), ("russia",)),
    "uzbekistan": (6, 6, 1, 5, (2, 2, 2, 2), ()),
    "turkmenistan": (6, 4, 0, 5, (2, 2, 3, 0), ()),
    "kyrgyzstan": (5, 5, 0, None, (4, 2, 2, 1), ("russia",)),
    "kazakhstan": (7, 3, 0, None, (4, 2, 3, 1), ()),
}


def position(rules, seed: int = 1, *, turn: int = 1, vp: dict | None = None, withdrawn: bool | None = None,
             counter: int | None = None, **board) -> State:
    """A game of ``rules`` and ``seed`` in the action phase of ``turn``, nothing pending.

    The board is ``BOARD_TRACKS`` and ``BOARD_STATES`` (no projects, nothing completed, no VP
    history, the US not withdrawn unless ``withdrawn``), then ``board`` overrides: a track by
    name (``tension=6``) or a state by name with a dict for ``set_state`` (``tajikistan={...}``).
    ``vp`` maps seat names to VP (others 0; all 0 by default). Dated news of this turn and
    earlier is done.
    """
    state = new_game(rules, seed)
    sc = rules.scenario
    state.countries = []
    for name in COUNTRIES:
        stability, discontent, refugees, border, influence, bases = BOARD_STATES[name]
        state.countries.append(Country(name, stability, discontent, refugees, border, list(influence),
                                       [p in bases for p in POWERS]))
    state.starting_bases = tuple((p, i) for i, name in enumerate(COUNTRIES)
                                 for p, power in enumerate(POWERS) if power in BOARD_STATES[name][5])
    state.tracks = [BOARD_TRACKS[t] for t in TRACKS]
    state.withdrawn = bool(withdrawn)
    if state.withdrawn:  # the late period's cards are in the decks once the US has gone
        state.deck.extend(cid for cid in state.reserve if rules.cards[cid].deck == "action")
        state.news_deck.extend(cid for cid in state.reserve if rules.cards[cid].deck == "news")
        state.reserve = []
    state.vp = [(vp or {}).get(s, 0) for s in SEATS]
    state.breakdown = [0] * (len(SEATS) * len(CATEGORIES))
    state.history, state.projects, state.completed = (), [], []
    state.turn = turn
    k = (turn - 1) % len(SEATS)
    state.order = tuple(range(k, len(SEATS))) + tuple(range(k))
    for cid in list(state.news_dated):
        if turn_of_date(sc.start, rules.cards[cid].date) <= turn:
            state.news_dated.remove(cid)
            state.news_done.append(cid)
    state.phase, state.round, state.position = ACTION, 0, 0
    state.queue, state.pending = (), None
    if counter is not None:
        state.counter = counter
    for key, value in board.items():
        if key in TRACK_INDEX:
            state.tracks[TRACK_INDEX[key]] = value
        elif key in COUNTRY_INDEX:
            set_state(state, key, **value)
        else:
            raise TypeError(f"position(): {key!r} is neither a track nor a state")
    return state


def set_state(state: State, name: str, *, influence: dict | None = None, bases=None, **fields) -> None:
    """Set a state's fields (stability=3, border=7, incursion=True, ...), some powers'
    influence (``{"usa": 3}``) and its bases (a list of power names: exactly these)."""
    c = state.country(name)
    for field, value in fields.items():
        if not hasattr(c, field) or field in ("name", "influence", "bases"):
            raise TypeError(f"set_state(): no field {field!r}")
        setattr(c, field, value)
    for power, value in (influence or {}).items():
        c.influence[SEAT_INDEX[power]] = value
    if bases is not None:
        c.bases = [p in bases for p in SEATS[: len(POWERS)]]


# --- cards and decisions ----------------------------------------------------------------------


def piles(state: State) -> dict[str, list]:
    """Every place a card can be, by name."""
    out = {"deck": state.deck, "discard": state.discard, "removed": state.removed}
    out.update({f"hand:{s}": h for s, h in zip(SEATS, state.hands)})
    out.update({"news_deck": state.news_deck, "news_dated": state.news_dated, "news_done": state.news_done,
                "reserve": state.reserve})
    return out


def where(state: State, cid: str) -> str:
    """The name of the one pile holding card ``cid``."""
    found = [name for name, pile in piles(state).items() if cid in pile]
    assert len(found) == 1, f"{cid} is in {found}"
    return found[0]


def all_cards(state: State) -> list[str]:
    return sorted(cid for pile in piles(state).values() for cid in pile)


def give(state: State, seat: str, cards: list[str]) -> None:
    """Make ``cards`` exactly the hand of ``seat``. Its old hand goes to the bottom of the
    deck; a hand that loses a card to it is made up from the top of the deck, so every card
    stays in exactly one place and the other hands keep their size."""
    hand = state.hands[SEAT_INDEX[seat]]
    state.deck[:0] = hand
    hand.clear()
    short = []
    for cid in cards:
        pile = piles(state)[where(state, cid)]
        pile.remove(cid)
        if any(pile is h for h in state.hands):
            short.append(pile)
    hand.extend(cards)
    for pile in short:
        pile.append(state.deck.pop())


def to_play(state: State, seat: str, *, last: bool = False) -> State:
    """Make it ``seat``'s "play" decision: in the first round, or with ``last`` the final play
    of the turn (the seat must then be last in this turn's initiative order)."""
    i = SEAT_INDEX[seat]
    state.phase = ACTION
    state.position = state.order.index(i)
    state.round = state.rules.scenario.rounds - 1 if last else 0
    if last and state.position != len(SEATS) - 1:
        raise ValueError(f"{seat} is not last in the order {state.order} of turn {state.turn}")
    state.pending = Pending("play", i)
    return state


def to_spend(state: State, seat: str, points: int, card: str | None = None) -> State:
    """Make it ``seat``'s decision to spend ``points`` operations points (first round)."""
    i = SEAT_INDEX[seat]
    state.phase, state.round, state.position = ACTION, 0, state.order.index(i)
    state.pending = Pending("ops", i, card=card, points=points)
    return state


def last_seat(state: State) -> str:
    return SEATS[state.order[-1]]


# --- what changed -------------------------------------------------------------------------------


def board(state: State) -> dict:
    """The board as flat, named values: tracks by name, ``withdrawn``, ``STATE.FIELD``,
    ``STATE.influence.POWER``, ``STATE.bases``, ``vp.SEAT`` and ``vp.SEAT.CATEGORY``,
    ``projects`` and ``completed`` (with names)."""
    out = {t: state.tracks[i] for i, t in enumerate(TRACKS)}
    out["withdrawn"] = state.withdrawn
    for c in state.countries:
        for field in ("stability", "discontent", "refugees", "border", "incursion"):
            out[f"{c.name}.{field}"] = getattr(c, field)
        for p, power in enumerate(POWERS):
            out[f"{c.name}.influence.{power}"] = c.influence[p]
        out[f"{c.name}.bases"] = tuple(power for p, power in enumerate(POWERS) if c.bases[p])
    for s, seat in enumerate(SEATS):
        out[f"vp.{seat}"] = state.vp[s]
        for k, cat in enumerate(CATEGORIES):
            out[f"vp.{seat}.{cat}"] = state.breakdown[s * len(CATEGORIES) + k]
    out["projects"] = tuple((SEATS[o], COUNTRIES[i], left) for o, i, left in state.projects)
    out["completed"] = tuple((SEATS[o], COUNTRIES[i]) for o, i in state.completed)
    return out


def changes(before: State, after: State) -> dict:
    """``{name: (old, new)}`` for every board value that differs."""
    a, b = board(before), board(after)
    return {k: (a[k], b[k]) for k in a if a[k] != b[k]}


def shuffled(seed: int, counter: int, items: list) -> list:
    """``items`` shuffled by the game's own shuffle with draws from ``counter`` on."""
    items = list(items)
    shuffle(SimpleNamespace(seed=seed, counter=counter), items)
    return items
