"""The board: the map of the region, the selected state's details, the tracks and the scores.

Every widget here only renders what it is given; the screen passes the game in and receives
the player's intentions (a state picked) as messages. Colours follow the leading power, and
a letter (R T C U, A for the Central Asian seat) always goes with the colour.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from game.words.log import country_name
from game.rules.model import COUNTRIES, POWERS, SEAT_NAMES, SEATS
from game.tui.core import LEVEL_NAMES, SEAT_LETTERS, SHORT_NAMES, game_date, withdrawal_text
from game.tui.messages import StateSelected

# Reading order on the map: north to south, west to east.
MAP_ORDER = (4, 2, 1, 3, 0)  # kazakhstan, turkmenistan, uzbekistan, kyrgyzstan, tajikistan


def letter(seat: int | None) -> str:
    return "·" if seat is None else SEAT_LETTERS[SEATS[seat]]


def power_style(seat: int | None) -> str:
    return "$power-none" if seat is None else f"$power-{SEATS[seat]}"


def badge(seat: int | None) -> str:
    """The seat's letter on its colour, e.g. ' R ' on red."""
    if seat is None:
        return "[reverse] = [/]"
    return f"[bold reverse {power_style(seat)}] {letter(seat)} [/]"


def pressure(state, country: int) -> int | None:
    """The pressure on a border before the die (None if the rules no longer say)."""
    try:
        from game.rules.taliban import pressure_parts

        return sum(pressure_parts(state, country))
    except Exception:  # the rules are still being tuned; never let the map fail on it
        return None


class Redraws:
    """Redraw with the same data when resized (the layout depends on the size)."""

    _last: tuple | None = None

    def remember(self, *args, **kwargs) -> None:
        self._last = (args, kwargs)

    def on_resize(self) -> None:
        if self._last is not None:
            args, kwargs = self._last
            self.show(*args, **kwargs)


def bar(value: int, top: int = 10, width: int = 10) -> str:
    filled = max(0, min(width, round(value * width / top)))
    return "█" * filled + "░" * (width - filled)


def cells(markup: str) -> int:
    """How many cells a line of markup takes on screen."""
    return Content.from_markup(markup).cell_length


def markers(state, country: int, c, grouped: bool) -> list[tuple[str, str]]:
    """(text, style) of a state's bases, projects under way and completed: ⌂R ◇C ◆T, or
    grouped by kind when room is short (⌂RU: a Russian and a US base)."""
    kinds = [("⌂", [p for p in range(4) if c.bases[p]]),
             ("◇", [o for o, ci, _ in state.projects if ci == country]),
             ("◆", [o for o, ci in state.completed if ci == country])]
    out = []
    for sign, owners in kinds:
        if grouped and owners:
            out.append((sign + "".join(letter(o) for o in owners), "b" if sign == "⌂" else ""))
        else:
            out += [(sign + letter(o), f"{power_style(o)} b" if sign == "⌂" else "") for o in owners]
    return out


def place(rows: list, piece: str, sign: bool, width: int, height: int, glue: bool = False) -> bool:
    """Put ``piece`` at the end of the first row with room for it, or on a new row while there
    are rows left; a marker (sign) follows a name or another marker without a space (``glue``:
    follows anything without one)."""
    for row in rows:
        sep = "" if sign and (glue or row is rows[0] or row[1]) else " "
        if cells(row[0]) + len(sep) + cells(piece) <= width:
            row[0] += sep + piece
            row[1] = sign
            return True
    if len(rows) < height:
        rows.append([piece, sign])
        return True
    return False


