"""The game's commands in the command palette (ctrl+p): everything the keys do, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


def facilitator_command(screen) -> tuple[str, str, object]:
    """The console's entry, the same on every screen that offers it (it asks first)."""
    return ("Facilitator console", "Inject, coming news, adjudicate, notes, pause (asks first)",
            partial(screen.run_action, "facilitator"))


class Commands(Provider):
    """Commands listed by name: subclasses say which."""

    def _commands(self) -> list[tuple[str, str, object]]:  # pragma: no cover - overridden
        return []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class HandoffCommands(Commands):
    """While the keyboard passes between teams: only what shows no team's hand."""

    def _commands(self) -> list[tuple[str, str, object]]:
        return [facilitator_command(self.screen),
                ("Help for this screen", "What everything means, and the keys", self.app.action_help)]


class GameCommands(Commands):
    """Commands for the game screen. Each calls the same action a key would."""

    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        app = self.app
        out = [
            ("Save the game", "Write a copy of this game under a name", partial(screen.run_action, "save")),
            ("Load a saved game", "Choose a save to play", partial(screen.run_action, "load")),
            ("Undo", "Take back your last move of this turn", partial(screen.run_action, "undo")),
            ("Skip to the next AI move", "Reveal the waiting computer move now", partial(screen.run_action, "skip")),
            ("Fast-forward", "Play the computer's moves at once until your next decision",
             partial(screen.run_action, "fast")),
            ("Show the log", "The game's history, newest first", partial(screen.run_action, "tab('tab-log')")),
            ("Show the selected state", "Influence, stability, border", partial(screen.run_action, "tab('tab-state')")),
            ("Show the move panel", "The decision in front of you", partial(screen.run_action, "tab('tab-move')")),
            ("Answer the offer", "Reopen the offer dialog", partial(screen.run_action, "offer")),
            ("Predict", "Say how likely something is, for the debrief (at your first card of a turn)",
             screen.action_predict),  # not through run_action: when not now, it says why
            ("Leave to the title screen", "The game is autosaved", partial(screen.run_action, "leave")),
            facilitator_command(screen),
            ("Projector view", "What the room may see: the board, the news, the scores; no hand (v)",
             partial(screen.run_action, "projector")),
            ("Export the after-action report", "Write it as Markdown next to the saves, and show it",
             partial(screen.run_action, "report")),
            ("Theme: colour-blind safe", "Okabe-Ito colours for the powers",
             partial(setattr, app, "theme", "great-game-colour-blind")),
            ("Theme: Great Game dark", "The default theme", partial(setattr, app, "theme", "great-game")),
            ("Theme: Great Game light", "For bright rooms", partial(setattr, app, "theme", "great-game-light")),
            ("Help for this screen", "What everything means, and the keys", app.action_help),
        ]
        out.append(("Briefing", "The article the cards quote, and every seat's role brief",
                    partial(screen.run_action, "briefing_any" if app.game is None or app.game.seminar is None
                            else "briefing")))
        if app.game is not None and app.game.seminar is not None:  # the phase clock of a seminar
            out += [
                ("Clock: pause or resume", "Stop or restart the team's phase clock", app.table.clock_toggle),
                ("Clock: one more minute", "Give the team another minute for this phase",
                 partial(app.table.clock_extend, 60)),
                ("Clock: time is up", "End this phase's time now; the team is asked to decide",
                 app.table.clock_skip),
            ]
        for pace in ("slow", "normal", "fast", "instant"):
            out.append((f"AI pace: {pace}", "How long each computer move stays on screen",
                        partial(self._pace, pace)))
        return out

    def _pace(self, pace: str) -> None:
        self.app.pace = pace  # for the next game too
        if self.app.table is not None:
            self.app.table.set_pace(pace)

