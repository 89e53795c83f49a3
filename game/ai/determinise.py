"""A possible world, as one seat may imagine it.

An AI must not read other seats' hands, the deck order or the game's seed (with the seed it
could replay the shuffle and foresee every die). ``determinise`` builds a full state from what
``seat`` may know: the board, the played cards, its own hand, and only the *sizes* of hidden
piles; the unseen cards are dealt at random into the other hands and the decks, and chance
gets a fresh seed. Searching such worlds is honest by construction: the result depends only
on the view and the AI's own seed.
"""

from __future__ import annotations

from game.model import State
from game.rng import draw
from game.visibility import public_dated_news, unseen_news


def _shuffled(cards: list, seed: int, salt: int) -> list:
    cards = sorted(cards)  # forget the order they came in, which could leak the deck
    for i in range(len(cards) - 1, 0, -1):
        j = draw(seed, salt + i, i + 1)
        cards[i], cards[j] = cards[j], cards[i]
    return cards


def determinise(state: State, seat: int, seed: int) -> State:
    """A state consistent with ``seat``'s view; hidden cards and future dice drawn from ``seed``."""
    rules = state.rules
    world = state.clone()
    seen_action = set(state.hands[seat]) | set(state.discard) | set(state.removed)
    unseen_action = [cid for cid, card in rules.cards.items() if card.deck == "action" and cid not in seen_action]
    pool = _shuffled(unseen_action, seed, 0)
    for other in range(len(state.hands)):
        if other != seat:
            size = len(state.hands[other])
            world.hands[other] = pool[:size]
            pool = pool[size:]
    world.deck = pool
    # The news as the seat knows it: the dated cards on their dates, the rest shuffled. What the
    # facilitator held back or queued to come next is not for the seat to know, so the world
    # has neither pile (and each card lies in exactly one place).
    world.news_dated = public_dated_news(state)
    world.news_deck = _shuffled(unseen_news(state), seed, 10_000)
    world.held, world.news_next = [], []
    world.seed = draw(seed, 20_000, 2**62)
    world.counter = 0
    return world
