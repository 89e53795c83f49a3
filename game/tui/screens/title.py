"""The title screen: New game, Continue, Load, Replay, Seminar, Cards, How to play, Quit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

BANNER = """\
T H E   N E W   G R E A T   G A M E"""

PREMISE = (
    "Summer 2021. The Taliban retake Afghanistan's provinces and officials flee north. "
    "Russia, Turkey, China and the United States race for influence over five Central Asian "
    "states that want security without being drawn into anyone's confrontation."
)


class TitleScreen(BaseScreen):
    autosave = False  # the newest autosave (SaveInfo or None) once looked up

    GUIDE = """\
## The New Great Game

A strategic wargame of Central Asia in 2021 for one to five players.

- **New game**: choose the scenario and who plays each seat (you, a friend, or the computer).
- **Continue**: resume the game you were playing (it is saved after every turn).
- **Load**: choose any saved game.
- **Replay a save**: step through a saved game turn by turn, as any seat or the facilitator,
  and branch a what-if from any turn.
- **Seminar**: a class of teams: name the teams, choose the turns and the time per phase; the
  briefings come first, and a clock keeps each team's phase moving.
- **Join a game**: a game hosted on a server (`greatgame host`): type its address and the
  code you were given for your team, the facilitator or the projector.
- **Host a game**: make a game on a game server (run here, or `greatgame host`) for teams
  on their own screens, with a code for each team, the facilitator and the projector.
- **Cards**: read every card, with the sentence of the article it comes from.
- **How to play**: the turn, the seats' goals and the tracks.
- `g` (here, in How to play and in the briefing) opens the **facilitator's guide**: plans for
  a class, when to inject, the debrief, a note on the article.

Arrows move, Enter chooses, or press the letter shown in brackets."""

    BINDINGS = [
        Binding("n", "pick('new')", "New game"),
        Binding("c", "pick('continue')", "Continue"),
        Binding("l", "pick('load')", "Load"),
        Binding("r", "pick('replay')", "Replay", show=False),
        Binding("s", "pick('seminar')", "Seminar", show=False),
        Binding("j", "pick('join')", "Join", show=False),
        Binding("t", "pick('host')", "Host", show=False),
        Binding("k", "pick('cards')", "Cards", show=False),
        Binding("h", "pick('howto')", "How to play", show=False),
        Binding("g", "pick('guide')", "Facilitator's guide", show=False),
        Binding("q", "pick('quit')", "Quit"),
    ]

    def body(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static("Central Asia · July 2021 – April 2022", id="tagline")
            yield Static(PREMISE, id="premise")
            with Center():
                yield OptionList(
                    Option("[b]N[/b]ew game", id="new"),
                    Option("[b]C[/b]ontinue", id="continue", disabled=True),
                    Option("[b]L[/b]oad a saved game", id="load"),
                    Option("[b]R[/b]eplay a save", id="replay"),
                    Option("[b]S[/b]eminar  (teams, briefings, a clock)", id="seminar"),
                    Option("[b]J[/b]oin a game  (an address, a code)", id="join"),
                    Option("Hos[b]t[/b] a game  (a screen per team)", id="host"),
                    Option("Cards  ([b]k[/b])", id="cards"),
                    Option("[b]H[/b]ow to play", id="howto"),
                    Option("[b]Q[/b]uit", id="quit"),
                    id="menu",
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()
        self.call_after_refresh(self.app.title_drawn)
        self.call_after_refresh(self.refresh_continue)

    def on_screen_resume(self) -> None:
        if getattr(self, "autosave", False) is not False:  # not the first showing (on_mount does that)
            self.refresh_continue()

    def refresh_continue(self) -> None:
        """Continue resumes the newest autosave of an unfinished game, if there is one."""
        from game.tui.savefiles import latest_autosave

        menu = self.query_one("#menu", OptionList)
        info = latest_autosave(self.app.saves_dir)
        self.autosave = info
        if info is None or info.error:
            label = "[b]C[/b]ontinue  (no game in progress)" if info is None else "[b]C[/b]ontinue  (autosave damaged)"
            menu.replace_option_prompt("continue", label)
            if info is None:
                menu.disable_option("continue")
            else:
                menu.enable_option("continue")
            return
        menu.replace_option_prompt("continue", f"[b]C[/b]ontinue  (turn {info.turn}, {info.seats_text()})")
        menu.enable_option("continue")
        if menu.highlighted == 0 and not getattr(self, "_moved", False):
            menu.highlighted = 1
            self._moved = True

    @on(OptionList.OptionSelected, "#menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option.id)

    def action_pick(self, what: str) -> None:
        app = self.app
        if what == "new":
            from game.tui.screens.setup import SetupScreen

            app.push_screen(SetupScreen())
        elif what == "continue":
            self.refresh_continue()
            info = self.autosave
            if info is None:
                self.notify("No game in progress to continue.", severity="warning")
                return
            error = info.error and f"{info.path}: {info.error}"
            error = error or app.load(info.path)
            if error:
                from game.tui.screens.message import MessageDialog

                app.push_screen(MessageDialog("This save cannot be loaded", f"{error}\n\nThe file was left as it was.", error=True))
        elif what == "load":
            from game.tui.screens.saves import LoadScreen

            app.push_screen(LoadScreen())
        elif what == "replay":
            from game.tui.screens.saves import ReplayLoadScreen

            app.push_screen(ReplayLoadScreen())
        elif what == "guide":
            from game.tui.screens.guide import GuideScreen

            app.push_screen(GuideScreen())
        elif what == "seminar":
            from game.tui.screens.seminar import SeminarSetupScreen

            app.push_screen(SeminarSetupScreen())
        elif what == "join":
            from game.tui.screens.join import join_screen

            app.push_screen(join_screen(app))
        elif what == "host":
            from game.tui.screens.host import HostSetupScreen

            app.push_screen(HostSetupScreen())
        elif what == "cards":
            from game.tui.screens.cards import CardsScreen

            app.push_screen(CardsScreen())
        elif what == "howto":
            from game.tui.screens.howto import HowToScreen

            app.push_screen(HowToScreen())
        elif what == "quit":
            app.exit(0)
