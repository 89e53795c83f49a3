"""A hosted game's lobby: who has joined, while the game waits to start.

Every screen joined to a game that has not started shows it (a team's, the facilitator's, the
projector's); it goes away by itself when the game starts. The facilitator starts the game
(Enter); a game made to start by itself does so once every team's seat has joined.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from game.rules.model import SEAT_NAMES, SEATS
from game.tui.core import LEVEL_NAMES
from game.tui.screens.base import BaseScreen, push_as_app
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.board import letter, power_style


def show_lobby(app, table, shown: dict) -> None:
    """The lobby over the game's screen, until the game starts."""
    if shown.get("lobby"):
        return
    shown["lobby"] = True

    def done(_result) -> None:
        if table is app.table:
            shown.pop("lobby", None)

    def push() -> None:
        if table is app.table and table.lobby is not None:
            push_as_app(app, LobbyScreen(), done)
        else:
            done(None)

    # Once the game's screen under it has been drawn: pushed over a screen still composing its
    # tabs, Textual (8.2.8) fails to mount them.
    app.call_after_refresh(push)


def lobby_lines(lobby: dict, role: str | None) -> list[Content]:
    """Each seat, who plays it and whether they are here; then the facilitator and projector."""
    rows = []
    seats = lobby.get("seats") or {}
    for i, seat in enumerate(SEATS):
        info = seats.get(seat) or {}
        controller = info.get("controller")
        team = info.get("team")
        name = Content.assemble((f" {letter(i)} ", f"bold reverse {power_style(i)}"),
                                (f" {SEAT_NAMES[seat]:<22}", f"bold {power_style(i)}"))
        if controller == "human":
            who = team or "Human"
            here = ("✓ here", "bold $success") if info.get("joined") else ("… not yet", "$warning")
            rows.append(name + Content.assemble(f"{who:<24}", here))
        else:
            rows.append(name + Content.styled(f"{LEVEL_NAMES.get(controller, controller or '?')} (the server plays it)",
                                              "dim"))
    for label, key in (("Facilitator", "facilitator"), ("Projector", "projector")):
        joined = lobby.get(key)
        rows.append(Content.assemble(f"    {label:<22}",
                                     ("✓ here", "bold $success") if joined else ("—", "dim")))
    return rows


class LobbyScreen(BaseScreen):

    CSS_PATH = "hosting.tcss"
    GUIDE = """\
## The lobby

The game has been made on the server and waits to start. The list shows every seat: a team's
seat says whether someone has joined with its code; the computer's seats are played by the
server. The facilitator starts the game with **Enter** (a game made to start by itself starts
as soon as every team has joined). This screen then goes away by itself.

`q` leaves: the game goes on without this screen, and the same code joins again."""

    BINDINGS = [Binding("enter", "start", "Start the game"), Binding("q", "leave", "Leave")]

    def body(self) -> ComposeResult:
        with Vertical(id="lobby-box", classes="form-box") as box:
            box.border_title = "Waiting to start"
            yield Static("", id="lobby-who")
            yield Static("", id="lobby-seats")
            yield Static("", id="lobby-next")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._revised, init=True)

    def _revised(self, _old=None, _new=None) -> None:
        table = self.app.table
        lobby = None if table is None else getattr(table, "lobby", None)
        if lobby is None:
            if self.is_current:
                self.dismiss(None)
            return
        role = table.role
        client = table.client
        if role == "seat":
            team = (client.seminar or {}).get("teams", {}).get(client.seat)
            me = f"{team} ({SEAT_NAMES[client.seat]})" if team else SEAT_NAMES[client.seat]
        else:
            me = "the facilitator" if role == "facilitator" else "the projector"
        rules = getattr(client, "rules", None)
        scenario = rules.scenario.title if rules is not None else client.scenario
        self.query_one("#lobby-who", Static).update(Content.assemble(
            f"Game {client.game_id} · {scenario} · {client.turns} turns. You are ", (me, "bold"), "."))
        self.query_one("#lobby-seats", Static).update(Content("\n").join(lobby_lines(lobby, role)))
        if role == "facilitator":
            text = "Enter starts the game when the teams are ready."
        elif lobby.get("autostart"):
            text = "The game starts by itself once every team has joined."
        else:
            text = "The facilitator starts the game."
        self.query_one("#lobby-next", Static).update(Content.styled(text, "bold $accent"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "start":
            table = self.app.table
            return table is not None and getattr(table, "role", None) == "facilitator"
        return True

    def action_start(self) -> None:
        refused = self.app.table.start_game()
        if refused:
            self.notify(refused, severity="warning")

    def action_leave(self) -> None:
        self.app.leave_game()
