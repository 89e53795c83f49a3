"""A possible world, as one seat may imagine it.

An AI must not read other seats' hands, the deck order or the game's seed (with the seed it
could replay the shuffle and foresee every die). Its worlds are built from the seat's
``Observation`` (game.play.observer) and nothing else: the board, the played cards, its own hand,
and only the *sizes* of hidden piles; the unseen cards are dealt at random into the other hands
and the decks, and chance gets a fresh seed. Weighing choices in such worlds is honest by construction:
the result depends only on the observation and the AI's own seed.
"""

from __future__ import annotations

from game.rules.model import Country, State
from game.play.observer import Observation, observe
from game.rules.rng import draw


def _shuffled(cards: list, seed: int, salt: int) -> list:
    cards = sorted(cards)  # forget the order they came in, which could leak the deck
    for i in range(len(cards) - 1, 0, -1):
        j = draw(seed, salt + i, i + 1)
        cards[i], cards[j] = cards[j], cards[i]
    return cards


def _public_part(obs: Observation, seat: int | None) -> tuple[State, list, list]:
    """The state of what ``obs`` shows (the board, the played cards, whose turn; ``seat``'s own
    hand), with the other hands and the decks empty; and the action and news cards its viewer
    cannot place, in the rules' card order (never the deck's)."""
    rules = obs.rules
    seen = set(obs.hand) | set(obs.discard) | set(obs.removed) | set(obs.reserve)
    unseen_action = [cid for cid, card in rules.cards.items() if card.deck == "action" and cid not in seen]
    done = set(obs.news_done)
    dated = rules.dated_news
    unseen_news = [cid for cid in rules.news if cid not in done and cid not in dated and cid not in seen]
    hands = [[] for _ in obs.hand_sizes]
    if seat is not None:
        hands[seat] = list(obs.hand)
    # The news as the seat knows it: the dated cards on their dates, the rest shuffled. What
    # the facilitator held back or queued to come next is not for the seat to know, so the
    # world has neither pile (and each card lies in exactly one place).
    base = State(
        rules, 0, 0, obs.turn, obs.phase,
        [Country(c.name, c.stability, c.discontent, c.refugees, c.border, list(c.influence),
                 list(c.bases), c.incursion) for c in obs.countries],
        list(obs.tracks), obs.withdrawn, list(obs.vp), list(obs.breakdown), obs.history,
        hands, [], list(obs.discard), list(obs.removed), [], list(obs.news_dated), list(obs.news_done),
        list(obs.projects), list(obs.completed), obs.starting_bases, obs.order, obs.round, obs.position,
        obs.queue, obs.pending, obs.winners, obs.end_reason, obs.collapsed, [], [], list(obs.reserve),
        obs.shelved,
    )
    return base, unseen_action, unseen_news


def _deal(world: State, pool: list, sizes: tuple, seat: int | None) -> None:
    """Cards of ``pool`` dealt in its order into every hand but ``seat``'s, as many as each
    holds; the rest is the deck."""
    at = 0
    for other, size in enumerate(sizes):
        if other != seat:
            world.hands[other] = pool[at:at + size]
            at += size
    world.deck = pool[at:]


class Imagination:
    """Every world one seat may imagine from one observation: the public part is built once,
    each world (``world(seed)``) is a clone of it with the unseen cards dealt from ``seed``."""

    __slots__ = ("seat", "base", "sizes", "unseen_action", "unseen_news")

    def __init__(self, obs: Observation):
        if not isinstance(obs.viewer, int):
            raise ValueError(f"only a seat imagines worlds, not {obs.viewer!r}")
        self.seat = obs.viewer
        self.base, self.unseen_action, self.unseen_news = _public_part(obs, obs.viewer)
        self.sizes = obs.hand_sizes

    def _deal(self, world: State, pool: list) -> None:
        _deal(world, pool, self.sizes, self.seat)

    def world(self, seed: int) -> State:
        """One world consistent with the observation; hidden cards and future dice from ``seed``."""
        world = self.base.clone()
        self._deal(world, _shuffled(self.unseen_action, seed, 0))
        world.news_deck = _shuffled(self.unseen_news, seed, 10_000)
        world.seed = draw(seed, 20_000, 2**62)
        return world


def imagine(obs: Observation, seed: int) -> State:
    """A state consistent with ``obs`` (a seat's observation), hidden cards and dice from ``seed``."""
    return Imagination(obs).world(seed)


def determinise(state: State, seat: int, seed: int) -> State:
    """A state consistent with what ``seat`` may know of ``state`` (``observe(state, seat)``)."""
    return imagine(observe(state, seat), seed)


def stand_in(obs: Observation) -> State:
    """A state for a screen that shows ``obs`` without holding the game (a hosted game's client,
    game.clients.remote), for any viewer. When the viewer knows everything (the facilitator;
    everyone once the game is over) it is the game's own state. Otherwise it is the public part
    and the viewer's own hand, with the cards the viewer cannot place dealt in the rules' card
    order into the other hands and the decks: placeholders no screen shows, standing where the
    engine expects cards (the viewer's menus and previews read the board and its own hand)."""
    seat = obs.viewer if isinstance(obs.viewer, int) else None
    state, action, news = _public_part(obs, seat)
    if obs.everything:
        state.hands = [list(h) for h in obs.hands]
        state.deck, state.news_deck = list(obs.deck), list(obs.news_deck)
        state.held, state.news_next = list(obs.held), list(obs.news_next)
        state.seed, state.counter = obs.seed, obs.counter
        return state
    _deal(state, action, obs.hand_sizes, seat)
    state.news_deck = news
    return state
