"""The move menus as a model (no Textual): every action of a seat and every state are always
listed, in the same order, greyed with the reason when they cannot be chosen, so a digit always
names the same thing; what is enabled is legal, what is greyed carries no choice; and each item
says its cost, its odds and the VP at stake from the data the engine runs."""

from __future__ import annotations

import attrs

from game.ai import decide
from game.play.session import Game
from game.rules import moves as M
from game.rules.model import CENTRAL_ASIA, COUNTRIES, SEAT_INDEX, TRACK_INDEX, Pending
from game.rules.ops import CHINA, OFFERS, RUSSIA, SEAT_OPS, USA
from game.rules.scoring import STABLE, turn_scores
from game.tui.moves import MAP_ORDER, menu, summary
from game.words.effect_words import contest_odds, offer_terms, vp_stakes
from tests.tui.conftest import RANDOM

TAJ, UZB, TKM, KGZ, KAZ = (COUNTRIES.index(c) for c in ("tajikistan", "uzbekistan", "turkmenistan", "kyrgyzstan",
                                                         "kazakhstan"))


def ops_position(rules, seed: int = 7):
    """The first decision of a game spent on ops."""
    game = Game.start(rules, seed, dict(RANDOM))
    while game.state.pending.kind != M.PENDING_OPS:
        game.play(game.legal()[0])
    return game


def with_points(state, points: int):
    """The same position with another number of ops to spend (what the engine then allows
    comes from its own legal_choices)."""
    out = state.clone()
    out.pending = attrs.evolve(state.pending, points=points)
    return out


def legal(state) -> list:
    from game.rules.engine import legal_choices

    return legal_choices(state)


def test_the_map_order_is_the_boards(tui_rules):
    from game.tui.widgets.board import MAP_ORDER as BOARD

    assert MAP_ORDER == BOARD and sorted(MAP_ORDER) == list(range(len(COUNTRIES)))


def test_every_ops_menu_lists_the_whole_menu_in_one_order(tui_rules):
    """Over random games: digit N is always the same action of a seat, and in a 'where?' menu
    the same state; greyed items say why and carry no choice; enabled ones are legal."""
    seen_greyed = 0
    for seed in (3, 5):
        game = Game.start(tui_rules, seed, dict(RANDOM))
        for _ in range(300):
            if game.over:
                break
            state, choices = game.state, game.legal()
            if state.pending.kind == M.PENDING_OPS:
                seat = state.pending.seat
                top = menu(state, choices)
                assert [i.key for i in top.items] == [op.name for op in SEAT_OPS[seat]] + ["end"]
                for item in top.items:
                    if item.greyed:
                        seen_greyed += 1
                        assert item.choice is None and item.reason and item.reason in item.detail + item.reason
                    elif item.choice is not None:
                        assert item.choice in choices
                    else:
                        where = menu(state, choices, (item.key,))
                        assert [i.country for i in where.items] == list(MAP_ORDER)
                        assert any(not i.greyed for i in where.items)
                        for w in where.items:
                            assert (w.choice is None) == w.greyed
                            assert w.choice is None or w.choice in choices
                            assert not w.greyed or w.detail.startswith("Not ")
            d = decide("random", state, len(game.moves))
            game.play(d.choice, d.reason)
    assert seen_greyed, "some action could not be bought somewhere in these games"


def test_digits_do_not_shift_when_fewer_ops_are_left(tui_rules):
    state = ops_position(tui_rules).state
    seat = state.pending.seat
    rich, poor = with_points(state, 3), with_points(state, 1)
    many, few = menu(rich, legal(rich)), menu(poor, legal(poor))
    assert [i.key for i in many.items] == [i.key for i in few.items]
    project = [op.name for op in SEAT_OPS[seat]].index("project")
    assert not many.items[project].greyed  # 3 ops buy a project somewhere
    assert few.items[project].greyed and few.items[project].reason == "needs 3 ops, 1 left"
    assert few.items[project].choice is None
    # Every enabled item of the poor menu stands for, or leads to, choices the engine allows.
    enabled = [i for i in few.items if not i.greyed]
    assert enabled[-1].choice == M.end() and set(legal(poor)) >= {i.choice for i in enabled if i.choice}


