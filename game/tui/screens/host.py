"""Host a game from the title screen: the seminar form, then a game on a server and its codes.

The form is the seminar's (teams at the seats, the computer at the others, scenario, turns,
time per phase, seed), with who may join, the port and how the game starts. The game is made
in the games database of the saves folder and served from this interface while it runs
(game.clients.hostlocal), unless a game server already answers on the port (``greatgame host``
in another terminal), which then serves it. The next screen shows the address and the codes to
read out, once, and opens the facilitator's screen or the projector here.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from game.tui.screens.base import BaseScreen
from game.tui.screens.seminar import SeminarSetupScreen
from game.tui.widgets.footer import KeyFooter

WHO = [("this machine only (to try it)", "127.0.0.1"), ("anyone on this network", "0.0.0.0")]
STARTS = [("when the facilitator starts it", "facilitator"), ("once every team has joined", "joined")]


class HostSetupScreen(SeminarSetupScreen):
    """The seminar's form, for a game on a server: each team on its own screen."""

    START = "Host (ctrl+s)"
    GUIDE = SeminarSetupScreen.GUIDE + """

## Hosting

The game is made on a game server and each team plays it on its own screen (a terminal with
`greatgame join`, or a browser), the facilitator on another and the room's projector on a
third. **Who may join**: this machine only, or anyone on this network (the join codes are then
the only lock). **Port**: where the server listens (8765 unless another program uses it).
**Starts**: when the facilitator says so (a seminar), or as soon as every team has joined.
The game is kept in the saves folder's games database; a server already running on the port
(`greatgame host`) serves it instead of this interface."""

    def more_fields(self) -> ComposeResult:
        from game.net.server import DEFAULT_PORT

        yield Label("Who may join", classes="field-label")
        yield Select(WHO, value="127.0.0.1", allow_blank=False, id="host-who", compact=True)
        yield Label("Port", classes="field-label")
        with Horizontal(classes="sem-row"):
            yield Input(str(DEFAULT_PORT), id="host-port", compact=True, restrict=r"[0-9]*", max_length=5,
                        classes="sem-short")
            yield Static("where the server listens", classes="sem-hint")
        yield Label("Starts", classes="field-label")
        yield Select(STARTS, value="facilitator", allow_blank=False, id="host-starts", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#sem-box").border_title = "Host a game"
        self.query_one("#sem-intro", Static).update(
            "Name the team at each seat; each team joins from its own screen with a code. A seat left "
            "empty is played by the computer on the server. F1 explains every field.")

    def begin(self, scenario: str, seats: dict, seed: int, seminar) -> None:
        if "human" not in seats.values():
            self._say("Name at least one team: a hosted game is for teams on their own screens.")
            return
        text = self.query_one("#host-port", Input).value.strip()
        port = int(text) if text.isdigit() else 0
        if not 1024 <= port <= 65535:
            self._say("Port: expected a number from 1024 to 65535.")
            return
        self._host(scenario, seats, seed, seminar, port, self.query_one("#host-who", Select).value,
                   self.query_one("#host-starts", Select).value == "joined")

    def _say(self, text: str) -> None:
        box = self.query_one("#sem-errors", Static)
        box.display = True
        box.update(text)

    @work(exclusive=True, group="host", exit_on_error=False)
    async def _host(self, scenario: str, seats: dict, seed: int, seminar, port: int, who: str,
                    autostart: bool) -> None:
        from game.clients.hostlocal import LocalHost, address_to_read_out, answers, make_game
        from game.net.server import HostError
        from game.net.store import StoreError, default_db
        from game.rules.loader import DataError

        app = self.app
        self._say("Making the game…")
        db = default_db(app.saves_dir)
        try:
            rules = app.library.rules(scenario)
            row, codes = make_game(db, rules, seed=seed, seats=seats, seminar=seminar, autostart=autostart)
        except DataError as e:
            self._cards_fault(e)
            return
        except (StoreError, OSError) as e:
            self._say(f"The game could not be made in {db}: {e}")
            return
        hosting = getattr(app, "hosting", None)
        if hosting is not None and hosting.port == port:
            url, note = hosting.url, "served from this interface"
        elif await answers(port):
            url, note = address_to_read_out(who, port), f"served by the game server already on port {port}"
        else:
            hosting = LocalHost(db, host=who, port=port, cards=app.cards_dir)
            try:
                await hosting.start()
            except (HostError, StoreError) as e:
                self._say(f"The game was made (game {row.id}) but cannot be served: {e}")
                return
            if getattr(app, "hosting", None) is not None:
                await app.hosting.close()
            app.hosting = hosting  # closed with the App (game.tui.app)
            url, note = hosting.url, "served from this interface while it runs"
        app.push_screen(HostedScreen(row, codes, url, f"http://127.0.0.1:{port}", db, note))


class HostedScreen(BaseScreen):
    """The address and the codes to read out, shown once; the facilitator's screen or the
    projector opens here."""

    CSS_PATH = "hosting.tcss"
    GUIDE = """\
## The game is hosted

Read out the address and each team's code: a team types them in *Join a game* on its title
screen, or runs `greatgame join ADDRESS CODE`, or opens the browser page of
`greatgame serve --join ADDRESS`. The codes are shown only now (the server keeps only their
hashes): write them down. `greatgame host codes GAME` makes new ones (the old stop working).

`f` opens the facilitator's screen here (the lobby, then the console); `p` opens the projector
here. A game served from this interface is served while it runs; quitting stops the server
(every move is kept: `greatgame host` serves the game on). Escape goes back to the title."""

    BINDINGS = [Binding("f", "open('facilitator')", "Facilitator here"),
                Binding("p", "open('projector')", "Projector here"),
                Binding("escape", "back", "Title")]

    def __init__(self, row, codes: dict, url: str, local_url: str, db, note: str):
        super().__init__()
        self.row, self.codes, self.url, self.local_url, self.db, self.note = row, codes, url, local_url, db, note

    def body(self) -> ComposeResult:
        from game.clients.hostlocal import code_rows

        row = self.row
        kind = (f"a seminar of {row.seminar.turns} turns, {row.seminar.phase_seconds} s a phase"
                if row.seminar is not None else "a game")
        start = ("It starts once every team has joined." if row.autostart
                 else "It waits in the lobby until the facilitator starts it.")
        computers = [s for s, c in row.seats.items() if c != "human"]
        with Vertical(id="hosted-box", classes="form-box") as box:
            box.border_title = f"Game {row.id} is hosted"
            yield Static(Content.assemble("Players join at ", (self.url, "bold $accent"), f" ({self.note})."),
                         id="hosted-url")
            yield Static(f"{kind[0].upper()}{kind[1:]}, seed {row.seed}, kept in {self.db}. {start}",
                         id="hosted-what", markup=False)
            yield Static(Content("\n").join(Content.assemble(f"  {who:<34}", (code, "bold"))
                                             for who, code in code_rows(row, self.codes)), id="hosted-codes")
            if computers:
                yield Static(f"  The server plays {', '.join(computers)}.", id="hosted-computers", markup=False)
            yield Static(f"The codes are shown only now (the server keeps only their hashes): write them down. "
                         f"`greatgame host codes {row.id}` makes new ones and the old stop working.",
                         id="hosted-once", markup=False)
            yield Static("f: the facilitator's screen here · p: the projector here · Esc: the title",
                         id="hosted-keys")
        yield KeyFooter()

    def action_open(self, role: str) -> None:
        from game.tui.screens.join import JoinScreen

        self.app.push_screen(JoinScreen(self.local_url, self.codes[role], connect_now=True))

    def action_back(self) -> None:
        self.app.pop_screen()
