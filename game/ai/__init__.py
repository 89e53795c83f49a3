"""Computer players. Each returns a legal choice and a one-line reason.

An AI draws its own chance from the game seed and a per-decision salt, never from the state's
counter, so thinking never changes the game's dice and the same position always gets the same
answer.
"""

from __future__ import annotations

import attrs

from game.ai.easy import decide_easy
from game.ai.hard import decide_hard
from game.ai.normal import decide_normal, decide_normal_ranked
from game.rules.engine import legal_choices
from game.rules.model import State
from game.rules.rng import draw

AI_SALT = 0x5EED_A1


@attrs.frozen
class Decision:
    choice: tuple
    reason: str


def ai_draw(state: State, salt: int, k: int, sides: int) -> int:
    return draw(state.seed ^ AI_SALT, salt * 1024 + k, sides)


def decide_random(state: State, salt: int) -> Decision:
    choices = legal_choices(state)
    return Decision(choices[ai_draw(state, salt, 0, len(choices))], "picked at random")


def normal_seed(state: State, salt: int) -> int:
    """The seed the normal AI imagines its worlds from, for the decision ``salt``."""
    return ai_draw(state, salt, 0, 2**62)


def decide_ranked(state: State, salt: int) -> tuple[Decision, list[tuple[float, tuple]]]:
    """The normal AI's decision exactly as ``decide('ai:normal', ...)`` makes it, with every
    legal choice ranked by value, best first (to measure how often the best two tie)."""
    choice, reason, ranked = decide_normal_ranked(state, normal_seed(state, salt))
    return Decision(choice, reason), ranked


def decide(controller: str, state: State, salt: int, think: float | None = None) -> Decision:
    """The move ``controller`` ('random', 'ai:easy', 'ai:normal', 'ai:hard') makes in ``state``.

    ``think`` gives hard a time budget in seconds (play); without it hard imagines a fixed number of
    worlds, so batch runs are reproducible.
    """
    if controller == "random":
        return decide_random(state, salt)
    if controller == "ai:easy":
        choice, reason = decide_easy(state, lambda k, sides: ai_draw(state, salt, k, sides))
        return Decision(choice, reason)
    if controller == "ai:normal":
        choice, reason = decide_normal(state, normal_seed(state, salt))
        return Decision(choice, reason)
    if controller == "ai:hard":
        seed = ai_draw(state, salt, 0, 2**62)
        if think is None:
            choice, reason = decide_hard(state, seed)
        else:
            choice, reason = decide_hard(state, seed, seconds=think)
        return Decision(choice, reason)
    raise ValueError(f"no AI for controller {controller!r}")


def answer(request, think: float | None = None) -> tuple[tuple, str]:
    """The (choice, reason) for a table's request (game.play.table.AIRequest), thought here."""
    d = decide(request.controller, request.state, request.salt, think)
    return tuple(d.choice), d.reason
