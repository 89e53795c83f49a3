"""The normal AI: one move of lookahead, seen through to its end, averaged over a few worlds.

For each legal choice it applies the choice in ``WORLDS`` determinised states (other hands and
the dice imagined, never read) and follows what the choice sets in motion until the next card
play: the seat's own follow-up decisions (after "play X for ops" it spends the points; after an
event it picks the event's state or option) and the answers other seats give on the way (the
Central Asian seat's answer to an offer, a rival's target for its event fired by the seat's
ops), each made greedily, by one move of lookahead, by the seat that makes it. The end of that
line is scored with the seat's ``Outlook`` (game.ai.evaluate): its VP lead over the best rival
with the income to come, plus what the scoring cannot see yet (leads at risk and in reach,
borders at risk, shaky states).

Two small terms separate choices whose lines end on the same board: between choices whose lines
end level, the board right after the choice itself (of two orders of the same ops, take the
better first), and, for a card play, what the cards kept in hand are worth (of two cards that
buy the same, play the one whose other use is worth less).

The reason it gives names the choice, its score and the next best alternatives.
"""

from __future__ import annotations

from game.ai.determinise import Imagination
from game.ai.evaluate import Outlook
from game.rules.engine import legal_choices, step
from game.rules.moves import PLAY
from game.words.log import short_choice
from game.rules.model import State
from game.play.observer import ALTERNATIVES, observe

WORLDS = 3
FOLLOW_DEPTH = 12  # follow-up decisions followed after a choice, at most
NOW_WEIGHT = 0.05  # the board right after the choice, between choices whose lines end level
KEEP_WEIGHT = 0.1  # the best use of the card a play gives up, against the play itself
SECOND_USE = 0.25  # a card's second-best use, in what keeping it is worth


def _key(state: State) -> tuple:
    """What a line's end depends on: the board, the pending decision and the tasks queued
    (not the hands: the follow-up decisions and the evaluation do not read them)."""
    return (
        state.pending, state.queue, state.phase, state.turn, state.round, state.position, state.counter,
        tuple((c.stability, c.discontent, c.refugees, c.border, tuple(c.influence), tuple(c.bases), c.incursion)
              for c in state.countries),
        tuple(state.tracks), state.withdrawn, tuple(state.vp), tuple(state.projects), tuple(state.completed),
        len(state.deck), len(state.news_deck),
    )


class _Line:
    """Follows choices through their follow-up decisions in one imagined world, remembering
    every position it has seen through (two orders of the same ops meet on one board)."""

    __slots__ = ("outlook", "world", "seen")

    def __init__(self, outlook: Outlook, world: State):
        self.outlook = outlook
        self.world = world
        self.seen: dict = {}

    def end(self, state: State) -> tuple[list[float], bool]:
        """Every seat's value at the end of the line from ``state``, and whether the line rolled
        a die or drew a card on the way from the world it started in."""
        end = self.finish(state)
        return self.outlook.values(end), _met_the_unknown(self.world, end)

    def finish(self, state: State, depth: int = 0) -> State:
        """The position at the end of the line from ``state``: the next card play (or the end),
        every decision on the way made greedily by the seat that makes it. Never altered after."""
        p = state.pending
        if state.over or p is None or p.kind == PLAY or depth >= FOLLOW_DEPTH:
            return state
        key = _key(state)
        known = self.seen.get(key)
        if known is not None:
            return known
        choices = legal_choices(state)
        if len(choices) == 1:  # forced: nothing to weigh
            after = state.clone()
            step(after, choices[0])
            result = self.finish(after, depth + 1)
        else:
            mover = p.seat
            best, best_value = None, None
            for choice in choices:
                after = state.clone()
                step(after, choice)
                v = self.outlook.values(after)[mover]
                if best_value is None or v > best_value:
                    best, best_value = after, v
            result = self.finish(best, depth + 1)
        self.seen[key] = result
        return result

    def reply(self, end: State, seat: int) -> State:
        """The position after the next seat's card play from the end of ``seat``'s line, chosen
        as the normal AI would choose it (its best line's end by its own value), followed to
        its end: the hard AI's look one move further (game.ai.hard)."""
        p = end.pending
        if end.over or p is None or p.seat == seat:
            return end
        best, best_value = end, None
        for choice in legal_choices(end):
            after = end.clone()
            step(after, choice)
            finished = self.finish(after)
            v = self.outlook.values(finished)[p.seat]
            if best_value is None or v > best_value:
                best, best_value = finished, v
        return best


def rank(state: State, seed: int, worlds: int = WORLDS) -> list[tuple[float, tuple]]:
    """Every legal choice with its value for the seat to move, best first."""
    seat = state.pending.seat
    imagined = Imagination(observe(state, seat))  # what the seat may know, and nothing else
    sampled = [imagined.world(seed + w) for w in range(worlds)]
    first = sampled[0]
    outlook = Outlook(first)
    lines = [_Line(outlook, world) for world in sampled]
    choices = legal_choices(state)
    values = []
    afters = []
    for choice in choices:
        after = first.clone()
        step(after, choice)
        afters.append(after)  # the line below never changes it
        end, met = lines[0].end(after)
        end = end[seat]
        if met:
            # The worlds differ only in hidden cards and future dice: a line that drew
            # neither ends the same in all of them, so one stands for all.
            total = end
            for world, line in zip(sampled[1:], lines[1:]):
                again = world.clone()
                step(again, choice)
                total += line.end(again)[0][seat]
            end = total / worlds
        values.append(end)
    return ordered(choices, values, lambda i: outlook.values(afters[i])[seat])


def ordered(choices: list, values: list[float], now) -> list[tuple[float, tuple]]:
    """The choices with their values, best first: choices whose lines end on the same value are
    told apart by the board right after them (``now(i)``, the seat's value there, asked only
    for those), and card plays lose what the card would be worth kept (``_keeping``)."""
    values = values[:]
    groups: dict = {}
    for i, v in enumerate(values):
        groups.setdefault(v, []).append(i)
    for same in groups.values():
        if len(same) > 1:
            for i in same:
                values[i] += NOW_WEIGHT * now(i)
    values = _keeping(choices, values)
    scored = sorted(((v, -index, choice) for index, (v, choice) in enumerate(zip(values, choices))), reverse=True)
    return [(score, choice) for score, _, choice in scored]


def _keeping(choices: list, values: list[float]) -> list[float]:
    """Card plays less what the played card would be worth kept: its best use, and a little
    of its second."""
    uses: dict = {}
    for choice, v in zip(choices, values):
        if choice[0] == PLAY:
            uses.setdefault(choice[1], []).append(v)
    if len(uses) < 2:
        return values
    keep = {}
    for card, vs in uses.items():
        vs = sorted(vs, reverse=True)
        keep[card] = vs[0] + (SECOND_USE * vs[1] if len(vs) > 1 else 0.0)
    return [v - KEEP_WEIGHT * keep[c[1]] if c[0] == PLAY else v for c, v in zip(choices, values)]


def _met_the_unknown(before: State, after: State) -> bool:
    """Whether applying a choice rolled a die or drew a card (from a deck or the news)."""
    return (after.counter != before.counter or len(after.deck) != len(before.deck)
            or len(after.news_deck) != len(before.news_deck))


def explain(state: State, ranked: list[tuple[float, tuple]], alternatives: int = 2, note: str = "") -> str:
    """The choice and its value (with ``note``, what hard adds: the worlds it weighed), then
    the next best alternatives, which only the seat itself may read."""
    score, choice = ranked[0]
    text = f"{short_choice(state, choice)} (value {score:+.2f}{note})"
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
