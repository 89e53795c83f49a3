"""Rules scenarios, DATC style: one mechanism, one position, one choice, the exact result.

Every expected number below is worked out from the rules (engine.py, effects.py, ops.py,
taliban.py, scoring.py, primitives.py and the card texts), never copied from a run. Positions
start from the summer-2021 set-up (see cards/scenarios.yaml):

    tracks: momentum 5, pledge 5, discipline 5, tension 4, csto 5; VP all 0
    state         stab disc refg border  influence R/T/C/US  bases    member of
    tajikistan      5    6    2    5      4/1/2/1            russia   CSTO
    uzbekistan      6    6    1    5      2/2/2/2                     Turkic
    turkmenistan    6    4    0    4      2/2/3/0                     Turkic
    kyrgyzstan      5    5    0    -      4/2/2/1            russia   CSTO, Turkic
    kazakhstan      7    3    0    -      4/2/3/1                     CSTO, Turkic

Turn 1's initiative order is russia, turkey, china, usa, central_asia.
"""

from __future__ import annotations

import attrs
import pytest

from game import cards as Cd
from game.cards import Rules
from game.effects import holds
from game.engine import IllegalChoice, _advance, apply, legal_choices, new_game
from game.model import COUNTRY_INDEX, SEAT_INDEX, TRACK_INDEX, Pending
from game.ops import OFFERS
from game.primitives import end_game
from game.rng import draw
from game.scoring import (
    CALM_TENSION,
    CORRIDOR_STABILITY,
    CSTO_CREDIBLE,
    STABLE,
    TURKIC_PRESENCE,
    advance_projects,
    score_turn,
    upkeep,
)
from game.taliban import taliban_phase
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
    # Asian seat answers, then China spends 3 ops.
    s = play(rules, "china", ["base-proposal"])
    s1 = run(s, ("play", "base-proposal", "ops"))
    assert (s1.pending.kind, s1.pending.seat) == ("target", U)
    s1 = apply(s1, ("target", "uzbekistan"))
    assert (s1.pending.kind, s1.pending.seat, s1.pending.actor, s1.pending.target) == ("offer", CA, U, UZB)
    s2 = apply(s1, ("accept",))
    # Accepted: a US base opens, US influence +1, stability +1, US +2 VP, tension +2.
    assert changes(s, s2) == {
        "uzbekistan.bases": ((), ("usa",)), "uzbekistan.influence.usa": (2, 3), "uzbekistan.stability": (6, 7),
        "vp.usa": (0, 2), "vp.usa.events": (0, 2), "tension": (4, 6),
    }
    assert s2.pending == Pending("ops", C, card="base-proposal", points=3)


