"""Saving under a name, and loading from the list of saves (autosaves included).

A save that cannot be read stays in the list, marked, and choosing it says why on screen; it
is never written to. Saving over an existing file asks first.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from game.rules.loader import one_line
from game.tui.core import SaveInfo, list_saves, month_year, safe_save_name
from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter


def _date(app, info: SaveInfo) -> str:
    try:
        sc = app.library.catalogue().scenarios.get(info.scenario)
    except Exception:
        sc = None
    if sc is None or not info.turn:
        return "?"
    from game.rules.model import date_of_turn

    return month_year(date_of_turn(sc.start, info.turn))


WIDE = 100  # from this many columns the table also shows when each save was written
NAME_ROOM = 28  # a save's name in the table at less than WIDE columns, its middle elided


def _shown_name(name: str, wide: bool) -> str:
    """The name whole on a wide screen; else its start and end (an autosave's date and seed)."""
    if wide or len(name) <= NAME_ROOM:
        return name
    head = (NAME_ROOM - 1) // 2
    return name[:head] + "…" + name[-(NAME_ROOM - 1 - head):]


def _table(app, table: DataTable, infos: list[SaveInfo]) -> None:
    """The saves as rows; every cell a Text, so nothing from a file is read as markup. Each
    cell is short, so every column fits at 80 columns: an unreadable save says so in one word
    (the reason shows under the table, and in full when chosen)."""
    table.clear(columns=True)
    wide = app.size.width >= WIDE
    table.add_columns("save", "scenario", "date", "turn", "players", *(("saved",) if wide else ()))
    for info in infos:
        saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.modified)) if info.modified else "?"
        name = _shown_name(info.name, wide)
        if info.error:
            cells = (name, "unreadable", "", "", "")
        else:
            cells = (name, info.scenario, _date(app, info), "over" if info.over else str(info.turn),
                     info.seats_text())
        cells += (saved,) if wide else ()
        table.add_row(*(Text(one_line(c)) for c in cells), key=str(info.path))


def row_note(info: SaveInfo | None) -> str:
    """The line under the table for the highlighted save: why it cannot be read, if so."""
    if info is None or not info.error:
        return ""
    return f"{info.name}: cannot be read: {info.error}"


class LoadScreen(BaseScreen):
    GUIDE = """\
## Load a game

Every save in the saves folder, newest first: the ones you named and the autosaves written
after every turn (`autosave-…`). Arrows choose, Enter loads, `r` opens the save in the replay
viewer instead (turn by turn, from any seat's viewpoint), Escape goes back. A save that
cannot be read is marked and, when chosen, says why; it is left exactly as it is."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("enter", "load", "Load", show=True),
                Binding("r", "replay", "Replay")]

    def body(self) -> ComposeResult:
        with Vertical(id="load-box") as box:
            box.border_title = "Load a saved game"
            yield Static("", id="load-where", markup=False)
            yield Static("", id="load-note", markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.infos = list_saves(self.app.saves_dir)
        self.query_one("#load-where", Static).update(
            f"{len(self.infos)} saves in {self.app.saves_dir}/" if self.infos else
            f"No saves yet in {self.app.saves_dir}/. Games are saved automatically after every turn.")
        table = self.query_one("#saves", DataTable)
        _table(self.app, table, self.infos)
        table.focus()

    @on(DataTable.RowHighlighted, "#saves")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.cursor_row
        info = self.infos[row] if 0 <= row < len(self.infos) else None
        self.query_one("#load-note", Static).update(row_note(info))

    @on(DataTable.RowSelected, "#saves")
    def _row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._load(event.cursor_row)

    def action_load(self) -> None:
        table = self.query_one("#saves", DataTable)
        if table.row_count:
            self._load(table.cursor_row)

    def action_replay(self) -> None:
        table = self.query_one("#saves", DataTable)
        if table.row_count:
            self._replay(table.cursor_row)

    def _replay(self, row: int) -> None:
        """Open the save in the replay viewer (nothing is written, even for a bad save)."""
        if not 0 <= row < len(self.infos):
            return
        from game.tui.screens.replay import cannot_replay, open_replay

        info = self.infos[row]
        error = f"{info.path}: {info.error}" if info.error else open_replay(self.app, info.path)
        if error:
            cannot_replay(self.app, error)

    def _load(self, row: int) -> None:
        if not 0 <= row < len(self.infos):
            return
        info = self.infos[row]
        error = f"{info.path}: {info.error}" if info.error else self.app.load(info.path)
        if error:
            from game.tui.screens.message import MessageDialog

            self.app.push_screen(MessageDialog("This save cannot be loaded",
                                               f"{error}\n\nThe file was left exactly as it was.", error=True))

    def action_back(self) -> None:
        self.app.pop_screen()


class SaveScreen(BaseScreen):
    GUIDE = """\
## Save the game

Type a name and press Enter. The save goes to the saves folder as NAME.yaml; an existing save
of the same name is replaced only if you confirm. Your game is also saved automatically after
every turn, so this is for keeping a copy (before a risky move, or to replay later with
`greatgame replay`)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def body(self) -> ComposeResult:
        game = self.app.game
        default = f"{game.scenario}-seed{game.seed}-turn{game.state.turn}" if game else "save"
        with Vertical(id="save-box") as box:
            box.border_title = "Save the game"
            yield Label(f"Name (saved in {self.app.saves_dir}/):", markup=False)
            yield Input(default, id="save-name")
            yield Static("Enter saves · Escape goes back", id="save-hint")
            yield Label("Saves already there:")
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        _table(self.app, self.query_one("#saves", DataTable), list_saves(self.app.saves_dir))
        self.query_one("#save-name", Input).focus()

    @on(Input.Submitted, "#save-name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = safe_save_name(event.value)
        path = self.app.saves_dir / f"{name}.yaml"
        if path.exists():
            from game.tui.screens.message import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    self._write(path)

            self.app.push_screen(ConfirmDialog("Replace the save?", f"{path} exists. Replace it with this game?",
                                               yes="Replace (y)", no="Keep it (n)"), answer)
            return
        self._write(path)

    def _write(self, path) -> None:
        error = self.app.table.save_as(path)
        if error:
            from game.tui.screens.message import MessageDialog

            self.app.push_screen(MessageDialog("Not saved", error, error=True))
            return
        self.app.pop_screen()
        self.app.notify(f"Saved to {path}", title="Saved", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()


class ReplayLoadScreen(LoadScreen):
    """The load list, choosing a save to replay rather than to play."""
    CSS_PATH = "replay.tcss"  # read when first shown, keeping start-up quick

    GUIDE = """\
## Choose a save to replay

Every save in the saves folder, newest first. Arrows choose, Enter opens the save in the replay
viewer (turn by turn, from any seat's viewpoint); Escape goes back. Nothing is written: a save
that cannot be read is marked and, when chosen, says why."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("enter", "load", "Replay", show=True),
                Binding("r", "replay", "Replay", show=False)]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#load-box").border_title = "Choose a save to replay"

    def _load(self, row: int) -> None:
        self._replay(row)
