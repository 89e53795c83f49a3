"""Upkeep: projects advance, each seat scores for what it wants, hands are refilled.

What each seat scores for follows the design brief's table: Russia for CSTO borders held and
its lead in the CSTO states, Turkey for the Turkic states, China for working corridors, the
United States for bases and for limiting China's lead, and the Central Asian states for
stability, balance and sovereignty.
"""

from __future__ import annotations

from game.model import CENTRAL_ASIA, OVER, TRACK_INDEX, State
from game.primitives import add_vp, change_field, change_influence
from game.ops import CHINA, RUSSIA, TURKEY, USA

_CSTO, _TENSION = TRACK_INDEX["csto"], TRACK_INDEX["tension"]
_TAJIKISTAN = 0
CSTO_CREDIBLE = 6
STABLE = 7  # a state this stable scores for the Central Asian seat
CALM_TENSION = 5  # at or below, the region stays out of a Sino-American confrontation
PROJECT_VP = 2
TURKIC_PRESENCE = 5  # Turkish influence that counts as a presence in a Turkic state
CORRIDOR_STABILITY = 5  # a corridor pays China only while its state is this stable
MIN_PROJECT_STABILITY = 2  # below this, work stops


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
    state.projects = still


def score_turn(state: State, log: list | None) -> None:
    countries = state.countries
    leaders = [c.leader() for c in countries]
    us_bases = sum(1 for c in countries if c.bases[USA])
    csto = state.rules.csto

    # Russia: lead in the CSTO states, a credible CSTO, Tajikistan's border held; no US base.
    add_vp(state, RUSSIA, sum(1 for i in csto if leaders[i] == RUSSIA), "influence", log)
    security = (state.tracks[_CSTO] >= CSTO_CREDIBLE) + (not countries[_TAJIKISTAN].incursion)
    add_vp(state, RUSSIA, security, "security", log)
    add_vp(state, RUSSIA, -us_bases, "security", log)

    # Turkey: presence in each Turkic state, and a bonus for leading in two or more.
    turkic = state.rules.turkic
    presence = sum(1 for i in turkic if countries[i].influence[TURKEY] >= TURKIC_PRESENCE)
    leads = sum(1 for i in turkic if leaders[i] == TURKEY)
    add_vp(state, TURKEY, presence + (leads >= 2), "influence", log)

    # China: corridors that work (their state stable enough), trade lead; no US base.
    working = sum(1 for owner, i in state.completed if owner == CHINA and countries[i].stability >= CORRIDOR_STABILITY)
    add_vp(state, CHINA, working, "projects", log)
    add_vp(state, CHINA, sum(1 for lead_ in leaders if lead_ == CHINA), "influence", log)
    add_vp(state, CHINA, -us_bases, "security", log)

    # United States: bases, a presence (3+), and China kept from leading widely.
    add_vp(state, USA, 2 * us_bases, "security", log)
    add_vp(state, USA, sum(1 for c in countries if c.influence[USA] >= 3), "influence", log)
    add_vp(state, USA, 1 if sum(1 for lead_ in leaders if lead_ == CHINA) <= 1 else 0, "diplomacy", log)

    # Central Asia: stable states, no dominant power, calm tension, no unwanted bases.
    add_vp(state, CENTRAL_ASIA, sum(1 for c in countries if c.stability >= STABLE), "stability", log)
    dominant = any(leaders.count(p) >= 3 for p in range(4))
    calm = state.tracks[_TENSION] <= CALM_TENSION
    add_vp(state, CENTRAL_ASIA, (not dominant) + calm, "diplomacy", log)
    unwanted = sum(
        1 for i, c in enumerate(countries) for p in range(4)
        if c.bases[p] and (p, i) not in state.starting_bases
    )
    add_vp(state, CENTRAL_ASIA, -unwanted, "diplomacy", log)


def upkeep(state: State, log: list | None) -> None:
    if log is not None:
        log.append(("phase", "upkeep"))
    advance_projects(state, log)
    if state.phase == OVER:
        return
    score_turn(state, log)
    state.history = state.history + (tuple(state.vp),)