def test_an_opponents_card_cannot_be_played_for_its_event(rules):
    s = play(rules, "russia", ["turkish-market", "no-shady-plans", "back-channel-talks"])
    assert set(legal_choices(s)) == {
        ("play", "turkish-market", "ops"),
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


@pytest.mark.parametrize("seat, turns", [("russia", 2), ("turkey", 2), ("china", 3), ("usa", 2)])
def test_project_costs_three_and_starts_the_seats_project(rules, seat, turns):
    s = spend(rules, seat, 3)
    s2 = apply(s, ("op", "project", "kazakhstan"))
    assert changes(s, s2) == {"projects": ((), ((seat, "kazakhstan", turns),))}
    assert op_choices(spend(rules, seat, 2), "project") == set()


def test_project_is_not_offered_below_stability_2_or_twice_in_a_state(rules):
    s = spend(rules, "china", 3, tajikistan={"stability": 1}, uzbekistan={"stability": 2})
    s.projects = [(C, KGZ, 2), (T, KAZ, 1)]  # China's own project in Kyrgyzstan, Turkey's in Kazakhstan
    assert op_choices(s, "project") == {"uzbekistan", "turkmenistan", "kazakhstan"}


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
    s = spend(rules, "china", 2, tajikistan={"influence": {"china": 1}})
    assert op_choices(s, "security_cooperation") == {"uzbekistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}
    s2 = apply(s, ("op", "security_cooperation", "kyrgyzstan"))
    assert changes(s, s2) == {"kyrgyzstan.stability": (5, 6), "tension": (4, 5)}


def test_corridor_is_not_offered_where_china_has_a_project_or_a_completed_one(rules):
    s = spend(rules, "china", 3)
    s.projects = [(C, UZB, 1), (U, TKM, 1)]
    s.completed = [(C, KAZ)]
    assert op_choices(s, "propose_corridor") == {"tajikistan", "turkmenistan", "kyrgyzstan"}


def test_us_border_training_needs_influence_2(rules):
    s = spend(rules, "usa", 2, kazakhstan={"influence": {"usa": 2}})
    assert op_choices(s, "training") == {"uzbekistan", "kazakhstan"}  # US influence 1/2/0/1/2
    s2 = apply(s, ("op", "training", "uzbekistan"))
    assert changes(s, s2) == {"uzbekistan.border": (5, 6), "tension": (4, 5)}
    s3 = apply(s, ("op", "training", "kazakhstan"))
    assert changes(s, s3) == {"kazakhstan.stability": (7, 8), "tension": (4, 5)}


def test_base_proposal_is_not_offered_where_the_us_already_has_a_base(rules):
    s = spend(rules, "usa", 3, uzbekistan={"bases": ["usa"]})
    assert op_choices(s, "propose_base") == {"tajikistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}


def test_central_asian_ops(rules):
    s = spend(rules, "central_asia", 2, kazakhstan={"stability": 10, "discontent": 0})
    # stabilise (2): stability below 10; jobs (1): discontent above 0; guard (1): a border
    # below 10; balance (2): a state with a single leader (Uzbekistan is a four-way tie).
    assert op_choices(s, "stabilise") == {"tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan"}
    assert op_choices(s, "jobs") == {"tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan"}
    assert op_choices(s, "guard") == {"tajikistan", "uzbekistan", "turkmenistan"}
    assert op_choices(s, "balance") == {"tajikistan", "turkmenistan", "kyrgyzstan", "kazakhstan"}
    assert changes(s, apply(s, ("op", "stabilise", "tajikistan"))) == {"tajikistan.stability": (5, 6)}
    assert changes(s, apply(s, ("op", "jobs", "tajikistan"))) == {"tajikistan.discontent": (6, 5)}
    assert changes(s, apply(s, ("op", "guard", "turkmenistan"))) == {"turkmenistan.border": (4, 5)}
    assert changes(s, apply(s, ("op", "balance", "turkmenistan"))) == {"turkmenistan.influence.china": (3, 2)}


def test_central_asian_guard_is_not_offered_at_border_10(rules):
    s = spend(rules, "central_asia", 1, tajikistan={"border": 10})
    assert op_choices(s, "guard") == {"uzbekistan", "turkmenistan"}


# --- offers -------------------------------------------------------------------------------------

OFFER_CASES = [
    # (power, op, state, accept?, exact changes)
    ("russia", "propose_pact", "uzbekistan", True,
     {"uzbekistan.border": (5, 7), "uzbekistan.influence.russia": (2, 4), "csto": (5, 6)}),
    ("russia", "propose_pact", "uzbekistan", False,
     {"uzbekistan.influence.russia": (2, 1), "csto": (5, 4)}),
    ("turkey", "propose_cooperation", "kazakhstan", True,
     {"kazakhstan.influence.turkey": (2, 3), "vp.turkey": (0, 2), "vp.turkey.diplomacy": (0, 2),
      "kazakhstan.discontent": (3, 2)}),
    ("turkey", "propose_cooperation", "kazakhstan", False, {"kazakhstan.influence.turkey": (2, 1)}),
    ("china", "propose_corridor", "kyrgyzstan", True,
     {"projects": ((), (("china", "kyrgyzstan", 3),)), "kyrgyzstan.influence.china": (2, 3), "tension": (4, 5)}),
    ("china", "propose_corridor", "kyrgyzstan", False, {"kyrgyzstan.influence.china": (2, 1)}),
    ("usa", "propose_base", "uzbekistan", True,
     {"uzbekistan.bases": ((), ("usa",)), "vp.usa": (0, 2), "vp.usa.diplomacy": (0, 2),
      "uzbekistan.influence.usa": (2, 3), "tension": (4, 6)}),
    ("usa", "propose_base", "uzbekistan", False,
     {"uzbekistan.influence.usa": (2, 1), "vp.central_asia": (0, 1), "vp.central_asia.diplomacy": (0, 1)}),
]


@pytest.mark.parametrize("power, op, state, accepted, expected", OFFER_CASES,
                         ids=[f"{c[1]}-{'accept' if c[3] else 'reject'}" for c in OFFER_CASES])
def test_offer_answered(rules, power, op, state, accepted, expected):
    s = spend(rules, power, 3)
    p = SEAT_INDEX[power]
    s1 = apply(s, ("op", op, state))
    # The decision belongs to the Central Asian seat; the offer remembers who made it, where.
    assert s1.pending == Pending("offer", CA, offer=OFFERS[p], actor=p, target=COUNTRY_INDEX[state])
    assert legal_choices(s1) == [("accept",), ("reject",)]
    assert changes(s, s1) == {}  # nothing happens before the answer
    s2 = apply(s1, ("accept",) if accepted else ("reject",))
    assert changes(s, s2) == expected
    assert s2.pending == Pending("play", (p + 1) % 5)  # 3 ops spent: the next seat plays


def test_ops_left_after_an_offer_are_spent_after_the_answer(rules):
    s = spend(rules, "russia", 4)
    s1 = run(s, ("op", "propose_pact", "turkmenistan"), ("reject",))
    assert s1.pending == Pending("ops", R, points=1)


# --- high tension ---------------------------------------------------------------------------------


def test_a_power_raising_tension_to_7_loses_1_vp(rules):
    s = spend(rules, "china", 2, tension=6)
    log = []
    s2 = apply(s, ("op", "security_cooperation", "kazakhstan"), log)
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (6, 7),
                              "vp.china": (0, -1), "vp.china.diplomacy": (0, -1)}
    assert ("tension_cost", C, 7) in log


def test_raising_tension_below_7_costs_nothing(rules):
    s = spend(rules, "china", 2, tension=5)
    s2 = apply(s, ("op", "security_cooperation", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (5, 6)}


def test_raising_tension_by_2_past_7_costs_1_vp(rules):
    s = spend(rules, "usa", 3, tension=6)
    s2 = run(s, ("op", "propose_base", "kazakhstan"), ("accept",))
    # +2 VP for the base, -1 for raising tension 6 -> 8.
    assert changes(s, s2) == {
        "kazakhstan.bases": ((), ("usa",)), "kazakhstan.influence.usa": (1, 2), "tension": (6, 8),
        "vp.usa": (0, 1), "vp.usa.diplomacy": (0, 1)}


def test_central_asia_raising_tension_pays_nothing(rules):
    # Risky gamble (neutral): stability +1 in a state, tension +1; played by Central Asia.
    s = play(rules, "central_asia", ["risky-gamble"], tension=6)
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (6, 7)}


def test_a_power_playing_the_same_card_pays(rules):
    s = play(rules, "turkey", ["risky-gamble"], tension=9)
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8), "tension": (9, 10),
                              "vp.turkey": (0, -1), "vp.turkey.diplomacy": (0, -1)}


