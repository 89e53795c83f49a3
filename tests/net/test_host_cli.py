"""``greatgame host new|list|export|codes`` and ``greatgame join --text``: what a lecturer types."""

from __future__ import annotations

import asyncio
import re

import pytest

from game.clients.cli import main
from game.clients.netplay import facilitator_move, play_text
from game.play.save import load_game
from game.play.seminar import Seminar
from game.net.server import check_host
from game.net.store import Store

CODE = re.compile(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")


def _codes(out: str) -> dict:
    return {line.split("  ")[1].strip(): CODE.search(line).group(1) for line in out.splitlines() if CODE.search(line)}


def test_host_new_prints_a_code_for_each_team_the_facilitator_and_the_projector(tmp_path, capsys):
    db = tmp_path / "class.sqlite"
    assert main(["host", "new", "--db", str(db), "--teams", "russia=Moscow,china=Beijing,usa=Washington",
                 "--turns", "2", "--phase", "1:30", "--seed", "42", "--url", "http://10.0.0.5:8765"]) == 0
    out = capsys.readouterr().out
    assert "Game 1 (summer-2021, seed 42" in out and "a seminar of 2 turns, 90 s a phase" in out
    assert "waits in the lobby until the facilitator starts it" in out
    assert "greatgame join http://10.0.0.5:8765 CODE" in out
    codes = _codes(out)
    assert set(codes) == {"Moscow (Russia)", "Beijing (China)", "Washington (United States)",
                          "Facilitator (sees everything)", "Projector (the public board)"}
    store = Store(db)
    try:
        assert store.find(codes["Moscow (Russia)"]) == (1, "seat:russia")
        assert store.find(codes["Projector (the public board)"]) == (1, "projector")
        row = store.game(1)
        assert row.seminar == Seminar(teams={"russia": "Moscow", "china": "Beijing", "usa": "Washington"},
                                      turns=2, phase_seconds=90)
        assert row.seats["turkey"] == "ai:normal" and not row.autostart
    finally:
        store.close()
    assert main(["host", "list", "--db", str(db)]) == 0
    assert re.search(r"^\s+1\s+lobby\s+0\s", capsys.readouterr().out, re.M)
    assert main(["host", "codes", "1", "--db", str(db)]) == 0
    fresh = _codes(capsys.readouterr().out)
    store = Store(db)
    try:
        assert store.find(codes["Moscow (Russia)"]) is None and store.find(fresh["Moscow (Russia)"]) == (1, "seat:russia")
    finally:
        store.close()


def test_host_export_writes_a_save_replay_reads(tmp_path, capsys):
    db = tmp_path / "g.sqlite"
    assert main(["host", "new", "--db", str(db), "--seats", "russia=human,usa=human", "--ai", "random"]) == 0
    capsys.readouterr()
    out = tmp_path / "game1.yaml"
    assert main(["host", "export", "1", "-o", str(out), "--db", str(db)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert load_game(out).seats["china"] == "random"
    assert main(["host", "export", "1", "-o", str(out), "--db", str(db)]) == 2  # never replaced unasked
    assert "already exists" in capsys.readouterr().err
    assert main(["replay", str(out)]) == 0


@pytest.mark.parametrize("args, expected", [
    (["--teams", "russia=A,turkey=a"], "--teams: turkey: another team is called 'a'"),
    (["--teams", "mars=Red"], "--teams: 'mars=Red': expected SEAT=TEAM"),
    (["--teams", "russia=Moscow", "--phase", "5s"], "--phase: expected from 10 seconds to 60 minutes"),
    (["--teams", "russia=Moscow", "--turns", "99"], "--turns: expected from 1 to"),
    (["--seats", "russia=human", "--turns", "2"], "--turns: a game's length is the scenario's"),
    (["--teams", "russia=M", "--seats", "russia=human"], "--teams and --seats"),
    (["--ai", "genius"], "--ai: expected one of random, easy, normal, hard"),
])
def test_host_new_refuses_bad_settings_in_one_line(tmp_path, capsys, args, expected):
    assert main(["host", "new", "--db", str(tmp_path / "g.sqlite")] + args) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1


def test_a_database_path_that_cannot_be_used_is_one_line(tmp_path, capsys):
    assert main(["host", "list", "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot be used as the games database" in err and err.count("\n") == 1
    assert main(["host", "export", "7", "-o", str(tmp_path / "x.yaml"), "--db", str(tmp_path / "new.sqlite")]) == 2
    assert "no game 7" in capsys.readouterr().err


def test_listening_beyond_this_machine_is_said_plainly():
    assert check_host("127.0.0.1") is None
    warning = check_host("0.0.0.0")
    assert "anyone who can reach this machine" in warning and "TLS" in warning
    assert "anyone who can reach that address" in check_host("192.168.1.20")


def test_the_facilitators_typed_commands():
    assert facilitator_move("note The class argues about Tajikistan") == (("note",), "The class argues about Tajikistan")
    assert facilitator_move("adjust tension +1 the summit failed") == (("adjust", "tension", "+1"), "the summit failed")
    assert facilitator_move("inject csto-drill russia") == (("inject", "csto-drill", "russia"), None)
    assert facilitator_move("hold kabul-falls") == (("hold", "kabul-falls"), None)
    assert facilitator_move("dance") is None and facilitator_move("note") is None


async def test_the_text_client_plays_a_seat_to_the_end(host):
    seats = {"russia": "human", "turkey": "random", "china": "random", "usa": "random", "central_asia": "random"}
    row, codes = host.new(seats, seminar=Seminar(teams={"russia": "Moscow"}, turns=1, phase_seconds=60),
                          autostart=True)
    lines: asyncio.Queue = asyncio.Queue()
    out: list[str] = []

    def printed(text: str) -> None:
        out.append(text)
        if text.startswith("Type a number"):
            lines.put_nowait("1 we hold the line")
        if text.startswith("-- game over"):
            lines.put_nowait(None)

    code = await asyncio.wait_for(play_text(host.url, codes["seat:russia"].lower(), None, lines, printed), 120)
    assert code == 0
    text = "\n".join(out)
    assert "-- connected to game 1 as Moscow (Russia) --" in text
    assert "Your hand:" in text and " 1. " in text
    assert "-- game over. Final digest sha256:" in text
    stored = host.server.store.game(row.id)
    assert stored.status == "over" and f"-- game over. Final digest {stored.digest} --" in text
    assert any(reason == "we hold the line" for _, reason in host.server.store.moves(row.id))
