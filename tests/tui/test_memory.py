"""The TUI's memory stays flat over a game: footers do not keep the keys they replaced.

Textual's Footer rebuilt its keys on every bindings refresh (each focus change) and each old key
stayed alive through a data-binding watcher: thousands of dead widgets over a game (issue 10).
"""

from __future__ import annotations

import gc
import weakref

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from game.play.session import Game
from game.tui.screens.game import GameScreen
from game.tui.widgets.footer import KeyFooter
from tests.tui.conftest import make_app, seats, settle


def footer_keys() -> list:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, FooterKey)]


def dead_keys(earlier: weakref.WeakSet) -> list:
    """Footer keys made since ``earlier`` (those alive then: other tests' apps) that are on no
    screen but still kept alive."""
    return [k for k in footer_keys() if k not in earlier and not k.is_attached]


async def test_focus_changes_on_the_game_screen_leave_no_dead_footer_keys(tmp_path, tui_rules):
    earlier = weakref.WeakSet(footer_keys())
    app = make_app(tmp_path, game=Game.start(tui_rules, 4, seats(russia="human")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        shown = len(app.screen.query(FooterKey))
        assert shown > 5
        for _ in range(4):  # the focus goes round: the map, the tabs, the choices
            await pilot.press("tab")
        await pilot.pause()
        assert len(dead_keys(earlier)) < shown
        assert len(app.screen.query(FooterKey)) == shown


class Toggling(Screen):
    BINDINGS = [Binding("x", "act", "Act"), Binding("y", "other", "Other")]

    def __init__(self):
        super().__init__()
        self.allowed = True

    def compose(self):
        yield Static("body")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return (True if self.allowed else None) if action == "act" else True  # None: shown, disabled

    def action_act(self) -> None:
        pass

    def action_other(self) -> None:
        pass


class ToggleApp(App):
    def on_mount(self) -> None:
        self.push_screen(Toggling())


def act_key(screen) -> FooterKey:
    return next(k for k in screen.query(FooterKey) if k.action == "act")


async def test_the_footer_follows_what_is_enabled_and_lets_old_keys_go():
    earlier = weakref.WeakSet(footer_keys())
    app = ToggleApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = len(screen.query(FooterKey))
        assert not act_key(screen).has_class("-disabled")
        for _ in range(8):
            screen.allowed = not screen.allowed
            screen.refresh_bindings()
            await pilot.pause()
            assert act_key(screen).has_class("-disabled") == (not screen.allowed)  # a real change is drawn
        keys = set(screen.query(FooterKey))
        for _ in range(4):  # nothing changed: the same keys stay
            screen.refresh_bindings()
            await pilot.pause()
        assert set(screen.query(FooterKey)) == keys
        assert len(dead_keys(earlier)) < shown
