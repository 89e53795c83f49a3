"""The command lines of the screens of a hosted game and of the projector: each refuses a bad
address, code or combination in one line before any screen is taken over."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run


@pytest.mark.parametrize("argv, says", [
    (["join", "not a url", "K7QX-4M2P-ZT9D"], "URL: expected the server's address"),
    (["join", "http://127.0.0.1:8765", "nonsense"], "CODE: 'nonsense' is not a join code"),
    (["play", "--join", "ftp://x"], "--join: expected the server's address"),
    (["play", "--join", "http://127.0.0.1:8765", "--seed", "3"], "--join: the game is the server's"),
    (["play", "--join", "http://127.0.0.1:8765", "--text"], "--join: not with --text"),
    (["play", "--projector", "--text"], "--projector: not with --text"),
    (["play", "--projector", "--seats", "russia=human"], "--projector: every seat must be a computer"),
    (["serve", "--join", "nowhere", "--port", "1"], "--join: expected the server's address"),
])
def test_a_bad_screen_command_line_is_one_line(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert code == 2 and says in err and err.count("\n") == 1, err


def test_without_a_terminal_the_screens_say_so(capsys):
    code, _out, err = run(capsys, "join", "http://127.0.0.1:8765", "K7QX-4M2P-ZT9D")
    assert code == 2 and "needs a terminal" in err and "--text" in err
    code, _out, err = run(capsys, "play", "--projector", "--seed", "3")
    assert code == 2 and "needs a terminal" in err
