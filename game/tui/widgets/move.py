"""The move panel: the question the game asks, the choices step by step, and what each does.

It keeps only the steps the player has taken in building this one move (which card, then
event or ops); the game itself is never touched here. A finished move is posted to the App as
``MoveChosen`` with a choice that came out of the engine's legal choices.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.rules import moves as M
from game.words.log import describe, seat_name
from game.rules.model import SEATS
from game.tui.messages import MoveChosen
from game.tui.moves import Item, card_detail, hand_label, menu, summary
from game.play.observer import PUBLIC, entry_for

CONFIRM, BACK = "__confirm__", "__back__"
FEED_ROWS = 7  # the height of the 'since your last move' box (#last-move in app.tcss)
RATIONALE_LENGTH = 300  # as game.tui.app.MAX_RATIONALE
COMPACT_BELOW = 30  # a move panel shorter than this shows only the list and the detail while ops are spent


@dataclass
class ItemHighlighted(Message):
    """The player is looking at an item: the screen shows its state on the map."""

    country: int | None
    card: str | None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def feed_line(entry: tuple, rules) -> str:
    """One short line for 'since your last move' (the log has the full sentence)."""
    kind = entry[0]
    cards = rules.cards
    if kind == "play":
        _, seat, cid, mode = entry
        how = "event" if mode == "event" else f"{cards[cid].ops} ops"
        return f"{_cap(seat_name(seat))}: {cards[cid].title} ({how})"
    if kind == "news":
        return f"News: {cards[entry[1]].title}"
    if kind == "turn":
        from game.tui.core import game_date

        return f"— Turn {entry[1]}, {game_date(rules, entry[1])} —"
    return describe(entry, rules).strip()


DIGITS = "1234567890"  # the keys that pick the first ten items, in order (0 is the tenth)


def digit_of(index: int) -> str | None:
    """The key that picks the item at ``index`` (None past the tenth)."""
    return DIGITS[index] if index < len(DIGITS) else None


class ChoiceList(OptionList):
    """Choices, numbered: a digit picks one at once (0 the tenth, as on a keyboard's row)."""

    BINDINGS = [Binding(key, f"pick({n})", show=False) for n, key in enumerate(DIGITS, 1)]

    def action_pick(self, n: int) -> None:
        if n <= self.option_count and not self.get_option_at_index(n - 1).disabled:
            self.highlighted = n - 1
            self.action_select()


class RationaleInput(Input):
    """The team's optional rationale at the confirm step. Until something is typed, 1 and 2
    still pick Confirm and Back and the arrows go to them, so the quick keys keep working."""

    BINDINGS = [Binding("up,down", "to_choices", show=False)]

    async def _on_key(self, event) -> None:
        if not self.value and event.character in ("1", "2"):
            event.stop()
            event.prevent_default()
            choices = self.parent.query_one("#choices", ChoiceList)
            choices.focus()
            choices.action_pick(int(event.character))
            return
        await super()._on_key(event)

    def action_to_choices(self) -> None:
        self.parent.query_one("#choices", ChoiceList).focus()


class MovePanel(Vertical):
    BINDINGS = [Binding("escape", "back", "Back a step", show=False)]  # the prompt says "Esc: back"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.path: tuple = ()
        self.confirming: Item | None = None
        self._position = None
        self._items: list[Item] = []
        self._mode = "idle"
        self._game = None

    def compose(self) -> ComposeResult:
        yield Static("", id="last-move")
        yield Static("", id="prompt")
        yield ChoiceList(id="choices")
        yield RationaleInput(id="rationale", placeholder="Why? (optional, for the record)",
                             max_length=RATIONALE_LENGTH, compact=True)
        yield Static("", id="hand-line")
        with VerticalScroll(id="detail-scroll", can_focus=False):
            yield Static("", id="choice-detail")

    # --- drawing ------------------------------------------------------------------------------

    def show(self, game, *, viewer: int | None, thinking: int | None, last_ai: tuple | None,
             confirm: bool, undo: int, fast: bool, feed_start: int = 0,
             discussion: str | None = None, predict: int = 0, shared: bool = True) -> None:
        """``shared``: several people take turns at this screen (hot-seat); a hosted game's
        screen is one viewer's own."""
        self._game = game
        self._confirm = confirm
        state = game.state
        position = (id(game), len(game.moves))
        if position != self._position:
            self._position = position
            self.path = ()
            self.confirming = None
            self.query_one("#rationale", Input).value = ""
        seat = state.seat_to_move
        # On a short screen, spending ops or answering an offer, the list and what the
        # highlighted choice does need the rows: the hand is not what is being decided, and
        # while ops are spent the news was on screen a step ago, when the card was chosen.
        deciding = not game.over and viewer is not None and seat == viewer
        kind = state.pending.kind if deciding else None
        short = 0 < self.size.height < COMPACT_BELOW
        if short and kind == M.PENDING_OPS:
            self.query_one("#last-move", Static).display = False
        else:
            self._show_last(game, last_ai, feed_start, discussion, reader=PUBLIC if viewer is None else viewer)
        self._hand_line(state, None if short and kind in (M.PENDING_OPS, M.PENDING_OFFER) else
                        viewer if deciding else None)
        if game.over:
            self.query_one("#rationale", Input).display = False
            self._set_prompt("The game is over.")
            self._fill([], mode="idle")
            return
        if viewer is not None and seat == viewer and game.seats[SEATS[seat]] == "human":
            self._show_choices(game, undo, predict)
            return
        self.query_one("#rationale", Input).display = False  # only at one's own confirm step
        # Someone else decides: show whose move it is, and the viewer's hand to look at.
        if thinking is not None:
            who = _cap(seat_name(thinking))
            text = f"[b]{who}[/b] is thinking…" + ("  [dim](fast-forward)[/]" if fast else "  [dim]Space: skip ahead[/]")
        elif seat is not None and game.seats[SEATS[seat]] == "human":
            text = (f"Waiting for [b]{_cap(seat_name(seat))}[/b] to take the keyboard." if shared else
                    f"Waiting for [b]{_cap(seat_name(seat))}[/b] to decide.")
        else:
            text = f"[b]{_cap(seat_name(seat))}[/b] to move."
        self._set_prompt(text, markup=True)
        if viewer is None:
            self._fill([], mode="idle")
            self._detail("Hands are hidden while another seat plays (hot-seat)." if shared else
                         "No hand is shown here: each team sees its own on its own screen.")
            return
        hand = state.hands[viewer]
        items = [Item(cid, hand_label(state.rules.cards[cid], viewer), card_detail(state.rules.cards[cid]),
                      card=cid) for cid in hand]
        self._fill(items, mode="hand", title=f"Your hand ({len(hand)} cards)")

    FEED_KINDS = ("turn", "news", "play", "answer", "t_incursion", "collapse", "end", "inject", "adjust")

    def _show_last(self, game, last_ai, feed_start: int, discussion: str | None = None, reader=PUBLIC) -> None:
        """What the other seats did since this player's last move, one line each, oldest
        first, then the question for discussion of the last card played (when the screen has
        no room for it elsewhere), then the reason of the latest computer move."""
        widget = self.query_one("#last-move", Static)
        lines = []
        reason = None
        for entry in game.log[feed_start:]:
            if entry[0] in self.FEED_KINDS:
                lines.append(feed_line(entry, game.rules))
        if last_ai:
            seat, start = last_ai
            for entry in game.log[start:start + 3]:
                if entry[0] == "reason":
                    seen = entry_for(entry, reader, game.seats, game.over)  # not its alternatives
                    reason = None if seen is None else describe(seen, game.rules).strip()
                    break
        widget.display = bool(lines or discussion)
        if not lines and not discussion:
            widget.update("")
            return
        keep = 5
        if discussion:  # the box holds 7 rows: fewer lines of news, so the question fits
            width = max(20, widget.size.width or self.size.width)
            room = FEED_ROWS - len(textwrap.wrap("Discussion: " + discussion, width))
            keep, used = 0, 0
            for line in reversed(lines[-5:]):
                rows = len(textwrap.wrap(line, width)) or 1
                earlier = 1 if len(lines) > keep + 1 else 0
                if used + rows + earlier > room:
                    break
                keep, used = keep + 1, used + rows
        shown = lines[max(0, len(lines) - keep):] if keep else []
        parts = []
        if shown and len(lines) > len(shown):
            parts.append((f"… {len(lines) - len(shown)} earlier (l: log)\n", "dim"))
        parts.append("\n".join(shown))
        if discussion:
            parts.append(("\n" if shown else "", ""))
            parts.append(("Discussion: ", "bold $accent"))
            parts.append((discussion, "italic $accent"))
        if reason:
            parts.append(("\n" + reason, "italic $text-muted"))
        widget.update(Content.assemble(*parts))

    def _hand_line(self, state, viewer: int | None) -> None:
        """The viewer's hand in one line while the decision is not which card to play."""
        widget = self.query_one("#hand-line", Static)
        if viewer is None or state.pending is None or state.pending.kind == M.PENDING_PLAY:
            widget.display = False
            return
        cards = state.rules.cards
        hand = ", ".join(f"{cards[c].title} ({cards[c].ops})" for c in state.hands[viewer])
        widget.display = True
        widget.update(Content.assemble(("Your hand: ", "bold"), hand or "empty"))

    def _set_prompt(self, text: str, markup: bool = False) -> None:
        self.query_one("#prompt", Static).update(Content.from_markup(text) if markup else Content(text))

    def _show_choices(self, game, undo: int, predict: int = 0) -> None:
        state = game.state
        legal = game.legal()
        rationale = self.query_one("#rationale", Input)
        if self.confirming is not None:
            item = self.confirming
            self._set_prompt("Confirm this move?")
            confirm = Item(CONFIRM, "✔ Confirm", summary(state, item.choice), item.choice, item.country, item.card)
            back = Item(BACK, "✗ Back (Esc)", "Go back and choose again.")
            self._fill([confirm, back], mode="confirm")
            self._detail(summary(state, item.choice))
            if not rationale.display:
                rationale.display = True
                focused = self.screen.focused
                if focused is None or focused is self or self in focused.ancestors:
                    rationale.focus()
            return
        if rationale.display:
            rationale.display = False
        m = menu(state, legal, self.path, game.log)
        if not m.items:  # the path no longer fits (should not happen): start the move again
            self.path = ()
            m = menu(state, legal, (), game.log)
        hint = ""
        if self.path:
            hint = "  (Esc: back)"
        else:  # p: the team's predictions, at its first card of a turn
            keys = (["p: predict"] if predict else []) + (["u: undo"] if undo else [])
            hint = f"  ({' · '.join(keys)})" if keys else ""
        self._set_prompt(m.prompt + hint)
        self._fill(list(m.items), mode="choose")

    def _fill(self, items: list[Item], *, mode: str, title: str = "") -> None:
        self._items = items
        self._mode = mode
        choices = self.query_one("#choices", ChoiceList)
        width = max(20, (choices.size.width or self.size.width or 40) - 3)
        key = (mode, width, tuple((i.key, i.label, i.reason) for i in items))
        if getattr(self, "_filled", None) == key:
            self._highlight_changed()
            return
        self._filled = key
        previous = choices.highlighted
        options = []
        for n, item in enumerate(items):
            digit = digit_of(n)
            number = f"{digit} " if digit and mode != "hand" else "· "
            options.append(Option(self._label(number, item, width), id=f"i{n}"))
        choices.set_options(options)
        choices.border_title = title or None
        choices.display = bool(items)
        if items:
            choices.highlighted = previous if mode == "hand" and previous is not None and previous < len(items) else 0
            focused = self.screen.focused
            if mode in ("choose", "confirm") and (focused is None or focused is self or self in focused.ancestors):
                choices.focus()
        self._highlight_changed()

    @staticmethod
    def _label(number: str, item: Item, width: int) -> Content:
        """An item's line: greyed when it cannot be chosen now, with the reason when it fits
        the line (the detail under the list always gives it)."""
        if not item.greyed:
            return Content.assemble((number, "dim"), item.label)
        label = item.label
        tail = f" ✗ {item.reason}"
        if len(number) + len(label) + len(tail) > width:
            tail = " ✗"
            if len(number) + len(label) + len(tail) > width:  # the cost goes before the mark
                label = label.rsplit(" (", 1)[0]
        return Content.assemble((number, "dim"), (label, "$text-disabled"), (tail, "italic $text-disabled"))

    def _detail(self, text: str) -> None:
        self.query_one("#choice-detail", Static).update(Content(text))

    def _highlight_changed(self) -> None:
        choices = self.query_one("#choices", ChoiceList)
        index = choices.highlighted
        if index is None or index >= len(self._items):
            if self._mode != "idle":
                self._detail("")
            self.post_message(ItemHighlighted(None, None))
            return
        item = self._items[index]
        if self._mode != "confirm":
            self._detail(item.detail)
        self.post_message(ItemHighlighted(item.country, item.card))

    # --- input --------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#choices")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._highlight_changed()

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if index >= len(self._items):
            return
        item = self._items[index]
        if self._mode == "hand":
            self.notify("Not your move yet: this is your hand to look at.", timeout=2)
            return
        if self._mode == "confirm":
            if item.key == CONFIRM:
                self._confirmed(item.choice)
            else:
                self.action_back()
            return
        if self._mode != "choose":
            return
        if item.greyed:  # nothing is sent: the reason is said, where the player looks and aloud
            self._detail(item.detail)
            self.notify(f"{item.label}: not now, {item.reason}.", title="Cannot choose that", severity="warning",
                        timeout=4)
            return
        if item.choice is None:
            self.path = self.path + (item.key,)
            self.refresh_panel()
        elif self._confirm:
            self.confirming = item
            # A new confirm step starts with an empty rationale: what was typed for another
            # choice is not this one's, and while it is empty 1 and 2 confirm and go back.
            self.query_one("#rationale", Input).value = ""
            self.refresh_panel()
        else:
            self.post_message(MoveChosen(item.choice))

    @on(Input.Submitted, "#rationale")
    def _rationale_submitted(self, event: Input.Submitted) -> None:
        """Enter in the rationale confirms the move (an empty rationale just confirms)."""
        event.stop()
        if self._mode == "confirm" and self.confirming is not None:
            self._confirmed(self.confirming.choice)

    def _confirmed(self, choice: tuple) -> None:
        # The step stays until the move is made (a new position resets it), so a move the App
        # turns down (the facilitator's pause) can be confirmed again later, rationale and all.
        reason = self.query_one("#rationale", Input).value.strip() or None
        self.post_message(MoveChosen(choice, reason))

    def action_back(self) -> None:
        if self.confirming is not None:
            self.confirming = None
        elif self.path:
            self.path = self.path[:-1]
        else:
            return
        self.refresh_panel()

    def refresh_panel(self) -> None:
        if self._game is not None:
            self.screen.refresh_game()
