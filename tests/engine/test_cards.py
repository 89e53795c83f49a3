"""The shipped card set meets the design brief."""

import attrs

from game.rules import cards as C
from game.rules.cards import Rules
from game.rules.effects import withdraw
from game.rules.engine import legal_choices, new_game, step
from game.rules.loader import CARDS_DIR, SEEDS_DIR, read_catalogue
from game.rules.model import OVER, SEATS

DESIGN_TITLES = (
    "Taliban retake provinces", "Officials flee north", "Taliban delegation in Moscow",
    "Fighters disobey command", "Refugees destabilise neighbours", "Jobless youth",
    "Taliban ultimatum", "Withdrawal by August 31", "Base proposal rejected",
    "Not our confrontation", "One Belt One Road", "Turkish market", "Turkishism",
    "Karabakh dividend", "Military cooperation", "CSTO stands guard", "Impregnable border",
)


def _catalogue():
    cat = read_catalogue([CARDS_DIR])
    assert cat.faults == []
    return cat


def test_at_least_40_cards_and_every_seat_has_its_own():
    cards = _catalogue().cards.values()
    assert len(cards) >= 40
    for seat in range(len(SEATS)):
        own = [c for c in cards if c.deck == "action" and c.seat == seat]
        assert len(own) >= 3, SEATS[seat]


def test_the_titles_the_design_names_are_all_there():
    titles = {c.title for c in _catalogue().cards.values()}
    assert [t for t in DESIGN_TITLES if t not in titles] == []


def test_at_least_15_distinct_passages_of_the_article_are_quoted():
    article = (SEEDS_DIR / "who-will-defend-central-asia.txt").read_text(encoding="utf-8")
    spans = set()
    for card in _catalogue().cards.values():
        start = article.index(card.source.quote)
        spans.add((start, start + len(card.source.quote)))
    # Quotes that overlap count as one passage.
    merged = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    assert len(merged) >= 15


def test_every_card_has_a_question_and_dated_cards_are_news():
    for card in _catalogue().cards.values():
        assert card.question.strip().endswith("?"), card.id
        if card.date is not None:
            assert card.deck == "news", card.id


def test_both_scenarios_are_shipped():
    assert {"summer-2021", "what-if"} <= set(_catalogue().scenarios)


# --- more cards, in two periods (issue 11, item 4) ----------------------------------------------

MIN_ACTION, MIN_OWN, MIN_NEWS, MIN_LATE = 60, 10, 24, 5


def test_at_least_60_action_cards_10_of_each_seat_and_24_news():
    cards = _catalogue().cards.values()
    assert sum(1 for c in cards if c.deck == "action") >= MIN_ACTION
    assert sum(1 for c in cards if c.deck == "news") >= MIN_NEWS
    short = {SEATS[seat]: n for seat in range(len(SEATS))
             if (n := sum(1 for c in cards if c.deck == "action" and c.seat == seat)) < MIN_OWN}
    assert short == {}


def test_both_decks_have_late_cards_and_only_undated_ones():
    cards = _catalogue().cards.values()
    for deck in ("action", "news"):
        assert sum(1 for c in cards if c.deck == deck and c.late) >= MIN_LATE, deck
    assert [c.id for c in cards if c.late and c.date is not None] == []


def test_every_seat_has_a_late_card_of_its_own():
    cards = _catalogue().cards.values()
    assert [SEATS[s] for s in range(len(SEATS)) if not any(c.seat == s and c.late for c in cards)] == []


def test_no_two_cards_have_the_same_effects():
    seen = {}
    clashes = []
    for card in _catalogue().cards.values():
        key = (card.effects, card.target)
        if key in seen:
            clashes.append((seen[key], card.id))
        seen.setdefault(key, card.id)
    assert clashes == []


