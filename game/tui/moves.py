"""Making a move step by step, from the engine's legal choices only.

The engine offers flat choices (``("op", "influence", "tajikistan")``); a player thinks in
steps: which card, then event or ops; which action, then where. ``menu`` groups the legal
choices by the steps taken so far, and an item either leads one step further or stands for
exactly one legal choice. Nothing is invented here: every choice an item carries came out of
``legal_choices``, so the interface cannot offer an illegal move. No Textual in this module.
"""

from __future__ import annotations

import attrs

from game.rules import moves as M
from game.words.log import country_name, describe_choice, seat_name, short_choice
from game.rules.model import COUNTRIES, SEATS
from game.rules.engine import SHELVE_VP
from game.rules.ops import OPS_BY_NAME, SEAT_OPS, place_of
from game.words.effect_words import contest_risk, describe_effect, offer_terms, op_detail, ops_text


@attrs.frozen
class Item:
    key: str  # what this item adds to the path when chosen
    label: str  # one line for the list
    detail: str = ""  # more, for the panel under the list (card text, what an op does)
    choice: tuple | None = None  # the legal choice it stands for; None: it opens a next step
    country: int | None = None  # the state it concerns, for the map to highlight
    card: str | None = None  # the card it concerns, for the card panel
    reason: str | None = None  # set: greyed, it cannot be chosen now, and this says why

    @property
    def greyed(self) -> bool:
        return self.reason is not None


# The states in the order the map reads them (north to south, west to east), as
# game.tui.widgets.board.MAP_ORDER (a test keeps the two the same): a "where?" menu lists all
# five in this order, so a digit always names the same state.
MAP_ORDER = (4, 2, 1, 3, 0)


@attrs.frozen
class Menu:
    prompt: str
    items: tuple


def owner_text(card, seat: int) -> str:
    if card.seat is None:
        return "neutral"
    if card.seat == seat:
        return "yours"
    return f"{seat_name(card.seat)}'s"


def hand_label(card, seat: int) -> str:
    """'Title (3 ops) · your card', or whose it is: every seat's card says whose (a neutral
    card, nobody's, says nothing)."""
    owner = owner_text(card, seat)
    whose = "" if owner == "neutral" else f" · {'your' if owner == 'yours' else owner} card"
    return f"{card.title} ({card.ops} ops){whose}"


def card_detail(card) -> str:
    """The card's text, its quote from the article and its question for discussion."""
    lines = [card.text.strip()]
    if card.source and card.source.quote:
        lines.append(f"“{card.source.quote}”")
    if card.question:
        lines.append(f"Discussion: {card.question}")
    return "\n".join(lines)


def current_event(log: list | None, state=None) -> str | None:
    """The card whose event is being resolved: the last one the log says fired. A card the
    facilitator injected in the middle of a decision is skipped once it has run its course
    (the engine then resumes the decision it interrupted, which belongs to the earlier card)."""
    log = log or ()
    resuming = state is not None and any(task[0] == "resume" for task in state.queue)
    for i in range(len(log) - 1, -1, -1):
        entry = log[i]
        if entry[0] == "event":
            injected = i > 0 and log[i - 1][0] == "inject" and log[i - 1][1] == entry[1]
            if injected and not resuming:
                continue
            return entry[1]
        if entry[0] in ("turn",):
            break
    return None


