"""The Taliban phase: the non-player force's procedure, run once a turn after the actions.

The article gives three reasons the Moscow pledge may fail: fighters disobey their command,
refugees destabilise the neighbours, and jobless youth see the Taliban as justice. Those are
the three ways pressure crosses a border here. Every step logs what it did and why, with the
numbers that decided it.
"""

from __future__ import annotations

from game.rules.model import BORDERING, OVER, TRACK_INDEX, State
from game.rules.primitives import change_field, change_track, roll

_MOMENTUM, _PLEDGE, _DISCIPLINE = (TRACK_INDEX[t] for t in ("momentum", "pledge", "discipline"))
MOMENTUM_NEED = 4  # a d6 at or above this advances the offensive...
MOMENTUM_NEED_WITHDRAWN = 3  # ...or this, once the US has gone
REFUGEE_MOMENTUM = 6  # an advance from this momentum on sends officials and troops north
REFUGEE_CRISIS = 6  # refugees at or above this cost a state 1 stability a turn
RADICAL_DISCONTENT = 5  # discontent at or above this may radicalise the young
MOMENTUM_SHARE = 3  # a third of the Taliban's momentum presses on each border
PRESSURE_DIE = 4  # the die added to border pressure: 0 to PRESSURE_DIE - 1
HEAVY_INCURSION = 2  # pressure beating the border by this much costs 2 stability, otherwise 1


def pressure_parts(state: State, country: int) -> tuple[int, int, int]:
    """Pressure on one border before the die: (momentum, disobedience, refugees)."""
    t = state.tracks
    return (t[_MOMENTUM] // MOMENTUM_SHARE, (10 - t[_PLEDGE]) // 3, state.countries[country].refugees // 3)


def taliban_phase(state: State, log: list | None) -> None:
    tracks = state.tracks
    if log is not None:
        log.append(("phase", "taliban"))

    # 1. Momentum: the offensive takes more provinces, faster once the US has gone.
    need = MOMENTUM_NEED_WITHDRAWN if state.withdrawn else MOMENTUM_NEED
    die = roll(state, 6) + 1
    advanced = die >= need
    if advanced:
        change_track(state, _MOMENTUM, 1, None, None)
        if log is not None:
            log.append(("t_momentum", die, need, tracks[_MOMENTUM]))
    elif log is not None:
        log.append(("t_momentum_stalls", die, need))

    # 2. The Moscow pledge: fighters with little discipline disobey their command.
    die = roll(state, 10)
    if die >= tracks[_DISCIPLINE]:
        change_track(state, _PLEDGE, -1, None, None)
        if log is not None:
            log.append(("t_disobey", die, tracks[_DISCIPLINE], tracks[_PLEDGE]))
    elif log is not None:
        log.append(("t_obey", die, tracks[_DISCIPLINE]))

    # 3. Border pressure and incursions, state by state in a fixed order.
    for country in BORDERING:
        c = state.countries[country]
        momentum, disobedience, refugees = pressure_parts(state, country)
        die = roll(state, PRESSURE_DIE)
        pressure = momentum + disobedience + refugees + die
        if pressure > c.border:
            loss = 2 if pressure - c.border >= HEAVY_INCURSION else 1
            if log is not None:
                log.append(("t_incursion", country, pressure, c.border, loss, (momentum, disobedience, refugees, die)))
            c.incursion = True
            if loss == 2:  # only a heavy incursion wears the border down, or every raid would
                change_field(state, country, "border", -1, log)  # open the way for the next
            change_field(state, country, "refugees", 1, log)
            change_field(state, country, "stability", -loss, log)
            if state.phase == OVER:
                return
        elif log is not None:
            log.append(("t_border_holds", country, pressure, c.border, (momentum, disobedience, refugees, die)))

    # 4. Refugee flows: when a strong offensive advances, people flee north.
    if advanced and tracks[_MOMENTUM] >= REFUGEE_MOMENTUM:
        if log is not None:
            log.append(("t_flight", tracks[_MOMENTUM]))
        for country in BORDERING:
            change_field(state, country, "refugees", 1, log)
    for country, c in enumerate(state.countries):
        if c.refugees >= REFUGEE_CRISIS:
            if log is not None:
                log.append(("t_refugee_crisis", country, c.refugees))
            change_field(state, country, "stability", -1, log)
            if state.phase == OVER:
                return

    # 5. Radicalisation: where youth discontent is high, some turn to the Taliban.
    for country, c in enumerate(state.countries):
        if c.discontent >= RADICAL_DISCONTENT:
            chance = c.discontent - RADICAL_DISCONTENT + 2  # in tenths
            die = roll(state, 10)
            if die < chance:
                if log is not None:
                    log.append(("t_radicalised", country, c.discontent, die, chance))
                change_field(state, country, "stability", -1, log)
                if state.phase == OVER:
                    return
            elif log is not None:
                log.append(("t_calm", country, c.discontent, die, chance))
