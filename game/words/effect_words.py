"""The card vocabulary in words: what an effect, or an offer's two answers, will do.

Clients show it before a choice is made (the offer dialog, card texts checked against their
effects); ``game.words.log`` says what did happen afterwards. 'self' and 'target' are resolved.
"""

from __future__ import annotations

import attrs

from game.rules import cards as C
from game.words.log import offer_words, article, country_name, seat_name
from game.rules.model import COUNTRIES, FIELD_NAMES, SEATS, TRACK_NAMES, TRACKS
from game.rules.moves import PENDING_OFFER
from game.rules.ops import PROJECT_NAMES
from game.rules.effects import CHINA_US, CONTEST_BACKFIRE, CONTEST_TAKE_TWO
from game.rules.primitives import HIGH_TENSION


def _contest_modifier(state, effect, actor, target) -> str:
    """The modifier a contest's die gets here, in words ("" where there is none or no state)."""
    if state is None or effect.states != C.TARGET or target is None:
        return ""
    power = actor if effect.power == C.SELF else effect.power
    bases = state.countries[target].bases
    modifier = (1 if bases[power] else 0) - (1 if bases[effect.rival] else 0)
    return f" {_signed(modifier)} for bases" if modifier else ""


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _states(state, selector, target) -> str:
    if selector == C.TARGET:
        return "—" if target is None else country_name(target)
    if selector == "csto":
        return "each CSTO member"
    if selector == "turkic":
        return "each Turkic state"
    if isinstance(selector, tuple):
        if len(selector) == len(COUNTRIES):
            return "every state"
        return ", ".join(country_name(c) for c in selector)
    return str(selector)


def _power(ref, actor) -> str:
    if ref == C.LEADER:
        return "the leading power's"
    return seat_name(actor if ref == C.SELF else ref)


def _place(ref, target) -> str:
    """The state a condition names: "the state" for a target not chosen yet."""
    if isinstance(ref, int):
        return country_name(ref)
    if ref == C.TARGET and target is None:
        return "the state"
    return _states(None, ref, target)


def _cond(cond, actor, target) -> str:
    kind = cond.__class__
    if kind is C.TrackIs or kind is C.FieldIs:
        if kind is C.TrackIs:
            what = TRACK_NAMES[TRACKS[cond.track]]
        else:
            place = _place(cond.state, target)
            if cond.field == "border" and cond.lo == 0 and cond.hi is None:
                return f"{place} has an Afghan border"
            what = f"{place} {FIELD_NAMES[cond.field]}"
        if cond.lo is not None and cond.hi is not None:
            return f"{what} is {cond.lo} to {cond.hi}"
        if cond.lo is not None:
            return f"{what} is {cond.lo} or more"
        return f"{what} is {cond.hi} or less"
    if kind is C.WithdrawnIs:
        return "the US has withdrawn" if cond.value else "the US has not withdrawn"
    if kind is C.HasBase:
        return f"{_power(cond.power, actor)} has a base in {_place(cond.state, target)}"
    if kind is C.Leads:
        return f"{_power(cond.power, actor)} leads in {_place(cond.state, target)}"
    if kind is C.Member:
        return f"{_place(cond.state, target)} is {_GROUPS[cond.group]}"
    return "a condition holds"


_GROUPS = {"csto": "a CSTO member", "turkic": "a Turkic state", "bordering": "on the Afghan border"}


def describe_effect(state, effect, actor: int | None, target: int | None) -> str:
    """One effect of the card vocabulary in words, with 'self' and 'target' resolved."""
    kind = effect.__class__
    if kind is C.Adjust:
        text = f"{FIELD_NAMES[effect.field]} {_signed(effect.by)} in {_states(state, effect.states, target)}"
        if (effect.field == "border" and effect.states == C.TARGET and target is not None and state is not None
                and state.countries[target].border is None):
            text += " (no Afghan border: no effect)"
        return text
    if kind is C.Influence:
        return f"{_power(effect.power, actor)} influence {_signed(effect.by)} in {_states(state, effect.states, target)}"
    if kind is C.Track:
        name = TRACK_NAMES[TRACKS[effect.track]]
        text = f"{name} {_signed(effect.by)}"
        if (TRACKS[effect.track] == "tension" and effect.by > 0 and actor is not None and state is not None
                and state.track("tension") + effect.by >= HIGH_TENSION and actor != SEATS.index("central_asia")):
            text += f" (at {HIGH_TENSION}+ that costs {seat_name(actor)} 1 VP)"
        return text
    if kind is C.VP:
        seat = actor if effect.seat == C.SELF else effect.seat
        return f"{seat_name(seat)} {_signed(effect.by)} VP"
    if kind is C.Base:
        verb = "opens" if effect.open else "closes"
        return f"{_power(effect.power, actor)} {verb} a base in {_states(state, effect.states, target)}"
    if kind is C.Project:
        name = PROJECT_NAMES.get(actor, "project") if actor is not None else "project"
        return f"{seat_name(actor)} starts {article(name)} in {_states(state, effect.states, target)} ({effect.turns} turns)"
    if kind is C.Withdraw:
        return "the US completes its withdrawal"
    if kind is C.Contest:
        power, rival = _power(effect.power, actor), seat_name(effect.rival)
        text = (f"{power} contests {rival}'s influence in {_states(state, effect.states, target)}: a d6"
                f"{_contest_modifier(state, effect, actor, target)}; {CONTEST_BACKFIRE} or less backfires ({power} "
                f"influence -1, stability -1 there), {CONTEST_TAKE_TWO}+ takes 2 from {rival}, otherwise 1")
        if {actor if effect.power == C.SELF else effect.power, effect.rival} == CHINA_US:
            text += "; Sino-American tension +1"
        return text
    if kind is C.If:
        then = "; ".join(describe_effect(state, e, actor, target) for e in effect.then) or "nothing"
        text = f"if {_cond(effect.cond, actor, target)}: {then}"
        if effect.otherwise:
            text += "; otherwise " + "; ".join(describe_effect(state, e, actor, target) for e in effect.otherwise)
        return text
    if kind is C.Choose:
        return "a choice: " + " / ".join(o.label for o in effect.options)
    if kind is C.Offer:
        return f"an offer of {offer_words(effect.kind, effect.name)}"
    return str(effect)


@attrs.frozen
class OfferTerms:
    """An offer to the Central Asian seat, spelt out for the dialog."""

    title: str  # "The US offers Uzbekistan a military base."
    accept: tuple  # lines: what accepting does
    reject: tuple  # lines: what rejecting does


def offer_terms(state) -> OfferTerms | None:
    """What accepting and rejecting the pending offer each do, in words (None: no offer)."""
    p = state.pending
    if p is None or p.kind != PENDING_OFFER:
        return None
    offer = p.offer
    title = f"{seat_name(p.actor)} offers {country_name(p.target)} {offer_words(offer.kind, offer.name)}."
    title = title[0].upper() + title[1:]
    accept = tuple(describe_effect(state, e, p.actor, p.target) for e in offer.accept) or ("nothing happens",)
    reject = tuple(describe_effect(state, e, p.actor, p.target) for e in offer.reject) or ("nothing happens",)
    return OfferTerms(title, accept, reject)


def op_effects(state, seat: int, op, country: int | None) -> str:
    """What an ops action does, in words, from the effects the engine runs."""
    return "; ".join(describe_effect(state, e, seat, country) for e in op.effects)
