"""``greatgame serve``: the game in web browsers, one game process per visitor.

Built on textual-serve's AppService (which runs a Textual app over pipes for one websocket)
but with our own web front: each visitor gets a private saves folder; the page is built for
the address the visitor used; the websocket takes only our own pages' origin, bounded terminal
sizes and a bounded number of visitors; a visitor's game ends when their websocket closes.
The pure checks come first so they can be tested without a server.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import json
import logging
import os
import re
import secrets
import signal
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

TITLE = "The New Great Game"
MAX_WIDTH, MAX_HEIGHT = 500, 200  # a terminal larger than this only costs memory
DEFAULT_SIZE = (80, 24)
STOP_GRACE = 3.0  # seconds a visitor's game has to quit before it is killed
MAX_MESSAGE = 1 << 20  # bytes in one websocket message (keys and sizes are far smaller)
WILDCARDS = ("0.0.0.0", "::")

log = logging.getLogger("greatgame.serve")


class ServeError(Exception):
    """An argument that cannot be used; the message names it, in one line."""


# --- checks on what arrives (pure) ----------------------------------------------------------


def bounded_size(width, height) -> tuple[int, int]:
    """A terminal size a visitor asked for (text or numbers), within 1..MAX: any larger grid
    only grows the game process."""

    def one(value, default: int, most: int) -> int:
        if isinstance(value, bool):
            return default
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            return default
        return max(1, min(number, most))

    return one(width, DEFAULT_SIZE[0], MAX_WIDTH), one(height, DEFAULT_SIZE[1], MAX_HEIGHT)


_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?$")


def split_host(header: str | None) -> tuple[str, str | None] | None:
    """A Host header as (lower-case name, port or None); None if it is not a plain host[:port]
    (anything else could smuggle text into the page)."""
    match = _HOST.match(header or "")
    if match is None:
        return None
    return match.group(1).lower(), match.group(2)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def allowed_names(host: str, addresses: tuple[str, ...], public_url: str | None) -> frozenset[str]:
    """The host names a request may carry (besides any IP address): the --host given, localhost
    when listening on loopback, this machine's names when listening everywhere, and the public
    URL's host. Other names could be a DNS-rebinding page pointing at us."""
    names = {host.lower().strip("[]")}
    loopback = any(ipaddress.ip_address(a).is_loopback for a in addresses)
    everywhere = any(a in WILDCARDS for a in addresses)
    if loopback or everywhere:
        names.add("localhost")
    if everywhere:
        hostname = socket.gethostname().lower()
        names.update({hostname, f"{hostname}.local", socket.getfqdn().lower()})
    if public_url:
        names.add((urlsplit(public_url).hostname or "").lower())
    return frozenset(names - {""})


def host_ok(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request's Host is one of ours: any IP address (a page cannot rebind a literal
    address), or one of ``names``."""
    parts = split_host(header)
    return parts is not None and (_is_ip(parts[0]) or parts[0] in names)


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, without the scheme's default port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def page_base(host_header: str, public_url: str | None) -> str:
    """Where the page's websocket and files are: the public URL if one was given (a proxy in
    front), else the address the visitor used."""
    return public_url or f"http://{host_header}"


def origin_ok(origin: str | None, host_header: str | None, public_url: str | None) -> bool:
    """Whether a websocket comes from one of our own pages: its Origin is the page we served
    for this Host, or the public URL. Any other page (or none) might drive a visitor's game."""
    if not origin or origin == "null" or host_header is None:
        return False
    ours = {origin_of(f"http://{host_header}")}
    if public_url:
        ours.add(origin_of(public_url))
    return origin_of(origin) in ours - {""}


