"""A team's predictions (game.play.predictions): which statements there are and when each came
true, read from constructed logs; who may predict, and when, through the game's door; a
prediction changes nothing on the board, is saved, replayed, undone and branched like a move;
and the report scores the predictions made in the fixed seminar game."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.play import predictions as P
from game.play.observer import AFTER, FACILITATOR, PUBLIC
from game.play.save import FORMAT, PREDICTIONS_FORMAT, SaveError, digest, load_game, save_game, to_yaml
from game.play.session import Game
from game.play.table import GONE, NOT_YOUR_MOVE, PAUSED, Table
from game.rules import moves as M
from game.rules.model import COUNTRIES, COUNTRY_INDEX, OVER, SEAT_INDEX, SEATS, TRACK_INDEX, TRACKS
from game.rules.rng import draw
from game.words import predictions as W
from game.words.log import describe
from game.words.report import report_data, to_csv, to_html, to_json, to_markdown
from tests.engine import seminar_fixture as fx

HUMANS = {s: "human" for s in SEATS}
TENSION = TRACK_INDEX["tension"]


def S(*words) -> P.Statement:
    return P.read_statement(tuple(map(str, words)), 10)


@pytest.fixture(scope="module")
def start(rules):
    return Game.start(rules, 5, HUMANS).state


def _live(state):
    return state


def _over(state, winners=()):
    out = state.clone()
    out.phase, out.winners, out.pending = OVER, tuple(winners), None
    return out


def _first_card(game: Game, turn: int = 1, seat: str | None = None) -> Game:
    """Play the first legal choice until a seat (``seat``, if named) is at its first card of
    ``turn``."""
    while not (game.state.turn == turn and P.may_predict_now(game.state)
               and (seat is None or SEATS[game.state.seat_to_move] == seat)):
        game.play(game.legal()[0])
    return game


# --- the catalogue and its words ------------------------------------------------------------


def test_every_kind_has_its_words_and_every_parameter_its_question(rules):
    assert set(W.KIND_LABELS) == set(P.KIND_BY_ID)
    for kind in P.KINDS:
        assert set(kind.params) <= set(W.PARAM_PROMPTS)
        args = tuple(P.values(p, 3)[-1] for p in kind.params)
        words = W.statement_words(P.Statement(kind.id, args))
        assert words.strip() == words and "  " not in words
        if not kind.at_end:
            assert kind.params[-1] == P.TURN and words.endswith("by the end of turn 3")
    assert W.sentence(S("reach", "tension", 8, 3)) == "Sino-American tension reaches 8 or more by the end of turn 3."
    assert W.sentence(S("leads", "russia", "tajikistan")) == "Russia leads Tajikistan at the end of the game."
    assert W.sentence(S("base", "usa", 2)) == "The US opens a new base by the end of turn 2."


def test_statements_read_back_from_their_words():
    for kind in P.KINDS:
        args = tuple(P.values(p, 10)[0] for p in kind.params)
        statement = P.Statement(kind.id, args)
        assert P.read_statement(statement.words, 10) == statement
    for words, why in ((("reach", "tension", "8"), "expected 'reach track value turn'"),
                       (("reach", "tension", "11", "3"), "expected a value from 0 to 10"),
                       (("reach", "mood", "8", "3"), "expected a track"),
                       (("wins", "taliban"), "expected a seat"),
                       (("shaky", "afghanistan", "2", "3"), "expected a state"),
                       (("collapse", "0"), "expected a turn from 1 to 10"),
                       (("soon",), "expected a statement")):
        with pytest.raises(P.Unclear, match=why):
            P.read_statement(words, 10)


# --- what came true, on constructed logs -----------------------------------------------------


def test_a_track_reaching_a_value_comes_true_at_the_change_that_reaches_it(start):
    reach = S("reach", "tension", 8, 3)
    live, over = _live(start), _over(start)
    assert P.outcome(reach, [("track", TENSION, 6, 7)], live) is None
    assert P.outcome(reach, [("track", TENSION, 6, 7)], over) is False
    assert P.outcome(reach, [("track", TENSION, 7, 8), ("track", TENSION, 8, 7)], live) is True
    assert P.outcome(reach, [("track", TENSION, 7, 9)], live) is True
    assert P.outcome(reach, [("track", TRACK_INDEX["csto"], 7, 9)], live) is None  # another track
    assert P.outcome(reach, [("adjust", "tension", 7, 8, "a ruling")], live) is True  # the facilitator's
    assert P.outcome(reach, [("turn", 3), ("track", TENSION, 7, 8)], live) is True  # within turn 3
    assert P.outcome(reach, [("turn", 4), ("track", TENSION, 7, 8)], live) is False  # too late
    # Two Taliban steps move a track and say its new value in their own entries.
    assert P.outcome(S("reach", "momentum", 9, 3), [("t_momentum", 5, 4, 9)], live) is True
    assert P.outcome(S("fall", "pledge", 4, 3), [("t_disobey", 8, 6, 4)], live) is True
    assert P.outcome(S("fall", "pledge", 3, 3), [("t_disobey", 8, 6, 4)], live) is None
    fall = S("fall", "tension", 3, 2)
    assert P.outcome(fall, [("track", TENSION, 5, 4)], live) is None
    assert P.outcome(fall, [("track", TENSION, 4, 3)], live) is True
    assert P.outcome(fall, [("turn", 3), ("track", TENSION, 4, 3)], live) is False


def test_stability_bases_and_collapse_by_a_turn(start):
    live, over = _live(start), _over(start)
    tajik, uzbek = COUNTRY_INDEX["tajikistan"], COUNTRY_INDEX["uzbekistan"]
    shaky = S("shaky", "tajikistan", 2, 2)
    assert P.outcome(shaky, [("field", tajik, "stability", 3, 2)], live) is True
    assert P.outcome(shaky, [("field", uzbek, "stability", 3, 2)], live) is None
    assert P.outcome(shaky, [("field", tajik, "border", 3, 2)], over) is False
    assert P.outcome(shaky, [("adjust", "stability:tajikistan", 3, 2, "r")], live) is True
    base = S("base", "usa", 2)
    usa = SEAT_INDEX["usa"]
    assert P.outcome(base, [("base", usa, uzbek, True)], live) is True
    assert P.outcome(base, [("base", usa, uzbek, False)], live) is None  # closing one is not opening
    assert P.outcome(base, [("base", SEAT_INDEX["china"], uzbek, True)], live) is None
    collapse = S("collapse", 2)
    assert P.outcome(collapse, [("turn", 2), ("collapse", tajik)], over) is True
    assert P.outcome(collapse, [("turn", 2), ("turn", 3), ("collapse", tajik)], over) is False
    assert P.outcome(collapse, [("turn", 2)], live) is None


def test_statements_about_the_end_read_the_final_position(start):
    leads = S("leads", "russia", "tajikistan")
    assert P.outcome(leads, [], _live(start)) is None
    final = _over(start, winners=(SEAT_INDEX["china"],))
    inf = final.countries[COUNTRY_INDEX["tajikistan"]].influence
    inf[:] = [5, 0, 4, 0]
    assert P.outcome(leads, [], final) is True
    inf[:] = [5, 0, 5, 0]  # a tie: nobody leads
    assert P.outcome(leads, [], final) is False
    assert P.outcome(S("wins", "china"), [], final) is True
    assert P.outcome(S("wins", "russia"), [], final) is False
    assert P.outcome(S("wins", "china"), [], _live(start)) is None


def test_the_brier_score_is_the_mean_squared_error_of_the_settled_predictions():
    def made(percent):
        return P.Prediction(0, 1, percent, S("wins", "china"), None, 0)

    assert P.brier([]) is None and P.brier([(made(50), None)]) is None
    assert P.brier([(made(70), True), (made(40), False), (made(90), None)]) == pytest.approx((0.09 + 0.16) / 2)
    assert P.brier([(made(50), True), (made(50), False)]) == pytest.approx(W.BASELINE)
    assert P.brier([(made(95), True)]) == pytest.approx(0.0025)


# --- who may predict, and when ---------------------------------------------------------------


def test_a_team_predicts_at_its_first_card_and_nothing_on_the_board_changes(rules):
    game = _first_card(Game.start(rules, 5, HUMANS))
    state, legal, moves = game.state, game.legal(), len(game.moves)
    seat = state.seat_to_move
    assert game.predictions_left() == P.MAX_PER_TURN
    move = M.predict(70, ("reach", "tension", 8, 3))
    assert move == ("predict", "70", "reach", "tension", "8", "3") and M.is_prediction(move)
    assert not M.is_facilitator(move) and move not in legal
    game.play(move, "The corridor talks will heat up.")
    assert game.state == state and digest(game.state) == digest(state)
    assert game.legal() == legal and game.state.seat_to_move == seat and len(game.moves) == moves + 1
    assert game.log[-1] == ("predict", seat, 1, 70, ("reach", "tension", "8", "3"), "The corridor talks will heat up.")
    assert describe(game.log[-1], rules) == (
        f"{W.who(SEATS[seat])} predicts, at 70%: Sino-American tension reaches 8 or more by the end of turn 3. "
        "Rationale: The corridor talks will heat up.")
    assert game.predictions_left() == P.MAX_PER_TURN - 1


def _refused(game: Game, move: tuple, match: str) -> None:
    why = game.refusal(move)
    assert why is not None and match in why, why
    moves, log, state = len(game.moves), list(game.log), game.state
    with pytest.raises(P.Unclear):
        game.play(move)
    assert (len(game.moves), game.log, game.state) == (moves, log, state)


def test_a_computer_seat_never_predicts(rules):
    game = _first_card(Game.start(rules, 5, {**HUMANS, "russia": "ai:easy"}), seat="russia")
    _refused(game, M.predict(50, ("wins", "china")), "only a team")
    assert game.predictions_left() == 0


def test_a_prediction_comes_only_at_a_seats_first_card_of_the_turn(rules):
    game = Game.start(rules, 5, HUMANS)
    assert game.state.pending.kind != M.PENDING_PLAY  # the first news asks Russia to choose
    _refused(game, M.predict(50, ("wins", "china")), "first card of a turn")
    _first_card(game)
    seat = game.state.seat_to_move
    game.play(next(c for c in game.legal() if c[2] == M.OPS))  # its card: now it spends ops
    _refused(game, M.predict(50, ("wins", "china")), "first card of a turn")
    while not (game.state.round == 1 and game.state.seat_to_move == seat):
        game.play(game.legal()[0])
    assert game.state.pending.kind == M.PENDING_PLAY  # its second card of the turn
    _refused(game, M.predict(50, ("wins", "china")), "first card of a turn")
    assert game.predictions_left() == 0


def test_bad_chances_too_many_twice_the_same_and_settled_statements_are_refused(rules):
    game = _first_card(Game.start(rules, 5, HUMANS))
    for word in ("0", "100", "72", "50.0", "x", "-5"):
        _refused(game, ("predict", word, "wins", "china"), "from 5% to 95% in steps of 5")
    _refused(game, M.predict(50, ("wins",)), "expected 'wins seat'")
    now = game.state.track("tension")
    _refused(game, M.predict(50, ("reach", "tension", now, 3)), f"already settled: it is {now} now")
    _refused(game, M.predict(50, ("fall", "tension", now, 3)), "already settled")
    stab = game.state.country("kazakhstan").stability
    _refused(game, M.predict(50, ("shaky", "kazakhstan", stab, 3)), "already settled")
    game.play(M.predict(60, ("wins", "china")))
    _refused(game, M.predict(30, ("wins", "china")), "already predicted that this turn")
    game.play(M.predict(30, ("wins", "usa")))
    game.play(M.predict(10, ("collapse", 3)))
    _refused(game, M.predict(50, ("wins", "turkey")), f"at most {P.MAX_PER_TURN} predictions a turn")
    assert game.predictions_left() == 0


def test_a_turn_already_over_is_refused_and_the_count_starts_again_each_turn(rules):
    game = _first_card(Game.start(rules, 5, HUMANS), turn=2)
    _refused(game, M.predict(50, ("collapse", 1)), "turn 1 is over")
    game.play(M.predict(50, ("collapse", 2)))  # this turn's end is still to come
    assert game.predictions_left() == P.MAX_PER_TURN - 1


def test_a_finished_game_takes_no_prediction(rules):
    game = load_game(fx.FIXTURE)
    _refused(game, M.predict(50, ("wins", "china")), "the game is over")


def test_the_menus_offer_only_turns_to_come_and_grey_what_is_settled(rules):
    game = _first_card(Game.start(rules, 5, HUMANS), turn=2)
    state = game.state
    assert [v for v, _ in P.choices(state, "collapse")] == list(range(2, 11))
    values = dict(P.choices(state, "reach", ("tension",)))
    now = state.track("tension")
    assert all((why is not None) == (v <= now) for v, why in values.items())
    assert P.choices(state, "leads") == [(p, None) for p in SEATS[:4]]


# --- the door's other work: undo, branches, saves, the table --------------------------------


def test_a_prediction_is_undone_with_the_seats_moves_and_kept_by_a_branch(rules):
    game = _first_card(Game.start(rules, 5, HUMANS))
    game.play(M.predict(40, ("wins", "turkey")))
    assert game.undoable() >= 1
    back = game.rewound(1)
    assert not any(M.is_prediction(m.choice) for m in back.moves)
    assert not any(e[0] == M.PREDICT for e in back.log) and back.predictions_left() == P.MAX_PER_TURN
    _first_card(game, turn=2)
    branch = game.branch(2, "parent.yaml")
    assert [e for e in branch.log if e[0] == M.PREDICT] == [e for e in game.log if e[0] == M.PREDICT]


def _with_predictions(source: Game, plans: dict) -> Game:
    """``source`` played again with the predictions ``plans`` (turn, seat) -> [(percent,
    statement, reason)] made at each seat's first card of those turns."""
    game = Game.start(source.rules, source.seed, source.seats, seminar=source.seminar)
    for move in source.moves:
        state = game.state
        if P.may_predict_now(state):
            for percent, statement, reason in plans.pop((state.turn, state.seat_to_move), ()):
                game.play(M.predict(percent, statement), reason)
        game.play(move.choice, move.reason)
    assert not plans, f"no first card for {sorted(plans)}"
    return game


