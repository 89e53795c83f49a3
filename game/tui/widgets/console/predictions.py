"""The Predictions tab: every team's predictions as the facilitator reads them (all of them,
through the observer), each with whether it has come true yet, and each team's Brier score so
far. It only reads: predictions are the teams' own moves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.play.observer import FACILITATOR
from game.tui.widgets.console.base import HERE, ConsoleTab
from game.words import predictions as W


def prediction_lines(game) -> list:
    """The tab's text, as Content parts: a team a paragraph, its score first."""
    data = W.section(game, FACILITATOR)
    if not data["predictions"]:
        return [("No team has made a prediction yet. A team may make up to three at its first card "
                 "of a turn (p on the game screen); the report scores them after the game.", "$text-muted")]
    parts: list = []
    for team in data["teams"]:
        score = "no score yet" if team["brier"] is None else f"Brier {team['brier']:.3f} so far"
        parts += [(team["name"], "bold"),
                  f": {team['made']} made, {team['settled']} settled, {team['came_true']} came true; {score}\n"]
        for r in (r for r in data["predictions"] if r["seat"] == team["seat"]):
            came = r["came_true"]
            mark = "✓ " if came else "✗ " if came is False else "· "
            parts += [(mark, "bold $success" if came else "bold $error" if came is False else "dim"),
                      f"T{r['turn']} {r['chance']:>2}%  {r['statement']}"]
            parts.append((f" ({W.outcome_words(came)})", "italic"))
            if r["reason"]:
                parts.append((f"\n      Why: {r['reason']}", "italic $text-muted"))
            parts.append("\n")
        parts.append("\n")
    parts.append((W.SCALE, "$text-muted"))
    return parts


class PredictionsTab(ConsoleTab):
    TITLE, PANE_ID, KEY, HOME = "Predictions (f)", "fac-predictions", "f", "#predictions-scroll"
    STYLES = HERE / "predictions.tcss"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="predictions-scroll"):
            yield Static("", id="predictions-list")

    def redraw(self) -> None:
        game = self.table.game
        if game is None:
            return
        self.query_one("#predictions-list", Static).update(Content.assemble(*prediction_lines(game)))
