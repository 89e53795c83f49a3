"""The Taliban phase: the non-player force's procedure, run once a turn after the actions.

The article gives three reasons the Moscow pledge may fail: fighters disobey their command,
refugees destabilise the neighbours, and jobless youth see the Taliban as justice. Those are
the three ways pressure crosses a border here. Besides the offensive that goes on every turn,
the Taliban choose one operation by a published priority (as Labyrinth's Jihadist bot and the
COIN non-player flowcharts do), so players can see it coming and counter it:

1. Raid across the weakest border, if some Afghan border's security is at most its pressure
   before the die + 1: the border with the least security over pressure (ties: the less stable
   state, then map order) takes +2 pressure this phase.
2. Recruit among jobless youth, if some state's youth discontent is 6 or more: the most
   discontented (ties: the less stable, then map order) gains 1 discontent and the young there
   radicalise more readily this phase (+2 in ten).
3. Push refugees north, if momentum is 6 or more: 1 refugee more in each bordering state.
4. Press the Moscow pledge, if it stands at 5 or more: the pledge loses 1.
5. Otherwise regroup: a second roll of the offensive.

Every step logs what it did and why, with the numbers that decided it.
"""

from __future__ import annotations

from game.rules.model import BORDERING, OVER, TRACK_INDEX, TRACK_MAX, TRACK_MIN, State
from game.rules.primitives import change_field, change_track, roll

_MOMENTUM, _PLEDGE, _DISCIPLINE, _CSTO = (TRACK_INDEX[t] for t in ("momentum", "pledge", "discipline", "csto"))
MOMENTUM_NEED = 4  # a d6 at or above this advances the offensive...
MOMENTUM_NEED_WITHDRAWN = 3  # ...or this, once the US has gone
REFUGEE_MOMENTUM = 6  # an advance from this momentum on sends officials and troops north
REFUGEE_CRISIS = 6  # refugees at or above this cost a state 1 stability a turn
RADICAL_DISCONTENT = 5  # discontent at or above this may radicalise the young
MOMENTUM_SHARE = 3  # a third of the Taliban's momentum presses on each border
PRESSURE_DIE = 4  # the die added to border pressure: 0 to PRESSURE_DIE - 1
HEAVY_INCURSION = 2  # pressure beating the border by this much costs 2 stability, otherwise 1

# The operations, in priority order (see the module's docstring).
RAID, RECRUIT, REFUGEES, PLEDGE, REGROUP = "raid", "recruit", "refugees", "pledge", "regroup"
OPERATIONS = (RAID, RECRUIT, REFUGEES, PLEDGE, REGROUP)
RAID_MARGIN = 1  # a border this close to (or under) its pressure before the die draws a raid
RAID_PRESSURE = 2
RECRUIT_DISCONTENT = 6
RECRUIT_CHANCE = 2  # in tenths, added to the radicalisation chance where they recruit
PRESS_PLEDGE = 5


