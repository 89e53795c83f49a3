"""A team's predictions: before its first card of a turn, the team at the keyboard picks a
statement from the catalogue (game.play.predictions), its parameters and a chance, step by step
from numbered lists, and may say why; the debrief scores them.

The screen changes nothing itself: a finished prediction goes to ``table.predict`` and so through
the game's door (refused there, with the reason, if it is not allowed). The team's predictions
so far are read through the observer, as the team may read them: its own, never another's.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.play import predictions as P
from game.rules import moves as M
from game.rules.model import COUNTRY_INDEX
from game.tui.screens.base import BaseModal
from game.tui.widgets.board import MAP_ORDER
from game.tui.widgets.move import ChoiceList, RationaleInput, digit_of
from game.words import predictions as W

RATIONALE_LENGTH = 300  # as game.play.table.MAX_RATIONALE
FIRST_CHANCE = P.PERCENTS.index(50)  # the chance list opens at a coin toss
# A few words beside some chances, so a team can think in words and pick a number.
CHANCE_WORDS = {5: "almost surely not", 25: "unlikely", 50: "as likely as not", 75: "likely", 95: "almost surely"}
CONFIRM, BACK = "confirm", "back"


def open_predict(app) -> None:
    """The Predict screen for the team at the keyboard, or a line saying why not now."""
    table = app.table
    if table is None or table.game is None:
        return
    if table.predictions_left() <= 0:
        game = table.game
        why = ("only a team at the keyboard makes predictions" if not table.human_to_move() else
               "a team predicts at its first card of a turn, before it plays it"
               if not P.may_predict_now(game.state) else
               f"a team makes at most {P.MAX_PER_TURN} predictions a turn")
        app.notify(f"No prediction now: {why}.", severity="warning", timeout=4)
        return
    app.push_screen(PredictScreen())


class PredictScreen(BaseModal):
    CSS_PATH = "predict.tcss"  # read when first shown
    GUIDE = f"""\
## Predictions

Before its first card of a turn, a team may say how likely it thinks something is: a state
collapses, a track reaches or falls to a value, a state's stability falls low, a power opens a
new base (each by the end of a turn you choose), or who leads a state and who wins at the end.
Pick the statement, then each of its values, then the chance (5% to 95%), and confirm; you
may type why. At most {P.MAX_PER_TURN} a turn.

Only your team and the facilitator see your predictions until the game ends. Then the
after-action report says which came true and gives each team's Brier score: the mean of
(chance − outcome)², 0 for perfect foresight, 0.25 for always saying 50%.

