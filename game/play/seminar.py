"""Seminar play: the teams, the facilitator's interventions and the phase clock, headless.

A seminar is an ordinary game with a White Cell. The facilitator's interventions (inject a
card, hold or bring forward coming news, adjudicate a track or a value, write a note) are
moves like any other: recorded in the game's list of moves, saved, and replayed through the
game's one door (``Game.play``), so a seminar game stays a seed plus a list of moves and replays byte for byte.
They are not choices of the seat to move, so they never appear in ``legal_choices`` and no AI
ever considers them; ``refusal`` says why one is not allowed, in words for the facilitator.

The moves' words are game.rules.moves'; what they do:
    inject    the card's event happens now; the reason, if any, is logged with it (the
              debrief explains it)
    hold      a coming news card is held back
    release   a held card goes back where it came from
    next      a news card comes next (after others so queued)
    adjust    an adjudication of a track, a state's field or an influence; the reason is required
    note      an observation; the text is the reason
"""

from __future__ import annotations

import attrs

from game.rules.cards import Rules
from game.rules import moves as M
from game.rules.engine import interject
from game.rules.model import (
    COUNTRIES,
    COUNTRY_INDEX,
    FIELD_NAMES,
    FIELDS,
    INFLUENCE_MAX,
    POWERS,
    SEAT_INDEX,
    SEAT_NAMES,
    SEATS,
    TRACK_INDEX,
    TRACK_MAX,
    TRACK_MIN,
    TRACK_NAMES,
    TRACKS,
    State,
    turn_of_date,
)

FACILITATOR_MOVES = M.FACILITATOR_KINDS  # each move logs an entry of its own name
MAX_NOTE = 2000  # characters in a note or an adjudication's reason
MAX_TEAM_NAME = 40
DEFAULT_PHASE_SECONDS = 300
MIN_PHASE, MAX_PHASE = 10, 3600  # seconds a team may have for a phase; the limits a save accepts
# Bounds a facilitator may set: a state's stability stays at 1 or more, because a collapse is
# the end of the game and must come from play, not from a ruling.
FIELD_BOUNDS = {"stability": (1, 10), "discontent": (0, 10), "refugees": (0, 10), "border": (0, 10)}


class Refused(ValueError):
    """A facilitator move the rules do not allow; the message says why in one sentence."""


@attrs.frozen
class Seminar:
    """How a seminar is set up: team names by seat (seats without a team are played by the
    computer), the number of turns and the time each team has for a phase."""

    teams: dict = attrs.Factory(dict)  # seat id -> team name
    turns: int | None = None  # None: the scenario's own length
    phase_seconds: int = DEFAULT_PHASE_SECONDS

    def team(self, seat: str) -> str | None:
        return self.teams.get(seat)


def seminar_rules(rules: Rules, seminar: Seminar | None) -> Rules:
    """The rules with the seminar's number of turns (the scenario's when not set)."""
    if seminar is None or seminar.turns is None or seminar.turns == rules.scenario.turns:
        return rules
    return Rules.build(rules.cards, attrs.evolve(rules.scenario, turns=seminar.turns))


# --- what may be adjusted -------------------------------------------------------------------


def adjustable(state: State) -> list[str]:
    """Every value the facilitator may adjudicate, as the ``what`` word of an adjust move."""
    out = list(TRACKS)
    for i, c in enumerate(state.countries):
        name = COUNTRIES[i]
        out += [M.target_text(M.Target(f, name)) for f in FIELDS if getattr(c, f) is not None]
        out += [M.target_text(M.Target(M.INFLUENCE, name, p)) for p in POWERS]
    return out


def _target(state: State, what: str) -> tuple[int, int, int, str]:
    """(current value, lowest, highest, name in words) of an adjustable value."""
    t = M.split_target(what)
    if t is not None and t.state is None and what in TRACK_INDEX:
        return state.tracks[TRACK_INDEX[what]], TRACK_MIN, TRACK_MAX, TRACK_NAMES[what]
    if t is not None and t.power is None and t.field in FIELD_BOUNDS and t.state in COUNTRY_INDEX:
        value = getattr(state.countries[COUNTRY_INDEX[t.state]], t.field)
        if value is None:
            raise Refused(f"{t.state.capitalize()} has no border with Afghanistan to secure")
        lo, hi = FIELD_BOUNDS[t.field]
        return value, lo, hi, f"{t.state.capitalize()}'s {FIELD_NAMES[t.field]}"
    if t is not None and t.power in POWERS and t.state in COUNTRY_INDEX:
        value = state.countries[COUNTRY_INDEX[t.state]].influence[SEAT_INDEX[t.power]]
        return value, 0, INFLUENCE_MAX, adjust_words(what)
    raise Refused(f"{what!r} is not something a facilitator can adjust "
                  "(a track, FIELD:STATE or influence:POWER:STATE)")


