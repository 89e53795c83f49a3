"""The interface driven by keys (Textual's pilot): a turn, hot-seat, undo, offers, saves, the end."""

from __future__ import annotations

from game.rules.model import SEATS
from game.words.log import country_name
from game.play.save import save_game
from game.play.session import Game
from game.clients.sim import play_out
from game.tui.screens.end import EndScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.handoff import HandoffScreen
from game.tui.screens.message import MessageDialog
from game.tui.screens.offer import OfferDialog
from game.tui.screens.title import TitleScreen
from game.tui.widgets.move import MovePanel
from tests.tui.conftest import RANDOM, game_with_offer, make_app, seats, settle


def hand_titles(game, seat: int) -> set:
    return {game.rules.cards[c].title for c in game.state.hands[seat]}


def panel_text(app) -> str:
    panel = app.screen_stack[-1].query_one(MovePanel) if isinstance(app.screen, GameScreen) else None
    if panel is None:
        for screen in app.screen_stack:
            if isinstance(screen, GameScreen):
                panel = screen.query_one(MovePanel)
    line = panel.query_one("#hand-line")
    return " ".join(i.label for i in panel._items) + (" " + str(line.render()) if line.display else "")


async def decide_as_human(pilot, seat: int, limit: int = 12) -> None:
    """Make one decision for ``seat`` by taking the first choice that can be chosen at each step
    (and confirming)."""
    app = pilot.app
    await settle(pilot)
    n = len(app.game.moves)
    for _ in range(limit):
        game = app.game
        if game.over or game.state.seat_to_move != seat or len(game.moves) > n:
            return
        if isinstance(app.screen, OfferDialog):
            await pilot.press("a")
        else:  # the first item that can be chosen: a greyed one keeps its digit and does nothing
            items = app.screen.query_one(MovePanel)._items
            await pilot.press(str(next((n for n, i in enumerate(items, 1) if not i.greyed), 1)))
        await pilot.pause()
    raise AssertionError("the decision was never made")


async def test_new_game_from_the_title_and_a_full_turn(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("n")
        await pilot.pause()
        for seat in SEATS[1:]:  # everyone else random, so the test does not depend on AI tuning
            app.screen.query_one(f"#seat-{seat}").value = "random"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        game = app.game
        assert game.seed == 20210815 and game.seats["russia"] == "human"
        assert game.state.turn == 1
        for _ in range(60):
            if game.state.turn > 1:
                break
            await decide_as_human(pilot, 0)
            await settle(pilot)
            game = app.game
        assert game.state.turn == 2
        mine = [m for m in game.moves if m.reason is None]
        assert len(mine) >= 2, "Russia played its two cards"
        assert any(e[0] == "reason" and e[2] == "picked at random" for e in game.log), "AI reasons are logged"
        assert any(e[0] == "phase" and e[1] == "taliban" for e in game.log)
        autosaves = list(tmp_path.glob("autosave-*.yaml"))
        assert len(autosaves) == 1, "an autosave after the turn"


async def test_hot_seat_handoff_never_shows_another_seats_hand(tmp_path, tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human", turkey="human"))
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == 0
        assert app.table.viewer is None and panel_text(app) == "", "nothing private under the handoff screen"
        await pilot.press("enter")
        await settle(pilot)
        russia = hand_titles(app.game, 0)
        assert app.table.viewer == 0 and any(t in panel_text(app) for t in russia)
        # Russia's action played through the table (as the keys would: see the handoff policy
        # in tests/engine/test_table_policy.py), until Turkey must take the keyboard.
        for _ in range(40):
            if app.table.handoff_for == 1:
                break
            if app.table.human_to_move():
                app.table.choose(app.game.legal()[0])
            await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen) and app.screen.seat == 1
        assert app.table.viewer is None
        still_hidden = hand_titles(app.game, 0)
        assert not any(t in panel_text(app) for t in still_hidden), "Russia's hand is off screen"
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.viewer == 1
        text = panel_text(app)
        assert any(t in text for t in hand_titles(app.game, 1))
        assert not any(t in text for t in hand_titles(app.game, 0) - hand_titles(app.game, 1))


async def test_undo_takes_back_own_moves_until_another_seat_acts(tmp_path, tui_rules):
    game = Game.start(tui_rules, 7, seats(russia="human"))
    start_moves = len(game.moves)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        before = app.game.state
        assert app.table.undo_steps() == 0
        await pilot.press("1", "enter")  # a choice, confirmed
        await settle(pilot)
        assert len(app.game.moves) == start_moves + 1 and app.table.undo_steps() == 1
        await pilot.press("u")
        await settle(pilot)
        assert len(app.game.moves) == start_moves
        assert app.game.state == before, "undo replays to exactly the earlier position"
        # Refused (nothing to undo): the key changes nothing. When undo is refused once other
        # seats have acted is the table's (tests/engine/test_table_policy.py).
        assert app.table.undo_steps() == 0
        await pilot.press("u")
        await pilot.pause()
        assert len(app.game.moves) == start_moves and app.game.state == before


async def test_answering_an_offer_in_its_dialog(tmp_path, tui_rules):
    game = game_with_offer(tui_rules)
    n = len(game.moves)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OfferDialog)
        terms = app.screen.terms
        assert terms.accept and terms.reject
        text = " ".join(str(w.render()) for w in app.screen.query(".offer-lines"))
        name = country_name(game.state.pending.target)  # named in the title, 'there' in the lines
        assert name in terms.title and terms.reject[0].replace(f" in {name}", " there") in text
        assert text.count("VP: ") == 2  # the VP at stake under each answer
        assert terms.accept_vp in text and terms.reject_vp in text
        await pilot.press("r")
        await settle(pilot)
        assert app.game.moves[n].choice == ("reject",)
        assert any(e[0] == "answer" and e[4] is False for e in app.game.log)