def test_tension_already_at_10_does_not_rise_and_costs_nothing(rules):
    s = play(rules, "turkey", ["risky-gamble"], tension=10)
    s2 = run(s, ("play", "risky-gamble", "event"), ("target", "kazakhstan"))
    assert changes(s, s2) == {"kazakhstan.stability": (7, 8)}


# --- targets, options, conditions ------------------------------------------------------------


def test_target_decision_offers_exactly_the_cards_states(rules):
    # Guard the frontier (Central Asia): a border state; border +2 there, discontent +1.
    s = play(rules, "central_asia", ["guard-the-frontier"])
    s1 = apply(s, ("play", "guard-the-frontier", "event"))
    assert s1.pending == Pending("target", CA, card="guard-the-frontier", options=(TAJ, UZB, TKM), actor=CA)
    assert legal_choices(s1) == [("target", "tajikistan"), ("target", "uzbekistan"), ("target", "turkmenistan")]
    with pytest.raises(IllegalChoice):
        apply(s1, ("target", "kazakhstan"))
    s2 = apply(s1, ("target", "turkmenistan"))
    assert changes(s, s2) == {"turkmenistan.border": (4, 6), "turkmenistan.discontent": (4, 5)}


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

TALIBAN_DICE = (6, 10, 3, 3, 3)  # momentum d6, disobedience d10, one d3 per border state