def menu(state, legal: list, path: tuple = (), log: list | None = None) -> Menu:
    """The items to choose from after the steps in ``path`` (keys of earlier items).

    ``log`` (the game's) names the event being resolved when the engine's pending decision
    does not (an option of a news card)."""
    p = state.pending
    if p is None:
        return Menu("The game is over.", ())
    cards = state.rules.cards
    who = seat_name(p.seat)
    who = who[0].upper() + who[1:]
    if p.kind == M.PENDING_PLAY:
        if not path:
            items, seen = [], set()
            for choice in legal:
                cid = choice[1]
                if cid in seen:
                    continue
                seen.add(cid)
                card = cards[cid]
                items.append(Item(cid, hand_label(card, p.seat), card_detail(card), card=cid))
            return Menu(f"{who}: choose a card to play", tuple(items))
        cid = path[0]
        card = cards[cid]
        items = []
        for choice in legal:
            if choice[1] != cid:
                continue
            if choice[2] == M.EVENT:
                items.append(Item("event", "For its event", card.text.strip(), choice, card=cid))
            elif choice[2] == M.SHELVE:
                items.append(Item("shelve", f"Shelve it ({-SHELVE_VP} VP)",
                                  f"Neither its event nor its ops: the card is discarded unplayed and you lose "
                                  f"{SHELVE_VP} VP. Once a turn, and only a rival's card.", choice, card=cid))
            else:
                detail = f"Spend {card.ops} operations points on your own actions, one at a time."
                if card.seat is not None and card.seat != p.seat:
                    detail += f" {seat_name(card.seat)[0].upper() + seat_name(card.seat)[1:]}'s event fires first, for them: {card.text.strip()}"
                items.append(Item("ops", f"For {card.ops} operations points", detail, choice, card=cid))
        return Menu(f"{card.title}: for its event or for ops?", tuple(items))
    if p.kind == M.PENDING_OPS:
        return ops_menu(state, legal, path, who)
    if p.kind == M.PENDING_TARGET:  # all five states in map order, as an ops "where?"
        card = cards[p.card]
        allowed = {c[1]: c for c in legal}
        items = []
        for c in MAP_ORDER:
            choice = allowed.get(COUNTRIES[c])
            does = "; ".join(describe_effect(state, e, p.actor, c) for e in card.effects)
            detail = f"Does here: {does}." if choice else f"Not here: not a target of {card.title}."
            items.append(Item(COUNTRIES[c], country_name(c), detail + "\n" + card.text.strip(), choice,
                              country=c, card=p.card, reason=None if choice else "not a target of this card"))
        return Menu(f"{who}: choose the target of {card.title}", tuple(items))
    if p.kind == M.PENDING_OPTION:
        cid = p.card or current_event(log, state)
        detail = card_detail(cards[cid]) if cid else ""
        items = tuple(Item(c[1], describe_choice(state, c), detail, c, card=cid) for c in legal)
        title = cards[cid].title if cid else "the event"
        return Menu(f"{who}: choose how to play {title}", items)
    terms = offer_terms(state)
    items = (
        Item("accept", "Accept", offer_detail(terms, True, p.target), M.accept(), country=p.target),
        Item("reject", "Reject", offer_detail(terms, False, p.target), M.reject(), country=p.target),
    )
    return Menu(f"{who}: {terms.title} Accept or reject?", items)


def offer_detail(terms, accept: bool, country: int | None = None) -> str:
    """What one answer to an offer does, and the VP it puts at stake for each seat ('in
    Uzbekistan' is 'there' when the prompt names the state)."""
    lines, vp = (terms.accept, terms.accept_vp) if accept else (terms.reject, terms.reject_vp)
    text = ("Accepting: " if accept else "Rejecting: ") + "; ".join(lines) + "."
    if country is not None:
        text = text.replace(f" in {country_name(country)}", " there")
    return (f"VP: {vp}.\n" if vp else "") + text


def _why_not(found: int | str, points: int) -> str | None:
    """Why an action cannot be bought (None: it can): the price rule's reason, or the points."""
    if found.__class__ is int:
        return None if found <= points else f"needs {ops_text(found)}, {points} left"
    return found


