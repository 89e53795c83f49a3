"""``greatgame join URL CODE --text``: a hosted game in plain text (game.net.client).

It prints what this screen's viewer may read as it happens (the log, in words), the board and
the numbered choices when this seat must decide; a number answers. The facilitator types
commands (``start``, ``pause``, ``resume``, ``note TEXT``, ``inject CARD [SEAT]``, ``hold CARD``,
``release CARD``, ``next CARD``, ``adjust WHAT +N REASON``, ``coming``); the projector only reads.
``q`` leaves (the game goes on; join again with the same code). The connection is kept by the
client library: after a drop it reconnects by itself and says so.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import types

from game.rules import moves as M
from game.rules.model import SEAT_NAMES
from game.words.log import describe, describe_choice, describe_pending
from game.net.client import Client, ClientError

HELP_FACILITATOR = ("Facilitator: start | pause | resume | coming | note TEXT | inject CARD [SEAT] | hold CARD | "
                    "release CARD | next CARD | adjust WHAT +N REASON | q")


def _lines_in(queue: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
    """Read standard input in a thread (input() blocks) and hand each line to the loop."""
    for line in sys.stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
    loop.call_soon_threadsafe(queue.put_nowait, None)


def facilitator_move(line: str) -> tuple[tuple, str | None] | None:
    """A facilitator's typed command as (move, reason), or None when it is not one."""
    words = line.split()
    if not words:
        return None
    kind = words[0].lower()
    if kind == M.NOTE and len(words) > 1:
        return M.note(), line.split(None, 1)[1]
    if kind == M.ADJUST and len(words) >= 4:
        return (M.ADJUST, words[1], words[2]), " ".join(words[3:])
    if kind == M.INJECT and len(words) in (2, 3):
        return tuple([M.INJECT] + words[1:]), None
    if kind in M.NEWS_KINDS and len(words) == 2:
        return (kind, words[1]), None
    return None


class TextScreen:
    """Prints a client's views as they change; reads the answers."""

    def __init__(self, client: Client, out=print):
        self.client = client
        self.out = out
        self.shown_log = 0
        self.shown: list = []  # the entries printed, in order
        self.shown_state = None
        self.prompted = None  # the position whose choices were printed
        self.status = None
        self.paused = None
        self.lobby = None

    def show(self) -> None:
        c = self.client
        if c.state != self.shown_state:
            self.shown_state = c.state
            if c.state == "connected":
                self.out(f"-- connected to game {c.game_id} as {self.who()} --")
            elif c.state == "reconnecting":
                self.out(f"-- connection lost ({c.problem or 'dropped'}); reconnecting... --")
        view = c.view
        if view is None:
            return
        log = view.log
        if view.log_from == 0 and self.shown:  # a fresh log: print only what was not printed
            fresh, k = [], 0
            for entry in log:
                if k < len(self.shown) and entry == self.shown[k]:
                    k += 1
                else:
                    fresh.append(entry)
            if view.status == "over":
                self.out("-- the game is over: every team's reasons can be read now --")
            new = fresh
        else:
            new = list(log[self.shown_log:])
        for entry in new:
            self.out(describe(entry, view.obs.rules))
        self.shown = list(log)
        self.shown_log = len(log)
        if view.status != self.status:
            self.status = view.status
            if view.status == "playing":
                self.out("-- the game has started --")
            elif view.status == "over":
                self.out(f"-- game over. Final digest {view.digest} --")
        if view.status == "lobby" and self.lobby_text() != self.lobby:
            self.lobby = self.lobby_text()
            self.out(self.lobby)
        if view.paused != self.paused:
            if view.paused or self.paused is not None:
                self.out("-- paused by the facilitator --" if view.paused else "-- the game goes on --")
            self.paused = view.paused
        if view.choices and self.prompted != view.position:
            self.prompted = view.position
            self.out(self.board())
            self.out(describe_pending(view.obs) + self.clock_text())
            for i, choice in enumerate(view.choices, 1):
                self.out(f"  {i:>2}. {describe_choice(view.obs, choice)}")
            self.out("Type a number (and, after it, why if you like), or q to leave.")

    def clock_text(self) -> str:
        """The phase clock, as the game screen's top bar says it: " (Moscow 1:45 left)"."""
        from game.play.seminar import clock_text

        view = self.client.view
        left = view.clock_remaining()
        if left is None:
            return ""
        return f" ({view.clock['label']} {clock_text(left)} left{'' if view.clock.get('running') else ', paused'})"

    def who(self) -> str:
        c = self.client
        if c.role == "seat":
            team = (c.seminar or {}).get("teams", {}).get(c.seat)
            return f"{team} ({SEAT_NAMES[c.seat]})" if team else SEAT_NAMES[c.seat]
        return c.role

    def lobby_text(self) -> str:
        lobby = self.client.view.lobby
        here = [s for s, v in lobby.get("seats", {}).items() if v.get("joined")]
        waiting = [s for s, v in lobby.get("seats", {}).items() if v.get("controller") == "human" and not v.get("joined")]
        return (f"-- lobby: joined {', '.join(here) or 'no seat yet'}; waiting for {', '.join(waiting) or 'nobody'}; "
                f"facilitator {'here' if lobby.get('facilitator') else 'not here'} --")

    def board(self) -> str:
        from game.clients.textplay import board

        view = self.client.view
        text = board(types.SimpleNamespace(state=view.obs, rules=view.obs.rules))
        hand = ", ".join(view.obs.rules.cards[c].title for c in view.obs.hand)
        return text + (f"\nYour hand: {hand}" if hand else "")

    async def answer(self, line: str) -> bool:
        """Act on a typed line; False to leave."""
        c = self.client
        line = line.strip()
        if line.lower() in ("q", "quit"):
            return False
        view = c.view
        if view is None or not line:
            return True
        if c.role == "facilitator":
            return await self.facilitate(line)
        first, _, why = line.partition(" ")
        if view.choices and first.isascii() and first.isdigit() and 1 <= int(first) <= len(view.choices):
            problem = await c.send_move(view.choices[int(first) - 1], why.strip() or None, at=self.prompted)
            if problem:
                self.out(f"Not played: {problem}")
                self.prompted = None
            return True
        self.out(f"Type a number from 1 to {len(view.choices)}, or q." if view.choices else
                 "Nothing to choose now; q leaves (the game goes on without you).")
        return True

    async def facilitate(self, line: str) -> bool:
        c = self.client
        word = line.split()[0].lower()
        if word == "start":
            problem = await c.start_game()
        elif word in ("pause", "resume"):
            problem = await c.pause(word == "pause")
        elif word == "coming":
            for card, where, turn in c.view.coming or []:
                self.out(f"  {c.view.obs.rules.cards[card].title} ({where}{'' if turn is None else f', turn {turn}'})")
            return True
        else:
            move = facilitator_move(line)
            if move is None:
                self.out(HELP_FACILITATOR)
                return True
            problem = await c.send_move(*move)
        self.out(f"Refused: {problem}" if problem else "Done.")
        return True


