"""Running the effect vocabulary against a state.

An effect either changes the state at once or asks a seat to decide (``choose``, an
``offer``), in which case it sets ``state.pending`` and the engine stops until the choice is
applied. ``if`` and answered offers return follow-up effects for the engine to queue.
"""

from __future__ import annotations

from game.rules import cards as C
from game.rules.model import BORDERING, CENTRAL_ASIA, COUNTRIES, OVER, SEAT_INDEX, TRACK_INDEX, Pending, State
from game.rules.moves import PENDING_OFFER, PENDING_OPTION
from game.rules.primitives import (
    add_vp,
    change_field,
    change_influence,
    change_track,
    roll,
    set_base,
    shuffle,
)

ALL = tuple(range(len(COUNTRIES)))
MIN_PROJECT_STABILITY = 2  # below this no project starts, and work under way stalls

# A contest for influence: a d6, +1 where the contesting power has a base, -1 where its rival
# has one. At or below BACKFIRE the intrigue backfires (the contester loses 1 influence and the
# state 1 stability: Central Asia resents being fought over); from TAKE_TWO the rival loses 2,
# otherwise 1. Between China and the US every contest raises Sino-American tension by 1.
CONTEST_DIE = 6
CONTEST_BACKFIRE = 2
CONTEST_TAKE_TWO = 5
CHINA_US = frozenset((SEAT_INDEX["china"], SEAT_INDEX["usa"]))
_TENSION = TRACK_INDEX["tension"]


def resolve_states(state: State, states, target: int | None) -> tuple:
    if states.__class__ is tuple:
        return states
    if states == C.TARGET:
        return () if target is None else (target,)
    if states == "csto":
        return state.rules.csto
    if states == "bordering":
        return BORDERING
    return state.rules.turkic


def _one_state(state: State, ref, target: int | None) -> int | None:
    if ref.__class__ is int:
        return ref
    found = resolve_states(state, ref, target)
    return found[0] if found else None


def holds(state: State, cond, actor: int | None, target: int | None) -> bool:
    kind = cond.__class__
    if kind is C.TrackIs:
        value = state.tracks[cond.track]
    elif kind is C.FieldIs:
        country = _one_state(state, cond.state, target)
        if country is None:
            return False
        value = getattr(state.countries[country], cond.field)
        if value is None:
            return False
    elif kind is C.WithdrawnIs:
        return state.withdrawn == cond.value
    elif kind is C.HasBase:
        country = _one_state(state, cond.state, target)
        power = actor if cond.power == C.SELF else cond.power
        return country is not None and power is not None and state.countries[country].bases[power]
    elif kind is C.Member:
        country = _one_state(state, cond.state, target)
        return country is not None and country in resolve_states(state, cond.group, None)
    else:  # Leads
        country = _one_state(state, cond.state, target)
        power = actor if cond.power == C.SELF else cond.power
        return country is not None and state.countries[country].leader() == power
    return (cond.lo is None or value >= cond.lo) and (cond.hi is None or value <= cond.hi)


def run(state: State, effect, actor: int | None, target: int | None, log: list | None) -> tuple:
    """Apply one effect. Returns follow-up effects to run next (before anything queued)."""
    kind = effect.__class__
    if kind is C.Adjust:
        for country in resolve_states(state, effect.states, target):
            change_field(state, country, effect.field, effect.by, log)
            if state.phase == OVER:  # a collapse ends the game at once, mid-effect too
                break
    elif kind is C.Influence:
        power = actor if effect.power == C.SELF else effect.power
        for country in resolve_states(state, effect.states, target):
            if effect.power == C.LEADER:
                power = state.countries[country].leader()
                if power is None:
                    continue
            change_influence(state, power, country, effect.by, log)
    elif kind is C.Contest:
        power = actor if effect.power == C.SELF else effect.power
        for country in resolve_states(state, effect.states, target):
            contest(state, power, effect.rival, country, log)
            if state.phase == OVER:
                break
    elif kind is C.Track:
        change_track(state, effect.track, effect.by, actor, log)
    elif kind is C.VP:
        add_vp(state, actor if effect.seat == C.SELF else effect.seat, effect.by, effect.category, log)
    elif kind is C.If:
        return effect.then if holds(state, effect.cond, actor, target) else effect.otherwise
    elif kind is C.Choose:
        state.pending = Pending(PENDING_OPTION, actor, options=effect.options, actor=actor, target=target)
    elif kind is C.Offer:
        country = _one_state(state, effect.states, target)
        if country is not None:
            power = actor if effect.power == C.SELF else effect.power
            state.pending = Pending(PENDING_OFFER, CENTRAL_ASIA, offer=effect, actor=power, target=country)
            if log is not None:
                log.append(("offer", power, effect.kind, country, effect.name))
    elif kind is C.Base:
        power = actor if effect.power == C.SELF else effect.power
        for country in resolve_states(state, effect.states, target):
            set_base(state, power, country, effect.open, log)
    elif kind is C.Project:
        for country in resolve_states(state, effect.states, target):
            start_project(state, actor, country, effect.turns, log)
    elif kind is C.Withdraw:
        if not state.withdrawn:
            withdraw(state, log)
    return ()


def contest(state: State, power: int, rival: int, country: int, log: list | None) -> None:
    """``power`` contests ``rival``'s influence in ``country`` (the table is above)."""
    bases = state.countries[country].bases
    modifier = (1 if bases[power] else 0) - (1 if bases[rival] else 0)
    die = roll(state, CONTEST_DIE) + 1
    total = die + modifier
    if total <= CONTEST_BACKFIRE:
        outcome = "backfire"
    elif total >= CONTEST_TAKE_TWO:
        outcome = "two"
    else:
        outcome = "one"
    if log is not None:
        log.append(("contest", power, rival, country, die, modifier, outcome))
    if outcome == "backfire":
        change_influence(state, power, country, -1, log)
        change_field(state, country, "stability", -1, log)
        if state.phase == OVER:
            return
    else:
        change_influence(state, rival, country, -2 if outcome == "two" else -1, log)
    if power in CHINA_US and rival in CHINA_US:
        change_track(state, _TENSION, 1, power, log)


def withdraw(state: State, log: list | None) -> None:
    """The US withdrawal completes, and the second period begins: the late cards join the
    action deck and the world deck, each shuffled in (Twilight Struggle's Mid War)."""
    state.withdrawn = True
    if log is not None:
        log.append(("withdrawn",))
    if not state.reserve:
        return
    cards = state.rules.cards
    action = [cid for cid in state.reserve if cards[cid].deck == "action"]
    news = [cid for cid in state.reserve if cards[cid].deck == "news"]
    state.reserve = []
    state.deck.extend(action)
    shuffle(state, state.deck)
    state.news_deck.extend(news)
    shuffle(state, state.news_deck)
    if log is not None:
        log.append(("period", "late", len(action), len(news)))


def has_project(state: State, owner: int, country: int) -> bool:
    """Whether ``owner`` has a project in ``country``, under way or completed."""
    for project in state.projects:
        if project[0] == owner and project[1] == country:
            return True
    return (owner, country) in state.completed


def start_project(state: State, owner: int, country: int, turns: int, log: list | None) -> None:
    """One project per owner and state, ever: a second start there is wasted (and a finished
    corridor cannot be built again to score twice)."""
    if has_project(state, owner, country):
        if log is not None:
            log.append(("project_dup", owner, country))
        return
    state.projects.append((owner, country, turns))
    if log is not None:
        log.append(("project_start", owner, country, turns))
