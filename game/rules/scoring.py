"""Upkeep: projects advance, each seat scores for what it wants, hands are refilled.

What each seat scores for follows the design brief's table: Russia for CSTO borders held and
its lead in the CSTO states, Turkey for the Turkic states, China for working corridors, the
United States for bases and for limiting China's lead, and the Central Asian states for
stability, balance and sovereignty.
"""

from __future__ import annotations

from game.rules.effects import MIN_PROJECT_STABILITY
from game.rules.model import BORDERING, CENTRAL_ASIA, OVER, TRACK_INDEX, State
from game.rules.primitives import add_vp, change_field, change_influence, change_track
from game.rules.ops import CHINA, RUSSIA, TURKEY, USA

_CSTO, _TENSION = TRACK_INDEX["csto"], TRACK_INDEX["tension"]
CSTO_CREDIBLE = 9
BORDER_HELD_VP = 2  # Russia's VP for each CSTO member on the Afghan border with no incursion this turn
CSTO_LEAD_VP = 1  # Russia's VP for leading in each CSTO member
STABLE = 6  # a state this stable scores for the Central Asian seat
CALM_TENSION = 3  # at or below, the region stays out of a Sino-American confrontation
PROJECT_VP = 2
HOST_VP = 0  # the Central Asian seat's gain from each project completed on its soil
TURKIC_PRESENCE = 5  # Turkish influence that counts as a presence in a Turkic state
CORRIDOR_STABILITY = 3  # a corridor pays China only while its state is this stable
# China as the region's trading partner: this much influence in this many states or more pays
# a bonus (Turkey's "two Turkic leads" in China's terms: breadth, not a lead in each).
TRADE_PARTNER_INFLUENCE, TRADE_PARTNER_STATES, TRADE_PARTNER_VP = 5, 3, 2


def advance_projects(state: State, log: list | None) -> None:
    still = []
    for owner, country, left in state.projects:
        if state.countries[country].stability < MIN_PROJECT_STABILITY:
            still.append((owner, country, left))
            if log is not None:
                log.append(("project_stalled", owner, country))
            continue
        left -= 1
        if left > 0:
            still.append((owner, country, left))
            continue
        state.completed.append((owner, country))
        if log is not None:
            log.append(("project_done", owner, country))
        add_vp(state, owner, PROJECT_VP, "projects", log)
        change_influence(state, owner, country, 1, log)
        change_field(state, country, "discontent", -1, log)
        add_vp(state, CENTRAL_ASIA, HOST_VP, "projects", log)
    state.projects = still


def turn_scores(state: State) -> list[tuple[int, int, str]]:
    """What each seat would score at an upkeep on this board, as (seat, VP, category).

    Pure, so the AI's evaluation can ask it on every position without copying the state."""
    countries = state.countries
    leaders = [c.leader() for c in countries]
    us_bases = sum(1 for c in countries if c.bases[USA])
    csto = state.rules.csto
    turkic = state.rules.turkic
    china_leads = leaders.count(CHINA)
    partner = sum(1 for c in countries if c.influence[CHINA] >= TRADE_PARTNER_INFLUENCE) >= TRADE_PARTNER_STATES

    # Russia: lead in the CSTO states, a credible CSTO, the CSTO's Afghan border (Tajikistan's)
    # held this turn; no US base (a point while there is none, -1 for each there is).
    held = sum(BORDER_HELD_VP for i in csto if i in BORDERING and not countries[i].incursion)
    # Turkey: presence in each Turkic state, and a bonus for leading in two or more.
    presence = sum(1 for i in turkic if countries[i].influence[TURKEY] >= TURKIC_PRESENCE)
    turkish_leads = sum(1 for i in turkic if leaders[i] == TURKEY)
    # China: corridors that work (their state stable enough), trade leads and a trading partner
    # across the region; no US base.
    working = sum(1 for owner, i in state.completed if owner == CHINA and countries[i].stability >= CORRIDOR_STABILITY)
    # Central Asia: stable states, no dominant power, calm tension, no unwanted bases.
    dominant = any(leaders.count(p) >= 3 for p in range(4))
    calm = state.tracks[_TENSION] <= CALM_TENSION
    unwanted = sum(
        1 for i, c in enumerate(countries) for p in range(4)
        if c.bases[p] and (p, i) not in state.starting_bases
    )
    return [
        (RUSSIA, CSTO_LEAD_VP * sum(1 for i in csto if leaders[i] == RUSSIA), "influence"),
        (RUSSIA, (state.tracks[_CSTO] >= CSTO_CREDIBLE) + held, "security"),
        (RUSSIA, -us_bases if us_bases else 1, "security"),
        (TURKEY, presence + (turkish_leads >= 2), "influence"),
        (CHINA, working, "projects"),
        (CHINA, china_leads + TRADE_PARTNER_VP * partner, "influence"),
        (CHINA, -us_bases, "security"),
        # United States: bases, a presence (3+), and China kept from leading widely.
        (USA, 2 * us_bases, "security"),
        (USA, sum(1 for c in countries if c.influence[USA] >= 3), "influence"),
        (USA, 1 if china_leads <= 1 else 0, "diplomacy"),
        (CENTRAL_ASIA, sum(1 for c in countries if c.stability >= STABLE), "stability"),
        (CENTRAL_ASIA, (not dominant) + calm, "diplomacy"),
        (CENTRAL_ASIA, -unwanted, "diplomacy"),
    ]


def score_turn(state: State, log: list | None) -> None:
    for seat, points, category in turn_scores(state):
        add_vp(state, seat, points, category, log)


def upkeep(state: State, log: list | None) -> None:
    if log is not None:
        log.append(("phase", "upkeep"))
    advance_projects(state, log)
    if state.phase == OVER:
        return
    score_turn(state, log)
    state.history = state.history + (tuple(state.vp),)
    # Each month tempers cool (Twilight Struggle's DEFCON) and a promise of protection fades
    # unless it is renewed: tension and the CSTO's credibility stay high only if fed.
    for track, kind in ((_TENSION, "tension_eases"), (_CSTO, "csto_fades")):
        if state.tracks[track] > 0:
            if log is not None:
                log.append((kind, state.tracks[track]))
            change_track(state, track, -1, None, log)