def ops_menu(state, legal: list, path: tuple, who: str) -> Menu:
    """A seat's whole menu of actions, every time in the same order, then "end": what cannot be
    bought now stays in the list, greyed, with the reason (so a digit always picks the same
    action). The next step lists all five states, in map order, the same way."""
    p = state.pending
    seat, points = p.seat, p.points
    allowed = set(legal)
    title = state.rules.cards[p.card].title if p.card else "the card"
    if not path:
        items = []
        for op in SEAT_OPS[seat]:
            if op.regional:
                found = op.check(state, seat, None)
                why = _why_not(found, points)
                choice = op.choices[0]
                if why is None and choice not in allowed:
                    why = "not allowed now"
                label = f"{op.label} ({ops_text(found)})" if found.__class__ is int else op.label
                detail = op_detail(state, seat, op, None, points, found)
                items.append(Item(op.name, label, detail, None if why else choice, reason=why))
                continue
            found = {c: op.check(state, seat, c) for c in MAP_ORDER}
            open_ = {c: f for c, f in found.items()
                     if _why_not(f, points) is None and op.choices[c] in allowed}
            costs = sorted(set(open_.values())) or sorted({f for f in found.values() if f.__class__ is int})
            label = op.label
            if costs:
                label += f" ({ops_text(costs[0])})" if len(costs) == 1 else f" ({costs[0]}–{ops_text(costs[-1])})"
            why = None
            if not open_:
                if costs and costs[0] > points:
                    why = f"needs {ops_text(costs[0])}, {points} left"
                elif costs:
                    why = "not allowed now"
                else:
                    reasons = list(dict.fromkeys(f for f in found.values() if f.__class__ is str))
                    why = "; ".join(reasons) if reasons else "not allowed now"
            if open_:
                where = ", ".join(f"{country_name(c)} {open_[c]}" for c in MAP_ORDER if c in open_)
                head = f"Where, in ops: {where}."
            elif costs:
                head = f"Not now: {why}."
            else:
                head = "Not now: " + "; ".join(f"{country_name(c)}: {found[c]}" for c in MAP_ORDER) + "."
            detail = head + "\n" + op_detail(state, seat, op, None, points, None)
            items.append(Item(op.name, label, detail, reason=why))
        end = describe_choice(state, M.end())
        items.append(Item("end", end, "Stop here; unspent points are lost.", M.end()))
        return Menu(f"{who}: {ops_text(points)} left ({title})", tuple(items))
    name = path[0]
    op = OPS_BY_NAME[(seat, name)]
    items = []
    for c in MAP_ORDER:
        found = op.check(state, seat, c)
        why = _why_not(found, points)
        choice = op.choices[c]
        if why is None and choice not in allowed:
            why = "not allowed now"
        label = country_name(c) + (f" ({ops_text(found)})" if found.__class__ is int else "")
        items.append(Item(COUNTRIES[c], label, op_detail(state, seat, op, c, points, found),
                          None if why else choice, country=c, reason=why))
    return Menu(f"{op.label}: where? ({ops_text(points)} left)", tuple(items))


def summary(state, choice: tuple) -> str:
    """The sentence shown before committing a choice."""
    p = state.pending
    who = seat_name(p.seat)
    who = who[0].upper() + who[1:]
    kind = M.kind_of(choice)
    if kind == M.PLAY:
        card = state.rules.cards[choice[1]]
        if choice[2] == M.EVENT:
            return f"{who} plays {card.title} for its event: {card.text.strip()}"
        if choice[2] == M.SHELVE:
            return f"{who} shelves {card.title}: no event, no ops, -{SHELVE_VP} VP."
        extra = ""
        if card.seat is not None and card.seat != p.seat:
            extra = f" {seat_name(card.seat)[0].upper() + seat_name(card.seat)[1:]}'s event fires first."
        return f"{who} plays {card.title} for {card.ops} operations points.{extra}"
    if kind == M.END:
        return f"{who} ends its operations" + (f", leaving {p.points} ops unspent." if p.points else ".")
    if M.is_answer(choice):
        terms = offer_terms(state)
        lines = terms.accept if kind == M.ACCEPT else terms.reject
        return f"{who}: {short_choice(state, choice)} — " + "; ".join(lines) + "."
    text = f"{who}: {describe_choice(state, choice)}"
    if kind == M.OP:  # the risk is repeated where the move is committed
        op = OPS_BY_NAME[(p.seat, choice[1])]
        risk = contest_risk(state, p.seat, op, place_of(choice))
        if risk:
            text += f". Odds: {risk}."
    return text


def seat_key(seat: int) -> str:
    return SEATS[seat]
