from game.rules.engine import legal_choices, new_game, step
from game.rules.rng import draw


def test_random_game_reaches_an_end(rules):
    state = new_game(rules, 7)
    for k in range(5000):
        if state.over:
            break
        choices = legal_choices(state)
        step(state, choices[draw(99, k, len(choices))])
    assert state.over
    assert state.end_reason in ("last turn", "collapse")
    if state.end_reason == "collapse":  # a collapse is everyone's defeat
        assert state.winners == ()
    else:
        assert state.winners and max(state.vp) == state.vp[state.winners[0]]
