"""Hostile input at the command line (issue 14): `-o` never replaces a device, a folder or the
save being read; hostile saves and card files end in one line on stderr, a non-zero exit and
no traceback (replay, report, branch, cards check, play --text)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from game.clients.cli import main
from game.rules.loader import ROOT

FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "seminar-game.yaml"
SAVE = FIXTURE.read_text(encoding="utf-8")


def bomb(levels: int = 9) -> str:
    parts = ["&a0 [" + ", ".join(["lol"] * 10) + "]"]
    parts += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err[:1000]
    return lines[0]


@pytest.fixture
def save(tmp_path):
    path = tmp_path / "game.yaml"
    path.write_text(SAVE, encoding="utf-8")
    return path


def null_device(path):
    """A character device like /dev/null (1, 3), made where the test may replace it."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


root_only = pytest.mark.skipif(os.geteuid() != 0, reason="os.mknod of a character device needs root")


# --- -o FILE ---------------------------------------------------------------------------------


@root_only
@pytest.mark.parametrize("command", ["report", "branch"])
def test_output_onto_a_character_device_writes_to_it_and_leaves_it_a_device(save, tmp_path, capsys, command):
    dev = null_device(tmp_path / "null")
    extra = ["--turn", "2"] if command == "branch" else []
    assert main([command, str(save), *extra, "-o", str(dev), "--force"]) == 0
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert capsys.readouterr().out == ""  # no 'wrote' line: it would land in the output itself
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@root_only
def test_output_to_a_full_device_fails_in_one_line(save, tmp_path, capsys):
    full = tmp_path / "full"  # a copy of /dev/full (1, 7): the old code renamed over the real one
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    assert main(["report", str(save), "-o", str(full), "--force"]) != 0
    assert "No space left on device" in one_error_line(capsys)
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_output_into_a_fifo_is_written_to_directly(save, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert main(["report", str(save), "-o", str(fifo)]) == 0
    reader.join(10)
    assert got and got[0].startswith("# After-action report") and stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("command", ["report", "branch"])
def test_output_onto_the_save_being_read_is_refused(save, tmp_path, capsys, command):
    link = tmp_path / "same-inode.yaml"
    os.link(save, link)
    extra = ["--turn", "2"] if command == "branch" else []
    for target in (save, link, tmp_path / "." / save.name):
        assert main([command, str(save), *extra, "-o", str(target), "--force"]) != 0
        assert "is the save being read" in one_error_line(capsys)
    assert save.read_text(encoding="utf-8") == SAVE


def test_output_onto_a_folder_or_a_socket_is_refused(save, tmp_path, capsys):
    import socket

    (tmp_path / "dir").mkdir()
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target in (tmp_path / "dir", sock_path):
            assert main(["report", str(save), "-o", str(target), "--force"]) != 0
            assert "not a regular file" in one_error_line(capsys)
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    finally:
        sock.close()


def test_a_long_output_name_can_be_written(save, tmp_path, capsys):
    target = tmp_path / ("r" * 247 + ".md")  # 250 bytes: the old temporary name was 14 longer
    assert main(["report", str(save), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# After-action report")
    import re

    charts = re.findall(r"\]\(([^)]+\.svg)\)", text)  # the charts beside it, their names cut to fit
    assert len(charts) == 2 and all((tmp_path / name).is_file() for name in charts)


# --- hostile saves and card files ------------------------------------------------------------


def test_replay_of_an_alias_bomb_is_one_line(tmp_path, capsys):
    path = tmp_path / "bomb.yaml"
    path.write_text(SAVE.replace("scenario: summer-2021", f"scenario: {bomb()}"), encoding="utf-8")
    assert main(["replay", str(path)]) != 0
    line = one_error_line(capsys)
    assert line.startswith(f"greatgame: error: {path}:3: (yaml): ") and len(line) < 300


def test_a_deep_save_and_a_deep_card_file_are_one_line(tmp_path, capsys):
    path = tmp_path / "deep.yaml"
    path.write_text(SAVE.replace("scenario: summer-2021", "scenario: " + "[" * 1000 + "]" * 1000), encoding="utf-8")
    for argv in (["replay", str(path)], ["report", str(path)], ["branch", str(path), "--turn", "1", "-o",
                                                                str(tmp_path / "b.yaml")]):
        assert main(argv) != 0
        assert "nested at most" in one_error_line(capsys)
    cards = tmp_path / "cards.yaml"
    cards.write_text("cards:\n  - " + "{a: " * 1000 + "1" + "}" * 1000 + "\n", encoding="utf-8")
    assert main(["cards", "check", str(cards)]) != 0
    assert "nested at most" in one_error_line(capsys)


def test_an_escape_in_a_card_title_fails_cards_check(tmp_path, capsys):
    text = (ROOT / "cards" / "neutral.yaml").read_text(encoding="utf-8")
    first = text.index("title: ")
    end = text.index("\n", first)
    (tmp_path / "neutral.yaml").write_text(text[:first] + 'title: "Clear\\e[2J\\a"' + text[end:], encoding="utf-8")
    assert main(["cards", "check", str(tmp_path / "neutral.yaml")]) != 0
    line = one_error_line(capsys)
    assert ".title: expected text without control characters, found \\x1b" in line and "\x1b" not in line


def test_an_endless_device_as_a_save_is_refused_after_the_limit(capsys):
    assert main(["replay", "/dev/zero"]) != 0
    assert "/dev/zero:1: (file): expected at most 2,000,000 bytes" in one_error_line(capsys)


def test_a_file_name_with_a_newline_is_still_one_line(tmp_path, capsys):
    path = tmp_path / "two\nlines.yaml"
    path.write_text("format: [", encoding="utf-8")
    assert main(["replay", str(path)]) != 0
    assert "two\\nlines.yaml" in one_error_line(capsys)


def test_play_text_of_a_deep_save_is_one_line_without_traceback(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(SAVE.replace("scenario: summer-2021", "scenario: " + "[" * 1000 + "]" * 1000), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--load", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "nested at most" in lines[0], proc.stderr[:1000]


def test_a_closed_pipe_ends_the_output_quietly():
    """`greatgame replay SAVE | head -1`: no BrokenPipeError traceback when the reader stops."""
    import subprocess
    import sys
    from pathlib import Path

    save = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "seminar-game.yaml"
    proc = subprocess.Popen([sys.executable, "-m", "game", "replay", str(save)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