class StateTile(Redraws, Static):
    """One state on the map, coloured by its leading power, with its key numbers."""

    def __init__(self, country: int):
        super().__init__(id=f"tile-{COUNTRIES[country]}", classes="tile", markup=True)
        self.country = country
        self._key = None

    def show(self, state, *, selected: bool, option: bool, viewer: int | None) -> None:
        self.remember(state, selected=selected, option=option, viewer=viewer)
        c = state.countries[self.country]
        lead = c.leader()
        key = (c.stability, c.discontent, c.refugees, c.border, tuple(c.influence), tuple(c.bases), c.incursion,
               lead, selected, option, tuple(state.projects), tuple(state.completed), self.size)
        classes = (lead, selected, option, c.stability <= 3)
        if classes != getattr(self, "_class_key", None):  # restyling is costly: only on change
            self._class_key = classes
            self.update_classes({
                **{f"-lead-{SEATS[seat]}": lead == seat for seat in range(5)},
                "-lead-none": lead is None, "-selected": selected, "-option": option,
                "-danger": c.stability <= 3})
        if key == self._key:
            return
        self._key = key
        self.update(self._content(state, c, lead, selected, option))

    def _content(self, state, c, lead, selected, option) -> Content:
        width = max(8, self.content_size.width)
        height = max(1, self.content_size.height)
        name = country_name(self.country).upper()
        mark = "▶" if selected else ("◆" if option else "")
        danger = c.stability <= 3
        stab = "[$danger b]{}[/]" if danger else "{}"
        bases = "".join(f"[{power_style(p)} b]⌂{letter(p)}[/]" for p in range(4) if c.bases[p])
        marks = "".join(f"◇{letter(o)}" for o, ci, _ in state.projects if ci == self.country)
        marks += "".join(f"◆{letter(o)}" for o, ci in state.completed if ci == self.country)
        hit = "[$danger b]✸hit[/]" if c.incursion else ""
        infl = " ".join(f"[{power_style(p)}]{letter(p)}{c.influence[p]}[/]" for p in range(4))
        if width >= 24:
            head = f"{mark}[b]{name}[/b]"
            pad = width - len(mark) - len(name) - 3
            lines = [head + " " * max(1, pad) + badge(lead)]
            facts = [stab.format(f"stability {c.stability}")]
            if c.border is not None:
                facts.append(f"border {c.border}")
            facts += [f"discontent {c.discontent}", f"refugees {c.refugees}"]
            if height >= 4:
                lines.append(" · ".join(facts[:2]) + (f" {hit}" if hit else ""))
                lines.append(infl + "  " + bases + marks)
                lines.append(" · ".join(facts[2:]))
            else:  # a short tile: every fact on one line, in short words when the long ones do not fit
                brief = [stab.format(f"St{c.stability}")] + ([f"Bd{c.border}"] if c.border is not None else [])
                brief += [f"Di{c.discontent}", f"Rf{c.refugees}"]
                line = " · ".join(facts)
                if cells(line + (f" {hit}" if hit else "")) > width:
                    line = " ".join(brief)
                line += f" {hit}" if hit else ""
                rest = infl + "  " + bases + marks
                if height >= 3:
                    lines += [line, rest]
                else:
                    lines.append(line + "  " + rest)
        elif width >= 16 and height >= 8:  # a tall tile: influence as bars
            lines = [f"{mark}[b]{name[:width - len(mark) - 3]}[/b]{bases}"]
            lines.append(badge(lead) + " " + stab.format(f"stability {c.stability}"))
            lines.append(f"border {c.border}" if c.border is not None else "no Afghan border")
            lines.append(f"disc {c.discontent} · refug {c.refugees}")
            for p in range(4):
                lines.append(f"[{power_style(p)}]{letter(p)} {bar(c.influence[p], width=min(10, width - 5))}[/] {c.influence[p]}")
            extra = " ".join(x for x in (marks, hit) if x)
            if extra:
                lines.append(extra)
        else:
            lines = self._small(state, c, lead, mark, name, stab, bases, marks, hit, infl, width, height)
        return Content.from_markup("\n".join(lines[:height]))

    def _small(self, state, c, lead, mark, name, stab, bases, marks, hit, infl, width, height) -> list[str]:
        """A small tile (80x24): its usual lines when they fit; else the same facts and
        markers packed into the rows there are, tighter step by step, so that no state's
        discontent or refugees, bases or projects drop off the bottom."""
        base_text = "".join(f"⌂{letter(p)}" for p in range(4) if c.bases[p])
        lines = [f"{mark}[b]{name[:width - len(mark)]}[/b]"]
        core = badge(lead) + " " + stab.format(f"St{c.stability}")
        core_len = 3 + len(f" St{c.stability}")
        core += f" Bd{c.border}" if c.border is not None else f" Di{c.discontent}"
        core_len += len(f" Bd{c.border}") if c.border is not None else len(f" Di{c.discontent}")
        if base_text and len(mark) + len(name) + len(base_text) <= width:
            lines[0] += bases
            bases = ""
        elif base_text and core_len + 1 + len(base_text) <= width:
            core += " " + bases
            bases = ""
        lines.append(core)
        lines.append(infl)
        extra = " ".join(x for x in (bases, marks, hit) if x)
        if extra:
            lines.append(extra)
        lines.append(f"Di{c.discontent} Rf{c.refugees}" if c.border is not None else f"Rf{c.refugees}")
        if len(lines) <= height:
            return lines
        head = f"{mark}[b]{name[:width - len(mark)]}[/b]"
        facts = ([f"Di{c.discontent}"] if c.border is not None else []) + [f"Rf{c.refugees}"]
        bd = f" Bd{c.border}" if c.border is not None else f" Di{c.discontent}"
        for tight in range(4):
            # 0: as usual; 1: influence and markers in short form (⌂RU: Russian and US bases);
            # 2: the leader's badge beside the name, the incursion as ✸ alone; 3: the name
            # without its -stan (TAJIK) and markers wherever there is a cell for them.
            if tight == 3:
                head = f"{mark}[b]{re.sub('I?STAN$', '', name)}[/b]"
            infl_n = infl if tight == 0 else "".join(f"[{power_style(p)}]{letter(p)}{c.influence[p]}[/]" for p in range(4))
            signs = markers(state, self.country, c, grouped=tight > 0) + ([("✸" if tight >= 2 else "✸hit", "$danger b")] if c.incursion else [])
            rows = [[head, False]]
            if tight >= 2 and cells(head) + 3 <= width:
                rows[0][0] += badge(lead)
                rows.append([stab.format(f"St{c.stability}") + bd, False])
            else:
                rows.append([badge(lead) + " " + stab.format(f"St{c.stability}") + bd, False])
            rows.append([infl_n, False])
            pieces = [(" ".join(facts), False)] + [(f"[{style}]{text}[/]" if style else text, True) for text, style in signs]
            if all(place(rows, piece, sign, width, height, glue=tight == 3) for piece, sign in pieces):
                return [r[0] for r in rows]
        return [r[0] for r in rows]  # the tightest layout, with what did not fit left out

    def on_click(self) -> None:
        self.post_message(StateSelected(self.country))


