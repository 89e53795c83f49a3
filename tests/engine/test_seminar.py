"""The facilitator's interventions as rules: what each does, what is refused and why, and that a
seminar game still replays byte for byte from its save."""

from __future__ import annotations

import pytest

from game.ai import decide
from game.rules.engine import legal_choices
from game.rules.model import SEATS, TRACK_MAX
from game.rules.primitives import HIGH_TENSION
from game.play.save import SaveError, load_game, save_game, snapshot, to_yaml
from game.play.seminar import (
    FIELD_BOUNDS,
    PhaseClock,
    Refused,
    Seminar,
    clock_text,
    coming_news,
    facilitate,
    refusal,
)
from game.play.session import Game
from game.clients.sim import play_out

RANDOM = {s: "random" for s in SEATS}


def play_until(game: Game, done) -> Game:
    while not game.over and not done(game):
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, d.reason)
    return game


def test_an_injected_news_card_happens_now_and_never_again(rules):
    game = Game.start(rules, 4, RANDOM)
    before = game.state
    coming = [c.card for c in coming_news(before)]
    cid = coming[-1]
    game.play(("inject", cid))
    kinds = [e[0] for e in game.log]
    assert kinds[kinds.index("inject") + 1] == "event"
    assert cid in game.state.news_done and cid not in [c.card for c in coming_news(game.state)]
    assert refusal(game.state, ("inject", cid)) == f"{rules.cards[cid].title} has already happened"
    # The decision the inject interrupted is waiting again (the card asked no one anything).
    if rules.cards[cid].target is None and game.state.pending.kind == before.pending.kind:
        assert game.state.seat_to_move == before.seat_to_move


def test_an_inject_that_asks_for_a_target_returns_to_the_interrupted_decision(rules):
    cid = next(c.id for c in rules.cards.values() if c.deck == "action" and c.target and c.seat is not None)
    owner = rules.cards[cid].seat
    game = Game.start(rules, 4, RANDOM)
    interrupted = game.state.pending
    game.play(("inject", cid))
    assert game.state.pending.kind == "target" and game.state.seat_to_move == owner
    game.play(legal_choices(game.state)[0])
    while game.state.pending != interrupted and game.state.pending.kind != "play":
        game.play(legal_choices(game.state)[0])  # answer whatever the event itself asks
    assert game.state.pending == interrupted


def test_neutral_cards_need_a_seat_and_owned_cards_go_to_their_owner(rules):
    neutral = next(c for c in rules.cards.values() if c.deck == "action" and c.seat is None)
    owned = next(c for c in rules.cards.values() if c.seat == 0)
    news = next(c for c in rules.cards.values() if c.deck == "news")
    state = Game.start(rules, 4, RANDOM).state
    assert "say which seat" in refusal(state, ("inject", neutral.id))
    assert refusal(state, ("inject", neutral.id, "china")) is None
    assert "injected for its owner" in refusal(state, ("inject", owned.id, "turkey"))
    assert "not injected for a seat" in refusal(state, ("inject", news.id, "usa"))
    assert "expected a card id" in refusal(state, ("inject", "no-such-card"))


def test_a_held_dated_card_does_not_arrive_until_released(rules):
    game = Game.start(rules, 4, RANDOM)
    dated = next(c for c in coming_news(game.state) if c.where == "dated")
    game.play(("hold", dated.card))
    assert [c.where for c in coming_news(game.state) if c.card == dated.card] == ["held"]
    play_until(game, lambda g: g.state.turn > dated.turn)
    assert dated.card not in game.state.news_done
    game.play(("release", dated.card))
    turn = game.state.turn
    play_until(game, lambda g: g.state.turn > turn)
    assert dated.card in game.state.news_done  # overdue: it comes at the next turn's news


def test_a_card_brought_forward_comes_next_before_the_dated_news(rules):
    game = Game.start(rules, 4, RANDOM)
    deck_card = next(c.card for c in coming_news(game.state) if c.where == "deck")
    game.play(("next", deck_card))
    assert coming_news(game.state)[0].card == deck_card and coming_news(game.state)[0].turn == 2
    n = len(game.log)
    play_until(game, lambda g: g.state.turn == 2)
    news = [e[1] for e in game.log[n:] if e[0] == "news"]
    assert news == [deck_card]


