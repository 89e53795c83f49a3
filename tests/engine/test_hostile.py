"""Hostile saves and card files (issue 14): each is refused in one short line, quickly and in
little memory, before the work its size would cost; nothing valid before is refused now.

The explicit tests pin one attack each; the property test at the end feeds generated hostile
YAML to every reader of saves and cards and bounds the time and memory of each call.
"""

from __future__ import annotations

import os
import resource
import stat
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.rules import loader
from game.rules.loader import CARDS_DIR, ROOT, DataError, clean_stale_temps, read_catalogue, shorten
from game.play.save import MAX_CHOICES, SaveError, load_game, save_game, write_atomic
from game.play.seminar import MAX_NOTE
from game.play.session import Game
from game.tui.savefiles import list_saves, read_save_info

# A hostile file must be refused, not hang: a refusal takes milliseconds, a hang (an alias bomb,
# a billion-row loop) minutes. The bound sits far above the first so a loaded machine never trips it.
HANG_SECONDS = 10
FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "seminar-game.yaml"
SAVE = FIXTURE.read_text(encoding="utf-8")
SEED_FILE = "who-will-defend-central-asia.txt"
CARD = f"""\
cards:
  - id: test-card
    title: Test card
    deck: action
    seat: russia
    ops: 2
    text: A test card.
    effects:
      - track: {{name: csto, by: 1}}
    source:
      seed: {SEED_FILE}
      quote: "The Taliban are taking back many provinces in Afghanistan"
    question: Does it work?
"""
# line:  1 cards  2 id  3 title  4 deck  5 seat  6 ops  7 text  8 effects  9 track
#       10 source  11 seed  12 quote  13 question


def bomb(levels: int = 9) -> str:
    """A flow list whose last anchor expands to 10**levels strings ("billion laughs")."""
    parts = ["&a0 [" + ", ".join(["lol"] * 10) + "]"]
    parts += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


def deep(n: int) -> str:
    return "[" * n + "]" * n


def header(field: str, value: str, text: str = SAVE) -> str:
    """The fixture save with one top-level header line's value replaced."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{field}:"):
            lines[i] = f"{field}: {value}"
            return "\n".join(lines) + "\n"
    raise AssertionError(field)


def bounded(call, *args):
    """(result or the exception raised, seconds, peak bytes) of a call: timed on its own, then
    run again under tracemalloc (which slows it several times over) for the memory."""
    def run():
        try:
            return call(*args)
        except (SaveError, DataError) as e:
            return e

    start = time.monotonic()
    run()
    seconds = time.monotonic() - start
    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, seconds, peak


def refusal(path: Path) -> str:
    """load_game's one-line refusal of ``path``, checked to be short, quick and small."""
    result, seconds, peak = bounded(load_game, path)
    assert isinstance(result, SaveError), result
    text = str(result)
    assert "\n" not in text and len(text) < 300, text[:500]
    assert seconds < HANG_SECONDS and peak < 50_000_000, (seconds, peak)
    return text


