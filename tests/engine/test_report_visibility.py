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