class AfghanStrip(Redraws, Static):
    """Afghanistan's north: the Taliban's momentum, the pledge, and the pressure on each border."""

    def show(self, state) -> None:
        self.remember(state)
        width = max(20, self.size.width - 2)
        m, p, d = state.track("momentum"), state.track("pledge"), state.track("discipline")
        if width >= 70:
            head = f"[b]AFGHANISTAN[/b] · Taliban momentum {m} · Moscow pledge {p} · discipline {d}"
        elif width >= 50:
            head = f"[b]AFGHANISTAN[/b] · momentum {m} · pledge {p} · discipline {d}"
        else:
            head = f"[b]AFGHANISTAN[/b] mom {m} pledge {p} disc {d}"
        col = width // 3
        cells = []
        for column, country in enumerate((2, 1, 0)):  # under Turkmenistan, Uzbekistan, Tajikistan
            c = state.countries[country]
            base = pressure(state, country)
            shown = "?" if base is None else f"{base}+die"
            risk = base is not None and base >= c.border
            text = f"↑{shown} vs {c.border}" if col < 20 else f"↑ pressure {shown} vs border {c.border}"
            text = text[:col - 1].ljust(col)
            cells.append(f"[$danger b]{text}[/]" if risk else text)
        self.update(Content.from_markup(head + "\n" + "".join(cells)))


class RegionMap(Widget, can_focus=True):
    """The five states and Afghanistan's north, laid out roughly as on a map."""

    BINDINGS = [
        Binding("left,up", "move(-1)", "Prev state", show=False),
        Binding("right,down", "move(1)", "Next state", show=False),
        Binding("enter", "pick", "Details", show=False),
    ]

    def compose(self) -> ComposeResult:
        for country in MAP_ORDER:
            yield StateTile(country)
        yield AfghanStrip(id="afghan")

    def show(self, state, *, selected: int, options: set, viewer: int | None) -> None:
        for tile in self.query(StateTile):
            tile.show(state, selected=tile.country == selected, option=tile.country in options, viewer=viewer)
        self.query_one(AfghanStrip).show(state)

    def action_move(self, step: int) -> None:
        current = getattr(self.screen, "selected", 0)
        i = MAP_ORDER.index(current)
        self.post_message(StateSelected(MAP_ORDER[(i + step) % len(MAP_ORDER)]))

    def action_pick(self) -> None:
        self.post_message(StateSelected(getattr(self.screen, "selected", 0)))


