"""The server's door: roles, positions, races, bad messages, limits, reconnection."""

from __future__ import annotations

import asyncio
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.rules.model import SEATS
from game.play.seminar import Seminar
from game.net import protocol as P
from game.net import server as S
from game.net.client import DROPPED, Client, ClientError

from tests.net.helpers import Raw, play_randomly, rules_for

TWO = {"russia": "human", "turkey": "human", "china": "random", "usa": "random", "central_asia": "random"}


async def _started(host, seats=TWO, **kwargs):
    row, codes = host.new(seats, **kwargs)
    clients = await host.join(codes)
    assert await clients["facilitator"].start_game() is None
    return row, codes, clients


async def _my_turn(client):
    return await client.wait_until(lambda c: bool(c.view.choices) or c.view.status == "over", 30)


async def test_two_screens_racing_for_one_move_apply_exactly_one(host):
    row, codes, clients = await _started(host)
    first = clients[f"seat:{SEATS[0]}"]
    second = await host.client(codes[f"seat:{SEATS[0]}"])  # the same seat on another screen
    view = await _my_turn(first)
    await second.wait_until(lambda c: c.view is not None and c.view.position == view.position)
    a, b = view.choices[0], view.choices[-1]
    answers = await asyncio.gather(first.send_move(a, at=view.position), second.send_move(b, at=view.position))
    assert sorted(x is None for x in answers) == [False, True]  # one played, one refused
    refusal = next(x for x in answers if x is not None)
    assert refusal.startswith(("stale", "already played"))
    stored = host.server.store.moves(row.id)
    assert len([m for m in stored[view.position:view.position + 1]]) == 1
    played = a if answers[0] is None else b
    assert stored[view.position][0] == " ".join(played)


async def test_a_repeated_move_is_refused_and_never_played_twice(host):
    row, codes, clients = await _started(host)
    me = clients[f"seat:{SEATS[0]}"]
    view = await _my_turn(me)
    choice = view.choices[0]
    assert await me.send_move(choice, at=view.position) is None
    again = await me.send_move(choice, at=view.position)
    assert again.startswith("already played") and "never played twice" in again
    game = host.server.rooms[row.id].game
    assert game.moves[view.position].choice == tuple(choice)
    # The move after it is not the same move again (a card played is no longer in the hand,
    # so it could not be, unless it had been applied twice).
    async with host.server.rooms[row.id].lock:  # between changes: a computer's move may be being stored
        stored = host.server.store.moves(row.id)
        assert stored[view.position][0] == " ".join(choice)
        assert [text for text, _ in stored] == [" ".join(m.choice) for m in game.moves]


async def test_each_code_moves_only_its_own(host):
    row, codes, clients = await _started(host)
    russia, turkey = clients["seat:russia"], clients["seat:turkey"]
    projector, facilitator = clients["projector"], clients["facilitator"]
    view = await _my_turn(russia)
    await turkey.wait_until(lambda c: c.view.position == view.position)
    assert turkey.view.choices is None  # never another seat's choices
    position = view.position
    assert (await turkey.send_move(view.choices[0], at=position)).startswith("It is not your move")
    assert await projector.send_move(view.choices[0], at=position) == "the projector makes no moves"
    assert "facilitator moves only" in await facilitator.send_move(view.choices[0], at=position)
    assert "only the facilitator" in await russia.send_move(("note",), "mine", at=position)
    assert await projector.start_game() == "only the facilitator starts the game"
    assert await russia.pause(True) == "only the facilitator pauses the game"
    assert await projector.clock("skip") == "only the facilitator sets the clock"
    for screen in (russia, projector):
        with pytest.raises(ClientError, match="facilitator's until the game is over"):
            await screen.export()
    assert host.server.rooms[row.id].game.moves[position:] == []
    assert len(host.server.store.moves(row.id)) == position


async def test_the_lobby_waits_for_the_facilitator(host):
    row, codes = host.new(TWO)
    clients = await host.join(codes)
    russia = clients["seat:russia"]
    assert russia.view.status == "lobby" and russia.view.choices is None
    assert russia.view.lobby["seats"]["russia"]["joined"] >= 1
    assert russia.view.lobby["facilitator"] == 1 and russia.view.lobby["projector"] == 1
    assert "not started" in await russia.send_move(("end",), at=0)
    assert await russia.start_game() == "only the facilitator starts the game"
    assert await clients["facilitator"].start_game() is None
    assert await clients["facilitator"].start_game() == "the game has already started"
    await russia.wait_until(lambda c: c.view.status == "playing")


