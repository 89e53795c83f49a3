"""Each seat's objectives from its role brief (game.words.briefing.ROLES, "What you want"),
checked against a game: met, partly met or missed, with the numbers that say so.

The checks read the public board (an observation, game.play.observer), the board at the start
and as each turn ended (game.words.story), and the public log: what any seat could see.
The thresholds are the rules' own (game.rules.scoring), as the briefs' scoring lines are.
"""

from __future__ import annotations

import attrs

from game.rules import scoring as S
from game.rules.model import BORDERING, CENTRAL_ASIA, COUNTRIES, POWERS, SEATS
from game.rules.ops import CHINA, RUSSIA, TURKEY, USA
from game.rules.primitives import HIGH_TENSION
from game.words.briefing import ROLES
from game.words.log import country_name
from game.words import story

MET, PARTLY, MISSED = "met", "partly met", "missed"


@attrs.frozen
class Objective:
    text: str  # the brief's own line
    status: str  # MET, PARTLY or MISSED
    detail: str  # the numbers behind it


@attrs.frozen
class Facts:
    """What the checks read: the board now and at the start, the rows turn by turn, the public
    log entries, and the observation now (for the rules, completed projects, starting bases)."""

    seen: object
    start: dict
    rows: tuple
    log: tuple

    @property
    def board(self) -> dict:
        return story.board_of(self.seen)

    def leads(self, power: int) -> list[int]:
        board = self.board
        return [c for c in range(len(COUNTRIES)) if story.leader(board, c) == power]

    def incursions(self, countries) -> list[tuple[int, int]]:
        """(turn, country) of every incursion into one of ``countries``."""
        out, turn = [], 0
        for entry in self.log:
            if entry[0] == "turn":
                turn = entry[1]
            elif entry[0] == "t_incursion" and entry[1] in countries:
                out.append((turn, entry[1]))
        return out

    def new_bases(self, powers=range(len(POWERS))) -> list[tuple[int, int]]:
        board = self.board
        return [(p, c) for c in range(len(COUNTRIES)) for p in powers
                if board[("base", p, c)] and (p, c) not in self.seen.starting_bases]


def _names(countries) -> str:
    names = [country_name(c) for c in countries]
    return "none" if not names else names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _share(k: int, n: int) -> str:
    return MET if k >= n else PARTLY if k > 0 else MISSED


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _no_us_base(f: Facts) -> tuple[str, str]:
    board = f.board
    bases = [c for c in range(len(COUNTRIES)) if board[("base", USA, c)]]
    if not bases:
        return MET, "no US base in the region"
    return MISSED, f"a US base in {_names(bases)}"


def _russia(f: Facts) -> list[tuple[str, str]]:
    csto = f.seen.rules.csto
    led = [c for c in csto if c in f.leads(RUSSIA)]
    guarded = [c for c in csto if c in BORDERING]
    hits = f.incursions(guarded)
    highest = max(row.board[("track", "csto")] for row in f.rows) if f.rows else f.board[("track", "csto")]
    now = f.board[("track", "csto")]
    credible = MET if now >= S.CSTO_CREDIBLE else PARTLY if highest >= S.CSTO_CREDIBLE else MISSED
    return [
        (_share(len(led), len(csto)), f"leads in {_names(led)} ({len(led)} of {len(csto)})"),
        (MET, f"no incursion into {_names(guarded)}") if not hits else
        (MISSED, f"{_count(len(hits), 'incursion')} into {_names(guarded)} (turn{'s' if len(hits) > 1 else ''} "
                 f"{', '.join(str(t) for t, _ in hits)})"),
        (credible, f"CSTO credibility {now} at the end (credible from {S.CSTO_CREDIBLE}; highest as a turn ended: {highest})"),
        _no_us_base(f),
    ]


def _turkey(f: Facts) -> list[tuple[str, str]]:
    turkic = f.seen.rules.turkic
    board = f.board
    present = [c for c in turkic if board[("influence", TURKEY, c)] >= S.TURKIC_PRESENCE]
    led = [c for c in turkic if c in f.leads(TURKEY)]
    agreements = sum(1 for e in f.log if e[0] == "answer" and e[1] == TURKEY and e[4])
    projects = sum(1 for owner, _ in f.seen.completed if owner == TURKEY)
    return [
        (_share(len(present), len(turkic)),
         f"influence {S.TURKIC_PRESENCE}+ in {_names(present)} ({len(present)} of {len(turkic)} Turkic states)"),
        (MET if len(led) >= 2 else PARTLY if led else MISSED, f"leads in {_names(led)}"),
        (MET if agreements + projects else MISSED,
         f"{_count(agreements, 'offer')} accepted, {_count(projects, 'project')} completed"),
    ]


