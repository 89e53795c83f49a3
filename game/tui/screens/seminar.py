"""Setting up a seminar: a team at each seat (or the computer), the scenario, the number of
turns, the time per phase and the seed; then the briefings and the game.

The checks are pure functions (``check_form``), so the rules of the form are tested without a
screen; the screen shows their messages inline, one line each.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from game.rules.model import SEAT_NAMES, SEATS
from game.play.seminar import HANDOVER_SECONDS, MAX_TEAM_NAME, Seminar, estimate, phase_seconds
from game.tui.screens.base import BaseScreen
from game.tui.screens.setup import AI_LEVELS, scenario_choices, seed_value
from game.tui.widgets.footer import KeyFooter

DEFAULT_TURNS = 3  # with five teams, an hour on the clocks: about 100 minutes of class (estimate)
DEFAULT_PHASE = "2"  # minutes a team has for each card it plays
DEFAULT_LEVEL = "ai:normal"


# --- the form's rules, without a screen -----------------------------------------------------


def duration_words(seconds: int) -> str:
    """90 -> '1 min 30 s', 120 -> '2 min', 45 -> '45 s'."""
    minutes, secs = divmod(int(seconds), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def plan_text(teams: int, rounds: int, seconds: int, turns: int) -> str:
    """What the choices add up to, for the facilitator planning a class: the clocks, and the
    class's length with the handovers, the briefing and the debrief (game.play.seminar.estimate)."""
    if teams == 0:
        return "No team yet: type a team name beside each seat a group will play."
    turn = teams * rounds * seconds
    computers = len(SEATS) - teams
    who = f"{teams} team{'s' if teams != 1 else ''}" + (f", {computers} seat{'s' if computers != 1 else ''} "
                                                        "played by the computer" if computers else "")
    est = estimate(teams, rounds, seconds, turns)
    quick, slow = HANDOVER_SECONDS
    most = f" (at most {minutes(est.at_most)})" if minutes(est.at_most) != minutes(est.about) else ""
    handovers = f"~{est.handovers} handovers at {quick}–{slow} s, " if est.handovers else ""
    return (f"{who}. Each team plays {rounds} cards a turn: a turn's clocks add up to at most "
            f"{duration_words(turn)} ({teams} × {rounds} × {duration_words(seconds)}). "
            f"{turns} turn{'s' if turns != 1 else ''}: about {minutes(est.about)} min{most} with "
            f"{handovers}the briefing ({est.briefing // 60} min) and the debrief ({est.debrief // 60} min).")