async def test_a_game_with_autostart_starts_when_every_seat_has_joined(host):
    row, codes = host.new(TWO, autostart=True)
    russia = await host.client(codes["seat:russia"])
    await russia.wait_ready()
    assert russia.view.status == "lobby"
    turkey = await host.client(codes["seat:turkey"])
    await turkey.wait_ready()
    await russia.wait_until(lambda c: c.view.status == "playing")


async def test_pause_holds_the_computers_and_the_facilitator_sees_what_is_coming(host):
    seminar = Seminar(teams={"turkey": "Ankara"}, turns=2, phase_seconds=90)
    seats = {s: ("human" if s == "turkey" else "random") for s in SEATS}
    row, codes = host.new(seats, seminar=seminar)
    clients = await host.join(codes)
    facilitator, projector, ankara = clients["facilitator"], clients["projector"], clients["seat:turkey"]
    assert facilitator.view.coming and all(len(c) == 3 for c in facilitator.view.coming)
    assert projector.view.coming is None and ankara.view.coming is None
    assert await facilitator.pause(True) == "the game is not being played"
    assert await facilitator.start_game() is None
    view = await _my_turn(ankara)
    assert view.clock is not None and view.clock["label"] == "Ankara" and view.clock["running"]
    assert projector.view.clock == view.clock or projector.view.clock["label"] == "Ankara"
    assert await facilitator.clock("extend", 30) is None
    await ankara.wait_until(lambda c: c.view.clock["seconds"] == 120)
    assert await facilitator.pause(True) is None
    await ankara.wait_until(lambda c: c.view.paused)
    assert await ankara.send_move(view.choices[0], at=view.position) == "The facilitator has paused the game."
    assert host.server.store.game(row.id).paused
    assert await facilitator.pause(False) is None
    assert await ankara.send_move(ankara.view.choices[0], at=ankara.view.position) is None
    position = host.server.store.game(row.id).position
    assert position >= view.position + 1


async def test_reconnect_after_a_drop_finds_the_game_as_it_is(host):
    row, codes, clients = await _started(host)
    me = clients["seat:russia"]
    view = await _my_turn(me)
    first_connects = me.connects
    await me._ws.close()  # the laptop closes
    await me.wait_until(lambda c: c.connects > first_connects and c.state == "connected", 10)
    assert me.view.position == view.position and me.view.choices == view.choices
    assert me.view.obs == view.obs
    assert await me.send_move(me.view.choices[0]) is None


async def test_a_wrong_code_fails_for_good(host):
    host.new(TWO)
    client = Client(host.url, "AAAA-BBBB-CCCC", rules_for=rules_for)
    host.clients.append(client)
    await client.start()
    with pytest.raises(ClientError, match="no game has this code"):
        await client.wait_ready(5)
    assert client.state == "failed"
    with pytest.raises(ClientError, match="not a join code"):
        Client(host.url, "../../etc/passwd")


async def test_export_is_the_facilitators_and_an_ordinary_save(host, tmp_path):
    from game.play.save import load_game

    row, codes, clients = await _started(host)
    text = await clients["facilitator"].export()
    (tmp_path / "hosted.yaml").write_text(text)
    game = load_game(tmp_path / "hosted.yaml")
    assert len(game.moves) == len(host.server.rooms[row.id].game.moves)


# --- messages no client library would send -----------------------------------------------------------


async def test_no_hello_and_bad_hellos_are_answered_and_closed(host):
    raw = await Raw.connect(host.url)
    await raw.send({"kind": "ping"})
    assert "hello" in (await raw.next("error"))["message"]
    assert (await raw.next())["kind"] == "closed"
    await raw.close()
    raw = await Raw.connect(host.url)
    await raw.send("{not json")
    assert (await raw.next("error"))["message"].startswith("not JSON")
    await raw.close()


@pytest.fixture
async def started(host):
    row, codes, clients = await _started(host)
    return host, row, codes


async def _raw(host, code: str) -> Raw:
    """A raw connection joined as Russia."""
    raw = await Raw.connect(host.url, code)
    welcome = await raw.next("welcome")
    assert welcome["role"] == "seat" and welcome["seat"] == "russia"
    return raw


@pytest.fixture
async def joined(started):
    host, row, codes = started
    raw = await _raw(host, codes["seat:russia"])
    yield host, row, raw
    await raw.close()


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                     max_leaves=12)
_moves = st.fixed_dictionaries({"kind": st.just("move")}, optional={
    "at": _json | st.integers(-5, 10**6), "choice": _json | st.lists(st.text(max_size=70), max_size=8),
    "reason": _json, "id": _json, "extra": _json})
