"""The shipped card set meets the design brief."""

from game.rules.loader import CARDS_DIR, SEEDS_DIR, read_catalogue
from game.rules.model import SEATS

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