def test_adjudications_stay_in_bounds_need_a_reason_and_say_why_not(rules):
    game = Game.start(rules, 4, RANDOM)
    state = game.state
    tension = state.track("tension")
    assert refusal(state, ("adjust", "tension", "+1")) == "an adjudication needs a written reason"
    assert refusal(state, ("adjust", "tension", "+1"), "   ") == "an adjudication needs a written reason"
    too_far = f"+{TRACK_MAX - tension + 1}"
    assert refusal(state, ("adjust", "tension", too_far), "why") == (
        f"Sino-American tension is {tension}; it must stay from 0 to {TRACK_MAX}, so {too_far} is not allowed")
    stability = state.country("kazakhstan").stability
    assert "must stay from 1" in refusal(state, ("adjust", "stability:kazakhstan", f"-{stability}"), "why")
    assert refusal(state, ("adjust", "border:kazakhstan", "+1"), "why") == (
        "Kazakhstan has no border with Afghanistan to secure")
    assert "not something a facilitator can adjust" in refusal(state, ("adjust", "vp", "+1"), "why")
    assert "expected a change" in refusal(state, ("adjust", "tension", "lots"), "why")
    with pytest.raises(Refused):
        game.play(("adjust", "tension", too_far), "why")
    assert game.state is state and not game.moves  # nothing changed, nothing recorded
    assert FIELD_BOUNDS["stability"][0] == 1


def test_an_adjudication_changes_exactly_the_value_and_costs_nobody_vp(rules):
    game = Game.start(rules, 4, RANDOM)
    before = game.state
    by = HIGH_TENSION - before.track("tension") + 1  # past the line that costs a raiser VP
    game.play(("adjust", "tension", f"+{by}"), "The summit collapsed.")
    game.play(("adjust", "influence:china:kyrgyzstan", "+2"), "A loan was announced.")
    after = game.state
    assert after.track("tension") == before.track("tension") + by
    assert after.country("kyrgyzstan").influence[2] == before.country("kyrgyzstan").influence[2] + 2
    assert after.vp == before.vp and after.pending == before.pending
    assert game.log[-1] == ("adjust", "influence:china:kyrgyzstan", before.country("kyrgyzstan").influence[2],
                            before.country("kyrgyzstan").influence[2] + 2, "A loan was announced.")


def test_a_note_changes_nothing_but_the_record(rules):
    game = Game.start(rules, 4, RANDOM)
    before = game.state
    game.play(("note",), "  The room went quiet at the ultimatum.  ")
    assert game.state == before
    assert game.log[-1] == ("note", 1, "The room went quiet at the ultimatum.")
    assert refusal(game.state, ("note",), "") == "a note needs some text"


def test_nothing_is_allowed_once_the_game_is_over(rules):
    game = play_out(Game.start(rules, 4, RANDOM))
    assert refusal(game.state, ("note",), "late") == "the game is over"


def test_a_seminar_game_round_trips_through_its_save_byte_for_byte(rules, tmp_path):
    seminar = Seminar(teams={"russia": "Team Moscow", "usa": "Team DC"}, turns=2, phase_seconds=90)
    game = Game.start(rules, 9, {**RANDOM, "russia": "human", "usa": "human"}, seminar=seminar)
    game.play(("note",), "First impressions.")
    game.play(("adjust", "momentum", "-1"), "Reports from Kunduz.")
    play_until(game, lambda g: g.state.turn == 2)
    game.play(("inject", next(c.card for c in coming_news(game.state))))
    play_until(game, lambda g: False)
    assert game.over and game.state.turn == 2
    path = tmp_path / "seminar.yaml"
    save_game(game, path)
    loaded = load_game(path)
    assert loaded.seminar == seminar and loaded.rules.scenario.turns == 2
    assert loaded.state == game.state and loaded.log == game.log
    assert to_yaml(loaded) == path.read_text(encoding="utf-8")


def test_saves_without_interventions_keep_their_old_digest_fields(rules):
    state = Game.start(rules, 4, RANDOM).state
    assert "held" not in snapshot(state) and "news_next" not in snapshot(state)
    game = Game.start(rules, 4, RANDOM)
    game.play(("hold", coming_news(game.state)[0].card))
    assert snapshot(game.state)["held"] == [coming_news(state)[0].card]


