"""The replay viewer: a save turn by turn, as one seat or the facilitator sees it, and a what-if
branched from any turn.

Everything shown comes from ``game.words.replay`` (frames replayed from the seed, what a viewpoint
may read); this screen only draws it and never changes the game it was given. A what-if is a
new save (``STEM-whatif-tN.yaml``, never an existing file) that the App then plays on.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from game.rules.model import SEAT_NAMES, SEATS
from game.words.replay import (FACILITATOR, hands, played, turn_frames, turn_lines, whatif_path, whatif_text,
                               white_cell_lines)
from game.tui.core import LEVEL_NAMES, SEAT_LETTERS, game_date
from game.tui.screens.base import BaseScreen
from game.tui.widgets.board import RegionMap, ScoresPanel, TracksPanel, power_style
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.log import style_of

VIEWPOINTS = (FACILITATOR, 0, 1, 2, 3, 4)
TURN = Binding.Group("Turn")
ENDS = Binding.Group("First/last")


def viewpoint_name(viewer: int | None) -> str:
    return "Facilitator (sees all)" if viewer is FACILITATOR else SEAT_NAMES[SEATS[viewer]]


def open_replay(app, path: Path) -> str | None:
    """Show a save in the viewer; the error in one line if it cannot be read (nothing is written)."""
    opened = app.library.open_save(path, app.saves_dir)
    if isinstance(opened, str):
        return opened
    app.push_screen(ReplayScreen(opened[0], Path(path)))
    return None


def cannot_replay(app, error: str) -> None:
    from game.tui.screens.message import MessageDialog

    app.push_screen(MessageDialog("This save cannot be replayed", f"{error}\n\nThe file was left exactly as it was.",
                                  error=True))


class ReplayScreen(BaseScreen):
    CSS_PATH = "replay.tcss"  # read when first shown, keeping start-up quick
    GUIDE = """\
## Replay

A saved game turn by turn. **Left**: the board as the turn ended (after its Taliban phase and
upkeep; the engine reveals the next month's news in the same step, so its effects are already
there, while its lines are under the next turn), the tracks and the scores. **Right**: the
turn's log in words (`l`) and the hands as the turn began (`h`, ✓ marks the cards played).

