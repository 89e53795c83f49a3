"""The one observer: what a viewer may know of a game, as one immutable value.

``observe(state, viewer)`` is the only definition of visibility. The computer players'
imagined worlds (game.ai.determinise), a seat's view (game.play.view), replay frames, reports,
briefings and the TUI's log read it; none of them decides for itself who sees what.

Viewers are a seat's index (0-4) or one of the words ``FACILITATOR``, ``PUBLIC`` (a projected
screen) and ``AFTER`` (everyone, once the game is over):

- a seat knows the board, the tracks and scores, the played and removed cards, its own hand,
  the *sizes* of the other hands and of the deck, the dated news still to come as the scenario
  dates it and how many other news cards it cannot place; not the order of any deck, not the
  news the facilitator holds back or brings forward, not the seed;
- the public knows what every seat knows, without a hand;
- the facilitator and ``AFTER`` know everything: every hand, the deck in order, the real news
  piles (held and brought forward included), the seed and its counter;
- once the game is over every viewer knows everything.

The log is not part of the state: pass the session's ``log`` (and ``seats``, the controllers:
a team's typed rationale is its own until the game ends) to get the entries the viewer may read,
as it may read them; a team's predictions are in the log only, its own until the game ends. Without a log the observation is cheap (a few microseconds): the AI takes
one for every decision. ``game.play.visibility`` is the table of log kinds this module reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import attrs

from game.play import visibility as _table
from game.rules.model import OVER, SEATS, Country, Pending, State

if TYPE_CHECKING:  # pragma: no cover
    from game.rules.cards import Rules

FACILITATOR, PUBLIC, AFTER = _table.FACILITATOR, _table.PUBLIC, _table.AFTER
VIEWER_WORDS = _table.VIEWER_WORDS
ALTERNATIVES = _table.ALTERNATIVES
PUBLIC_KINDS, TALIBAN_PREFIX = _table.PUBLIC_KINDS, _table.TALIBAN_PREFIX
TEAM_PRIVATE_ENTRIES = _table.TEAM_PRIVATE_ENTRIES
SEAT_OWN_ENTRIES = _table.SEAT_OWN_ENTRIES
SEAT_VIEWERS = tuple(range(len(SEATS)))
VIEWERS = SEAT_VIEWERS + (PUBLIC, FACILITATOR, AFTER)


# --- the log: who reads which entry ---------------------------------------------------------


def public_reason(text: str) -> str:
    """A computer's reason as another seat may read it: the move, not the alternatives."""
    return text.split(ALTERNATIVES, 1)[0]


def sees_everything(viewer, over: bool) -> bool:
    """The facilitator and everyone after the game know everything; so does every viewer once
    the game is over."""
    return over or viewer in (FACILITATOR, AFTER)


def entry_for(entry: tuple, viewer, seats: dict, over: bool) -> tuple | None:
    """A log entry as ``viewer`` may read it: whole, shortened (another seat's computer
    reason) or None (not for this viewer). ``seats`` maps seat id to controller."""
    if over or viewer == FACILITATOR or viewer == AFTER:
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
    if kind in SEAT_OWN_ENTRIES:
        return entry if entry[1] == viewer else None  # a team's predictions are its own
    return None  # team-private (TEAM_PRIVATE_ENTRIES), or not yet classified


def readable_log(log, viewer, seats: dict, over: bool) -> list[tuple]:
    """Every entry of ``log`` (or of a slice of it) that ``viewer`` may read, in order, as it
    may read it."""
    if sees_everything(viewer, over):
        return list(log)
    out = []
    for entry in log:
        seen = entry_for(entry, viewer, seats, over)
        if seen is not None:
            out.append(seen)
    return out


# --- the news: what a seat may know is coming -----------------------------------------------


def public_dated_news(state: State) -> list[str]:
    """The dated news still to come as every seat knows it: the scenario's dated cards that
    have not happened. (The state's own list also reflects what the facilitator held back or
    brought forward, which a seat may not know.)"""
    done = state.news_done
    return [cid for cid in state.rules.dated_news if cid not in done]


def unseen_news(state: State) -> list[str]:
    """The news cards a seat cannot place: neither happened nor publicly dated nor still in the
    late period's reserve, in card order."""
    done, dated, reserve = state.news_done, state.rules.dated_news, state.reserve
    return [cid for cid in state.rules.news if cid not in done and cid not in dated and cid not in reserve]


def unseen_news_count(state: State) -> int:
    """How many news cards a seat cannot place (``len(unseen_news(state))``, without the list)."""
    rules = state.rules
    dated = rules.dated_news
    cards = rules.cards
    return (len(rules.news) - len(dated) - sum(1 for cid in state.news_done if cid not in dated)
            - sum(1 for cid in state.reserve if cards[cid].deck == "news"))


# --- the observation ------------------------------------------------------------------------


class CountryView(NamedTuple):
    """One Central Asian state as anyone sees it (the board is public): the same names as
    game.rules.model.Country, in tuples. A named tuple: immutable, and quick to make five of for
    every observation."""

    name: str
    stability: int
    discontent: int
    refugees: int
    border: int | None
    influence: tuple  # by power, in POWERS order
    bases: tuple  # by power
    incursion: bool = False

    leader = Country.leader  # the same rule as the board's (it reads only the influence)


