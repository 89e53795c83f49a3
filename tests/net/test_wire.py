"""What goes over the wire to one seat is what the observer lets it know, and nothing more."""

from __future__ import annotations

import asyncio
import json
import random

from game.rules.model import SEATS
from game.play.observer import AFTER, observe
from game.play.save import digest
from game.play.seminar import Seminar
from game.play.view import observation_from_data, unwire
from game.net.store import replay

from tests.net.helpers import play_randomly, rules_for


def _at(game, position: int):
    """The server's game as it stood after ``position`` moves: the state and the log then."""
    if position == len(game.moves):
        return game.state, game.log
    before, mark = game.before[position]
    return before, game.log[:mark]


async def test_every_message_to_a_seat_is_its_observation_and_nothing_more(host):
    row, codes = host.new(seed=11)
    wire: list[str] = []
    seat_a = SEATS[0]
    clients = {}
    for role, code in codes.items():
        clients[role] = await host.client(code, trace=wire.append if role == f"seat:{seat_a}" else None)
    await asyncio.gather(*(c.wait_ready() for c in clients.values()))
    assert await clients["facilitator"].start_game() is None
    rng = random.Random(5)
    await asyncio.gather(*(play_randomly(clients[f"seat:{s}"], random.Random(rng.random()),
                                         reason=lambda n, s=s: f"rationale-{s}-{n}") for s in SEATS))
    game = host.server.rooms[row.id].game
    assert game.over
    rules = rules_for(row.scenario)
    others = [f"rationale-{s}-" for s in SEATS if s != seat_a]
    held: list = []
    views = 0
    over_seen = False
    for text in wire:
        message = json.loads(text)
        view = message.get("view") if message["kind"] == "welcome" else message
        if message["kind"] not in ("welcome", "view"):
            continue
        views += 1
        assert "coming" not in view  # the facilitator's only
        held = ([] if view["log_from"] == 0 else held) + [unwire(e) for e in view["log"]]
        if view["log_from"]:
            assert view["log_from"] == len(held) - len(view["log"])
        sent = observation_from_data(view["obs"], rules, held)
        state, log = _at(game, view["position"])
        assert sent == observe(state, 0, log=log, seats=game.seats), view["position"]
        if view["status"] != "over":
            assert not any(mark in text for mark in others), "another team's rationale went to seat A"
            assert sent.deck is None and sent.news_deck is None and sent.held is None and sent.seed is None
            assert all(h is None for i, h in enumerate(sent.hands) if i != 0)
            assert "digest" not in view
        else:
            over_seen = True
    assert views > len(game.moves) // 2  # a view after (nearly) every move, not a few
    assert over_seen
    # The marks were there to be found: after the end every team's rationale is readable.
    assert all(mark in wire[-1] for mark in others)


async def test_five_games_at_once_all_finish_and_every_screen_agrees(host):
    games = []
    for g in range(5):
        seminar = Seminar(teams={s: f"Team {s} {g}" for s in SEATS}, turns=3, phase_seconds=60)
        row, codes = host.new(seed=100 + g, seminar=seminar)
        games.append((row, await host.join(codes)))

    async def play(row, clients, seed):
        rng = random.Random(seed)
        facilitator = clients["facilitator"]
        assert await facilitator.start_game() is None
        players = [play_randomly(clients[f"seat:{s}"], random.Random(rng.random())) for s in SEATS]
        noted = facilitator.send_move(("note",), f"game {row.id}: the class is lively")
        results = await asyncio.gather(noted, *players)
        assert results[0] is None  # the note was played
        await asyncio.gather(*(c.wait_until(lambda c: c.view is not None and c.view.status == "over", 60)
                               for c in clients.values()))

    await asyncio.wait_for(asyncio.gather(*(play(row, clients, row.id) for row, clients in games)), 300)
    store = host.server.store
    for row, clients in games:
        stored = store.game(row.id)
        assert stored.status == "over"
        final = replay(stored, store.moves(row.id), host.server.rules_for)
        assert digest(final.state) == stored.digest == digest(host.server.rooms[row.id].game.state)
        after = observe(final.state, AFTER)
        for role, client in clients.items():
            view = client.view
            assert view.digest == stored.digest, role
            assert view.position == stored.position, role
            assert view.obs == observe(final.state, client.viewer, log=final.log, seats=final.seats), role
            # Once over, every screen knows everything: every hand, the decks, the seed.
            assert view.obs.hands == after.hands and view.obs.seed == final.seed and view.obs.deck == after.deck