`←` `→` (or `p` `n`) step back and forward a turn, `home` and `end` go to the first and the
last. `v` changes the viewpoint: the **facilitator** sees everything (all five hands, every
reason, the facilitator's notes); a **seat** sees what it saw in play: the public log, its own
hand and its own reasons, never another seat's.

`w` branches a **what-if** from the turn shown: the game is played again from that turn's
start, everything before it kept, and saved as a new file (`NAME-whatif-tN.yaml`) that names
this save and the turn; the save you are looking at is never changed. Viewing as a seat, you
take that seat over in the what-if. When the facilitator acted in that turn (an inject, news
held or brought forward, a ruling, a note) you choose: `k` keeps those acts (made again at the
turn's start), `d` drops them. Escape goes back."""

    BINDINGS = [
        Binding("left", "step(-1)", "Prev", key_display="←", priority=True, group=TURN),
        Binding("right", "step(1)", "Next", key_display="→", priority=True, group=TURN),
        Binding("p", "step(-1)", "Prev turn", show=False),
        Binding("n", "step(1)", "Next turn", show=False),
        Binding("home", "go(0)", "First", priority=True, group=ENDS),
        Binding("end", "go(-1)", "Last", priority=True, group=ENDS),
        Binding("v", "viewpoint", "Viewpoint"),
        Binding("w", "whatif", "What-if"),
        Binding("l", "tab('replay-tab-log')", "Log", show=False),
        Binding("h", "tab('replay-tab-hands')", "Hands", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, game, path: Path):
        super().__init__()
        self.game = game
        self.path = Path(path)
        self.frames = turn_frames(game)
        self.index = 0
        self.viewer: int | None = FACILITATOR

    @property
    def frame(self):
        return self.frames[self.index]

    def body(self) -> ComposeResult:
        yield Static("", id="replay-status", markup=False)
        with Horizontal(id="replay-main"):
            with Vertical(id="replay-left"):
                yield RegionMap(id="replay-map")
                yield TracksPanel(id="replay-tracks")
                yield ScoresPanel(id="replay-scores")
            with TabbedContent(id="replay-right", initial="replay-tab-log"):
                with TabPane("Turn log (l)", id="replay-tab-log"):
                    with VerticalScroll(id="replay-log"):
                        yield Static("", id="replay-log-text", markup=False)
                with TabPane("Hands (h)", id="replay-tab-hands"):
                    with VerticalScroll(id="replay-hands"):
                        yield Static("", id="replay-hands-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        board = self.query_one(RegionMap)
        board.can_focus = False  # the arrows step through turns here, not states
        self.query_one("#replay-scores").border_title = "Victory points"
        self.redraw()
        self.query_one("#replay-log").focus()

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        frame, game = self.frame, self.game
        state = frame.state
        where = "end of turn" if frame.complete else "so far in turn"
        self.query_one(RegionMap).border_title = f"Central Asia · {where} {frame.turn}"
        self.query_one(RegionMap).show(state, selected=-1, options=set(), viewer=self.viewer)
        self.query_one(TracksPanel).show(state, turn=frame.turn)
        self.query_one(ScoresPanel).show(game, viewer=self.viewer, thinking=None, state=state)
        self._status()
        self._log()
        self._hands()

    def _status(self) -> None:
        frame = self.frame
        status = Content.assemble(
            (f" Turn {frame.turn} of {len(self.frames)}", "bold"),
            f" · {game_date(self.game, frame.turn)}",
            "" if frame.complete else " (in progress)",
            " │ View: ", (viewpoint_name(self.viewer), "bold"),
            f" │ Replay of {self.path.name}",
        )
        self.query_one("#replay-status", Static).update(status)

    def _log(self) -> None:
        parts: list = []
        for entry, text in turn_lines(self.frame, self.game.rules, self.viewer):
            style = "italic $secondary" if entry[0] == "note" else style_of(entry, text)
            parts += [(text, style), "\n"]
        if parts:
            parts.pop()
        if self.viewer is not FACILITATOR:
            who = SEAT_NAMES[SEATS[self.viewer]]
            parts = [(f"As {who} saw it: other seats' hands, the cards their computers weighed and other "
                      "teams' rationales are hidden (v changes the viewpoint).\n", "italic $text-muted")] + parts
        log = self.query_one("#replay-log", VerticalScroll)
        self.query_one("#replay-log-text", Static).update(Content.assemble(*parts) if parts else "Nothing happened.")
        log.scroll_home(animate=False)

    def _hands(self) -> None:
        frame, rules = self.frame, self.game.rules
        done = played(frame)
        parts: list = [(f"Hands as turn {frame.turn} began", "bold"), " (✓ played this turn)\n"]
        for seat, cards in hands(frame, self.viewer).items():
            name = SEATS[seat]
            ctrl = self.game.seats[name]
            parts += ["\n", (f" {SEAT_LETTERS[name]} ", f"bold reverse {power_style(seat)}"),
                      (f" {SEAT_NAMES[name]}", "bold"), f" ({LEVEL_NAMES.get(ctrl, ctrl)})\n"]
            if not cards:
                parts.append("  no cards\n")
            for cid in cards:
                mark = "✓" if cid in done.get(seat, ()) else " "
                parts.append(f" {mark} {rules.cards[cid].title}\n")
        if self.viewer is not FACILITATOR:
            parts.append(("\nThe other hands are hidden from this seat: v changes the viewpoint.", "italic $text-muted"))
        self.query_one("#replay-hands-text", Static).update(Content.assemble(*parts))
        self.query_one("#replay-hands", VerticalScroll).scroll_home(animate=False)

    # --- keys ---------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        self.action_go(max(0, min(len(self.frames) - 1, self.index + step)))

    def action_go(self, index: int) -> None:
        index = index % len(self.frames)
        if index != self.index:
            self.index = index
            self.redraw()

    def action_viewpoint(self) -> None:
        self.viewer = VIEWPOINTS[(VIEWPOINTS.index(self.viewer) + 1) % len(VIEWPOINTS)]
        self.redraw()  # the status line names the viewpoint

    def action_tab(self, tab: str) -> None:
        self.query_one("#replay-right", TabbedContent).active = tab
        self.query_one("#replay-log" if tab == "replay-tab-log" else "#replay-hands").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- what-if ------------------------------------------------------------------------------

    def whatif_seats(self) -> dict:
        """The what-if's players: as in the save, and viewing as a seat takes that seat over."""
        seats = dict(self.game.seats)
        if self.viewer is not FACILITATOR:
            seats[SEATS[self.viewer]] = "human"
        return seats

    def whatif_question(self, path: Path) -> str:
        seats = self.whatif_seats()
        people = [SEAT_NAMES[s] for s in SEATS if seats[s] == "human"]
        if self.viewer is not FACILITATOR and self.game.seats[SEATS[self.viewer]] != "human":
            was = LEVEL_NAMES.get(self.game.seats[SEATS[self.viewer]], self.game.seats[SEATS[self.viewer]])
            who = f"You take over {SEAT_NAMES[SEATS[self.viewer]]} (it was {was}); the other seats are played as before."
        elif people:
            who = f"Played by people: {', '.join(people)}; the other seats by the computer, as before."
        else:
            who = ("Every seat is played by the computer, as before (view as a seat, with v, to take that "
                   "seat over).")
        return (f"{whatif_text(self.frame.turn)} Saved as {path}.\n\n{who}\n\n"
                f"{self.path.name} is not changed.")

    def action_whatif(self) -> None:
        from game.tui.screens.message import ChoiceDialog, ConfirmDialog

        turn = self.frame.turn
        path = whatif_path(self.app.saves_dir, self.path, turn)
        acts, hidden = white_cell_lines(self.game, turn, self.viewer)
        question = self.whatif_question(path)
        if not acts and not hidden:
            def answer(yes: bool | None) -> None:
                if yes:
                    self._branch(turn, path)

            self.app.push_screen(ConfirmDialog(f"A what-if from turn {turn}?", question,
                                               yes="Branch and play (y)", no="Stay here (n)"), answer)
            return
        listed = "\n".join(f"  • {line}" for line in acts)
        if hidden:
            listed += f"\n  • and {hidden} more this viewpoint may not read"
        n = len(acts) + hidden
        text = (f"The White Cell acted {n} time{'s' if n > 1 else ''} in turn {turn}:\n{listed}\n\n"
                "Keep them, and they are made again at the start of the turn, in order (any the rules no longer "
                f"allow there are left out); drop them, and the turn is played without them.\n\n{question}")

        def chosen(choice: str | None) -> None:
            if choice in ("keep", "drop"):
                self._branch(turn, path, keep_white_cell=choice == "keep")

        self.app.push_screen(ChoiceDialog(f"A what-if from turn {turn}?", text, [
            ("keep", "Keep them (k)", "k"),
            ("drop", "Drop them (d)", "d"),
            ("stay", "Stay here (n)", "n"),
        ]), chosen)

    def _branch(self, turn: int, path: Path, keep_white_cell: bool = False) -> None:
        from game.play.save import save_game

        if path.exists():  # taken since the question was asked: never write over it
            path = whatif_path(self.app.saves_dir, self.path, turn)
        branched = self.game.branch(turn, parent=self.path.name, keep_white_cell=keep_white_cell)
        branched.seats = self.whatif_seats()
        try:
            save_game(branched, path)
        except OSError as e:
            from game.tui.screens.message import MessageDialog

            self.app.push_screen(MessageDialog("The what-if was not saved", f"could not save to {path}: {e.strerror or e}",
                                               error=True))
            return
        if self.app.game is not None:  # a game in progress (the load list was opened from it)
            self.app.table.autosave()
        self.app.start(branched, path)
        self.app.notify(f"What-if from turn {turn}, saved as {path}", title="What-if")