def dice_at(counter, sides=TALIBAN_DICE, seed=SEED):
    return [draw(seed, counter + i, n) for i, n in enumerate(sides)]


def counter_where(ok, sides=TALIBAN_DICE, seed=SEED):
    """The first counter whose next draws satisfy ``ok`` (momentum die shown as 1..6)."""
    for counter in range(10_000):
        d = dice_at(counter, sides, seed)
        if ok(d[0] + 1, *d[1:]):
            return counter
    raise AssertionError("no such dice")


def quiet(rules, counter, **board):
    """A position where the Taliban phase can only do what a test sets up: momentum 0,
    pledge 10 and discipline 10 (no disobedience), borders 10, no refugees or discontent."""
    calm = {"stability": 5, "discontent": 0, "refugees": 0}
    states = {name: dict(calm, **({"border": 10} if name in ("tajikistan", "uzbekistan", "turkmenistan") else {}))
              for name in COUNTRY_INDEX}
    for name in COUNTRY_INDEX:
        states[name].update(board.pop(name, {}))
    tracks = dict(momentum=0, pledge=10, discipline=10)
    tracks.update(board)
    return position(rules, SEED, counter=counter, **tracks, **states)


@pytest.mark.parametrize("die, withdrawn, gains", [
    (3, False, False), (4, False, True),  # needs 4+ while the US is still there
    (2, True, False), (3, True, True),  # 3+ once it has gone
])
def test_momentum(rules, die, withdrawn, gains):
    c = counter_where(lambda d6, *_: d6 == die)
    s = quiet(rules, c, momentum=3)
    s.withdrawn = withdrawn
    log = []
    s2 = s.clone()
    taliban_phase(s2, log)
    assert changes(s, s2) == ({"momentum": (3, 4)} if gains else {})
    need = 3 if withdrawn else 4
    assert log[1] == (("t_momentum", die, need, 4) if gains else ("t_momentum_stalls", die, need))
    assert s2.counter == c + 5  # momentum, disobedience, three borders; nobody radicalised


@pytest.mark.parametrize("die, disobey", [(5, True), (4, False), (9, True)])
def test_disobedience_lowers_the_pledge_when_the_die_reaches_discipline(rules, die, disobey):
    c = counter_where(lambda d6, d10, *_: d6 < 4 and d10 == die)
    s = quiet(rules, c, pledge=8, discipline=5)
    log = []
    s2 = s.clone()
    taliban_phase(s2, log)
    assert changes(s, s2) == ({"pledge": (8, 7)} if disobey else {})
    assert log[2] == (("t_disobey", die, 5, 7) if disobey else ("t_obey", die, 5))


@pytest.mark.parametrize("below, loss", [(0, None), (1, 1), (2, 2), (4, 2)])
def test_border_holds_or_incursion(rules, below, loss):
    # Pressure on Tajikistan = momentum 4 // 2 + disobedience (10 - pledge 7) // 3
    #                          + refugees 3 // 3 + die = 2 + 1 + 1 + 1 = 5 (die 1 chosen).
    # The border is set ``below`` under the pressure; it holds only when pressure <= border.
    c = counter_where(lambda d6, d10, d_taj, *_: d6 < 4 and d_taj == 1)
    border = 5 - below
    s = quiet(rules, c, momentum=4, pledge=7, tajikistan={"border": border, "refugees": 3})
    log = []
    s2 = s.clone()
    taliban_phase(s2, log)
    if loss is None:
        assert changes(s, s2) == {}
        assert ("t_border_holds", TAJ, 5, border, (2, 1, 1, 1)) in log
        return
    assert changes(s, s2) == {
        "tajikistan.border": (border, border - 1), "tajikistan.refugees": (3, 4),
        "tajikistan.stability": (5, 5 - loss), "tajikistan.incursion": (False, True)}
    assert ("t_incursion", TAJ, 5, border, loss, (2, 1, 1, 1)) in log