def _walk(effects):
    for fx in effects:
        yield fx
        if isinstance(fx, C.If):
            yield from _walk(fx.then)
            yield from _walk(fx.otherwise)
        elif isinstance(fx, C.Choose):
            for option in fx.options:
                yield from _walk(option.effects)
        elif isinstance(fx, C.Offer):
            yield from _walk(fx.accept)
            yield from _walk(fx.reject)


def test_every_number_an_effect_uses_is_in_the_cards_text():
    """A cheap check on 'text says exactly what the effects do, numbers included': every
    amount and project length appears in the text, a contest's die is named, and an offer's
    text says what accepting and rejecting do."""
    missing = []
    for card in _catalogue().cards.values():
        text = " ".join(card.text.split())
        for fx in _walk(card.effects):
            amount = getattr(fx, "by", None) or getattr(fx, "turns", None)
            if amount is not None and str(abs(amount)) not in text:
                missing.append((card.id, type(fx).__name__, amount))
            if isinstance(fx, C.Contest) and "d6" not in text:
                missing.append((card.id, "contest", "d6"))
            if isinstance(fx, C.Offer) and not ("accepted" in text and "rejected" in text):
                missing.append((card.id, "offer", "accepted/rejected"))
    assert missing == []


def _in_play(state) -> set:
    piles = [state.deck, state.discard, state.removed, state.news_deck, state.news_dated, state.news_done,
             *state.hands]
    return {cid for pile in piles for cid in pile}


def _late(rules, deck: str) -> set:
    return {cid for cid, card in rules.cards.items() if card.late and card.deck == deck}


def test_late_cards_wait_in_reserve_until_the_withdrawal(rules):
    state = new_game(rules, 7)
    late = _late(rules, "action") | _late(rules, "news")
    assert late and not state.withdrawn
    assert set(state.reserve) == late
    assert _in_play(state) & late == set()
    early = {cid for cid, card in rules.cards.items() if not card.late}
    assert _in_play(state) == early


def test_the_withdrawal_shuffles_the_late_cards_into_their_decks(rules):
    state = new_game(rules, 7)
    before = len(state.deck), len(state.news_deck)
    withdraw(state, None)
    assert state.reserve == []
    assert _late(rules, "action") <= set(state.deck)
    assert _late(rules, "news") <= set(state.news_deck)
    assert (len(state.deck), len(state.news_deck)) == (before[0] + len(_late(rules, "action")),
                                                       before[1] + len(_late(rules, "news")))
    assert _in_play(state) == set(rules.cards)


def test_in_the_historical_scenario_the_late_cards_arrive_with_the_august_news(rules):
    state = new_game(rules, 3)
    while not state.withdrawn and state.phase != OVER:
        assert _in_play(state) & set(state.reserve) == set()
        step(state, legal_choices(state)[0])
    assert state.withdrawn and state.turn == 2  # "Withdrawal by August 31" is dated 2021-08
    assert state.reserve == []
    assert _in_play(state) == set(rules.cards)


def test_a_scenario_that_starts_after_the_withdrawal_has_every_card_from_the_start(rules):
    after = Rules.build(rules.cards, attrs.evolve(rules.scenario, withdrawn=True))
    state = new_game(after, 7)
    assert state.reserve == []
    assert _late(rules, "action") <= set(state.deck) | {cid for hand in state.hands for cid in hand}
    assert _late(rules, "news") <= _in_play(state)


def test_quotes_that_overlap_nest_so_each_highlighted_passage_is_one_cards_quote():
    """The briefing highlights the passages the cards quote, merging overlaps: two quotes that
    overlap without one containing the other would show a passage no card quotes."""
    article = (SEEDS_DIR / "who-will-defend-central-asia.txt").read_text(encoding="utf-8")
    spans = {}
    for card in _catalogue().cards.values():
        start = article.index(card.source.quote)
        spans[card.id] = (start, start + len(card.source.quote))
    crossing = sorted(
        (a, b) for a, (s1, e1) in spans.items() for b, (s2, e2) in spans.items()
        if s1 < s2 < e1 < e2
    )
    assert crossing == []
