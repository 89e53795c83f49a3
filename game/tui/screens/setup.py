"""New game: the scenario, who plays each seat, the seed, and how AI moves are shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from game.rules.model import SEAT_NAMES, SEATS
from game.play.save import SEED_MAX
from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

LEVELS = [("Human", "human"), ("AI easy", "ai:easy"), ("AI normal", "ai:normal"), ("AI hard", "ai:hard"),
          ("Random moves", "random")]
PACE_CHOICES = [("Slow (1.6 s a move)", "slow"), ("Normal (0.8 s)", "normal"), ("Fast (0.3 s)", "fast"),
                ("Instant", "instant")]
DEFAULT_SEATS = {"russia": "human", "turkey": "ai:normal", "china": "ai:normal", "usa": "ai:normal",
                 "central_asia": "ai:normal"}
AI_LEVELS = [level for level in LEVELS if level[1] != "human"]


def scenario_choices(cat) -> tuple[list, str]:
    """(options for a scenario Select, the one chosen at first: the historical one)."""
    scenarios = [(sc.title, sc.id) for sc in cat.scenarios.values()] or [("Summer 2021", "summer-2021")]
    first = "summer-2021" if any(v == "summer-2021" for _, v in scenarios) else scenarios[0][1]
    return scenarios, first


def seed_value(text: str) -> int | None:
    """The seed typed, or None unless it is a whole number from 0 to SEED_MAX."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) <= SEED_MAX else None


class SetupScreen(BaseScreen):
    GUIDE = """\
## New game

- **Scenario**: *Summer 2021* follows history (dated news arrives in its month); *What if?*
  shuffles every news card.
- **Seats**: each of the five seats is played by a human or by the computer (easy, normal or
  hard). Several humans play **hot-seat** at one keyboard: the game asks you to pass the
  keyboard between them and never shows one player's hand to another.
- **Seed**: the game's dice and shuffles follow from it. The same seed and the same moves give
  the same game; share it to replay a game. `r` draws a new one.
- **AI pace**: how long each computer move stays on screen before the next (Space skips ahead
  during play).

Tab and shift+tab move between fields; Enter opens a list; ctrl+s (or the Start button) starts."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "start", "Start"),
        Binding("r", "reseed", "New seed"),
        Binding("a", "all_ai", "All AI", show=False),
    ]

    def body(self) -> ComposeResult:
        app = self.app
        scenarios, first = scenario_choices(app.library.catalogue())
        with VerticalScroll(id="setup-box") as box:
            box.border_title = "New game"
            with Grid(id="setup-grid"):
                yield Label("Scenario", classes="field-label")
                yield Select(scenarios, value=first, allow_blank=False, id="scenario", compact=True)
                yield Label("", classes="field-label")
                yield Static("", id="scenario-text")
                for seat in SEATS:
                    yield Label(SEAT_NAMES[seat], classes=f"field-label seat-label -p-{seat}")
                    yield Select(LEVELS, value=DEFAULT_SEATS[seat], allow_blank=False, id=f"seat-{seat}",
                                 compact=True)
                yield Label("Seed", classes="field-label")
                with Horizontal(id="seed-row"):
                    yield Input(str(app.new_seed()), id="seed", compact=True, restrict=r"[0-9]*",
                                validators=[Integer(0, SEED_MAX)], max_length=19)
                    yield Button("New seed (r)", id="reseed", compact=True)
                yield Label("AI pace", classes="field-label")
                yield Select(PACE_CHOICES, value=app.pace, allow_blank=False, id="pace", compact=True)
                yield Label("Moves", classes="field-label")
                yield Checkbox("Ask to confirm each move", value=app.confirm_moves, id="confirm", compact=True)
            yield Static("", id="setup-note")
            with Horizontal(id="setup-buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._describe()
        self._note()
        self.query_one("#start").focus()

    def _describe(self) -> None:
        cat = self.app.library.catalogue()
        sid = self.query_one("#scenario", Select).value
        sc = cat.scenarios.get(sid)
        self.query_one("#scenario-text", Static).update(
            sc.description if sc else "")

    def seats(self) -> dict:
        return {s: self.query_one(f"#seat-{s}", Select).value for s in SEATS}

    def _note(self) -> None:
        people = [SEAT_NAMES[s] for s, c in self.seats().items() if c == "human"]
        if not people:
            text = "No human seat: the computer plays every seat (a demonstration)."
        elif len(people) == 1:
            text = f"You play {people[0]} against the computer."
        else:
            text = f"Hot-seat for {len(people)} players: {', '.join(people)} pass the keyboard between turns."
        self.query_one("#setup-note", Static).update(text)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario":
            self._describe()
        self._note()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#reseed")
    def _reseed_pressed(self) -> None:
        self.action_reseed()

    @on(Input.Submitted, "#seed")
    def _seed_submitted(self) -> None:
        self.action_start()

    def action_reseed(self) -> None:
        self.query_one("#seed", Input).value = str(self.app.new_seed())

    def action_all_ai(self) -> None:
        for seat in SEATS:
            self.query_one(f"#seat-{seat}", Select).value = "ai:normal"

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_start(self) -> None:
        from game.rules.loader import DataError

        seed = seed_value(self.query_one("#seed", Input).value)
        if seed is None:
            self.notify(f"The seed must be a whole number from 0 to {SEED_MAX}.", severity="error")
            self.query_one("#seed", Input).focus()
            return
        app = self.app
        app.pace = self.query_one("#pace", Select).value
        app.confirm_moves = self.query_one("#confirm", Checkbox).value
        try:
            app.new_game(self.query_one("#scenario", Select).value, self.seats(), seed)
        except DataError as e:
            from game.tui.screens.message import MessageDialog

            app.push_screen(MessageDialog("The cards have faults", str(e), error=True))