def test_pressure_uses_momentum_and_pledge_after_this_turns_rolls(rules):
    # Momentum 5 -> 6 (d6 >= 4) and pledge 8 -> 7 (d10 >= discipline 0): pressure on Uzbekistan
    # is 6 // 2 + (10 - 7) // 3 + 0 + die 0 = 4 > border 3 (not 5 // 2 + 2 // 3 = 2).
    c = counter_where(lambda d6, d10, d_taj, d_uzb, d_tkm: d6 >= 4 and d_uzb == 0)
    s = quiet(rules, c, momentum=5, pledge=8, discipline=0, uzbekistan={"border": 3})
    s2 = s.clone()
    taliban_phase(s2, None)
    assert changes(s, s2) == {
        "momentum": (5, 6), "pledge": (8, 7),
        # the incursion: border -1, refugees +1, stability -min(2, 4 - 3)
        "uzbekistan.border": (3, 2), "uzbekistan.stability": (5, 4), "uzbekistan.incursion": (False, True),
        # then momentum 6 sends refugees north into all three border states (Uzbekistan 1 -> 2)
        "uzbekistan.refugees": (0, 2), "tajikistan.refugees": (0, 1), "turkmenistan.refugees": (0, 1)}


@pytest.mark.parametrize("momentum, d6, flight", [(6, 1, True), (5, 1, False), (5, 4, True), (6, 6, True)])
def test_refugee_flight_from_momentum_6(rules, momentum, d6, flight):
    c = counter_where(lambda die, *_: die == d6)
    s = quiet(rules, c, momentum=momentum)
    s2 = s.clone()
    taliban_phase(s2, None)
    expected = {}
    if d6 >= 4:
        expected["momentum"] = (momentum, momentum + 1)
    if flight:
        expected.update({f"{n}.refugees": (0, 1) for n in ("tajikistan", "uzbekistan", "turkmenistan")})
    assert changes(s, s2) == expected


def test_refugee_crisis_at_6(rules):
    # Flight takes Tajikistan from 5 to 6 refugees: a crisis there too. Kazakhstan (no border)
    # is at 6 already; Kyrgyzstan at 5 is not.
    c = counter_where(lambda d6, *_: d6 < 4)
    s = quiet(rules, c, momentum=6, tajikistan={"refugees": 5}, kyrgyzstan={"refugees": 5},
              kazakhstan={"refugees": 6})
    log = []
    s2 = s.clone()
    taliban_phase(s2, log)
    assert changes(s, s2) == {
        "tajikistan.refugees": (5, 6), "uzbekistan.refugees": (0, 1), "turkmenistan.refugees": (0, 1),
        "tajikistan.stability": (5, 4), "kazakhstan.stability": (5, 4)}
    assert [e for e in log if e[0] == "t_refugee_crisis"] == [("t_refugee_crisis", TAJ, 6), ("t_refugee_crisis", KAZ, 6)]


@pytest.mark.parametrize("die, radicalised", [(3, True), (4, False), (0, True)])
def test_radicalisation(rules, die, radicalised):
    # Uzbek discontent 8: chance 8 - 6 + 2 = 4 tenths, radicalised when the d10 is under 4.
    c = counter_where(lambda d6, *rest: d6 < 4 and rest[-1] == die, sides=TALIBAN_DICE + (10,))
    s = quiet(rules, c, uzbekistan={"discontent": 8})
    log = []
    s2 = s.clone()
    taliban_phase(s2, log)
    assert changes(s, s2) == ({"uzbekistan.stability": (5, 4)} if radicalised else {})
    kind = "t_radicalised" if radicalised else "t_calm"
    assert [e for e in log if e[0] in ("t_radicalised", "t_calm")] == [(kind, UZB, 8, die, 4)]
    assert s2.counter == c + 6


def test_discontent_below_6_rolls_no_die(rules):
    s = quiet(rules, 0, tajikistan={"discontent": 5}, kazakhstan={"discontent": 5})
    s2 = s.clone()
    taliban_phase(s2, None)
    assert s2.counter == 5


# --- upkeep: projects and scoring -----------------------------------------------------------------


def test_project_advances(rules):
    s = position(rules, SEED)
    s.projects = [(R, KAZ, 2)]
    s2 = s.clone()
    advance_projects(s2, None)
    assert changes(s, s2) == {"projects": ((("russia", "kazakhstan", 2),), (("russia", "kazakhstan", 1),))}


def test_project_stalls_below_stability_2(rules):
    s = position(rules, SEED, kazakhstan={"stability": 1}, kyrgyzstan={"stability": 2})
    s.projects = [(R, KAZ, 1), (C, KGZ, 2)]
    s2 = s.clone()
    log = []
    advance_projects(s2, log)
    assert s2.projects == [(R, KAZ, 1), (C, KGZ, 1)]  # stability 2 is enough to work
    assert ("project_stalled", R, KAZ) in log


