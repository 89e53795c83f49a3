"""Rules scenarios, DATC style: one mechanism, one position, one choice, the exact result.

Every expected number below is worked out from the rules (engine.py, effects.py, ops.py,
taliban.py, scoring.py, primitives.py and the card texts), never copied from a run. The numbers
the designers tune (the named constants in game/taliban.py, game/scoring.py, game/primitives.py
and game/ops.py) are imported, and each test sets its position relative to them: a test about a
threshold puts one value at it and one just below, so retuning a number changes no test while
changing a mechanism breaks one. Card texts (cards/*.yaml) are quoted where a test plays a card.

Positions start from the fixed board in positions.py (``BOARD_TRACKS``, ``BOARD_STATES``; not
the scenario file):

    tracks: momentum 5, pledge 5, discipline 5, tension 4, csto 5; VP all 0
    state         stab disc refg border  influence R/T/C/US  bases    member of
    tajikistan      5    6    2    5      4/1/2/1            russia   CSTO
    uzbekistan      6    6    1    5      2/2/2/2                     Turkic
    turkmenistan    6    4    0    5      2/2/3/0                     Turkic
    kyrgyzstan      5    5    0    -      4/2/2/1            russia   CSTO, Turkic
    kazakhstan      7    3    0    -      4/2/3/1                     CSTO, Turkic

Turn 1's initiative order is russia, turkey, china, usa, central_asia.
"""

from __future__ import annotations

import attrs
import pytest

from game.rules import cards as Cd
from game.rules.cards import Rules
from game.rules.effects import holds
from game.rules.engine import IllegalChoice, _advance, apply, legal_choices, new_game
from game.words.log import describe
from game.rules.model import COUNTRIES, COUNTRY_INDEX, POWERS, SEAT_INDEX, SEATS, TRACK_INDEX, TRACK_MAX, Pending
from game.rules.ops import OFFERS, PROJECT_TURNS
from game.rules.primitives import COLLAPSE_PENALTY_CA, COLLAPSE_PENALTY_CSTO, HIGH_TENSION, end_game
from game.rules.rng import draw
from game.rules.scoring import (
    BORDER_HELD_VP,
    CALM_TENSION,
    CORRIDOR_STABILITY,
    CSTO_CREDIBLE,
    CSTO_LEAD_VP,
    HOST_VP,
    MIN_PROJECT_STABILITY,
    PROJECT_VP,
    STABLE,
    TRADE_PARTNER_INFLUENCE,
    TRADE_PARTNER_STATES,
    TRADE_PARTNER_VP,
    TURKIC_PRESENCE,
    advance_projects,
    score_turn,
    upkeep,
)
from game.rules.taliban import (
    PLEDGE,
    PRESS_PLEDGE,
    RAID,
    RAID_MARGIN,
    RAID_PRESSURE,
    RECRUIT,
    RECRUIT_CHANCE,
    RECRUIT_DISCONTENT,
    REFUGEES,
    REGROUP,
    choose_operation,
    HEAVY_INCURSION,
    MOMENTUM_NEED,
    MOMENTUM_NEED_WITHDRAWN,
    MOMENTUM_SHARE,
    PRESSURE_DIE,
    RADICAL_DISCONTENT,
    REFUGEE_CRISIS,
    REFUGEE_MOMENTUM,
    taliban_phase,
)
from positions import (
    C,
    CA,
    R,
    T,
    U,
    all_cards,
    changes,
    give,
    last_seat,
    position,
    shuffled,
    to_play,
    to_spend,
    where,
)

SEED = 1
TAJ, UZB, TKM, KGZ, KAZ = range(5)


def vp_changes(gains: dict, start: int = 0) -> dict:
    """The ``changes`` entries for VP gains ``{seat: {category: gain}}`` from ``start`` VP (the
    categories start at 0); a gain of 0 changes nothing and has no entry."""
    out = {}
    for seat, by_category in gains.items():
        total = sum(by_category.values())
        if total:
            out[f"vp.{seat}"] = (start, start + total)
        for category, gain in by_category.items():
            if gain:
                out[f"vp.{seat}.{category}"] = (0, gain)
    return out


def play(rules, seat, hand, **board):
    """A position where ``seat`` holds ``hand`` and must play a card (turn 1, first round)."""
    s = position(rules, SEED, **board)
    give(s, seat, hand)
    return to_play(s, seat)


def run(state, *choices, log=None):
    for choice in choices:
        state = apply(state, choice, log)
    return state


def op_choices(state, action):
    """The states where ``action`` is offered to the seat spending ops."""
    return {c[2] for c in legal_choices(state) if c[0] == "op" and c[1] == action}


# --- playing cards ------------------------------------------------------------------------------


def test_own_card_for_its_event(rules):
    # No shady plans (Russia): pledge +2, Russian influence +1 in Tajikistan.
    s = play(rules, "russia", ["no-shady-plans", "csto-stands-guard"])
    s2 = apply(s, ("play", "no-shady-plans", "event"))
    assert changes(s, s2) == {"pledge": (5, 7), "tajikistan.influence.russia": (4, 5)}
    assert where(s2, "no-shady-plans") == "discard"
    assert s2.hands[R] == ["csto-stands-guard"]
    assert s2.pending == Pending("play", T)  # next in initiative order
    assert all_cards(s2) == all_cards(s)
    assert s2.counter == s.counter  # no chance was drawn


def test_neutral_card_for_its_event_acts_for_the_player(rules):
    # Back-channel talks (no owner), played by the last seat of the first round: pledge +1,
    # discipline +1; then the second round begins with Russia.
    s = play(rules, "central_asia", ["back-channel-talks"])
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert changes(s, s2) == {"pledge": (5, 6), "discipline": (5, 6)}
    assert ("event", "back-channel-talks", CA) in log
    assert (s2.round, s2.position, s2.pending) == (1, 0, Pending("play", R))


def test_own_card_for_ops_fires_no_event(rules):
    s = play(rules, "russia", ["impregnable-border"])
    log = []
    s2 = apply(s, ("play", "impregnable-border", "ops"), log)
    assert changes(s, s2) == {}
    assert s2.pending == Pending("ops", R, card="impregnable-border", points=3)
    assert where(s2, "impregnable-border") == "discard"
    assert log == [("play", R, "impregnable-border", "ops")]


def test_opponents_card_for_ops_fires_the_owners_event_for_the_owner_first(rules):
    # Russia plays Turkish market (Turkey's, 2 ops) for ops: Turkey's event fires for Turkey,
    # who picks the Turkic state; then Russia spends 2 ops.
    s = play(rules, "russia", ["turkish-market"])
    log = []
    s1 = apply(s, ("play", "turkish-market", "ops"), log)
    assert s1.pending == Pending("target", T, card="turkish-market", options=(UZB, KAZ, KGZ, TKM), actor=T)
    assert log[-1] == ("event", "turkish-market", T)
    s2 = apply(s1, ("target", "kazakhstan"))
    # Turkish influence +1 there, and a 3-turn Turkish project there.
    assert changes(s, s2) == {"kazakhstan.influence.turkey": (2, 3), "projects": ((), (("turkey", "kazakhstan", 3),))}
    assert s2.pending == Pending("ops", R, card="turkish-market", points=2)


def test_opponents_card_options_are_chosen_by_the_owner(rules):
    # The Central Asian seat plays Not Turkey, not China (Russia's, 2 ops) for ops: Russia
    # picks the CSTO state and the rival to edge out.
    s = play(rules, "central_asia", ["not-turkey-not-china"])
    s1 = run(s, ("play", "not-turkey-not-china", "ops"), ("target", "kyrgyzstan"))
    assert s1.pending.kind == "option" and s1.pending.seat == R and s1.pending.target == KGZ
    assert [o.label for o in s1.pending.options] == ["Edge out Ankara", "Edge out Beijing", "Edge out Washington"]
    s2 = apply(s1, ("option", "2"))
    assert changes(s, s2) == {"kyrgyzstan.influence.russia": (4, 5), "kyrgyzstan.influence.usa": (1, 0)}
    assert s2.pending == Pending("ops", CA, card="not-turkey-not-china", points=2)


def test_opponents_offer_card_for_ops_is_made_by_its_owner(rules):
    # China plays Base proposal (the US's, 3 ops) for ops: the US picks the state, the Central
    # Asian seat answers, then China spends 3 ops. (Tension 0: +2 stays below HIGH_TENSION.)
    s = play(rules, "china", ["base-proposal"], tension=0, uzbekistan={"stability": 6, "influence": {"usa": 2}})
    s1 = run(s, ("play", "base-proposal", "ops"))
    assert (s1.pending.kind, s1.pending.seat) == ("target", U)
    s1 = apply(s1, ("target", "uzbekistan"))
    assert (s1.pending.kind, s1.pending.seat, s1.pending.actor, s1.pending.target) == ("offer", CA, U, UZB)
    s2 = apply(s1, ("accept",))
    # Accepted: a US base opens, US influence +1, stability +1, US +2 VP, tension +2.
    assert changes(s, s2) == {
        "uzbekistan.bases": ((), ("usa",)), "uzbekistan.influence.usa": (2, 3), "uzbekistan.stability": (6, 7),
        "vp.usa": (0, 2), "vp.usa.events": (0, 2), "tension": (0, 2),
    }
    assert s2.pending == Pending("ops", C, card="base-proposal", points=3)


def test_an_opponents_card_cannot_be_played_for_its_event(rules):
    s = play(rules, "russia", ["turkish-market", "no-shady-plans", "back-channel-talks"])
    assert set(legal_choices(s)) == {
        ("play", "turkish-market", "ops"), ("play", "turkish-market", "shelve"),
        ("play", "no-shady-plans", "event"), ("play", "no-shady-plans", "ops"),
        ("play", "back-channel-talks", "event"), ("play", "back-channel-talks", "ops"),
    }
    with pytest.raises(IllegalChoice):
        apply(s, ("play", "turkish-market", "event"))


@pytest.fixture(scope="module")
def once_rules(rules):
    """The real rules with No shady plans marked ``once`` (no shipped action card is)."""
    cards = dict(rules.cards)
    cards["no-shady-plans"] = attrs.evolve(cards["no-shady-plans"], once=True)
    return Rules.build(cards, rules.scenario)