def adjust_range(state: State, what: str) -> tuple[int, int, int]:
    """(current, lowest, highest) allowed for ``what``; Refused for an unknown value."""
    value, lo, hi, _ = _target(state, what)
    return value, lo, hi


def _delta(text: str) -> int:
    by = M.parse_delta(text)
    if by is None:
        raise Refused(f"expected a change such as +1 or -2, found {text!r}")
    return by


# --- coming news ----------------------------------------------------------------------------


@attrs.frozen
class Coming:
    card: str
    where: str  # "next" (queued by the facilitator), "dated", "deck" or "held"
    turn: int | None  # the turn it is due, where that is known


def coming_news(state: State) -> list[Coming]:
    """The news still to come, in the order it will arrive as far as the rules fix it now,
    then the held cards. The facilitator sees all of this; the teams see none of it."""
    rules = state.rules
    start = rules.scenario.start
    out: list[Coming] = []
    turn = state.turn + 1
    queued = list(state.news_next)
    dated = sorted(state.news_dated, key=lambda cid: (turn_of_date(start, rules.cards[cid].date), cid))
    deck = list(reversed(state.news_deck))  # the deck is drawn from its end
    while turn <= rules.scenario.turns and (queued or dated or deck):
        if queued:
            out.append(Coming(queued.pop(0), "next", turn))
        else:
            due = [cid for cid in dated if turn_of_date(start, rules.cards[cid].date) <= turn]
            if due:
                out += [Coming(cid, "dated", turn) for cid in due]
                dated = [cid for cid in dated if cid not in due]
            elif deck:
                out.append(Coming(deck.pop(0), "deck", turn))
        turn += 1
    out += [Coming(cid, "dated", None) for cid in dated]
    out += [Coming(cid, "deck", None) for cid in deck]
    out += [Coming(cid, "held", None) for cid in state.held]
    return out


# --- the facilitator's moves ----------------------------------------------------------------


def refusal(state: State, choice: tuple, reason: str | None = None) -> str | None:
    """Why ``choice`` may not be made now, or None when it may."""
    try:
        _check(state, choice, reason)
    except Refused as e:
        return str(e)
    return None


def _check(state: State, choice: tuple, reason: str | None) -> None:
    if state.over:
        raise Refused("the game is over")
    kind = M.kind_of(choice)
    if not M.is_facilitator(choice):
        raise Refused(f"{kind!r} is not a facilitator move ({', '.join(FACILITATOR_MOVES)})")
    cards = state.rules.cards
    if kind == M.NOTE:
        if len(choice) != 1:
            raise Refused("a note is written as its text, not as words after 'note'")
        if not reason or not reason.strip():
            raise Refused("a note needs some text")
    elif kind == M.ADJUST:
        if len(choice) != 3:
            raise Refused("expected 'adjust WHAT +N'")
        value, lo, hi, name = _target(state, choice[1])
        by = _delta(choice[2])
        if by == 0:
            raise Refused("a change of 0 changes nothing")
        if not lo <= value + by <= hi:
            raise Refused(f"{name} is {value}; it must stay from {lo} to {hi}, so {choice[2]} is not allowed")
        if not reason or not reason.strip():
            raise Refused("an adjudication needs a written reason")
    else:
        if len(choice) < 2 or choice[1] not in cards:
            raise Refused(f"expected a card id after {kind!r}")
        cid = choice[1]
        card = cards[cid]
        if kind == M.INJECT:
            if len(choice) > 3:
                raise Refused("expected 'inject CARD' or 'inject CARD SEAT'")
            if len(choice) == 3:
                if choice[2] not in SEATS:
                    raise Refused(f"expected a seat ({', '.join(SEATS)}), found {choice[2]!r}")
                if card.deck == "news":
                    raise Refused("a news card happens to the world; it is not injected for a seat")
                if card.seat is not None and SEATS[card.seat] != choice[2]:
                    raise Refused(f"{card.title} is {SEAT_NAMES[SEATS[card.seat]]}'s card; "
                                  "it is injected for its owner")
            elif injected_for(card) is None and card.deck == "action":
                raise Refused(f"{card.title} is a neutral card: say which seat it is played for")
            if cid in state.news_done:
                raise Refused(f"{card.title} has already happened")
        else:
            if card.deck != "news":
                raise Refused(f"only news cards are held or brought forward; {card.title} is an action card")
            if kind == M.HOLD and cid not in state.news_deck and cid not in state.news_dated and cid not in state.news_next:
                raise Refused(f"{card.title} is not among the coming news")
            if kind == M.RELEASE and cid not in state.held:
                raise Refused(f"{card.title} is not held")
            if kind == M.NEXT and cid not in state.news_deck and cid not in state.news_dated and cid not in state.held:
                raise Refused(f"{card.title} is not among the coming news" +
                              (" (it is already queued to come next)" if cid in state.news_next else ""))
    if reason is not None and len(reason) > MAX_NOTE:
        raise Refused(f"the text is {len(reason)} characters; keep it under {MAX_NOTE}")