class StateDetail(Redraws, Static):
    """Everything about the selected state: influence bars, stability, border, memberships."""

    def show(self, state, country: int) -> None:
        self.remember(state, country)
        c = state.countries[country]
        rules = state.rules
        lead = c.leader()
        lines = [f"[b]{country_name(country)}[/b]  leader: "
                 + (f"{badge(lead)} {SEAT_NAMES[SEATS[lead]]}" if lead is not None else "none (tied)")]
        member = []
        if country in rules.csto:
            member.append("CSTO")
        if country in rules.turkic:
            member.append("Turkic council")
        lines.append("Member of " + " and ".join(member) if member else "No alliance membership")
        lines.append("")
        lines.append("[b]Influence[/b]")
        for p in POWERS:
            i = SEATS.index(p)
            lines.append(f"{SHORT_NAMES[p]:<7}[{power_style(i)}]{bar(c.influence[i])}[/] {c.influence[i]:>2} {letter(i)}"
                         + ("  ⌂ base" if c.bases[i] else ""))
        lines.append("")
        danger = "[$danger b]" if c.stability <= 3 else ""
        lines.append(f"Stability  {danger}{bar(c.stability)} {c.stability:>2}{'[/]' if danger else ''}"
                     + ("  collapses at 0" if c.stability <= 3 else ""))
        lines.append(f"Discontent {bar(c.discontent)} {c.discontent:>2}")
        lines.append(f"Refugees   {bar(c.refugees)} {c.refugees:>2}")
        if c.border is not None:
            lines.append(f"Border     {bar(c.border)} {c.border:>2}")
            base = pressure(state, country)
            if base is not None:
                lines.append(f"Taliban pressure on this border: {base} + a die"
                             + ("  [$danger b](at or above the border!)[/]" if base >= c.border else ""))
        else:
            lines.append("No border with Afghanistan.")
        if c.incursion:
            lines.append("[$danger b]Hit by an incursion this turn.[/]")
        projects = [f"{SEAT_NAMES[SEATS[o]]} ({left} turns left)" for o, ci, left in state.projects if ci == country]
        done = [SEAT_NAMES[SEATS[o]] for o, ci in state.completed if ci == country]
        if projects:
            lines.append("Projects under way: " + ", ".join(projects))
        if done:
            lines.append("Completed projects: " + ", ".join(done))
        self.update(Content.from_markup("\n".join(lines)))


class TracksPanel(Redraws, Static):
    """Date and turn, the withdrawal deadline, tension, momentum, pledge, discipline, CSTO."""

    def show(self, state, *, turn: int | None = None) -> None:
        """``turn``: the turn to name, if not the state's (a replay shows a turn as it ended,
        which the engine hands over already in the next turn)."""
        self.remember(state, turn=turn)
        turns = state.rules.scenario.turns
        turn = state.turn if turn is None else turn
        wide = self.size.width >= 56
        t = state.track
        date = game_date(state.rules, turn, long=wide)
        tension = t("tension")
        tstyle = "[$danger b]" if tension >= 7 else ""
        tend = "[/]" if tstyle else ""
        line1 = f"[b]{date}[/b] · turn {turn}/{turns} · US {'withdrawal' if wide else 'exit'} {withdrawal_text(state)}"
        if wide:
            line2 = (f"Tension {tstyle}{bar(tension, width=5)} {tension}{tend}  Momentum {bar(t('momentum'), width=5)} {t('momentum')}  "
                     f"Pledge {bar(t('pledge'), width=5)} {t('pledge')}")
            line3 = f"Discipline {t('discipline')}  CSTO credibility {t('csto')}"
        else:
            line2 = f"Tension {tstyle}{tension}{tend} · Momentum {t('momentum')} · Pledge {t('pledge')}"
            line3 = f"Discipline {t('discipline')} · CSTO cred. {t('csto')}"
        self.update(Content.from_markup("\n".join((line1, line2, line3))))


class ScoresPanel(Redraws, Static):
    """Every seat's VP, who plays it, and whose move it is."""

    def show(self, game, *, viewer: int | None, thinking: int | None, state=None) -> None:
        """``state``: a past state of ``game`` to show instead (a replay), without whose move
        it is."""
        self.remember(game, viewer=viewer, thinking=thinking, state=state)
        to_move = None if state is not None else game.state.seat_to_move
        state = game.state if state is None else state
        best = max(state.vp)
        cells = []
        for i, s in enumerate(SEATS):
            ctrl = game.seats[s]
            team = game.team(i)  # a seminar's team name says more than "Human"
            who = "you" if ctrl == "human" and viewer == i else LEVEL_NAMES.get(ctrl, ctrl)
            if team and who != "you":
                who = escape(team if len(team) <= 14 else team[:13] + "…")
            mark = "▶" if to_move == i else " "
            if thinking == i:
                mark = "…"
            lead = "★" if state.vp[i] == best else " "
            cells.append(f"{mark}[{power_style(i)} b]{letter(i)}[/] {SHORT_NAMES[s]:<7} {state.vp[i]:>3}{lead} [dim]{who}[/]")
        text = "\n".join(cells)
        self.update(Content.from_markup(text))
