"""The after-action report, one key away (`e` on the game and end screens): written as Markdown
next to the saves, so the facilitator has a file to print or share, and shown on screen.

Textual's own Markdown widget builds a widget per paragraph and takes seconds over a whole
game's report; Rich's Markdown renderer draws the same text in one widget at once.
"""

from __future__ import annotations

from pathlib import Path

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.tui.savefiles import AUTOSAVE_PREFIX
from game.tui.widgets.footer import KeyFooter
from game.play.observer import AFTER
from game.tui.screens.base import BaseScreen


def report_stem(game, save: Path | None) -> str:
    """report-STAMP-seedN after the game's autosave, else report-seedN."""
    if save is not None:
        return "report-" + Path(save).stem.removeprefix(AUTOSAVE_PREFIX)
    return f"report-seed{game.seed}"


def free_path(folder: Path, stem: str, text: str) -> Path:
    """STEM.md, or STEM-2.md, STEM-3.md, …: a file already there is never replaced, unless it
    holds exactly this report already."""
    n = 1
    while True:
        path = Path(folder) / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        if not path.exists():
            return path
        try:
            if path.read_text(encoding="utf-8") == text:
                return path
        except (OSError, UnicodeDecodeError):
            pass
        n += 1


def write_report(game, folder: Path, save: Path | None, reader=AFTER) -> tuple[str, Path | None, str | None]:
    """(the Markdown as ``reader`` may read it, the file written or None, the error in one line
    or None)."""
    from game.words.report import render
    from game.play.save import write_atomic

    text = render(game, "md", reader)
    try:
        path = free_path(folder, report_stem(game, save), text)
        write_atomic(path, text)
    except OSError as e:
        return text, None, f"The report could not be written to {folder}/: {e.strerror or e}"
    return text, path, None


def show_report(app, game) -> None:
    """Write the report of ``game`` and open it on screen."""
    if game is None:
        app.notify("There is no game to report on.", severity="warning")
        return
    # During play the report is what this screen's reader may see (game.play.observer): a seat's
    # own view, or the public one on a shared screen; the whole record once the game is over.
    reader = app.table.reader if app.game is game else AFTER
    text, path, error = write_report(game, app.saves_dir, app.table.autosave_to if app.game is game else None, reader)
    app.push_screen(ReportScreen(text, path, error))


class ReportScreen(BaseScreen):
    CSS_PATH = "report.tcss"  # read when first shown, keeping start-up quick
    GUIDE = """\
## The after-action report

The whole game so far, turn by turn: the news with the article passage it comes from, every
decision with its reason (the team's rationale for a human seat, the computer's for an AI),
the facilitator's interventions and notes, each Taliban step, the scores after each upkeep,
and the questions for discussion of every card played.

It has been written as Markdown to the file named at the top (next to the saves); an earlier
report is never replaced: a new one gets `-2`, `-3`, …. Arrows, Page Up/Down scroll; Escape
goes back."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", "Back", show=False)]

    def __init__(self, text: str, path: Path | None, error: str | None):
        super().__init__()
        self.text, self.path, self.error = text, path, error

    def body(self) -> ComposeResult:
        if self.error:
            yield Static(self.error, id="report-where", classes="-error", markup=False)
        else:
            yield Static(f"Written to {self.path}", id="report-where", markup=False)
        with VerticalScroll(id="report-scroll") as scroll:
            scroll.border_title = "After-action report"
            yield Static(RichMarkdown(self.text), id="report-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
