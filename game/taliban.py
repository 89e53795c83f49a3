"""The Taliban phase: the non-player force's procedure, run once a turn after the actions.

The article gives three reasons the Moscow pledge may fail: fighters disobey their command,
refugees destabilise the neighbours, and jobless youth see the Taliban as justice. Those are
the three ways pressure crosses a border here. Every step logs what it did and why, with the
numbers that decided it.
"""

from __future__ import annotations

from game.model import BORDERING, OVER, TRACK_INDEX, State
from game.primitives import change_field, change_track, roll

_MOMENTUM, _PLEDGE, _DISCIPLINE = (TRACK_INDEX[t] for t in ("momentum", "pledge", "discipline"))
REFUGEE_MOMENTUM = 6  # from this momentum on, officials and troops flee north every turn
REFUGEE_CRISIS = 6  # refugees at or above this cost a state 1 stability a turn
RADICAL_DISCONTENT = 6  # discontent at or above this may radicalise the young
MAX_INCURSION_LOSS = 2


def pressure_parts(state: State, country: int) -> tuple[int, int, int]:
    """Pressure on one border before the die: (momentum, disobedience, refugees)."""
    t = state.tracks
    return (t[_MOMENTUM] // 2, (10 - t[_PLEDGE]) // 3, state.countries[country].refugees // 3)


def taliban_phase(state: State, log: list | None) -> None:
    tracks = state.tracks
    if log is not None:
        log.append(("phase", "taliban"))

    # 1. Momentum: the offensive takes more provinces, faster once the US has gone.
    need = 3 if state.withdrawn else 4
    die = roll(state, 6) + 1
    if die >= need:
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
        die = roll(state, 3)
        pressure = momentum + disobedience + refugees + die
        if pressure > c.border:
            loss = min(MAX_INCURSION_LOSS, pressure - c.border)
            if log is not None:
                log.append(("t_incursion", country, pressure, c.border, loss, (momentum, disobedience, refugees, die)))
            c.incursion = True
            change_field(state, country, "border", -1, log)
            change_field(state, country, "refugees", 1, log)
            change_field(state, country, "stability", -loss, log)
            if state.phase == OVER:
                return
        elif log is not None:
            log.append(("t_border_holds", country, pressure, c.border, (momentum, disobedience, refugees, die)))

    # 4. Refugee flows: once momentum is high, people flee north every turn.
    if tracks[_MOMENTUM] >= REFUGEE_MOMENTUM:
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
