"""A dialog that reports something (an unreadable save, a failed write) and waits for Enter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from game.tui.screens.base import BaseModal


class MessageDialog(BaseModal):
    GUIDE = "Read the message; Enter or Escape closes it."
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, text: str, *, error: bool = False):
        super().__init__(classes="-error" if error else "")
        self.title_text = title
        self.text = text

    def body(self) -> ComposeResult:
        with Vertical(id="message-box", classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.text, id="message-text", markup=False)
            yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(BaseModal):
    """Yes or no; dismisses with True or False."""

    GUIDE = "Enter on a button, or y / n."
    BINDINGS = [Binding("escape", "no", "No"), Binding("y", "yes", "Yes", show=False),
                Binding("n", "no", "No", show=False)]

    def __init__(self, title: str, text: str, yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def body(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.text, id="confirm-text", markup=False)
            with Vertical(id="confirm-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class ChoiceDialog(BaseModal):
    """One of a few answers side by side, each with a key; dismisses with the chosen answer's
    id, or None (Escape, or the last answer: the one that does nothing). A long text scrolls, so
    the answers stay on screen at 80x24."""

    GUIDE = "Enter on a button, or the key in brackets on it; Escape does nothing."
    BINDINGS = [Binding("escape", "choose('')", "Back")]
    DEFAULT_CSS = """
    ChoiceDialog #choice-box { width: 78; }
    ChoiceDialog #choice-scroll { height: auto; max-height: 12; margin-bottom: 1; }
    ChoiceDialog #choice-buttons { height: auto; }
    ChoiceDialog #choice-buttons Button { width: 1fr; margin: 0 1 0 0; }
    """

    def __init__(self, title: str, text: str, choices: list[tuple[str, str, str]]):
        """``choices``: (id, label, key) in order; the last is focused (the one that does nothing)."""
        super().__init__()
        self.title_text, self.text, self.choices = title, text, choices

    def body(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog") as box:
            box.border_title = self.title_text
            with VerticalScroll(id="choice-scroll"):
                yield Static(self.text, id="choice-text", markup=False)
            with Horizontal(id="choice-buttons"):
                for n, (cid, label, _key) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{cid}", variant="primary" if n == 0 else "default")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.choices[-1][0]}").focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The text takes what the window leaves beside the border, padding and buttons (the
        dialog is at most 90% of the window): all of it, at 100x32 and up."""
        room = int(self.app.size.height * 0.9) - 8
        self.query_one("#choice-scroll").styles.max_height = max(4, room)

    def on_key(self, event) -> None:
        for cid, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.action_choose(cid)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id.removeprefix("choice-"))

    def action_choose(self, cid: str) -> None:
        self.dismiss(cid or None)