def injected_for(card, seat: str | None = None) -> int | None:
    """Who an injected card acts for: the seat named, else its owner, else a news card's actor."""
    if seat is not None:
        return SEAT_INDEX[seat]
    return card.seat if card.seat is not None else card.actor


def facilitate(state: State, choice: tuple, reason: str | None = None, log: list | None = None) -> State:
    """The state after a facilitator move (``state`` is left as it was); Refused, with the
    reason, when it is not allowed."""
    _check(state, choice, reason)
    nxt = state.clone()
    kind = M.kind_of(choice)
    if kind == M.NOTE:
        if log is not None:
            log.append(("note", nxt.turn, reason.strip()))
    elif kind == M.ADJUST:
        _adjust(nxt, choice[1], _delta(choice[2]), reason.strip(), log)
    elif kind == M.INJECT:
        card = nxt.rules.cards[choice[1]]
        actor = injected_for(card, choice[2] if len(choice) == 3 else None)
        if card.deck == "news":
            _take_news(nxt, card.id)
            nxt.news_done.append(card.id)
        if log is not None:
            log.append(("inject", card.id, actor, reason.strip() if reason and reason.strip() else None))
        interject(nxt, (("inject", card.id, actor),), log)
    else:
        cid = choice[1]
        if kind == M.HOLD:
            _take_news(nxt, cid)
            nxt.held.append(cid)
        elif kind == M.RELEASE:
            nxt.held.remove(cid)
            if cid in nxt.rules.dated_news:
                nxt.news_dated.append(cid)  # due on its date, or at once if that has passed
            else:
                nxt.news_deck.append(cid)  # the top of the deck: the next undated news
        else:
            _take_news(nxt, cid)
            nxt.news_next.append(cid)
        if log is not None:
            log.append((kind, cid))
    return nxt


def _take_news(state: State, cid: str) -> None:
    """An injected news card leaves whatever pile it waited in (the late period's reserve too)."""
    for pile in (state.news_deck, state.news_dated, state.news_next, state.held, state.reserve):
        if cid in pile:
            pile.remove(cid)


def _adjust(state: State, what: str, by: int, reason: str, log: list | None) -> None:
    t = M.split_target(what)
    if t.state is None:
        i = TRACK_INDEX[what]
        old = state.tracks[i]
        state.tracks[i] = old + by
    elif t.power is None:
        country = state.countries[COUNTRY_INDEX[t.state]]
        old = getattr(country, t.field)
        setattr(country, t.field, old + by)
    else:
        influence = state.countries[COUNTRY_INDEX[t.state]].influence
        i = SEAT_INDEX[t.power]
        old = influence[i]
        influence[i] = old + by
    if log is not None:
        log.append(("adjust", what, old, old + by, reason))


def adjust_words(what: str) -> str:
    """The value an adjust move changes, in words."""
    t = M.split_target(what)
    if t is None or t.state is None:
        return TRACK_NAMES.get(what, what)
    if t.power is None:
        return f"{t.state.capitalize()}'s {FIELD_NAMES.get(t.field, t.field)}"
    name = SEAT_NAMES.get(t.power, t.power)
    owner = name + ("'" if name.endswith("s") else "'s")  # "the United States'" influence
    return f"{owner} influence in {t.state.capitalize()}"