def test_project_completes(rules):
    s = position(rules, SEED)
    s.projects = [(T, KAZ, 1), (C, KAZ, 3)]
    s2 = s.clone()
    advance_projects(s2, None)
    # The owner gains 2 VP and +1 influence there; discontent -1 there. (Since the balance
    # pass of commit 192ed49 the Central Asian seat no longer gains 1 VP.)
    assert changes(s, s2) == {
        "projects": ((("turkey", "kazakhstan", 1), ("china", "kazakhstan", 3)), (("china", "kazakhstan", 2),)),
        "completed": ((), (("turkey", "kazakhstan"),)),
        "vp.turkey": (0, 2), "vp.turkey.projects": (0, 2), "kazakhstan.influence.turkey": (2, 3),
        "kazakhstan.discontent": (3, 2)}


def scoring_thresholds_are_as_derived():
    """The expectations below were worked out for these thresholds (game/scoring.py)."""
    assert (STABLE, TURKIC_PRESENCE, CORRIDOR_STABILITY, CSTO_CREDIBLE, CALM_TENSION) == (7, 5, 5, 6, 5), \
        "scoring thresholds were retuned: re-derive the expected VP of these scoring scenarios"


def test_scoring_a_contested_position(rules):
    scoring_thresholds_are_as_derived()
    # Leaders: Tajikistan Russia (5), Uzbekistan Turkey (5), Turkmenistan China (6),
    # Kyrgyzstan Turkey (5), Kazakhstan China (5). New bases in Uzbekistan: the US's and
    # Russia's. CSTO 6, tension 6, no incursion. China has completed projects in Turkmenistan
    # (stability 7: working) and Kyrgyzstan (4: not working).
    s = position(
        rules, SEED, vp={seat: 10 for seat in ("russia", "turkey", "china", "usa", "central_asia")},
        csto=6, tension=6,
        tajikistan={"stability": 6, "influence": {"russia": 5, "turkey": 1, "china": 2, "usa": 1}},
        uzbekistan={"stability": 7, "influence": {"russia": 2, "turkey": 5, "china": 2, "usa": 3},
                    "bases": ["usa", "russia"]},
        turkmenistan={"stability": 7, "influence": {"russia": 2, "turkey": 5, "china": 6, "usa": 0}},
        kyrgyzstan={"stability": 4, "influence": {"russia": 4, "turkey": 5, "china": 2, "usa": 1}},
        kazakhstan={"stability": 8, "influence": {"russia": 3, "turkey": 4, "china": 5, "usa": 3}},
    )
    s.completed = [(C, TKM), (C, KGZ), (T, UZB)]
    s2 = s.clone()
    score_turn(s2, None)
    assert changes(s, s2) == {
        # Russia: leads 1 CSTO state (Tajikistan); CSTO >= 6 and no Tajik incursion: +2; one US base: -1.
        "vp.russia": (10, 12), "vp.russia.influence": (0, 1), "vp.russia.security": (0, 1),
        # Turkey: influence 5+ in Uzbekistan, Turkmenistan, Kyrgyzstan; leads two Turkic states: +1.
        "vp.turkey": (10, 14), "vp.turkey.influence": (0, 4),
        # China: one working project; leads 2 states; one US base.
        "vp.china": (10, 12), "vp.china.projects": (0, 1), "vp.china.influence": (0, 2), "vp.china.security": (0, -1),
        # US: 2 per base; 3+ influence in Uzbekistan and Kazakhstan; China leads 2 states: no bonus.
        "vp.usa": (10, 14), "vp.usa.security": (0, 2), "vp.usa.influence": (0, 2),
        # Central Asia: 3 states at 7+; nobody leads 3 (+1); tension 6 is not calm; 2 new bases (-2).
        "vp.central_asia": (10, 12), "vp.central_asia.stability": (0, 3), "vp.central_asia.diplomacy": (0, -1),
    }