def _china(f: Facts) -> list[tuple[str, str]]:
    board = f.board
    done = [c for owner, c in f.seen.completed if owner == CHINA]
    working = [c for c in done if board[("field", "stability", c)] >= S.CORRIDOR_STABILITY]
    leads = len(f.leads(CHINA))
    most = max(len(f.leads(p)) for p in range(len(POWERS)))
    return [
        (MET if working else PARTLY if done else MISSED,
         f"{_count(len(done), 'corridor')} completed, {len(working)} in a state stable enough "
         f"({S.CORRIDOR_STABILITY}+) to use"),
        (MET if leads and leads >= most else PARTLY if leads else MISSED,
         f"leads in {_names(f.leads(CHINA))}" + (f" (the most any power leads in: {most})" if most else "")),
        _no_us_base(f),
    ]


def _usa(f: Facts) -> list[tuple[str, str]]:
    board = f.board
    bases = [c for c in range(len(COUNTRIES)) if board[("base", USA, c)]]
    present = [c for c in range(len(COUNTRIES)) if board[("influence", USA, c)] >= 3]
    china = f.leads(CHINA)
    return [
        (MET if bases else MISSED, f"a base in {_names(bases)}" if bases else "no base"),
        (MET if len(present) >= 3 else PARTLY if present else MISSED,
         f"influence 3+ in {_names(present)} ({len(present)} of {len(COUNTRIES)})"),
        (MET if len(china) <= 1 else MISSED, f"China leads in {_names(china)}"),
    ]


def _central_asia(f: Facts) -> list[tuple[str, str]]:
    board = f.board
    collapsed = f.seen.collapsed
    hits = f.incursions(BORDERING)
    shaky = [c for c in range(len(COUNTRIES)) if board[("field", "stability", c)] <= 3]
    if collapsed is not None:
        stable = (MISSED, f"{country_name(collapsed)} collapsed")
    else:
        stable = (MET if not hits and not shaky else PARTLY,
                  f"no collapse; {_count(len(hits), 'incursion')}; on the brink (stability 3 or less): {_names(shaky)}")
    dominant = [p for p in range(len(POWERS)) if len(f.leads(p)) >= 3]
    tension = board[("track", "tension")]
    confronted = tension >= HIGH_TENSION
    balance = MET if not dominant and not confronted else PARTLY if not (dominant and confronted) else MISSED
    who = ", ".join(story.SHORT_SEATS[SEATS[p]] for p in dominant)
    youth_then = sum(f.start[("field", "discontent", c)] for c in range(len(COUNTRIES)))
    youth_now = sum(board[("field", "discontent", c)] for c in range(len(COUNTRIES)))
    unwanted = f.new_bases()
    return [
        stable,
        (balance, (f"{who} leads in three states or more" if dominant else "no power leads in three states or more")
         + f"; tension {tension} (the confrontation begins at {HIGH_TENSION})"),
        (MET if youth_now < youth_then else PARTLY if youth_now == youth_then else MISSED,
         f"youth discontent across the five states {youth_then} → {youth_now}"),
        (MET, "no new foreign base") if not unwanted else
        (MISSED, "new bases: " + ", ".join(f"{story.POWER_ADJECTIVES[SEATS[p]]} in {country_name(c)}" for p, c in unwanted)),
    ]


CHECKS = {RUSSIA: _russia, TURKEY: _turkey, CHINA: _china, USA: _usa, CENTRAL_ASIA: _central_asia}


def objectives(seat: int, facts: Facts) -> list[Objective]:
    """The seat's objectives, in the order its brief lists them, each checked on the facts."""
    wants = ROLES[SEATS[seat]].wants
    results = CHECKS[seat](facts)
    return [Objective(text, status, detail) for text, (status, detail) in zip(wants, results, strict=True)]
