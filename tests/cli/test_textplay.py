"""The plain-text client (``greatgame play --text``), driven through ``game.clients.cli.main`` with a
scripted ``input()``: odd answers are asked again, a bad --save is refused before the game, a
failed save never loses the game, and the game is autosaved after every turn.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml

import game.play.save
from game.clients.cli import main
from game.play.save import load_game

HUMAN_VS_RANDOM = "russia=human,turkey=random,china=random,usa=random,central_asia=random"


def play(capsys, monkeypatch, answer, *argv):
    """Run the text client; ``answer(prompt_number)`` gives each answer (or raises)."""
    asked = []

    def scripted_input(prompt=""):
        asked.append(prompt)
        return answer(len(asked))

    monkeypatch.setattr("builtins.input", scripted_input)
    try:
        code = main(["play", "--text", "--seed", "3", "--seats", HUMAN_VS_RANDOM, *map(str, argv)])
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def answers(*given):
    """The given answers in order, then the end of input."""

    def answer(n):
        if n > len(given):
            raise EOFError
        return given[n - 1]

    return answer


def failing_saves(monkeypatch, fails):
    """Saves fail with ENOSPC (a full disk) while ``fails(call_number)`` says so."""
    real = game.play.save.write_atomic
    calls = []

    def write(path, text):
        calls.append(path)
        if fails(len(calls)):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(game.play.save, "write_atomic", write)


def test_answers_that_are_not_ascii_numbers_are_asked_again(capsys, monkeypatch, tmp_path):
    path = tmp_path / "g.yaml"
    code, out, err = play(capsys, monkeypatch, answers("²", "１", "9999", "1", "q"), "--save", path)
    assert code == 0 and err == "", err
    assert out.count("Type a number from 1 to") == 3
    assert f"Saved to {path}." in out
    assert load_game(path).moves  # the "1" was played, and the game saved on 'q'


@pytest.mark.parametrize("where", ["a folder", "under a file", "/proc"])
def test_an_unusable_save_target_is_refused_before_the_game(capsys, monkeypatch, tmp_path, where):
    afile = tmp_path / "afile"
    afile.write_text("keep\n", encoding="utf-8")
    target = {"a folder": tmp_path, "under a file": afile / "g.yaml", "/proc": Path("/proc/g.yaml")}[where]
    code, out, err = play(capsys, monkeypatch, answers("q"), "--save", target)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"greatgame: error: --save {target}: "), err
    assert afile.read_text(encoding="utf-8") == "keep\n"


def test_a_failed_save_is_one_line_and_the_game_goes_on(capsys, monkeypatch, tmp_path):
    path = tmp_path / "g.yaml"
    failing_saves(monkeypatch, lambda call: call <= 2)  # 's' fails, then 'q' fails, then 'q' works
    code, out, err = play(capsys, monkeypatch, answers("s", "q", "1", "q"), "--save", path)
    assert code == 0 and err == "", err
    failed = [line for line in out.splitlines() if "Not saved" in line]
    assert len(failed) == 2 and all("No space left on device" in line and "'s' tries again" in line
                                    for line in failed), out
    assert load_game(path).moves  # the game went on after the failures and was saved at the end


def test_a_failed_save_with_no_more_input_is_one_error_line(capsys, monkeypatch, tmp_path):
    failing_saves(monkeypatch, lambda call: True)
    code, out, err = play(capsys, monkeypatch, answers(), "--save", tmp_path / "g.yaml")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("greatgame: error: could not save to "), err
    assert "No space left on device" in lines[0]


def test_the_game_is_autosaved_when_a_turn_ends(capsys, monkeypatch, tmp_path):
    path = tmp_path / "g.yaml"

    def answer(n):
        if path.exists():  # written without 's' being typed: stop here and look at it
            raise KeyboardInterrupt
        assert n < 300, "no autosave after hundreds of answers"
        return "1"

    code, out, err = play(capsys, monkeypatch, answer, "--save", path)
    assert code == 130
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["turn"] == 2 and not data["over"]
    saved = load_game(path)  # replays and checks the digest
    assert saved.state.turn == 2
    assert "Turn 2/" in out  # the player saw the new turn's board after the save


def test_the_text_client_prints_no_other_seats_alternatives(tmp_path, monkeypatch, capsys):
    """Against normal AIs (whose reasons list the cards they weighed), a human seat reads each
    computer's move and value but never the alternatives still in that computer's hand."""
    from game.clients.cli import main
    from game.play.observer import ALTERNATIVES

    answers = iter(["1"] * 40 + ["q"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code = main(["play", "--text", "--seed", "4", "--seats", "russia=human,turkey=ai:normal,china=ai:normal,"
                 "usa=ai:normal,central_asia=ai:normal", "--save", str(tmp_path / "g.yaml")])
    out = capsys.readouterr().out
    assert code == 0 and "Reason:" in out
    assert ALTERNATIVES.strip() not in out


def test_a_hot_seat_text_game_hands_the_keyboard_over_before_showing_a_hand(capsys, monkeypatch, tmp_path):
    """Two people at one text terminal (the text client sits at the same table as the full-screen
    one): the keyboard is handed over, seat by seat, before any hand is shown."""
    seats = "russia=human,turkey=human,china=random,usa=random,central_asia=random"
    calls = {"n": 0}

    def scripted(prompt=""):
        calls["n"] += 1
        if calls["n"] > 60:
            raise EOFError
        return "1"

    monkeypatch.setattr("builtins.input", scripted)
    code = main(["play", "--text", "--seed", "5", "--seats", seats, "--save", str(tmp_path / "g.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    handovers = [i for i, line in enumerate(lines) if line.startswith("Pass the keyboard to ")]
    assert len(handovers) >= 3, "Russia, then Turkey, then Russia again take the keyboard"
    names = [lines[i].split("Pass the keyboard to ", 1)[1].split(";")[0] for i in handovers]
    assert names[:3] == ["Russia", "Turkey", "Russia"]
    first_hand = next(i for i, line in enumerate(lines) if line.startswith("Your hand:"))
    assert handovers[0] < first_hand, "no hand is shown before the first handover"
