"""Rules scenarios for the verbs that keep a game alive (issue 11), DATC style: one mechanism,
one position, one choice, the exact result. Positions are those of positions.py (the board is
drawn in test_rules_scenarios.py's docstring); the tuned numbers are imported, never copied.

- contesting a rival's influence (a d6: backfire, one point, two points; bases shift the die;
  China against the US raises tension);
- influence deeper than INFLUENCE_DEEP costs one op more;
- shelving a rival's card: no event, no ops, SHELVE_VP, once a turn;
- actions for the whole region: Russia's Moscow talks, Central Asia's "Not our confrontation";
- tension and CSTO credibility fall by one at each upkeep;
- the late period's cards wait in the reserve until the US withdrawal completes.
"""

from __future__ import annotations

import pytest

from game.rules import cards as Cd
from game.rules.effects import CONTEST_BACKFIRE, CONTEST_DIE, CONTEST_TAKE_TWO, withdraw
from game.rules.engine import SHELVE_VP, IllegalChoice, apply, legal_choices, new_game
from game.rules.model import INFLUENCE_MAX, Pending
from game.rules.ops import CONTEST_COST, INFLUENCE_DEEP, OPS_BY_NAME
from game.rules.rng import draw
from game.rules.scoring import upkeep
from positions import C, CA, R, T, U, all_cards, changes, give, position, to_play, to_spend, where

SEED = 1
TAJ, UZB, TKM, KGZ, KAZ = range(5)


def counter_for_die(die: int, sides: int = CONTEST_DIE) -> int:
    """The first counter whose next draw, shown as 1..sides, is ``die``."""
    return next(c for c in range(10_000) if draw(SEED, c, sides) + 1 == die)


def contest(rules, seat, rival, country, die, **board):
    s = to_spend(position(rules, SEED, counter=counter_for_die(die), **board), seat, CONTEST_COST)
    log = []
    s2 = apply(s, ("op", f"contest_{rival}", country), log)
    return s, s2, log


# --- contesting influence ---------------------------------------------------------------------------

@pytest.mark.parametrize("die, outcome", [
    (CONTEST_BACKFIRE, "backfire"), (CONTEST_BACKFIRE + 1, "one"), (CONTEST_TAKE_TWO - 1, "one"),
    (CONTEST_TAKE_TWO, "two"), (CONTEST_DIE, "two"),
])
def test_a_contest_takes_one_or_two_from_the_rival_or_backfires(rules, die, outcome):
    # Turkey contests Russia in Kazakhstan (Russia 4, Turkey 2; no bases there).
    s, s2, log = contest(rules, "turkey", "russia", "kazakhstan", die)
    assert ("contest", T, R, KAZ, die, 0, outcome) in log
    if outcome == "backfire":
        assert changes(s, s2) == {"kazakhstan.influence.turkey": (2, 1), "kazakhstan.stability": (7, 6)}
    else:
        taken = 2 if outcome == "two" else 1
        assert changes(s, s2) == {"kazakhstan.influence.russia": (4, 4 - taken)}
    assert s2.counter == s.counter + 1


def test_a_contest_breaks_a_lead_at_the_cap(rules):
    both = {"influence": {"russia": INFLUENCE_MAX, "china": INFLUENCE_MAX}}
    s, s2, _ = contest(rules, "china", "russia", "kazakhstan", CONTEST_TAKE_TWO, kazakhstan=both)
    assert s.country("kazakhstan").leader() is None
    assert s2.country("kazakhstan").leader() == C


def test_bases_shift_the_contest_die(rules):
    # Russia has a base in Tajikistan: Turkey's roll there is one lower, Russia's one higher.
    s, s2, log = contest(rules, "turkey", "russia", "tajikistan", CONTEST_BACKFIRE + 1)
    assert ("contest", T, R, TAJ, CONTEST_BACKFIRE + 1, -1, "backfire") in log
    s, s2, log = contest(rules, "russia", "china", "tajikistan", CONTEST_TAKE_TWO - 1)
    assert ("contest", R, C, TAJ, CONTEST_TAKE_TWO - 1, 1, "two") in log


