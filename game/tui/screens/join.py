"""Join a hosted game: the server's address and this screen's join code.

The code says the game and the role (a team's seat, the facilitator, the projector); the
server (``greatgame host``) sends this screen only what that role may see. Once joined, the
screens of a local game open on the hosted one (game.clients.remote.RemoteTable): a seat's
game screen, the facilitator's console, or the projector.
"""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

CONNECT_SECONDS = 20.0
EXAMPLE_URL = "http://192.168.1.20:8765"


async def connect(app, url: str, code: str):
    """Join the game at ``url`` with ``code``: its table (game.clients.remote.RemoteTable), or
    why not, in one line."""
    from game.clients.remote import RemoteTable
    from game.net.client import Client, ClientError, ws_url

    url, code = url.strip(), code.strip()
    if not url:
        return f"Type the server's address, such as {EXAMPLE_URL}."
    try:
        ws_url(url)
    except ValueError as e:
        return str(e)[:1].upper() + str(e)[1:] + "."
    if not code:
        return "Type your join code, such as K7QX-4M2P-ZT9D."
    def rules_for(scenario: str, turns: int):  # the cards this App has read already (or reads now)
        from game.play.seminar import Seminar, seminar_rules
        from game.rules.loader import DataError

        try:
            return seminar_rules(app.library.rules(scenario), Seminar(turns=turns))
        except DataError as e:  # final: this screen cannot show that game
            raise ClientError(f"this screen's cards cannot play the game's scenario {scenario!r} "
                              f"({e.faults[0] if e.faults else e})") from None

    try:
        client = Client(url, code, cards=app.cards_dir, rules_for=rules_for)
    except ClientError as e:
        return str(e)[:1].upper() + str(e)[1:] + "."
    await client.start()
    try:
        await client.wait_ready(timeout=CONNECT_SECONDS)
    except ClientError as e:
        await client.close()
        return f"The server refused this code: {e}"
    except (asyncio.TimeoutError, asyncio.CancelledError) as e:
        problem = client.problem or "is a game server running there?"
        await client.close()
        if isinstance(e, asyncio.CancelledError):
            raise
        return f"No answer from {url} ({problem})."
    return RemoteTable(client, pace=app.pace)


def join_screen(app) -> "JoinScreen":
    """The join form as this App opens it: with the server's address fixed when it was started
    for one server (``greatgame play --join URL``), else empty."""
    first = getattr(app, "_first_screen", None)
    if isinstance(first, tuple) and first[0] == "join" and first[4]:
        return JoinScreen(first[1], fixed=True)
    return JoinScreen()


class JoinScreen(BaseScreen):
    """The form: the server's address and the join code; Enter joins."""

    CSS_PATH = "hosting.tcss"

    GUIDE = f"""\
## Join a game

Someone hosts the game (`greatgame host`, or *Host a game* on the title screen) and reads out
a **join code** for each team's seat, one for the facilitator and one for the projector.

- **Server**: the address the host gives, such as `{EXAMPLE_URL}`.
- **Code**: yours, such as `K7QX-4M2P-ZT9D` (letters in any case; dashes and spaces do not
  matter; O is read as 0 and I or L as 1).

Enter joins. A team sees its own hand and decides on this screen; nobody else's hand is ever
sent here. If the connection drops, the game reconnects by itself; if this screen is closed,
the same code joins again and the game is as it is. Escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, url: str = "", code: str = "", connect_now: bool = False, fixed: bool = False):
        """``fixed``: the server's address is given and cannot be changed (a browser's, from
        ``greatgame serve --join URL``: its game runs on the server's machine)."""
        super().__init__()
        self.url, self.code = url, code
        self.connect_now = connect_now
        self.fixed = fixed

    def body(self) -> ComposeResult:
        with Vertical(id="join-box", classes="form-box") as box:
            box.border_title = "Join a game"
            yield Static("The host gives you the server's address and a code for your team, the "
                         "facilitator or the projector.", id="join-intro")
            yield Label("Server (set by this page)" if self.fixed else "Server")
            yield Input(self.url, placeholder=EXAMPLE_URL, id="join-url", compact=True, disabled=self.fixed)
            yield Label("Join code")
            yield Input(self.code, placeholder="K7QX-4M2P-ZT9D", id="join-code", compact=True)
            yield Static("", id="join-result")
            with Horizontal(id="join-buttons"):
                yield Button("Join (Enter)", id="join-go", variant="primary", compact=True)
                yield Button("Back (Esc)", id="join-back", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#join-code" if self.url else "#join-url", Input).focus()
        if self.fixed:
            self.query_one("#join-intro", Static).update(
                "Type the code the host gave you: for your team, the facilitator or the projector.")
        if self.connect_now:  # once drawn (opened at start-up, the App is still mounting its screens)
            self.call_after_refresh(self.action_join)

    @on(Input.Submitted, "#join-url")
    def _url_done(self) -> None:
        self.query_one("#join-code", Input).focus()

    @on(Input.Submitted, "#join-code")
    def _code_done(self) -> None:
        self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "join-go":
            self.action_join()
        else:
            self.action_back()

    def result(self, text: str, error: bool = False) -> None:
        widget = self.query_one("#join-result", Static)
        widget.set_class(error, "-error")
        widget.update(Content(text))

    def action_join(self) -> None:
        url = self.query_one("#join-url", Input).value
        code = self.query_one("#join-code", Input).value
        self.result(f"Joining {url.strip()}…")
        self._join(url, code)

    @work(exclusive=True, group="join", exit_on_error=False)
    async def _join(self, url: str, code: str) -> None:
        joined = await connect(self.app, url, code)
        if isinstance(joined, str):
            if self.is_attached:
                self.result(joined, error=True)
            return
        self.app.call_later(self.app.seat, joined)  # shown from the App's own loop, not this worker

    def action_back(self) -> None:
        self.workers.cancel_group(self, "join")
        self.app.pop_screen()