async def play_text(url: str, code: str, cards=None, lines: asyncio.Queue | None = None, out=print) -> int:
    """Play until the game ends and standard input does (or ``lines``, a queue of typed lines
    ending with None, does); the exit code."""
    from game.rules.loader import CARDS_DIR

    client = Client(url, code, cards=CARDS_DIR if cards is None else cards)
    screen = TextScreen(client, out)
    changed = asyncio.Event()
    client.on_change = lambda _c: changed.set()
    if lines is None:
        lines = asyncio.Queue()
        threading.Thread(target=_lines_in, args=(lines, asyncio.get_running_loop()), daemon=True).start()
    await client.start()
    try:
        try:
            await client.wait_ready(timeout=60)
        except ClientError as e:
            out(f"greatgame: error: {e}")
            return 2
        except asyncio.TimeoutError:
            out(f"greatgame: error: no answer from {client.url} ({client.problem or 'no server there?'})")
            return 2
        if client.role == "facilitator":
            out(HELP_FACILITATOR)
        while True:
            screen.show()
            if client.state == "failed":
                out(f"greatgame: error: {client.problem}")
                return 2
            changed.clear()
            line_task = asyncio.ensure_future(lines.get())
            change_task = asyncio.ensure_future(changed.wait())
            done, _ = await asyncio.wait({line_task, change_task}, return_when=asyncio.FIRST_COMPLETED)
            change_task.cancel()
            if line_task in done:
                line = line_task.result()
                if line is None or not await screen.answer(line):
                    out("Left the game; join again with the same code.")
                    return 0
            else:
                line_task.cancel()
    finally:
        await client.close()


def run_text_client(args) -> int:
    from game.net.client import ws_url

    try:
        ws_url(args.url)
    except ValueError as e:
        print(f"greatgame: error: URL: {e}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(play_text(args.url, args.code, args.cards))
    except ClientError as e:
        print(f"greatgame: error: CODE: {e}", file=sys.stderr)
        return 2


