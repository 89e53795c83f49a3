"""The normal AI: one move of lookahead, averaged over a few possible worlds.

For each legal choice it applies the choice in ``WORLDS`` determinised states (other hands and
the dice imagined, never read) and scores the outcome with the seat's evaluation. The reason it
gives names the choice, its score and the next best alternatives.
"""

from __future__ import annotations

from game.ai.determinise import Imagination
from game.ai.evaluate import value
from game.rules.engine import legal_choices, step
from game.words.log import short_choice
from game.rules.model import State
from game.play.observer import ALTERNATIVES, observe

WORLDS = 3


def rank(state: State, seed: int, worlds: int = WORLDS) -> list[tuple[float, tuple]]:
    """Every legal choice with its mean value for the seat to move, best first."""
    seat = state.pending.seat
    imagined = Imagination(observe(state, seat))  # what the seat may know, and nothing else
    sampled = [imagined.world(seed + w) for w in range(worlds)]
    first = sampled[0]
    scored = []
    for index, choice in enumerate(legal_choices(state)):
        after = first.clone()
        step(after, choice)
        score = value(after, seat)
        if not _met_the_unknown(first, after):
            # The worlds differ only in hidden cards and future dice: a choice that drew
            # neither ends the same in all of them, so one evaluation stands for all.
            scored.append((score, -index, choice))
            continue
        total = score
        for world in sampled[1:]:
            after = world.clone()
            step(after, choice)
            total += value(after, seat)
        scored.append((total / worlds, -index, choice))
    scored.sort(reverse=True)
    return [(score, choice) for score, _, choice in scored]


def _met_the_unknown(before: State, after: State) -> bool:
    """Whether applying a choice rolled a die or drew a card (from a deck or the news)."""
    return (after.counter != before.counter or len(after.deck) != len(before.deck)
            or len(after.news_deck) != len(before.news_deck))


def explain(state: State, ranked: list[tuple[float, tuple]], alternatives: int = 2) -> str:
    score, choice = ranked[0]
    text = f"{short_choice(state, choice)} (value {score:+.2f})"
    others = [f"{short_choice(state, c)} {s:+.2f}" for s, c in ranked[1 : 1 + alternatives]]
    if others:
        text += ALTERNATIVES + ", ".join(others)  # read by this seat alone (game.play.observer)
    return text


def decide_normal_ranked(state: State, seed: int) -> tuple[tuple, str, list[tuple[float, tuple]]]:
    """The choice, its reason, and the ranked list they came from (best first): the design
    measure (game.clients.design) reads the best and next-best values from it."""
    ranked = rank(state, seed)
    return ranked[0][1], explain(state, ranked), ranked


def decide_normal(state: State, seed: int) -> tuple[tuple, str]:
    choice, reason, _ = decide_normal_ranked(state, seed)
    return choice, reason