# --- the phase clock ------------------------------------------------------------------------


def phase_seconds(text: str) -> int:
    """'5' (minutes), '1.5' or '1:30' (a minute and a half), '45s' -> seconds; ValueError
    with the reason in words otherwise."""
    t = text.strip().lower().replace(" ", "")
    try:
        if t.endswith(("s", "sec")):
            seconds = float(t.removesuffix("sec").removesuffix("s"))
        elif ":" in t:
            minutes, _, secs = t.partition(":")
            if not secs.isdigit() or len(secs) != 2 or int(secs) > 59:
                raise ValueError
            seconds = int(minutes or "0") * 60 + int(secs)
        else:
            seconds = float(t.removesuffix("min").removesuffix("m")) * 60
    except ValueError:
        raise ValueError(f"expected minutes (5), minutes and seconds (1:30) or seconds (45s), "
                         f"found {text.strip()!r}") from None
    if seconds != seconds or not MIN_PHASE <= seconds <= MAX_PHASE:  # NaN, or out of range
        raise ValueError("expected from 10 seconds to 60 minutes")
    return round(seconds)



@attrs.define
class PhaseClock:
    """A countdown for one team's phase, read against a monotonic time the caller passes in
    (so it is tested without waiting). Running out only *reports* it: the team is prompted,
    never skipped."""

    seconds: float
    started: float | None = None  # when it last started running
    spent: float = 0.0  # time used before the last start
    label: str = ""

    def start(self, now: float) -> None:
        if self.started is None:
            self.started = now

    def pause(self, now: float) -> None:
        if self.started is not None:
            self.spent += now - self.started
            self.started = None

    @property
    def paused(self) -> bool:
        return self.started is None

    def toggle(self, now: float) -> None:
        if self.paused:
            self.start(now)
        else:
            self.pause(now)

    def extend(self, seconds: float) -> None:
        self.seconds += seconds

    def skip(self, now: float) -> None:
        """End the phase's time now (the team is then prompted to decide)."""
        self.spent = self.seconds
        if self.started is not None:
            self.started = now

    def remaining(self, now: float) -> float:
        used = self.spent + (now - self.started if self.started is not None else 0.0)
        return max(0.0, self.seconds - used)

    def out(self, now: float) -> bool:
        return self.remaining(now) <= 0.0


# --- how long a seminar takes ---------------------------------------------------------------

# Measured: a 3-turn seminar of five teams (30 team phases) took 96 decisions and about 63
# handovers of the keyboard, so the clocks alone promised far less time than the class took.
HANDOVERS_PER_PHASE = 2.1  # the team's own, and the Central Asian seat's for an offer
HANDOVER_SECONDS = (15, 20)  # passing the keyboard and pressing Enter: quick, slow
BRIEFING_SECONDS = 10 * 60  # the article and the role briefs, read together before turn 1
DEBRIEF_SECONDS = 15 * 60  # the after-action report, discussed at the end


@attrs.frozen
class Estimate:
    """How long a seminar takes, in seconds: ``about`` with quick handovers, ``at_most`` with
    slow ones; both let every team use its whole time for every phase."""

    about: int
    at_most: int
    clocks: int  # the phase clocks alone: teams x rounds x turns x phase time
    handovers: int  # times the keyboard changes hands
    briefing: int = BRIEFING_SECONDS
    debrief: int = DEBRIEF_SECONDS


def estimate(teams: int, rounds: int, phase_seconds: int, turns: int) -> Estimate:
    """The length of a class: the clocks, the handovers between teams (none with one team at
    the keyboard), the briefing and the debrief."""
    phases = teams * rounds * turns
    clocks = phases * phase_seconds
    handovers = round(phases * HANDOVERS_PER_PHASE) if teams > 1 else 0
    fixed = clocks + BRIEFING_SECONDS + DEBRIEF_SECONDS
    quick, slow = HANDOVER_SECONDS
    return Estimate(about=fixed + handovers * quick, at_most=fixed + handovers * slow, clocks=clocks,
                    handovers=handovers)


def clock_text(seconds: float) -> str:
    """m:ss, rounded up, so 0:00 shows only when time is really out."""
    whole = int(seconds) + (1 if seconds > int(seconds) else 0)
    return f"{whole // 60}:{whole % 60:02d}"
