"""Reading cards and scenarios from YAML, with one clear line per fault.

Data is read with ``yaml.safe_load`` (so no tag can build a Python object); the same text is
also composed into nodes, only to learn which line each value stood on. Every fault is
collected as ``FILE:LINE: field: what was expected`` and a bad file never reaches the engine.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

import attrs
import yaml

from game.rules import cards as C
from game.rules.model import BORDERING, COUNTRIES, COUNTRY_INDEX, FIELDS, POWERS, SEAT_INDEX, SEATS, TRACK_INDEX, TRACKS

from game.rules.paths import CARDS_DIR, ROOT, SEEDS_DIR  # re-exported: callers import them from here
SCENARIOS_FILE = "scenarios.yaml"

CARD_KEYS = {
    "id": True, "title": True, "deck": True, "seat": True, "ops": True, "text": True,
    "effects": True, "source": True, "question": True,
    "date": False, "once": False, "actor": False, "target": False, "period": False,
}
PERIODS = ("early", "late")  # early: in the decks from the start; late: once the US has withdrawn
SCENARIO_KEYS = {
    "id": True, "title": True, "description": True, "start": True, "turns": True, "dated": True,
    "hand_size": True, "rounds": True, "tracks": True, "states": True,
    "withdrawn": False, "vp": False,
}
STATE_KEYS = {"stability": True, "discontent": True, "refugees": True, "border": False,
              "influence": True, "bases": False, "csto": False, "turkic": False}
OFFER_KINDS = ("base", "pact", "corridor", "cooperation", "aid")
SELECTOR_GROUPS = {"all": tuple(range(len(COUNTRIES))), "bordering": BORDERING}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# Limits a real game never reaches, checked before the work they bound (a hostile file is refused
# in one line rather than eating memory or time). The shipped deck: 49 cards in 8 files of at most
# 14 KB, nested 11 deep, 981 nodes; a 10-turn save: a few hundred choices in tens of KB.
MAX_CARD_FILE_BYTES = 1_000_000
MAX_CARD_FILES = 200
MAX_CARDS = 1000
MAX_DEPTH = 50  # nesting of a YAML document
MAX_NODES = 100_000  # values in a document once its aliases are expanded
MAX_SHORT_TEXT = 100  # a title or an option's label: one line
MAX_LONG_TEXT = 2000  # a card's text, question or quote, a scenario's description
MAX_SHOWN = 60  # characters of a value a message shows
MAX_SAVE_BYTES = 2_000_000  # a save file (here so the saves list can check it without the engine)
TEMP_PREFIX = ".tmp-"  # save.write_atomic's temporary files: ".tmp-" and 8 characters from mkstemp
TEMP_RE = re.compile(r"\.tmp-[a-z0-9_]{8}|\..+\.ya?ml\.[a-z0-9_]{8}\.tmp")  # ours, and the older form
STALE_SECONDS = 600  # a temporary file this old was left by a writer killed before its rename
# C0 controls (but newline and tab where text may run over lines), DEL and C1: terminal escapes.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE_RE = re.compile("[\x00-\x1f\x7f-\x9f]")


def shorten(value, limit: int = MAX_SHOWN) -> str:
    """A value as a message shows it: at most about ``limit`` characters, escapes visible, and
    never the whole repr of something huge (a container is named by kind and size)."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        text = repr(value[:limit])
        return text[:-1] + "…" + text[-1]
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 3 * limit:
            return f"a number of about {int(value.bit_length() * 0.30103)} digits"
        text = str(value)
        return text if len(text) <= limit else text[:limit] + "…"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (set, frozenset)):
        return f"a set of {len(value)} items"
    if isinstance(value, (bytes, bytearray)):
        return f"{len(value)} bytes"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def one_line(text: str) -> str:
    """Text for a one-line message: control characters (newlines included) shown escaped."""
    return _CONTROL_LINE_RE.sub(lambda m: repr(m.group())[1:-1], text)


def control_character(text: str, multiline: bool = False) -> str | None:
    """The first control character in ``text``, escaped (e.g. '\\x1b'), or None."""
    found = (_CONTROL_RE if multiline else _CONTROL_LINE_RE).search(text)
    return None if found is None else repr(found.group())[1:-1]


