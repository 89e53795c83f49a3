"""Briefings: quotes found in the article however they are spaced, and role briefs that say
what the rules count and never show a hand they should not."""

from __future__ import annotations

import pytest

from game.rules import scoring as S
from game.words.briefing import (
    ROLES,
    article_title,
    brief_text,
    card_quotes,
    find_quote,
    position_lines,
    quoted_passages,
    role_brief,
    scoring_lines,
    segments,
    seeds_dir,
    team_label,
    unmatched_role_quotes,
)
from game.rules.engine import apply, legal_choices, new_game
from game.rules.loader import CARDS_DIR, SEEDS_DIR, load_rules
from game.rules.model import SEATS

ARTICLE = (SEEDS_DIR / "who-will-defend-central-asia.txt").read_text(encoding="utf-8")
RULES = load_rules("summer-2021")


def test_every_cards_quote_is_found_in_the_article():
    quotes = card_quotes(RULES.cards)
    assert len(quotes) == len(RULES.cards) >= 40
    passages, missing = quoted_passages(ARTICLE, quotes)
    assert missing == []
    assert sum(len(p.cards) for p in passages) == len(quotes)
    for cid, quote in quotes.items():
        start, end = find_quote(ARTICLE, quote)
        assert ARTICLE[start:end] == quote  # the shipped quotes are verbatim


def test_a_quote_is_found_across_line_breaks_extra_spaces_and_other_quote_marks():
    quote = "The Taliban are taking back many provinces in Afghanistan"
    exact = find_quote(ARTICLE, quote)
    assert exact is not None
    assert find_quote(ARTICLE, "The Taliban are taking\n  back many   provinces\nin Afghanistan") == exact
    assert find_quote(ARTICLE, "  " + quote + " \n") == exact
    article = "Turkey establishes “Turkishism”, a\nword – and more."
    start, end = find_quote(article, 'establishes "Turkishism", a word - and')
    assert article[start:end] == "establishes “Turkishism”, a\nword – and"
    assert find_quote(ARTICLE, "the taliban are taking back") is not None  # case-blind as a last resort
    assert find_quote(ARTICLE, "The Taliban are taking back Kabul") is None
    assert find_quote(ARTICLE, "   ") is None


def test_overlapping_quotes_merge_and_segments_rebuild_the_article():
    text = "one two three four five six"
    passages, missing = quoted_passages(text, {"a": "two three", "b": "three four", "c": "six", "d": "seven"})
    assert missing == ["d"]
    assert [(text[p.start:p.end], p.cards) for p in passages] == [("two three four", ("a", "b")), ("six", ("c",))]
    parts = segments(text, passages)
    assert "".join(piece for piece, _ in parts) == text
    assert [piece for piece, p in parts if p is not None] == ["two three four", "six"]


def test_the_article_title_is_shown_once():
    title, body = article_title(ARTICLE)
    assert title == "Who will stand up to defend Central Asia against the Taliban?"
    assert title not in body and body.startswith("Taking advantage")
    assert seeds_dir(CARDS_DIR) == SEEDS_DIR


def test_every_roles_quote_is_in_the_article_and_every_seat_has_a_role():
    assert set(ROLES) == set(SEATS)
    assert unmatched_role_quotes(ARTICLE) == []
    assert unmatched_role_quotes("nothing here") == list(SEATS)


def test_how_a_seat_scores_uses_the_rules_numbers():
    state = new_game(RULES, 1)
    russia = "\n".join(scoring_lines(state, 0))
    assert f"+{S.BORDER_HELD_VP} for each CSTO state on the Afghan border (Tajikistan)" in russia
    assert f"CSTO credibility is {S.CSTO_CREDIBLE} or more" in russia
    assert f"influence is {S.TURKIC_PRESENCE} or more" in "\n".join(scoring_lines(state, 1))
    assert f"stability {S.CORRIDOR_STABILITY} or more" in "\n".join(scoring_lines(state, 2))
    central = "\n".join(scoring_lines(state, 4))
    assert f"stability {S.STABLE} or more" in central and f"tension is {S.CALM_TENSION} or less" in central
    for seat in range(5):
        assert "every seat loses" in "\n".join(scoring_lines(state, seat))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_upkeep_forecast_is_what_the_rules_would_score(seed):
    state = new_game(RULES, seed)
    for _ in range(25):  # some way into the game, so the board has moved
        state = apply(state, legal_choices(state)[0])
    for seat in range(5):
        expected = sum(p for s, p, _ in S.turn_scores(state) if s == seat)
        assert f"an upkeep would give you {expected:+d} VP" in "\n".join(position_lines(state, seat, False))


def test_a_brief_shows_its_own_hand_only_when_asked_and_never_another():
    state = new_game(RULES, 4)
    titles = [{RULES.cards[c].title for c in hand} for hand in state.hands]
    for seat in range(5):
        hidden = brief_text(role_brief(state, seat))
        shown = brief_text(role_brief(state, seat, team="Moscow", show_hand=True))
        others = set().union(*(titles[o] for o in range(5) if o != seat)) - titles[seat]
        assert not any(f"{t} (" in hidden for t in titles[seat] | others)
        assert all(f"{t} (" in shown for t in titles[seat])
        assert not any(f"{t} (" in shown for t in others)
        assert ": Team Moscow" in shown and f"{len(state.hands[seat])} cards" in hidden


def test_team_label():
    assert team_label("Moscow", "russia") == "Team Moscow (Russia)"
    assert team_label("Team Ankara", "turkey") == "Team Ankara (Turkey)"
    assert team_label(None, "usa") == "United States"