def test_scoring_the_opening_position_after_an_incursion_in_tajikistan(rules):
    scoring_thresholds_are_as_derived()
    # Leaders: Russia in Tajikistan, Kyrgyzstan, Kazakhstan; China in Turkmenistan; Uzbekistan tied.
    s = position(rules, SEED, tajikistan={"incursion": True})
    s2 = s.clone()
    score_turn(s2, None)
    assert changes(s, s2) == {
        # Russia: leads 3 CSTO states; CSTO 5 is not credible, and Tajikistan was hit: no security.
        "vp.russia": (0, 3), "vp.russia.influence": (0, 3),
        # Turkey: nowhere 5+, leads nothing. China: leads Turkmenistan.
        "vp.china": (0, 1), "vp.china.influence": (0, 1),
        # US: China leads only one state.
        "vp.usa": (0, 1), "vp.usa.diplomacy": (0, 1),
        # Central Asia: only Kazakhstan at 7+; Russia dominant (3 leads); tension 4 is calm; the
        # Russian bases were there at the start.
        "vp.central_asia": (0, 2), "vp.central_asia.stability": (0, 1), "vp.central_asia.diplomacy": (0, 1),
    }


@pytest.mark.parametrize("turkish, vp", [
    ({"kazakhstan": 5}, 1),  # one presence, one lead: no bonus
    ({"kazakhstan": 5, "kyrgyzstan": 5}, 3),  # two presences and the bonus for leading two
    ({"kazakhstan": 5, "tajikistan": 9}, 1),  # Tajikistan is not a Turkic state
])
def test_turkey_scores_presence_and_a_bonus_for_leading_two_turkic_states(rules, turkish, vp):
    scoring_thresholds_are_as_derived()
    s = position(rules, SEED, **{name: {"influence": {"turkey": n}} for name, n in turkish.items()})
    s2 = s.clone()
    score_turn(s2, None)
    assert changes(s, s2)["vp.turkey"] == (0, vp)


def test_upkeep_records_the_scores_in_the_history(rules):
    s = position(rules, SEED)
    s.projects = [(U, UZB, 1)]
    upkeep(s, None)
    assert s.history == (tuple(s.vp),)
    assert s.completed == [(U, UZB)]  # projects advance before scoring


# --- the end of a turn: refill, news, initiative --------------------------------------------------


def end_of_turn(rules, turn=1, counter=None, **board):
    """The last play of ``turn`` on a board where the Taliban phase does next to nothing:
    stability 10, borders 10, no refugees or discontent, momentum 0, pledge and discipline 10.
    The last seat holds only Back-channel talks (pledge +1, discipline +1: no change at 10)."""
    states = {n: {"stability": 10, "discontent": 0, "refugees": 0} for n in COUNTRY_INDEX}
    for n in ("tajikistan", "uzbekistan", "turkmenistan"):
        states[n]["border"] = 10
    for n in COUNTRY_INDEX:
        states[n].update(board.pop(n, {}))
    tracks = dict(momentum=0, pledge=10, discipline=10)
    tracks.update(board)
    s = position(rules, SEED, turn=turn, counter=counter, **tracks, **states)
    seat = last_seat(s)
    give(s, seat, ["back-channel-talks"])
    return to_play(s, seat, last=True)


def test_hands_are_refilled_reshuffling_the_discard_when_the_deck_runs_out(rules):
    s = end_of_turn(rules, counter=1000)
    s.discard.extend(s.deck)
    s.deck.clear()
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    # The Taliban phase draws exactly 5 dice here, upkeep none; then Central Asia's empty hand
    # is refilled: the discard (with the card just played) is shuffled into the deck and 4
    # cards are dealt from its top.
    deck = shuffled(SEED, 1005, s.discard + ["back-channel-talks"])
    hand = [deck.pop() for _ in range(4)]
    assert s2.hands[CA] == hand
    assert s2.deck == deck and s2.discard == []
    assert [len(h) for h in s2.hands] == [4] * 5
    assert all_cards(s2) == all_cards(s)
    assert s2.turn == 2


def test_dated_news_arrive_on_their_turn(rules):
    s = end_of_turn(rules, turn=1)
    undated = list(s.news_deck)
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    # Turn 2 is 2021-08: both August cards, and no undated card.
    assert [e for e in log if e[0] == "news"] == [("news", "officials-flee-north"), ("news", "withdrawal-by-august-31")]
    assert s2.news_deck == undated
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
    news = [cid for cid, card in rules.cards.items() if card.deck == "news"]
    undated = [cid for cid in news if rules.cards[cid].date is None]
    n_action = sum(1 for card in rules.cards.values() if card.deck == "action")
    assert s.news_done == ["taliban-retake-provinces", "taliban-delegation-in-moscow"]
    assert s.news_dated == ["officials-flee-north", "withdrawal-by-august-31", "taliban-ultimatum",
                            "odkb-drills-in-tajikistan"]
    # new_game shuffles the action deck (n - 1 draws), then the undated news.
    assert s.news_deck == shuffled(SEED, n_action - 1, undated)


