"""The games database: codes kept only as keyed hashes, moves never stored twice, games that
replay to their digest (or are refused in one line), exports that are ordinary saves."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from game.rules.loader import load_rules
from game.rules import moves as M
from game.rules.model import SEATS
from game.play.save import digest, load_game
from game.play.seminar import Seminar
from game.play.session import Game
from game.net.protocol import CODE_ALPHABET, normalize_code
from game.net.server import Server, new_game
from game.net.store import Store, StoreError, export, replay

RULES = load_rules("summer-2021")
SEATS_TWO = {s: ("human" if s in ("russia", "china") else "random") for s in SEATS}


def rules_for(scenario):
    return RULES


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "games.sqlite")
    yield s
    s.close()


def _played(store, moves: int = 12, seminar=None):
    row, codes = new_game(store, rules_for=rules_for, scenario="summer-2021", seed=9, seats=SEATS_TWO,
                          seminar=seminar, pace="instant", autostart=False)
    game = Game.start(RULES, 9, SEATS_TWO, seminar=seminar)
    for i in range(moves):
        choice = game.legal()[i % len(game.legal())]
        game.play(choice, f"reason {i}" if i % 3 == 0 else None)
        store.append(row.id, i, [(M.text(choice), game.moves[-1].reason)], digest(game.state), "playing")
    return row, codes, game


def test_codes_are_read_as_typed_and_only_their_keyed_hashes_are_kept(store, tmp_path):
    row, codes = new_game(store, rules_for=rules_for, scenario="summer-2021", seed=1, seats=SEATS_TWO,
                          seminar=None, pace="normal", autostart=True)
    assert set(codes) == {"seat:russia", "seat:china", "facilitator", "projector"}
    for role, code in codes.items():
        assert len(code) == 14 and code.count("-") == 2
        assert all(c in CODE_ALPHABET for c in code.replace("-", ""))
        assert store.find(code) == (row.id, role)
        typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
        assert normalize_code(typed) == code and store.find(typed) == (row.id, role)
    assert len(set(codes.values())) == len(codes)
    assert store.find("AAAA-AAAA-AAAA") is None and store.find("x" * 1000) is None
    store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for code in codes.values():
        assert code.encode() not in data and code.replace("-", "").encode() not in data


def test_new_codes_retire_the_old_ones(store):
    row, codes = new_game(store, rules_for=rules_for, scenario="summer-2021", seed=1, seats=SEATS_TWO,
                          seminar=None, pace="normal", autostart=True)
    fresh = store.new_codes(row.id)
    assert all(store.find(code) is None for code in codes.values())
    assert all(store.find(code) == (row.id, role) for role, code in fresh.items())


def test_the_file_is_its_owners_only_and_in_wal_mode(store, tmp_path):
    path = tmp_path / "games.sqlite"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_move_is_never_stored_twice(store):
    row, codes, game = _played(store, 5)
    with pytest.raises(StoreError, match="stands at move 5, not 4"):
        store.append(row.id, 4, [("end", None)], "sha256:x", "playing")
    assert len(store.moves(row.id)) == 5
    with pytest.raises(StoreError):  # nothing half-written: a batch whose second move fails leaves none
        store.append(row.id, 5, [("end", None), (None, None)], "sha256:x", "playing")
    assert len(store.moves(row.id)) == 5 and store.game(row.id).position == 5


def test_a_game_replays_to_its_digest_and_a_tampered_one_is_refused(store, tmp_path):
    row, codes, game = _played(store, 20)
    again = replay(store.game(row.id), store.moves(row.id), rules_for)
    assert digest(again.state) == digest(game.state) and again.log == game.log
    db = sqlite3.connect(tmp_path / "games.sqlite")
    db.execute("UPDATE games SET digest='sha256:0' WHERE id=?", (row.id,))
    db.commit()
    with pytest.raises(StoreError, match=r"^game 1: the replayed game does not match its stored digest"):
        replay(store.game(row.id), store.moves(row.id), rules_for)
    db.execute("UPDATE moves SET choice='play nothing ops' WHERE game=? AND n=3", (row.id,))
    db.commit()
    with pytest.raises(StoreError, match=r"^game 1: stored move 3 \('play nothing ops'\) does not replay"):
        replay(store.game(row.id), store.moves(row.id), rules_for)


def test_a_server_reloads_the_sound_games_and_names_the_damaged(tmp_path):
    path = tmp_path / "games.sqlite"
    store = Store(path)
    good, _, game = _played(store, 10)
    bad, bad_codes, _ = _played(store, 4)
    store.set_status(good.id, "playing")
    store.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE games SET digest='sha256:0' WHERE id=?", (bad.id,))
    db.commit()
    server = Server(path, workers=0)
    try:
        lines = server.open()
        assert lines[0] == f"game {good.id}: reloaded, 10 moves replayed, digest verified (playing)"
        assert lines[1].startswith(f"game {bad.id}: NOT reloaded: game {bad.id}: the replayed game does not match")
        assert digest(server.rooms[good.id].game.state) == digest(game.state)
        assert bad.id not in server.rooms
    finally:
        import asyncio

        asyncio.run(server.close())


def test_export_is_an_ordinary_save_whose_report_matches(store, tmp_path):
    from game.words.report import render

    seminar = Seminar(teams={"russia": "Moscow", "china": "Beijing"}, turns=2, phase_seconds=60)
    row, codes, game = _played(store, 15, seminar=seminar)
    text = export(store, row.id, rules_for)
    (tmp_path / "hosted.yaml").write_text(text)
    loaded = load_game(tmp_path / "hosted.yaml")
    assert loaded.seminar == seminar and len(loaded.moves) == 15
    assert [m.reason for m in loaded.moves] == [m.reason for m in game.moves]
    assert render(loaded, "md", "facilitator") == render(game, "md", "facilitator")


def test_a_database_that_is_not_one_is_refused_in_one_line(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as e:
        Store(junk)
    assert "cannot be used as the games database" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(StoreError):
        Store(tmp_path)  # a folder


def test_a_group_commit_stores_each_game_or_refuses_it_alone(store):
    a, _, game_a = _played(store, 3)
    b, _, game_b = _played(store, 2)
    outcomes = store.append_many([(a.id, 3, [("end", None)], "sha256:a", "playing"),
                                  (b.id, 7, [("end", None)], "sha256:b", "playing"),  # b stands at 2
                                  (b.id, 2, [("end", None), ("end", None)], "sha256:b2", "over")])
    assert outcomes[0] is None and outcomes[2] is None
    assert "game 2 stands at move 2, not 7" in str(outcomes[1])
    assert len(store.moves(a.id)) == 4 and len(store.moves(b.id)) == 4
    assert store.game(b.id).status == "over" and store.game(b.id).digest == "sha256:b2"