def test_once_card_is_removed_after_its_event(once_rules):
    s = play(once_rules, "russia", ["no-shady-plans"])
    s2 = apply(s, ("play", "no-shady-plans", "event"))
    assert where(s2, "no-shady-plans") == "removed"
    assert s2.track("pledge") == 7


def test_once_card_played_by_its_owner_for_ops_stays_in_the_game(once_rules):
    s = play(once_rules, "russia", ["no-shady-plans"])
    s2 = apply(s, ("play", "no-shady-plans", "ops"))
    assert where(s2, "no-shady-plans") == "discard"
    assert changes(s, s2) == {}


def test_once_card_played_by_an_opponent_for_ops_fires_and_is_removed(once_rules):
    s = play(once_rules, "usa", ["no-shady-plans"])
    s2 = apply(s, ("play", "no-shady-plans", "ops"))
    assert where(s2, "no-shady-plans") == "removed"
    assert changes(s, s2) == {"pledge": (5, 7), "tajikistan.influence.russia": (4, 5)}
    assert s2.pending == Pending("ops", U, card="no-shady-plans", points=2)


# --- operations -----------------------------------------------------------------------------------


def spend(rules, seat, points, **board):
    return to_spend(position(rules, SEED, **board), seat, points)


def test_influence_costs_one(rules):
    s = spend(rules, "turkey", 1)
    # Russia has bases in Tajikistan and Kyrgyzstan: 2 ops there for Turkey, so not with 1.
    assert op_choices(s, "influence") == {"uzbekistan", "turkmenistan", "kazakhstan"}
    s2 = apply(s, ("op", "influence", "uzbekistan"))
    assert changes(s, s2) == {"uzbekistan.influence.turkey": (2, 3)}
    assert s2.pending == Pending("play", C)  # all ops spent: the next seat plays


def test_influence_costs_two_where_another_power_has_a_base(rules):
    s = spend(rules, "turkey", 3)
    log = []
    s2 = apply(s, ("op", "influence", "tajikistan"), log)
    assert changes(s, s2) == {"tajikistan.influence.turkey": (1, 2)}
    assert log[0] == ("op", T, "influence", TAJ, 2)
    assert s2.pending == Pending("ops", T, points=1)


