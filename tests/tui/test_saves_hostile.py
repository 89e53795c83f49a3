"""Hostile saves in the saves folder (issue 14): the title screen, the Load list and the Replay
list show them as plain text (never markup), in one row each, and refuse to load them in one
line; nothing is written to them."""

from __future__ import annotations

import os
import time

from game.rules.loader import ROOT
from game.tui.screens.message import MessageDialog
from game.tui.screens.saves import ReplayLoadScreen
from game.tui.screens.saves import LoadScreen
from tests.tui.conftest import make_app

FIXTURE = (ROOT / "tests" / "engine" / "fixtures" / "seminar-game.yaml").read_text(encoding="utf-8")


def bomb(levels: int = 9) -> str:
    parts = ["&a0 [" + ", ".join(["lol"] * 10) + "]"]
    parts += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


def hostile_folder(folder) -> dict:
    """Saves whose headers hold markup, a bomb, deep nesting; and a markup file name."""
    files = {
        "autosave-20240101-000001-seed1.yaml": FIXTURE.replace("scenario: summer-2021", 'scenario: "[/]"')
                                                      .replace("over: true", "over: false"),
        "autosave-20240101-000002-seed1.yaml": FIXTURE.replace("scenario: summer-2021", f"scenario: {bomb()}"),
        "[bold]name[i].yaml": FIXTURE.replace("scenario: summer-2021", 'scenario: "[bold red]x"'),
        "deep.yaml": FIXTURE.replace("scenario: summer-2021", "scenario: " + "[" * 1000 + "]" * 1000),
    }
    for i, (name, text) in enumerate(files.items()):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        stamp = time.time() - 100 + i
        os.utime(path, (stamp, stamp))
    return {name: (folder / name).read_bytes() for name in files}


def cells(screen) -> list[str]:
    table = screen.query_one("#saves")
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_the_load_and_replay_lists_show_markup_as_text(tmp_path):
    before = hostile_folder(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for key, screen_type in (("l", LoadScreen), ("r", ReplayLoadScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen) is screen_type
            rows = cells(app.screen)
            assert len(rows) == 4
            assert any(r.startswith("autosave-20240101-000001-seed1 | [/] | ") for r in rows), rows
            assert any(r.startswith("[bold]name[i] | [bold red]x | ") for r in rows), rows
            assert all(len(r) < 300 for r in rows), rows
            assert sum("unreadable" in r for r in rows) == 2, rows
            table = app.screen.query_one("#saves")
            table.move_cursor(row=[r.startswith("autosave-20240101-000001") for r in rows].index(True))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "unknown scenario '[/]'" in app.screen.text.splitlines()[0]
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert app.game is None
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)


async def test_continue_marks_a_bomb_autosave_damaged_and_refuses_it_in_one_line(tmp_path):
    hostile_folder(tmp_path)  # the bomb is the newest autosave
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.pause()
        info = app.screen.autosave
        assert info.path.name == "autosave-20240101-000002-seed1.yaml" and "aliases expanded" in info.error
        assert "autosave damaged" in str(app.screen.query_one("#menu").get_option("continue").prompt)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        line = app.screen.text.splitlines()[0]
        assert "aliases expanded" in line and len(line) < 300


async def test_continue_refuses_a_save_whose_header_hides_its_end(tmp_path):
    """The header says turn 2, in progress; the choices end the game at turn 3."""
    path = tmp_path / "autosave-20240101-000000-seed1.yaml"
    path.write_text(FIXTURE.replace("over: true", "over: false").replace("turn: 3", "turn: 2"), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "the header says turn 2, the choices reach turn 3" in app.screen.text.splitlines()[0]
        assert app.game is None
