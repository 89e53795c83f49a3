"""The computer players: honest, legal, deterministic, and able to say why."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import decide
from game.ai.hard import weigh
from game.rules.engine import legal_choices, new_game, step
from game.rules.loader import CARDS_DIR
from game.words.log import COUNTRIES, country_name
from game.rules.model import SEATS
from game.rules.rng import draw
from game.clients.sim import Task, challenge, game_seed, play_task

LEVELS = ("random", "ai:easy", "ai:normal", "ai:hard")


def _position(rules, seed: int, steps: int):
    """A position reached by random legal moves."""
    state = new_game(rules, seed)
    for k in range(steps):
        if state.over:
            break
        choices = legal_choices(state)
        step(state, choices[draw(seed + 1, k, len(choices))])
    return state


def _with_hidden_cards_reshuffled(state, seed: int):
    """The same position with other seats' hands, the deck and the news deck dealt otherwise."""
    other = state.clone()
    viewer = state.pending.seat
    hidden = sorted(c for s, h in enumerate(state.hands) if s != viewer for c in h) + sorted(state.deck)
    for i in range(len(hidden) - 1, 0, -1):
        j = draw(seed, i, i + 1)
        hidden[i], hidden[j] = hidden[j], hidden[i]
    for s in range(len(SEATS)):
        if s != viewer:
            size = len(state.hands[s])
            other.hands[s], hidden = hidden[:size], hidden[size:]
    other.deck = hidden
    other.news_deck = list(reversed(state.news_deck))
    return other


def _play_positions(rules, count: int):
    found = []
    seed = 0
    while len(found) < count:
        state = _position(rules, seed, 3 + seed % 40)
        seed += 1
        if not state.over and state.pending.kind == "play":
            found.append(state)
    return found


def _turn_end_positions(rules, count: int):
    """The last seat's operations in the last round: ending them runs the Taliban phase, the
    refill and the next news card, so a lookahead here meets the hidden cards."""
    found = []
    seed = 0
    while len(found) < count:
        state = new_game(rules, 500 + seed)
        k = 0
        while not state.over:
            p = state.pending
            last = state.position == len(SEATS) - 1 and state.round == rules.scenario.rounds - 1
            if p.kind == "ops" and last and state.turn >= 4:  # the next news is undated: hidden
                found.append(state)
                break
            choices = legal_choices(state)
            step(state, choices[draw(seed, k, len(choices))])
            k += 1
        seed += 1
    return found


def _positions(rules, count: int):
    return _play_positions(rules, count) + _turn_end_positions(rules, count)


def _normal_ranking(state, salt):
    from game.ai.normal import rank

    return rank(state, seed=salt)


def _hard_statistics(state, salt):
    w = weigh(state, seed=salt, worlds=[0, 1])
    return list(zip(w.choices, (round(t, 9) for t in w.totals)))


def test_normal_and_hard_compute_the_same_values_whatever_the_hidden_cards(rules):
    """Stronger than comparing picks: every value the search computes must be the same."""
    for i, state in enumerate(_positions(rules, 4)):
        other = _with_hidden_cards_reshuffled(state, 2000 + i)
        assert _normal_ranking(state, i) == _normal_ranking(other, i)
        assert _hard_statistics(state, i) == _hard_statistics(other, i)


def test_imagined_worlds_depend_only_on_what_the_seat_may_see(rules):
    """normal and hard see the game only through determinise: identical worlds from two states
    that differ in hidden cards mean nothing downstream can differ."""
    from game.ai.determinise import determinise

    for i, state in enumerate(_positions(rules, 4)):
        seat = state.pending.seat
        other = _with_hidden_cards_reshuffled(state, 3000 + i)
        for k in range(3):
            world = determinise(state, seat, k)
            assert world == determinise(other, seat, k)
            assert world.hands[seat] == state.hands[seat]
            assert world.seed != state.seed  # the real dice stay unknown


def test_the_world_check_catches_a_search_of_the_real_cards(rules):
    """The check above has teeth: a 'determinise' that keeps the real cards fails it."""
    for i, state in enumerate(_positions(rules, 2)):
        other = _with_hidden_cards_reshuffled(state, 3000 + i)
        assert state.clone() != other.clone()


@pytest.mark.parametrize("level", LEVELS)
def test_no_level_reads_other_hands_or_the_deck(rules, level):
    positions = _positions(rules, 3 if level == "ai:hard" else 8)
    differs = 0
    for i, state in enumerate(positions):
        other = _with_hidden_cards_reshuffled(state, 1000 + i)
        viewer = state.pending.seat
        # The hidden cards really are different, and the seat's own view is not.
        if any(set(state.hands[s]) != set(other.hands[s]) for s in range(len(SEATS)) if s != viewer):
            differs += 1
        assert other.hands[viewer] == state.hands[viewer]
        assert decide(level, state, salt=i) == decide(level, other, salt=i)
    assert differs == len(positions)


