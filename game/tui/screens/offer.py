"""The Central Asian seat answers an offer: what accepting and what rejecting each do, and why
the team chose as it did (optional, kept with the answer for the debrief)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from game.words.effect_words import offer_terms
from game.words.log import country_name
from game.tui.messages import MoveChosen
from game.tui.screens.base import BaseModal, push_as_app

RATIONALE_LENGTH = 300  # as game.tui.app.MAX_RATIONALE


def show_offer(app, table, shown: dict) -> None:
    """Show the offer waiting for the Central Asian team; its answer goes to the App as a move,
    if the game is still where it was."""
    shown["offer"] = True
    moves = len(table.game.moves)

    def answered(answer) -> None:  # (choice, the team's rationale or None), or None
        if table is app.table:
            shown.pop("offer", None)
            if answer and moves == len(table.game.moves):
                app.post_message(MoveChosen(tuple(answer[0]), answer[1]))

    push_as_app(app, OfferDialog(table.game.state), answered)


class OfferDialog(BaseModal):
    GUIDE = """\
## An offer

A power offers one of the Central Asian states a deal: a base, a security pact, a corridor, a
cooperation agreement. As the Central Asian seat you accept or reject it. Both answers have
consequences, listed above each button with the victory points they move for each seat: at
once, and at every upkeep while the board stays as the answer leaves it (the scoring run on
the board before and after). `y` or `a` accepts, `n` or `r` rejects; Escape closes
the dialog so you can look at the board (`a` on the game screen reopens it).

**Why?** Under the buttons (Tab to it) the team may type its rationale: it is kept with the
answer, shown in the log as the team's and printed in the after-action report. Enter in the
field goes back to the buttons; Escape leaves the field first, then the dialog."""

    BINDINGS = [
        Binding("a,y", "answer('accept')", "Accept"),
        Binding("r,n", "answer('reject')", "Reject"),
        Binding("escape", "close", "Look at the board"),
    ]

    def __init__(self, state):
        super().__init__()
        self.state = state
        self.terms = offer_terms(state)

    def body(self) -> ComposeResult:
        terms = self.terms
        with Vertical(id="offer-box", classes="dialog") as box:
            box.border_title = "An offer to the Central Asian states"
            yield Static(terms.title, id="offer-title")
            with Horizontal(id="offer-columns"):
                with Vertical(classes="offer-side", id="offer-accept"):
                    yield Static(Content.from_markup("[b]If you accept[/b]"))
                    yield self._lines(terms.accept, terms.accept_vp)
                    yield Button("Accept (a)", id="accept", variant="success", compact=True)
                with Vertical(classes="offer-side", id="offer-reject"):
                    yield Static(Content.from_markup("[b]If you reject[/b]"))
                    yield self._lines(terms.reject, terms.reject_vp)
                    yield Button("Reject (r)", id="reject", variant="error", compact=True)
            yield Input(id="offer-why", placeholder="Why? (optional, for the record; Tab to type)",
                        max_length=RATIONALE_LENGTH, compact=True)

    def _lines(self, lines: tuple, stakes: str) -> Static:
        """What one answer does, a bullet each ('in Uzbekistan' is 'there': the title names the
        state), then the VP it moves for each seat, now and per upkeep (effect_words)."""
        place = f" in {country_name(self.state.pending.target)}"
        text = "\n".join(f"• {line.replace(place, ' there')}" for line in lines)
        return Static(Content.assemble(text, ("\nVP: ", "bold"), stakes or "—"), classes="offer-lines")

    def on_mount(self) -> None:
        self.query_one("#accept").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#accept").focus()

    def action_answer(self, answer: str) -> None:
        """The answer and the team's rationale (None when nothing was typed)."""
        why = self.query_one("#offer-why", Input).value.strip()
        self.dismiss(((answer,), why or None))

    def action_close(self) -> None:
        """Out of the rationale first (what was typed stays), then out of the dialog."""
        if isinstance(self.focused, Input):
            self.query_one("#accept").focus()
            return
        self.dismiss(None)