def parse_public_url(text: str) -> str:
    """--public-url: http(s)://host[:port][/path], without a trailing slash."""
    parts = urlsplit(text.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # not a number, or out of range
        port_ok = False
    if not (port_ok and parts.scheme in ("http", "https") and split_host(parts.netloc) is not None
            and not parts.query and not parts.fragment):
        raise ServeError(f"--public-url: expected http://NAME[:PORT] or https://NAME[:PORT] "
                         f"(optionally a /path), found {text!r}")
    return text.strip().rstrip("/")


# --- listening ------------------------------------------------------------------------------


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address of ``host``, made before anything is printed, so a
    bad --host or --port is named as such in one line."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as e:
        raise ServeError(f"--host {host}: not an address, nor a name that resolves "
                         f"({getattr(e, 'strerror', None) or e})") from None
    sockets, errors = [], []
    for family, kind, proto, _, address in dict.fromkeys(infos):
        s = socket.socket(family, kind, proto)
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s.bind(address)
            s.listen(128)
            s.setblocking(False)
        except OSError as e:
            s.close()
            errors.append(e)
            continue
        sockets.append(s)
    # An address family this machine lacks (::1 without IPv6) is skipped if another one worked.
    fatal = [e for e in errors if e.errno != errno.EADDRNOTAVAIL] or (errors if not sockets else [])
    if fatal:
        for s in sockets:
            s.close()
        raise ServeError(_bind_error(host, port, fatal[0]))
    return sockets


def _bind_error(host: str, port: int, e: OSError) -> str:
    reason = e.strerror or str(e)
    if e.errno == errno.EADDRNOTAVAIL:
        return f"--host {host}: not an address of this machine ({reason})"
    if e.errno == errno.EADDRINUSE:
        return f"--port {port}: already in use on {host} ({reason}); choose another port"
    if e.errno == errno.EACCES:
        return f"--port {port}: not allowed ({reason}; ports below 1024 need administrator rights)"
    return f"--host {host} --port {port}: cannot listen there ({reason})"


def banner(host: str, port: int, public_url: str | None, served: Path, max_visitors: int) -> str:
    """What the host is told once the server listens: where to point browsers, who can."""
    if public_url:
        where = f"at {public_url} (the public URL; listening on {host}:{port})"
    elif host in WILDCARDS:
        where = (f"on port {port} of every address of this machine, e.g. http://{socket.gethostname()}:{port} "
                 f"(anyone who can reach this machine)")
    else:
        shown = f"[{host}]" if ":" in host else host
        reach = ("this machine only; --host 0.0.0.0 lets others on your network join"
                 if host in ("127.0.0.1", "localhost", "::1") else "anyone who can reach this address")
        where = f"at http://{shown}:{port} ({reach})"
    return (f"Serving {TITLE} {where}. Ctrl+C stops.\n"
            f"Each visitor plays with a private saves folder under {served}/; at most {max_visitors} at once.")


# --- the visitors' folders and games --------------------------------------------------------


def private_folder(root: Path) -> Path:
    """A new folder no one else's game is given (random name, mode 0700), under ``root``."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    while True:
        folder = root / secrets.token_hex(8)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        folder.chmod(0o700)  # whatever the umask
        return folder


def visitor_command(cards: Path, saves: Path, join: str | None = None) -> list[str]:
    """The game a visitor plays: the full-screen interface with their own saves folder; with
    ``join``, opening on the join form of that game server (its address fixed)."""
    argv = [sys.executable, "-m", "game", "--cards", str(Path(cards).resolve()), "play", "--saves-dir", str(saves)]
    return argv + (["--join", join] if join else [])


def parse_join_url(text: str) -> str:
    """--join: the game server's address, as this machine reaches it."""
    from game.net.client import ws_url

    try:
        ws_url(text)
    except ValueError as e:
        raise ServeError(f"--join: {e}") from None
    return text.strip()


class VisitorGame(AppService):
    """AppService (one Textual app over pipes) made to run ``argv`` without a shell, in its own
    process group, at bounded sizes, and to be killed if it does not quit when asked."""

    def __init__(self, argv: list[str], **kwargs):
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24):
        width, height = bounded_size(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height),
            start_new_session=True)
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*bounded_size(width, height))

    def kill(self) -> None:
        """End the game and anything it started (its AI helper), at once."""
        if self._process is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    async def _quit(self, task) -> None:
        await self.send_meta({"type": "quit"})
        await asyncio.shield(task)

    async def stop(self) -> None:
        """Ask the game to quit; kill it (and its helpers) if it has not within STOP_GRACE."""
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            await asyncio.wait_for(self._quit(task), STOP_GRACE)
        except asyncio.TimeoutError:
            log.warning("a visitor's game did not quit within %g s: killed", STOP_GRACE)
        finally:
            self.kill()
        await task


# --- the web server -------------------------------------------------------------------------


