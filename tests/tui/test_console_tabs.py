"""Each tab of the facilitator's console on its own, in a bare Textual App, with a fake table:
the tab reads the game and acts only through the table's interface (game, paused, clock,
clock_source, facilitate, set_paused, clock_toggle, clock_extend, clock_skip), never through
the game's App. The fake is slotted, so a tab that read anything else would fail here, and the
App is Textual's own, with none of the game's attributes."""

from __future__ import annotations

import attrs
from textual.app import App

from game.rules.model import SEATS, TRACK_INDEX
from game.play.seminar import PhaseClock, coming_news
from game.play.session import Game
from game.tui.screens.message import ConfirmDialog
from game.tui.widgets.console import (
    STYLES,
    AdjustTab,
    ClockTab,
    ConsoleTab,
    InjectTab,
    NewsTab,
    NotesTab,
    SeatPicker,
)
from tests.tui.conftest import seats

SIZE = (100, 32)


@attrs.define
class FakeTable:
    """The console's table and nothing more: it records every act, and lets the game's own
    rules refuse or apply a facilitator's move, as the real one does."""

    game: Game
    paused: bool = False
    clock: PhaseClock | None = None
    now: float = 1000.0
    calls: list = attrs.Factory(list)

    def clock_source(self) -> float:
        return self.now

    def facilitate(self, choice: tuple, reason: str | None = None) -> str | None:
        self.calls.append(("facilitate", tuple(choice), reason))
        refused = self.game.refusal(tuple(choice), reason)
        if refused is None:
            self.game.play(tuple(choice), reason)
        return refused

    def set_paused(self, paused: bool) -> None:
        self.calls.append(("set_paused", paused))

    def clock_toggle(self) -> None:
        self.calls.append(("clock_toggle",))

    def clock_extend(self, seconds: float) -> None:
        self.calls.append(("clock_extend", seconds))

    def clock_skip(self) -> None:
        self.calls.append(("clock_skip",))

    def console_shown(self, shown: bool) -> None:
        self.calls.append(("console_shown", shown))


class TabApp(App):
    """A bare App holding one tab, with the console's styles."""

    CSS_PATH = [STYLES[0].parents[2] / "screens" / "facilitator.tcss", *STYLES]

    def __init__(self, tab: ConsoleTab):
        super().__init__()
        self.tab = tab

    def compose(self):
        yield self.tab

    def on_mount(self) -> None:
        self.tab.focus_home()


def text_of(widget) -> str:
    return str(widget.render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def table_for(rules, **kwargs) -> FakeTable:
    return FakeTable(Game.start(rules, 7, seats(russia="human")), **kwargs)


def facilitated(table: FakeTable) -> list:
    return [c[1:] for c in table.calls if c[0] == "facilitate"]


async def test_the_inject_tab_injects_the_card_filtered_to_after_a_confirmation(tui_rules):
    table = table_for(tui_rules)
    tab = InjectTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app_has_none_of_the_games_attributes(pilot.app)
        tab.focus_filter()
        await type_text(pilot, "jobless")
        await pilot.press("enter")  # to the one card that matches, in the list
        await pilot.pause()
        listing = tab.query_one("#inject-list")
        assert pilot.app.focused is listing and listing.highlighted_option.id == "jobless-youth"
        assert "1 card matches 'jobless'" in text_of(tab.query_one("#inject-result"))
        await pilot.press("tab")
        await type_text(pilot, "for the debrief")
        await pilot.press("enter")  # Enter in the reason injects too, after asking
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog) and "Reason: for the debrief" in pilot.app.screen.text
        assert not facilitated(table), "nothing is done before the answer"
        await pilot.press("y")
        await pilot.pause()
        assert facilitated(table) == [(("inject", "jobless-youth"), "for the debrief")]
        assert "Injected Jobless youth" in text_of(tab.query_one("#inject-result"))
        assert tab.query_one("#inject-reason").value == "", "the reason went with the card"
        # Its news has happened: the table's refusal is shown, and the list marks the card.
        tab.inject("jobless-youth", None)
        result = tab.query_one("#inject-result")
        assert result.has_class("-error") and "already happened" in text_of(result)
        tab.redraw()
        assert "Jobless youth ✓" in str(listing.get_option("jobless-youth").prompt)


async def test_the_inject_tab_asks_the_seat_of_a_neutral_card(tui_rules):
    table = table_for(tui_rules)
    tab = InjectTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = tab.query_one("#inject-list")
        listing.highlighted = next(i for i, o in enumerate(listing.options) if o.id == "humanitarian-relief")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SeatPicker)
        await pilot.press("3")  # China
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog) and "China" in pilot.app.screen.title_text
        await pilot.press("n")  # cancelled: nothing asked of the table
        await pilot.pause()
        assert not facilitated(table) and pilot.app.screen is tab.screen
        await pilot.press("enter", "2", "y")
        await pilot.pause()
        assert facilitated(table) == [(("inject", "humanitarian-relief", "turkey"), None)]
        assert ("event", "humanitarian-relief", SEATS.index("turkey")) in table.game.log