Digits or arrows and Enter choose; a greyed item is already settled (tension already at 8) and
says why. Escape goes back a step, and closes the screen from the first step."""

    BINDINGS = [Binding("escape", "back", "Back / close")]

    def __init__(self, table=None):
        super().__init__()
        self._table = table
        self.kind: str | None = None
        self.args: tuple = ()
        self.percent: int | None = None
        self._items: list[tuple] = []  # (key, greyed reason or None) by line

    @property
    def table(self):
        return self.app.table if self._table is None else self._table

    def body(self) -> ComposeResult:
        with Vertical(id="predict-box", classes="dialog") as box:
            box.border_title = "Predictions"
            yield Static("", id="predict-intro")
            with VerticalScroll(id="predict-made-scroll", can_focus=False):
                yield Static("", id="predict-made")
            yield Static("", id="predict-prompt")
            yield ChoiceList(id="choices")
            yield RationaleInput(id="rationale", placeholder="Why? (optional, for the record)",
                                 max_length=RATIONALE_LENGTH, compact=True)
            yield Static("", id="predict-result")

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#choices").focus()

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        table = self.table
        game = table.game
        seat = game.state.seat_to_move
        left = table.predictions_left()
        box = self.query_one("#predict-box")
        box.border_title = f"Predictions · {W.team_name(game, seat)} · turn {game.state.turn}"
        self.query_one("#predict-intro", Static).update(Content(
            f"How likely is it? {left} of {P.MAX_PER_TURN} left this turn. Only your team and the "
            "facilitator see them until the game ends; the report then scores them."))
        self._show_made(game, seat)
        self._show_step(game.state)

    def _show_made(self, game, seat: int) -> None:
        seen = game.observe(seat)  # the team's own predictions, as it may read them
        results = P.scored(seen.log, seen)
        widget = self.query_one("#predict-made", Static)
        if not results:
            widget.update(Content.styled("Your predictions: none yet.", "dim"))
            return
        lines = [Content.styled("Your predictions:", "bold")]
        for p, came in results:
            tail = "" if came is None else f" ({W.outcome_words(came)})"
            lines.append(Content(f"T{p.turn} {p.percent:>2}%  {W.sentence(p.statement)}{tail}"))
        widget.update(Content("\n").join(lines))
        self.query_one("#predict-made-scroll").scroll_end(animate=False)  # the newest in view

    def _step(self) -> str:
        if self.kind is None:
            return "kind"
        if len(self.args) < len(P.KIND_BY_ID[self.kind].params):
            return "param"
        return "chance" if self.percent is None else "confirm"

    def _show_step(self, state) -> None:
        step = self._step()
        rules = state.rules
        rationale = self.query_one("#rationale", Input)
        rationale.display = step == "confirm"
        so_far = self._so_far()
        if step == "kind":
            prompt = "What do you want to predict?"
            items = [(k.id, W.KIND_LABELS[k.id], None) for k in P.KINDS]
        elif step == "param":
            param = P.KIND_BY_ID[self.kind].params[len(self.args)]
            prompt = W.PARAM_PROMPTS[param]
            choices = P.choices(state, self.kind, self.args)
            if param == P.STATE:  # in map order, as every "where?" of a move lists them
                choices.sort(key=lambda c: MAP_ORDER.index(COUNTRY_INDEX[c[0]]))
            if param == P.VALUE:  # a value already reached is settled: left out, and the value now said
                prompt += " " + W.now_words(state, self.kind, self.args)
                choices = [(v, why) for v, why in choices if why is None]
            items = [(v, W.value_label(param, v, rules, self.kind), why) for v, why in choices]
        elif step == "chance":
            prompt = "How likely is it?"
            items = [(pc, f"{pc}%" + (f"  {CHANCE_WORDS[pc]}" if pc in CHANCE_WORDS else ""), None)
                     for pc in P.PERCENTS]
        else:
            prompt = "Record this prediction?"
            items = [(CONFIRM, "✔ Confirm", None), (BACK, "✗ Back (Esc)", None)]
        self.query_one("#predict-prompt", Static).update(Content.assemble(
            (prompt, "bold"), ("  (Esc: back)" if step != "kind" else "  (Esc: close)", "dim"),
            ("\n" + so_far if so_far else "", "italic")))
        self._fill(items, step)
        if step == "confirm" and not rationale.has_focus:
            rationale.value = ""
            rationale.focus()

    def _so_far(self) -> str:
        """The statement as far as it is chosen ('…' for the values still to choose)."""
        if self.kind is None:
            return ""
        text = W.sentence(P.Statement(self.kind, self.args))
        return text if self.percent is None else f"{self.percent}%: {text}"

    def _fill(self, items: list[tuple], step: str) -> None:
        self._items = [(key, why) for key, _label, why in items]
        choices = self.query_one("#choices", ChoiceList)
        options = []
        for n, (_key, label, why) in enumerate(items):
            digit = digit_of(n)
            number = f"{digit} " if digit else "  "
            if why is None:
                options.append(Option(Content.assemble((number, "dim"), label)))
            else:
                options.append(Option(Content.assemble((number, "dim"), (label, "$text-disabled"),
                                                       (f" ✗ {why}", "italic $text-disabled"))))
        choices.set_options(options)
        choices.highlighted = FIRST_CHANCE if step == "chance" else 0

    def _result(self, text: str, error: bool) -> None:
        widget = self.query_one("#predict-result", Static)
        widget.set_class(error, "-error")
        widget.update(Content(("✗ " if error else "✓ ") + text))

    # --- input --------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index >= len(self._items):
            return
        key, why = self._items[event.option_index]
        if why is not None:
            self._result(f"Not that one: {why}.", True)
            return
        step = self._step()
        if step == "kind":
            self.kind, self.args = key, ()
        elif step == "param":
            self.args += (key,)
        elif step == "chance":
            self.percent = key
        elif key == CONFIRM:
            self._record()
            return
        else:
            self.action_back()
            return
        self.redraw()

    @on(Input.Submitted, "#rationale")
    def _rationale_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._step() == "confirm":
            self._record()

    def _record(self) -> None:
        statement = P.Statement(self.kind, self.args)
        why = self.query_one("#rationale", Input).value.strip() or None
        refused = self.table.predict(M.predict(self.percent, statement.words), why)
        if refused:
            self._result(f"Not recorded: {refused}.", True)
            return
        self._result(f"Recorded: {self.percent}%: {W.sentence(statement)}", False)
        self.kind, self.args, self.percent = None, (), None
        if self.table.predictions_left() <= 0:
            game = self.table.game
            self.notify(f"{W.team_name(game, game.state.seat_to_move)}: all {P.MAX_PER_TURN} predictions "
                        "of this turn recorded.", timeout=3)
            self.dismiss(True)
            return
        self.redraw()
        self.query_one("#choices").focus()

    def action_back(self) -> None:
        """A step back: the chance, the last value, the kind; out of the screen from the start."""
        if self.percent is not None:
            self.percent = None
        elif self.args:
            self.args = self.args[:-1]
        elif self.kind is not None:
            self.kind = None
        else:
            self.dismiss(None)
            return
        self.redraw()
        self.query_one("#choices").focus()
