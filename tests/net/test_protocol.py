"""The wire's forms: a client's message is read field by field or refused in one line; an
observation written for the wire comes back equal; join codes read as typed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.rules.loader import load_rules
from game.rules.model import SEATS
from game.play.observer import FACILITATOR, PUBLIC, observe
from game.play.session import Game
from game.play.view import ViewDataError, observation_data, observation_from_data, unwire, wire
from game.ai import decide
from game.net import protocol as P

RULES = load_rules("summer-2021")

_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                     lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20)


@given(st.text(max_size=300) | _json.map(json.dumps) | st.dictionaries(
    st.sampled_from(["kind", "id", "at", "choice", "reason", "code", "paused", "action", "seconds", "protocol"]),
    _json).map(json.dumps))
def test_any_text_is_a_message_or_one_line_naming_what_is_wrong(text):
    try:
        message = P.parse_client(text)
    except P.ProtocolError as e:
        assert "\n" not in str(e) and len(str(e)) < 300
        return
    assert type(message).__name__.lower() in P.CLIENT_KINDS


@pytest.mark.parametrize("message, expected", [
    ({"kind": "move", "at": "3", "choice": ["end"]}, "move: 'at': expected the position"),
    ({"kind": "move", "at": 3, "choice": "end"}, "move: 'choice': expected a list of 1 to 6 words"),
    ({"kind": "move", "at": 3, "choice": ["pl ay"]}, "move: 'choice': expected words without spaces"),
    ({"kind": "move", "at": 3, "choice": ["end"], "reason": "a\x1b[31m"}, "move: 'reason': expected text without control"),
    ({"kind": "move", "at": 3, "choice": ["end"], "reason": "x" * 2001}, "move: 'reason': expected at most 2000"),
    ({"kind": "move", "at": 3, "choice": ["end"], "path": "/etc"}, "move: unknown field \"path\""),
    ({"kind": "fly"}, "'kind': expected one of hello, move"),
    ({"kind": "hello", "code": "K7QX-4M2P-ZT9D", "protocol": 2}, "hello: 'protocol': expected protocol 1"),
    ({"kind": "pause", "paused": "yes"}, "pause: 'paused': expected true or false"),
    ({"kind": "clock", "action": "rewind"}, "clock: 'action': expected one of toggle, extend, skip"),
    ({"kind": "ping", "id": -1}, "'id': expected a whole number"),
    ([1, 2], "expected a JSON object"),
])
def test_each_refusal_names_its_field(message, expected):
    with pytest.raises(P.ProtocolError) as e:
        P.parse_client(json.dumps(message))
    assert str(e.value).startswith(expected)


def test_limits_on_size_depth_and_numbers():
    with pytest.raises(P.ProtocolError, match="too long"):
        P.parse_client(json.dumps({"kind": "ping", "pad": "é" * P.MAX_CLIENT_BYTES}))
    with pytest.raises(P.ProtocolError, match="nested too deep|not JSON"):
        P.parse_client("[" * 5000 + "]" * 5000)
    with pytest.raises(P.ProtocolError, match="not JSON"):
        P.parse_client('{"kind": "move", "at": ' + "9" * 5000 + "}")
    with pytest.raises(P.ProtocolError, match="not JSON"):
        P.parse_client('{"kind": "ping", "id": NaN}')


def test_the_messages_a_client_makes_are_read_back():
    assert P.parse_client(P.encode(P.move(4, ("op", "influence", "kazakhstan"), "why", 7))) == \
        P.Move(4, ("op", "influence", "kazakhstan"), "why", 7)
    assert P.parse_client(P.encode(P.hello("k7qx 4m2p zt9d"))) == P.Hello("k7qx 4m2p zt9d")


def test_codes_are_unambiguous_and_read_as_typed():
    codes = {P.new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in list(codes)[:50]:
        assert P.normalize_code(code) == code
        assert P.normalize_code(code.lower().replace("-", "")) == code
    assert not set("ILOU") & set(P.CODE_ALPHABET)
    assert P.normalize_code("OIL0-0000-0000") == "0110-0000-0000"
    for bad in ("", "K7QX-4M2P", "K7QX-4M2P-ZT9D-AAAA", "K7QX-4M2P-ZT9U", "../../etc/passwd", None, 5):
        assert P.normalize_code(bad) is None


def _positions(seed: int, every: int = 7):
    game = Game.start(RULES, seed, {s: "random" for s in SEATS})
    k = 0
    while True:
        if k % every == 0 or game.over:
            yield game
        if game.over:
            return
        d = decide("random", game.state, k)
        game.play(d.choice, d.reason)
        k += 1


@pytest.mark.parametrize("seed", [1, 2])
def test_an_observation_crosses_the_wire_and_comes_back_equal(seed):
    for game in _positions(seed):
        for viewer in (0, 3, 4, PUBLIC, FACILITATOR):
            obs = observe(game.state, viewer, log=game.log, seats=game.seats)
            data = json.loads(json.dumps(observation_data(obs)))
            log = [unwire(e) for e in json.loads(json.dumps([wire(e) for e in obs.log]))]
            assert observation_from_data(data, RULES, log) == obs


def test_view_data_that_is_not_an_observation_is_refused_in_one_line():
    obs = observe(Game.start(RULES, 1).state, 0)
    data = observation_data(obs)
    for broken, expected in [
        ({**data, "pending": {"$": "os.system", "x": 1}}, "view.obs.pending: unknown kind of value"),
        ({**data, "pending": {"$": "Pending", "kind": "play", "evil": 1}}, "view.obs.pending: Pending has no field"),
        ({k: v for k, v in data.items() if k != "turn"}, "view.obs: missing 'turn'"),
        ({**data, "viewer": 9}, "view.obs.viewer"),
        ({**data, "countries": [[1]]}, "view.obs.countries"),
    ]:
        with pytest.raises(ViewDataError) as e:
            observation_from_data(broken, RULES)
        assert str(e.value).startswith(expected)