def pressure_parts(state: State, country: int) -> tuple[int, int, int]:
    """Pressure on one border before the die: (momentum, disobedience, refugees)."""
    t = state.tracks
    return (t[_MOMENTUM] // MOMENTUM_SHARE, (10 - t[_PLEDGE]) // 3, state.countries[country].refugees // 3)


def choose_operation(state: State) -> tuple[str, int | None, tuple]:
    """The Taliban's operation this turn by the published priority: (operation, the state it
    aims at or None, the numbers that decided it). Pure: players and the AI may ask it."""
    countries = state.countries
    tracks = state.tracks
    weakest = None
    for country in BORDERING:
        c = countries[country]
        margin = c.border - sum(pressure_parts(state, country))
        key = (margin, c.stability, country)
        if margin <= RAID_MARGIN and (weakest is None or key < weakest):
            weakest = key
    if weakest is not None:
        margin, _stability, country = weakest
        return RAID, country, (countries[country].border, countries[country].border - margin)
    angriest = None
    for country, c in enumerate(countries):
        key = (-c.discontent, c.stability, country)
        if c.discontent >= RECRUIT_DISCONTENT and (angriest is None or key < angriest):
            angriest = key
    if angriest is not None:
        return RECRUIT, angriest[2], (countries[angriest[2]].discontent,)
    if tracks[_MOMENTUM] >= REFUGEE_MOMENTUM:
        return REFUGEES, None, (tracks[_MOMENTUM],)
    if tracks[_PLEDGE] >= PRESS_PLEDGE:
        return PLEDGE, None, (tracks[_PLEDGE],)
    return REGROUP, None, ()


def _offensive(state: State, log: list | None) -> None:
    """The offensive takes more provinces, faster once the US has gone."""
    need = MOMENTUM_NEED_WITHDRAWN if state.withdrawn else MOMENTUM_NEED
    die = roll(state, 6) + 1
    if die >= need:
        # The line first, then the track's own entry under it (with its old value: the turn's
        # summary and the predictions read the board back from such entries).
        if log is not None:
            log.append(("t_momentum", die, need, min(TRACK_MAX, state.tracks[_MOMENTUM] + 1)))
        change_track(state, _MOMENTUM, 1, None, log)
    elif log is not None:
        log.append(("t_momentum_stalls", die, need))


def taliban_phase(state: State, log: list | None) -> None:
    tracks = state.tracks
    if log is not None:
        log.append(("phase", "taliban"))

    # 1. The offensive goes on.
    _offensive(state, log)

    # 2. The Moscow pledge: fighters with little discipline disobey their command.
    die = roll(state, 10)
    if die >= tracks[_DISCIPLINE]:
        if log is not None:
            log.append(("t_disobey", die, tracks[_DISCIPLINE], max(TRACK_MIN, tracks[_PLEDGE] - 1)))
        change_track(state, _PLEDGE, -1, None, log)
    elif log is not None:
        log.append(("t_obey", die, tracks[_DISCIPLINE]))

    # 3. The operation of the turn, by the published priority.
    operation, aim, numbers = choose_operation(state)
    if log is not None:
        log.append(("t_operation", operation, aim, numbers))
    raided = recruited = None
    if operation == RAID:
        raided = aim
    elif operation == RECRUIT:
        recruited = aim
        change_field(state, aim, "discontent", 1, log)
    elif operation == REFUGEES:
        for country in BORDERING:
            change_field(state, country, "refugees", 1, log)
    elif operation == PLEDGE:
        change_track(state, _PLEDGE, -1, None, log)
    else:
        _offensive(state, log)

    # 4. Border pressure and incursions, state by state in a fixed order. An incursion into a
    # CSTO member costs the CSTO credibility; borders that all hold check the offensive.
    breached = False
    for country in BORDERING:
        c = state.countries[country]
        momentum, disobedience, refugees = pressure_parts(state, country)
        die = roll(state, PRESSURE_DIE)
        raid = RAID_PRESSURE if country == raided else 0
        pressure = momentum + disobedience + refugees + die + raid
        parts = (momentum, disobedience, refugees, die) + ((raid,) if raid else ())
        if pressure > c.border:
            breached = True
            loss = 2 if pressure - c.border >= HEAVY_INCURSION else 1
            if log is not None:
                log.append(("t_incursion", country, pressure, c.border, loss, parts))
            c.incursion = True
            if loss == 2:  # only a heavy incursion wears the border down, or every raid would
                change_field(state, country, "border", -1, log)  # open the way for the next
            change_field(state, country, "refugees", 1, log)
            if country in state.rules.csto:
                change_track(state, _CSTO, -1, None, log)
            change_field(state, country, "stability", -loss, log)
            if state.phase == OVER:
                return
        elif log is not None:
            log.append(("t_border_holds", country, pressure, c.border, parts))
    if not breached and tracks[_MOMENTUM] > 0:
        if log is not None:
            log.append(("t_checked", tracks[_MOMENTUM]))
        change_track(state, _MOMENTUM, -1, None, log)

    # 5. Refugees: six or more cost a state 1 stability a turn.
    for country, c in enumerate(state.countries):
        if c.refugees >= REFUGEE_CRISIS:
            if log is not None:
                log.append(("t_refugee_crisis", country, c.refugees))
            change_field(state, country, "stability", -1, log)
            if state.phase == OVER:
                return

    # 6. Radicalisation: where youth discontent is high, some turn to the Taliban.
    for country, c in enumerate(state.countries):
        if c.discontent >= RADICAL_DISCONTENT:
            chance = c.discontent - RADICAL_DISCONTENT + 2 + (RECRUIT_CHANCE if country == recruited else 0)
            die = roll(state, 10)
            if die < chance:
                if log is not None:
                    log.append(("t_radicalised", country, c.discontent, die, chance))
                change_field(state, country, "stability", -1, log)
                if state.phase == OVER:
                    return
            elif log is not None:
                log.append(("t_calm", country, c.discontent, die, chance))
