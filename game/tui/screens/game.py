"""The game screen: the map, the tracks and scores, the move panel, the state detail, the log.

It renders ``app.game`` whenever the App bumps ``revision`` and sends the player's intentions
back (a choice, an undo); what the player is merely looking at (the selected state, the tab,
the steps of a move being built) is the screen's own business.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from game.words.log import seat_name
from game.rules.model import COUNTRY_INDEX, SEATS
from game.rules.moves import PENDING_OFFER
from game.tui.commands import GameCommands
from game.tui.core import LEVEL_NAMES, game_date
from game.tui.messages import StateSelected
from game.tui.screens.base import BaseScreen
from game.tui.widgets.board import MAP_ORDER, RegionMap, ScoresPanel, StateDetail, TracksPanel
from game.tui.widgets.clock import PhaseClockView
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.log import GameLog
from game.tui.widgets.move import ItemHighlighted, MovePanel


def latest_event(log: list) -> str | None:
    """The card whose event happened last (the discussion is about it)."""
    for entry in reversed(log):
        if entry[0] == "event" and entry[1]:
            return entry[1]
    return None


class GameScreen(BaseScreen):
    COMMANDS = {GameCommands}
    GUIDE = """\
## The game screen

**Left**: the map. Each state is coloured by the power with the most influence there, and its
letter says which: **R** Russia, **T** Turkey, **C** China, **U** the United States (`=`: tied,
nobody leads). `St` stability (at 0 the state collapses and the game ends), `Bd` border security,
`Di` youth discontent, `Rf` refugees, `⌂R` a Russian base, `◇C` a Chinese project under way, `◆C`
one completed, `✸hit` an incursion this turn (on a crowded small map: `⌂RU` a Russian and a US
base, `✸` the incursion, `TAJIK` for Tajikistan). Under the map, Afghanistan: the Taliban's momentum, the Moscow
pledge, the fighters' discipline, and the pressure on each border (a die is added each turn;
pressure above border security is an incursion).
Below: the date and turn, the US withdrawal, the tracks, and every seat's score (`▶` to move,
`…` thinking, `★` leading).

**Right**: three tabs. **Move** asks the question the game is waiting on: choose a card, then
event or ops; choose an action, then where. Every choice listed is legal. A summary asks you to
confirm before the move is made. **State** details the selected state. **Log** is the history,
newest first, with the computer's reason for each of its moves.

**A turn**: news, then every seat plays a card (twice round), then the Taliban phase (momentum,
border pressure, refugees, radicalisation), then upkeep (projects, victory points, new cards).

**Undo** (`u`) takes back your own moves of this turn, until dice are rolled, a card is drawn
or another seat has acted.

**Computer moves** are shown one at a time: `Space` shows the next at once, `f` fast-forwards
to your next decision, `+` and `-` change the pace.

**Discussion**: the question of the card played last, under the top bar on a tall window
(in the Move tab, under what just happened, at 24 rows); the log repeats each card's question
after its event.

**Rationale**: when you confirm a move you may type why (optional, kept in the record and the
report); Enter confirms, with or without one.

Your game is saved automatically after every turn (Continue on the title screen resumes it);
`s` saves a copy under a name of your choice; `e` writes the after-action report and shows it.

**Briefing** (`b`): the article the cards are written from, and every seat's role brief.
In a seminar, the **clock** beside the turn shows the team's time left for this phase; when it
runs out the team is asked to decide now (nothing is played for them).

**Predictions** (`p`, at your first card of a turn): say how likely you think something is (a
state collapses, tension reaches 8, the US opens a base, who wins); only your team and the
facilitator see them until the end, when the report scores them.

