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


def free_path(folder: Path, stem: str, text) -> Path:
    """STEM.md, or STEM-2.md, STEM-3.md, …: a file already there is never replaced, unless it
    holds exactly this report already. ``text`` is the report, or a function of the stem giving
    it (the Markdown names the charts written beside it after its own stem)."""
    n = 1
    while True:
        path = Path(folder) / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        wanted = text(path.stem) if callable(text) else text
        if not path.exists():
            return path
        try:
            if path.read_text(encoding="utf-8") == wanted:
                return path
        except (OSError, UnicodeDecodeError):
            pass
        n += 1


def write_report(game, folder: Path, save: Path | None, reader=AFTER) -> tuple[str, Path | None, str | None]:
    """(the Markdown as ``reader`` may read it, the file written or None, the error in one line
    or None). Beside the Markdown: its two charts (STEM-vp.svg, STEM-tracks.svg) and the same
    report as one HTML page (STEM.html) to open in a browser or print."""
    from game.words.report import report_data, to_html, to_markdown, to_markdown_with_charts
    from game.play.save import write_atomic

    data = report_data(game, reader)
    try:
        path = free_path(folder, report_stem(game, save), lambda stem: to_markdown_with_charts(data, stem)[0])
        text, charts = to_markdown_with_charts(data, path.stem)
        for name, svg in charts.items():
            write_atomic(path.with_name(name), svg)
        write_atomic(path.with_suffix(".html"), to_html(data))
        write_atomic(path, text)
    except OSError as e:
        return to_markdown(data), None, f"The report could not be written to {folder}/: {e.strerror or e}"
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

The outcome in words, the final scores, the turning points with the decision behind each, the
questions for discussion (the five that mattered most first), each team against its brief's
objectives, the board turn by turn, and the whole game: the news with the article passage it
comes from, every decision with its reason (the team's rationale for a human seat, the
computer's for an AI) and what it changed, the facilitator's interventions and notes, each
Taliban step and the scores after each upkeep.

It has been written as Markdown to the file named at the top (next to the saves), with its two
charts beside it as SVG files and the same report as one HTML page to open in a browser and
print; an earlier report is never replaced: a new one gets `-2`, `-3`, …. Arrows, Page Up/Down
scroll; Escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", "Back", show=False)]

    def __init__(self, text: str, path: Path | None, error: str | None):
        super().__init__()
        self.text, self.path, self.error = text, path, error

    def body(self) -> ComposeResult:
        if self.error:
            yield Static(self.error, id="report-where", classes="-error", markup=False)
        else:
            yield Static(f"Written to {self.path} (charts beside it; the same report to print: "
                         f"{self.path.with_suffix('.html').name})", id="report-where", markup=False)
        with VerticalScroll(id="report-scroll") as scroll:
            scroll.border_title = "After-action report"
            yield Static(RichMarkdown(self.text), id="report-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
