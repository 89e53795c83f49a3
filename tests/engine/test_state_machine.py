"""The engine as a state machine: Hypothesis drives whole games through the one door.

The machine starts a game (seed and scenario drawn by Hypothesis), then only ever picks a move
from ``legal_choices`` and applies it with ``apply``; when a game ends, it may start another.
After every step each invariant below is checked on its own, so a failure names the rule it
broke and Hypothesis shrinks it to the shortest sequence of moves that breaks it.

The machine also acts as a seminar's facilitator now and then (inject, hold or bring forward
news, adjudicate, note), and as a team that predicts: an allowed intervention or prediction must
keep every invariant (a prediction changes nothing on the board and round-trips through a save),
and a refused one must raise and change nothing.

A plain test then plays 30 complete random games through ``step`` with the same checks.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.play import predictions as P
from game.play import save as save_module
from game.rules import moves as M
from game.rules.engine import IllegalChoice, apply, legal_choices, new_game, step
from game.rules.loader import CARDS_DIR, load_rules
from game.words.log import describe
from game.rules.model import (
    CENTRAL_ASIA,
    COUNTRIES,
    INFLUENCE_MAX,
    SEATS,
    TRACK_MAX,
    TRACK_MIN,
    TRACKS,
    VP_MAX,
    VP_MIN,
    State,
)
from game.rules.ops import OPS_BY_NAME
from game.rules.rng import draw
from game.play.save import digest, load_game, to_yaml
from game.play.seminar import FACILITATOR_MOVES, Refused, adjustable, facilitate, refusal
from game.play.session import Game
from game.play.view import seat_view

SCENARIOS = ("summer-2021", "what-if")
SEED_MAX = 2**63 - 1
MAX_STEPS = 10_000

_RULES: dict = {}


def rules_for(scenario: str, cards_dir: Path = CARDS_DIR):
    """``load_rules`` once per scenario: the rules are immutable and shared by every state."""
    key = (scenario, str(cards_dir))
    if key not in _RULES:
        _RULES[key] = load_rules(scenario, cards_dir)
    return _RULES[key]


# --- the invariants, as plain functions (the machine and the plain test share them) -------


def check_bounds(state: State) -> None:
    assert len(state.tracks) == len(TRACKS)
    for name, value in zip(TRACKS, state.tracks):
        assert TRACK_MIN <= value <= TRACK_MAX, f"track {name} = {value}"
    for c in state.countries:
        for field in ("stability", "discontent", "refugees"):
            value = getattr(c, field)
            assert 0 <= value <= 10, f"{c.name}.{field} = {value}"
        if COUNTRIES.index(c.name) in (0, 1, 2):
            assert c.border is not None and 0 <= c.border <= 10, f"{c.name}.border = {c.border}"
        else:
            assert c.border is None, f"{c.name} has no Afghan border but border = {c.border}"
        assert len(c.influence) == 4
        for power, value in enumerate(c.influence):
            assert 0 <= value <= INFLUENCE_MAX, f"{c.name} influence of {SEATS[power]} = {value}"
    assert len(state.vp) == len(SEATS)
    for seat, value in enumerate(state.vp):
        assert VP_MIN <= value <= VP_MAX, f"VP of {SEATS[seat]} = {value}"
    # A state at stability 0 has collapsed, and a collapse ends the game at once.
    if not state.over:
        assert all(c.stability >= 1 for c in state.countries), "a live game with a state at stability 0"


def check_deck(state: State) -> None:
    piles = {
        "deck": state.deck, "discard": state.discard, "removed": state.removed,
        "news_deck": state.news_deck, "news_dated": state.news_dated, "news_done": state.news_done,
        "news_held": state.held, "news_next": state.news_next, "reserve": state.reserve,
    }
    for seat, hand in enumerate(state.hands):
        piles[f"hand of {SEATS[seat]}"] = hand
    seen = Counter(cid for pile in piles.values() for cid in pile)
    expected = Counter(list(state.rules.cards))
    assert all(n == 1 for n in expected.values())
    assert seen == expected, (
        f"missing {sorted((expected - seen).elements())}, extra or doubled {sorted((seen - expected).elements())}"
    )
    cards = state.rules.cards
    assert all(cards[cid].late for cid in state.reserve), "only the late period's cards wait in the reserve"
    assert not state.reserve or not state.withdrawn, "the withdrawal shuffles the reserve into the decks"
    for name, pile in piles.items():
        if name == "reserve":  # both decks' late cards
            continue
        deck = "news" if name.startswith("news") else "action"
        wrong = [cid for cid in pile if cards[cid].deck != deck]
        assert not wrong, f"{name} holds {wrong}, which belong to another deck"


def check_decision(state: State) -> None:
    choices = legal_choices(state)
    if state.over:
        assert state.pending is None and choices == [] and state.queue == ()
        assert state.end_reason in ("last turn", "collapse")
        assert (state.end_reason == "collapse") == (state.collapsed is not None)
        if state.collapsed is not None:  # a collapse is everyone's defeat
            assert state.countries[state.collapsed].stability == 0
            assert state.winners == ()
        else:  # after the last turn the most VP win, ties sharing
            assert state.turn == state.rules.scenario.turns
            best = max(state.vp)
            assert state.winners == tuple(s for s, v in enumerate(state.vp) if v == best)
        return
    p = state.pending
    assert p is not None, "a live game waits for no decision"
    assert choices, f"a live game offers no legal choice ({p.kind} for {p.seat})"
    assert len(set(choices)) == len(choices), "a choice is offered twice"
    assert p.seat in range(len(SEATS)) and state.seat_to_move == p.seat
    assert state.end_reason is None and state.winners == ()
    if p.kind == "play":
        hand = state.hands[p.seat]
        assert hand, "asked to play with an empty hand"
        assert all(c[0] == "play" and c[1] in hand for c in choices)
        assert {c[1] for c in choices} == set(hand), "every card in the hand can be played (at least for ops)"
        for c in choices:
            owner = state.rules.cards[c[1]].seat
            if c[2] == "event":
                assert owner is None or owner == p.seat, f"{SEATS[p.seat]} may not play {c[1]}'s event"
            elif c[2] == "shelve":
                assert owner is not None and owner != p.seat, "only a rival's card may be shelved"
                assert p.seat not in state.shelved, "a seat shelves at most one card a turn"
    elif p.kind == "ops":
        assert choices[-1] == ("end",)
        for c in choices[:-1]:
            op = OPS_BY_NAME.get((p.seat, c[1]))
            assert c[0] == "op" and op is not None
            if op.regional:
                assert len(c) == 2, "an action on the whole region names no state"
                cost = op.cost(state, p.seat, None)
            else:
                assert c[2] in COUNTRIES
                cost = op.cost(state, p.seat, COUNTRIES.index(c[2]))
            assert cost is not None and 1 <= cost <= p.points
    elif p.kind == "target":
        card = state.rules.cards[p.card]
        assert card.target is not None and p.seat == p.actor
        assert [c[1] for c in choices] == [COUNTRIES[i] for i in card.target]
    elif p.kind == "option":
        assert choices == [("option", str(i)) for i in range(len(p.options))] and 2 <= len(choices) <= 4
    else:
        assert p.kind == "offer" and p.seat == CENTRAL_ASIA, "only the Central Asian seat answers offers"
        assert choices == [("accept",), ("reject",)]


def check_turn_limit(state: State) -> None:
    assert 1 <= state.turn <= state.rules.scenario.turns


def _announced(state: State) -> set:
    """Cards whose events a facilitator injected and which are still being resolved, with the
    decisions they interrupted: public, though the card may also sit in someone's hand."""
    pendings = [state.pending] + [task[1] for task in state.queue if task[0] == "resume"]
    return ({p.card for p in pendings if p is not None}
            | {task[1] for task in state.queue if task[0] == "inject"})