@pytest.mark.parametrize("change, message", [
    (("turns: 3", "turns: 30"), "seminar.turns: expected a number of turns from 1 to 10, found 30"),
    (("phase_seconds: 90", "phase_seconds: 2"), "seminar.phase_seconds: expected seconds from 10 to 3600"),
    (("    russia: Team Moscow", "    moscow: Team Moscow"), "seminar.teams.moscow: unknown seat"),
    (("- do: note\n  why: Watch the clock.", "- do: note"), "a note needs some text"),
    (("- do: adjust tension +1", "- do: adjust tension +40"), "it must stay from 0 to 10"),
])
def test_damaged_seminar_saves_are_refused_in_one_line(rules, tmp_path, change, message):
    seminar = Seminar(teams={"russia": "Team Moscow"}, turns=3, phase_seconds=90)
    game = Game.start(rules, 9, RANDOM, seminar=seminar)
    game.play(("note",), "Watch the clock.")
    game.play(("adjust", "tension", "+1"), "Press conference.")
    text = to_yaml(game)
    assert change[0] in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.raises(SaveError) as e:
        load_game(path)
    assert message in str(e.value) and "\n" not in str(e.value)
    assert str(e.value).startswith(f"{path}:")


def test_the_phase_clock_counts_pauses_extends_and_runs_out():
    clock = PhaseClock(120.0)
    assert clock.paused and clock.remaining(50.0) == 120.0  # not started yet
    clock.start(100.0)
    assert clock.remaining(130.0) == 90.0
    clock.pause(130.0)
    assert clock.remaining(500.0) == 90.0 and not clock.out(500.0)
    clock.start(500.0)
    clock.extend(60)
    assert clock.remaining(510.0) == 140.0
    assert clock.out(650.0) and clock.remaining(700.0) == 0.0
    clock.skip(520.0)
    assert clock.out(520.0)
    assert (clock_text(90.0), clock_text(0.2), clock_text(0.0), clock_text(600)) == ("1:30", "0:01", "0:00", "10:00")


# --- the reasons the debrief explains ---------------------------------------------------------


def test_an_injects_reason_is_in_the_log_the_report_and_the_save(rules, tmp_path):
    from game.words.log import describe
    from game.words.report import report_data, to_markdown

    game = Game.start(rules, 4, RANDOM)
    cid = next(c.card for c in coming_news(game.state))
    title = rules.cards[cid].title
    game.play(("inject", cid), "  The class asked what happens if the news comes early.  ")
    entry = next(e for e in game.log if e[0] == "inject")
    assert entry == ("inject", cid, None, "The class asked what happens if the news comes early.")
    assert describe(entry, rules) == (f"Facilitator injects {title}. "
                                      "Reason: The class asked what happens if the news comes early.")
    md = to_markdown(report_data(game))
    assert (f"- Facilitator injects {title}. *Reason:* The class asked what happens if the news "
            "comes early.") in md
    other = next(c.card for c in coming_news(game.state))  # one without a reason reads as before
    game.play(("inject", other))
    second = [e for e in game.log if e[0] == "inject"][1]
    assert describe(second, rules) == f"Facilitator injects {rules.cards[other].title}."
    path = tmp_path / "inject.yaml"
    save_game(game, path)
    text = path.read_text(encoding="utf-8")
    assert "why:" in text and "The class asked what happens" in text
    assert load_game(path).log == game.log


# --- how long a class takes -------------------------------------------------------------------


def test_the_estimate_counts_handovers_briefing_and_debrief_beyond_the_clocks():
    from game.play.seminar import BRIEFING_SECONDS, DEBRIEF_SECONDS, estimate

    est = estimate(teams=5, rounds=2, phase_seconds=120, turns=3)
    assert est.clocks == 60 * 60  # what the setup used to promise as the whole
    assert est.handovers == 63  # as measured in a 3-turn seminar of five teams
    assert est.about == 3600 + 63 * 15 + BRIEFING_SECONDS + DEBRIEF_SECONDS
    assert est.at_most == 3600 + 63 * 20 + BRIEFING_SECONDS + DEBRIEF_SECONDS
    assert est.clocks < est.about < est.at_most
    alone = estimate(teams=1, rounds=2, phase_seconds=120, turns=3)
    assert alone.handovers == 0 and alone.about == alone.at_most, "one team never hands over"
    assert estimate(5, 2, 120, 4).about > est.about and estimate(5, 2, 60, 3).about < est.about