@attrs.frozen(slots=True)
class Observation:
    """What ``viewer`` may know of a game at one moment. Compare with ==; ``rules`` is shared
    and not compared. Fields a viewer may not know are None (a hand: None in ``hands``)."""

    viewer: object  # a seat index, FACILITATOR, PUBLIC or AFTER
    rules: Rules = attrs.field(eq=False, repr=False)
    # The board and the turn: public.
    turn: int
    phase: str
    countries: tuple  # of CountryView, in COUNTRIES order
    tracks: tuple  # by TRACKS
    withdrawn: bool
    vp: tuple  # by seat
    breakdown: tuple  # seat * len(CATEGORIES) + category
    history: tuple  # every seat's VP after each upkeep
    winners: tuple
    end_reason: str | None
    collapsed: int | None
    projects: tuple  # (owner, country, turns left)
    completed: tuple  # (owner, country)
    starting_bases: tuple
    # The played cards: public.
    discard: tuple
    removed: tuple
    news_done: tuple  # the news that has happened, in order
    # Whose turn and what the game waits for: public.
    order: tuple
    round: int
    position: int
    queue: tuple
    pending: Pending | None
    # The cards in hand.
    hand: tuple  # the viewer seat's own hand; () for the public, the facilitator and AFTER
    hands: tuple  # by seat: the hand as a tuple where the viewer may see it, else None
    hand_sizes: tuple  # by seat
    deck_size: int
    deck: tuple | None  # the action deck in order (drawn from its end): facilitator and AFTER only
    # The news to come.
    news_dated: tuple  # the dated news the viewer knows is coming (a seat: as the scenario dates it;
    #                    the facilitator: the state's own list, after its holds and brings forward)
    news_pool_size: int  # news cards neither happened nor publicly dated (what a seat cannot place)
    news_deck: tuple | None  # the undated news deck in order (drawn from its end): facilitator/AFTER
    held: tuple | None  # news the facilitator holds back: facilitator/AFTER
    news_next: tuple | None  # news the facilitator brought forward, in order: facilitator/AFTER
    # The late period's cards not yet in the decks (public: the rules say which are late), and
    # the seats that have shelved a card this turn.
    reserve: tuple
    shelved: tuple
    # Chance: with the seed anyone could replay the shuffle.
    seed: int | None  # facilitator/AFTER only
    counter: int | None  # facilitator/AFTER only
    # The log entries the viewer may read, as it may read them (None: no log was given).
    log: tuple | None = None

    over = State.over  # the state's own properties: they read the phase and the pending decision
    seat_to_move = State.seat_to_move

    @property
    def everything(self) -> bool:
        """Whether this viewer knows everything (the facilitator, AFTER, anyone once over)."""
        return self.seed is not None

    # Read as the state reads itself (they use only public fields of the same names).
    track = State.track
    country = State.country
    category_points = State.category_points


def _country(c) -> CountryView:
    return CountryView(c.name, c.stability, c.discontent, c.refugees, c.border, tuple(c.influence),
                       tuple(c.bases), c.incursion)


def check_viewer(viewer) -> None:
    if viewer not in VIEWERS or isinstance(viewer, bool):
        raise ValueError(f"expected a viewer: a seat index 0-{len(SEATS) - 1} or one of "
                         f"{', '.join(VIEWER_WORDS)}, found {viewer!r}")


def observe(state: State, viewer, *, log=None, seats: dict | None = None) -> Observation:
    """What ``viewer`` may know of ``state`` (and of ``log``, the session's log, when given;
    ``seats``, the controllers by seat id, is then needed too)."""
    check_viewer(viewer)
    everything = sees_everything(viewer, state.phase == OVER)
    seat = viewer if isinstance(viewer, int) else None
    hands = state.hands
    if everything:
        shown = tuple(tuple(h) for h in hands)
        deck, news_deck, held, news_next = (tuple(state.deck), tuple(state.news_deck), tuple(state.held),
                                            tuple(state.news_next))
        news_dated = tuple(state.news_dated)
        seed, counter = state.seed, state.counter
    else:
        shown = tuple(tuple(h) if s == seat else None for s, h in enumerate(hands))
        deck = news_deck = held = news_next = seed = counter = None
        news_dated = tuple(public_dated_news(state))
    if log is None:
        seen = None
    else:
        if seats is None:
            raise ValueError("observe: a log needs the seats' controllers (a team's rationale is its own)")
        seen = tuple(readable_log(log, viewer, seats, state.phase == OVER))
    return Observation(
        viewer, state.rules, state.turn, state.phase, tuple(_country(c) for c in state.countries),
        tuple(state.tracks), state.withdrawn, tuple(state.vp), tuple(state.breakdown), state.history,
        state.winners, state.end_reason, state.collapsed, tuple(state.projects), tuple(state.completed),
        state.starting_bases, tuple(state.discard), tuple(state.removed), tuple(state.news_done),
        state.order, state.round, state.position, state.queue, state.pending,
        () if seat is None else tuple(hands[seat]), shown, tuple(len(h) for h in hands), len(state.deck), deck,
        news_dated, unseen_news_count(state), news_deck, held, news_next, tuple(state.reserve), state.shelved,
        seed, counter, seen,
    )
