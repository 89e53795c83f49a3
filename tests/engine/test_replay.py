"""The replay viewer's engine side: a frame per turn replayed from the seed, and what each
viewpoint may read."""

from __future__ import annotations

import pytest

from game.rules.model import SEATS
from game.words.replay import (
    FACILITATOR,
    FACILITATOR_KINDS,
    PUBLIC_KINDS,
    SEAT_KINDS,
    hands,
    played,
    split_log,
    turn_frames,
    turn_lines,
    visible,
    whatif_path,
    whatif_text,
)
from game.play.save import load_game, save_game
from game.play.session import Game
from game.clients.sim import play_out
from game.play.observer import ALTERNATIVES


@pytest.fixture(scope="module")
def finished(rules, tmp_path_factory):
    """A whole game by the easy AI (which gives reasons), saved and loaded back."""
    path = tmp_path_factory.mktemp("replay") / "history.yaml"
    save_game(play_out(Game.start(rules, 12, {s: "ai:easy" for s in SEATS})), path)
    return load_game(path)


def _unfinished(rules, moves: int) -> Game:
    game = Game.start(rules, 11, {s: "random" for s in SEATS})  # a seed whose game outlives 130 moves
    from game.ai import decide

    while len(game.moves) < moves:
        game.play(decide("random", game.state, len(game.moves)).choice, "picked at random")
    return game


def _replay_until_turn_changes(game: Game, turn: int):
    """The state reached by replaying the moves until the game leaves ``turn`` (or ends)."""
    fresh = Game.start(game.rules, game.seed, game.seats)
    for move in game.moves:
        if fresh.state.turn > turn or fresh.over:
            break
        fresh.play(move.choice, move.reason)
    return fresh.state


def test_one_frame_per_turn_played(finished):
    frames = turn_frames(finished)
    assert len(frames) == finished.state.turn
    assert [f.turn for f in frames] == list(range(1, finished.state.turn + 1))
    assert all(f.complete for f in frames)
    assert frames[-1].state == finished.state


def test_the_frame_of_a_turn_is_the_state_when_the_turn_changes(finished):
    frames = turn_frames(finished)
    for frame in frames:
        expected = _replay_until_turn_changes(finished, frame.turn)
        assert frame.state == expected, f"turn {frame.turn}"
    assert frames[0].start == Game.start(finished.rules, finished.seed, finished.seats).state
    for before, after in zip(frames, frames[1:]):
        assert after.start == before.state  # a turn begins where the last one ended


def test_frames_are_copies_not_the_games_own_states(finished):
    frames = turn_frames(finished)
    assert frames[-1].state is not finished.state
    frames[-1].state.vp[0] += 100
    assert turn_frames(finished)[-1].state == finished.state


def test_the_moves_and_the_log_are_split_by_turn(finished):
    frames = turn_frames(finished)
    assert [i for f in frames for i in f.moves] == list(range(len(finished.moves)))
    assert sum(len(f.log) for f in frames) == len(finished.log)
    for frame in frames:
        assert frame.log[0] == ("turn", frame.turn)
        assert [e for e in frame.log if e[0] == "turn"] == [("turn", frame.turn)]
    # Turn 2's first move is the first choice made once the game reached turn 2.
    second = frames[1].moves.start
    assert _replay_until_turn_changes(finished, 1).turn == 2
    fresh = Game.start(finished.rules, finished.seed, finished.seats)
    for move in finished.moves[:second]:
        fresh.play(move.choice, move.reason)
    assert fresh.state.turn == 2
    fresh = Game.start(finished.rules, finished.seed, finished.seats)
    for move in finished.moves[:second - 1]:
        fresh.play(move.choice, move.reason)
    assert fresh.state.turn == 1


def test_a_game_in_progress_ends_with_the_turn_being_played(rules):
    game = _unfinished(rules, 50)
    frames = turn_frames(game)
    assert len(frames) == game.state.turn
    assert frames[-1].turn == game.state.turn and not frames[-1].complete
    assert frames[-1].state == game.state
    assert all(f.complete for f in frames[:-1])


def test_a_game_without_moves_has_its_first_turn(rules):
    game = Game.start(rules, 3)
    [frame] = turn_frames(game)
    assert frame.turn == 1 and frame.state == game.state and len(frame.moves) == 0
    assert frame.log == tuple(game.log)


def test_a_seat_never_reads_another_seats_hand_or_reasons(finished):
    frames = turn_frames(finished)
    rules = finished.rules
    reasons = [e for e in finished.log if e[0] == "reason"]
    assert {e[1] for e in reasons} == set(range(len(SEATS))), "every seat gave reasons"
    for frame in frames:
        for seat in range(len(SEATS)):
            shown = hands(frame, seat)
            assert list(shown) == [seat] and shown[seat] == frame.start.hands[seat]
            lines = turn_lines(frame, rules, seat)
            for entry, text in lines:
                # Another seat's reason only as it could be read in play: the move, never the
                # alternatives (cards still in that hand).
                assert entry[0] != "reason" or entry[1] == seat or ALTERNATIVES not in entry[2]
                assert entry[0] not in FACILITATOR_KINDS
            own = [e for e in frame.log if e[0] == "reason" and e[1] == seat]
            assert [e for e, _ in lines if e[0] == "reason" and e[1] == seat] == own