def minutes(seconds: int) -> int:
    """Whole minutes, rounded up: a plan should not promise less than it takes."""
    return -(-seconds // 60)


def check_form(names: dict, turns_text: str, max_turns: int, time_text: str, seed_text: str):
    """(values, errors): values has teams, turns, phase_seconds and seed (None: draw one) when
    there are no errors; errors are (field id, message) in the order of the form."""
    errors: list[tuple[str, str]] = []
    teams: dict = {}
    seen: dict = {}
    for seat in SEATS:
        name = " ".join((names.get(seat) or "").split())
        if not name:
            continue
        label = SEAT_NAMES[seat]
        if len(name) > MAX_TEAM_NAME:
            errors.append((f"team-{seat}", f"{label}: a team name has 1 to {MAX_TEAM_NAME} characters, "
                                           f"this one {len(name)}"))
            continue
        if name.casefold() in seen:
            errors.append((f"team-{seat}", f"{label}: {seen[name.casefold()]} already has a team called "
                                           f"'{name}'; give each team its own name"))
            continue
        seen[name.casefold()] = label
        teams[seat] = name
    if not teams and not errors:
        errors.append((f"team-{SEATS[0]}", "Name at least one team (a game of computers only: New game "
                                           "on the title screen)"))
    turns = None
    t = turns_text.strip()
    if not (t.isascii() and t.isdigit()) or not 1 <= int(t) <= max_turns:
        errors.append(("turns", f"Turns: expected a whole number from 1 to {max_turns}, found {t!r}"))
    else:
        turns = int(t)
    seconds = None
    try:
        seconds = phase_seconds(time_text)
    except ValueError as e:
        errors.append(("phase-time", f"Time per phase: {e}"))
    seed = None
    if seed_text.strip():
        seed = seed_value(seed_text)
        if seed is None:
            from game.play.save import SEED_MAX

            errors.append(("sem-seed", f"Seed: expected a whole number from 0 to {SEED_MAX}, or nothing "
                                       "for a random one"))
    if errors:
        return None, errors
    return dict(teams=teams, turns=turns, phase_seconds=seconds, seed=seed), []


# --- the screen -----------------------------------------------------------------------------


class SeminarSetupScreen(BaseScreen):
    CSS_PATH = "seminar.tcss"  # read when first shown, keeping start-up quick
    GUIDE = """\
## Setting up a seminar

- **Teams**: type a name beside each seat a group of students will play (Moscow, Ankara, …).
  A seat left empty is played by the computer, at the level chosen beside it. Names are 1 to
  40 characters and each team's is its own.
- **Scenario**: *Summer 2021* follows history; *What if?* shuffles the news.
- **Turns**: one turn is a month. The line under the form estimates the class: the clocks,
  the handovers of the keyboard, the briefing and the debrief.
- **Time per phase**: how long a team has for each card it plays (twice a turn): `2` is two
  minutes, `1:30` a minute and a half, `45s` 45 seconds. When it runs out the team is told to
  decide now; it is never skipped. The facilitator can pause, extend or skip the clock.
- **Seed**: leave it empty for a random game, or type one to replay a game exactly.

**Briefings** (F3) shows the article and every seat's brief before you start. **Start**
(ctrl+s) shows the briefings to the class, then the first turn. Tab and shift+tab move between
fields."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "start", "Start"),
        Binding("f3", "briefings", "Briefings", key_display="F3"),
        Binding("f1", "app.help", "Help", key_display="F1"),  # ? types a ? in a text field
    ]

    def body(self) -> ComposeResult:
        app = self.app
        scenarios, first = scenario_choices(app.library.catalogue())
        with VerticalScroll(id="sem-box") as box:
            box.border_title = "Seminar"
            yield Static("Name the team at each seat; a seat left empty is played by the computer. "
                         "F1 explains every field.", id="sem-intro")
            with Grid(id="sem-grid"):
                for seat in SEATS:
                    yield Label(SEAT_NAMES[seat], classes=f"field-label seat-label -p-{seat}")
                    with Horizontal(classes="sem-seat-row"):
                        yield Input(placeholder="team name (empty: computer)", id=f"team-{seat}",
                                    max_length=MAX_TEAM_NAME, compact=True, classes="sem-team")
                        yield Select(AI_LEVELS, value=DEFAULT_LEVEL, allow_blank=False, id=f"level-{seat}",
                                     compact=True, classes="sem-level")
                        yield Static("a team plays", id=f"who-{seat}", classes="sem-who")
                yield Label("Scenario", classes="field-label")
                yield Select(scenarios, value=first, allow_blank=False, id="sem-scenario", compact=True)
                yield Label("", classes="field-label sem-tall")
                yield Static("", id="sem-scenario-text", classes="sem-tall")
                yield Label("Turns", classes="field-label")
                with Horizontal(classes="sem-row"):
                    yield Input(str(DEFAULT_TURNS), id="turns", compact=True, restrict=r"[0-9]*", max_length=2,
                                classes="sem-short")
                    yield Static("", id="turns-hint", classes="sem-hint")
                yield Label("Time per phase", classes="field-label")
                with Horizontal(classes="sem-row"):
                    yield Input(DEFAULT_PHASE, id="phase-time", compact=True, max_length=8, classes="sem-short")
                    yield Static("minutes a team has per card (or 1:30, 45s)", classes="sem-hint")
                yield Label("Seed", classes="field-label")
                with Horizontal(classes="sem-row"):
                    yield Input("", placeholder="random", id="sem-seed", compact=True, restrict=r"[0-9]*",
                                max_length=19, classes="sem-seed")
                    yield Static("empty: a random game", classes="sem-hint")
                yield from self.more_fields()
            yield Static("", id="sem-plan")
            yield Static("", id="sem-errors")
            with Horizontal(id="sem-buttons"):
                yield Button(self.START, id="sem-start", variant="primary", compact=True)
                yield Button("Briefings (F3)", id="sem-briefings", compact=True)
                yield Button("Back (Esc)", id="sem-back", compact=True)
        yield KeyFooter()

    START = "Start (ctrl+s)"

    def more_fields(self) -> ComposeResult:
        """Fields of a form built on this one (hosting a game), after the seed."""
        yield from ()

    def on_mount(self) -> None:
        self._errors_shown = False
        self.query_one("#sem-errors").display = False
        self._update()
        self.query_one("#team-russia", Input).focus()

    # --- reading the form ---------------------------------------------------------------------

    def _scenario(self):
        return self.app.library.catalogue().scenarios.get(self.query_one("#sem-scenario", Select).value)

    def _max_turns(self) -> int:
        sc = self._scenario()
        return sc.turns if sc is not None else 1

    def names(self) -> dict:
        return {s: self.query_one(f"#team-{s}", Input).value for s in SEATS}

    def _check(self):
        return check_form(self.names(), self.query_one("#turns", Input).value, self._max_turns(),
                          self.query_one("#phase-time", Input).value, self.query_one("#sem-seed", Input).value)

    def _update(self) -> None:
        """The hints and the plan follow every change; errors, once shown, too."""
        sc = self._scenario()
        self.query_one("#sem-scenario-text", Static).update(sc.description if sc else "")
        for seat, name in self.names().items():
            named = bool(name.strip())
            level = self.query_one(f"#level-{seat}", Select)
            level.disabled = named  # and out of the way of Tab
            level.display = not named
            self.query_one(f"#who-{seat}", Static).display = named
        self.query_one("#turns-hint", Static).update(
            f"of {self._max_turns()} (one a month)")
        values, errors = self._check()
        teams = sum(1 for n in self.names().values() if n.strip())
        try:
            seconds = phase_seconds(self.query_one("#phase-time", Input).value)
        except ValueError:
            seconds = None
        turns_text = self.query_one("#turns", Input).value.strip()
        if seconds is not None and turns_text.isascii() and turns_text.isdigit() and sc is not None:
            plan = plan_text(teams, sc.rounds, seconds, int(turns_text))
        else:
            plan = "Check the turns and the time per phase."
        self.query_one("#sem-plan", Static).update(plan)
        if self._errors_shown:
            self._show_errors(errors)

    def _show_errors(self, errors: list) -> None:
        box = self.query_one("#sem-errors", Static)
        bad = {field for field, _ in errors}
        for widget in self.query(Input):
            widget.set_class(widget.id in bad, "-invalid")
        box.display = bool(errors)
        box.update("\n".join(message for _, message in errors))

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self._update()

    # --- actions ------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter after a name goes on to the next field (a class is not started by accident with
        one team named); Enter in the last field, the seed, starts."""
        if event.input.id == "sem-seed":
            self.action_start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#sem-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#sem-back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#sem-briefings")
    def _briefings_pressed(self) -> None:
        self.action_briefings()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_briefings(self) -> None:
        """The briefs as they will stand at the start (no hands: nobody has the keyboard yet)."""
        from game.rules.engine import new_game
        from game.rules.loader import DataError
        from game.tui.screens.briefing import BriefingScreen

        sc = self._scenario()
        try:
            rules = self.app.library.rules(sc.id if sc else "summer-2021")
        except DataError as e:
            self._cards_fault(e)
            return
        names = {s: " ".join(n.split()) for s, n in self.names().items() if n.strip()}
        seed = seed_value(self.query_one("#sem-seed", Input).value) or 0
        self.app.push_screen(BriefingScreen(state=new_game(rules, seed), teams=names))

    def action_start(self) -> None:
        values, errors = self._check()
        self._errors_shown = True
        self._show_errors(errors)
        if errors:
            self.query_one(f"#{errors[0][0]}").focus()
            return
        app = self.app
        teams = values["teams"]
        seats = {s: "human" if s in teams else self.query_one(f"#level-{s}", Select).value for s in SEATS}
        seminar = Seminar(teams=teams, turns=values["turns"], phase_seconds=values["phase_seconds"])
        seed = values["seed"] if values["seed"] is not None else app.new_seed()
        self.begin(self.query_one("#sem-scenario", Select).value, seats, seed, seminar)

    def begin(self, scenario: str, seats: dict, seed: int, seminar: Seminar) -> None:
        """The form is good: start the seminar here, with the briefings first."""
        from game.rules.loader import DataError
        from game.tui.screens.briefing import open_briefing

        try:
            self.app.new_game(scenario, seats, seed, seminar=seminar)
        except DataError as e:
            self._cards_fault(e)
            return
        open_briefing(self.app, intro=True)

    def _cards_fault(self, error) -> None:
        from game.tui.screens.message import MessageDialog

        self.app.push_screen(MessageDialog("The cards have faults", str(error), error=True))
