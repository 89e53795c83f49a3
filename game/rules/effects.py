"""Running the effect vocabulary against a state.

An effect either changes the state at once or asks a seat to decide (``choose``, an
``offer``), in which case it sets ``state.pending`` and the engine stops until the choice is
applied. ``if`` and answered offers return follow-up effects for the engine to queue.
"""

from __future__ import annotations

from game.rules import cards as C
from game.rules.model import CENTRAL_ASIA, COUNTRIES, OVER, Pending, State
from game.rules.moves import PENDING_OFFER, PENDING_OPTION
from game.rules.primitives import (
    add_vp,
    change_field,
    change_influence,
    change_track,
    set_base,
)

ALL = tuple(range(len(COUNTRIES)))
MIN_PROJECT_STABILITY = 2  # below this no project starts, and work under way stalls


def resolve_states(state: State, states, target: int | None) -> tuple:
    if states.__class__ is tuple:
        return states
    if states == C.TARGET:
        return () if target is None else (target,)
    if states == "csto":
        return state.rules.csto
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
            change_influence(state, power, country, effect.by, log)
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
            state.withdrawn = True
            if log is not None:
                log.append(("withdrawn",))
    return ()


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
