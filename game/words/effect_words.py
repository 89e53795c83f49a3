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
from game.rules.effects import CHINA_US, CONTEST_BACKFIRE, CONTEST_DIE, CONTEST_TAKE_TWO, MIN_PROJECT_STABILITY, holds, run
from game.rules.model import OVER
from game.rules.primitives import HIGH_TENSION
from game.rules.scoring import PROJECT_VP, turn_scores


def _contest_modifier(state, effect, actor, target) -> str:
    """The modifier a contest's die gets here, in words ("" where there is none or no state)."""
    if state is None or effect.states != C.TARGET or target is None:
        return ""
    power = actor if effect.power == C.SELF else effect.power
    modifier = contest_modifier(state, power, effect.rival, target)
    return f" {_signed(modifier)} for bases" if modifier else ""


def contest_modifier(state, power: int, rival: int, country: int) -> int:
    """What a contest's die gets in ``country``, as game.rules.effects.contest reckons it."""
    bases = state.countries[country].bases
    return (1 if bases[power] else 0) - (1 if bases[rival] else 0)


def contest_odds(state, power: int, rival: int, country: int) -> tuple[int, int, int]:
    """Of the die's CONTEST_DIE faces, how many backfire, take 1 and take 2 in ``country``
    (the table of game.rules.effects.contest with this state's modifier)."""
    modifier = contest_modifier(state, power, rival, country)
    backfire = one = two = 0
    for die in range(1, CONTEST_DIE + 1):
        total = die + modifier
        if total <= CONTEST_BACKFIRE:
            backfire += 1
        elif total >= CONTEST_TAKE_TWO:
            two += 1
        else:
            one += 1
    return backfire, one, two


def _tension_cost(state, actor, by: int) -> str:
    """The VP a seat pays for raising tension to HIGH_TENSION or more from here ("" if none)."""
    if (by > 0 and actor is not None and state is not None and actor != SEATS.index("central_asia")
            and state.track("tension") + by >= HIGH_TENSION):
        return f" (at {HIGH_TENSION}+ that costs {seat_name(actor)} 1 VP)"
    return ""


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
        if TRACKS[effect.track] == "tension":
            text += _tension_cost(state, actor, effect.by)
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
            text += "; Sino-American tension +1" + _tension_cost(state, actor, 1)
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
    accept_vp: str = ""  # the VP at stake if accepted, per seat (stakes_words)
    reject_vp: str = ""  # ... if rejected


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
    first = SEATS.index("central_asia")
    accept_vp = stakes_words(vp_stakes(state, offer.accept, p.actor, p.target), first)
    reject_vp = stakes_words(vp_stakes(state, offer.reject, p.actor, p.target), first)
    return OfferTerms(title, accept, reject, accept_vp, reject_vp)


def op_effects(state, seat: int, op, country: int | None) -> str:
    """What an ops action does, in words, from the effects the engine runs."""
    return "; ".join(describe_effect(state, e, seat, country) for e in op.effects)


# --- what a choice is worth in VP, by the engine's own effects and scoring -------------------

_UNCOUNTABLE = (C.Contest, C.Choose, C.Offer)  # a die, or a decision still to come


@attrs.frozen
class Stakes:
    """The VP a set of effects moves, per seat: at once, and at every upkeep while the board
    stays as they leave it (game.rules.scoring.turn_scores before and after)."""

    now: dict  # seat -> VP gained or lost at once (a tension cost included)
    upkeep: dict  # seat -> the change in what the seat scores at each upkeep
    collapse: bool = False  # the effects collapse a state: the game ends at once


def _flatten_ok(effects) -> bool:
    for e in effects:
        if isinstance(e, _UNCOUNTABLE):
            return False
        if e.__class__ is C.If and not (_flatten_ok(e.then) and _flatten_ok(e.otherwise)):
            return False
    return True


def vp_stakes(state, effects, actor: int | None, target: int | None) -> Stakes | None:
    """Run ``effects`` on a copy of the state, as the engine would (game.rules.effects.run),
    and compare the VP and the upkeep's scores before and after. None where the outcome is not
    fixed (a die, a choice or an offer still to come)."""
    if state is None or not _flatten_ok(effects):
        return None
    after = state.clone()
    todo = list(effects)
    while todo and after.phase != OVER:
        follow = run(after, todo.pop(0), actor, target, None)
        todo[0:0] = list(follow)
    now = {seat: after.vp[seat] - state.vp[seat] for seat in range(len(SEATS)) if after.vp[seat] != state.vp[seat]}
    if after.phase == OVER:
        return Stakes(now, {}, collapse=True)
    before = [0] * len(SEATS)
    for seat, points, _ in turn_scores(state):
        before[seat] += points
    later = [0] * len(SEATS)
    for seat, points, _ in turn_scores(after):
        later[seat] += points
    upkeep = {seat: later[seat] - before[seat] for seat in range(len(SEATS)) if later[seat] != before[seat]}
    return Stakes(now, upkeep)


def _seat_order(seats: dict, first: int | None) -> list:
    return sorted(seats, key=lambda s: (s != first, s))