def test_a_contest_between_china_and_the_us_raises_tension(rules):
    s, s2, _ = contest(rules, "usa", "china", "kazakhstan", CONTEST_TAKE_TWO, tension=2)
    assert changes(s, s2) == {"kazakhstan.influence.china": (3, 1), "tension": (2, 3)}
    s, s2, _ = contest(rules, "turkey", "china", "kazakhstan", CONTEST_TAKE_TWO, tension=2)
    assert "tension" not in changes(s, s2)


def test_a_rival_with_no_influence_cannot_be_contested_there(rules):
    s = to_spend(position(rules, SEED, turkmenistan={"influence": {"usa": 0}}), "china", 4)
    where_offered = {c[2] for c in legal_choices(s) if c[:2] == ("op", "contest_usa")}
    assert where_offered == {"tajikistan", "uzbekistan", "kyrgyzstan", "kazakhstan"}
    assert OPS_BY_NAME[(C, "contest_usa")].check(s, C, TKM) == "the US has no influence there"
    assert not any(c[:2] == ("op", "contest_china") for c in legal_choices(s))  # nobody contests itself


def test_the_central_asian_seat_has_no_contest(rules):
    s = to_spend(position(rules, SEED), "central_asia", 4)
    assert not any(c[0] == "op" and c[1].startswith("contest") for c in legal_choices(s))


def test_a_card_can_contest_too(rules):
    effect = Cd.Contest(Cd.SELF, R, (KAZ,))
    s = position(rules, SEED, counter=counter_for_die(CONTEST_TAKE_TWO))
    from game.rules.effects import run
    s2 = s.clone()
    run(s2, effect, T, None, None)
    assert changes(s, s2) == {"kazakhstan.influence.russia": (4, 2)}


# --- influence gets dearer deep in a state ------------------------------------------------------------

def test_influence_costs_one_more_from_the_deep_mark(rules):
    s = to_spend(position(rules, SEED, kazakhstan={"influence": {"china": INFLUENCE_DEEP - 1}}), "china", 4)
    assert OPS_BY_NAME[(C, "influence")].cost(s, C, KAZ) == 1
    s2 = apply(s, ("op", "influence", "kazakhstan"))
    assert s2.pending == Pending("ops", C, points=3)
    assert OPS_BY_NAME[(C, "influence")].cost(s2, C, KAZ) == 2
    s3 = apply(s2, ("op", "influence", "kazakhstan"))
    assert s3.pending == Pending("ops", C, points=1)
    assert ("op", "influence", "kazakhstan") not in legal_choices(s3)


# --- shelving a card ------------------------------------------------------------------------------------

def test_shelving_a_rivals_card_fires_nothing_and_costs_a_vp(rules):
    s = to_play(position(rules, SEED), "russia")
    give(s, "russia", ["turkish-market", "no-shady-plans"])
    log = []
    s2 = apply(s, ("play", "turkish-market", "shelve"), log)
    assert changes(s, s2) == {"vp.russia": (0, -SHELVE_VP), "vp.russia.diplomacy": (0, -SHELVE_VP)}
    assert where(s2, "turkish-market") == "discard"
    assert not any(e[0] in ("event", "op") for e in log)
    assert s2.shelved == (R,)
    assert s2.pending == Pending("play", T)  # no ops to spend: the next seat plays


def test_only_a_rivals_card_may_be_shelved(rules):
    s = to_play(position(rules, SEED), "russia")
    give(s, "russia", ["no-shady-plans", "back-channel-talks"])
    assert not any(c[2] == "shelve" for c in legal_choices(s))
    with pytest.raises(IllegalChoice):
        apply(s, ("play", "no-shady-plans", "shelve"))


def test_a_seat_shelves_once_a_turn_and_again_the_next(rules):
    s = to_play(position(rules, SEED), "russia")
    give(s, "russia", ["turkish-market", "base-proposal"])
    s.shelved = (R,)
    assert not any(c[2] == "shelve" for c in legal_choices(s))
    s.shelved = (T,)  # another seat's shelving this turn does not count against Russia
    assert ("play", "base-proposal", "shelve") in legal_choices(s)


def test_the_shelving_is_forgotten_at_the_next_turn(rules):
    from test_rules_scenarios import end_of_turn  # the quiet board's last play of a turn
    s = end_of_turn(rules)
    s.shelved = (R, T)
    s2 = apply(s, ("play", "back-channel-talks", "event"))
    assert s2.turn == 2 and s2.shelved == ()


