"""What each seat can buy with operations points.

An action is data: a price rule (``check``: the cost in ops, or the reason it cannot be bought
there) and its effects in the card vocabulary, run by the same code as a card's event. So what
the menu says an action does is read from what the engine runs (game.words.effect_words).

Every power can buy influence, start projects and contest a rival's influence; each has its own
security action and its own offer to the Central Asian seat (a base, a security pact, a
corridor, a cooperation agreement), which that seat accepts or rejects. Russia can also host
talks that rebuild the Moscow pledge. The Central Asian seat buys stability, jobs, border
guards, balance against the leading power, and calm between China and the US.
"""

from __future__ import annotations

from typing import Callable

import attrs

from game.rules import cards as C
from game.rules.effects import MIN_PROJECT_STABILITY, has_project
from game.rules.model import BORDERING, CENTRAL_ASIA, COUNTRIES, INFLUENCE_MAX, POWERS, SEAT_INDEX, SEAT_NAMES, \
    TRACK_INDEX, TRACK_MAX, TRACK_MIN, State
from game.rules.moves import OP
from game.rules.moves import end as _end

RUSSIA, TURKEY, CHINA, USA = (SEAT_INDEX[s] for s in POWERS)
_TENSION, _CSTO, _PLEDGE = TRACK_INDEX["tension"], TRACK_INDEX["csto"], TRACK_INDEX["pledge"]
PROJECT_TURNS = {RUSSIA: 2, TURKEY: 2, CHINA: 2, USA: 2}
PROJECT_NAMES = {
    RUSSIA: "Eurasian economic project",
    TURKEY: "Turkish market project",
    CHINA: "Belt and Road corridor",
    USA: "aid programme",
}
END = _end()

INFLUENCE_DEEP = 6  # from this much influence in a state, each more point costs 1 op extra
CONTEST_COST = 2


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
    """One action of a seat's menu.

    ``check(state, seat, country)`` gives its cost in ops there, or a short reason why it cannot
    be bought there (country is None for an action on the whole region). ``effects`` run with
    the seat as 'self' and the state as 'target'."""

    name: str
    label: str
    check: Callable[[State, int, int | None], int | str]
    effects: tuple
    regional: bool = False  # one choice for the whole region instead of one per state
    choices: tuple = attrs.field(init=False)

    def __attrs_post_init__(self):
        made = ((OP, self.name),) if self.regional else tuple((OP, self.name, c) for c in COUNTRIES)
        object.__setattr__(self, "choices", made)

    def places(self) -> tuple:
        """The countries (indices) a choice of this action names: (None,) for a regional one."""
        return (None,) if self.regional else tuple(range(len(COUNTRIES)))

    def cost(self, state: State, seat: int, country: int | None) -> int | None:
        """The cost in ops, or None where the action cannot be bought."""
        found = self.check(state, seat, country)
        return found if found.__class__ is int else None


# --- the price rules ------------------------------------------------------------------------


def _influence_cost(state, seat, country):
    c = state.countries[country]
    mine = c.influence[seat]
    if mine >= INFLUENCE_MAX:
        return f"at the cap of {INFLUENCE_MAX}"
    cost = 2 if mine >= INFLUENCE_DEEP else 1
    bases = c.bases
    for power in range(4):
        if power != seat and bases[power]:
            return cost + 1
    return cost


def _project_cost(state, seat, country):
    if state.countries[country].stability < MIN_PROJECT_STABILITY:
        return f"stability below {MIN_PROJECT_STABILITY}"
    if has_project(state, seat, country):
        return "already a project of yours there"
    return 3


def _power_name(power: int) -> str:
    return {"usa": "the US"}.get(POWERS[power], SEAT_NAMES[POWERS[power]])


def _contest_cost(rival: int):
    def check(state, seat, country):
        if state.countries[country].influence[rival] <= 0:
            return f"{_power_name(rival)} has no influence there"
        return CONTEST_COST
    return check


def _reinforce_cost(state, seat, country):
    ok = country in state.rules.csto or state.countries[country].bases[RUSSIA]
    return 2 if ok else "only in CSTO members or where Russia has a base"


def _talks_cost(state, seat, country):
    return 2 if state.tracks[_PLEDGE] < TRACK_MAX else "the pledge is already whole"


def _turkic_cost(cost: int):
    def check(state, seat, country):
        return cost if country in state.rules.turkic else "only in Turkic states"
    return check


def _needs_influence(minimum: int, cost: int):
    def check(state, seat, country):
        return cost if state.countries[country].influence[seat] >= minimum else f"needs {minimum}+ influence there"
    return check


def _pact_cost(state, seat, country):
    if country not in BORDERING:
        return "only to a state on the Afghan border"
    return "already in the CSTO" if country in state.rules.csto else 3


def _corridor_cost(state, seat, country):
    return "already a project of yours there" if has_project(state, seat, country) else 3


