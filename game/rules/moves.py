"""The grammar of moves: what a move is, how it is made, written in a save and read back.

A move is a small tuple of strings; its first word is its kind. Seats choose among the
engine's legal choices; the facilitator of a seminar makes the White Cell's moves. This module
is the one place that knows the words: clients make moves with the functions below and ask
``kind_of`` / ``is_facilitator`` rather than comparing the first word themselves, and an
adjudication's target and change are built and taken apart here, nowhere else.

Seat choices:
    ("play", card, "event" | "ops")    a card from the hand
    ("play", card, "shelve")            shelve a rival's card: no event, no ops, 1 VP (once a turn)
    ("op", action, state) | ("op", action)   spend operations points (see game.rules.ops); an
                                        action for the whole region names no state
    ("end",)                             stop spending operations points
    ("target", state)                   the state a card's event targets
    ("option", "0" | "1" | ...)         an option of a card's ``choose``
    ("accept",) | ("reject",)           the Central Asian seat answers an offer
Facilitator moves:
    ("inject", card) | ("inject", card, seat)   the card's event happens now
    ("hold", card) | ("release", card) | ("next", card)   coming news held, put back, brought on
    ("adjust", what, "+N" | "-N")               an adjudication; ``what`` is a track
                                                (``tension``), ``FIELD:STATE`` or
                                                ``influence:POWER:STATE``
    ("note",)                                   an observation; its text is the move's reason
A team's prediction (game.play.predictions says which statements, and when a team may make one):
    ("predict", "70", statement, *args)         the seat to move records that it gives the
                                                statement (``reach tension 8 3``: tension
                                                reaches 8 by the end of turn 3) a 70% chance;
                                                nothing on the board changes

The text form (a save's ``choices``) is the words joined by single spaces.
"""

from __future__ import annotations

import attrs

# --- kinds ----------------------------------------------------------------------------------

PLAY, OP, END, TARGET, OPTION, ACCEPT, REJECT = "play", "op", "end", "target", "option", "accept", "reject"
EVENT, OPS, SHELVE = "event", "ops", "shelve"  # the ways of playing a card
INJECT, HOLD, RELEASE, NEXT, ADJUST, NOTE = "inject", "hold", "release", "next", "adjust", "note"
SEAT_KINDS = (PLAY, OP, END, TARGET, OPTION, ACCEPT, REJECT)
FACILITATOR_KINDS = (INJECT, HOLD, RELEASE, NEXT, ADJUST, NOTE)
NEWS_KINDS = (HOLD, RELEASE, NEXT)  # the facilitator's moves on the coming news
PREDICT = "predict"  # a team's prediction: not among the legal choices, and no facilitator move
INFLUENCE = "influence"  # the first word of an adjustable influence value


def kind_of(move: tuple) -> str:
    """The kind of a move ("" for an empty one)."""
    return move[0] if move else ""


def is_facilitator(move: tuple) -> bool:
    return bool(move) and move[0] in FACILITATOR_KINDS


def is_prediction(move: tuple) -> bool:
    return bool(move) and move[0] == PREDICT


def is_answer(move: tuple) -> bool:
    """An answer to an offer (accept or reject)."""
    return bool(move) and move[0] in (ACCEPT, REJECT)


# --- making moves ---------------------------------------------------------------------------


def play(card: str, mode: str) -> tuple:
    return (PLAY, card, mode)


def op(action: str, state: str | None = None) -> tuple:
    return (OP, action) if state is None else (OP, action, state)


def end() -> tuple:
    return (END,)


def target(state: str) -> tuple:
    return (TARGET, state)


def option(index: int) -> tuple:
    return (OPTION, str(index))


def accept() -> tuple:
    return (ACCEPT,)


def reject() -> tuple:
    return (REJECT,)


def inject(card: str, seat: str | None = None) -> tuple:
    return (INJECT, card) if seat is None else (INJECT, card, seat)


def news(kind: str, card: str) -> tuple:
    """A move on the coming news: hold, release or next."""
    if kind not in NEWS_KINDS:
        raise ValueError(f"expected one of {', '.join(NEWS_KINDS)}, found {kind!r}")
    return (kind, card)


def adjust(what: str, by: int) -> tuple:
    """An adjudication of ``what`` by ``by`` (written +N or -N)."""
    return (ADJUST, what, delta_text(by))


def note() -> tuple:
    return (NOTE,)


def predict(percent: int, statement: tuple) -> tuple:
    """A prediction: ``statement`` (its kind and its words, as game.play.predictions reads them)
    comes true with ``percent`` per cent chance."""
    return (PREDICT, str(percent), *map(str, statement))


def prediction_parts(move: tuple) -> tuple[str, tuple]:
    """(the percentage as written, the statement's words) of a prediction move."""
    return (move[1] if len(move) > 1 else ""), tuple(move[2:])


# --- the parts of a move --------------------------------------------------------------------


@attrs.frozen
class Target:
    """What an adjudication changes: a track; a state's field; a power's influence in a state.
    The words are as written, not yet checked against the board (game.play.seminar does that)."""

    field: str  # a track id, a field name, or "influence"
    state: str | None = None
    power: str | None = None


def split_target(what: str) -> Target | None:
    """``tension`` / ``stability:kazakhstan`` / ``influence:russia:kazakhstan`` as a Target;
    None when it has none of those shapes."""
    parts = what.split(":")
    if len(parts) == 1:
        return Target(what)
    if len(parts) == 2:
        return Target(parts[0], state=parts[1])
    if len(parts) == 3 and parts[0] == INFLUENCE:
        return Target(INFLUENCE, state=parts[2], power=parts[1])
    return None


def target_text(t: Target) -> str:
    if t.state is None:
        return t.field
    if t.power is None:
        return f"{t.field}:{t.state}"
    return f"{INFLUENCE}:{t.power}:{t.state}"


def delta_text(by: int) -> str:
    """+1, -2: a change as an adjust move writes it."""
    return f"+{by}" if by > 0 else str(by)


def parse_delta(text: str) -> int | None:
    """The change an adjust move's last word says, or None when it is no whole number."""
    try:
        return int(text)
    except ValueError:
        return None


# --- the text form --------------------------------------------------------------------------


def text(move: tuple) -> str:
    """A move as a save writes it."""
    return " ".join(map(str, move))


def parse(line: str) -> tuple | None:
    """A move read from a save's text, or None when the text holds no words. Whether the move
    is allowed is the game's to say (``Game.refusal``), not the grammar's."""
    words = tuple(line.split())
    return words or None


# --- what the engine waits for --------------------------------------------------------------
# The kinds of ``state.pending``: the decision a seat is asked for (not a move's kind, though
# some share a word).

PENDING_PLAY, PENDING_OPS, PENDING_TARGET, PENDING_OPTION, PENDING_OFFER = "play", "ops", "target", "option", "offer"
