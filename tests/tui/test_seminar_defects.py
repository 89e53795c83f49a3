"""Seminar mode as a lecturer found it (issue 9): the facilitator at the hand-over screen, the
clock naming the phase's team, the console's filter and Escape, the reasons the debrief needs,
and nothing new appearing over the open console."""

from __future__ import annotations

from textual.command import CommandPalette

from game.rules.model import SEATS
from game.play.seminar import Seminar
from game.play.session import Game
from game.tui.screens.facilitator import FacilitatorGate, FacilitatorScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from tests.tui.conftest import make_app, seats, settle

SIZE = (100, 32)
TEAMS = {"russia": "Moscow", "turkey": "Ankara", "china": "Beijing", "usa": "Washington",
         "central_asia": "Tashkent"}


def seminar_game(rules, humans=("russia", "turkey"), seed: int = 7) -> Game:
    return Game.start(rules, seed, seats(**{s: "human" for s in humans}),
                      seminar=Seminar(teams={s: TEAMS[s] for s in humans}, turns=3, phase_seconds=120))


def text_of(widget) -> str:
    return str(widget.render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


# --- item 1: the facilitator at the "pass the keyboard" screen ---------------------------------


async def test_f9_on_the_handoff_screen_opens_the_console_and_comes_back_to_it(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        handoff = app.screen
        assert isinstance(handoff, HandoffScreen) and app.table.viewer is None
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorGate), "behind the same confirmation"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is handoff
        await pilot.press("f9", "y")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen) and app.table.viewer is None, "no hand shown"
        await pilot.press("k", "p")  # the facilitator pauses the game from there
        await pilot.pause()
        assert app.table.paused
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is handoff and handoff.seat == app.game.state.seat_to_move
        assert app.table.viewer is None and not app.game.moves, "back as it was"


async def test_the_palette_on_the_handoff_screen_finds_the_console(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "facil")
        for _ in range(10):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorGate)


# --- nothing appears over the open console ---------------------------------------------------


