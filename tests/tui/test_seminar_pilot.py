"""Seminar mode by the keyboard: the setup, the briefings, the phase clock and its prompt.

The phase clock reads the App's ``clock_source``; here it is a list the test moves by hand, so
the clock is tested without waiting."""

from __future__ import annotations

import pytest

from game.rules.model import SEATS
from game.play.seminar import Seminar
from game.play.session import Game
from game.tui.screens.briefing import QUOTE_STYLE, BriefingScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from game.tui.screens.seminar import SeminarSetupScreen, check_form, phase_seconds, plan_text
from game.tui.screens.title import TitleScreen
from game.tui.widgets.clock import PhaseClockView, TimeUpDialog
from tests.tui.conftest import make_app, seats, settle

TEAMS = {"russia": "Moscow", "turkey": "Ankara", "china": "Beijing", "usa": "Washington",
         "central_asia": "Tashkent"}


class FakeTime:
    """A monotonic clock that moves only when told."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def seminar_game(rules, humans=("russia",), seconds: int = 60, seed: int = 7) -> Game:
    teams = {s: TEAMS[s] for s in humans}
    return Game.start(rules, seed, seats(**{s: "human" for s in humans}),
                      seminar=Seminar(teams=teams, turns=3, phase_seconds=seconds))


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


def clock_of(app) -> PhaseClockView:
    for screen in app.screen_stack:
        if isinstance(screen, GameScreen):
            return screen.query_one(PhaseClockView)
    raise AssertionError("no game screen")


def clock_shows(app) -> str:
    widget = clock_of(app)
    widget.tick()
    return str(widget.render())


def prompts(app) -> int:
    return sum(isinstance(s, TimeUpDialog) for s in app.screen_stack)


# --- the form's rules -------------------------------------------------------------------------


def test_phase_times_in_minutes_minutes_and_seconds_or_seconds():
    assert phase_seconds("5") == 300 and phase_seconds("1.5") == 90 and phase_seconds("1:30") == 90
    assert phase_seconds("45s") == 45 and phase_seconds(" 10 s ") == 10 and phase_seconds("60") == 3600
    for bad in ("9s", "61", "0", "", "abc", "1:75", "nan", "-2"):
        with pytest.raises(ValueError):
            phase_seconds(bad)


def test_the_form_checks_names_turns_time_and_seed():
    values, errors = check_form(TEAMS, "3", 10, "2", "")
    assert errors == [] and values == dict(teams=TEAMS, turns=3, phase_seconds=120, seed=None)
    _, errors = check_form({"russia": "Moscow", "china": " moscow "}, "0", 10, "1s", "x1")
    fields = [f for f, _ in errors]
    assert fields == ["team-china", "turns", "phase-time", "sem-seed"]
    assert "Russia already has a team called 'moscow'" in errors[0][1]
    _, errors = check_form({"usa": "Eagles"}, "²", 10, "2", "²")
    assert [f for f, _ in errors] == ["turns", "sem-seed"]
    _, errors = check_form({"usa": "W" * 41}, "3", 10, "2", "")
    assert errors[0][0] == "team-usa" and "1 to 40 characters" in errors[0][1]
    _, errors = check_form({"usa": "   "}, "3", 10, "2", "")
    assert errors[0][1].startswith("Name at least one team")
    values, errors = check_form({"usa": "  The   Eagles "}, "10", 10, "1:00", "42")
    assert errors == [] and values["teams"] == {"usa": "The Eagles"} and values["seed"] == 42
    assert "at most 20 min" in plan_text(5, 2, 120, 1) and "at most 1 h" not in plan_text(5, 2, 120, 1)


def test_the_plan_estimates_the_class_not_only_the_clocks():
    # A measured 3-turn seminar of five teams took far longer than its 60 minutes of clocks.
    plan = plan_text(5, 2, 120, 3)
    assert "3 turns: about 101 min (at most 106) with ~63 handovers" in plan
    assert "the briefing (10 min) and the debrief (15 min)" in plan
    assert "handovers" not in plan_text(1, 2, 120, 3), "one team keeps the keyboard"


# --- setting up by the keyboard ---------------------------------------------------------------


async def test_five_teams_set_up_from_the_title_by_the_keyboard(tmp_path):
    app = make_app(tmp_path, clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SeminarSetupScreen)
        for i, seat in enumerate(SEATS):
            await type_text(pilot, TEAMS[seat])
            # Past the computer level, hidden once a team is named; Enter goes on too.
            await pilot.press("enter" if i % 2 else "tab")
        assert app.game is None, "Enter after a name never starts the game"
        await pilot.press("tab")  # the scenario: left as it is
        await pilot.press("backspace", "2", "tab")  # turns
        await pilot.press("backspace", "backspace", *"45s")  # time per phase
        await pilot.press("ctrl+s")
        await pilot.pause()
        game = app.game
        assert game is not None
        assert game.seminar == Seminar(teams=TEAMS, turns=2, phase_seconds=45)
        assert game.seats == {s: "human" for s in SEATS}
        assert game.rules.scenario.turns == 2 and game.scenario == "summer-2021"
        assert game.seed == 20210815
        # The briefing comes first, on the article; nothing moves while the class reads.
        assert isinstance(app.screen, BriefingScreen) and app.screen.intro
        assert app.screen.active_seat() == "article" and app.table.paused
        await pilot.press("escape")
        await pilot.pause()
        assert not app.table.paused
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == 0
        assert "Team Moscow (Russia)" in str(app.screen.query_one("#handoff-title").render())


async def test_seats_left_empty_are_played_at_the_level_chosen(tmp_path):
    app = make_app(tmp_path, clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        await type_text(pilot, "Moscow")
        screen.query_one("#level-china").value = "ai:easy"
        screen.query_one("#phase-time").value = "10s"
        screen.query_one("#sem-seed").value = "42"
        await pilot.pause()
        assert not screen.query_one("#level-russia").display, "a named seat needs no computer level"
        assert "1 team, 4 seats played by the computer" in str(screen.query_one("#sem-plan").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        game = app.game
        assert game.seats == {"russia": "human", "turkey": "ai:normal", "china": "ai:easy", "usa": "ai:normal",
                              "central_asia": "ai:normal"}
        assert game.seminar.phase_seconds == 10 and game.seed == 42 and game.seminar.turns == 3


async def test_validation_errors_are_shown_inline_and_nothing_starts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = screen.query_one("#sem-errors")
        assert errors.display and "Name at least one team" in str(errors.render())
        screen.query_one("#team-russia").value = "Moscow"
        screen.query_one("#team-usa").value = "MOSCOW"
        screen.query_one("#turns").value = "11"
        screen.query_one("#phase-time").value = "2h"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = str(errors.render())
        assert "United States: Russia already has a team called 'MOSCOW'" in text
        assert "Turns: expected a whole number from 1 to 10, found '11'" in text
        assert "Time per phase: expected minutes (5)" in text
        assert len(text.splitlines()) >= 3
        assert screen.query_one("#team-usa").has_class("-invalid")
        assert not screen.query_one("#team-russia").has_class("-invalid")
        assert app.focused is screen.query_one("#team-usa")
        assert app.game is None and isinstance(app.screen, SeminarSetupScreen)
        # Put right, the errors go as soon as the form is corrected.
        screen.query_one("#team-usa").value = "Washington"
        screen.query_one("#turns").value = "3"
        screen.query_one("#phase-time").value = "2"
        await pilot.pause()
        assert not errors.display


async def test_the_command_line_opens_on_the_seminar_setup(tmp_path):
    app = make_app(tmp_path, first_screen="seminar")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SeminarSetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


def test_greatgame_seminar_needs_a_terminal(tmp_path, capsys):
    from game.clients.cli import main

    assert main(["seminar", "--saves-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a terminal" in err


# --- briefings --------------------------------------------------------------------------------


async def test_the_briefing_is_reachable_with_b_and_highlights_the_quotes(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules), clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GameScreen)
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "briefing" in shown, "b is in the footer of a seminar game"
        await pilot.press("b")
        await pilot.pause()
        brief = app.screen
        assert isinstance(brief, BriefingScreen) and brief.active_seat() == "russia"
        await pilot.press("a")
        await pilot.pause()
        assert brief.active_seat() == "article"
        content = brief.query_one("#briefing-article").content
        highlighted = {content.plain[s.start:s.end] for s in content.spans if s.style == QUOTE_STYLE}
        quotes = {c.source.quote for c in tui_rules.cards.values()}
        assert len(highlighted) >= 30 and highlighted <= quotes
        assert "Taliban retake provinces" in content.plain  # the card's title follows its passage
        await pilot.press("right")
        await pilot.pause()
        assert brief.active_seat() == "russia"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_the_briefing_is_there_in_an_ordinary_game_too(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert "briefing" not in shown and "briefing_any" not in shown, "not in the footer"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert "Russia" in app.screen.brief_text("russia")


async def test_a_role_brief_never_shows_another_teams_hand(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules, humans=("russia", "turkey")), clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.viewer == 0
        await pilot.press("b")
        await pilot.pause()
        brief = app.screen
        game = app.game
        mine = {game.rules.cards[c].title for c in game.state.hands[0]}
        theirs = {game.rules.cards[c].title for c in game.state.hands[1]} - mine
        assert mine and theirs
        russia, turkey = brief.brief_text("russia"), brief.brief_text("turkey")
        assert "Russia: Team Moscow" in russia and all(f"{t} (" in russia for t in mine)
        assert "Turkey: Team Ankara" in turkey and "4 cards (shown only to your team" in turkey
        for tab in SEATS:
            text = brief.brief_text(tab)
            assert not any(f"{t} (" in text for t in theirs), f"Turkey's hand on the {tab} tab"


async def test_the_setup_previews_the_briefs_without_any_hand(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await type_text(pilot, "Moscow")
        await pilot.press("f3")
        await pilot.pause()
        brief = app.screen
        assert isinstance(brief, BriefingScreen) and app.game is None
        titles = {c.title for c in app.library.catalogue().cards.values()}
        for seat in SEATS:
            text = brief.brief_text(seat)
            assert "Where you stand" in text and not any(f"{t} (" in text for t in titles)
        assert "Team Moscow" in brief.brief_text("russia")


# --- the phase clock --------------------------------------------------------------------------


async def test_the_clock_counts_down_and_prompts_once_when_time_is_up(tmp_path, tui_rules):
    now = FakeTime()
    app = make_app(tmp_path, seminar_game(tui_rules, seconds=60), clock_source=now)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.game.state.seat_to_move == 0 and app.table.viewer == 0
        assert clock_shows(app) == " ⏱ Moscow 1:00 "
        now.now += 20.2
        assert clock_shows(app) == " ⏱ Moscow 0:40 "
        assert not clock_of(app).has_class("-urgent")
        now.now += 35
        assert clock_shows(app) == " ⏱ Moscow 0:05 "
        assert clock_of(app).has_class("-urgent") and prompts(app) == 0
        now.now += 5
        moves = len(app.game.moves)
        assert "0:00 time is up" in clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 1 and isinstance(app.screen, TimeUpDialog)
        assert "Time is up, Team Moscow (Russia): decide now." in str(app.screen.query_one("#timeup-title").render())
        for _ in range(3):  # later ticks never prompt again for the same running-out
            now.now += 1
            clock_shows(app)
            await pilot.pause()
        assert prompts(app) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert prompts(app) == 0 and isinstance(app.screen, GameScreen)
        now.now += 10
        clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 0, "dismissed: not asked again"
        # Never skipped: the decision still waits for the team, and it can still be made.
        assert len(app.game.moves) == moves and app.game.state.seat_to_move == 0
        assert app.game.controller() == "human"
        await pilot.press("1", "enter")  # a choice, confirmed
        await settle(pilot)
        assert len(app.game.moves) > moves


async def test_one_more_minute_from_the_prompt(tmp_path, tui_rules):
    now = FakeTime()
    app = make_app(tmp_path, seminar_game(tui_rules, seconds=10), clock_source=now)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        now.now += 11
        clock_shows(app)
        await pilot.pause()
        assert isinstance(app.screen, TimeUpDialog)
        await pilot.press("plus")
        await pilot.pause()
        assert prompts(app) == 0
        assert clock_shows(app) == " ⏱ Moscow 1:00 ", "a whole minute from now, however late"
        now.now += 61
        clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 1, "the extra minute ran out too: asked again"


async def test_a_paused_clock_shows_paused_and_never_prompts(tmp_path, tui_rules):
    now = FakeTime()
    app = make_app(tmp_path, seminar_game(tui_rules, seconds=60), clock_source=now)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        now.now += 20
        app.table.clock_toggle()  # the facilitator stops the clock
        await pilot.pause()
        assert clock_shows(app) == " ⏱ Moscow 0:40 paused "
        assert clock_of(app).has_class("-paused")
        now.now += 1000
        assert clock_shows(app) == " ⏱ Moscow 0:40 paused "
        app.table.clock_skip()  # time up, but still paused: no prompt until it runs again
        clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 0
        app.table.set_paused(True)
        app.table.clock_toggle()
        assert "paused" in clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 0, "the whole game is paused"
        app.table.set_paused(False)
        clock_shows(app)
        await pilot.pause()
        assert prompts(app) == 1


async def test_no_clock_in_an_ordinary_game_and_none_for_the_computers_moves(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert not clock_of(app).display and app.table.clock is None
    game = seminar_game(tui_rules)
    app = make_app(tmp_path, game, clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert clock_of(app).display
        app.table.viewer = None  # as between two teams: the clock is nobody's
        assert clock_shows(app) == " ⏱ –:–– " and clock_of(app).has_class("-idle")


async def test_clock_commands_in_the_palette_of_a_seminar_game(tmp_path, tui_rules):
    from game.tui.commands import GameCommands

    app = make_app(tmp_path, seminar_game(tui_rules), clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        names = [c[0] for c in GameCommands(app.screen)._commands()]
        assert "Briefing" in names and "Clock: one more minute" in names
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        names = [c[0] for c in GameCommands(app.screen)._commands()]
        assert "Briefing" in names and not any(n.startswith("Clock") for n in names)


async def test_the_scores_name_the_teams_not_just_human(tmp_path, tui_rules):
    from game.tui.widgets.board import ScoresPanel

    game = seminar_game(tui_rules, humans=("russia", "turkey"))
    app = make_app(tmp_path, game, clock_source=FakeTime())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for screen in app.screen_stack:
            if isinstance(screen, GameScreen):
                text = str(screen.query_one(ScoresPanel).content)
        seat = game.state.seat_to_move
        other = "turkey" if SEATS[seat] == "russia" else "russia"
        assert TEAMS[other] in text and "Random" in text