**Facilitator** (`F9` or `ctrl+f`, after a confirmation): the White Cell's console."""

    BINDINGS = [
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("left_square_bracket", "state(-1)", "Prev state", key_display="[", show=False),
        Binding("right_square_bracket", "state(1)", "State", key_display="[ ]"),
        Binding("m", "tab('tab-move')", "Move", show=False),
        Binding("i", "tab('tab-state')", "State", show=False),
        Binding("l", "tab('tab-log')", "Log"),
        Binding("space", "skip", "Skip AI"),
        Binding("f", "fast", "Fast-fwd", show=False),
        Binding("plus,equals_sign", "pace(-1)", "Slower", show=False),
        Binding("minus", "pace(1)", "Faster", show=False),
        Binding("a", "offer", "Answer offer", show=False),
        Binding("s", "save", "Save"),
        Binding("o", "load", "Load", show=False),
        Binding("q", "leave", "Menu"),
        Binding("e", "report", "Report"),
        Binding("f9,ctrl+f", "facilitator", "Facilitator", key_display="F9"),
        Binding("p", "predict", "Predict"),  # in the footer while the team at the keyboard may predict...
        Binding("p", "predict_not_now", "Predict", show=False),  # ...else the key says why not
        Binding("b", "briefing", "Briefing"),  # in the footer in seminar games...
        Binding("b", "briefing_any", "Briefing", show=False),  # ...and there for anyone else
        Binding("v", "projector", "Projector view", show=False),
    ] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self):
        super().__init__()
        self.selected = COUNTRY_INDEX["tajikistan"]
        self._options: set = set()

    def body(self) -> ComposeResult:
        with Horizontal(id="status-row"):
            yield Static("", id="status")
            yield PhaseClockView(id="clock")
        yield Static("", id="discussion")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield RegionMap(id="map")
                yield TracksPanel(id="tracks")
                yield ScoresPanel(id="scores")
            with TabbedContent(id="right", initial="tab-move"):
                with TabPane("Move (m)", id="tab-move"):
                    yield MovePanel(id="move")
                with TabPane("State (i)", id="tab-state"):
                    with VerticalScroll():
                        yield StateDetail(id="detail")
                with TabPane("Log (l)", id="tab-log"):
                    yield GameLog(id="log")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#map").border_title = "Central Asia"
        self.query_one("#scores").border_title = "Victory points"
        self.follow_revisions(self.refresh_game)
        self.refresh_game()
        self.query_one("#choices").focus()

    def on_screen_resume(self) -> None:
        self.refresh_game()

    def refresh_game(self) -> None:
        """Draw everything from the App's game (cheap widgets skip what has not changed)."""
        app = self.app
        game = app.game
        if game is None or not self.is_mounted:
            return
        state = game.state
        viewer = app.table.viewer
        self._status(game)
        self.query_one(PhaseClockView).tick()
        question = self._discussion(game)
        move = self.query_one(MovePanel)
        move.show(game, viewer=viewer, thinking=app.table.thinking, last_ai=app.table.last_ai,
                  confirm=app.confirm_moves, undo=app.table.undo_steps(), fast=app.table.fast_forward,
                  feed_start=app.table.feed_start, discussion=None if self.has_class("-tall") else question,
                  predict=app.table.predictions_left(),
                  shared=getattr(app.table, "shared_screen", True))
        self._options = {i.country for i in move._items if i.country is not None} if move._mode in ("choose", "confirm") else set()
        self.refresh_board()
        self.query_one(ScoresPanel).show(game, viewer=viewer, thinking=app.table.thinking)
        self.query_one(TracksPanel).show(state)
        self.query_one(GameLog).show(game, app.table.reader)
        # The footer rebuilds itself on refresh_bindings: only when what is enabled changed.
        enabled = tuple(self.check_action(a, ()) for a in ("undo", "skip", "offer", "predict"))
        if enabled != getattr(self, "_enabled", None):
            self._enabled = enabled
            self.refresh_bindings()

    def refresh_board(self) -> None:
        game = self.app.game
        if game is None:
            return
        self.query_one(RegionMap).show(game.state, selected=self.selected, options=self._options, viewer=self.app.table.viewer)
        self.query_one(StateDetail).show(game.state, self.selected)

    def _status(self, game) -> None:
        state = game.state
        app = self.app
        date = game_date(game, state.turn)
        left = f" [b]Turn {state.turn}/{game.rules.scenario.turns}[/b] · {date}"
        seat = state.seat_to_move
        if game.over:
            mid = "[b]Game over[/b]"
        elif seat is not None:
            who = seat_name(seat)
            who = who[0].upper() + who[1:]
            ctrl = game.seats[SEATS[seat]]
            if ctrl == "human" and app.table.viewer == seat:
                mid = f"[reverse $power-{SEATS[seat]}] {who} [/] to move: [b]your decision[/b]"
            elif app.table.thinking == seat:
                mid = f"[reverse $power-{SEATS[seat]}] {who} [/] thinking… ({LEVEL_NAMES.get(ctrl, ctrl)})"
            else:
                mid = f"[reverse $power-{SEATS[seat]}] {who} [/] to move"
        else:
            mid = ""
        pace = "fast-forward" if app.table.fast_forward else f"pace {app.table.pace}"
        status = self.query_one("#status", Static)
        paused = app.table.paused
        status.set_class(paused, "-paused")
        if paused:  # the whole bar turns into the banner: nobody may move until resumed
            status.update(Content.from_markup(f" [b]⏸ PAUSED by the facilitator[/b] │{left} │ {mid}"))
            return
        status.update(Content.from_markup(f"{left} │ {mid} │ [dim]{pace}[/]"))

    def _discussion(self, game) -> str | None:
        """The question of the card played last, for the room to discuss while play goes on: a
        bar of its own on a tall screen; at 24 rows the map needs every line, so the move
        panel shows it under what just happened (the value returned)."""
        cid = latest_event(game.log)
        widget = self.query_one("#discussion", Static)
        question = game.rules.cards[cid].question if cid is not None else ""
        widget.set_class(not question, "-empty")
        if question and cid != getattr(self, "_discussed", None):
            self._discussed = cid
            card = game.rules.cards[cid]
            widget.update(Content.assemble(("Discussion · ", "bold"), (card.title, "italic"), ": ", question))
        return question or None

    def on_resize(self) -> None:
        """The discussion moves between its bar and the move panel with the screen's height."""
        if self.is_mounted and self.app.game is not None:
            self.call_after_refresh(self.refresh_game)

    # --- what the player looks at -------------------------------------------------------------

    @on(StateSelected)
    def _state_selected(self, event: StateSelected) -> None:
        event.stop()
        self.selected = event.country
        self.refresh_board()

    @on(ItemHighlighted)
    def _item_highlighted(self, event: ItemHighlighted) -> None:
        event.stop()
        if event.country is not None and event.country != self.selected:
            self.selected = event.country
            self.refresh_board()

    def action_state(self, step: int) -> None:
        i = MAP_ORDER.index(self.selected)
        self.selected = MAP_ORDER[(i + step) % len(MAP_ORDER)]
        self.refresh_board()

    def action_tab(self, tab: str) -> None:
        self.query_one("#right", TabbedContent).active = tab
        if tab == "tab-move":
            self.query_one("#choices").focus()

    @on(TabbedContent.TabActivated, "#right")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """The log takes the focus when its tab opens (by key or click), so PageUp/PageDown,
        Home/End and the arrows scroll it at once."""
        if event.pane.id == "tab-log":
            self.query_one(GameLog).focus()

    # --- what the player asks the App for -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        app = self.app
        game = app.game
        if action == "undo":
            return game is not None and app.table.undo_steps() > 0
        if action in ("skip", "fast"):
            return app.table.thinking is not None or app.table.move_decided
        if action == "offer":
            return bool(game and not game.over and game.state.pending and game.state.pending.kind == PENDING_OFFER)
        if action in ("predict", "predict_not_now"):
            return (game is not None and app.table.predictions_left() > 0) == (action == "predict")
        if action in ("briefing", "briefing_any"):
            return (game is not None and game.seminar is not None) == (action == "briefing")
        return True

    def action_pick(self, n: int) -> None:
        """A digit picks the n-th choice wherever the focus is."""
        choices = self.query_one("#choices")
        self.action_tab("tab-move")
        choices.focus()
        choices.action_pick(n)

    def action_undo(self) -> None:
        refused = self.app.table.undo()
        if refused:
            self.notify(refused, severity="warning")

    def action_skip(self) -> None:
        self.app.table.skip()

    def action_fast(self) -> None:
        self.app.table.toggle_fast_forward()
        self.notify("Fast-forward to your next decision." if self.app.table.fast_forward else "Fast-forward off.", timeout=2)

    def action_pace(self, step: int) -> None:
        pace = self.app.table.cycle_pace(step)
        self.notify(f"AI pace: {pace}", timeout=2)

    def action_offer(self) -> None:
        self.app.open_offer()

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen())

    def action_load(self) -> None:
        from game.tui.screens.saves import LoadScreen

        self.app.push_screen(LoadScreen())

    def action_report(self) -> None:
        from game.tui.screens.report import show_report

        show_report(self.app, self.app.game)

    def action_predict(self) -> None:
        from game.tui.screens.predict import open_predict

        open_predict(self.app)

    def action_predict_not_now(self) -> None:
        self.action_predict()  # says why not

    def action_facilitator(self) -> None:
        from game.tui.screens.facilitator import open_console

        open_console(self.app)

    def action_projector(self) -> None:
        """The room's view over this screen (no hand, no rationale); Escape comes back."""
        from game.tui.screens.projector import ProjectorScreen

        self.app.push_screen(ProjectorScreen(summaries=False))

    def action_briefing(self) -> None:
        from game.tui.screens.briefing import open_briefing

        open_briefing(self.app)

    def action_briefing_any(self) -> None:
        self.action_briefing()

    def action_leave(self) -> None:
        from game.tui.screens.message import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.app.leave_game()

        hosted = getattr(self.app.table, "remote", False)
        text = ("Back to the title screen. The game goes on at its server: the same code joins it again."
                if hosted else "Back to the title screen. The game is saved automatically: Continue resumes it.")
        self.app.push_screen(ConfirmDialog("Leave the game?", text, yes="Leave (y)", no="Stay (n)"), done)