async def test_no_computer_move_is_revealed_over_the_open_console(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9", "y")
        await pilot.pause()
        console = app.screen
        console.inject("a-meaningful-milestone", None)  # the US (the computer) must decide
        for _ in range(5):
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
        assert app.game.moves[-1].choice == ("inject", "a-meaningful-milestone")
        assert app.table.move_decided, "decided, but not shown over the console"
        await pilot.press("escape")
        await settle(pilot)
        assert app.game.moves[-1].choice != ("inject", "a-meaningful-milestone")
        assert app.game.state.seat_to_move == 0


async def test_a_handoff_waits_until_the_console_closes(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Moscow takes the keyboard
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and app.table.viewer == 0
        await pilot.press("f9", "y")
        await pilot.pause()
        app.screen.inject("risky-gamble", "turkey")  # Ankara must now choose the target
        await settle(pilot)
        assert app.game.state.seat_to_move == SEATS.index("turkey")
        assert isinstance(app.screen, FacilitatorScreen), "no handoff over the console"
        assert app.table.viewer is None, "and Moscow's hand is no longer drawn under it"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == SEATS.index("turkey")
        assert sum(isinstance(s, HandoffScreen) for s in app.screen_stack) == 1


async def test_a_stale_handoff_under_the_console_is_replaced_by_the_right_one(tmp_path, tui_rules):
    app = make_app(tmp_path, seminar_game(tui_rules))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == 0
        await pilot.press("f9", "y")
        await pilot.pause()
        app.screen.inject("risky-gamble", "turkey")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == SEATS.index("turkey")
        assert sum(isinstance(s, HandoffScreen) for s in app.screen_stack) == 1


# --- item 2: the clock names the team whose phase it is ----------------------------------------


def offer_in_a_teams_phase(rules) -> Game:
    """A seminar of five teams, played on at random until a power's card makes an offer that
    the Central Asian team must answer."""
    from game.ai import decide

    for seed in range(3, 200):
        game = Game.start(rules, seed, seats(**{s: "human" for s in SEATS}),
                          seminar=Seminar(teams=dict(TEAMS), turns=3, phase_seconds=120))
        while not game.over and game.state.pending.kind != "offer":
            game.play(decide("random", game.state, len(game.moves)).choice)
        st = game.state
        if not game.over and st.phase == "action" and st.order[st.position] != SEATS.index("central_asia"):
            return game
    raise AssertionError("no offer in 200 random games")


async def test_the_clock_names_the_phases_team_while_another_answers_its_offer(tmp_path, tui_rules):
    from tests.tui.test_seminar_pilot import FakeTime, clock_shows

    game = offer_in_a_teams_phase(tui_rules)
    st = game.state
    owner = TEAMS[SEATS[st.order[st.position]]]
    now = FakeTime()
    app = make_app(tmp_path, game, clock_source=now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen)
        await pilot.press("enter")  # Tashkent takes the keyboard to answer
        await settle(pilot)
        assert app.table.viewer == SEATS.index("central_asia")
        now.now += 30
        assert clock_shows(app) == f" ⏱ {owner} 1:30 · Tashkent answers "
        assert app.table.clock.label == owner, "the console names the phase's team too"


# --- item 3: the console's filter and Escape ----------------------------------------------------


async def test_enter_in_the_inject_filter_goes_to_the_first_match_or_says_none(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9", "y")
        await pilot.pause()
        console = app.screen
        listing = console.query_one("#inject-list")
        await pilot.press("slash", *"zzz", "enter")
        await pilot.pause()
        assert console.focused is console.query_one("#inject-filter"), "nothing to go to: stays"
        assert "No card matches 'zzz'" in text_of(console.query_one("#inject-result"))
        console.query_one("#inject-filter").value = ""
        await pilot.press(*"taliban")  # several cards match
        await pilot.pause()
        listing.highlighted = max(i for i, o in enumerate(listing.options) if o.id is not None)
        await pilot.press("enter")
        await pilot.pause()
        first = next(i for i, o in enumerate(listing.options) if o.id is not None)
        assert console.focused is listing and listing.highlighted == first
        title = tui_rules.cards[listing.options[first].id].title
        count = sum(1 for o in listing.options if o.id is not None)
        assert count > 1
        assert f"{count} cards match 'taliban': {title} is highlighted; Enter injects it." in text_of(
            console.query_one("#inject-result"))


async def test_escape_after_a_ruling_leaves_the_field_then_the_console(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9", "y", "a")
        await pilot.pause()
        console = app.screen
        await pilot.press("enter")  # the value chosen: to the reason
        await pilot.pause()
        await type_text(pilot, "Reports from Kunduz")
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.moves[-1].reason == "Reports from Kunduz"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is console and console.focused is console.query_one("#adjust-list")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)


async def test_tab_from_the_values_goes_to_the_reason_so_typing_is_kept(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9", "y", "a", "plus", "tab")
        await pilot.pause()
        console = app.screen
        assert console.focused is console.query_one("#adjust-reason")
        await type_text(pilot, "Kunduz")
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.moves[-1].choice[2] == "+2" and app.game.moves[-1].reason == "Kunduz"
        await pilot.press("shift+tab")  # the change's own field is still there to type in
        await pilot.pause()
        assert console.focused is console.query_one("#adjust-by")


# --- item 4: an inject's reason, an offer's rationale -------------------------------------------


async def test_an_inject_typed_with_a_reason_keeps_it_in_the_log_and_report(tmp_path, tui_rules):
    from game.words.report import report_data, to_markdown
    from game.tui.screens.message import ConfirmDialog

    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9", "y", "slash", *"jobless", "enter", "tab")
        await pilot.pause()
        console = app.screen
        assert console.focused is console.query_one("#inject-reason")
        await type_text(pilot, "The room asked about unemployment")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Reason: The room asked about unemployment" in app.screen.text
        await pilot.press("y")
        await pilot.pause()
        assert app.game.moves[-1].choice == ("inject", "jobless-youth")
        assert app.game.moves[-1].reason == "The room asked about unemployment"
        assert ("inject", "jobless-youth", None, "The room asked about unemployment") in app.game.log
        assert console.query_one("#inject-reason").value == ""
        md = to_markdown(report_data(app.game))
        assert "- Facilitator injects Jobless youth. *Reason:* The room asked about unemployment" in md


async def test_the_offer_dialog_keeps_the_teams_rationale_for_the_report(tmp_path, tui_rules):
    from game.words.report import report_data, to_markdown
    from game.tui.screens.offer import OfferDialog
    from tests.tui.conftest import game_with_offer

    game = game_with_offer(tui_rules)
    n = len(game.moves)
    app = make_app(tmp_path, game)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OfferDialog)
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#offer-why")
        await type_text(pilot, "Not our confrontation")  # the letters go in the field, not a or r
        await pilot.press("escape")  # out of the field, not out of the dialog
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is dialog.query_one("#accept")
        await pilot.press("r")
        await settle(pilot)
        assert app.game.moves[n].choice == ("reject",)
        assert app.game.moves[n].reason == "Not our confrontation"
        md = to_markdown(report_data(app.game))
        assert "rejects" in md and "*Team's rationale:* Not our confrontation" in md


def test_a_computer_seats_phase_is_named_short_beside_the_answering_team():
    from types import SimpleNamespace

    from game.tui.widgets.clock import clock_label

    game = SimpleNamespace(team={4: "Tashkent"}.get, state=SimpleNamespace(pending=SimpleNamespace(kind="offer")))
    assert clock_label(game, 3, 4, "1:30") == "US 1:30 · Tashkent answers"
    game.state.pending.kind = "target"
    assert clock_label(game, 4, 3, "0:10") == "Tashkent 0:10 · US decides"
    assert clock_label(game, 3, 3, "2:00") == "United States 2:00"
