"""Defects of the playing screens that users reproduced (issue 9): each test fails on the code
before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from textual.content import Content

from game.ai import decide
from game.words.log import describe
from game.rules.model import SEATS
from game.play.save import load_game, save_game
from game.play.session import Game
from game.tui.core import autosave_path, winners_sentence
from game.tui.moves import hand_label
from game.tui.screens.end import EndScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from game.tui.screens.offer import OfferDialog
from game.tui.themes import THEME_LABELS
from game.tui.widgets.board import StateTile, letter
from game.tui.widgets.log import GameLog, paragraphs
from game.tui.widgets.move import MovePanel
from tests.tui.conftest import game_with_offer, make_app, seats, settle

FIXTURE = Path(__file__).resolve().parent.parent / "engine" / "fixtures" / "seminar-game.yaml"
CARDS = Path(__file__).resolve().parent.parent.parent / "cards"


def played_on(game: Game, turn: int) -> Game:
    """The game played on by random choices until ``turn`` begins."""
    while game.state.turn < turn and not game.over:
        d = decide("random", game.state, len(game.moves))
        game.play(d.choice, None if game.controller() == "human" else d.reason)
    return game


def log_text(log: GameLog) -> str:
    return str(log.query_one("#log-text").render())


async def load_from_the_game(pilot, path: Path) -> None:
    """`o` on the game screen, the save chosen in the list, Enter."""
    app = pilot.app
    await pilot.press("o")
    await pilot.pause()
    table = app.screen.query_one("#saves")
    table.move_cursor(row=[i.path for i in app.screen.infos].index(path))
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause()


# --- 1: the end screen's log --------------------------------------------------------------------


async def test_the_end_screens_log_tab_shows_the_whole_log_and_scrolls(tmp_path):
    game = load_game(FIXTURE, CARDS)
    first, last = describe(game.log[0], game.rules), describe(game.log[-1], game.rules)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.load(FIXTURE) is None
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("l")
        await pilot.pause()
        log = app.screen.query_one(GameLog)
        assert log.region.height >= 15, "the log fills the tab"
        text = log_text(log)
        assert text.startswith(last) and text.rstrip().endswith(describe(game.log[10], game.rules).strip())
        assert first in text, "the first turn is there too, not only the latest paragraphs"
        await pilot.press("pagedown")  # the log has the focus: the page keys scroll it
        await pilot.pause()
        assert log.scroll_y > 0


# --- 2: hot-seat after a load in the game ---------------------------------------------------------


async def test_hot_seat_carries_on_after_loading_its_own_autosave(tmp_path, tui_rules):
    game = played_on(Game.start(tui_rules, 7, {s: "human" for s in SEATS}), 2)  # no AI to wait for
    path = autosave_path(tmp_path, game.seed)
    save_game(game, path)
    app = make_app(tmp_path, game, autosave_to=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seat = app.game.state.seat_to_move
        assert isinstance(app.screen, HandoffScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.viewer == seat
        await load_from_the_game(pilot, path)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == seat
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.table.viewer == seat, "the hand is shown once its player takes the keyboard"
        n = len(app.game.moves)
        for _ in range(6):  # the first choice at each step, then its confirmation
            await pilot.press("1")
            await pilot.pause()
        assert len(app.game.moves) > n, "and the player can move"


async def test_an_offer_waiting_in_a_game_loaded_in_the_game_can_be_answered(tmp_path, tui_rules):
    """The same cause: the offer dialog's answer went to the load screen, which had closed."""
    game = game_with_offer(tui_rules)
    n = len(game.moves)
    path = tmp_path / "offer.yaml"
    save_game(game, path)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # close the dialog, to load from the game screen
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await load_from_the_game(pilot, path)
        assert isinstance(app.screen, OfferDialog)
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        assert len(app.game.moves) > n and app.game.moves[n].choice == ("reject",)


# --- 4: the log scrolls by keys, and reads cause before effect -----------------------------------


async def test_the_log_tab_scrolls_with_page_keys_without_tab(tmp_path, tui_rules):
    game = played_on(Game.start(tui_rules, 7, seats(russia="human")), 3)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        log = app.screen.query_one(GameLog)
        assert log.max_scroll_y > 10
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert log.scroll_y == 0


