"""The replay viewer driven by keys: reached from the title, the load list and the end screen;
stepping through turns; viewpoints that hide what a seat never saw; a what-if branched to a
new file while the save it came from stays byte for byte as it was."""

from __future__ import annotations

import re

import pytest

from game.rules.model import SEAT_NAMES, SEATS
from game.words.replay import turn_frames
from game.play.save import load_game, save_game
from game.play.session import Game
from game.clients.sim import play_out
from game.tui.screens.end import EndScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.message import ConfirmDialog, MessageDialog
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.saves import ReplayLoadScreen
from game.tui.screens.saves import LoadScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import RANDOM, make_app, settle

SEED = 11


@pytest.fixture(scope="module")
def history(tui_rules):
    """A finished game, random seats, fixed seed."""
    return play_out(Game.start(tui_rules, SEED, dict(RANDOM)))


@pytest.fixture
def saved(history, tmp_path):
    path = tmp_path / "x.yaml"
    save_game(history, path)
    return path


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


def titles(game, cards) -> set:
    return {game.rules.cards[c].title for c in cards}


async def open_from_title(pilot, path=None) -> ReplayScreen:
    """Title, r, then Enter on ``path`` (the newest save if None)."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, TitleScreen)
    await pilot.press("r")
    await pilot.pause()
    chooser = pilot.app.screen
    assert isinstance(chooser, ReplayLoadScreen)
    if path is not None:
        chooser.query_one("#saves").move_cursor(row=[i.path for i in chooser.infos].index(path))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReplayScreen)
    return pilot.app.screen


async def test_the_title_opens_the_viewer_which_steps_through_the_turns(saved, history):
    app = make_app(saved.parent)
    turns = history.state.turn
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_title(pilot)
        assert screen.path == saved
        assert f"Turn 1 of {turns} · Jul 2021" in text(screen, "#replay-status")
        assert "x.yaml" in text(screen, "#replay-status")
        assert text(screen, "#replay-log-text").startswith("== Turn 1:")
        await pilot.press("right")
        assert screen.frame.turn == 2 and f"Turn 2 of {turns} · Aug 2021" in text(screen, "#replay-status")
        assert text(screen, "#replay-log-text").startswith("== Turn 2:")
        assert "Aug 2021 · turn 2/" in text(screen, "#replay-tracks")
        await pilot.press("n")
        assert screen.frame.turn == 3
        await pilot.press("p", "p", "p", "left")
        assert screen.frame.turn == 1, "never before the first turn"
        await pilot.press("end")
        assert screen.frame.turn == turns and f"Turn {turns} of {turns}" in text(screen, "#replay-status")
        await pilot.press("right")
        assert screen.frame.turn == turns, "never after the last turn"
        await pilot.press("home")
        assert screen.frame.turn == 1
        # The scores are the frame's, not the finished game's.
        await pilot.press("right")
        frame = screen.frame
        scores = text(screen, "#replay-scores")
        assert frame.state.vp != history.state.vp
        assert [int(re.search(r" (-?\d+)[★ ] ", line)[1]) for line in scores.splitlines()] == frame.state.vp
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReplayLoadScreen)


async def test_a_seat_sees_only_its_own_hand_and_reasons(saved, history):
    app = make_app(saved.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_from_title(pilot)
        await pilot.press("right", "h")
        frame = screen.frame
        hands = frame.start.hands
        reasons = [e for e in frame.log if e[0] == "reason"]
        assert "Facilitator (sees all)" in text(screen, "#replay-status")
        every = text(screen, "#replay-hands-text")
        for seat, name in enumerate(SEATS):
            assert f" {SEAT_NAMES[name]} (Random)" in every
            assert all(t in every for t in titles(history, hands[seat]))
        assert text(screen, "#replay-log-text").count("Reason:") == len(reasons)

        for seat, name in enumerate(SEATS):
            await pilot.press("v")
            assert screen.viewer == seat and f"View: {SEAT_NAMES[name]}" in text(screen, "#replay-status")
            mine = titles(history, hands[seat])
            others = set().union(*(titles(history, h) for s, h in enumerate(hands) if s != seat)) - mine
            shown = text(screen, "#replay-hands-text")
            assert mine and all(t in shown for t in mine)
            assert others and not any(t in shown for t in others), "another seat's hand is on screen"
            assert [s for s in SEATS if f" {SEAT_NAMES[s]} (" in shown] == [name], "one seat's heading"
            # As in play (game.play.visibility): a computer's reasons are read by every seat, without
            # the alternatives it weighed; these players are random, so there are none to cut.
            assert text(screen, "#replay-log-text").count("Reason:") == len(reasons)
        await pilot.press("v")
        assert screen.viewer is None and all(t in text(screen, "#replay-hands-text") for t in others)


async def test_branching_at_turn_2_writes_a_new_save_and_plays_on(saved, history):
    before = saved.read_bytes()
    app = make_app(saved.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_title(pilot)
        await pilot.press("right", "v")  # turn 2, as Russia
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        target = saved.parent / "x-whatif-t2.yaml"
        assert dialog.text.startswith("Play turn 2 again from its start; turn 1 is kept as it was. "
                                      f"Saved as {target}.")
        assert "You take over Russia" in dialog.text
        assert not target.exists(), "nothing is written before the answer"
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.table.autosave_to == target and app.game.state.turn == 2
        assert app.game.seats["russia"] == "human" and app.game.state.seat_to_move == 0
    branch = load_game(target)
    assert branch.parent == "x.yaml" and branch.branched_at == 2
    first = turn_frames(history)[0].moves
    assert [m.choice for m in branch.moves[: len(first)]] == [m.choice for m in history.moves[first.start:first.stop]]
    assert branch.state.turn == 2
    assert saved.read_bytes() == before, "the save the what-if came from is untouched"


async def test_a_whatif_never_overwrites_and_may_start_at_turn_1(saved):
    taken = saved.parent / "x-whatif-t1.yaml"
    taken.write_text("someone else's")
    before = saved.read_bytes()
    app = make_app(saved.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_title(pilot, saved)
        await pilot.press("v", "v")  # turn 1, as Turkey
        assert screen.frame.turn == 1
        await pilot.press("w")
        await pilot.pause()
        assert "nothing is kept" in app.screen.text and "x-whatif-t1-2.yaml" in app.screen.text
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
    branch = load_game(saved.parent / "x-whatif-t1-2.yaml")
    assert (branch.parent, branch.branched_at) == ("x.yaml", 1)
    assert branch.seats["turkey"] == "human" and branch.seats["russia"] == "random"
    assert taken.read_text() == "someone else's" and saved.read_bytes() == before


async def test_saying_no_writes_nothing(saved):
    app = make_app(saved.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_title(pilot)
        await pilot.press("right", "right", "w")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and app.game is None
    assert sorted(p.name for p in saved.parent.iterdir()) == ["x.yaml"]


async def test_the_load_screen_replays_the_selected_save(saved):
    app = make_app(saved.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.path == saved
        assert app.game is None, "replaying is not playing"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen) is LoadScreen


async def test_an_unreadable_save_says_why_in_one_line_and_is_left_alone(saved):
    data = saved.read_text().replace("seed: 11", "seed: 12")
    saved.write_text(data)
    app = make_app(saved.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        error = app.screen.text.splitlines()[0]
        assert error.startswith(str(saved)) and "x.yaml" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReplayLoadScreen)
    assert saved.read_text() == data
    assert sorted(p.name for p in saved.parent.iterdir()) == ["x.yaml"]


async def test_the_end_screen_replays_the_game_just_finished(history, tmp_path):
    autosave = tmp_path / "autosave-x.yaml"
    app = make_app(tmp_path, history, autosave_to=autosave)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.path == autosave and load_game(autosave).state == history.state
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)


@pytest.mark.parametrize("key,kept", [("k", True), ("d", False)])
async def test_a_whatif_from_a_turn_the_white_cell_acted_in_keeps_or_drops_its_acts(tmp_path, key, kept):
    from tests.engine.seminar_fixture import ADJUDICATION_REASON, FIXTURE

    from game.tui.screens.message import ChoiceDialog

    saved = tmp_path / "seminar.yaml"
    saved.write_bytes(FIXTURE.read_bytes())
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_from_title(pilot, saved)
        await pilot.press("right")  # turn 2: an inject, a held card and a ruling
        assert screen.frame.turn == 2
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "The White Cell acted 3 times in turn 2" in dialog.text
        assert "Facilitator injects Fears come true." in dialog.text and ADJUDICATION_REASON in dialog.text
        await pilot.press(key)
        await settle(pilot)
        target = tmp_path / "seminar-whatif-t2.yaml"
        assert app.game is not None and app.table.autosave_to == target  # the teams' handover comes next
    branch = load_game(target)
    acts = [m.choice[0] for m in branch.moves if m.choice[0] in ("inject", "hold", "adjust", "note")]
    assert acts == (["note", "inject", "hold", "adjust"] if kept else ["note"])  # turn 1's note stays either way


async def test_escape_from_the_white_cell_question_writes_nothing(tmp_path):
    from tests.engine.seminar_fixture import FIXTURE

    saved = tmp_path / "seminar.yaml"
    saved.write_bytes(FIXTURE.read_bytes())
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_from_title(pilot, saved)
        await pilot.press("right", "w")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seminar.yaml"]