async def test_save_then_load_from_the_list(tmp_path, tui_rules):
    game = Game.start(tui_rules, 1, seats(russia="human"))
    own = next(tui_rules.cards[c].title for c in game.state.hands[0]  # a Russian 2-ops card in hand
               if tui_rules.cards[c].seat == 0 and tui_rules.cards[c].ops == 2)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        moves = [m.choice for m in app.game.moves]
        await pilot.press("s")
        await pilot.pause()
        name = app.screen.query_one("#save-name")
        name.value = "my game"
        await pilot.press("enter")
        await pilot.pause()
        saved = tmp_path / "my-game.yaml"
        assert saved.exists()
        await pilot.press("o")  # the load screen
        await pilot.pause()
        table = app.screen.query_one("#saves")
        names = [app.screen.infos[i].name for i in range(table.row_count)]
        table.move_cursor(row=names.index("my-game"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert [m.choice for m in app.game.moves] == moves


async def test_an_unreadable_save_is_reported_and_left_alone(tmp_path):
    bad = tmp_path / "autosave-20240101-000000-seed1.yaml"
    bad.write_text("format: 1\ngame: new-great-game\nseed: [oops\n", encoding="utf-8")
    before = bad.read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert bad.name in app.screen.text
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")  # choose it from the list too
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert app.game is None
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name]


async def test_a_tampered_save_is_refused_on_screen(tmp_path, tui_rules):
    game = play_out(Game.start(tui_rules, 5, dict(RANDOM)))
    path = tmp_path / "tampered.yaml"
    save_game(game, path)
    path.write_text(path.read_text().replace("seed: 5", "seed: 6"))
    before = path.read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        error = app.load(path)
        assert error and "tampered.yaml" in error
        assert app.game is None
    assert path.read_bytes() == before


async def test_the_end_screen_of_a_finished_game(tmp_path, tui_rules):
    game = play_out(Game.start(tui_rules, 11, dict(RANDOM)))
    path = tmp_path / "finished.yaml"
    save_game(game, path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.load(path) is None
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        table = app.screen.query_one("#end-scores")
        assert table.row_count == 5
        outcome = str(app.screen.query_one("#end-outcome").render())
        assert "Winner" in outcome or "Nobody won" in outcome
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_too_small_a_terminal_says_how_large_it_must_be(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one(".too-small")
        assert notice.display and notice.region.width == 70
        assert "80×24" in str(notice.render())


async def test_command_palette_lists_game_commands(tmp_path, tui_rules):
    game = Game.start(tui_rules, 1, seats(russia="human"))
    own = next(tui_rules.cards[c].title for c in game.state.hands[0]  # a Russian 2-ops card in hand
               if tui_rules.cards[c].seat == 0 and tui_rules.cards[c].ops == 2)
    app = make_app(tmp_path, game)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        from game.tui.commands import GameCommands

        names = [c[0] for c in GameCommands(app.screen)._commands()]
        assert "Save the game" in names and "Theme: colour-blind safe" in names


async def test_a_greyed_action_says_why_and_sends_nothing(tmp_path, tui_rules):
    """Russia has 2 ops: its Project (3 ops) stays in the menu, greyed; its digit sends no move
    and says why, and the digits after it still pick the same actions."""
    from textual.notifications import Notify

    from game.tui.messages import MoveChosen

    game = Game.start(tui_rules, 1, seats(russia="human"))
    own = next(tui_rules.cards[c].title for c in game.state.hands[0]  # a Russian 2-ops card in hand
               if tui_rules.cards[c].seat == 0 and tui_rules.cards[c].ops == 2)
    app = make_app(tmp_path, game)
    messages = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")  # the news card's option, confirmed
        await settle(pilot)
        panel = app.screen.query_one(MovePanel)
        cards = [i.label for i in panel._items]
        n = next(k for k, label in enumerate(cards, 1) if label.startswith(f"{own} (2 ops)"))
        await pilot.press(str(n), "2", "enter")  # that card, for its 2 ops, confirmed
        await settle(pilot)
        assert app.game.state.pending.kind == "ops" and app.game.state.pending.points == 2
        keys = [i.key for i in panel._items]
        assert keys[:2] == ["influence", "project"] and panel._items[1].greyed
        moves, sent = len(app.game.moves), sum(isinstance(m, MoveChosen) for m in messages)
        await pilot.press("2")
        await pilot.pause()
        assert len(app.game.moves) == moves and sum(isinstance(m, MoveChosen) for m in messages) == sent
        assert [i.key for i in panel._items] == keys, "still the same menu, no step taken"
        said = [m.notification.message for m in messages if isinstance(m, Notify)]
        assert said and "needs 3 ops, 2 left" in said[-1]
        assert "Not now: needs 3 ops, 2 left." in str(panel.query_one("#choice-detail").render())
        # The next digit is still the next action: a contest, then the states in map order.
        await pilot.press("3")
        await pilot.pause()
        assert panel.path == ("contest_turkey",)
        assert [i.key for i in panel._items] == ["kazakhstan", "turkmenistan", "uzbekistan", "kyrgyzstan",
                                                 "tajikistan"]
        assert "Odds: d6" in str(panel.query_one("#choice-detail").render())