def check_views(state: State) -> None:
    for seat in range(len(SEATS)):
        view = seat_view(state, seat)
        text = json.dumps(view)
        assert not {"seed", "counter", "deck", "news_deck", "hands"} & set(view), "the view leaks hidden state"
        announced = _announced(state)
        for other, hand in enumerate(state.hands):
            for cid in hand:
                token = json.dumps(cid)
                if cid in announced:  # a facilitator injected this card's event for all to see
                    continue
                if other == seat:
                    assert token in text, f"{SEATS[seat]} cannot see its own card {cid}"
                else:
                    assert token not in text, f"{SEATS[seat]}'s view shows {cid} from {SEATS[other]}'s hand"
        assert view["hand"] == state.hands[seat]


def _cached_load_rules(scenario: str = "summer-2021", cards_dir: Path = CARDS_DIR, *args, **kwargs):
    return rules_for(scenario, cards_dir)


HUMANS = {s: "human" for s in SEATS}  # the seats of the round trip: a team may predict


def check_round_trip(rules, seed: int, moves: list, state: State, reasons: dict | None = None) -> None:
    """Seed + moves -> Game -> YAML -> file -> load_game gives this very state.

    ``load_game`` is the real one; only its ``load_rules`` call is served from a cache (reading
    the cards takes 0.15 s and gives the same immutable rules every time).
    """
    game = Game.start(rules, seed, HUMANS)
    for i, choice in enumerate(moves):
        game.play(choice, (reasons or {}).get(i))
    assert game.state == state, "replaying the moves through Game gives another state"
    text = to_yaml(game)
    assert f"digest: {digest(state)}" in text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "save.yaml"
        path.write_text(text, encoding="utf-8")
        with mock.patch.object(save_module, "load_rules", _cached_load_rules):
            loaded = load_game(path)
    assert loaded.state == state
    assert digest(loaded.state) == digest(state)
    assert [m.choice for m in loaded.moves] == [tuple(c) for c in moves]