def _base_cost(state, seat, country):
    return "you already have a base there" if state.countries[country].bases[seat] else 3


def _stabilise_cost(state, seat, country):
    return 2 if state.countries[country].stability < TRACK_MAX else "stability is already 10"


def _jobs_cost(state, seat, country):
    return 1 if state.countries[country].discontent > 0 else "no youth discontent there"


def _guard_cost(state, seat, country):
    border = state.countries[country].border
    if border is None:
        return "no Afghan border"
    return 1 if border < TRACK_MAX else "the border is already 10"


def _balance_cost(state, seat, country):
    return 2 if state.countries[country].leader() is not None else "no power leads there"


def _calm_cost(state, seat, country):
    return 2 if state.tracks[_TENSION] > TRACK_MIN else "tension is already 0"


# --- the effects ----------------------------------------------------------------------------

_HAS_BORDER = C.FieldIs(C.TARGET, "border", 0, None)


def _guard_or_stabilise(border_by: int) -> C.If:
    """More border security where the state has an Afghan border, else 1 stability."""
    return C.If(_HAS_BORDER, (C.Adjust(C.TARGET, "border", border_by),), (C.Adjust(C.TARGET, "stability", 1),))


def _contests(seat: int) -> tuple:
    return tuple(
        Op(f"contest_{POWERS[rival]}", f"Contest {_power_name(rival)}", _contest_cost(rival),
           (C.Contest(C.SELF, rival, C.TARGET),))
        for rival in range(4) if rival != seat
    )


_INFLUENCE = Op("influence", "Influence", _influence_cost, (C.Influence(C.SELF, C.TARGET, 1),))


def _project(seat: int) -> Op:
    return Op("project", "Project", _project_cost, (C.Project(C.TARGET, PROJECT_TURNS[seat]),))


SEAT_OPS: tuple[tuple[Op, ...], ...] = (
    (  # Russia
        _INFLUENCE, _project(RUSSIA), *_contests(RUSSIA),
        Op("reinforce", "Reinforce", _reinforce_cost,
           (_guard_or_stabilise(2), C.If(C.Member("csto", C.TARGET), (C.Track(_CSTO, 1),)))),
        Op("propose_pact", "Propose security pact", _pact_cost, (OFFERS[RUSSIA],)),
        Op("moscow_talks", "Moscow talks", _talks_cost, (C.Track(_PLEDGE, 1),), regional=True),
    ),
    (  # Turkey
        _INFLUENCE, _project(TURKEY), *_contests(TURKEY),
        Op("military_cooperation", "Military cooperation", _turkic_cost(2),
           (_guard_or_stabilise(1), C.Influence(C.SELF, C.TARGET, 1))),
        Op("propose_cooperation", "Propose cooperation agreement", _turkic_cost(3), (OFFERS[TURKEY],)),
    ),
    (  # China
        _INFLUENCE, _project(CHINA), *_contests(CHINA),
        Op("security_cooperation", "Security cooperation", _needs_influence(2, 2),
           (C.Adjust(C.TARGET, "stability", 1), C.Track(_TENSION, 1))),
        Op("propose_corridor", "Propose corridor", _corridor_cost, (OFFERS[CHINA],)),
    ),
    (  # United States
        _INFLUENCE, _project(USA), *_contests(USA),
        Op("training", "Border training", _needs_influence(2, 2), (_guard_or_stabilise(1), C.Track(_TENSION, 1))),
        Op("propose_base", "Propose a base", _base_cost, (OFFERS[USA],)),
    ),
    (  # Central Asian states
        Op("stabilise", "Stabilise", _stabilise_cost, (C.Adjust(C.TARGET, "stability", 1),)),
        Op("jobs", "Jobs programme", _jobs_cost, (C.Adjust(C.TARGET, "discontent", -1),)),
        Op("guard", "Guard the border", _guard_cost, (C.Adjust(C.TARGET, "border", 1),)),
        Op("balance", "Balance the powers", _balance_cost, (C.Influence(C.LEADER, C.TARGET, -1),)),
        Op("not_our_confrontation", "Not our confrontation", _calm_cost, (C.Track(_TENSION, -1),), regional=True),
    ),
)
OPS_BY_NAME = {(seat, op.name): op for seat, ops in enumerate(SEAT_OPS) for op in ops}


def ops_choices(state: State, seat: int, points: int) -> list:
    out = []
    for op in SEAT_OPS[seat]:
        check = op.check
        if op.regional:
            cost = check(state, seat, None)
            if cost.__class__ is int and cost <= points:
                out.append(op.choices[0])
            continue
        choices = op.choices
        for country in range(5):
            cost = check(state, seat, country)
            if cost.__class__ is int and cost <= points:
                out.append(choices[country])
    out.append(END)
    return out


def place_of(choice: tuple) -> int | None:
    """The country an op choice names (None for an action on the whole region)."""
    return COUNTRIES.index(choice[2]) if len(choice) > 2 else None