def test_influence_costs_one_where_only_the_buyer_has_a_base(rules):
    s = spend(rules, "russia", 1)
    assert op_choices(s, "influence") == {"tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}


def test_influence_is_not_offered_at_10(rules):
    s = spend(rules, "china", 4, uzbekistan={"influence": {"china": 10}})
    assert "uzbekistan" not in op_choices(s, "influence")
    assert "turkmenistan" in op_choices(s, "influence")


def test_ops_points_carry_over_until_spent_or_ended(rules):
    s = spend(rules, "russia", 3)
    s1 = apply(s, ("op", "influence", "uzbekistan"))
    assert s1.pending == Pending("ops", R, points=2)
    s2 = apply(s1, ("op", "influence", "uzbekistan"))
    assert s2.pending == Pending("ops", R, points=1)
    log = []
    s3 = apply(s2, ("end",), log)
    assert log == [("ops_end", R, 1)]
    assert changes(s, s3) == {"uzbekistan.influence.russia": (2, 4)}
    assert s3.pending == Pending("play", T)


def test_end_is_always_offered_and_only_affordable_ops_are(rules):
    s = spend(rules, "russia", 1)
    legal = legal_choices(s)
    assert ("end",) in legal
    assert {c[1] for c in legal if c[0] == "op"} == {"influence"}  # everything else costs 2 or 3


@pytest.mark.parametrize("seat", ["russia", "turkey", "china", "usa"])
def test_project_costs_three_and_starts_the_seats_project(rules, seat):
    s = spend(rules, seat, 3)
    s2 = apply(s, ("op", "project", "kazakhstan"))
    assert changes(s, s2) == {"projects": ((), ((seat, "kazakhstan", PROJECT_TURNS[SEAT_INDEX[seat]]),))}
    assert op_choices(spend(rules, seat, 2), "project") == set()


def test_project_is_not_offered_below_stability_2_or_where_the_seat_has_one(rules):
    # ops.py refuses a project below stability 2, and where the seat has one under way or
    # completed; other seats' projects do not matter.
    s = spend(rules, "china", 3, tajikistan={"stability": 1}, uzbekistan={"stability": 2},
              turkmenistan={"stability": 6}, kyrgyzstan={"stability": 5}, kazakhstan={"stability": 7})
    s.projects = [(C, KGZ, 2), (T, KAZ, 1)]  # China's own under way in Kyrgyzstan, Turkey's in Kazakhstan
    s.completed = [(C, TKM), (U, UZB)]  # China's own completed in Turkmenistan, the US's in Uzbekistan
    assert op_choices(s, "project") == {"uzbekistan", "kazakhstan"}


@pytest.mark.parametrize("projects, completed, started", [
    ([(T, KAZ, 1)], [], False),  # Turkey's own project is under way there
    ([], [(T, KAZ)], False),  # Turkey's own project there is completed: one per state, ever
    ([(C, KAZ, 2), (T, UZB, 1)], [(U, KAZ), (T, TKM)], True),  # others' there, or Turkey's elsewhere
], ids=["under-way", "completed", "others"])
def test_a_second_project_of_one_owner_in_a_state_is_wasted(rules, projects, completed, started):
    # Turkish market (Turkey): Turkish influence +1 in a Turkic state, and a 3-turn Turkish
    # project there.
    s = play(rules, "turkey", ["turkish-market"], kazakhstan={"influence": {"turkey": 2}})
    s.projects, s.completed = list(projects), list(completed)
    log = []
    s2 = run(s, ("play", "turkish-market", "event"), ("target", "kazakhstan"), log=log)
    expected = {"kazakhstan.influence.turkey": (2, 3)}
    if started:
        before = tuple((SEATS[o], COUNTRIES[i], left) for o, i, left in projects)
        expected["projects"] = (before, before + (("turkey", "kazakhstan", 3),))
    assert changes(s, s2) == expected
    assert (("project_dup", T, KAZ) in log) == (not started)
    assert s2.completed == list(completed)


def test_russian_reinforce_in_a_csto_border_state(rules):
    s = spend(rules, "russia", 2)
    s2 = apply(s, ("op", "reinforce", "tajikistan"))
    assert changes(s, s2) == {"tajikistan.border": (5, 7), "csto": (5, 6)}


def test_russian_reinforce_in_a_csto_state_without_a_border_stabilises(rules):
    s = spend(rules, "russia", 2)
    s2 = apply(s, ("op", "reinforce", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "csto": (5, 6)}


def test_russian_reinforce_outside_the_csto_needs_a_russian_base(rules):
    s = spend(rules, "russia", 2)
    assert op_choices(s, "reinforce") == {"tajikistan", "kyrgyzstan", "kazakhstan"}
    s = spend(rules, "russia", 2, uzbekistan={"bases": ["russia"]})
    assert op_choices(s, "reinforce") == {"tajikistan", "uzbekistan", "kyrgyzstan", "kazakhstan"}
    s2 = apply(s, ("op", "reinforce", "uzbekistan"))
    assert changes(s, s2) == {"uzbekistan.border": (5, 7)}  # not a member: no CSTO credibility


def test_security_pact_is_offered_only_to_non_csto_border_states(rules):
    assert op_choices(spend(rules, "russia", 3), "propose_pact") == {"uzbekistan", "turkmenistan"}


def test_turkish_military_cooperation(rules):
    s = spend(rules, "turkey", 2)
    assert op_choices(s, "military_cooperation") == {"uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}
    s2 = apply(s, ("op", "military_cooperation", "uzbekistan"))
    assert changes(s, s2) == {"uzbekistan.border": (5, 6), "uzbekistan.influence.turkey": (2, 3)}
    s3 = apply(s, ("op", "military_cooperation", "kyrgyzstan"))
    assert changes(s, s3) == {"kyrgyzstan.stability": (5, 6), "kyrgyzstan.influence.turkey": (2, 3)}


def test_cooperation_agreement_is_offered_only_to_turkic_states(rules):
    assert op_choices(spend(rules, "turkey", 3), "propose_cooperation") == {
        "uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}


def test_chinese_security_cooperation_needs_influence_2(rules):
    s = spend(rules, "china", 2, tension=0, tajikistan={"influence": {"china": 1}})
    assert op_choices(s, "security_cooperation") == {"uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}
    s2 = apply(s, ("op", "security_cooperation", "kyrgyzstan"))
    assert changes(s, s2) == {"kyrgyzstan.stability": (5, 6), "tension": (0, 1)}


def test_corridor_is_not_offered_where_china_has_a_project_or_a_completed_one(rules):
    s = spend(rules, "china", 3)
    s.projects = [(C, UZB, 1), (U, TKM, 1)]
    s.completed = [(C, KAZ)]
    assert op_choices(s, "propose_corridor") == {"tajikistan", "turkmenistan", "kyrgyzstan"}


def test_us_border_training_needs_influence_2(rules):
    s = spend(rules, "usa", 2, tension=0, kazakhstan={"influence": {"usa": 2}})
    assert op_choices(s, "training") == {"uzbekistan", "kazakhstan"}  # US influence 1/2/0/1/2
    s2 = apply(s, ("op", "training", "uzbekistan"))
    assert changes(s, s2) == {"uzbekistan.border": (5, 6), "tension": (0, 1)}
    s3 = apply(s, ("op", "training", "kazakhstan"))
    assert changes(s, s3) == {"kazakhstan.stability": (7, 8), "tension": (0, 1)}


def test_base_proposal_is_not_offered_where_the_us_already_has_a_base(rules):
    s = spend(rules, "usa", 3, uzbekistan={"bases": ["usa"]})
    assert op_choices(s, "propose_base") == {"tajikistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}


def test_central_asian_ops(rules):
    s = spend(rules, "central_asia", 2, kazakhstan={"stability": 10, "discontent": 0},
              tajikistan={"stability": 5, "discontent": 6}, turkmenistan={"border": 5, "influence": {"china": 3}})
    # stabilise (2): stability below 10; jobs (1): discontent above 0; guard (1): a border
    # below 10; balance (2): a state with a single leader (Uzbekistan is a four-way tie).
    assert op_choices(s, "stabilise") == {"tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan"}
    assert op_choices(s, "jobs") == {"tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan"}
    assert op_choices(s, "guard") == {"tajikistan", "uzbekistan", "turkmenistan"}
    assert op_choices(s, "balance") == {"tajikistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}
    assert changes(s, apply(s, ("op", "stabilise", "tajikistan"))) == {"tajikistan.stability": (5, 6)}
    assert changes(s, apply(s, ("op", "jobs", "tajikistan"))) == {"tajikistan.discontent": (6, 5)}
    assert changes(s, apply(s, ("op", "guard", "turkmenistan"))) == {"turkmenistan.border": (5, 6)}
    assert changes(s, apply(s, ("op", "balance", "turkmenistan"))) == {"turkmenistan.influence.china": (3, 2)}


def test_central_asian_guard_is_not_offered_at_border_10(rules):
    s = spend(rules, "central_asia", 1, tajikistan={"border": 10})
    assert op_choices(s, "guard") == {"uzbekistan", "turkmenistan"}


# --- offers -------------------------------------------------------------------------------------


def answer(power: int, accepted: bool) -> dict:
    """How much each effect of a power's answered offer (ops.OFFERS) moves, by what it moves:
    a field of the offered state by name, ``influence`` (the offering power's, there), a track
    by name, ``vp`` (the offering power's) or ``vp.central_asia``, ``base`` (opened there) and
    ``project`` (its turns, for the offering power, there). Asserts each effect is aimed as the
    tests below expect, so a changed target or beneficiary shows up here, not as a wrong number."""
    out = {}
    offer = OFFERS[power]
    for e in offer.accept if accepted else offer.reject:
        if isinstance(e, Cd.Adjust):
            assert e.states == Cd.TARGET
            key, value = e.field, e.by
        elif isinstance(e, Cd.Influence):
            assert (e.power, e.states) == (Cd.SELF, Cd.TARGET)
            key, value = "influence", e.by
        elif isinstance(e, Cd.Track):
            key, value = list(TRACK_INDEX)[e.track], e.by
        elif isinstance(e, Cd.VP):
            assert e.category == "diplomacy"
            key, value = ("vp" if e.seat == Cd.SELF else f"vp.{SEATS[e.seat]}"), e.by
        elif isinstance(e, Cd.Base):
            assert (e.power, e.states, e.open) == (Cd.SELF, Cd.TARGET, True)
            key, value = "base", True
        else:
            assert isinstance(e, Cd.Project) and e.states == Cd.TARGET, e
            key, value = "project", e.turns
        assert key not in out, f"two effects move {key}"
        out[key] = value
    return out


def _pact_accepted(a):
    return {"uzbekistan.border": (5, 5 + a["border"]), "uzbekistan.influence.russia": (2, 2 + a["influence"]),
            "csto": (5, 5 + a["csto"])}


def _pact_rejected(a):
    return {"uzbekistan.influence.russia": (2, 2 + a["influence"]), "csto": (5, 5 + a["csto"])}


def _cooperation_accepted(a):
    return {"kazakhstan.influence.turkey": (2, 2 + a["influence"]), "kazakhstan.discontent": (3, 3 + a["discontent"]),
            **vp_changes({"turkey": {"diplomacy": a["vp"]}})}


def _cooperation_rejected(a):
    return {"kazakhstan.influence.turkey": (2, 2 + a["influence"])}


def _corridor_accepted(a):
    return {"projects": ((), (("china", "kyrgyzstan", a["project"]),)),
            "kyrgyzstan.influence.china": (2, 2 + a["influence"]), "tension": (0, a["tension"])}


def _corridor_rejected(a):
    return {"kyrgyzstan.influence.china": (2, 2 + a["influence"])}


def _base_accepted(a):
    # A US base opens; US VP and influence there; the host's border and stability rise; tension.
    return {"uzbekistan.bases": ((), ("usa",)), "uzbekistan.influence.usa": (2, 2 + a["influence"]),
            "uzbekistan.border": (5, 5 + a["border"]), "uzbekistan.stability": (6, 6 + a["stability"]),
            "tension": (0, a["tension"]), **vp_changes({"usa": {"diplomacy": a["vp"]}})}


def _base_rejected(a):
    return {"uzbekistan.influence.usa": (2, 2 + a["influence"]),
            **vp_changes({"central_asia": {"diplomacy": a["vp.central_asia"]}})}


OFFER_CASES = [
    # (power, op, state, accept?, the exact changes given the amounts in ops.OFFERS)
    ("russia", "propose_pact", "uzbekistan", True, _pact_accepted),
    ("russia", "propose_pact", "uzbekistan", False, _pact_rejected),
    ("turkey", "propose_cooperation", "kazakhstan", True, _cooperation_accepted),
    ("turkey", "propose_cooperation", "kazakhstan", False, _cooperation_rejected),
    ("china", "propose_corridor", "kyrgyzstan", True, _corridor_accepted),
    ("china", "propose_corridor", "kyrgyzstan", False, _corridor_rejected),
    ("usa", "propose_base", "uzbekistan", True, _base_accepted),
    ("usa", "propose_base", "uzbekistan", False, _base_rejected),
]


@pytest.mark.parametrize("power, op, state, accepted, expected", OFFER_CASES,
                         ids=[f"{c[1]}-{'accept' if c[3] else 'reject'}" for c in OFFER_CASES])
def test_offer_answered(rules, power, op, state, accepted, expected):
    # Tension 0, so no answer raises it to HIGH_TENSION; the states as in BOARD_STATES.
    s = spend(rules, power, 3, tension=0, csto=5,
              uzbekistan={"stability": 6, "border": 5, "influence": {"russia": 2, "usa": 2}},
              kyrgyzstan={"influence": {"china": 2}}, kazakhstan={"discontent": 3, "influence": {"turkey": 2}})
    p = SEAT_INDEX[power]
    s1 = apply(s, ("op", op, state))
    # The decision belongs to the Central Asian seat; the offer remembers who made it, where.
    assert s1.pending == Pending("offer", CA, offer=OFFERS[p], actor=p, target=COUNTRY_INDEX[state])
    assert legal_choices(s1) == [("accept",), ("reject",)]
    assert changes(s, s1) == {}  # nothing happens before the answer
    s2 = apply(s1, ("accept",) if accepted else ("reject",))
    assert changes(s, s2) == expected(answer(p, accepted))
    assert s2.pending == Pending("play", (p + 1) % 5)  # 3 ops spent: the next seat plays


def test_an_accepted_base_raises_the_hosts_border_and_stability():
    """The base offer's accept includes border and stability for the host (a positive amount of
    each; test_offer_answered checks they land exactly)."""
    a = answer(U, True)
    assert a["border"] > 0 and a["stability"] > 0


def test_ops_left_after_an_offer_are_spent_after_the_answer(rules):
    s = spend(rules, "russia", 4)
    s1 = run(s, ("op", "propose_pact", "turkmenistan"), ("reject",))
    assert s1.pending == Pending("ops", R, points=1)


# --- high tension ---------------------------------------------------------------------------------
# Raising Sino-American tension to HIGH_TENSION or above costs the power that raised it 1 VP.


def test_a_power_raising_tension_to_the_high_mark_loses_1_vp(rules):
    s = spend(rules, "china", 2, tension=HIGH_TENSION - 1, kazakhstan={"stability": 7, "influence": {"china": 3}})
    log = []
    s2 = apply(s, ("op", "security_cooperation", "kazakhstan"), log)
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (HIGH_TENSION - 1, HIGH_TENSION),
                              "vp.china": (0, -1), "vp.china.diplomacy": (0, -1)}
    assert ("tension_cost", C, HIGH_TENSION) in log


def test_raising_tension_below_the_high_mark_costs_nothing(rules):
    s = spend(rules, "china", 2, tension=HIGH_TENSION - 2, kazakhstan={"stability": 7, "influence": {"china": 3}})
    s2 = apply(s, ("op", "security_cooperation", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (HIGH_TENSION - 2, HIGH_TENSION - 1)}


def test_raising_tension_past_the_high_mark_in_one_step_costs_1_vp(rules):
    # An accepted base raises tension by the amount in ops.OFFERS, from below the mark to one
    # past it; Kazakhstan has no Afghan border, so its border is untouched.
    a = answer(U, True)
    before = HIGH_TENSION + 1 - a["tension"]
    s = spend(rules, "usa", 3, tension=before, kazakhstan={"stability": 7, "influence": {"usa": 1}})
    s2 = run(s, ("op", "propose_base", "kazakhstan"), ("accept",))
    assert changes(s, s2) == {
        "kazakhstan.bases": ((), ("usa",)), "kazakhstan.influence.usa": (1, 1 + a["influence"]),
        "kazakhstan.stability": (7, 7 + a["stability"]), "tension": (before, HIGH_TENSION + 1),
        **vp_changes({"usa": {"diplomacy": a["vp"] - 1}})}


def test_central_asia_raising_tension_pays_nothing(rules):
    # Risky gamble (neutral): stability +1 in a state, tension +1; played by Central Asia.
    s = play(rules, "central_asia", ["risky-gamble"], tension=HIGH_TENSION - 1, kazakhstan={"stability": 7})
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (HIGH_TENSION - 1, HIGH_TENSION)}


def test_a_power_playing_the_same_card_pays(rules):
    s = play(rules, "turkey", ["risky-gamble"], tension=HIGH_TENSION - 1, kazakhstan={"stability": 7})
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (HIGH_TENSION - 1, HIGH_TENSION),
                              "vp.turkey": (0, -1), "vp.turkey.diplomacy": (0, -1)}


def test_tension_already_at_10_does_not_rise_and_costs_nothing(rules):
    s = play(rules, "turkey", ["risky-gamble"], tension=TRACK_MAX, kazakhstan={"stability": 7})
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8)}


# --- targets, options, conditions ------------------------------------------------------------


def test_target_decision_offers_exactly_the_cards_states(rules):
    # Guard the frontier (Central Asia): a border state; border +2 there, discontent +1.
    s = play(rules, "central_asia", ["guard-the-frontier"], turkmenistan={"border": 5, "discontent": 4})
    s1 = apply(s, ("play", "guard-the-frontier", "event"))
    assert s1.pending == Pending("target", CA, card="guard-the-frontier", options=(TAJ, UZB, TKM), actor=CA)
    assert legal_choices(s1) == [("target", "tajikistan"), ("target", "uzbekistan"), ("target", "turkmenistan")]
    with pytest.raises(IllegalChoice):
        apply(s1, ("target", "kazakhstan"))
    s2 = apply(s1, ("target", "turkmenistan"))
    assert changes(s, s2) == {"turkmenistan.border": (5, 7), "turkmenistan.discontent": (4, 5)}


@pytest.mark.parametrize("option, expected", [
    ("0", {"momentum": (5, 4), "pledge": (5, 4)}),  # Strike their columns
    ("1", {"pledge": (5, 6), "discipline": (5, 6)}),  # Talk in Doha
])
def test_option_decision(rules, option, expected):
    s = play(rules, "usa", ["over-the-horizon"])
    s1 = apply(s, ("play", "over-the-horizon", "event"))
    assert s1.pending == Pending("option", U, options=rules.cards["over-the-horizon"].effects[0].options, actor=U)
    assert legal_choices(s1) == [("option", "0"), ("option", "1")]
    with pytest.raises(IllegalChoice):
        apply(s1, ("option", "2"))
    assert changes(s, apply(s1, ("option", option))) == expected


@pytest.mark.parametrize("tension, expected", [
    (5, {"vp.central_asia": (0, 2), "vp.central_asia.events": (0, 2)}),
    (6, {"tension": (6, 5), "vp.central_asia": (0, 1), "vp.central_asia.events": (0, 1)}),
])
def test_if_track_condition(rules, tension, expected):
    # Not our confrontation: tension at most 5 -> +2 VP; otherwise tension -1 and +1 VP.
    s = play(rules, "central_asia", ["not-our-confrontation"], tension=tension)
    assert changes(s, apply(s, ("play", "not-our-confrontation", "event"))) == expected


@pytest.mark.parametrize("border, expected", [
    (5, {"tajikistan.border": (5, 7), "vp.russia": (0, 1), "vp.russia.events": (0, 1), "csto": (5, 6)}),
    (4, {"tajikistan.border": (4, 6)}),
])
def test_if_field_condition_reads_the_state_after_earlier_effects(rules, border, expected):
    # Impregnable border: Tajik border +2; then if it is 7 or more, Russia +1 VP and CSTO +1.
    s = play(rules, "russia", ["impregnable-border"], tajikistan={"border": border})
    assert changes(s, apply(s, ("play", "impregnable-border", "event"))) == expected


@pytest.mark.parametrize("withdrawn, gain", [(False, 1), (True, 2)])
def test_if_withdrawn_condition(rules, withdrawn, gain):
    # Still in the game: US influence +1 in a state, +2 if the withdrawal is complete.
    s = play(rules, "usa", ["still-in-the-game"], withdrawn=withdrawn)
    s2 = run(s, ("play", "still-in-the-game", "event"), ("target", "turkmenistan"))
    assert changes(s, s2) == {"turkmenistan.influence.usa": (0, gain)}


@pytest.mark.parametrize("us_base, expected", [
    (True, {"uzbekistan.bases": (("usa",), ()), "uzbekistan.influence.usa": (2, 1),
            "vp.russia": (0, 1), "vp.russia.events": (0, 1)}),
    (False, {"uzbekistan.influence.usa": (2, 1), "uzbekistan.influence.russia": (2, 3)}),
])
def test_if_base_condition(rules, us_base, expected):
    # Hands off our neighbours: a US base there closes (US -1, Russia +1 VP); else US -1,
    # Russia +1 influence.
    s = play(rules, "russia", ["hands-off-our-neighbours"], uzbekistan={"bases": ["usa"] if us_base else []})
    s2 = run(s, ("play", "hands-off-our-neighbours", "event"), ("target", "uzbekistan"))
    assert changes(s, s2) == expected


@pytest.mark.parametrize("turkish, expected", [
    (5, {"vp.turkey": (0, 2), "vp.turkey.events": (0, 2)}),  # 5 against Russia's 4: Turkey leads
    (4, {"kazakhstan.influence.turkey": (4, 6)}),  # a tie with Russia is no lead
])
def test_if_leads_condition(rules, turkish, expected):
    # Consolidating influence: if Turkey leads there, +2 VP; otherwise Turkish influence +2.
    s = play(rules, "turkey", ["consolidating-influence"], kazakhstan={"influence": {"turkey": turkish}})
    s2 = run(s, ("play", "consolidating-influence", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == expected


def test_a_field_condition_on_a_missing_field_or_target_is_false(rules):
    s = position(rules, SEED)
    assert not holds(s, Cd.FieldIs(KAZ, "border", 0, None), None, None)  # Kazakhstan has no border
    assert not holds(s, Cd.FieldIs(Cd.TARGET, "stability", 0, None), None, None)  # no target chosen
    assert holds(s, Cd.FieldIs(TAJ, "border", 5, 5), None, None)


# --- the Taliban phase ------------------------------------------------------------------------------

BORDER_STATES = ("tajikistan", "uzbekistan", "turkmenistan")
# The offensive's d6, the disobedience d10, the regrouping's second d6 (the operation a quiet
# board draws), and one pressure die (0..PRESSURE_DIE - 1) per border state.
TALIBAN_DICE = (6, 10, 6) + (PRESSURE_DIE,) * len(BORDER_STATES)
# The operation before the dice of a board where a raid draws it: only the offensive and the
# disobedience dice come before the pressure dice.
RAID_DICE = (6, 10) + (PRESSURE_DIE,) * len(BORDER_STATES)
QUIET_PLEDGE = PRESS_PLEDGE - 1  # too low to be pressed, so a quiet board's operation is to regroup


def dice_at(counter, sides=TALIBAN_DICE, seed=SEED):
    return [draw(seed, counter + i, n) for i, n in enumerate(sides)]


def counter_where(ok, sides=TALIBAN_DICE, seed=SEED):
    """The first counter whose next draws satisfy ``ok`` (the d6s shown as 1..6)."""
    sixes = [i for i, n in enumerate(sides) if n == 6]
    for counter in range(20_000):
        d = dice_at(counter, sides, seed)
        for i in sixes:
            d[i] += 1
        if ok(*d):
            return counter
    raise AssertionError("no such dice")


def quiet(rules, counter, **board):
    """A position where the Taliban phase can only do what a test sets up: momentum 0, pledge
    QUIET_PLEDGE (too low to press) and discipline 10 (no disobedience: the d10 is 0..9),
    borders 10, stability 5, no refugees or discontent. Nothing to raid, recruit or push
    north, so the Taliban regroup (a second roll of the offensive)."""
    calm = {"stability": 5, "discontent": 0, "refugees": 0}
    states = {name: dict(calm, **({"border": 10} if name in BORDER_STATES else {})) for name in COUNTRY_INDEX}
    for name in COUNTRY_INDEX:
        states[name].update(board.pop(name, {}))
    tracks = dict(momentum=0, pledge=QUIET_PLEDGE, discipline=10)
    tracks.update(board)
    return position(rules, SEED, counter=counter, **tracks, **states)


def taliban(state):
    """The Taliban phase on a copy of ``state``: (the state after, the log)."""
    log = []
    after = state.clone()
    taliban_phase(after, log)
    return after, log


def operation_of(log):
    return next(e for e in log if e[0] == "t_operation")


def _momentum_cases():
    """The die just below what momentum needs, and just at it, with and without the US."""
    cases = []
    for withdrawn, need in ((False, MOMENTUM_NEED), (True, MOMENTUM_NEED_WITHDRAWN)):
        cases += [(die, withdrawn, die >= need) for die in (need - 1, need) if 1 <= die <= 6]
    return cases


@pytest.mark.parametrize("die, withdrawn, gains", _momentum_cases())
def test_momentum(rules, die, withdrawn, gains):
    # The offensive's d6 reaches MOMENTUM_NEED (MOMENTUM_NEED_WITHDRAWN once the US has gone):
    # momentum 3 -> 4. The regrouping's second roll is a 1 (never enough). Every border holds,
    # so the offensive is then checked: momentum -1.
    c = counter_where(lambda d6, d10, again, *_: d6 == die and again == 1)
    s = quiet(rules, c, momentum=3)
    s.withdrawn = withdrawn
    s2, log = taliban(s)
    need = MOMENTUM_NEED_WITHDRAWN if withdrawn else MOMENTUM_NEED
    assert log[1] == (("t_momentum", die, need, 4) if gains else ("t_momentum_stalls", die, need))
    assert operation_of(log) == ("t_operation", REGROUP, None, ())
    assert ("t_momentum_stalls", 1, need) in log
    assert ("t_checked", 3 + gains) in log
    assert changes(s, s2) == ({} if gains else {"momentum": (3, 2)})
    assert s2.counter == c + 6  # offensive, disobedience, regrouping, three borders


def test_a_breached_border_leaves_the_offensive_unchecked(rules):
    # Turkmenistan's border 0 falls to any pressure: no check, momentum keeps its gain.
    c = counter_where(lambda d6, *_: d6 >= MOMENTUM_NEED, sides=RAID_DICE)
    s = quiet(rules, c, momentum=3, turkmenistan={"border": 0, "stability": 9})
    s2, log = taliban(s)
    assert s2.track("momentum") == 4
    assert not [e for e in log if e[0] == "t_checked"]


@pytest.mark.parametrize("die, disobey", [(5, True), (4, False), (9, True)])
def test_disobedience_lowers_the_pledge_when_the_die_reaches_discipline(rules, die, disobey):
    c = counter_where(lambda d6, d10, again, *_: d6 < MOMENTUM_NEED and d10 == die and again < MOMENTUM_NEED)
    s = quiet(rules, c, discipline=5)
    s2, log = taliban(s)
    assert changes(s, s2) == ({"pledge": (QUIET_PLEDGE, QUIET_PLEDGE - 1)} if disobey else {})
    assert log[2] == (("t_disobey", die, 5, QUIET_PLEDGE - 1) if disobey else ("t_obey", die, 5))


# --- the Taliban's operation: a published priority -----------------------------------------------

OPERATION_CASES = [
    # (board, the operation, its aim): each case sets up the first condition it names and
    # everything below it too, so the priority decides.
    (dict(uzbekistan={"border": 2}, kazakhstan={"discontent": 9}, momentum=9, pledge=9), RAID, UZB),
    (dict(kazakhstan={"discontent": RECRUIT_DISCONTENT}, momentum=9, pledge=9), RECRUIT, KAZ),
    (dict(momentum=REFUGEE_MOMENTUM, pledge=9), REFUGEES, None),
    (dict(pledge=PRESS_PLEDGE), PLEDGE, None),
    (dict(), REGROUP, None),
]


@pytest.mark.parametrize("board, operation, aim", OPERATION_CASES)
def test_the_taliban_choose_the_first_operation_whose_condition_holds(rules, board, operation, aim):
    s = quiet(rules, 0, **board)
    assert choose_operation(s)[:2] == (operation, aim)
    _, log = taliban(s)
    assert operation_of(log)[1:3] == (operation, aim)


def test_below_each_mark_the_operation_is_not_chosen(rules):
    # Momentum REFUGEE_MOMENTUM - 1, the pledge PRESS_PLEDGE - 1, discontent RECRUIT_DISCONTENT - 1
    # and Tajikistan's border RAID_MARGIN + 1 over its pressure: nothing but regrouping is left.
    momentum, pledge = REFUGEE_MOMENTUM - 1, PRESS_PLEDGE - 1
    pressure = momentum // MOMENTUM_SHARE + (10 - pledge) // 3
    board = dict(momentum=momentum, pledge=pledge, kazakhstan={"discontent": RECRUIT_DISCONTENT - 1})
    s = quiet(rules, 0, tajikistan={"border": pressure + RAID_MARGIN + 1}, **board)
    assert choose_operation(s) == (REGROUP, None, ())
    s = quiet(rules, 0, tajikistan={"border": pressure + RAID_MARGIN}, **board)  # at the mark: raided
    assert choose_operation(s) == (RAID, TAJ, (pressure + RAID_MARGIN, pressure))


def test_a_raid_takes_the_weakest_border_ties_to_the_less_stable(rules):
    # Uzbekistan and Turkmenistan are both 1 over their pressure; Turkmenistan is less stable.
    pressure = (10 - QUIET_PLEDGE) // 3
    s = quiet(rules, 0, uzbekistan={"border": pressure + 1, "stability": 6},
              turkmenistan={"border": pressure + 1, "stability": 4})
    assert choose_operation(s) == (RAID, TKM, (pressure + 1, pressure))


def test_a_raid_adds_its_pressure_to_the_raided_border_only(rules):
    # Pressure on every border: the broken pledge (10 - QUIET_PLEDGE) // 3 + the die. Uzbekistan's
    # border is the pledge's share + RAID_MARGIN: raided, it takes RAID_PRESSURE more.
    share = (10 - QUIET_PLEDGE) // 3
    c = counter_where(lambda d6, d10, taj, uzb, tkm: d6 < MOMENTUM_NEED and uzb == 0, sides=RAID_DICE)
    s = quiet(rules, c, uzbekistan={"border": share + RAID_MARGIN})
    s2, log = taliban(s)
    assert operation_of(log) == ("t_operation", RAID, UZB, (share + RAID_MARGIN, share))
    parts = (0, share, 0, 0, RAID_PRESSURE)
    pressure = sum(parts)
    assert pressure > share + RAID_MARGIN  # without the raid it would have held
    over = pressure - (share + RAID_MARGIN)
    loss = 2 if over >= HEAVY_INCURSION else 1
    assert ("t_incursion", UZB, pressure, share + RAID_MARGIN, loss, parts) in log
    assert all(e[1] != UZB or e[0] != "t_border_holds" for e in log)
    assert [e[1] for e in log if e[0] == "t_border_holds"] == [TAJ, TKM]


def test_recruiting_raises_discontent_and_the_chance_to_radicalise(rules):
    # Kazakhstan at RECRUIT_DISCONTENT: recruited, discontent +1, and its radicalisation chance
    # is (discontent - RADICAL_DISCONTENT + 2) + RECRUIT_CHANCE tenths.
    d = RECRUIT_DISCONTENT
    chance = d + 1 - RADICAL_DISCONTENT + 2 + RECRUIT_CHANCE
    c = counter_where(lambda d6, d10, *rest: d6 < MOMENTUM_NEED and rest[-1] == chance - 1,
                      sides=RAID_DICE + (10,))
    s = quiet(rules, c, kazakhstan={"discontent": d})
    s2, log = taliban(s)
    assert operation_of(log) == ("t_operation", RECRUIT, KAZ, (d,))
    assert ("t_radicalised", KAZ, d + 1, chance - 1, chance) in log
    assert changes(s, s2) == {"kazakhstan.discontent": (d, d + 1), "kazakhstan.stability": (5, 4)}


def test_pushing_refugees_north_reaches_every_border_state(rules):
    c = counter_where(lambda d6, *_: d6 < MOMENTUM_NEED, sides=RAID_DICE)
    s = quiet(rules, c, momentum=REFUGEE_MOMENTUM, pledge=QUIET_PLEDGE)
    s2, log = taliban(s)
    assert operation_of(log) == ("t_operation", REFUGEES, None, (REFUGEE_MOMENTUM,))
    expected = {f"{n}.refugees": (0, 1) for n in BORDER_STATES}
    expected["momentum"] = (REFUGEE_MOMENTUM, REFUGEE_MOMENTUM - 1)  # every border held: checked
    assert changes(s, s2) == expected


def test_pressing_the_pledge_weakens_it(rules):
    c = counter_where(lambda d6, *_: d6 < MOMENTUM_NEED, sides=RAID_DICE)
    s = quiet(rules, c, pledge=PRESS_PLEDGE)
    s2, log = taliban(s)
    assert operation_of(log) == ("t_operation", PLEDGE, None, (PRESS_PLEDGE,))
    assert changes(s, s2) == {"pledge": (PRESS_PLEDGE, PRESS_PLEDGE - 1)}


# --- borders and incursions ------------------------------------------------------------------------

# Pressure on Tajikistan in test_border_holds_or_incursion: momentum 9 // MOMENTUM_SHARE +
# disobedience (10 - pledge 1) // 3 + refugees 0 // 3 + the highest pressure die. Turkmenistan's
# open border (0) is the weakest, so the raid goes there and Tajikistan meets only its pressure.
PARTS = (9 // MOMENTUM_SHARE, 3, 0, PRESSURE_DIE - 1)
PRESSURE = sum(PARTS)
INCURSION_CASES = sorted({
    # (pressure - border, stability lost): an incursion costs 1, or 2 from HEAVY_INCURSION over.
    (over, loss) for over, loss in [(0, 0), (1, 1), (HEAVY_INCURSION - 1, 1), (HEAVY_INCURSION, 2),
                                    (HEAVY_INCURSION + 1, 2)]
    if 0 <= over <= PRESSURE and (over == 0) == (loss == 0) and not (over == 1 and HEAVY_INCURSION <= 1)
})
DECOY = {"border": 0, "stability": 10}  # Turkmenistan: the weakest border, raided and breached


def only(state_name, found: dict) -> dict:
    return {k: v for k, v in found.items() if k.startswith(state_name + ".")}


@pytest.mark.parametrize("over, loss", INCURSION_CASES)
def test_border_holds_or_incursion(rules, over, loss):
    # The border is set ``over`` under the pressure; it holds only when pressure <= border.
    c = counter_where(lambda d6, d10, d_taj, *_: d6 < MOMENTUM_NEED and d_taj == PARTS[-1], sides=RAID_DICE)
    border = PRESSURE - over
    s = quiet(rules, c, momentum=9, pledge=1, tajikistan={"border": border, "refugees": 0, "stability": 5},
              turkmenistan=DECOY)
    s2, log = taliban(s)
    assert operation_of(log)[1:3] == (RAID, TKM)
    found = changes(s, s2)
    if loss == 0:
        assert only("tajikistan", found) == {}
        assert ("t_border_holds", TAJ, PRESSURE, border, PARTS) in log
        assert "csto" not in found
        return
    expected = {"tajikistan.refugees": (0, 1), "tajikistan.stability": (5, 5 - loss),
                "tajikistan.incursion": (False, True)}
    if loss == 2:  # only a heavy incursion wears the border down
        expected["tajikistan.border"] = (border, border - 1)
    assert only("tajikistan", found) == expected
    assert ("t_incursion", TAJ, PRESSURE, border, loss, PARTS) in log
    assert found["csto"] == (5, 4)  # Tajikistan is a CSTO member: its breach costs the CSTO


def test_an_incursion_outside_the_csto_costs_the_csto_nothing(rules):
    c = counter_where(lambda d6, *_: d6 < MOMENTUM_NEED, sides=RAID_DICE)
    s = quiet(rules, c, turkmenistan=DECOY)
    s2, log = taliban(s)
    assert any(e[0] == "t_incursion" and e[1] == TKM for e in log)
    assert s2.track("csto") == s.track("csto")


def test_pressure_uses_momentum_and_pledge_after_this_turns_rolls(rules):
    # Momentum MOMENTUM_SHARE - 1 -> MOMENTUM_SHARE (d6 >= MOMENTUM_NEED) and pledge 8 -> 7
    # (d10 >= discipline 0): pressure on Uzbekistan is 1 + (10 - 7) // 3 + 0 + die 0 = 2 >
    # border 1. With either value from before the rolls it would be 1 (0 + 1, or 1 + (10 - 8)
    # // 3): the border would hold. Turkmenistan's open border draws the raid.
    m = MOMENTUM_SHARE - 1
    c = counter_where(lambda d6, d10, d_taj, d_uzb, d_tkm: d6 >= MOMENTUM_NEED and d_uzb == 0, sides=RAID_DICE)
    s = quiet(rules, c, momentum=m, pledge=8, discipline=0, uzbekistan={"border": 1}, turkmenistan=DECOY)
    s2, log = taliban(s)
    loss = 2 if 1 >= HEAVY_INCURSION else 1
    expected = {"uzbekistan.refugees": (0, 1), "uzbekistan.stability": (5, 5 - loss),
                "uzbekistan.incursion": (False, True)}
    if loss == 2:
        expected["uzbekistan.border"] = (1, 0)
    assert only("uzbekistan", changes(s, s2)) == expected
    assert ("t_incursion", UZB, 2, 1, loss, (1, 1, 0, 0)) in log


# --- refugees and radicalisation ------------------------------------------------------------------


def test_refugee_crisis_at_the_mark_and_not_below(rules):
    # Tajikistan and Kazakhstan (no border) are at REFUGEE_CRISIS: 1 stability each.
    # Uzbekistan and Kyrgyzstan just below: nothing. No advance, so nothing else moves.
    c = counter_where(lambda d6, d10, again, *_: d6 < MOMENTUM_NEED and again < MOMENTUM_NEED)
    s = quiet(rules, c, tajikistan={"refugees": REFUGEE_CRISIS}, uzbekistan={"refugees": REFUGEE_CRISIS - 1},
              kyrgyzstan={"refugees": REFUGEE_CRISIS - 1}, kazakhstan={"refugees": REFUGEE_CRISIS})
    s2, log = taliban(s)
    assert changes(s, s2) == {"tajikistan.stability": (5, 4), "kazakhstan.stability": (5, 4)}
    assert [e for e in log if e[0] == "t_refugee_crisis"] == [
        ("t_refugee_crisis", TAJ, REFUGEE_CRISIS), ("t_refugee_crisis", KAZ, REFUGEE_CRISIS)]


def test_refugees_pushed_north_come_before_the_refugee_crisis(rules):
    # Momentum REFUGEE_MOMENTUM: refugees +1 in the three border states. That takes Tajikistan
    # to REFUGEE_CRISIS (a crisis this very turn); Uzbekistan only to one below.
    c = counter_where(lambda d6, *_: d6 < MOMENTUM_NEED, sides=RAID_DICE)
    s = quiet(rules, c, momentum=REFUGEE_MOMENTUM, tajikistan={"refugees": REFUGEE_CRISIS - 1},
              uzbekistan={"refugees": REFUGEE_CRISIS - 2})
    s2, log = taliban(s)
    assert changes(s, s2) == {
        "momentum": (REFUGEE_MOMENTUM, REFUGEE_MOMENTUM - 1),  # every border held
        "tajikistan.refugees": (REFUGEE_CRISIS - 1, REFUGEE_CRISIS),
        "uzbekistan.refugees": (REFUGEE_CRISIS - 2, REFUGEE_CRISIS - 1), "turkmenistan.refugees": (0, 1),
        "tajikistan.stability": (5, 4)}
    assert [e for e in log if e[0] == "t_refugee_crisis"] == [("t_refugee_crisis", TAJ, REFUGEE_CRISIS)]


@pytest.mark.parametrize("die, radicalised", [(1, True), (2, False), (0, True)])
def test_radicalisation(rules, die, radicalised):
    # Uzbek discontent RADICAL_DISCONTENT (below the recruiting mark): chance 2 tenths,
    # radicalised when the d10 is under 2.
    discontent = RADICAL_DISCONTENT
    assert discontent < RECRUIT_DISCONTENT
    c = counter_where(lambda d6, d10, again, *rest: d6 < MOMENTUM_NEED and again < MOMENTUM_NEED and rest[-1] == die,
                      sides=TALIBAN_DICE + (10,))
    s = quiet(rules, c, uzbekistan={"discontent": discontent})
    s2, log = taliban(s)
    assert changes(s, s2) == ({"uzbekistan.stability": (5, 4)} if radicalised else {})
    kind = "t_radicalised" if radicalised else "t_calm"
    assert [e for e in log if e[0] in ("t_radicalised", "t_calm")] == [(kind, UZB, discontent, die, 2)]
    assert s2.counter == c + 7


def test_radicalisation_rolls_from_the_mark_and_not_below(rules):
    # Kazakhstan at RADICAL_DISCONTENT rolls a d10 (chance 2 tenths); Tajikistan just below
    # rolls none. The seventh draw is Kazakhstan's.
    s = quiet(rules, 0, tajikistan={"discontent": RADICAL_DISCONTENT - 1},
              kazakhstan={"discontent": RADICAL_DISCONTENT})
    s2, log = taliban(s)
    assert s2.counter == 7
    die = draw(SEED, 6, 10)
    kind = "t_radicalised" if die < 2 else "t_calm"
    assert [e for e in log if e[0] in ("t_radicalised", "t_calm")] == [(kind, KAZ, RADICAL_DISCONTENT, die, 2)]


def test_discontent_below_the_mark_rolls_no_die(rules):
    s = quiet(rules, 0, tajikistan={"discontent": RADICAL_DISCONTENT - 1},
              kazakhstan={"discontent": RADICAL_DISCONTENT - 1})
    s2, _ = taliban(s)
    assert s2.counter == 6


# --- upkeep: projects and scoring -----------------------------------------------------------------


def test_project_advances(rules):
    s = position(rules, SEED, kazakhstan={"stability": 10})
    s.projects = [(R, KAZ, 2)]
    s2 = s.clone()
    advance_projects(s2, None)
    assert changes(s, s2) == {"projects": ((("russia", "kazakhstan", 2),), (("russia", "kazakhstan", 1),))}


def test_project_stalls_below_the_minimum_stability(rules):
    s = position(rules, SEED, kazakhstan={"stability": MIN_PROJECT_STABILITY - 1},
                 kyrgyzstan={"stability": MIN_PROJECT_STABILITY})
    s.projects = [(R, KAZ, 1), (C, KGZ, 2)]
    s2 = s.clone()
    log = []
    advance_projects(s2, log)
    assert s2.projects == [(R, KAZ, 1), (C, KGZ, 1)]  # MIN_PROJECT_STABILITY itself is enough to work
    assert ("project_stalled", R, KAZ) in log


def test_project_completes(rules):
    s = position(rules, SEED, kazakhstan={"stability": 10, "discontent": 3, "influence": {"turkey": 2}})
    s.projects = [(T, KAZ, 1), (C, KAZ, 3)]
    s2 = s.clone()
    advance_projects(s2, None)
    # The owner gains PROJECT_VP and +1 influence there; discontent -1 there; the host, the
    # Central Asian seat, gains HOST_VP.
    assert changes(s, s2) == {
        "projects": ((("turkey", "kazakhstan", 1), ("china", "kazakhstan", 3)), (("china", "kazakhstan", 2),)),
        "completed": ((), (("turkey", "kazakhstan"),)),
        "kazakhstan.influence.turkey": (2, 3), "kazakhstan.discontent": (3, 2),
        **vp_changes({"turkey": {"projects": PROJECT_VP}, "central_asia": {"projects": HOST_VP}})}


def test_upkeep_records_the_scores_in_the_history(rules):
    s = position(rules, SEED, uzbekistan={"stability": 10})
    s.projects = [(U, UZB, 1)]
    upkeep(s, None)
    assert s.history == (tuple(s.vp),)
    assert s.completed == [(U, UZB)]  # projects advance before scoring


# Scoring. ``scored`` runs score_turn on a position and returns what each seat gained;
# ``plain`` is a board where nothing scores by accident: no influence anywhere (so nobody
# leads), no bases, stability 1, tension CALM_TENSION + 1 (not calm), CSTO credibility
# CSTO_CREDIBLE - 1 (not credible). A threshold test scores two positions that differ in one
# value, at the threshold and one step short of it, and compares.


def plain(**board) -> dict:
    states = {n: {"stability": 1, "influence": {p: 0 for p in POWERS}, "bases": [], "incursion": False}
              for n in COUNTRY_INDEX}
    for name in COUNTRY_INDEX:
        over = dict(board.pop(name, {}))
        states[name]["influence"].update(over.pop("influence", {}))
        states[name].update(over)
    tracks = {"tension": CALM_TENSION + 1, "csto": CSTO_CREDIBLE - 1}
    tracks.update(board)
    return dict(tracks, **states)


def scored(rules, completed=(), **board) -> dict:
    """What score_turn gives each seat on ``plain(**board)``: {"vp.SEAT[.CATEGORY]": gain}."""
    s = position(rules, SEED, **plain(**board))
    s.completed = list(completed)
    s2 = s.clone()
    score_turn(s2, None)
    out = {}
    for key, (old, new) in changes(s, s2).items():
        assert key.startswith("vp."), f"scoring changed {key}"
        out[key] = new - old
    return out


def beyond(at: dict, short: dict) -> dict:
    """What one position scores beyond another, by key."""
    return {k: at.get(k, 0) - short.get(k, 0) for k in at.keys() | short.keys() if at.get(k, 0) != short.get(k, 0)}


def gain(seat: str, category: str, by: int = 1) -> dict:
    return {f"vp.{seat}": by, f"vp.{seat}.{category}": by} if by else {}


def test_plain_board_scores_only_the_constant_terms(rules):
    # Russia: Tajikistan's border held (BORDER_HELD_VP) and no US base (+1). Nobody leads, so
    # China leads at most one state (US +1) and no power is dominant (Central Asia +1).
    assert scored(rules) == {**gain("russia", "security", BORDER_HELD_VP + 1), **gain("usa", "diplomacy"),
                             **gain("central_asia", "diplomacy")}


def test_central_asia_scores_each_state_at_the_stable_mark(rules):
    at = scored(rules, kazakhstan={"stability": STABLE})
    short = scored(rules, kazakhstan={"stability": STABLE - 1})
    assert beyond(at, short) == gain("central_asia", "stability")


def test_china_scores_as_the_trading_partner_from_the_mark_in_enough_states(rules):
    # The third state at the mark pays the bonus; China leads there either way (nobody else
    # has influence on the plain board), so nothing else changes.
    partner = {"influence": {"china": TRADE_PARTNER_INFLUENCE}}
    states = ("kazakhstan", "uzbekistan", "kyrgyzstan")[:TRADE_PARTNER_STATES]
    at = scored(rules, **{n: partner for n in states})
    short = scored(rules, **{n: partner for n in states[:-1]},
                   **{states[-1]: {"influence": {"china": TRADE_PARTNER_INFLUENCE - 1}}})
    assert beyond(at, short) == gain("china", "influence", TRADE_PARTNER_VP)


def test_central_asia_scores_calm_tension_up_to_the_mark(rules):
    at = scored(rules, tension=CALM_TENSION)
    over = scored(rules, tension=CALM_TENSION + 1)
    assert beyond(at, over) == gain("central_asia", "diplomacy")


def test_central_asia_loses_1_vp_for_each_base_not_there_at_the_start(rules):
    # BOARD_STATES's Russian bases in Tajikistan and Kyrgyzstan were there at the start; a Chinese
    # base in Uzbekistan was not.
    at = scored(rules, tajikistan={"bases": ["russia"]}, kyrgyzstan={"bases": ["russia"]},
                uzbekistan={"bases": ["china"]})
    assert beyond(at, scored(rules)) == gain("central_asia", "diplomacy", -1)


@pytest.mark.parametrize("us_bases, russia", [(0, +1), (1, -1), (2, -2)])
def test_us_bases_score_for_the_us_and_against_russia_china_and_central_asia(rules, us_bases, russia):
    # The US: 2 a base. China: -1 a base. Central Asia: -1 a base it did not have at the start.
    # Russia: +1 while there is none, -1 a base once there are some.
    states = ("uzbekistan", "turkmenistan")[:us_bases]
    with_bases = scored(rules, **{n: {"bases": ["usa"]} for n in states})
    without = scored(rules)
    assert beyond(with_bases, without) == {
        **gain("usa", "security", 2 * us_bases), **gain("china", "security", -us_bases),
        **gain("central_asia", "diplomacy", -us_bases), **gain("russia", "security", russia - 1)}


def test_russia_scores_a_credible_csto_from_the_mark(rules):
    at = scored(rules, csto=CSTO_CREDIBLE)
    short = scored(rules, csto=CSTO_CREDIBLE - 1)
    assert beyond(at, short) == gain("russia", "security")


@pytest.mark.parametrize("state, csto", [("tajikistan", True), ("uzbekistan", False), ("turkmenistan", False)])
def test_russia_scores_the_csto_border_held(rules, state, csto):
    # Tajikistan is the CSTO's only member on the Afghan border.
    held = scored(rules, **{state: {"incursion": False}})
    hit = scored(rules, **{state: {"incursion": True}})
    assert beyond(held, hit) == gain("russia", "security", BORDER_HELD_VP if csto else 0)


@pytest.mark.parametrize("state, scores", [("kazakhstan", True), ("tajikistan", True), ("uzbekistan", False)])
def test_russia_scores_for_each_csto_member_it_leads(rules, state, scores):
    leads = scored(rules, **{state: {"influence": {"russia": 1}}})
    assert beyond(leads, scored(rules)) == gain("russia", "influence", CSTO_LEAD_VP if scores else 0)


@pytest.mark.parametrize("state, turkic", [("uzbekistan", True), ("kazakhstan", True), ("tajikistan", False)])
def test_turkey_scores_a_presence_in_a_turkic_state_from_the_mark(rules, state, turkic):
    # Turkey is the only power there, so it leads there either way.
    at = scored(rules, **{state: {"influence": {"turkey": TURKIC_PRESENCE}}})
    short = scored(rules, **{state: {"influence": {"turkey": TURKIC_PRESENCE - 1}}})
    assert beyond(at, short) == gain("turkey", "influence", 1 if turkic else 0)


def test_turkey_scores_a_bonus_for_leading_two_turkic_states(rules):
    # Leading (1 influence against none) without a presence, in one Turkic state or in two.
    two = scored(rules, uzbekistan={"influence": {"turkey": 1}}, kazakhstan={"influence": {"turkey": 1}})
    one = scored(rules, uzbekistan={"influence": {"turkey": 1}})
    assert beyond(two, one) == gain("turkey", "influence", 1 + (1 >= TURKIC_PRESENCE))


def test_china_scores_a_completed_corridor_from_the_corridor_stability(rules):
    at = scored(rules, completed=[(C, KAZ)], kazakhstan={"stability": CORRIDOR_STABILITY})
    short = scored(rules, completed=[(C, KAZ)], kazakhstan={"stability": CORRIDOR_STABILITY - 1})
    expected = gain("china", "projects")
    if CORRIDOR_STABILITY == STABLE:  # the same step also makes Kazakhstan stable for Central Asia
        expected.update(gain("central_asia", "stability"))
    assert beyond(at, short) == expected
    # Another power's completed project, or a project under way, is no corridor.
    assert scored(rules, completed=[(T, KAZ)], kazakhstan={"stability": CORRIDOR_STABILITY}) == \
        scored(rules, kazakhstan={"stability": CORRIDOR_STABILITY})


def test_scoring_a_contested_position(rules):
    P, S, K = TURKIC_PRESENCE, STABLE, CORRIDOR_STABILITY
    # The position needs room around the marks (influence 0..10, stability 1..10).
    assert 4 <= P <= 9 and 2 <= S <= 10 and 2 <= K <= 10 and K - 1 < S, "re-derive this position"
    # Leaders: Tajikistan Russia, Uzbekistan Turkey, Turkmenistan China, Kyrgyzstan Turkey,
    # Kazakhstan China. New bases in Uzbekistan: the US's and Russia's. CSTO credible, tension
    # not calm, no incursion. China has completed projects in Turkmenistan (stable enough: a
    # working corridor) and Kyrgyzstan (one short: not working); Turkey one in Uzbekistan.
    s = position(
        rules, SEED, vp={seat: 10 for seat in SEATS}, csto=CSTO_CREDIBLE, tension=CALM_TENSION + 1,
        tajikistan={"stability": S, "incursion": False,
                    "influence": {"russia": 5, "turkey": 1, "china": 2, "usa": 1}, "bases": ["russia"]},
        uzbekistan={"stability": S - 1, "influence": {"russia": 2, "turkey": P, "china": 2, "usa": 3},
                    "bases": ["usa", "russia"]},
        turkmenistan={"stability": max(S, K), "influence": {"russia": 2, "turkey": P, "china": P + 1, "usa": 0},
                      "bases": []},
        kyrgyzstan={"stability": K - 1, "influence": {"russia": P - 1, "turkey": P, "china": 2, "usa": 1},
                    "bases": ["russia"]},
        kazakhstan={"stability": S, "influence": {"russia": 3, "turkey": P - 1, "china": P, "usa": 3}, "bases": []},
    )
    s.completed = [(C, TKM), (C, KGZ), (T, UZB)]
    s2 = s.clone()
    score_turn(s2, None)
    assert changes(s, s2) == vp_changes({
        # Russia: leads 1 CSTO state (Tajikistan); CSTO credible (+1) and no Tajik incursion,
        # one US base (-1).
        "russia": {"influence": CSTO_LEAD_VP, "security": 1 + BORDER_HELD_VP - 1},
        # Turkey: a presence in Uzbekistan, Turkmenistan and Kyrgyzstan (not Kazakhstan); leads
        # two Turkic states (Uzbekistan, Kyrgyzstan): +1.
        "turkey": {"influence": 3 + 1},
        # China: one working corridor; leads 2 states; one US base.
        "china": {"projects": 1, "influence": 2, "security": -1},
        # US: 2 per base; 3+ influence in Uzbekistan and Kazakhstan; China leads 2 states: no bonus.
        "usa": {"security": 2, "influence": 2},
        # Central Asia: Tajikistan, Turkmenistan and Kazakhstan are stable; nobody leads 3 (+1);
        # tension not calm; 2 new bases (-2).
        "central_asia": {"stability": 3, "diplomacy": 1 - 2},
    }, start=10)


# --- the end of a turn: refill, news, initiative --------------------------------------------------


def end_of_turn(rules, turn=1, counter=None, **board):
    """The last play of ``turn`` on a board where the Taliban phase does next to nothing:
    stability 10, borders 10, no refugees or discontent, momentum 0, pledge and discipline 10.
    The last seat holds only Back-channel talks (pledge +1, discipline +1: no change at 10).
    For the upkeep: tension 0 and CSTO credibility 0; influence 1 for Russia in the three CSTO
    states and for China in Turkmenistan, none otherwise; the Russian bases of BOARD_STATES."""
    states = {n: {"stability": 10, "discontent": 0, "refugees": 0, "influence": {p: 0 for p in POWERS}}
              for n in COUNTRY_INDEX}
    for n in ("tajikistan", "kyrgyzstan", "kazakhstan"):
        states[n]["influence"]["russia"] = 1
    states["turkmenistan"]["influence"]["china"] = 1
    for n in ("tajikistan", "uzbekistan", "turkmenistan"):
        states[n]["border"] = 10
    for n in COUNTRY_INDEX:
        states[n].update(board.pop(n, {}))
    tracks = dict(momentum=0, pledge=10, discipline=10, tension=0, csto=0)
    tracks.update(board)
    s = position(rules, SEED, turn=turn, counter=counter, **tracks, **states)
    seat = last_seat(s)
    give(s, seat, ["back-channel-talks"])
    return to_play(s, seat, last=True)


def test_hands_are_refilled_reshuffling_the_discard_when_the_deck_runs_out(rules):
    # The US already gone: turn 2's withdrawal news then shuffles no late cards into the deck.
    s = end_of_turn(rules, counter=1000, withdrawn=True)
    s.discard.extend(s.deck)
    s.deck.clear()
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    # The Taliban phase draws exactly 5 dice here, upkeep none; then Central Asia's empty hand
    # is refilled: the discard (with the card just played) is shuffled into the deck and a
    # hand's worth of cards are dealt from its top.
    deck = shuffled(SEED, 1005, s.discard + ["back-channel-talks"])
    hand = [deck.pop() for _ in range(rules.scenario.hand_size)]
    assert s2.hands[CA] == hand
    assert s2.deck == deck and s2.discard == []
    assert [len(h) for h in s2.hands] == [rules.scenario.hand_size] * 5
    assert all_cards(s2) == all_cards(s)
    assert s2.turn == 2


def test_dated_news_arrive_on_their_turn(rules):
    s = end_of_turn(rules, turn=1)
    undated = list(s.news_deck)
    late = [cid for cid in s.reserve if rules.cards[cid].deck == "news"]
    assert late and not set(late) & set(undated)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    # Turn 2 is 2021-08: both August cards, and no undated card. The withdrawal shuffles the
    # late period's news into the world deck.
    assert [e for e in log if e[0] == "news"] == [("news", "officials-flee-north"), ("news", "withdrawal-by-august-31")]
    assert sorted(s2.news_deck) == sorted(undated + late) and s2.reserve == []
    assert s2.news_dated == ["taliban-ultimatum", "odkb-drills-in-tajikistan"]
    assert s2.withdrawn  # the withdrawal card has run


def test_undated_news_one_per_turn_after_the_dated_ones(rules):
    s = end_of_turn(rules, turn=4)  # the October card was turn 4's; turn 5 has no dated card
    undated = list(s.news_deck)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert [e for e in log if e[0] == "news"] == [("news", undated[-1])]
    assert s2.news_deck == undated[:-1]
    assert s2.news_done[-1] == undated[-1]


def test_the_first_turn_reveals_the_july_cards_and_shuffles_the_undated_rest(rules):
    s = new_game(rules, SEED)
    news = [cid for cid, card in rules.cards.items() if card.deck == "news" and not card.late]
    undated = [cid for cid in news if rules.cards[cid].date is None]
    n_action = sum(1 for card in rules.cards.values() if card.deck == "action" and not card.late)
    assert s.news_done == ["taliban-retake-provinces", "taliban-delegation-in-moscow"]
    assert s.news_dated == ["officials-flee-north", "withdrawal-by-august-31", "taliban-ultimatum",
                            "odkb-drills-in-tajikistan"]
    # new_game shuffles the action deck (n - 1 draws), then the undated news.
    assert s.news_deck == shuffled(SEED, n_action - 1, undated)


def test_what_if_keeps_the_opening_and_the_withdrawal_dated_and_shuffles_the_rest(whatif_rules):
    s = new_game(whatif_rules, SEED)
    dated = whatif_rules.dated_news
    assert dated == ("taliban-retake-provinces", "taliban-delegation-in-moscow", "withdrawal-by-august-31")
    news = [cid for cid, card in whatif_rules.cards.items()
            if card.deck == "news" and not card.late and cid not in dated]
    n_action = sum(1 for card in whatif_rules.cards.values() if card.deck == "action" and not card.late)
    # Both July cards arrive on turn 1; the withdrawal waits for August 31; the rest are one deck.
    assert s.news_done == ["taliban-retake-provinces", "taliban-delegation-in-moscow"]
    assert s.news_dated == ["withdrawal-by-august-31"]
    assert s.news_deck == shuffled(SEED, n_action - 1, news)


def test_what_if_brings_the_withdrawal_in_august_then_one_shuffled_card_a_turn(whatif_rules):
    s = end_of_turn(whatif_rules, turn=1)
    undated = list(s.news_deck)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    # Turn 2 is 2021-08: the withdrawal alone, no shuffled card that turn.
    assert [e for e in log if e[0] == "news"] == [("news", "withdrawal-by-august-31")]
    assert s2.news_dated == [] and s2.withdrawn
    assert set(undated) <= set(s2.news_deck)
    s3 = end_of_turn(whatif_rules, turn=2, withdrawn=True)
    s3.news_dated.clear()
    top = s3.news_deck[-1]
    log = []
    apply(s3, ("play", "back-channel-talks", "event"), log)
    assert [e for e in log if e[0] == "news"] == [("news", top)]


def test_initiative_rotates_each_turn(rules):
    assert new_game(rules, SEED).order == (R, T, C, U, CA)
    s2 = apply(end_of_turn(rules, turn=1), ("play", "back-channel-talks", "event"))
    assert s2.order == (T, C, U, CA, R)
    assert s2.pending == Pending("play", T)  # turn 2's news needs no decision
    s3 = end_of_turn(rules, turn=5)
    assert s3.order == (CA, R, T, C, U)
    s6 = apply(s3, ("play", "back-channel-talks", "event"))
    assert s6.turn == 6 and s6.order == (R, T, C, U, CA)


# --- endings ----------------------------------------------------------------------------------------
# A collapse ends the game at once and is everyone's defeat (no winners: the Taliban have won);
# it still costs the Central Asian seat COLLAPSE_PENALTY_CA VP, and Russia COLLAPSE_PENALTY_CSTO
# for a CSTO member. After the last turn the most VP win; ties share.


def test_collapse_ends_the_game_at_once_with_penalties_and_no_winner(rules):
    # Tajikistan (a CSTO member) at stability 1 with border 0: Back-channel talks takes the
    # pledge from 1 to 2, and disobedience alone, (10 - 2) // 3 = 2, beats the border, so an
    # incursion costs at least 1 stability whatever the dice, and the state falls.
    vp = {"russia": 3, "turkey": 5, "china": 4, "usa": 2, "central_asia": 6}
    s = end_of_turn(rules, counter=0, pledge=1, tajikistan={"stability": 1, "border": 0}, vp=vp)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert s2.over and s2.end_reason == "collapse" and s2.collapsed == TAJ
    expected = [3 - COLLAPSE_PENALTY_CSTO, 5, 4, 2, 6 - COLLAPSE_PENALTY_CA]
    assert s2.vp == expected
    assert s2.winners == ()  # Turkey has the most VP, and has lost with everyone else
    assert s2.pending is None and s2.queue == ()
    assert s2.turn == 1 and s2.history == ()  # no upkeep after a collapse
    assert s2.counter == 3  # momentum, disobedience, Tajikistan's border: nothing after
    assert log[-1] == ("end", "collapse", (), tuple(expected))
    assert "the Taliban have won" in describe(log[-1], rules)
    assert legal_choices(s2) == []


def test_collapse_outside_the_csto_costs_russia_nothing_and_nobody_wins(rules):
    s = end_of_turn(rules, counter=0, pledge=1, uzbekistan={"stability": 1, "border": 0},
                    vp={"russia": 5, "turkey": 5, "central_asia": 6})
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert s2.collapsed == UZB
    assert s2.vp == [5, 5, 0, 0, 6 - COLLAPSE_PENALTY_CA]
    assert s2.winners == ()


def test_end_game_after_a_collapse_names_no_winner_after_the_last_turn_the_best(rules):
    collapse = position(rules, SEED, vp={"russia": 3, "turkey": 5})
    end_game(collapse, "collapse", None)
    last = position(rules, SEED, vp={"russia": 3, "turkey": 5})
    end_game(last, "last turn", None)
    assert (collapse.winners, last.winners) == ((), (T,))


def test_collapse_stops_the_effects_still_queued(rules):
    s = position(rules, SEED, momentum=5, uzbekistan={"stability": 1})
    s.queue = (("fx", Cd.Adjust((UZB,), "stability", -1), None, None),
               ("fx", Cd.Track(TRACK_INDEX["momentum"], 1), None, None))
    _advance(s, None)
    assert s.over and s.collapsed == UZB and s.winners == ()
    assert s.track("momentum") == 5  # the second effect never ran


def test_ties_share_the_win(rules):
    s = position(rules, SEED, vp={"russia": 3, "turkey": 5, "china": 5, "usa": 1})
    end_game(s, "last turn", None)
    assert s.winners == (T, C)


# The quiet board's upkeep (see end_of_turn): Russia leads the 3 CSTO states, Tajikistan's
# border held, and there is no US base; CSTO credibility 0 is not credible. China leads
# Turkmenistan. The US: China leads one state. Central Asia: five states at stability 10 (all
# stable), Russia dominant, tension 0 calm.
QUIET_UPKEEP = {
    "russia": {"influence": 3 * CSTO_LEAD_VP, "security": BORDER_HELD_VP + 1},
    "china": {"influence": 1},
    "usa": {"diplomacy": 1},
    "central_asia": {"stability": 5, "diplomacy": 1},
}
QUIET_VP = tuple(sum(QUIET_UPKEEP.get(seat, {}).values()) for seat in SEATS)


def test_the_game_ends_after_the_last_turns_upkeep(rules):
    last = rules.scenario.turns
    s = end_of_turn(rules, turn=last)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert s2.over and s2.end_reason == "last turn" and s2.turn == last
    # The Taliban press the whole pledge (10 -> 9); a gain of momentum from the offensive's d6
    # is checked again at the borders, which all hold. Tension and CSTO credibility are 0.
    assert changes(s, s2) == {**vp_changes(QUIET_UPKEEP), "pledge": (10, 9)}
    assert s2.history == (QUIET_VP,)
    best = max(QUIET_VP)
    winners = tuple(seat for seat, v in enumerate(QUIET_VP) if v == best)
    assert s2.winners == winners
    assert [len(h) for h in s2.hands] == [rules.scenario.hand_size] * 5
    assert log[-1] == ("end", "last turn", winners, QUIET_VP)
    assert "Winner:" in describe(log[-1], rules)


def test_after_the_last_turn_the_most_vp_win_even_if_they_scored_least(rules):
    # Turkey scores nothing in the last upkeep but started it far ahead.
    s = end_of_turn(rules, turn=rules.scenario.turns, vp={"turkey": sum(QUIET_VP) + 1})
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert s2.over and s2.winners == (T,)


def test_a_turn_before_the_last_goes_on(rules):
    s = end_of_turn(rules, turn=rules.scenario.turns - 1)
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert not s2.over and s2.turn == rules.scenario.turns and s2.history == (QUIET_VP,)