@given(seed=st.integers(0, 10_000), steps=st.integers(0, 250), level=st.sampled_from(LEVELS[:3]))
@settings(max_examples=40)
def test_every_level_chooses_only_legal_moves(rules, seed, steps, level):
    state = _position(rules, seed, steps)
    if state.over:
        return
    decision = decide(level, state, salt=steps)
    assert decision.choice in legal_choices(state)
    assert decision.reason.strip()


@given(seed=st.integers(0, 10_000), steps=st.integers(0, 250))
@settings(max_examples=8)
def test_hard_chooses_only_legal_moves(rules, seed, steps):
    state = _position(rules, seed, steps)
    if state.over:
        return
    w = weigh(state, seed=seed, worlds=[0])
    assert w.worlds == 1
    # Every imagined world offers the seat the same choices: its own.
    assert w.choices == legal_choices(state)
    assert {c for _, c in w.ranked()} == set(legal_choices(state))
    decision = decide("ai:hard", state, salt=steps)
    assert decision.choice in legal_choices(state)


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_is_deterministic_given_its_seed(rules, level):
    for state in _play_positions(rules, 2):
        assert decide(level, state, salt=5) == decide(level, state.clone(), salt=5)


def test_thinking_never_changes_the_games_dice(rules):
    state = _play_positions(rules, 1)[0]
    before = state.clone()
    for level in LEVELS:
        decide(level, state, salt=1)
    assert state == before  # same counter, same hands, same deck


@pytest.mark.parametrize("level", ("ai:easy", "ai:normal", "ai:hard"))
def test_reasons_name_the_card_or_the_state(rules, level):
    checked = 0
    for state in _play_positions(rules, 4):
        decision = decide(level, state, salt=2)
        title = rules.cards[decision.choice[1]].title
        assert title in decision.reason, decision.reason
        # Follow the same seat into its next decision if it is a targeted one.
        after = state.clone()
        step(after, decision.choice)
        if not after.over and after.pending.kind in ("ops", "target") and after.pending.seat == state.pending.seat:
            follow = decide(level, after, salt=3)
            if follow.choice[0] in ("op", "target"):
                place = follow.choice[-1]
                assert country_name(COUNTRIES.index(place)) in follow.reason, follow.reason
                checked += 1
    assert checked >= 1


def test_challenger_report_adds_up(rules):
    report = challenge("summer-2021", games=10, seed=3, challenger="ai:easy", field="random")
    # Recompute every figure from the individual games.
    wins_at_seat = [0.0] * 5
    for i in range(10):
        seat = i % 5
        seats = tuple("ai:easy" if s == seat else "random" for s in range(5))
        outcome = play_task(Task("summer-2021", str(CARDS_DIR), game_seed(3, i), seats))
        if seat in outcome.winners:
            wins_at_seat[seat] += 1 / len(outcome.winners)
    base_wins = [0.0] * 5
    for i in range(10):
        outcome = play_task(Task("summer-2021", str(CARDS_DIR), game_seed(3, i), ("random",) * 5))
        for w in outcome.winners:
            base_wins[w] += 1 / len(outcome.winners)
    data = report.as_json()
    assert data["games"] == 10 and data["baseline"]["games"] == 10
    for s, name in enumerate(SEATS):
        assert data["challenger"]["win_rate"][name] == round(wins_at_seat[s] / 2, 4)
        assert data["baseline"]["win_rate"][name] == round(base_wins[s] / 10, 4)
    ratios = [((wins_at_seat[s] + 0.5) / 3) / ((base_wins[s] + 0.5) / 11) for s in range(5)]
    assert data["lift"] == round(sum(ratios) / 5, 3)


@pytest.mark.parametrize("stability, border, accepts", [
    (8, 9, False),  # a safe state: a base would cost the region a point each month for nothing now
    (5, 9, True),  # a shaky state takes the security
    (8, 1, True),  # so does one whose border is short of the pressure on it
])
def test_easy_central_asia_takes_a_base_only_where_the_state_needs_it(rules, stability, border, accepts):
    from positions import position, to_spend
    from game.rules.engine import apply

    s = to_spend(position(rules, 1, uzbekistan={"stability": stability, "border": border,
                                                 "influence": {"usa": 2}}), "usa", 3)
    s = apply(s, ("op", "propose_base", "uzbekistan"))
    assert s.pending.kind == "offer" and SEATS[s.pending.seat] == "central_asia"
    decision = decide("ai:easy", s, 0)
    assert decision.choice[0] == ("accept" if accepts else "reject"), decision.reason
    if not accepts:
        assert "costs more each month" in decision.reason
