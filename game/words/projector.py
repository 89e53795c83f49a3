"""What the projected screen says: the room's view of a game, from the public observation alone.

The projector shows what every seat may know and nothing else: the board and the scores, the
date, whose decision the room is waiting for (not what that seat holds), this turn's news, the
discussion question of the last event, and the last things that happened, as the log says them
to the public. It is built from ``observe(state, PUBLIC, log=...)`` (game.play.observer) and
from who plays each seat (public: the room can see which team sits where), so two games that
differ only in hidden things (hands, the decks' order, the news the facilitator holds back, a
team's rationale, a computer's alternatives) give the same projection.

The turn's summary after the Taliban phase and the upkeep is game.words.summary's, read from
the same observation.
"""

from __future__ import annotations

import attrs

from game.play.observer import PUBLIC, Observation
from game.rules.model import SEAT_NAMES, SEATS
from game.words.log import describe, describe_pending, seat_name
from game.words.summary import month_year

RECENT = 12  # lines of "what just happened"
LEVEL_WORDS = {"human": "Human", "ai:easy": "AI easy", "ai:normal": "AI normal", "ai:hard": "AI hard",
               "random": "Random"}


@attrs.frozen
class NewsItem:
    card: str
    title: str
    text: str
    question: str


@attrs.frozen
class ScoreRow:
    seat: int
    name: str  # "Russia"
    player: str  # the team's name, or the kind of player
    vp: int
    leading: bool
    to_move: bool


@attrs.frozen
class Projection:
    """One frame of the projected screen, as plain values (compare with ==)."""

    turn: int
    turns: int
    date: str  # "August 2021"
    waiting: str  # what the room waits for: "Russia (Team Moscow): play a card ..."
    mover: int | None
    news: tuple  # NewsItem of this turn's news, in the order it came
    discussion: NewsItem | None  # the card whose event happened last, with its question
    recent: tuple  # (kind, text): the last lines the public may read, oldest first
    scores: tuple  # ScoreRow by seat
    over: bool
    last_summary_turn: int | None  # the last turn whose Taliban phase and upkeep are over


def player_label(controller: str | None, team: str | None) -> str:
    """Who plays a seat, as the room may see it: the team's name, else the kind of player."""
    return team or LEVEL_WORDS.get(controller or "", controller or "")


def players_of(seats: dict, teams: dict | None = None) -> tuple:
    """Every seat's label (``seats``: seat id -> controller; ``teams``: seat id -> team name)."""
    teams = teams or {}
    return tuple(player_label(seats.get(s), teams.get(s)) for s in SEATS)


def _item(rules, cid: str) -> NewsItem:
    card = rules.cards[cid]
    return NewsItem(cid, card.title, card.text, card.question or "")


def _turn_start(log: tuple) -> int:
    for i in range(len(log) - 1, -1, -1):
        if log[i][0] == "turn":
            return i
    return 0


def last_turn_over(log: tuple) -> int | None:
    """The last turn whose upkeep is in the log (its summary can be told), or None."""
    upkeep = None
    for i in range(len(log) - 1, -1, -1):
        entry = log[i]
        if entry == ("phase", "upkeep"):
            upkeep = i
        elif entry[0] == "turn" and upkeep is not None and upkeep > i:
            return entry[1]
    return None


def project(obs: Observation, players: tuple) -> Projection:
    """The projected screen's words for one public observation taken with the log."""
    if obs.viewer != PUBLIC:
        raise ValueError(f"the projector shows the public view, not {obs.viewer!r}'s")
    if obs.log is None:
        raise ValueError("project: the observation was taken without the log")
    log = tuple(obs.log)
    rules = obs.rules
    start = _turn_start(log)
    this_turn = log[start:]
    news = tuple(_item(rules, e[1]) for e in this_turn if e[0] == "news" and e[1] in rules.cards)
    discussion = None
    for entry in reversed(log):
        if entry[0] == "event" and entry[1] in rules.cards and rules.cards[entry[1]].question:
            discussion = _item(rules, entry[1])
            break
    recent = tuple((e[0], describe(e, rules).strip()) for e in log[-RECENT:])
    mover = obs.seat_to_move
    if obs.over:
        waiting = "The game is over."
    elif mover is None:
        waiting = ""
    else:
        asked = describe_pending(obs)
        who = seat_name(mover)
        label = players[mover]
        waiting = f"{who[0].upper()}{who[1:]} ({label})" + asked[len(who):]
    best = max(obs.vp)
    scores = tuple(ScoreRow(i, SEAT_NAMES[s], players[i], obs.vp[i], obs.vp[i] == best, i == mover)
                   for i, s in enumerate(SEATS))
    return Projection(obs.turn, rules.scenario.turns, month_year(rules, obs.turn), waiting, mover, news,
                      discussion, recent, scores, obs.over, last_turn_over(log))
