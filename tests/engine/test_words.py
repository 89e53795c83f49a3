"""Words the players read: articles, team names, and where a VP penalty came from."""

from game.words.briefing import role_brief, team_label, team_name
from game.words.log import article, tension_penalties
from game.rules.model import SEATS
from game.words.report import render
from game.play.session import Game


def test_articles_follow_the_sound_not_the_letter():
    assert article("Eurasian economic project") == "a Eurasian economic project"
    assert article("industrial park") == "an industrial park"
    assert article("Belt and Road corridor") == "a Belt and Road corridor"
    assert article("aid package") == "an aid package"


def test_a_team_is_named_once():
    assert team_name("Moscow") == "Team Moscow"
    assert team_name("Team Moscow") == "Team Moscow"
    assert team_label("team Ankara", "turkey") == "team Ankara (Turkey)"
    assert team_name("Teamsters") == "Team Teamsters"


def test_a_role_brief_title_does_not_say_team_twice(rules):
    state = Game.start(rules, 1).state
    assert role_brief(state, 0, team="Team Moscow").title == "Russia: Team Moscow"
    assert role_brief(state, 0, team="Moscow").title == "Russia: Team Moscow"


def test_tension_penalties_are_counted_per_seat_and_named_in_the_report(rules):
    log = [("tension_cost", 2, 7), ("vp", 2, -1, "diplomacy"), ("tension_cost", 2, 8), ("tension_cost", 3, 9)]
    assert tension_penalties(log) == {2: -2, 3: -1}
    for seed in range(40):  # a game in which someone raised tension that far
        game = Game.start(rules, seed, {s: "random" for s in SEATS})
        while not game.over:
            game.play(game.legal()[0])
        if tension_penalties(game.log):
            break
    text = render(game, "md")
    assert "lost for raising Sino-American tension to 7 or more" in text
