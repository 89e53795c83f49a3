"""What each seat can buy with operations points.

Every power can buy influence and start projects; each has its own security action and its
own offer to the Central Asian seat (a base, a security pact, a corridor, a cooperation
agreement), which that seat accepts or rejects. The Central Asian seat buys stability, jobs,
border guards and balance against the leading power.
"""

from __future__ import annotations

from typing import Callable

import attrs

from game.rules import cards as C
from game.rules.effects import MIN_PROJECT_STABILITY, has_project, start_project
from game.rules.model import BORDERING, CENTRAL_ASIA, COUNTRIES, SEAT_INDEX, TRACK_INDEX, State
from game.rules.moves import OP
from game.rules.moves import end as _end
from game.rules.primitives import change_field, change_influence, change_track

RUSSIA, TURKEY, CHINA, USA = (SEAT_INDEX[s] for s in ("russia", "turkey", "china", "usa"))
_TENSION, _CSTO = TRACK_INDEX["tension"], TRACK_INDEX["csto"]
PROJECT_TURNS = {RUSSIA: 2, TURKEY: 2, CHINA: 2, USA: 2}
PROJECT_NAMES = {
    RUSSIA: "Eurasian economic project",
    TURKEY: "Turkish market project",
    CHINA: "Belt and Road corridor",
    USA: "aid programme",
}
END = _end()


def _offer(power: int, kind: str, accept: list, reject: list) -> C.Offer:
    return C.Offer(power, C.TARGET, kind, tuple(accept), tuple(reject))


# What accepting and rejecting each power's offer does ("base proposal rejected" has a price).
OFFERS = {
    RUSSIA: _offer(
        RUSSIA, "pact",
        [C.Adjust(C.TARGET, "border", 2), C.Influence(C.SELF, C.TARGET, 2), C.Track(_CSTO, 1)],
        [C.Influence(C.SELF, C.TARGET, -1), C.Track(_CSTO, -1)],
    ),
    TURKEY: _offer(
        TURKEY, "cooperation",
        [C.Influence(C.SELF, C.TARGET, 1), C.VP(C.SELF, 2, "diplomacy"), C.Adjust(C.TARGET, "discontent", -1)],
        [C.Influence(C.SELF, C.TARGET, -1)],
    ),
    CHINA: _offer(
        CHINA, "corridor",
        [C.Project(C.TARGET, 3), C.Influence(C.SELF, C.TARGET, 1), C.Track(_TENSION, 1)],
        [C.Influence(C.SELF, C.TARGET, -1)],
    ),
    USA: _offer(
        USA, "base",
        [C.Base(C.SELF, C.TARGET, True), C.VP(C.SELF, 2, "diplomacy"), C.Influence(C.SELF, C.TARGET, 1),
         C.Adjust(C.TARGET, "border", 1), C.Adjust(C.TARGET, "stability", 1), C.Track(_TENSION, 2)],
        [C.Influence(C.SELF, C.TARGET, -1), C.VP(CENTRAL_ASIA, 1, "diplomacy")],
    ),
}


@attrs.frozen
class Op:
    name: str
    label: str
    help: str
    cost: Callable[[State, int, int], int | None]  # None where the op is not allowed
    perform: Callable[[State, int, int, list | None], tuple]  # follow-up effects
    choices: tuple = attrs.field(init=False)

    def __attrs_post_init__(self):
        object.__setattr__(self, "choices", tuple((OP, self.name, c) for c in COUNTRIES))


def _influence_cost(state, seat, country):
    c = state.countries[country]
    if c.influence[seat] >= 10:
        return None
    bases = c.bases
    for power in range(4):
        if power != seat and bases[power]:
            return 2
    return 1


def _influence(state, seat, country, log):
    change_influence(state, seat, country, 1, log)
    return ()


def _project_cost(state, seat, country):
    if state.countries[country].stability < MIN_PROJECT_STABILITY or has_project(state, seat, country):
        return None
    return 3


def _project(state, seat, country, log):
    start_project(state, seat, country, PROJECT_TURNS[seat], log)
    return ()


def _guard_or_stabilise(state, country, border_by, log):
    if state.countries[country].border is not None:
        change_field(state, country, "border", border_by, log)
    else:
        change_field(state, country, "stability", 1, log)


def _reinforce_cost(state, seat, country):
    ok = country in state.rules.csto or state.countries[country].bases[RUSSIA]
    return 2 if ok else None


def _reinforce(state, seat, country, log):
    _guard_or_stabilise(state, country, 2, log)
    if country in state.rules.csto:
        change_track(state, _CSTO, 1, seat, log)
    return ()