def stakes_words(stakes: Stakes | None, first: int | None = None) -> str:
    """'the US +2 VP now; each upkeep: the US +2, Russia -2' ('' if nothing can be said:
    a die or a decision still to come)."""
    if stakes is None:
        return ""
    parts = []
    if stakes.now:
        parts.append(", ".join(f"{seat_name(s)} {_signed(stakes.now[s])}" for s in _seat_order(stakes.now, first))
                     + " now")
    if stakes.collapse:
        parts.append("a state collapses: the game ends")
    elif stakes.upkeep:
        parts.append("per upkeep on this board: " + ", ".join(
            f"{seat_name(s)} {_signed(stakes.upkeep[s])}" for s in _seat_order(stakes.upkeep, first)))
    return "; ".join(parts) if parts else "none, now or at upkeep"


def ops_text(n: int) -> str:
    return f"{n} op" if n == 1 else f"{n} ops"


def contest_risk(state, seat: int, op, country: int | None) -> str:
    """A contest's odds in ``country`` in words ("" for another action or no state)."""
    if state is None or country is None:
        return ""
    for e in op.effects:
        if e.__class__ is C.Contest:
            power = seat if e.power == C.SELF else e.power
            backfire, one, two = contest_odds(state, power, e.rival, country)
            held = state.countries[country].influence[e.rival]
            modifier = contest_modifier(state, power, e.rival, country)
            die = f"d{CONTEST_DIE}" + (f" {_signed(modifier)} for bases" if modifier else "")
            n = CONTEST_DIE
            return (f"{die}: backfire {backfire} in {n}, take 1: {one} in {n}, take 2: {two} in {n} "
                    f"({seat_name(e.rival)} has {held} here)")
    return ""


def _contest_here(state, effect, seat: int, country: int) -> str:
    """A contest in one state, when its odds are shown beside it: what each outcome does."""
    power = seat if effect.power == C.SELF else effect.power
    place = country_name(country)
    text = (f"a backfire costs {seat_name(power)} 1 influence and {place} 1 stability; "
            f"otherwise {seat_name(effect.rival)} loses 1 or 2 influence there")
    if {power, effect.rival} == CHINA_US:
        text += "; either way Sino-American tension +1" + _tension_cost(state, power, 1)
    return text


def project_words(op) -> str:
    """What a project pays when it completes (game.rules.scoring.advance_projects)."""
    for e in op.effects:
        if e.__class__ is C.Project:
            return (f"When done: +{PROJECT_VP} VP, influence +1, discontent -1; "
                    f"stalls while stability is below {MIN_PROJECT_STABILITY}")
    return ""


def _here(state, effects, seat: int, country: int) -> list:
    """The effects as they will run in ``country`` on this board: each 'if' replaced by the
    branch that holds now (the ops' conditions are a state's border and memberships)."""
    out = []
    for e in effects:
        if e.__class__ is C.If:
            out.extend(_here(state, e.then if holds(state, e.cond, seat, country) else e.otherwise, seat, country))
        else:
            out.append(e)
    return out


def op_detail(state, seat: int, op, country: int | None, points: int, cost: int | str | None) -> str:
    """Everything a menu says about one action (in one state, or over the region): what it
    costs or why it cannot be bought, its odds, what it does and the VP at stake. All of it
    read from the action's price rule and effects, the contest table and the scoring."""
    lines = []
    known = state is not None and (country is not None or op.regional)
    counted = known and cost.__class__ is not str  # no VP for what the rules forbid there
    if cost is None:
        pass  # the caller says the cost (a menu of several states)
    elif cost.__class__ is int:
        if cost <= points:
            lines.append(f"Costs {ops_text(cost)} ({points - cost} left after).")
        else:
            lines.append(f"Not now: needs {ops_text(cost)}, {points} left.")
    else:
        lines.append(f"Not {'now' if op.regional or country is None else 'here'}: {cost}.")
    risk = "" if cost.__class__ is str else contest_risk(state, seat, op, country)
    if risk:
        lines.append(f"Odds: {risk}.")
    effects = _here(state, op.effects, seat, country) if known and not op.regional else op.effects
    offer = next((e for e in effects if e.__class__ is C.Offer), None)
    if offer is None:
        does = "; ".join(_contest_here(state, e, seat, country) if risk and e.__class__ is C.Contest
                         else describe_effect(state, e, seat, country) for e in effects) or "nothing here"
        lines.append(f"Does: {does.replace(' in —', ' there')}.")
    else:
        target = None if op.regional else country
        lines.append(f"Offers {offer_words(offer.kind, offer.name)}; Central Asia decides.")
        for word, answer in (("Accepted", offer.accept), ("Rejected", offer.reject)):
            text = "; ".join(describe_effect(state, e, seat, target) for e in answer).replace(" in —", " there")
            vp = stakes_words(vp_stakes(state, answer, seat, target), seat) if counted else ""
            lines.append(f"{word}: {text}." + (f" VP: {vp}." if vp else ""))
    extra = project_words(op)
    if extra:
        lines.append(extra + ".")
    if offer is None and counted:
        vp = stakes_words(vp_stakes(state, effects, seat, country), seat)
        if vp:
            lines.append(f"VP: {vp}.")
    return "\n".join(lines)