@attrs.frozen
class Fault:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}: {self.field}: {self.message}")


class DataError(Exception):
    """Cards or scenarios that must not start a game; ``faults`` says every reason."""

    def __init__(self, faults: list[Fault]):
        super().__init__("\n".join(str(f) for f in faults))
        self.faults = faults


class _Bad(Exception):
    """One fault at a path, raised while compiling and caught per card."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


# --- reading YAML with line numbers -------------------------------------------------------


class _Doc:
    """A parsed file: its data, and the line of every value and key by path."""

    def __init__(self, name: str, data, lines: dict):
        self.name = name
        self.data = data
        self.lines = lines

    def line(self, path: tuple) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def fault(self, path: tuple, message: str) -> Fault:
        return Fault(self.name, self.line(path), _field(path), message)


def _field(path: tuple) -> str:
    out = ""
    for part in path:
        plain = isinstance(part, str) and len(part) <= MAX_SHOWN or (
            isinstance(part, int) and not isinstance(part, bool) and part.bit_length() < 64)
        if not plain:  # a key from a hostile file
            part = shorten(part)
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _walk(node, path: tuple, lines: dict, faults: list, name: str, seen: set | None = None) -> None:
    lines[path] = node.start_mark.line + 1
    # An alias shares its anchor's node: walk each node once, or a self-referencing anchor
    # ("&a [*a]") recurses forever and nested aliases ("billion laughs") take exponential time.
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys = set()
        for key, value in node.value:
            k = key.value
            if k in keys:
                faults.append(Fault(name, key.start_mark.line + 1, _field(path + (k,)), "duplicate key"))
            keys.add(k)
            _walk(value, path + (k,), lines, faults, name, seen)
            lines[path + (k,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, faults, name, seen)


class _TooBig(yaml.YAMLError):
    """A document past a limit, found while composing (before anything is built from it)."""

    def __init__(self, mark, problem: str):
        super().__init__(problem)
        self.problem_mark, self.problem = mark, problem


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses, while composing, nesting deeper than MAX_DEPTH (before Python's
    recursion limit) and aliases that would expand past MAX_NODES values ("billion laughs":
    safe_load shares the nodes cheaply, but walking or printing the data expands them)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict = {}  # id(node) -> its size with aliases expanded

    def compose_node(self, parent, index):
        alias = self.check_event(yaml.AliasEvent)
        mark = self.peek_event().start_mark
        if self._depth >= MAX_DEPTH:
            raise _TooBig(mark, f"expected data nested at most {MAX_DEPTH} deep")
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        size = self._sizes.get(id(node))
        if size is None:
            if alias:
                raise _TooBig(mark, "expected plain data; this alias refers to the value that contains it")
            if isinstance(node, yaml.MappingNode):
                size = 1 + sum(self._sizes[id(k)] + self._sizes[id(v)] for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                size = 1 + sum(self._sizes[id(v)] for v in node.value)
            else:
                size = 1
            self._sizes[id(node)] = size
        if size > MAX_NODES:
            raise _TooBig(mark, f"expected at most {MAX_NODES} values with aliases expanded")
        return node


def parse_yaml(text: str):
    """(data, node) of one YAML document, bounded as _BoundedLoader says; YAMLError if not."""
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def read_yaml(path: Path, name: str | None = None,
              max_bytes: int = MAX_CARD_FILE_BYTES) -> tuple[_Doc | None, list[Fault]]:
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # before reading it
            return None, [Fault(name, 1, "(file)", f"expected at most {max_bytes:,} bytes, found {size:,}")]
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)  # never more, whatever the size said (/dev/zero says 0)
    except OSError as e:
        return None, [Fault(name, 1, "(file)", f"cannot be read: {e.strerror or e}")]
    if len(raw) > max_bytes:
        return None, [Fault(name, 1, "(file)", f"expected at most {max_bytes:,} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Fault(name, line, "(file)", f"expected UTF-8 text, found byte 0x{raw[e.start]:02x}")]
    try:
        data, node = parse_yaml(text)
    except _TooBig as e:
        return None, [Fault(name, e.problem_mark.line + 1, "(yaml)", e.problem)]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        tag = re.search(r"tag '([^']*)'", str(problem)) if isinstance(e, yaml.constructor.ConstructorError) else None
        if tag:
            shown = shorten(tag.group(1).replace("tag:yaml.org,2002:", "!!"))[1:-1]
            return None, [Fault(name, line, "(yaml)", f"expected plain data; the tag {shown} would build a Python object")]
        return None, [Fault(name, line, "(yaml)", f"expected valid YAML: {shorten(str(problem), 120)[1:-1]}")]
    except ValueError as e:  # e.g. a timestamp out of range
        return None, [Fault(name, 1, "(yaml)", f"expected valid YAML: {shorten(str(e))[1:-1]}")]
    except (KeyError, AttributeError, TypeError) as e:  # PyYAML's constructors on "!!bool x", "!!timestamp x"
        return None, [Fault(name, 1, "(yaml)", "expected valid YAML: a tagged value that cannot be read "
                                               f"({type(e).__name__}: {shorten(str(e))[1:-1]})")]
    except RecursionError:  # the depth limit should come first; never a traceback
        return None, [Fault(name, 1, "(yaml)", f"expected data nested at most {MAX_DEPTH} deep")]
    if data is None or node is None:
        return None, [Fault(name, 1, "(file)", "empty file: expected a mapping with 'cards:' or 'scenarios:'")]
    lines: dict = {}
    faults: list[Fault] = []
    _walk(node, (), lines, faults, name)
    return _Doc(name, data, lines), faults


# --- typed field readers (raise _Bad) -------------------------------------------------------


def _mapping(value, path, keys: dict) -> dict:
    if not isinstance(value, dict):
        raise _Bad(path, f"expected a mapping, found {_kind(value)}")
    for key in value:
        if key not in keys:
            raise _Bad(path + (key,), f"unknown key; expected one of {', '.join(sorted(keys))}")
    for key, required in keys.items():
        if required and key not in value:
            raise _Bad(path, f"missing required key '{key}'")
    return value


def _kind(value) -> str:
    if value is None:
        return "nothing"
    return {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


def _str(value, path, pattern: re.Pattern | None = None, what: str = "text", longest: int = MAX_SHORT_TEXT,
         multiline: bool = False) -> str:
    """Text of at most ``longest`` characters, with no control characters: a card's words reach
    the terminal, and an escape sequence in them would act on it."""
    if not isinstance(value, str) or not value.strip():
        raise _Bad(path, f"expected {what}, found {_kind(value)}")
    if len(value) > longest:
        raise _Bad(path, f"expected at most {longest} characters, found {len(value)}")
    bad = control_character(value, multiline)
    if bad is not None:
        raise _Bad(path, f"expected text without control characters, found {bad}")
    if pattern is not None and not pattern.match(value):
        raise _Bad(path, f"expected {what}, found {shorten(value)}")
    return value


def _int(value, path, lo: int, hi: int, nonzero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(path, f"expected a whole number from {lo} to {hi}, found {_kind(value)}")
    if not lo <= value <= hi or (nonzero and value == 0):
        extra = " other than 0" if nonzero else ""
        raise _Bad(path, f"expected a whole number from {lo} to {hi}{extra}, found {shorten(value)}")
    return value


def _bool(value, path) -> bool:
    if not isinstance(value, bool):
        raise _Bad(path, f"expected true or false, found {_kind(value)}")
    return value


def _choice(value, path, options, what: str):
    if not isinstance(value, str) or value not in options:
        shown = shorten(value) if isinstance(value, str) else _kind(value)
        raise _Bad(path, f"expected {what} ({', '.join(options)}), found {shown}")
    return value


def _list(value, path, lo: int = 0, hi: int = 1000) -> list:
    if not isinstance(value, list):
        raise _Bad(path, f"expected a list, found {_kind(value)}")
    if not lo <= len(value) <= hi:
        raise _Bad(path, f"expected a list of {lo} to {hi} items, found {len(value)}")
    return value


# --- effects --------------------------------------------------------------------------------


@attrs.define
class _Ctx:
    """What an effect may refer to on this card."""

    self_seat: int | None  # the acting seat if fixed by the card, else None
    self_known: bool  # whether "self" means anything (False for news cards without an actor)
    has_target: bool


def _power(value, path, ctx: _Ctx, seats: bool = False) -> int:
    names = SEATS if seats else POWERS
    if value == "self":
        if not ctx.self_known:
            raise _Bad(path, "'self' needs an acting seat: give this news card an 'actor'")
        if not seats and ctx.self_seat == SEAT_INDEX["central_asia"]:
            raise _Bad(path, "expected a power; 'self' is the Central Asian seat on this card")
        if not seats and ctx.self_seat is None:  # a neutral card: the Central Asian seat may play it
            raise _Bad(path, "expected a power; on a neutral card 'self' may be the Central Asian seat: name the power")
        return C.SELF
    _choice(value, path, names + ("self",), "a seat" if seats else "a power")
    return SEAT_INDEX[value]


def _selector(value, path, ctx: _Ctx, field: str | None = None):
    options = COUNTRIES + ("target", "all", "bordering", "csto", "turkic")
    _choice(value, path, options, "a state or selector")
    if value == "target":
        if not ctx.has_target:
            raise _Bad(path, "'target' needs the card to have a 'target:' list")
        return C.TARGET
    if value in ("csto", "turkic"):
        return value
    if value in SELECTOR_GROUPS:
        return SELECTOR_GROUPS[value]
    index = COUNTRY_INDEX[value]
    if field == "border" and index not in BORDERING:
        raise _Bad(path, f"expected a state with an Afghan border; {value} has none")
    return (index,)


def _single_state(value, path, ctx: _Ctx):
    """A state id or 'target' (conditions and offers name one state)."""
    _choice(value, path, COUNTRIES + ("target",), "a state or target")
    if value == "target":
        if not ctx.has_target:
            raise _Bad(path, "'target' needs the card to have a 'target:' list")
        return C.TARGET
    return COUNTRY_INDEX[value]


def _effects(value, path, ctx: _Ctx, depth: int = 0, lo: int = 0) -> tuple:
    if depth > 4:
        raise _Bad(path, "expected effects nested at most 4 deep")
    return tuple(_effect(item, path + (i,), ctx, depth) for i, item in enumerate(_list(value, path, lo, 20)))


EFFECT_NAMES = ("track", "adjust", "influence", "vp", "base", "project", "withdraw", "offer", "choose", "if",
                "contest")


def _effect(value, path, ctx: _Ctx, depth: int):
    if not isinstance(value, dict) or len(value) != 1:
        raise _Bad(path, f"expected one effect: a mapping with exactly one of {', '.join(EFFECT_NAMES)}")
    (name, body), = value.items()
    p = path + (name,)
    if name == "track":
        b = _mapping(body, p, {"name": True, "by": True})
        return C.Track(TRACK_INDEX[_choice(b["name"], p + ("name",), TRACKS, "a track")],
                       _int(b["by"], p + ("by",), -3, 3, True))
    if name == "adjust":
        b = _mapping(body, p, {"state": True, "field": True, "by": True})
        field = _choice(b["field"], p + ("field",), FIELDS, "a field")
        return C.Adjust(_selector(b["state"], p + ("state",), ctx, field), field, _int(b["by"], p + ("by",), -3, 3, True))
    if name == "influence":
        b = _mapping(body, p, {"power": True, "state": True, "by": True})
        return C.Influence(_power(b["power"], p + ("power",), ctx), _selector(b["state"], p + ("state",), ctx),
                           _int(b["by"], p + ("by",), -3, 3, True))
    if name == "vp":
        b = _mapping(body, p, {"seat": True, "by": True})
        return C.VP(_power(b["seat"], p + ("seat",), ctx, seats=True), _int(b["by"], p + ("by",), -5, 5, True))
    if name == "base":
        b = _mapping(body, p, {"power": True, "state": True, "open": True})
        return C.Base(_power(b["power"], p + ("power",), ctx), _selector(b["state"], p + ("state",), ctx),
                      _bool(b["open"], p + ("open",)))
    if name == "project":
        b = _mapping(body, p, {"state": True, "turns": True})
        _power("self", p, ctx)
        return C.Project(_selector(b["state"], p + ("state",), ctx), _int(b["turns"], p + ("turns",), 1, 4))
    if name == "contest":
        b = _mapping(body, p, {"power": True, "rival": True, "state": True})
        power = _power(b["power"], p + ("power",), ctx)
        rival = _power(b["rival"], p + ("rival",), ctx)
        if rival == C.SELF or rival == power or (power == C.SELF and rival == ctx.self_seat):
            raise _Bad(p + ("rival",), "expected another power than the one contesting")
        return C.Contest(power, rival, _selector(b["state"], p + ("state",), ctx))
    if name == "withdraw":
        if body is not True:
            raise _Bad(p, f"expected true, found {_kind(body)}")
        return C.Withdraw()
    if name == "offer":
        b = _mapping(body, p, {"from": True, "state": True, "kind": True, "accept": True, "reject": True,
                               "name": False})
        power = _power(b["from"], p + ("from",), ctx)
        state = _single_state(b["state"], p + ("state",), ctx)
        # In the answer's effects, "self" is the offering power and "target" the offer's state.
        inner = _Ctx(power if power != C.SELF else ctx.self_seat, True, True)
        return C.Offer(
            power, state if state == C.TARGET else (state,),
            _choice(b["kind"], p + ("kind",), OFFER_KINDS, "an offer kind"),
            _effects(b["accept"], p + ("accept",), inner, depth + 1),
            _effects(b["reject"], p + ("reject",), inner, depth + 1),
            _str(b["name"], p + ("name",), what="the offer's name in words") if "name" in b else None,
        )
    if name == "choose":
        if not ctx.self_known:
            raise _Bad(p, "'choose' needs an acting seat: give this news card an 'actor'")
        options = []
        for i, item in enumerate(_list(body, p, 2, 4)):
            q = p + (i,)
            o = _mapping(item, q, {"label": True, "effects": True})
            options.append(C.Option(_str(o["label"], q + ("label",)), _effects(o["effects"], q + ("effects",), ctx, depth + 1)))
        return C.Choose(tuple(options))
    if name == "if":
        b = _mapping(body, p, {"cond": True, "then": True, "else": False})
        return C.If(_cond(b["cond"], p + ("cond",), ctx), _effects(b["then"], p + ("then",), ctx, depth + 1),
                    _effects(b.get("else", []), p + ("else",), ctx, depth + 1))
    raise _Bad(path + (name,), f"unknown effect; expected one of {', '.join(EFFECT_NAMES)}")


def _bounds(b, p, lo: int, hi: int):
    if ("at_least" in b) == ("at_most" in b):
        raise _Bad(p, "expected exactly one of at_least, at_most")
    if "at_least" in b:
        return _int(b["at_least"], p + ("at_least",), lo, hi), None
    return None, _int(b["at_most"], p + ("at_most",), lo, hi)


def _cond(value, path, ctx: _Ctx):
    if not isinstance(value, dict):
        raise _Bad(path, f"expected a condition mapping, found {_kind(value)}")
    if "track" in value:
        b = _mapping(value, path, {"track": True, "at_least": False, "at_most": False})
        lo, hi = _bounds(b, path, 0, 10)
        return C.TrackIs(TRACK_INDEX[_choice(b["track"], path + ("track",), TRACKS, "a track")], lo, hi)
    if "field" in value:
        b = _mapping(value, path, {"state": True, "field": True, "at_least": False, "at_most": False})
        lo, hi = _bounds(b, path, 0, 10)
        return C.FieldIs(_single_state(b["state"], path + ("state",), ctx),
                         _choice(b["field"], path + ("field",), FIELDS, "a field"), lo, hi)
    if "withdrawn" in value:
        b = _mapping(value, path, {"withdrawn": True})
        return C.WithdrawnIs(_bool(b["withdrawn"], path + ("withdrawn",)))
    if "base" in value:
        b = _mapping(value, path, {"base": True, "state": True})
        return C.HasBase(_power(b["base"], path + ("base",), ctx), _single_state(b["state"], path + ("state",), ctx))
    if "leads" in value:
        b = _mapping(value, path, {"leads": True, "state": True})
        return C.Leads(_power(b["leads"], path + ("leads",), ctx), _single_state(b["state"], path + ("state",), ctx))
    if "member" in value:
        b = _mapping(value, path, {"member": True, "state": True})
        group = _choice(b["member"], path + ("member",), ("csto", "turkic", "bordering"), "a group")
        return C.Member(group, _single_state(b["state"], path + ("state",), ctx))
    raise _Bad(path, "expected a condition on track, field (with state), withdrawn, base, leads or member")


# --- cards ----------------------------------------------------------------------------------


def _card(raw, path, doc: _Doc, seeds: dict) -> C.Card:
    b = _mapping(raw, path, CARD_KEYS)
    cid = _str(b["id"], path + ("id",), ID_RE, "a lowercase id like 'taliban-ultimatum'")
    title = _str(b["title"], path + ("title",))
    deck = _choice(b["deck"], path + ("deck",), ("news", "action"), "a deck")
    seat_name = _choice(b["seat"], path + ("seat",), SEATS + ("none",), "a seat or none")
    seat = None if seat_name == "none" else SEAT_INDEX[seat_name]
    if deck == "news":
        if seat is not None:
            raise _Bad(path + ("seat",), "expected none: news cards belong to no seat")
        ops = _int(b["ops"], path + ("ops",), 0, 0)
    else:
        ops = _int(b["ops"], path + ("ops",), 1, 4)
    date = None
    if "date" in b:
        if deck != "news":
            raise _Bad(path + ("date",), "only news cards have a date")
        date = _str(b["date"], path + ("date",), DATE_RE, "a month as \"YYYY-MM\" (quoted)")
    once = _bool(b["once"], path + ("once",)) if "once" in b else False
    actor = None
    if "actor" in b:
        if deck != "news":
            raise _Bad(path + ("actor",), "only news cards have an actor (an action card's actor is its player)")
        actor = SEAT_INDEX[_choice(b["actor"], path + ("actor",), SEATS, "a seat")]
    target = None
    if "target" in b:
        t = b["target"]
        if t == "any":
            target = tuple(range(len(COUNTRIES)))
        else:
            items = _list(t, path + ("target",), 1, 5)
            target = tuple(COUNTRY_INDEX[_choice(x, path + ("target", i), COUNTRIES, "a state")] for i, x in enumerate(items))
            if len(set(target)) != len(target):
                raise _Bad(path + ("target",), "expected each state at most once")
    self_known = deck == "action" or actor is not None
    if target is not None and not self_known:
        raise _Bad(path + ("target",), "a news card with a target needs an 'actor' to choose it")
    ctx = _Ctx(actor if deck == "news" else seat, self_known, target is not None)
    effects = _effects(b["effects"], path + ("effects",), ctx, lo=1)
    text = _str(b["text"], path + ("text",), longest=MAX_LONG_TEXT, multiline=True)
    src = _mapping(b["source"], path + ("source",), {"seed": True, "quote": True})
    seed = _str(src["seed"], path + ("source", "seed"))
    if seed not in seeds:
        raise _Bad(path + ("source", "seed"), f"expected a file in seeds/ ({', '.join(sorted(seeds))}), found {shorten(seed)}")
    quote = _str(src["quote"], path + ("source", "quote"), longest=MAX_LONG_TEXT, multiline=True)
    if quote not in seeds[seed]:
        raise _Bad(path + ("source", "quote"), f"expected words that appear verbatim in seeds/{seed}")
    question = _str(b["question"], path + ("question",), longest=MAX_LONG_TEXT, multiline=True)
    late = False
    if "period" in b:
        late = _choice(b["period"], path + ("period",), PERIODS, "a period") == "late"
        if late and date is not None:
            raise _Bad(path + ("period",), "a dated card arrives on its date; 'period: late' is for undated cards")
    return C.Card(cid, title, deck, seat, ops, text, effects, C.Source(seed, quote), question,
                  date, once, actor, target, late=late, file=doc.name, line=doc.line(path))


# --- scenarios ------------------------------------------------------------------------------


def _dated(value, path) -> bool | tuple:
    """``dated``: true (every dated news card on its date), false (all news shuffled), or a
    list of the dated card ids kept on their dates while the rest is shuffled."""
    if isinstance(value, list):
        items = _list(value, path, 1, 50)
        ids = tuple(_str(x, path + (i,), ID_RE, "a card id") for i, x in enumerate(items))
        if len(set(ids)) != len(ids):
            raise _Bad(path, "expected each card once")
        return ids
    if not isinstance(value, bool):
        raise _Bad(path, f"expected true, false or a list of dated news card ids, found {_kind(value)}")
    return value


def _dated_faults(cat, where: dict) -> None:
    """A scenario's list of dated cards must name dated news cards: checked once every file is
    read, against the cards read with it (a scenarios file read alone has none to check against)."""
    if not cat.cards:
        return
    for sid, (doc, path) in where.items():
        for i, cid in enumerate(cat.scenarios[sid].dated):
            card = cat.cards.get(cid)
            if card is None or card.deck != "news" or card.date is None:
                cat.faults.append(doc.fault(path + ("dated", i), f"expected the id of a dated news card, found {shorten(cid)}"))



def _scenario(raw, path) -> C.Scenario:
    b = _mapping(raw, path, SCENARIO_KEYS)
    sid = _str(b["id"], path + ("id",), ID_RE, "a lowercase id like 'summer-2021'")
    start = _str(b["start"], path + ("start",), DATE_RE, "a month as \"YYYY-MM\" (quoted)")
    turns = _int(b["turns"], path + ("turns",), 8, 12)
    hand = _int(b["hand_size"], path + ("hand_size",), 2, 7)
    rounds = _int(b["rounds"], path + ("rounds",), 1, hand)
    tr = _mapping(b["tracks"], path + ("tracks",), {t: True for t in TRACKS})
    tracks = tuple(_int(tr[t], path + ("tracks", t), 0, 10) for t in TRACKS)
    vp = (0,) * len(SEATS)
    if "vp" in b:
        v = _mapping(b["vp"], path + ("vp",), {s: False for s in SEATS})
        vp = tuple(_int(v.get(s, 0), path + ("vp", s), -20, 20) for s in SEATS)
    st = _mapping(b["states"], path + ("states",), {c: True for c in COUNTRIES})
    countries = []
    for i, name in enumerate(COUNTRIES):
        q = path + ("states", name)
        s = _mapping(st[name], q, STATE_KEYS)
        if i in BORDERING and "border" not in s:
            raise _Bad(q, f"missing required key 'border' ({name} borders Afghanistan)")
        if i not in BORDERING and "border" in s:
            raise _Bad(q + ("border",), f"{name} has no Afghan border; remove 'border'")
        inf = _mapping(s["influence"], q + ("influence",), {p: True for p in POWERS})
        bases = _list(s.get("bases", []), q + ("bases",), 0, 4)
        base_idx = tuple(SEAT_INDEX[_choice(x, q + ("bases", j), POWERS, "a power")] for j, x in enumerate(bases))
        countries.append(C.CountrySetup(
            _int(s["stability"], q + ("stability",), 1, 10),
            _int(s["discontent"], q + ("discontent",), 0, 10),
            _int(s["refugees"], q + ("refugees",), 0, 10),
            _int(s["border"], q + ("border",), 0, 10) if "border" in s else None,
            tuple(_int(inf[p], q + ("influence", p), 0, 10) for p in POWERS),
            tuple(sorted(set(base_idx))),
            _bool(s["csto"], q + ("csto",)) if "csto" in s else False,
            _bool(s["turkic"], q + ("turkic",)) if "turkic" in s else False,
        ))
    return C.Scenario(
        sid, _str(b["title"], path + ("title",)), _str(b["description"], path + ("description",), longest=MAX_LONG_TEXT, multiline=True),
        start, turns, _dated(b["dated"], path + ("dated",)), hand, rounds, tracks,
        _bool(b["withdrawn"], path + ("withdrawn",)) if "withdrawn" in b else False,
        tuple(countries), vp,
    )


# --- files and folders ----------------------------------------------------------------------


@attrs.define
class Catalogue:
    """Everything read from a set of files, and every fault found."""

    cards: dict = attrs.Factory(dict)
    scenarios: dict = attrs.Factory(dict)
    faults: list = attrs.Factory(list)
    files: int = 0


def _seeds(seeds_dir: Path) -> dict:
    out = {}
    if seeds_dir.is_dir():
        for p in sorted(seeds_dir.iterdir()):
            if p.is_file():
                out[p.name] = p.read_text(encoding="utf-8", errors="replace")
    return out


def clean_stale_temps(folder: Path, now: float | None = None) -> int:
    """Remove save.write_atomic's temporary files older than STALE_SECONDS (a writer killed
    before its rename leaves one behind); only regular files named as ours. How many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not TEMP_RE.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def yaml_files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            out.append(p)
    return out