def test_what_if_shuffles_all_news_and_reveals_one_a_turn(whatif_rules):
    s = new_game(whatif_rules, SEED)
    news = [cid for cid, card in whatif_rules.cards.items() if card.deck == "news"]
    n_action = sum(1 for card in whatif_rules.cards.values() if card.deck == "action")
    deck = shuffled(SEED, n_action - 1, news)
    assert s.news_dated == []
    assert s.news_done == [deck[-1]]
    assert s.news_deck == deck[:-1]


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


def test_collapse_ends_the_game_at_once_with_penalties(rules):
    # Tajikistan (a CSTO member) at stability 1 with border 0: pressure >= momentum 4 // 2 = 2,
    # so an incursion costs 2 stability whatever the dice. Central Asia -5, Russia -3.
    s = end_of_turn(rules, counter=0, momentum=4, tajikistan={"stability": 1, "border": 0},
                    vp={"russia": 3, "turkey": 5, "china": 4, "usa": 2, "central_asia": 6})
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert s2.over and s2.end_reason == "collapse" and s2.collapsed == TAJ
    assert s2.vp == [0, 5, 4, 2, 1]
    assert s2.winners == (T,)
    assert s2.pending is None and s2.queue == ()
    assert s2.turn == 1 and s2.history == ()  # no upkeep after a collapse
    assert s2.counter == 3  # momentum, disobedience, Tajikistan's border: nothing after
    assert log[-1] == ("end", "collapse", (T,), (0, 5, 4, 2, 1))
    assert legal_choices(s2) == []


def test_collapse_outside_the_csto_costs_russia_nothing_and_ties_share_the_win(rules):
    s = end_of_turn(rules, counter=0, momentum=4, uzbekistan={"stability": 1, "border": 0},
                    vp={"russia": 5, "turkey": 5, "central_asia": 6})
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert s2.collapsed == UZB
    assert s2.vp == [5, 5, 0, 0, 1]
    assert s2.winners == (R, T)


def test_collapse_stops_the_effects_still_queued(rules):
    s = position(rules, SEED, uzbekistan={"stability": 1})
    s.queue = (("fx", Cd.Adjust((UZB,), "stability", -1), None, None),
               ("fx", Cd.Track(TRACK_INDEX["momentum"], 1), None, None))
    _advance(s, None)
    assert s.over and s.collapsed == UZB
    assert s.track("momentum") == 5  # the second effect never ran


def test_ties_share_the_win(rules):
    s = position(rules, SEED, vp={"russia": 3, "turkey": 5, "china": 5, "usa": 1})
    end_game(s, "last turn", None)
    assert s.winners == (T, C)


def test_the_game_ends_after_the_last_turns_upkeep(rules):
    s = end_of_turn(rules, turn=10)
    assert last_seat(s) == "usa"  # turn 10's order: central_asia, russia, turkey, china, usa
    log = []
    s2 = apply(s, ("play", "back-channel-talks", "event"), log)
    assert s2.over and s2.end_reason == "last turn" and s2.turn == 10
    # Upkeep scored the quiet board: Russia leads 3 CSTO states and Tajikistan held (+4);
    # China leads Turkmenistan (+1); the US: China leads one state (+1); Central Asia: five
    # states at stability 10, Russia dominant, tension calm (+6).
    assert s2.vp == [4, 0, 1, 1, 6]
    assert s2.history == ((4, 0, 1, 1, 6),)
    assert s2.winners == (CA,)
    assert [len(h) for h in s2.hands] == [4] * 5
    assert log[-1] == ("end", "last turn", (CA,), (4, 0, 1, 1, 6))


def test_a_turn_before_the_last_goes_on(rules):
    s = end_of_turn(rules, turn=9)
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert not s2.over and s2.turn == 10 and s2.history == ((4, 0, 1, 1, 6),)
