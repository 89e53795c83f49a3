"""The facilitator's console, one widget per tab: each a TabPane with its own compose, its
``redraw()`` from the table it is given, its handlers and its .tcss beside it. The console
screen (game.tui.screens.facilitator) only holds them: the tabs, the status line and the keys.
"""

from game.tui.widgets.console.adjust import AdjustList, AdjustTab
from game.tui.widgets.console.base import ConsoleTab, clock_words
from game.tui.widgets.console.clock import ClockTab
from game.tui.widgets.console.inject import InjectTab, SeatPicker
from game.tui.widgets.console.news import NewsTab, NewsTable
from game.tui.widgets.console.notes import NotesTab
from game.tui.widgets.console.predictions import PredictionsTab

TABS: tuple[type[ConsoleTab], ...] = (InjectTab, NewsTab, AdjustTab, NotesTab, ClockTab, PredictionsTab)
STYLES = [tab.STYLES for tab in TABS]  # the tabs' own .tcss files, in the order of the tabs

__all__ = ["AdjustList", "AdjustTab", "ClockTab", "ConsoleTab", "InjectTab", "NewsTab", "NewsTable",
           "NotesTab", "PredictionsTab", "SeatPicker", "STYLES", "TABS", "clock_words"]