def test_a_where_menu_lists_all_five_states_with_the_reason_for_each_greyed_one(tui_rules):
    state = ops_position(tui_rules).state
    state.pending = Pending(M.PENDING_OPS, RUSSIA, card=state.pending.card, points=2)
    where = menu(state, legal(state), ("reinforce",))
    assert where.prompt == "Reinforce: where? (2 ops left)"
    by_state = {i.country: i for i in where.items}
    # Reinforce: CSTO members, or where Russia has a base (the price rule in ops.py).
    for c in (TKM, UZB):
        if not state.countries[c].bases[RUSSIA] and c not in state.rules.csto:
            assert by_state[c].greyed and by_state[c].reason == "only in CSTO members or where Russia has a base"
    assert not by_state[TAJ].greyed and by_state[TAJ].choice == ("op", "reinforce", "tajikistan")


def test_a_contest_shows_its_odds_in_that_state(tui_rules):
    state = ops_position(tui_rules).state.clone()
    state.pending = Pending(M.PENDING_OPS, RUSSIA, card=state.pending.card, points=2)
    for c in state.countries:
        c.bases = [False] * 4
        c.influence[CHINA] = 2
    state.countries[TAJ].bases[RUSSIA] = True  # +1 for Russia's base
    state.countries[KAZ].bases[CHINA] = True  # -1 for the rival's
    assert contest_odds(state, RUSSIA, CHINA, UZB) == (2, 2, 2)
    assert contest_odds(state, RUSSIA, CHINA, TAJ) == (1, 2, 3)
    assert contest_odds(state, RUSSIA, CHINA, KAZ) == (3, 2, 1)
    where = {i.country: i for i in menu(state, legal(state), ("contest_china",)).items}
    assert "Odds: d6 +1 for bases: backfire 1 in 6, take 1: 2 in 6, take 2: 3 in 6" in where[TAJ].detail
    assert "Odds: d6 -1 for bases: backfire 3 in 6" in where[KAZ].detail
    assert "backfire 2 in 6" in where[UZB].detail
    # ... and again at the confirm step.
    assert "Odds: d6 +1 for bases: backfire 1 in 6" in summary(state, where[TAJ].choice)


def test_a_contest_between_china_and_the_us_says_the_tension_and_its_price(tui_rules):
    state = ops_position(tui_rules).state.clone()
    state.pending = Pending(M.PENDING_OPS, CHINA, card=state.pending.card, points=2)
    state.countries[UZB].influence[USA] = 2
    state.tracks[TRACK_INDEX["tension"]] = 6
    where = {i.country: i for i in menu(state, legal(state), ("contest_usa",)).items}
    assert "Sino-American tension +1 (at 7+ that costs China 1 VP)" in where[UZB].detail
    state.tracks[TRACK_INDEX["tension"]] = 2
    where = {i.country: i for i in menu(state, legal(state), ("contest_usa",)).items}
    assert "Sino-American tension +1" in where[UZB].detail and "costs China 1 VP" not in where[UZB].detail


def test_a_regional_action_is_one_item_greyed_with_the_rule_s_reason(tui_rules):
    state = ops_position(tui_rules).state.clone()
    state.pending = Pending(M.PENDING_OPS, RUSSIA, card=state.pending.card, points=2)
    state.tracks[TRACK_INDEX["pledge"]] = 10
    talks = next(i for i in menu(state, legal(state)).items if i.key == "moscow_talks")
    assert talks.greyed and talks.reason == "the pledge is already whole" and talks.choice is None
    state.tracks[TRACK_INDEX["pledge"]] = 5
    talks = next(i for i in menu(state, legal(state)).items if i.key == "moscow_talks")
    assert talks.choice == ("op", "moscow_talks") and "Costs 2 ops (0 left after)" in talks.detail