def test_the_facilitator_reads_everything(finished):
    rules = finished.rules
    for frame in turn_frames(finished):
        shown = hands(frame, FACILITATOR)
        assert shown == {s: frame.start.hands[s] for s in range(len(SEATS))}
        lines = turn_lines(frame, rules, FACILITATOR)
        assert [e for e, _ in lines] == list(frame.log)
        assert all(text and text != repr(e) for e, text in lines)


def test_a_seat_reads_the_public_log_in_words(finished):
    frame = turn_frames(finished)[0]
    rules = finished.rules
    words = [text for _, text in turn_lines(frame, rules, 0)]
    assert words[0].startswith("== Turn 1:")
    public = [e for e in frame.log if e[0] != "reason"]
    assert [e for e, _ in turn_lines(frame, rules, 1) if e[0] != "reason"] == public
    assert any(e[0] == "play" for e in public) and any(e[0].startswith("t_") for e in public)


def test_notes_are_the_facilitators_and_go_to_the_turn_they_name():
    log = [("turn", 1), ("play", 0, "x", "ops"), ("reason", 0, "mine"), ("reason", 1, "theirs"),
           ("turn", 2), ("note", 1, "about turn 1"), ("adjust", "tension", 3, 4, "ruling"),
           ("hold", "some-news")]
    by_turn = split_log(log)
    assert ("note", 1, "about turn 1") in by_turn[1] and ("note", 1, "about turn 1") not in by_turn[2]
    for seat in range(len(SEATS)):
        assert not visible(("note", 1, "about turn 1"), seat)
        assert not visible(("hold", "some-news"), seat)
        assert visible(("adjust", "tension", 3, 4, "ruling"), seat)
    assert visible(("reason", 0, "mine"), 0) and visible(("reason", 1, "theirs"), 0)
    assert not visible(("reason", 1, "theirs"), 0, {"turkey": "human"}), "a team's rationale is its own"
    assert all(visible(e, FACILITATOR) for e in log)
    assert not visible(("some_new_kind", 1), 0), "an unknown kind is hidden until classified"


def test_every_kind_the_engine_logs_is_classified(finished, rules):
    kinds = {e[0] for e in finished.log} | {e[0] for e in _unfinished(rules, 120).log}
    unknown = {k for k in kinds if k not in PUBLIC_KINDS | SEAT_KINDS | FACILITATOR_KINDS and not k.startswith("t_")}
    assert not unknown, f"decide whether seats may see these log kinds: {sorted(unknown)}"


def test_played_cards_are_the_turns_plays(finished):
    frame = turn_frames(finished)[0]
    plays = played(frame)
    assert sum(len(v) for v in plays.values()) == sum(1 for e in frame.log if e[0] == "play")
    for seat, cards in plays.items():
        assert set(cards) <= set(frame.start.hands[seat])


def test_whatif_names_never_overwrite(tmp_path):
    parent = tmp_path / "x.yaml"
    first = whatif_path(tmp_path, parent, 2)
    assert first == tmp_path / "x-whatif-t2.yaml"
    first.write_text("taken")
    second = whatif_path(tmp_path, parent, 2)
    assert second == tmp_path / "x-whatif-t2-2.yaml"
    second.write_text("taken")
    assert whatif_path(tmp_path, parent, 2) == tmp_path / "x-whatif-t2-3.yaml"
    assert whatif_path(tmp_path, parent, 3) == tmp_path / "x-whatif-t3.yaml"


def test_whatif_words():
    assert whatif_text(2) == "Play turn 2 again from its start; turn 1 is kept as it was."
    assert whatif_text(4) == "Play turn 4 again from its start; turns 1–3 are kept as they were."
    assert "nothing is kept" in whatif_text(1)


def test_the_replay_helpers_never_import_textual():
    import subprocess
    import sys

    from game.rules.loader import ROOT

    script = "import sys, game.words.replay; print(sorted(m for m in sys.modules if 'textual' in m))"
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_facilitators_note_in_a_game_is_read_by_the_facilitator_only(rules):
    game = Game.start(rules, 3, {s: "random" for s in SEATS})
    game.play(("note",), "Watch the Tajik border")
    [frame] = turn_frames(game)
    assert frame.state == game.state and len(frame.moves) == 1
    notes = [text for e, text in turn_lines(frame, rules, FACILITATOR) if e[0] == "note"]
    assert len(notes) == 1 and "Watch the Tajik border" in notes[0]
    for seat in range(len(SEATS)):
        assert not any("Watch the Tajik border" in text for _, text in turn_lines(frame, rules, seat))


def test_a_game_that_kept_no_log_is_replayed_with_one(finished):
    quiet = Game.start(finished.rules, finished.seed, finished.seats, keep_log=False)
    for move in finished.moves:
        quiet.play(move.choice, move.reason)
    assert quiet.log is None
    assert [f.log for f in turn_frames(quiet)] == [f.log for f in turn_frames(finished)]


def test_a_save_of_the_earlier_rules_is_refused_in_one_line_and_left_alone(tmp_path, rules):
    from game.play.save import FORMAT, SaveError

    path = tmp_path / "old.yaml"
    save_game(_unfinished(rules, 20), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"format: {FORMAT}\n")
    old = text.replace(f"format: {FORMAT}\n", f"format: {FORMAT - 1}\n", 1)
    path.write_text(old, encoding="utf-8")
    with pytest.raises(SaveError) as e:
        load_game(path)
    message = str(e.value)
    assert message.startswith(f"{path}:1: format:") and "earlier edition of the rules" in message
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == old
