"""The fixed seminar game the report tests read: five teams, three turns, an inject, a held news
card, an adjudication, notes and team rationales, as a facilitator would run it.

The save is checked in (tests/engine/fixtures/seminar-game.yaml) so the report tests read a real
file, as a lecturer's would be. When the rules or cards change on purpose, the save's digest no
longer matches and the tests say so; rebuild it with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/engine/test_seminar_report.py
"""

from __future__ import annotations

from pathlib import Path


from game.ai import decide
from game.rules.model import SEATS
from game.play.seminar import Seminar
from game.play.session import Game

FIXTURE = Path(__file__).parent / "fixtures" / "seminar-game.yaml"
TEAMS = {
    "russia": "Team Moscow",
    "turkey": "Team Ankara",
    "china": "Team Beijing",
    "usa": "Team Washington",
    "central_asia": "Team Five Capitals",
}
RATIONALES = {
    "russia": "Hold the Tajik border first; the pledge is worth nothing without it.",
    "turkey": "Build on language and culture while the others argue about troops.",
    "china": "Keep the corridor moving and stay out of the security argument.",
    "usa": "Stay engaged without a base: nobody will host one now.",
    "central_asia": "Take help from everyone and promise exclusivity to no one.",
}
NOTE_1 = "Team Washington hesitated over the base question; ask them why in the debrief."
ADJUDICATION = ("adjust", "tension", "+1")
ADJUDICATION_REASON = "Washington's sanctions talk in the press conference raised the temperature."
NOTE_3 = "Three teams asked about refugees: the briefing should say more about Tajikistan."


def seminar_game(rules) -> Game:
    """Played by the easy AI for every team (deterministic), with the White Cell's interventions
    at fixed points: a note in turn 1, an inject and a hold at the start of turn 2, an
    adjudication in turn 2, a note in turn 3."""
    game = Game.start(rules, 2021, {s: "human" for s in SEATS},
                      seminar=Seminar(teams=dict(TEAMS), turns=3, phase_seconds=420))
    said = set()
    done = set()
    while not game.over:
        state = game.state
        if state.turn == 1 and len(game.moves) == 6 and "note1" not in done:
            done.add("note1")
            game.play(("note",), NOTE_1)
            continue
        if state.turn == 2 and "inject" not in done:
            done.add("inject")
            game.play(("inject", "fears-come-true"))
            game.play(("hold", "taliban-ultimatum"))  # due in turn 3; the deck's top comes instead
            continue
        if state.turn == 2 and state.round == 1 and "adjust" not in done:
            done.add("adjust")
            game.play(ADJUDICATION, ADJUDICATION_REASON)
            continue
        if state.turn == 3 and "note3" not in done:
            done.add("note3")
            game.play(("note",), NOTE_3)
            continue
        seat = SEATS[state.seat_to_move]
        choice = decide("ai:easy", state, len(game.moves)).choice
        why = None
        if state.pending.kind == "play" and (seat, state.turn) not in said:
            said.add((seat, state.turn))
            why = RATIONALES[seat]
        game.play(choice, why)
    return game