def read_catalogue(paths: list[Path], seeds_dir: Path = SEEDS_DIR) -> Catalogue:
    seeds = _seeds(seeds_dir)
    cat = Catalogue()
    first_seen: dict = {}
    dated_lists: dict = {}  # scenario id -> (doc, path) of a scenario whose dated cards are listed
    files = yaml_files(paths)
    if len(files) > MAX_CARD_FILES:  # before reading any
        cat.faults.append(Fault(_display(files[MAX_CARD_FILES]), 1, "(file)",
                                f"expected at most {MAX_CARD_FILES} card and scenario files, found {len(files)}"))
        return cat
    count = 0
    for path in files:
        cat.files += 1
        doc, faults = read_yaml(path, _display(path))
        cat.faults.extend(faults)
        if doc is None:
            continue
        data = doc.data
        if not isinstance(data, dict) or len(data) != 1 or next(iter(data)) not in ("cards", "scenarios"):
            cat.faults.append(doc.fault((), "expected a mapping with exactly one key, 'cards:' or 'scenarios:'"))
            continue
        (kind, items), = data.items()
        if not isinstance(items, list) or not items:
            cat.faults.append(doc.fault((kind,), f"expected a non-empty list of {kind}"))
            continue
        count += len(items)
        if count > MAX_CARDS:  # before compiling them
            cat.faults.append(doc.fault((kind,), f"expected at most {MAX_CARDS} cards and scenarios in all, "
                                                 f"found {count} by this file"))
            break
        for i, raw in enumerate(items):
            path_ = (kind, i)
            try:
                obj = _card(raw, path_, doc, seeds) if kind == "cards" else _scenario(raw, path_)
            except _Bad as bad:
                cat.faults.append(doc.fault(bad.path, bad.message))
                continue
            where = f"{doc.name}:{doc.line(path_)}"
            key = (kind, obj.id)
            if key in first_seen:
                cat.faults.append(doc.fault(path_ + ("id",), f"duplicate id {obj.id!r} (first at {first_seen[key]})"))
                continue
            first_seen[key] = where
            (cat.cards if kind == "cards" else cat.scenarios)[obj.id] = obj
            if kind == "scenarios" and isinstance(obj.dated, tuple):
                dated_lists[obj.id] = (doc, path_)
    _dated_faults(cat, dated_lists)
    return cat


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_rules(scenario: str = "summer-2021", cards_dir: Path = CARDS_DIR, seeds_dir: Path = SEEDS_DIR) -> C.Rules:
    """The rules for a game, or DataError naming every fault: a bad file never starts a game."""
    cat = read_catalogue([cards_dir], seeds_dir)
    faults = list(cat.faults)
    if not faults:
        if not cat.cards:
            faults.append(Fault(_display(cards_dir), 1, "cards", "expected at least one card file"))
        if scenario not in cat.scenarios:
            known = ", ".join(sorted(cat.scenarios)) or "none"
            faults.append(Fault(_display(cards_dir / SCENARIOS_FILE), 1, "scenarios",
                                f"expected a scenario with id {shorten(scenario)} (found: {known})"))
    if faults:
        raise DataError(faults)
    return C.Rules.build(cat.cards, cat.scenarios[scenario])


def scenario_ids(cards_dir: Path = CARDS_DIR) -> list[str]:
    return sorted(read_catalogue([cards_dir]).scenarios)