def _base_offer(state, tension: int):
    """The US's base offered to Uzbekistan, on a board where the scoring is easy to follow:
    no bases, no US presence, nothing near the stability that scores."""
    state = state.clone()
    for c in state.countries:
        c.bases = [False] * 4
        c.influence[USA] = 0
        c.stability = 5
    state.starting_bases = ()
    state.tracks[TRACK_INDEX["tension"]] = tension
    state.pending = Pending(M.PENDING_OFFER, CENTRAL_ASIA, offer=OFFERS[USA], actor=USA, target=UZB)
    return state


def test_the_us_base_offer_says_the_vp_at_stake_now_and_per_upkeep(tui_rules):
    state = _base_offer(ops_position(tui_rules).state, tension=0)
    state.countries[UZB].stability = STABLE - 3  # the base's +1 stability stays short of the mark
    terms = offer_terms(state)
    # Now: the offer's +2; per upkeep (game.rules.scoring): the US 2 a base; Russia from +1
    # (no US base) to -1; China -1 a US base; Central Asia -1 for a base not there at the start.
    assert terms.accept_vp == "the US +2 now; per upkeep on this board: Central Asia -1, Russia -2, China -1, the US +2"
    assert terms.reject_vp == "Central Asia +1 now"
    # Tension 2 + 2 leaves the calm (3 or less) Central Asia scores for: one more point lost.
    warmer = _base_offer(state, tension=2)
    warmer.countries[UZB].stability = STABLE - 3
    terms = offer_terms(warmer)
    assert "Central Asia -2" in terms.accept_vp


def test_the_stakes_are_the_scoring_s_own_difference(tui_rules):
    state = _base_offer(ops_position(tui_rules).state, tension=0)
    untouched = state.clone()
    stakes = vp_stakes(state, OFFERS[USA].accept, USA, UZB)
    assert state == untouched, "the stakes are reckoned on a copy"
    after = state.clone()
    after.countries[UZB].bases[USA] = True
    after.countries[UZB].influence[USA] += 1
    after.countries[UZB].stability += 1
    after.countries[UZB].border = min(10, after.countries[UZB].border + 1)
    after.tracks[TRACK_INDEX["tension"]] += 2

    def per_seat(s):
        out = [0] * 5
        for seat, points, _ in turn_scores(s):
            out[seat] += points
        return out

    diff = {s: b - a for s, (a, b) in enumerate(zip(per_seat(state), per_seat(after))) if a != b}
    assert stakes.upkeep == diff and stakes.now == {USA: 2}


def test_raising_tension_to_seven_costs_the_offerer_a_vp_and_says_so(tui_rules):
    state = _base_offer(ops_position(tui_rules).state, tension=6)
    terms = offer_terms(state)
    assert "Sino-American tension +2 (at 7+ that costs the US 1 VP)" in terms.accept
    assert terms.accept_vp.startswith("the US +1 now")  # +2 for the base, -1 for the tension


def test_a_greyed_offer_action_still_says_both_answers(tui_rules):
    state = ops_position(tui_rules).state.clone()
    state.pending = Pending(M.PENDING_OPS, USA, card=state.pending.card, points=2)
    item = next(i for i in menu(state, legal(state)).items if i.key == "propose_base")
    assert item.greyed and item.reason == "needs 3 ops, 2 left"
    assert "Accepted:" in item.detail and "Rejected:" in item.detail
    state.pending = Pending(M.PENDING_OPS, USA, card=state.pending.card, points=3)
    where = {i.country: i for i in menu(state, legal(state), ("propose_base",)).items}
    assert "VP: the US +2 now" in where[UZB].detail or "VP: the US +1 now" in where[UZB].detail


def test_a_card_target_menu_lists_all_five_states_too(tui_rules):
    from game.ai import decide

    for seed in range(40):
        game = Game.start(tui_rules, seed, dict(RANDOM))
        while not game.over and game.state.pending.kind != M.PENDING_TARGET:
            d = decide("random", game.state, len(game.moves))
            game.play(d.choice, d.reason)
        if not game.over:
            break
    m = menu(game.state, game.legal())
    assert [i.country for i in m.items] == list(MAP_ORDER)
    assert {i.choice for i in m.items if not i.greyed} == set(game.legal())
    for item in m.items:
        assert item.detail.startswith("Not here: not a target" if item.greyed else "Does here: ")