def write(tmp_path: Path, text: str, name: str = "save.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def card_faults(tmp_path: Path, text: str, name: str = "cards.yaml") -> list[str]:
    folder = tmp_path / "cards"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    faults = [str(f) for f in read_catalogue([folder]).faults]
    assert all("\n" not in f and len(f) < 300 for f in faults), faults
    return faults


# --- 1. write_atomic replaces only regular files --------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="os.mknod of a character device needs root")
def test_write_atomic_never_renames_over_a_device(tmp_path):
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(dev, "text")
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


def test_write_atomic_refuses_a_fifo_and_a_folder(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(fifo, "text")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    (tmp_path / "dir").mkdir()
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(tmp_path / "dir", "text")


# --- 2. alias bombs -------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["scenario", "format", "seats", "digest", "seed", "choices"])
def test_an_alias_bomb_in_a_header_field_is_refused_in_one_line(tmp_path, field):
    path = write(tmp_path, header(field, bomb(9)))
    assert len(path.read_bytes()) < len(SAVE) + 600
    text = refusal(path)
    assert "save.yaml:" in text and "aliases expanded" in text


@pytest.mark.parametrize("field", ["scenario", "format", "seed"])
def test_a_modest_bomb_is_refused_and_never_printed(tmp_path, field):
    """10**5 values: under no limit of PyYAML, but printed whole by the old messages."""
    path = write(tmp_path, header(field, bomb(5)))
    refusal(path)


def test_the_saves_list_survives_a_bomb(tmp_path):
    for field in ("scenario", "seats", "turn", "over"):
        write(tmp_path, header(field, bomb(9)), f"autosave-{field}.yaml")
    infos, seconds, peak = bounded(list_saves, tmp_path)
    assert seconds < 4 and peak < 50_000_000
    assert len(infos) == 4 and all(i.error and "\n" not in i.error for i in infos)


def test_a_few_anchors_in_cards_stay_allowed():
    """The shipped scenarios share their tracks and states by anchors."""
    assert "&start-tracks" in (CARDS_DIR / "scenarios.yaml").read_text(encoding="utf-8")
    assert not read_catalogue([CARDS_DIR]).faults


# --- 3. deep nesting ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [60, 500, 1000, 5000])
def test_a_deeply_nested_save_is_refused(tmp_path, n):
    text = refusal(write(tmp_path, header("scenario", deep(n))))
    assert f"nested at most {loader.MAX_DEPTH} deep" in text


@pytest.mark.parametrize("n", [60, 1000])
def test_a_deeply_nested_card_file_is_refused(tmp_path, n):
    text = CARD.replace("      - track: {name: csto, by: 1}", "      - " + deep(n))
    faults = card_faults(tmp_path, text)
    assert len(faults) == 1 and "cards.yaml:9: (yaml): expected data nested at most" in faults[0]
    faults = card_faults(tmp_path, "cards:\n" + "  " + "{a: " * n + "1" + "}" * n + "\n")
    assert len(faults) == 1 and "nested at most" in faults[0]


# --- 4. markup in a header ------------------------------------------------------------------


def test_markup_in_the_header_is_read_as_text(tmp_path):
    path = write(tmp_path, header("scenario", '"[/]"'))
    info = read_save_info(path)
    assert info.scenario == "[/]" and info.error is None
    assert "unknown scenario '[/]'" in refusal(path)


# --- 5. control characters in card text -----------------------------------------------------


@pytest.mark.parametrize("line, field, value", [
    (3, "title", r'"Clear\e[2J\a"'),
    (7, "text", r'"Ring\x07"'),
    (13, "question", r'"Why\u009b31m?"'),
    (12, "quote", r'"The Taliban\x7f"'),
])
def test_control_characters_in_card_text_are_refused(tmp_path, line, field, value):
    lines = CARD.splitlines()
    key = lines[line - 1].split(":")[0]
    lines[line - 1] = f"{key}: {value}"
    faults = card_faults(tmp_path, "\n".join(lines) + "\n")
    assert len(faults) == 1, faults
    assert f"cards.yaml:{line}: cards[0]." in faults[0] and f".{field}: " in faults[0]
    assert "control characters" in faults[0] and "\x1b" not in faults[0] and "\x07" not in faults[0]


def test_newlines_and_tabs_stay_allowed_in_long_text_but_not_in_a_title(tmp_path):
    multi = CARD.replace("    text: A test card.", '    text: "Two\\n\\tlines"')
    assert card_faults(tmp_path, multi) == []
    titled = CARD.replace("    title: Test card", '    title: "Two\\nlines"')
    assert "control characters" in card_faults(tmp_path, titled)[0]


def test_a_reason_with_an_escape_is_refused(tmp_path):
    text = SAVE.replace("  why: Hold the Tajik border first;", '  why: "\\e[2J Hold the Tajik border first;', 1)
    text = text.replace("worth nothing without it.", 'worth nothing without it."', 1)
    assert "control characters" in refusal(write(tmp_path, text))


# --- 6. sizes and counts --------------------------------------------------------------------


def test_a_huge_save_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:  # sparse: costs no disk, but says 50 MB
        f.truncate(50_000_000)
    assert "expected at most 2,000,000 bytes, found 50,000,000" in refusal(path)
    info = read_save_info(path)
    assert info.error and "2,000,000 bytes" in info.error


def test_too_many_choices_are_refused_before_any_replay(tmp_path):
    text = SAVE[: SAVE.index("choices:")] + "choices:\n" + "- pass\n" * (MAX_CHOICES + 1) + "digest: sha256:0\n"
    assert f"expected at most {MAX_CHOICES} choices, found {MAX_CHOICES + 1}" in refusal(write(tmp_path, text))


def test_a_long_reason_is_refused(tmp_path):
    text = SAVE.replace("  why: Hold the Tajik border first;", "  why: " + "x" * (MAX_NOTE + 1) + " Hold", 1)
    assert f"at most {MAX_NOTE} characters" in refusal(write(tmp_path, text))


def test_a_huge_card_file_is_refused_before_it_is_read(tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    with open(folder / "big.yaml", "wb") as f:
        f.truncate(50_000_000)
    cat, seconds, peak = bounded(read_catalogue, [folder])
    assert seconds < 1 and peak < 5_000_000
    assert [str(f) for f in cat.faults] == [f"{folder / 'big.yaml'}:1: (file): expected at most 1,000,000 bytes, "
                                             "found 50,000,000"]


def test_too_many_cards_are_refused_before_they_are_compiled(tmp_path):
    many = "cards:\n" + "  - {}\n" * (loader.MAX_CARDS + 1)
    faults = card_faults(tmp_path, many)
    assert faults == [f"{tmp_path / 'cards' / 'cards.yaml'}:1: cards: expected at most {loader.MAX_CARDS} "
                      f"cards and scenarios in all, found {loader.MAX_CARDS + 1} by this file"]


def test_too_many_card_files_are_refused_before_any_is_read(tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    for i in range(loader.MAX_CARD_FILES + 1):
        (folder / f"c{i:03}.yaml").write_text(CARD.replace("test-card", f"card-{i}"), encoding="utf-8")
    cat = read_catalogue([folder])
    assert cat.files == 0 and len(cat.faults) == 1 and "at most 200 card and scenario files" in str(cat.faults[0])


@pytest.mark.parametrize("line, length", [(3, 101), (7, 2001), (12, 2001), (13, 2001)])
def test_over_long_card_text_is_refused(tmp_path, line, length):
    lines = CARD.splitlines()
    key = lines[line - 1].split(":")[0]
    lines[line - 1] = f"{key}: {'x' * length}"
    words = f"at most {length - 1} characters, found {length}"
    faults = card_faults(tmp_path, "\n".join(lines) + "\n")
    assert len(faults) == 1 and words in faults[0]


# --- 7. names, stale temporary files, a header that lies -------------------------------------


@pytest.mark.parametrize("length", [245, 250, 255])
def test_names_up_to_the_file_system_limit_can_be_saved(tmp_path, length, rules):
    game = Game.start(rules, 1, {s: "random" for s in ("russia", "turkey", "china", "usa", "central_asia")})
    path = tmp_path / ("s" * (length - 5) + ".yaml")
    save_game(game, path)
    assert load_game(path).seed == 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_stale_temporary_files_of_ours_are_cleaned(tmp_path):
    old, fresh = time.time() - 3600, time.time()
    ours = [tmp_path / ".tmp-abcd1234", tmp_path / ".game.yaml.x1y2z3w4.tmp"]
    kept = [tmp_path / ".tmp-notours", tmp_path / "notes.tmp", tmp_path / ".tmp-fresh123", tmp_path / "game.yaml"]
    for p in ours + kept:
        p.write_text("x")
        os.utime(p, (old, old))
    os.utime(tmp_path / ".tmp-fresh123", (fresh, fresh))
    (tmp_path / ".tmp-dir12345").mkdir()
    os.utime(tmp_path / ".tmp-dir12345", (old, old))
    assert clean_stale_temps(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([p.name for p in kept] + [".tmp-dir12345"])
    for p in ours:  # listing the saves folder cleans them too
        p.write_text("x")
        os.utime(p, (old, old))
    list_saves(tmp_path)
    assert not any(p.exists() for p in ours)


@pytest.mark.parametrize("field, value, words", [
    ("turn", "9", "the header says turn 9, the choices reach turn 3"),
    ("over", "false", "the header says the game is in progress"),
    ("turn", "[1]", "expected the turn the game had reached, found a list of 1 items"),
])
def test_a_header_that_disagrees_with_its_choices_is_refused(tmp_path, field, value, words):
    assert load_game(FIXTURE).state.turn == 3
    assert words in refusal(write(tmp_path, header(field, value)))


def test_shorten_never_builds_a_huge_repr():
    assert shorten("x" * 10**7) == "'" + "x" * 60 + "…'"
    assert shorten(10**100000).startswith("a number of about 100000 digits")
    assert shorten([[1]] * 10**6) == "a list of 1000000 items"
    assert shorten("\x1b[2J") == "'\\x1b[2J'"


# --- 8. generated hostile YAML to every reader ----------------------------------------------

SNIPPETS = st.one_of(
    st.integers(1, 9).map(bomb),
    st.integers(1, 3000).map(deep),
    st.integers(1, 2000).map(lambda n: "{a: " * n + "1" + "}" * n),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.sampled_from([
        "!!python/object/apply:os.system [echo hi]", "!!python/name:os.system", "!!binary aGk=",
        "!!timestamp 2021-99-99", "!!set {a, b}", "!!omap [a: 1]", "!!float nan", ".inf", "-.inf",
        "!!bool maybe", "!!int x", "&r [*r]", "*undefined", '"\\e[2J\\a"', '"\\x9b31m"', '"[/]"',
        '"[bold]x[/bold]"', '"[link=file:///etc/passwd]x[/link]"', "null", "~", "true", "[]", "{}",
        "[1, [2, [3]]]", "{russia: human}", "2021-08-15", "0x7fffffffffffffffff", "-1", "1e400",
    ]),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40).map(
        lambda s: '"' + s.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'),
    st.integers(1, 300_000).map(lambda n: '"' + "x" * n + '"'),
)
SAVE_FIELDS = ("format", "game", "scenario", "seed", "turn", "over", "digest", "seats", "choices")
CARD_LINES = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)


def cheaply_bounded(call, *args):
    """(result or the exception raised, seconds, growth of the process's peak memory in bytes):
    tracemalloc would slow every call several times over, so the property tests bound the
    high-water mark of the whole process instead (the explicit tests above use tracemalloc)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    try:
        result = call(*args)
    except (SaveError, DataError) as e:
        result = e
    seconds = time.monotonic() - start
    return result, seconds, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024


def assert_clean(result, seconds, peak):
    assert seconds < HANG_SECONDS and peak < 50_000_000, (seconds, peak)
    if isinstance(result, Exception):
        assert "\n" not in str(result) and len(str(result)) < 400, str(result)[:500]


@settings(max_examples=min(40, settings.default.max_examples), deadline=None)  # each load that passes the header reads the cards: ~0.1 s
@given(field=st.sampled_from(SAVE_FIELDS), value=SNIPPETS, data=st.data())
def test_hostile_saves_get_a_one_line_refusal_or_a_clean_summary(tmp_path_factory, field, value, data):
    folder = tmp_path_factory.mktemp("saves")
    if data.draw(st.booleans(), "inside a seat or a choice"):
        text = SAVE.replace("  china: human", f"  china: {value}") if field == "seats" else \
            SAVE.replace("- target uzbekistan", f"- {value}")
    else:
        text = header(field, value)
    path = write(folder, text, "autosave-hostile.yaml")
    assert_clean(*cheaply_bounded(load_game, path))
    info, seconds, peak = cheaply_bounded(read_save_info, path)
    assert seconds < HANG_SECONDS and peak < 50_000_000
    assert isinstance(info.scenario, str) and len(info.scenario) <= 100 and isinstance(info.turn, int)
    assert isinstance(info.seats, dict) and isinstance(info.over, bool)
    assert info.error is None or ("\n" not in info.error and len(info.error) < 300), info.error
    info.seats_text()


@settings(max_examples=min(60, settings.default.max_examples), deadline=None)
@given(line=st.sampled_from(CARD_LINES), value=SNIPPETS)
def test_hostile_card_files_get_one_line_faults(tmp_path_factory, line, value):
    folder = tmp_path_factory.mktemp("cards")
    lines = CARD.splitlines()
    key = lines[line - 1].split(":")[0]
    lines[line - 1] = f"{key}: {value}"
    (folder / "cards.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cat, seconds, peak = cheaply_bounded(read_catalogue, [folder])
    assert seconds < HANG_SECONDS and peak < 50_000_000, (seconds, peak)
    assert all("\n" not in str(f) and len(str(f)) < 400 for f in cat.faults), [str(f)[:300] for f in cat.faults]
    for card in cat.cards.values():  # what was accepted is plain, short text
        for text in (card.title, card.text, card.question, card.source.quote):
            assert loader.control_character(text, multiline=True) is None and len(text) <= loader.MAX_LONG_TEXT