PLANS = {
    (1, SEAT_INDEX["russia"]): [(70, ("reach", "tension", 8, 3), "Washington will push."),
                                (40, ("wins", "russia"), None)],
    (1, SEAT_INDEX["usa"]): [(20, ("base", "usa", 3), None)],
    (1, SEAT_INDEX["central_asia"]): [(90, ("leads", "russia", "tajikistan"), "The border is theirs."),
                                      (10, ("collapse", 3), None)],
    (2, SEAT_INDEX["china"]): [(65, ("fall", "tension", 4, 3), None)],
    (3, SEAT_INDEX["turkey"]): [(55, ("wins", "turkey"), None)],
}


@pytest.fixture(scope="module")
def source(rules):
    return load_game(fx.FIXTURE)


@pytest.fixture(scope="module")
def predicted(source):
    return _with_predictions(source, {k: list(v) for k, v in PLANS.items()})


def test_the_same_game_with_predictions_ends_exactly_as_without(source, predicted):
    assert predicted.state == source.state and digest(predicted.state) == digest(source.state)
    made = sum(len(v) for v in PLANS.values())
    assert len(predicted.moves) == len(source.moves) + made
    assert [e for e in predicted.log if e[0] != M.PREDICT] == source.log


def test_a_save_with_predictions_is_format_3_and_replays_them(predicted, source, tmp_path):
    path = tmp_path / "predicted.yaml"
    save_game(predicted, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"format: {PREDICTIONS_FORMAT}\n")
    assert "- do: predict 70 reach tension 8 3\n  why: Washington will push.\n" in text
    assert to_yaml(source).startswith(f"format: {FORMAT}\n")  # none: the format before predictions
    loaded = load_game(path)
    assert [(m.choice, m.reason) for m in loaded.moves] == [(m.choice, m.reason) for m in predicted.moves]
    assert loaded.log == predicted.log and loaded.state == predicted.state
    assert report_data(loaded) == report_data(predicted)