def check_log_renders(entries: list, rules) -> None:
    for entry in entries:
        text = describe(entry, rules)
        assert isinstance(text, str) and text.strip()
        assert text != repr(entry), f"log entry {entry!r} has no words"


# --- the machine -----------------------------------------------------------------------------


def _round_trip_due(n_moves: int) -> bool:
    """At 0, 1, 2, 4, 8, ... moves: several times per game, cheap while games are short."""
    return n_moves & (n_moves - 1) == 0


class GameMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.games = 0

    def _start(self, seed: int, scenario: str) -> None:
        self.rules = rules_for(scenario)
        self.seed = seed
        self.log: list = []
        self.state = new_game(self.rules, seed, self.log)
        self.moves: list = []
        self.reasons: dict = {}  # move index -> the text a facilitator move carries
        self.predicted: dict = {}  # (turn, seat) -> the statements it predicted that turn
        self.round_trip_checked = -1
        self.games += 1
        check_log_renders(self.log, self.rules)

    @initialize(seed=st.integers(0, SEED_MAX), scenario=st.sampled_from(SCENARIOS))
    def start(self, seed, scenario):
        self._start(seed, scenario)

    def _refuses_illegal(self, bogus: int) -> None:
        """A choice not on offer raises IllegalChoice and leaves the state as it was."""
        cids = list(self.rules.cards)
        cid = cids[bogus % len(cids)]
        candidates = [
            ("play", cid, "event"), ("play", cid, "ops"), ("end",), ("accept",), ("reject",),
            ("option", "7"), ("target", "afghanistan"), ("op", "influence", "tajikistan"),
        ]
        choice = candidates[(bogus // len(cids)) % len(candidates)]
        if choice in legal_choices(self.state):
            return
        before = self.state.clone()
        try:
            apply(self.state, choice)
        except IllegalChoice:
            pass
        else:
            raise AssertionError(f"apply accepted {choice!r}, which is not on offer")
        assert self.state == before

    @precondition(lambda self: not self.state.over)
    @rule(index=st.integers(0, 2**16), bogus=st.integers(0, 2**16))
    def move(self, index, bogus):
        self._refuses_illegal(bogus)
        choices = legal_choices(self.state)
        choice = choices[index % len(choices)]
        before = self.state.clone()
        n_log = len(self.log)
        nxt = apply(self.state, choice, self.log)
        assert self.state == before, "apply changed the state it was given"
        assert nxt is not self.state
        check_log_renders(self.log[n_log:], self.rules)
        self.state = nxt
        self.moves.append(choice)
        assert len(self.moves) <= MAX_STEPS

    @rule(kind=st.sampled_from(FACILITATOR_MOVES), pick=st.integers(0, 2**16), by=st.integers(-4, 4),
          text=st.sampled_from(["", "  ", "The class agreed the border is porous."]))
    def facilitator(self, kind, pick, by, text):
        """An intervention the rules allow is applied; any other is refused, changing nothing."""
        cards = list(self.rules.cards)
        if kind == "adjust":
            what = adjustable(self.state)
            choice = ("adjust", what[pick % len(what)], f"{by:+d}")
        elif kind == "note":
            choice = ("note",)
        elif kind == "inject" and pick % 3 == 0:
            choice = ("inject", cards[pick % len(cards)], SEATS[pick % len(SEATS)])
        else:
            choice = (kind, cards[pick % len(cards)])
        reason = text or None
        why = refusal(self.state, choice, reason)
        before = self.state.clone()
        if why is not None:
            event(f"facilitator {kind} refused")
            try:
                facilitate(self.state, choice, reason)
            except Refused as e:
                assert str(e) == why
            else:
                raise AssertionError(f"facilitate accepted {choice!r}, which refusal() refuses: {why}")
            assert self.state == before
            return
        event(f"facilitator {kind} applied")
        n_log = len(self.log)
        self.state = facilitate(self.state, choice, reason, self.log)
        assert before == before.clone() and self.state is not before
        check_log_renders(self.log[n_log:], self.rules)
        if reason is not None:
            self.reasons[len(self.moves)] = reason
        self.moves.append(choice)

    @precondition(lambda self: not self.state.over)
    @rule(kind=st.sampled_from(P.KINDS), pick=st.integers(0, 2**16),
          percent=st.sampled_from((50, 5, 95, 35, 0, 100, 72)))
    def predict(self, kind, pick, percent):
        """A team's prediction the rules allow is recorded and changes nothing on the board; any
        other is refused, changing nothing."""
        args = tuple(P.values(p, self.rules.scenario.turns)[(pick >> (4 * i)) % len(P.values(p, self.rules.scenario.turns))]
                     for i, p in enumerate(kind.params))
        move = M.predict(percent, (kind.id,) + args)
        key = (self.state.turn, self.state.seat_to_move)
        made = self.predicted.get(key, ())
        why = P.refusal(self.state, move, human=True, made=made)
        before = self.state.clone()
        if why is not None:
            event("prediction refused")
            try:
                P.check(self.state, move, human=True, made=made)
            except P.Unclear as e:
                assert str(e) == why
            else:
                raise AssertionError(f"check accepted {move!r}, which refusal() refuses: {why}")
            assert self.state == before
            return
        event("prediction made")
        prediction = P.check(self.state, move, human=True, made=made)
        assert self.state == before
        check_log_renders([P.entry(prediction)], self.rules)
        self.predicted[key] = made + (prediction.statement,)
        self.moves.append(move)

    @precondition(lambda self: self.state.over)
    @rule(bogus=st.integers(0, 2**16))
    def ended_game_refuses_moves(self, bogus):
        self._refuses_illegal(bogus)

    @precondition(lambda self: self.state.over)
    @rule(seed=st.integers(0, SEED_MAX), scenario=st.sampled_from(SCENARIOS))
    def new_game_after_the_end(self, seed, scenario):
        event(f"a game ended ({self.state.end_reason}) and another began")
        self._start(seed, scenario)

    @invariant()
    def tracks_fields_influence_and_vp_in_bounds(self):
        check_bounds(self.state)

    @invariant()
    def every_card_in_exactly_one_place(self):
        check_deck(self.state)

    @invariant()
    def live_game_offers_a_move_and_ended_game_none(self):
        check_decision(self.state)

    @invariant()
    def within_the_turn_limit(self):
        check_turn_limit(self.state)

    @invariant()
    def seat_views_hide_other_hands(self):
        check_views(self.state)

    @invariant()
    def state_round_trips_through_a_save(self):
        n = len(self.moves)
        if (_round_trip_due(n) or self.state.over) and self.round_trip_checked != n:
            check_round_trip(self.rules, self.seed, self.moves, self.state, self.reasons)
            self.round_trip_checked = n


# A random game now lasts ~300-360 moves (most reach the last turn rather than a collapse),
# so 400 steps usually finish one game and often start another. Even Hypothesis's smallest
# example (choice 0 every time) plays a whole game, so its "large base example" health check
# is suppressed: the size is the game's, not the strategy's. 15 runs take ~10 s; the
# "thorough" profile (500 examples) runs 50.
GameMachine.TestCase.settings = settings(
    max_examples=max(15, settings.default.max_examples // 10),
    stateful_step_count=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.large_base_example],
)
TestGameMachine = GameMachine.TestCase


# --- thirty complete games -------------------------------------------------------------------

CHOICE_SALT = 0xC0FFEE


def test_thirty_random_games_finish_with_every_invariant():
    ends = Counter()
    for seed in range(30):
        scenario = SCENARIOS[seed % 2]
        rules = rules_for(scenario)
        log: list = []
        state = new_game(rules, seed, log)
        moves = []
        for k in range(MAX_STEPS):
            if state.over:
                break
            check_bounds(state)
            check_deck(state)
            check_decision(state)
            check_turn_limit(state)
            choices = legal_choices(state)
            choice = choices[draw(seed ^ CHOICE_SALT, k, len(choices))]
            step(state, choice, log)
            moves.append(choice)
        assert state.over, f"seed {seed} ({scenario}) still running after {MAX_STEPS} steps"
        check_bounds(state)
        check_deck(state)
        check_decision(state)
        check_turn_limit(state)
        check_views(state)
        check_log_renders(log, rules)
        check_round_trip(rules, seed, moves, state)
        assert log[-1][0] == "end" and log[-1][1] == state.end_reason
        if state.end_reason == "last turn":
            assert state.turn == rules.scenario.turns
        ends[state.end_reason] += 1
    assert sum(ends.values()) == 30
