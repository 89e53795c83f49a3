"""The Adjudicate tab: a track, a state's value or a power's influence; `+` and `-` set the
change, a written reason is required, and the rules keep every value inside its bounds."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.rules import moves as M
from game.tui.widgets.console.base import HERE, ConsoleTab, cap


class AdjustList(OptionList):
    """The values a facilitator may adjudicate; + and - set the change. Tab goes to the reason,
    which is what is typed next (the change is set here; shift+tab reaches its field)."""

    BINDINGS = [Binding("plus,equals_sign", "change(1)", "+1", key_display="+"),
                Binding("minus", "change(-1)", "-1", key_display="-"),
                Binding("tab", "to_reason", "Reason", show=False)]

    def action_change(self, step: int) -> None:
        self.query_ancestor(AdjustTab).change(step)

    def action_to_reason(self) -> None:
        self.query_ancestor(AdjustTab).to_reason()


class AdjustTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME, RESULT = "Adjudicate (a)", "fac-adjust", "a", "#adjust-list", "#adjust-result"
    STYLES = HERE / "adjust.tcss"

    def __init__(self, table):
        super().__init__(table)
        self._adjust_key = None

    def compose(self) -> ComposeResult:
        yield AdjustList(id="adjust-list")
        yield Static("", id="adjust-what")
        with Horizontal(id="adjust-form"):
            yield Label("Change ", classes="fac-label")
            yield Input("+1", id="adjust-by", restrict=r"[+-]?[0-9]*", max_length=3, compact=True)
            yield Label(" Reason ", classes="fac-label")
            yield Input(id="adjust-reason", placeholder="required, kept in the record",
                        max_length=2000, compact=True)
            yield Button("Adjudicate", id="adjust-apply", compact=True, variant="warning")
        yield Static("+ / - set the change · Enter in the reason adjudicates", id="adjust-result",
                     classes="fac-result")

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        from game.play.seminar import adjust_range, adjust_words, adjustable

        game = self.table.game
        if game is None:
            return
        state = game.state
        rows = []
        for what in adjustable(state):
            value, lo, hi = adjust_range(state, what)
            rows.append((what, f"{cap(adjust_words(what))}: {value}  ({lo}–{hi})"))
        key = tuple(rows)
        if key != self._adjust_key:
            self._adjust_key = key
            listing = self.query_one("#adjust-list", AdjustList)
            highlighted = listing.highlighted
            listing.set_options([Option(label, id=what) for what, label in rows])
            listing.highlighted = highlighted if highlighted is not None and highlighted < len(rows) else 0
        self._adjust_what()

    def _adjust_what(self) -> None:
        """The chosen value, its range and what the change would make it."""
        from game.play.seminar import adjust_range, adjust_words

        what = self.target()
        widget = self.query_one("#adjust-what", Static)
        if what is None:
            widget.update("")
            return
        value, lo, hi = adjust_range(self.table.game.state, what)
        text = self.query_one("#adjust-by", Input).value.strip()
        try:
            new = value + int(text)
        except ValueError:
            new = None
        arrow = ("", "") if new is None else (f" → {new}", "" if lo <= new <= hi else "bold $error")
        widget.update(Content.assemble((f"{cap(adjust_words(what))}: ", "bold"), str(value), arrow,
                                       (f"   (allowed {lo} to {hi})", "$text-muted")))

    def target(self) -> str | None:
        """The value highlighted in the list (an adjust move's ``what``), or None."""
        option = self.query_one("#adjust-list", AdjustList).highlighted_option
        return None if option is None else option.id

    # --- the form -----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#adjust-list")
    def _adjust_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._adjust_what()

    @on(OptionList.OptionSelected, "#adjust-list")
    def _adjust_chosen(self, event: OptionList.OptionSelected) -> None:
        self.to_reason()

    @on(Input.Changed, "#adjust-by")
    def _by_changed(self, event: Input.Changed) -> None:
        self._adjust_what()

    @on(Input.Submitted, "#adjust-by")
    def _by_done(self, event: Input.Submitted) -> None:
        self.to_reason()

    def to_reason(self) -> None:
        self.query_one("#adjust-reason").focus()

    def change(self, step: int) -> None:
        """+ and - on the list: the change goes up or down by one."""
        by = self.query_one("#adjust-by", Input)
        try:
            n = int(by.value or "0") + step
        except ValueError:
            n = step
        by.value = f"{n:+d}" if n else "0"

    @on(Input.Submitted, "#adjust-reason")
    @on(Button.Pressed, "#adjust-apply")
    def _adjudicate(self, event) -> None:
        self.adjudicate()

    def adjudicate(self) -> None:
        from game.play.seminar import adjust_words

        what = self.target()
        if what is None:
            return
        typed = self.query_one("#adjust-by", Input).value.strip() or "0"
        by = M.parse_delta(typed)
        reason_input = self.query_one("#adjust-reason", Input)
        reason = reason_input.value.strip()
        if by is None:
            error = f"expected a change such as +1 or -2, found {typed!r}"
        else:
            error = self.table.facilitate(M.adjust(what, by), reason or None)
        if error:
            self.result(f"{error}.", True)
            return
        entry = next(e for e in reversed(self.table.game.log) if e[0] == "adjust")
        self.result(f"Adjudicated: {cap(adjust_words(what))} {entry[2]} → {entry[3]}.", False)
        reason_input.value = ""  # the field keeps the focus: Escape leaves it, then the console
        self.query_one("#adjust-by", Input).value = "+1"