def test_a_save_whose_prediction_the_rules_refuse_is_refused_in_one_line(predicted, tmp_path):
    path = tmp_path / "bad.yaml"
    save_game(predicted, path)
    good = path.read_text(encoding="utf-8")
    for old, new, why in (("predict 40 wins russia", "predict 42 wins russia", "in steps of 5"),
                          ("predict 20 base usa 3", "predict 20 base usa 9", "expected a turn from 1 to 3")):
        path.write_text(good.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(SaveError) as e:
            load_game(path)
        message = str(e.value)
        assert message.startswith(f"{path}:") and "choices" in message and why in message, message
        assert "\n" not in message
    path.write_text(good.replace(f"format: {PREDICTIONS_FORMAT}", f"format: {PREDICTIONS_FORMAT + 1}", 1),
                    encoding="utf-8")
    with pytest.raises(SaveError, match="from a newer version"):
        load_game(path)


def test_the_table_takes_a_prediction_from_the_team_at_the_keyboard_only(rules):
    game = _first_card(Game.start(rules, 5, {**{s: "ai:easy" for s in SEATS}, "russia": "human"}), seat="russia")
    table = Table(game, clock=lambda: 0.0)
    assert table.human_to_move() and table.predictions_left() == P.MAX_PER_TURN
    move = M.predict(80, ("leads", "russia", "tajikistan"))
    assert table.choose(move) == GONE  # a prediction is no card
    table.set_paused(True)
    assert table.predict(move) == PAUSED and table.predictions_left() == 0
    table.set_paused(False)
    assert "steps of 5" in table.predict(M.predict(81, ("leads", "russia", "tajikistan")))
    assert table.predict(move, "  We hold the border.  ") is None
    assert table.game.moves[-1] == game.moves[-1] and game.moves[-1].reason == "We hold the border."
    assert table.human_to_move() and table.predictions_left() == P.MAX_PER_TURN - 1
    table.choose(next(c for c in game.legal() if c[2] == M.OPS))
    assert table.predictions_left() == 0
    assert "first card of a turn" in table.predict(M.predict(50, ("wins", "china")))
    computers = Table(Game.start(rules, 5, {s: "ai:easy" for s in SEATS}), clock=lambda: 0.0)
    assert computers.predict(M.predict(50, ("wins", "china"))) == NOT_YOUR_MOVE


# --- the log agrees with every position the game kept ----------------------------------------


def _holds(state, statement: P.Statement) -> bool:
    kind, args = statement.kind, statement.args
    if kind == "collapse":
        return state.collapsed is not None
    if kind == "reach":
        return state.track(args[0]) >= args[1]
    if kind == "fall":
        return state.track(args[0]) <= args[1]
    if kind == "shaky":
        return state.country(args[0]).stability <= args[1]
    raise AssertionError(kind)


def _random_statement(state, seed: int, k: int) -> P.Statement | None:
    kind = P.KINDS[draw(seed, 100 + k, len(P.KINDS))]
    args: tuple = ()
    for i, _param in enumerate(kind.params):
        options = [v for v, why in P.choices(state, kind.id, args) if why is None]
        if not options:
            return None
        args += (options[draw(seed, 1000 * k + i, len(options))],)
    return P.Statement(kind.id, args)


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_whatever_the_kept_positions_show_the_log_saw(rules, seed):
    """A statement a position after the prediction shows true (within its turn) came true by
    the log; statements about the end agree with the final position; every one is settled."""
    game = Game.start(rules, seed, HUMANS)
    k = 0
    while not game.over:
        if P.may_predict_now(game.state) and draw(seed, k, 3) == 0:
            statement = _random_statement(game.state, seed, k)
            if statement is not None:
                move = M.predict(P.PERCENTS[draw(seed, 7 + k, len(P.PERCENTS))], statement.words)
                if game.refusal(move) is None:
                    game.play(move)
        choices = game.legal()
        game.play(choices[draw(seed, 50_000 + k, len(choices))])
        k += 1
    made = [i for i, m in enumerate(game.moves) if M.is_prediction(m.choice)]
    results = P.scored(game.log, game.state)
    assert len(results) == len(made)
    for i, (p, came) in zip(made, results):
        assert came is not None
        kind = P.KIND_BY_ID[p.statement.kind]
        if kind.at_end:
            if p.statement.kind == "wins":
                assert came == (SEAT_INDEX[p.statement.args[0]] in game.state.winners)
            else:
                power, country = p.statement.args
                assert came == (game.state.country(country).leader() == SEAT_INDEX[power])
            continue
        if p.statement.kind == "base":
            power = SEAT_INDEX[p.statement.args[0]]
            later = [game.state_before(j) for j in range(i + 1, len(game.moves) + 1)]
            by = p.statement.args[-1]
            was = game.state_before(i)
            opened = any(s.countries[c].bases[power] and not was.countries[c].bases[power]
                         for s in later if s.turn <= by for c in range(len(COUNTRIES)))
            assert not opened or came
            continue
        by = p.statement.args[-1]
        shown = any(_holds(game.state_before(j), p.statement) for j in range(i + 1, len(game.moves) + 1)
                    if game.state_before(j).turn <= by)
        assert not shown or came, (p, i)


# --- the report ---------------------------------------------------------------------------


def _expected(game: Game) -> dict:
    """Whether each of PLANS came true, read from the game's positions, not from its log."""
    states = [game.state_before(j) for j in range(len(game.moves) + 1)]
    end = game.state
    peak = max(s.track("tension") for s in states)
    low3 = min(s.track("tension") for s in states if s.turn >= 2)
    usa = SEAT_INDEX["usa"]
    return {
        "reach tension 8 3": peak >= 8,
        "wins russia": SEAT_INDEX["russia"] in end.winners,
        "base usa 3": any(c.bases[usa] for s in states for c in s.countries),
        "leads russia tajikistan": end.country("tajikistan").leader() == SEAT_INDEX["russia"],
        "collapse 3": end.collapsed is not None,
        "fall tension 4 3": low3 <= 4,
        "wins turkey": SEAT_INDEX["turkey"] in end.winners,
    }


def test_the_report_scores_each_team_and_says_which_came_true(predicted):
    data = report_data(predicted)
    section = data["predictions"]
    expected = _expected(predicted)
    assert True in expected.values() and False in expected.values()  # the test sees both
    rows = section["predictions"]
    assert [r["words"] for r in rows] == [" ".join(map(str, s)) for k in sorted(PLANS) for _, s, _ in PLANS[k]]
    for r in rows:
        assert r["came_true"] is expected[r["words"]], r
    for team in section["teams"]:
        mine = [r for r in rows if r["seat"] == team["seat"]]
        brier = sum((r["chance"] / 100 - r["came_true"]) ** 2 for r in mine) / len(mine)
        assert team["brier"] == pytest.approx(brier, abs=1e-4)
        assert (team["made"], team["settled"], team["came_true"]) == (
            len(mine), len(mine), sum(r["came_true"] for r in mine))
        assert team["team"] == fx.TEAMS[team["seat"]]
    md = to_markdown(data)
    part = md[md.index("## Predictions"):md.index("## Questions for discussion")]
    assert W.SCALE in part
    for team in section["teams"]:
        assert f"| {team['name']} | {team['made']} | {team['settled']} | {team['came_true']} | {team['brier']:.3f} |" in part
    first = rows[0]
    said = "Came true" if first["came_true"] else "Did not come true"
    assert (f"- Turn 1, Team Moscow, 70%: Sino-American tension reaches 8 or more by the end of turn 3. "
            f"**{said}.** *Rationale:* Washington will push.") in part
    assert json.loads(to_json(data))["predictions"] == section
    table = list(csv.reader(io.StringIO(to_csv(data))))
    kinds = [row[2] for row in table]
    assert kinds.count("prediction") == len(rows) and kinds.count("brier score") == len(section["teams"])


def test_without_predictions_the_report_has_no_section(source):
    data = report_data(source)
    assert data["predictions"] is None and "## Predictions" not in to_markdown(data)
    assert 'id="predictions"' not in to_html(data) and "prediction" not in to_csv(data)


def test_during_play_each_team_reads_only_its_own_predictions_in_the_report(predicted):
    cut = next(i for i, m in enumerate(predicted.moves) if predicted.state_before(i).turn == 3)
    live = predicted.rewound(len(predicted.moves) - cut)
    assert not live.over
    for viewer in (FACILITATOR, PUBLIC) + tuple(range(len(SEATS))):
        section = report_data(live, viewer)["predictions"]
        rows = [] if section is None else section["predictions"]
        if viewer == FACILITATOR:
            assert {r["seat"] for r in rows} == {"russia", "usa", "central_asia", "china"}
        elif viewer == PUBLIC:
            assert section is None  # not even an empty section: none to read
        else:
            assert {r["seat"] for r in rows} <= {SEATS[viewer]}
            assert len(rows) == sum(len(v) for (t, s), v in PLANS.items() if s == viewer and t < 3)
    everything = report_data(live, FACILITATOR)["predictions"]["predictions"]
    assert any(r["came_true"] is None for r in everything)  # the game's end is still to come
    after = report_data(predicted, 0)["predictions"]
    assert after == report_data(predicted, AFTER)["predictions"]  # once over, everyone reads them