_messages = (_json | _moves | st.fixed_dictionaries({"kind": st.sampled_from(P.CLIENT_KINDS + ("nope",))},
                                                      optional={"id": _json, "paused": _json, "action": _json,
                                                                "seconds": _json, "code": _json})
             | st.text(max_size=60) | st.binary(max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(messages=st.lists(_messages, min_size=1, max_size=6))
async def test_malformed_and_out_of_order_messages_get_an_error_and_change_nothing(started, messages):
    host, row, codes = started
    raw = await _raw(host, codes["seat:russia"])  # a connection of its own: its rate limit is fresh
    room = host.server.rooms[row.id]
    before = len(room.game.moves)
    for message in messages:
        if isinstance(message, bytes):
            await raw.ws.send_bytes(message)
        else:
            await raw.send(message if isinstance(message, str) else json.dumps(message))
        await raw.send({"kind": "ping", "id": 424242})
        answers = []
        while True:
            answer = await raw.next()
            assert answer["kind"] != "closed", answers
            if answer["kind"] == "pong" and answer["id"] == 424242:
                break
            answers.append(answer)
        for answer in answers:
            assert answer["kind"] in ("error", "refused", "pong", "view", "accepted", "save"), answer
            if answer["kind"] in ("error", "refused"):
                assert "\n" not in answer["message"] and "Traceback" not in answer["message"]
                assert len(answer["message"]) < 400
    await raw.close()
    # Generated moves name no legal choice (a legal one is a card id from Russia's hand), so
    # nothing was played but the computer seats' moves, if it was their turn.
    assert all(m.choice[0] != "play" or room.game.state_before(before + i).seat_to_move != 0
               for i, m in enumerate(room.game.moves[before:]))


async def test_out_of_turn_and_stale_positions_are_refused(started):
    host, row, codes = started
    raw = await Raw.connect(host.url, codes["seat:russia"])
    view = (await raw.next("welcome"))["view"]
    room = host.server.rooms[row.id]
    position = view["position"]
    assert view["choices"], "Russia moves first in this scenario"
    await raw.send({"kind": "move", "at": position + 5, "choice": view["choices"][0], "id": 1})
    answer = await raw.next("refused")
    assert answer["id"] == 1 and "has not been reached" in answer["message"]
    await raw.send({"kind": "move", "at": position, "choice": view["choices"][0], "id": 2})
    assert (await raw.next("accepted"))["at"] == position
    await raw.send({"kind": "move", "at": position, "choice": view["choices"][-1], "id": 3})
    answer = await raw.next("refused")
    assert answer["message"].startswith("stale: this move answers position")
    await raw.send({"kind": "move", "at": position, "choice": view["choices"][0], "id": 4})
    answer = await raw.next("refused")
    assert answer["message"].startswith("already played")
    assert [m.choice for m in room.game.moves[position:position + 1]] == [tuple(view["choices"][0])]
    assert host.server.store.moves(row.id)[position][0] == " ".join(view["choices"][0])
    await raw.close()


async def test_an_oversized_message_gets_an_error_and_the_connection_stays(joined):
    host, row, raw = joined
    await raw.send(json.dumps({"kind": "move", "at": 0, "choice": ["end"], "reason": "x" * (P.MAX_CLIENT_BYTES + 1)}))
    assert "too long" in (await raw.next("error"))["message"]
    await raw.ws.send_bytes(b"\x00\x01")
    assert "text message" in (await raw.next("error"))["message"]
    await raw.send({"kind": "ping", "id": 9})
    assert (await raw.next("pong"))["id"] == 9


async def test_a_flood_is_rate_limited(joined, monkeypatch):
    host, row, raw = joined
    for i in range(S.BURST + 20):
        await raw.send({"kind": "ping", "id": i})
    errors = []
    pongs = 0
    while True:
        try:
            answer = await raw.next(timeout=1.0)
        except asyncio.TimeoutError:
            break
        if answer["kind"] == "error":
            errors.append(answer["message"])
        elif answer["kind"] == "pong":
            pongs += 1
    assert any("too many messages" in e for e in errors)
    assert S.BURST <= pongs < S.BURST + 20


# --- the worker processes -----------------------------------------------------------------------------


async def test_computer_seats_think_in_worker_processes(tmp_path):
    from tests.net.helpers import start_host, stop_host

    host = await start_host(tmp_path / "games.sqlite", workers=1)
    try:
        seats = {s: ("human" if s == "russia" else "ai:easy") for s in SEATS}
        row, codes = host.new(seats, seminar=Seminar(teams={"russia": "Moscow"}, turns=1, phase_seconds=60))
        clients = await host.join(codes)
        assert await clients["facilitator"].start_game() is None
        await asyncio.wait_for(play_randomly(clients["seat:russia"], random.Random(3)), 120)
        assert host.server._pool is not None  # the moves came from the pool, not the fallback
        room = host.server.rooms[row.id]
        assert room.game.over and any("easy" in (m.reason or "") or m.reason for m in room.game.moves[1:])
    finally:
        await stop_host(host)


async def test_a_finished_game_is_let_go_when_its_last_screen_leaves_and_served_again(host):
    seats = {s: ("human" if s == "russia" else "random") for s in SEATS}
    row, codes = host.new(seats, seminar=Seminar(teams={"russia": "Moscow"}, turns=1, phase_seconds=60),
                          autostart=True)
    me = await host.client(codes["seat:russia"])
    await me.wait_ready()
    await asyncio.wait_for(play_randomly(me, random.Random(8)), 60)
    final = me.view
    await me.close()
    for _ in range(100):
        if row.id not in host.server.rooms:
            break
        await asyncio.sleep(0.02)
    assert row.id not in host.server.rooms
    again = await host.client(codes["projector"])
    view = await again.wait_ready()
    assert view.status == "over" and view.digest == final.digest and view.position == final.position


@pytest.fixture
async def solo(host):
    """A started game where Russia is the only person: the computers move at once."""
    seats = {s: ("human" if s == "russia" else "random") for s in SEATS}
    row, codes, clients = await _started(host, seats)
    return host, row, codes


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(offset=st.integers(-3, 3), pick=st.integers(0, 40), garbage=st.booleans(), repeat=st.booleans())
async def test_out_of_order_moves_are_played_only_at_their_position_and_once(solo, offset, pick, garbage, repeat):
    host, row, codes = solo
    room = host.server.rooms[row.id]
    for _ in range(500):  # until Russia is to move (the computers are quick) or the game is over
        if room.game.over or room.game.state.seat_to_move == 0:
            break
        await asyncio.sleep(0.01)
    if room.game.over:
        return
    raw = await _raw(host, codes["seat:russia"])
    try:
        legal = room.game.legal()
        position = len(room.game.moves)
        choice = ["play", "no-such-card", "ops"] if garbage else list(legal[pick % len(legal)])
        at = max(0, position + offset)
        await raw.send({"kind": "move", "at": at, "choice": choice, "id": 1})
        answer = await raw.next("accepted") if not garbage and at == position else await raw.next("refused")
        assert answer["id"] == 1
        if repeat:  # the same message again: never played twice
            await raw.send({"kind": "move", "at": at, "choice": choice, "id": 2})
            again = await raw.next("refused")
            assert again["id"] == 2
            if answer["kind"] == "accepted":
                assert again["message"].startswith("already played")
        played = [m.choice for m in room.game.moves]
        made = played[position] if len(played) > position else None  # Russia's move at that position
        assert (made == tuple(choice)) == (answer["kind"] == "accepted")
        async with room.lock:  # between changes (a computer's move may be being stored right now)
            stored = host.server.store.moves(row.id)
            assert [text for text, _ in stored] == [" ".join(m.choice) for m in room.game.moves]
    finally:
        await raw.close()


async def test_a_team_predicts_over_the_wire_and_only_it_and_the_facilitator_read_it(host):
    from game.rules import moves as M

    row, codes, clients = await _started(host)
    russia, turkey, facilitator = clients["seat:russia"], clients["seat:turkey"], clients["facilitator"]
    view = await _my_turn(russia)
    while view.choices[0][0] != M.PLAY:  # a news card's option first: then its first card, the time to predict
        assert await russia.send_move(view.choices[0], at=view.position) is None
        position = view.position
        view = await russia.wait_until(lambda c: c.view.position > position and bool(c.view.choices), 30)
    prediction = M.predict(70, ("reach", "tension", "8", "3"))
    assert await russia.send_move(prediction, "they will clash", at=view.position) is None
    game = host.server.rooms[row.id].game
    assert game.moves[view.position].choice == prediction
    assert host.server.store.moves(row.id)[view.position][0] == " ".join(prediction)
    after = view.position + 1
    for screen in (russia, turkey, facilitator):
        await screen.wait_until(lambda c: c.view.position >= after)

    def predictions(screen):
        return [e for e in screen.view.obs.log if e[0] == M.PREDICT]

    assert predictions(russia) and predictions(facilitator)
    assert predictions(turkey) == [] and not any("they will clash" in str(e) for e in turkey.view.obs.log)
    # Nothing moved on the board: Russia still chooses its card, from the same choices.
    assert russia.view.choices == view.choices
    # A seat that is not deciding cannot predict.
    assert (await turkey.send_move(prediction, at=after)).startswith("It is not your move")