class GameServer:
    """The aiohttp application: the page, its files and the websocket of each visitor."""

    def __init__(self, *, cards: Path, served: Path, names: frozenset[str], public_url: str | None,
                 max_visitors: int, join: str | None = None):
        self.cards, self.served, self.names = cards, served, names
        self.join = join  # each visitor opens on this game server's join form
        self.public_url, self.max_visitors = public_url, max_visitors
        self.visitors = 0
        self.sockets: set = set()
        self.games: set = set()
        self.downloads = DownloadManager()  # files a game hands its browser (a Screenshot)

    def make_app(self) -> web.Application:
        @web.middleware
        async def check_host(request, handler):
            """Every request must name one of our hosts (see host_ok), else a plain 400."""
            host = request.headers.get("Host")
            if not host_ok(host, self.names):
                log.warning("%s: request for host %r refused (not a name of this server)", request.remote, host)
                return web.Response(status=400, text="Bad request: this server does not answer to that host name.\n")
            return await handler(request)

        package = Path(textual_serve.__file__).resolve().parent
        app = web.Application(middlewares=[check_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(package / "templates"), autoescape=True)
        app.add_routes([web.get("/", self.handle_index, name="index"),
                        web.get("/ws", self.handle_websocket, name="websocket"),
                        web.get("/download/{key}", self.handle_download, name="download"),
                        web.static("/static", package / "static", name="static")])
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self.on_cleanup)
        return app

    def _full(self) -> bool:
        return self.visitors >= self.max_visitors

    def _full_text(self) -> str:
        return (f"{TITLE} is full: {self.visitors} visitors are playing, the most this server takes. "
                f"Try again in a while.")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self._full():
            return web.Response(status=503, content_type="text/html",
                                text=f"<!DOCTYPE html><title>{TITLE}: full</title><p>{self._full_text()}</p>\n")
        base = page_base(request.headers["Host"], self.public_url)
        websocket = "ws" + base[len("http"):] + "/ws"  # http -> ws, https -> wss
        try:
            font_size = max(6, min(int(request.query.get("fontsize", "16")), 64))
        except ValueError:
            font_size = 16
        context = {"font_size": font_size,
                   "app_websocket_url": websocket,
                   "config": {"static": {"url": base + "/static/"}},
                   "application": {"name": TITLE}}
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        refusal = self._refusal(request, ws)
        if refusal is not None:
            return refusal
        self.visitors += 1  # before any await, so the count is exact
        folder = game = None
        try:
            folder = private_folder(self.served)
            await ws.prepare(request)
            self.sockets.add(ws)
            game = VisitorGame(visitor_command(self.cards, folder, self.join), write_bytes=ws.send_bytes,
                               write_str=ws.send_str, close=ws.close, download_manager=self.downloads)
            self.games.add(game)
            log.info("%s: a visitor's game started, saves in %s", request.remote, folder)
            await game.start(*bounded_size(request.query.get("width"), request.query.get("height")))
            await self._messages(ws, game)
        except (OSError, RuntimeError) as e:
            log.error("%s: a visitor's game failed: %s", request.remote, e)
        finally:
            try:
                if game is not None:
                    await game.stop()
            finally:
                self.games.discard(game)
                self.sockets.discard(ws)
                self.visitors -= 1
                _remove_if_empty(folder)
        if not ws.prepared:
            return web.Response(status=500, text="The game could not be started.\n")
        return ws

    def _refusal(self, request: web.Request, ws: web.WebSocketResponse) -> web.Response | None:
        """Why this websocket gets no game, as a plain answer (and one log line); None if it may
        have one. Nothing is started before these checks."""
        if not ws.can_prepare(request).ok:
            log.info("%s: %s %s without a websocket upgrade: answered 400", request.remote, request.method,
                     request.path)
            return web.Response(status=400, text="This address is the game's websocket: open / in a browser.\n")
        origin = request.headers.get("Origin")
        if not origin_ok(origin, request.headers.get("Host"), self.public_url):
            log.warning("%s: websocket from origin %r refused (not this server's page)", request.remote, origin)
            return web.Response(status=403, text="Forbidden: only this server's own page may start a game.\n")
        if self._full():
            log.warning("%s: websocket refused: %d visitors already playing", request.remote, self.visitors)
            return web.Response(status=503, text=self._full_text() + "\n")
        return None

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file a visitor's game delivered (textual-serve's download, by its random key)."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            return web.Response(status=404, text="No such download (it may have been fetched already).\n")
        response = web.StreamResponse()
        response.headers["Content-Type"] = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename={meta.file_name}"
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _messages(self, ws, game) -> None:
        """The browser's messages to its game; anything malformed is ignored."""
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await game.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await game.set_terminal_size(*bounded_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await ws.send_json(["pong", data])
            elif kind == "blur":
                await game.blur()
            elif kind == "focus":
                await game.focus()

    async def on_shutdown(self, app) -> None:
        """Ctrl+C: close every visitor's websocket, which ends their game."""
        for ws in list(self.sockets):
            await ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutting down")

    async def on_cleanup(self, app) -> None:
        for game in list(self.games):
            game.kill()


def _remove_if_empty(folder: Path | None) -> None:
    """A visitor who saved nothing leaves no folder behind."""
    if folder is not None:
        try:
            folder.rmdir()
        except OSError:
            pass


def serve(*, host: str, port: int, cards: Path, saves_dir: Path, public_url: str | None,
          max_visitors: int, join: str | None = None) -> int:
    """Check the arguments by binding, then print where to go and serve until Ctrl+C.
    A bad argument raises ServeError before anything is printed."""
    public = parse_public_url(public_url) if public_url is not None else None
    join = parse_join_url(join) if join is not None else None
    sockets = bind(host, port)
    served = Path(saves_dir) / "served"
    try:
        served.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        for s in sockets:
            s.close()
        raise ServeError(f"--saves-dir {saves_dir}: cannot make {served} ({e.strerror or e})") from None
    addresses = tuple(s.getsockname()[0] for s in sockets)
    names = allowed_names(host, addresses, public)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    print(banner(host, port, public, served, max_visitors), flush=True)
    if join:
        print(f"Each visitor opens on the join form of the game server at {join} and types a code.", flush=True)
    server = GameServer(cards=cards, served=served, names=names, public_url=public, max_visitors=max_visitors,
                        join=join)
    web.run_app(server.make_app(), sock=sockets, print=None, shutdown_timeout=STOP_GRACE + 2)
    return 0