def _military_cooperation_cost(state, seat, country):
    return 2 if country in state.rules.turkic else None


def _military_cooperation(state, seat, country, log):
    _guard_or_stabilise(state, country, 1, log)
    change_influence(state, seat, country, 1, log)
    return ()


def _needs_influence(minimum, cost):
    def check(state, seat, country):
        return cost if state.countries[country].influence[seat] >= minimum else None

    return check


def _security_cooperation(state, seat, country, log):
    change_field(state, country, "stability", 1, log)
    change_track(state, _TENSION, 1, seat, log)
    return ()


def _training(state, seat, country, log):
    _guard_or_stabilise(state, country, 1, log)
    change_track(state, _TENSION, 1, seat, log)
    return ()


def _propose(state, seat, country, log):
    return (OFFERS[seat],)


def _pact_cost(state, seat, country):
    return 3 if country in BORDERING and country not in state.rules.csto else None


def _turkic_offer_cost(state, seat, country):
    return 3 if country in state.rules.turkic else None


def _corridor_cost(state, seat, country):
    return None if has_project(state, seat, country) else 3


def _base_cost(state, seat, country):
    return None if state.countries[country].bases[seat] else 3


def _stabilise_cost(state, seat, country):
    return 2 if state.countries[country].stability < 10 else None


def _stabilise(state, seat, country, log):
    change_field(state, country, "stability", 1, log)
    return ()


def _jobs_cost(state, seat, country):
    return 1 if state.countries[country].discontent > 0 else None


def _jobs(state, seat, country, log):
    change_field(state, country, "discontent", -1, log)
    return ()


def _guard_cost(state, seat, country):
    border = state.countries[country].border
    return 1 if border is not None and border < 10 else None


def _guard(state, seat, country, log):
    change_field(state, country, "border", 1, log)
    return ()


def _balance_cost(state, seat, country):
    return 2 if state.countries[country].leader() is not None else None


def _balance(state, seat, country, log):
    change_influence(state, state.countries[country].leader(), country, -1, log)
    return ()


_INFLUENCE = Op("influence", "Influence", "+1 influence (2 ops where another power has a base)",
                _influence_cost, _influence)
_PROJECT = Op("project", "Project", "start a project that pays when complete", _project_cost, _project)

SEAT_OPS: tuple[tuple[Op, ...], ...] = (
    (  # Russia
        _INFLUENCE, _PROJECT,
        Op("reinforce", "Reinforce", "+2 border (or +1 stability); CSTO members +1 CSTO credibility",
           _reinforce_cost, _reinforce),
        Op("propose_pact", "Propose security pact", "offer a pact to a non-CSTO border state",
           _pact_cost, _propose),
    ),
    (  # Turkey
        _INFLUENCE, _PROJECT,
        Op("military_cooperation", "Military cooperation", "+1 border (or stability) and +1 influence",
           _military_cooperation_cost, _military_cooperation),
        Op("propose_cooperation", "Propose cooperation agreement", "offer an agreement to a Turkic state",
           _turkic_offer_cost, _propose),
    ),
    (  # China
        _INFLUENCE, _PROJECT,
        Op("security_cooperation", "Security cooperation", "+1 stability, +1 tension",
           _needs_influence(2, 2), _security_cooperation),
        Op("propose_corridor", "Propose corridor", "offer a Belt and Road corridor", _corridor_cost, _propose),
    ),
    (  # United States
        _INFLUENCE, _PROJECT,
        Op("training", "Border training", "+1 border (or stability), +1 tension",
           _needs_influence(2, 2), _training),
        Op("propose_base", "Propose a base", "offer a military base agreement", _base_cost, _propose),
    ),
    (  # Central Asian states
        Op("stabilise", "Stabilise", "+1 stability", _stabilise_cost, _stabilise),
        Op("jobs", "Jobs programme", "-1 youth discontent", _jobs_cost, _jobs),
        Op("guard", "Guard the border", "+1 border security", _guard_cost, _guard),
        Op("balance", "Balance the powers", "-1 influence for the leading power", _balance_cost, _balance),
    ),
)
OPS_BY_NAME = {(seat, op.name): op for seat, ops in enumerate(SEAT_OPS) for op in ops}


def ops_choices(state: State, seat: int, points: int) -> list:
    out = []
    for op in SEAT_OPS[seat]:
        cost_of = op.cost
        choices = op.choices
        for country in range(5):
            cost = cost_of(state, seat, country)
            if cost is not None and cost <= points:
                out.append(choices[country])
    out.append(END)
    return out
