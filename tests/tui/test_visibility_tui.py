"""The game screen's log and 'since your last move' read the game through game.play.visibility:
a human playing against normal AIs never reads the alternatives they weighed (the cards still in
their hands); the end screen, after the game, shows the whole record."""

from __future__ import annotations

from game.rules.model import SEATS
from game.tui.screens.game import GameScreen
from game.tui.widgets.log import GameLog
from game.play.observer import ALTERNATIVES
from game.play.session import Game

from tests.tui.conftest import make_app, settle


def _log_text(screen) -> str:
    return str(screen.query_one("#log-text").render())


async def test_a_player_never_reads_the_alternatives_of_a_computer(tmp_path, tui_rules):
    """The table decides who reads (tests/engine/test_table_policy.py); here the game screen's
    log and last move draw the log as that reader may read it. The game is played to the point
    beforehand, without a screen."""
    from game.ai import answer
    from game.play.table import Table

    seats = {**{s: "ai:normal" for s in SEATS}, "russia": "human"}
    table = Table(Game.start(tui_rules, 11, seats))
    for _ in range(40):
        table.play_computers(answer)
        if any(e[0] == "reason" and e[1] != 0 and ALTERNATIVES in e[2] for e in table.game.log):
            break
        table.choose(table.game.legal()[0])
    assert any(e[0] == "reason" and e[1] != 0 and ALTERNATIVES in e[2] for e in table.game.log), \
        "the computers did weigh alternatives"
    app = make_app(tmp_path, table.game)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = next(s for s in app.screen_stack if isinstance(s, GameScreen))
        log = screen.query_one(GameLog)
        log.show(app.game, app.table.reader, force=True)
        text = _log_text(screen)
        assert "Reason:" in text and ALTERNATIVES.strip() not in text
        assert ALTERNATIVES.strip() not in str(screen.query_one("#last-move").render())