# --- actions for the whole region -----------------------------------------------------------------------

def test_moscow_talks_rebuild_the_pledge(rules):
    s = to_spend(position(rules, SEED, pledge=6), "russia", 2)
    assert ("op", "moscow_talks") in legal_choices(s)
    s2 = apply(s, ("op", "moscow_talks"))
    assert changes(s, s2) == {"pledge": (6, 7)}
    s = to_spend(position(rules, SEED, pledge=10), "russia", 2)
    assert ("op", "moscow_talks") not in legal_choices(s)


def test_not_our_confrontation_cools_tension(rules):
    s = to_spend(position(rules, SEED, tension=6), "central_asia", 2)
    s2 = apply(s, ("op", "not_our_confrontation"))
    assert changes(s, s2) == {"tension": (6, 5)}
    assert ("op", "not_our_confrontation") not in legal_choices(to_spend(position(rules, SEED, tension=0),
                                                                          "central_asia", 2))


def test_a_regional_action_names_no_state(rules):
    s = to_spend(position(rules, SEED), "russia", 4)
    assert not any(c[:2] == ("op", "moscow_talks") and len(c) > 2 for c in legal_choices(s))
    with pytest.raises(IllegalChoice):
        apply(s, ("op", "moscow_talks", "tajikistan"))


# --- tracks that come back down --------------------------------------------------------------------------

def test_tension_and_csto_credibility_fall_by_one_at_each_upkeep(rules):
    s = position(rules, SEED, tension=6, csto=9)
    log = []
    s2 = s.clone()
    upkeep(s2, log)
    assert (s2.track("tension"), s2.track("csto")) == (5, 8)
    assert ("tension_eases", 6) in log and ("csto_fades", 9) in log
    s = position(rules, SEED, tension=0, csto=0)
    s2 = s.clone()
    upkeep(s2, None)
    assert (s2.track("tension"), s2.track("csto")) == (0, 0)


def test_the_csto_scores_before_it_fades(rules):
    from game.rules.scoring import CSTO_CREDIBLE
    s = position(rules, SEED, csto=CSTO_CREDIBLE)
    s2 = s.clone()
    log = []
    upkeep(s2, log)
    fades = log.index(("csto_fades", CSTO_CREDIBLE))
    assert any(e[:2] == ("vp", R) and e[3] == "security" for e in log[:fades])


# --- two periods -------------------------------------------------------------------------------------------

@pytest.fixture
def late_rules(rules):
    """The shipped rules with two cards made late, whichever the decks hold today."""
    import attrs
    cards = dict(rules.cards)
    action = next(cid for cid, c in cards.items() if c.deck == "action" and not c.late)
    news = next(cid for cid, c in cards.items() if c.deck == "news" and not c.late and not c.date)
    for cid in (action, news):
        cards[cid] = attrs.evolve(cards[cid], late=True)
    return type(rules).build(cards, rules.scenario), action, news


def test_late_cards_wait_in_the_reserve_until_the_withdrawal(late_rules):
    rules, action, news = late_rules
    s = new_game(rules, SEED)
    assert not s.withdrawn
    assert action in s.reserve and news in s.reserve
    assert where(s, action) == "reserve" and where(s, news) == "reserve"
    before = all_cards(s)
    log = []
    withdraw(s, log)
    assert s.reserve == [] and s.withdrawn
    assert where(s, action) == "deck" and where(s, news) == "news_deck"
    assert all_cards(s) == before  # nothing lost or doubled
    late = sum(1 for c in rules.cards.values() if c.late)
    assert ("period", "late", late - sum(1 for c in rules.cards.values() if c.late and c.deck == "news"),
            sum(1 for c in rules.cards.values() if c.late and c.deck == "news")) in log


def test_a_scenario_that_starts_after_the_withdrawal_deals_the_late_cards_at_once(late_rules):
    import attrs
    rules, action, news = late_rules
    after = type(rules).build(rules.cards, attrs.evolve(rules.scenario, withdrawn=True))
    s = new_game(after, SEED)
    assert s.reserve == []
    assert where(s, action) in ("deck",) + tuple(f"hand:{x}" for x in ("russia", "turkey", "china", "usa",
                                                                          "central_asia"))
