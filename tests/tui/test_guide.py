"""The facilitator's guide: shipped in the package, what it must cover, its quotes of the
article, and the keys that open it (How to play and the briefing, `g`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from textual.widgets import MarkdownViewer

from game.play.session import Game
from game.rules.loader import SEEDS_DIR
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.guide import GuideScreen, guide_text
from game.tui.screens.howto import HowToScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import make_app, seats, settle

ROOT = Path(__file__).resolve().parents[2]


def _section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 3)
    return text[start:] if end < 0 else text[start:end]


def test_the_guide_covers_what_a_class_needs():
    text = guide_text()
    for heading in ("What the class learns", "A 60-minute plan", "A 90-minute plan", "How to brief",
                    "When to inject", "The debrief", "A note on the source"):
        assert f"\n## {heading}" in text
    objectives = _section(text, "What the class learns")
    assert len(re.findall(r"^\d\. ", objectives, re.M)) >= 4
    for plan in ("A 60-minute plan", "A 90-minute plan"):
        rows = [line for line in _section(text, plan).splitlines() if re.match(r"\| \d", line)]
        assert len(rows) >= 4
        ends = [int(re.match(r"\| \d+–(\d+)", r).group(1)) for r in rows]
        assert ends == sorted(ends) and ends[-1] == int(plan.split()[1].split("-")[0])


PLANS = {"A 60-minute plan": ("Two turns, one minute a phase", 2, 60),
         "A 90-minute plan": ("Three turns, one minute a phase", 3, 60)}


def test_each_plan_leaves_play_the_time_the_seminar_setup_estimates():
    from game.play.seminar import estimate

    text = guide_text()
    for plan, (words, turns, seconds) in PLANS.items():
        section = _section(text, plan)
        assert words in section
        start, end = map(int, re.search(r"^\| (\d+)–(\d+) \| \*\*Play\*\*", section, re.M).groups())
        est = estimate(5, 2, seconds, turns)  # five teams, two cards a turn each
        assert (end - start) * 60 >= est.at_most - est.briefing - est.debrief


def test_the_note_on_the_source_says_what_the_article_is_and_quotes_it_exactly():
    note = _section(guide_text(), "A note on the source")
    assert "machine translation" in note and "Russian-centred" in note
    assert "How a class can question it" in note
    article = " ".join((SEEDS_DIR / "who-will-defend-central-asia.txt").read_text(encoding="utf-8").split())
    quotes = re.findall(r'\*"([^"]+)"\*', note)
    assert len(quotes) >= 6
    for quote in quotes:
        assert " ".join(quote.split()) in article, quote


def test_the_wheel_carries_the_guide():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "game.docs" in config["packages"]
    assert "*.md" in config["package-data"]["game.docs"]
    assert (ROOT / "game" / "docs" / "facilitator-guide.md").is_file()


def test_the_readme_links_the_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(game/docs/facilitator-guide.md)" in readme


async def test_the_title_screen_opens_the_guide_with_g(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.query_one(MarkdownViewer).document.source == guide_text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_how_to_play_opens_the_guide_with_g(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("h")
        await pilot.pause()
        howto = app.screen
        assert isinstance(howto, HowToScreen)
        shown = {b.binding.action for b in howto.active_bindings.values() if b.binding.show}
        assert "guide" in shown, "g is in How to play's footer"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.query_one(MarkdownViewer).document.source == guide_text()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is howto


async def test_the_briefing_opens_the_guide_with_g_and_comes_back(tmp_path, tui_rules):
    app = make_app(tmp_path, Game.start(tui_rules, 7, seats(russia="human")))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        brief = app.screen
        assert isinstance(brief, BriefingScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert "A note on the source" in app.screen.query_one(MarkdownViewer).document.source
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is brief