async def test_the_news_tab_holds_brings_forward_and_releases(tui_rules):
    table = table_for(tui_rules)
    tab = NewsTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        news = tab.query_one("#news-table")
        assert pilot.app.focused is news and news.row_count == len(coming_news(table.game.state))
        first = coming_news(table.game.state)[0].card
        await pilot.press("h")
        await pilot.pause()
        assert facilitated(table) == [(("hold", first), None)]
        assert "is held back" in text_of(tab.query_one("#news-result"))
        assert tab.card() == first and news.cursor_row == news.row_count - 1, "the cursor follows the card"
        await pilot.press("h")  # the held card, under the cursor, is released
        await pilot.pause()
        assert facilitated(table)[-1] == (("release", first), None)
        news.move_cursor(row=3)
        later = tab.card()
        await pilot.press("n")
        await pilot.pause()
        assert facilitated(table)[-1] == (("next", later), None)
        assert tab.card() == later and news.cursor_row == 0, "it comes next, and the cursor with it"
        assert table.game.rules.cards[later].title in text_of(tab.query_one("#news-detail"))


async def test_the_adjust_tab_sends_the_change_and_the_reason(tui_rules):
    table = table_for(tui_rules)
    tab = AdjustTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = tab.query_one("#adjust-list")
        listing.highlighted = next(i for i, o in enumerate(listing.options) if o.id == "tension")
        tension = table.game.state.tracks[TRACK_INDEX["tension"]]
        await pilot.press("plus", "plus", "minus")  # +1, then +2, +3 and back to +2
        await pilot.pause()
        assert tab.query_one("#adjust-by").value == "+2"
        assert f"→ {tension + 2}" in text_of(tab.query_one("#adjust-what"))
        await pilot.press("enter")  # on to the reason
        await pilot.pause()
        assert pilot.app.focused is tab.query_one("#adjust-reason")
        await pilot.press("enter")  # no reason: the rules refuse, through the table
        await pilot.pause()
        assert facilitated(table) == [(("adjust", "tension", "+2"), None)]
        result = tab.query_one("#adjust-result")
        assert result.has_class("-error") and "needs a written reason" in text_of(result)
        await type_text(pilot, "sanctions")
        await pilot.press("enter")
        await pilot.pause()
        assert facilitated(table)[-1] == (("adjust", "tension", "+2"), "sanctions")
        assert not result.has_class("-error")
        assert f"{tension} → {tension + 2}" in text_of(result)
        assert tab.query_one("#adjust-by").value == "+1" and tab.query_one("#adjust-reason").value == ""


async def test_the_notes_tab_writes_a_note_through_the_table(tui_rules):
    table = table_for(tui_rules)
    tab = NotesTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.focused is tab.query_one("#note-text")
        assert "No notes yet" in text_of(tab.query_one("#notes-list"))
        await type_text(pilot, "Moscow hesitates")
        await pilot.press("enter")
        await pilot.pause()
        assert facilitated(table) == [(("note",), "Moscow hesitates")]
        assert "Noted for turn 1" in text_of(tab.query_one("#note-result"))
        assert tab.query_one("#note-text").value == ""
        tab.redraw()
        assert "Turn 1: Moscow hesitates" in text_of(tab.query_one("#notes-list"))


async def test_the_clock_tab_asks_the_table_to_pause_and_run_the_clock(tui_rules):
    table = table_for(tui_rules)
    tab = ClockTab(table)
    async with TabApp(tab).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No phase clock: this is not a seminar game" in text_of(tab.query_one("#clock-state"))
        assert all(tab.query_one(b).disabled for b in ("#clock-toggle", "#clock-extend", "#clock-skip"))
        await pilot.press("enter")  # the pause button has the focus
        await pilot.pause(0.3)  # past the press's effect, during which a button takes no click
        assert table.calls == [("set_paused", True)]
        table.paused = True
        table.clock = PhaseClock(60.0, label="Moscow")
        table.clock.start(table.now)
        table.now += 15
        tab.redraw()
        assert "PAUSED" in text_of(tab.query_one("#clock-state"))
        assert "Moscow 0:45 (running)" in text_of(tab.query_one("#clock-state"))
        assert str(tab.query_one("#pause-toggle").label) == "Resume the game (p)"
        for button in ("#pause-toggle", "#clock-toggle", "#clock-extend", "#clock-skip"):
            await pilot.click(button)
            await pilot.pause()
        assert table.calls[1:] == [("set_paused", False), ("clock_toggle",), ("clock_extend", 60),
                                   ("clock_skip",)]


def app_has_none_of_the_games_attributes(app) -> bool:
    return not any(hasattr(app, name) for name in ("game", "facilitate", "paused", "clock", "revision"))


def test_the_tabs_use_the_app_only_for_dialogs_and_notices():
    """What the pilots above prove for the paths they take, for every line of the tabs: the
    App is asked only to show a dialog or a notice; the game comes from the table."""
    import re
    from pathlib import Path

    used = {}
    for path in sorted(Path(STYLES[0]).parent.glob("*.py")):
        for name in re.findall(r"\bapp\.(\w+)", path.read_text(encoding="utf-8")):
            used.setdefault(name, set()).add(path.name)
    assert used, "the tabs push their dialogs through the App"
    assert set(used) <= {"push_screen", "notify"}, used
