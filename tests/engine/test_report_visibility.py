"""A report written during play shows only what its reader may see (game.play.visibility)."""

from __future__ import annotations

import json

from game.ai import decide
from game.rules.model import SEATS
from game.words.report import render, report_data
from game.play.seminar import Seminar
from game.play.session import Game
from game.play.observer import ALTERNATIVES, FACILITATOR, PUBLIC

RATIONALE = "We hold Turkishism back for the second half"


def _mid_game(rules) -> Game:
    seats = {**{s: "ai:normal" for s in SEATS}, "turkey": "human"}
    game = Game.start(rules, 5, seats, seminar=Seminar(teams={"turkey": "Ankara"}, turns=3))
    while game.state.turn < 2:
        seat = game.state.seat_to_move
        if SEATS[seat] == "turkey":
            game.play(game.legal()[0], RATIONALE)
        else:
            d = decide("ai:normal", game.state, salt=len(game.moves))
            game.play(d.choice, d.reason)
    game.play(("note",), "Watch whether Turkey bluffs")
    return game


def test_a_seats_report_during_play_leaves_out_what_it_may_not_see(rules):
    game = _mid_game(rules)
    full = render(game, "md", FACILITATOR)
    assert ALTERNATIVES.strip() in full and RATIONALE in full and "Watch whether Turkey bluffs" in full
    for viewer in (0, 2, PUBLIC):  # Russia, China, the projected screen
        others = [d for t in report_data(game, viewer)["turns"] for d in t["decisions"]
                  if viewer == PUBLIC or d["seat"] != SEATS[viewer]]
        assert others and not any(ALTERNATIVES in (d["reason"] or "") for d in others)
        text = render(game, "md", viewer)
        if viewer == PUBLIC:
            assert ALTERNATIVES.strip() not in text
        assert RATIONALE not in text
        assert "Watch whether Turkey bluffs" not in text
        assert str(game.seed) not in text.split("\n")[2]  # the seed replays the shuffle
        assert "left out until the game ends" in text
        data = json.loads(render(game, "json", viewer))
        assert data["seed"] is None and data["viewer"] in ("russia", "china", "public")


def test_a_team_reads_its_own_rationale(rules):
    game = _mid_game(rules)
    assert RATIONALE in render(game, "md", SEATS.index("turkey"))


def test_after_the_game_everyone_reads_everything(rules):
    game = _mid_game(rules)
    while not game.over:
        seat = game.state.seat_to_move
        d = decide("random", game.state, salt=len(game.moves))
        game.play(d.choice, d.reason)
    assert report_data(game, 0) == report_data(game, FACILITATOR)
    assert RATIONALE in render(game, "md", PUBLIC)


def test_the_report_command_takes_a_viewer(rules, tmp_path, capsys):
    from game.clients.cli import main
    from game.play.save import save_game

    game = _mid_game(rules)
    save_game(game, tmp_path / "mid.yaml")
    assert main(["report", str(tmp_path / "mid.yaml")]) == 0
    assert RATIONALE in capsys.readouterr().out  # the facilitator's whole record by default
    assert main(["report", str(tmp_path / "mid.yaml"), "--viewer", "russia"]) == 0
    out = capsys.readouterr().out
    assert RATIONALE not in out and "As Russia may read it" in out


# --- by property: what a reader may not see cannot change its report ------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from game.rules.model import CENTRAL_ASIA  # noqa: E402
from game.words.report import to_csv, to_html, to_markdown  # noqa: E402

MIXED = {"russia": "human", "turkey": "ai:easy", "china": "human", "usa": "ai:easy", "central_asia": "human"}
TEAMS = {"russia": "Moscow", "china": "Beijing", "central_asia": "Five Capitals"}


def _played(rules, seed: int, moves: int, viewer, variant: str, choices=None, note_at=None) -> tuple[Game, list]:
    """A seminar game ``moves`` choices in, every choice with a reason: a team's rationale, or a
    computer's reason with the alternatives it weighed. ``variant`` changes every text the
    viewer may not read (other teams' rationales, other computers' alternatives)."""
    game = Game.start(rules, seed, dict(MIXED), seminar=Seminar(teams=dict(TEAMS), turns=4))
    made = []
    for i in range(moves):
        if game.over:
            break
        if i == note_at:
            game.play(("note",), "Watch the Central Asian team")
        seat = game.state.seat_to_move
        choice = choices[i] if choices else decide("random", game.state, salt=i).choice
        own = isinstance(viewer, int) and seat == viewer
        text = "same" if own else variant
        if MIXED[SEATS[seat]] == "human":
            reason = f"our plan {i} ({text})"
        else:
            reason = f"it looked best {i}{ALTERNATIVES}{text} alternatives {i}"
        game.play(choice, reason)
        made.append(choice)
    return game, made


def _hidden_twin(rules, game: Game, made: list, viewer, seed: int, moves: int) -> Game:
    """The same game as ``viewer`` saw it, differing in all it may not see: other teams'
    rationales and computers' alternatives, a facilitator's note half-way and a news card held
    back at the end, the other hands and the decks' order, the seed."""
    twin, _ = _played(rules, seed, moves, viewer, "other", choices=made, note_at=len(made) // 2)
    if not twin.over:
        if twin.state.news_deck:
            twin.play(("hold", twin.state.news_deck[0]))
        state = twin.state.clone()
        others = [s for s in range(len(SEATS)) if s != viewer and state.hands[s]]
        for s in others:  # each other hand trades its cards for the deck's, size for size
            n = min(len(state.hands[s]), len(state.deck))
            state.hands[s][:n], state.deck[-n:] = state.deck[-n:], state.hands[s][:n]
        state.deck.reverse()
        state.news_deck.reverse()
        state.seed, state.counter = state.seed + 1, state.counter + 7
        twin.state = state
        twin.seed = game.seed + 1
    return twin


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 400), moves=st.integers(3, 70),
       viewer=st.sampled_from([0, 1, 2, 3, CENTRAL_ASIA, PUBLIC]))
def test_games_that_differ_only_in_what_a_reader_may_not_see_give_it_the_same_report(rules, seed, moves, viewer):
    game, made = _played(rules, seed, moves, viewer, "first")
    if game.over:
        return
    twin = _hidden_twin(rules, game, made, viewer, seed, moves)
    a, b = report_data(game, viewer), report_data(twin, viewer)
    assert a == b
    assert to_markdown(a) == to_markdown(b) and to_html(a) == to_html(b) and to_csv(a) == to_csv(b)
    # And the facilitator, who sees everything, tells them apart.
    assert report_data(game, FACILITATOR) != report_data(twin, FACILITATOR)


def test_a_seats_report_shows_no_move_numbers_that_count_hidden_moves(rules):
    game = _mid_game(rules)
    data = report_data(game, 0)
    items = [i for t in data["turns"] for i in t["decisions"] + t["white_cell"]]
    assert items and all(i["move"] is None for i in items)
    assert all(tp["behind"] is None or tp["behind"]["move"] is None for tp in data["turning_points"])
    full = report_data(game, FACILITATOR)
    assert [d["move"] for t in full["turns"] for d in t["decisions"]] == sorted(
        d["move"] for t in full["turns"] for d in t["decisions"])