def test_a_card_played_reads_before_all_it_caused():
    """Paragraphs run newest first; inside one, a card played comes above its event, the target
    and option chosen for it, the offer it made and the operations it bought."""
    game = load_game(FIXTURE, CARDS)
    shown = [entry for group in reversed(paragraphs(game.log, game.rules)) for entry, _ in group]
    position = {id(entry): i for i, entry in enumerate(shown)}
    checked = 0
    play = None
    for entry in game.log:
        kind = entry[0]
        if kind == "play":
            play = entry
        elif kind in ("turn", "phase"):
            play = None
        elif play is not None and kind in ("event", "target", "option", "offer", "answer", "op"):
            assert position[id(play)] < position[id(entry)], (describe(play, game.rules), describe(entry, game.rules))
            checked += 1
    assert checked > 50
    # The Taliban phase reads in its order too: momentum before the borders it presses on.
    taliban = [e for e in shown if e[0] in ("t_momentum", "t_momentum_stalls", "t_border_holds")]
    assert taliban and taliban[0][0] != "t_border_holds"


# --- 3: the rationale box -------------------------------------------------------------------------


async def test_a_new_confirm_step_opens_with_an_empty_rationale(tmp_path, tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    n = len(game.moves)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(MovePanel)
        rationale = panel.query_one("#rationale")
        for _ in range(6):
            if panel._mode == "confirm":
                break
            await pilot.press("1")
            await pilot.pause()
        assert panel._mode == "confirm" and app.screen.focused is rationale
        await pilot.press(*"because")
        assert rationale.value == "because"
        await pilot.press("escape")
        await pilot.pause()
        assert panel._mode == "choose"
        await pilot.press("1")
        await pilot.pause()
        assert panel._mode == "confirm"
        assert rationale.value == "", "the old text is gone"
        await pilot.press("1")  # confirms, as the rule says while nothing is typed
        await pilot.pause()
        assert len(app.game.moves) > n and app.game.moves[n].reason is None


# --- 5: the map at 80x24 ------------------------------------------------------------------------


def shown_markers(text: str, sign: str) -> list[str]:
    """The owners' letters after ``sign`` in a tile: ⌂R⌂U and ⌂RU both give ['R', 'U']."""
    return [ch for part in text.split(sign)[1:] for ch in re.match(r"[RTCUA]*", part).group()]


async def test_every_state_keeps_its_lines_at_80x24_with_projects_and_bases(tmp_path, tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    state = game.state  # a crowded board: projects under way and completed, bases, a hit
    state.projects[:] = [(2, 0, 2), (1, 0, 1), (2, 1, 2), (1, 4, 1), (0, 3, 2), (2, 3, 1)]
    state.completed[:] = [(3, 0), (2, 2), (1, 3)]
    for country in range(5):
        state.countries[country].bases[3] = True
    state.countries[0].incursion = True
    app = make_app(tmp_path, game)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for tile in app.screen.query(StateTile):
            c = state.countries[tile.country]
            text = str(tile.render())
            assert len(text.splitlines()) <= tile.content_size.height
            assert max(Content(line).cell_length for line in text.splitlines()) <= tile.content_size.width
            compact = text.replace("discontent ", "Di").replace("refugees ", "Rf")
            assert f"Di{c.discontent}" in compact and f"Rf{c.refugees}" in compact, text
            assert shown_markers(text, "⌂") == [letter(p) for p in range(4) if c.bases[p]], text
            assert shown_markers(text, "◇") == [letter(o) for o, ci, _ in state.projects if ci == tile.country], text
            assert shown_markers(text, "◆") == [letter(o) for o, ci in state.completed if ci == tile.country], text
            assert ("✸" in text) == c.incursion


# --- 6: words -------------------------------------------------------------------------------------


async def test_a_completed_withdrawal_is_called_complete(tmp_path, tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    game.state.withdrawn = True
    app = make_app(tmp_path, game)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#tracks").render())
        assert "US withdrawal complete" in text and "withdrawn" not in text


async def test_the_theme_notice_names_the_theme(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        notice = list(app._notifications)[-1].message
        assert notice == f"Theme: {THEME_LABELS[app.theme]}" and app.theme not in notice


async def test_the_end_screen_agrees_its_verb_and_names_the_teams(tmp_path):
    game = load_game(FIXTURE, CARDS)
    assert game.state.winners  # the fixed seminar ends after its last turn, with a winner
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.load(FIXTURE) is None
        await settle(pilot)
        head = str(app.screen.query_one("#end-head").render())
        assert winners_sentence(game.state) in head  # its verb agrees: the test below
        table = app.screen.query_one("#end-scores")
        players = {str(table.get_row_at(r)[-1]) for r in range(table.row_count)}
        assert players == {game.team(i) for i in range(5)} and "Team Moscow" in players


def test_winners_are_named_with_the_verb_that_agrees():
    class Done:
        vp = [3, 9, 9, 9, 9]

        def __init__(self, *winners):
            self.winners = winners

    assert winners_sentence(Done(4)) == "The Central Asian states win with 9 VP."
    assert winners_sentence(Done(3)) == "The United States wins with 9 VP."
    assert winners_sentence(Done(1)) == "Turkey wins with 9 VP."
    assert winners_sentence(Done(1, 2)) == "Turkey and China win with 9 VP."
    assert winners_sentence(Done()) == "Nobody wins."


def test_every_card_in_a_hand_says_whose_it_is(tui_rules):
    cards = tui_rules.cards.values()
    own = next(c for c in cards if c.seat == 0)
    other = next(c for c in cards if c.seat == 2)
    neutral = next(c for c in cards if c.seat is None)
    assert hand_label(own, 0).endswith("· your card")
    assert hand_label(other, 0).endswith("· China's card")
    assert hand_label(neutral, 0) == f"{neutral.title} ({neutral.ops} ops)"


async def test_the_end_screens_table_fits_80_columns_with_the_teams_names(tmp_path):
    game = load_game(FIXTURE, CARDS)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.load(FIXTURE) is None
        await settle(pilot)
        table = app.screen.query_one("#end-scores")
        assert table.virtual_size.width <= table.size.width, "no column hidden off to the right"
        players = {str(table.get_row_at(r)[-1]) for r in range(table.row_count)}
        assert {"Team Moscow", "Team Washington"} <= players
        assert any(p.startswith("Team Five Cap") for p in players)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_load_table_fits_and_an_unreadable_save_says_why_under_it(tmp_path, size):
    """Every column of the Load (and Replay) list is on screen, and an unreadable save's reason
    is shown whole under the list rather than cut inside a column."""
    from textual.widgets import DataTable

    from game.tui.screens.saves import LoadScreen

    fixture = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "seminar-game.yaml"
    (tmp_path / "seminar-game.yaml").write_text(fixture.read_text())
    (tmp_path / "autosave-20261201-231012-seed123456789.yaml").write_text("format: 1\ngame: nope\n")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(LoadScreen())
        await pilot.pause()
        table = app.screen.query_one("#saves", DataTable)
        wanted = ["save", "scenario", "date", "turn", "players"] + (["saved"] if size[0] >= 100 else [])
        assert [str(c.label) for c in table.columns.values()] == wanted
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.size.width, f"columns need {widths} of {table.size.width}"
        note = str(app.screen.query_one("#load-note").render())
        assert "not a saved game of The New Great Game" in note  # the highlighted, unreadable one
        table.move_cursor(row=1)
        await pilot.pause()
        assert str(app.screen.query_one("#load-note").render()).strip() == ""


async def test_the_end_screen_says_which_diplomacy_points_were_tension_penalties(tmp_path, tui_rules):
    """China's VP lost for raising tension showed only as 'diplomacy -2'."""
    from game.words.log import tension_penalties
    from game.tui.screens.end import penalty_words

    for seed in range(60):
        game = Game.start(tui_rules, seed, seats())
        while not game.over:
            d = decide("random", game.state, len(game.moves))
            game.play(d.choice, d.reason)
        if tension_penalties(game.log):
            break
    lost = tension_penalties(game.log)
    assert lost
    app = make_app(tmp_path, game)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        text = str(app.screen.query_one("#end-penalties").render())
        assert text == penalty_words(game) and "tension to 7 or more" in text
        assert all(f"{v}" in text for v in lost.values())
