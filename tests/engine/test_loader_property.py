"""Malformed card files never crash the loader: each is refused with FILE:LINE: field: message.

Hypothesis starts from the shipped cards and breaks them one way at a time; every broken file
must give at least one fault, every fault must be one well-formed line naming the right file,
and nothing may raise. The explicit tests below then pin one fault of each kind to its exact
field, line and wording, on YAML written out by hand so the line is known.
"""

from __future__ import annotations

import copy
import re
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.clients.cli import main
from game.rules.loader import CARDS_DIR, EFFECT_NAMES, ROOT, read_catalogue
from game.rules.model import COUNTRIES, SEATS

SEEDS_DIR = ROOT / "seeds"
SEED_FILE = "who-will-defend-central-asia.txt"
SEED_TEXT = (SEEDS_DIR / SEED_FILE).read_text(encoding="utf-8")
FAULT_RE = re.compile(r"^[^:]+:\d+: \S.*: .+")
CARD_FILES = sorted(p for p in CARDS_DIR.glob("*.yaml") if p.name != "scenarios.yaml")
SHIPPED = [card for p in CARD_FILES for card in yaml.safe_load(p.read_text(encoding="utf-8"))["cards"]]
RUSSIA = yaml.safe_load((CARDS_DIR / "russia.yaml").read_text(encoding="utf-8"))["cards"]
REQUIRED = ("id", "title", "deck", "seat", "ops", "text", "effects", "source", "question")
KNOWN_KEYS = REQUIRED + ("date", "once", "actor", "target")
# The value types each card key accepts (by the cards README).
VALID_TYPES = {
    "id": {"str"}, "title": {"str"}, "deck": {"str"}, "seat": {"str"}, "ops": {"int"}, "text": {"str"},
    "effects": {"list"}, "source": {"dict"}, "question": {"str"}, "date": {"str"}, "once": {"bool"},
    "actor": {"str"}, "target": {"str", "list"}, "period": {"str"},
}
VALUES_OF_TYPE = {
    "int": st.integers(-1000, 1000),
    "str": st.text(max_size=12),
    "list": st.lists(st.integers(0, 9), max_size=3),
    "none": st.none(),
    "bool": st.booleans(),
    "float": st.floats(allow_nan=False, allow_infinity=False),
}
NAMES = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)

PROPERTY = settings(max_examples=max(40, settings.default.max_examples), deadline=None)


# --- helpers ---------------------------------------------------------------------------------


def dump(data) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100).encode("utf-8")


def card_file(*cards) -> bytes:
    return dump({"cards": list(cards)})


def check_dir(files: dict[str, bytes]):
    """Write ``files`` to a fresh folder, read it, and check every fault's form. Returns
    (catalogue, {file name: its faults})."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        cat = read_catalogue([folder], seeds_dir=SEEDS_DIR)
    by_file: dict = {name: [] for name in files}
    for fault in cat.faults:
        text = str(fault)
        assert FAULT_RE.match(text), f"badly formed fault: {text!r}"
        assert "\n" not in text, f"a fault over several lines: {text!r}"
        name = Path(fault.file).name
        assert name in files and fault.file == str(folder / name), f"fault names another file: {text!r}"
        assert text.startswith(f"{fault.file}:{fault.line}: {fault.field}: ")
        lines = _line_count(files[name])
        assert 1 <= fault.line <= lines, f"line {fault.line} of a {lines}-line file: {text!r}"
        by_file[name].append(fault)
    return cat, by_file


def _line_count(data: bytes) -> int:
    """Lines as YAML counts them (it also breaks lines at \\r, NEL, LS and PS)."""
    text = data.decode("utf-8", errors="replace")
    return max(data.count(b"\n"), len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", text))) + 1


def one_file(data: bytes, name: str = "cards.yaml"):
    cat, by_file = check_dir({name: data})
    return cat, by_file[name]


def effect_paths(value, path=()):
    """Every (path, effect name, body) of an effect anywhere in a card's effects."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from effect_paths(item, path + (i,))
    elif isinstance(value, dict):
        if len(value) == 1:
            (name, body), = value.items()
            if name in EFFECT_NAMES:
                yield path, name, body
        for key, item in value.items():
            yield from effect_paths(item, path + (key,))


def get(data, path):
    for part in path:
        data = data[part]
    return data


def outside(lo: int, hi: int, zero_ok: bool = True):
    """Whole numbers outside lo..hi (and 0, where 0 is not allowed)."""
    out = st.one_of(st.integers(max_value=lo - 1), st.integers(min_value=hi + 1))
    return out if zero_ok else st.one_of(out, st.just(0))


def assert_faults(faults, name: str = "cards.yaml"):
    assert faults, f"{name}: a malformed file passed the loader"


cards = st.sampled_from(SHIPPED).map(copy.deepcopy)
russia_cards = st.sampled_from(RUSSIA).map(copy.deepcopy)


# --- the shipped cards are the valid starting point ------------------------------------------


def test_each_shipped_card_alone_in_a_file_is_valid():
    for card in SHIPPED:
        cat, faults = one_file(card_file(card))
        assert faults == [], [str(f) for f in faults]
        assert list(cat.cards) == [card["id"]]


# --- Hypothesis: one mutation at a time --------------------------------------------------------


@PROPERTY
@given(card=cards, data=st.data())
def test_deleting_a_required_key_is_a_fault(card, data):
    key = data.draw(st.sampled_from(REQUIRED))
    del card[key]
    _, faults = one_file(card_file(card))
    assert_faults(faults)
    assert any(f"missing required key '{key}'" in f.message for f in faults)


@PROPERTY
@given(card=cards, data=st.data())
def test_deleting_a_key_inside_an_effect_is_a_fault(card, data):
    found = [(p, n, b) for p, n, b in effect_paths(card["effects"], ("effects",)) if isinstance(b, dict) and b]
    path, name, body = data.draw(st.sampled_from(found))
    key = data.draw(st.sampled_from(sorted(body)))
    if (name, key) in {("if", "else"), ("offer", "name")}:
        return  # optional: an 'if' without 'else', an offer named by its kind
    del get(card, path)[name][key]
    _, faults = one_file(card_file(card))
    assert_faults(faults)


@PROPERTY
@given(card=cards, key=NAMES.filter(lambda k: k not in KNOWN_KEYS), value=st.one_of(*VALUES_OF_TYPE.values()))
def test_an_unknown_key_is_a_fault(card, key, value):
    card[key] = value
    _, faults = one_file(card_file(card))
    assert_faults(faults)
    assert any(f.field == f"cards[0].{key}" and f.message.startswith("unknown key") for f in faults)


@PROPERTY
@given(card=cards, data=st.data())
def test_a_value_of_the_wrong_type_is_a_fault(card, data):
    key = data.draw(st.sampled_from(sorted(card)))
    kind = data.draw(st.sampled_from(sorted(set(VALUES_OF_TYPE) - VALID_TYPES[key])))
    card[key] = data.draw(VALUES_OF_TYPE[kind])
    _, faults = one_file(card_file(card))
    assert_faults(faults)
    assert any(f.field.startswith(f"cards[0].{key}") or f.field == "cards[0]" for f in faults), faults


@PROPERTY
@given(card=cards, data=st.data())
def test_a_by_of_the_wrong_type_or_out_of_range_is_a_fault(card, data):
    found = [(p, n, b) for p, n, b in effect_paths(card["effects"], ("effects",)) if isinstance(b, dict) and "by" in b]
    if not found:
        return
    path, name, body = data.draw(st.sampled_from(found))
    limit = 5 if name == "vp" else 3
    bad = data.draw(st.one_of(
        outside(-limit, limit, zero_ok=False),
        *(VALUES_OF_TYPE[k] for k in ("str", "list", "none", "bool", "float")),
    ))
    get(card, path)[name]["by"] = bad
    _, faults = one_file(card_file(card))
    assert_faults(faults)
    where = "cards[0]." + ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
    assert any(f.field == f"{where}.{name}.by" for f in faults), ([str(f) for f in faults], where)


@PROPERTY
@given(card=cards, data=st.data())
def test_ops_out_of_range_is_a_fault(card, data):
    if card["deck"] == "action":
        card["ops"] = data.draw(outside(1, 4))
    else:
        card["ops"] = data.draw(st.integers().filter(bool))
    _, faults = one_file(card_file(card))
    assert [f.field for f in faults] == ["cards[0].ops"]


@PROPERTY
@given(card=russia_cards, turns=outside(1, 4))
def test_project_turns_out_of_range_is_a_fault(card, turns):
    card["effects"].append({"project": {"state": "tajikistan", "turns": turns}})
    _, faults = one_file(card_file(card))
    n = len(card["effects"]) - 1
    assert [f.field for f in faults] == [f"cards[0].effects[{n}].project.turns"]


@PROPERTY
@given(turns=outside(8, 12))
def test_scenario_turns_out_of_range_is_a_fault(turns):
    data = yaml.safe_load((CARDS_DIR / "scenarios.yaml").read_text(encoding="utf-8"))
    data["scenarios"][1]["turns"] = turns
    cat, faults = one_file(dump(data), "scenarios.yaml")
    assert [f.field for f in faults] == ["scenarios[1].turns"]
    assert list(cat.scenarios) == ["summer-2021"]


@PROPERTY
@given(card=cards, data=st.data(), name=NAMES.filter(lambda n: n not in EFFECT_NAMES))
def test_an_unknown_effect_is_a_fault(card, data, name):
    i = data.draw(st.integers(0, len(card["effects"]) - 1))
    (_, body), = card["effects"][i].items()
    card["effects"][i] = {name: body}
    _, faults = one_file(card_file(card))
    assert [f.field for f in faults] == [f"cards[0].effects[{i}].{name}"]
    assert faults[0].message.startswith("unknown effect")


UNKNOWN = NAMES.filter(lambda n: n not in SEATS + COUNTRIES + ("none", "self", "target", "any"))


@PROPERTY
@given(card=cards, data=st.data(), name=UNKNOWN)
def test_an_unknown_seat_or_state_is_a_fault(card, data, name):
    spots = [("seat",)]
    if "actor" in card:
        spots.append(("actor",))
    if isinstance(card.get("target"), list):
        spots += [("target", i) for i in range(len(card["target"]))]
    for path, effect, body in effect_paths(card["effects"], ("effects",)):
        if isinstance(body, dict):
            spots += [path + (effect, key) for key in ("state", "power", "seat", "from") if key in body]
    spot = data.draw(st.sampled_from(spots))
    get(card, spot[:-1])[spot[-1]] = name
    _, faults = one_file(card_file(card))
    assert_faults(faults)
    assert f"'{name}'" in faults[0].message


# YAML reads NEL and the Unicode line and paragraph separators as line breaks, which a quoted
# scalar folds into a space: the card would then say something else than the quote drawn.
YAML_BREAKS = "\x85\u2028\u2029"


@PROPERTY
@given(card=cards, quote=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=YAML_BREAKS),
                                 min_size=1, max_size=40))
def test_a_quote_not_in_the_seed_is_a_fault(card, quote):
    if quote in SEED_TEXT:
        return
    card["source"]["quote"] = quote
    _, faults = one_file(card_file(card))
    assert [f.field for f in faults] == ["cards[0].source.quote"]


@PROPERTY
@given(
    first=cards, second=cards,
    names=st.lists(NAMES, min_size=2, max_size=2, unique=True),
    suffixes=st.tuples(st.sampled_from([".yaml", ".yml"]), st.sampled_from([".yaml", ".yml"])),
)
def test_duplicate_ids_across_two_files_are_a_fault(first, second, names, suffixes):
    second["id"] = first["id"]
    a, b = sorted(n + s for n, s in zip(names, suffixes))
    cat, by_file = check_dir({a: card_file(first), b: card_file(second)})
    assert by_file[a] == []
    assert [f.field for f in by_file[b]] == ["cards[0].id"]
    assert f"duplicate id {first['id']!r}" in by_file[b][0].message
    assert list(cat.cards) == [first["id"]]


@PROPERTY
@given(data=st.binary(max_size=400))
def test_random_bytes_are_faults_not_crashes(data):
    _, faults = one_file(data)
    assert_faults(faults)


@PROPERTY
@given(prefix=st.sampled_from(["", "cards:\n", "cards:\n  - ", "cards:\n  - id: x\n    ", "scenarios:\n  - "]),
       text=st.text(max_size=300))
def test_random_text_is_faults_not_crashes(prefix, text):
    _, faults = one_file((prefix + text).encode("utf-8", errors="surrogatepass"))
    assert_faults(faults)


@PROPERTY
@given(card=cards, data=st.data())
def test_any_value_anywhere_never_crashes(card, data):
    """Not every replacement is wrong (text for text), so this only asks for no exception."""
    paths = []

    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(card, ())
    path = data.draw(st.sampled_from(paths[1:]))
    junk = st.recursive(
        st.one_of(*VALUES_OF_TYPE.values()),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3),
        max_leaves=8,
    )
    get(card, path[:-1])[path[-1]] = data.draw(junk)
    one_file(card_file(card))


@PROPERTY
@given(source=st.sampled_from(CARD_FILES + [CARDS_DIR / "scenarios.yaml"]), data=st.data())
def test_a_truncated_file_is_valid_or_faulty_never_a_crash(source, data):
    raw = source.read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    cat, faults = one_file(raw[:cut], source.name)
    if not faults:  # the cut left a shorter but valid file: it holds some of the same cards
        whole = read_catalogue([source], seeds_dir=SEEDS_DIR)
        assert set(cat.cards) <= set(whole.cards) and set(cat.scenarios) <= set(whole.scenarios)
        assert cat.cards or cat.scenarios
    if cut == len(raw):
        assert not faults


@PROPERTY
@given(card=cards, tag=st.sampled_from([
    '!!python/object/apply:os.system ["echo hi"]',
    "!!python/name:os.system",
    '!!python/object/new:os.system ["echo hi"]',
    "!!python/module:os",
    '!!python/object:builtins.dict {a: 1}',
]), data=st.data())
def test_python_tags_are_refused(card, tag, data):
    key = data.draw(st.sampled_from(["title", "text", "question", "ops"]))
    text = card_file(card).decode("utf-8")
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith(f"  {key}:") or line.startswith(f"    {key}:"))
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    # Replace the key's value (which may run over several lines) with the tag.
    j = i + 1
    while j < len(lines) and lines[j].startswith(indent + "  "):
        j += 1
    lines[i:j] = [f"{indent}{key}: {tag}"]
    cat, faults = one_file(("\n".join(lines) + "\n").encode("utf-8"))
    assert len(faults) == 1 and faults[0].field == "(yaml)", faults
    assert faults[0].message.startswith("expected plain data; the tag !!python/")
    assert tag.split()[0] in faults[0].message and "would build a Python object" in faults[0].message
    assert faults[0].line == i + 1
    assert not cat.cards


# --- the command line on bad folders ---------------------------------------------------------


BAD_FOLDERS = {
    "missing key": {"a.yaml": card_file({k: v for k, v in RUSSIA[0].items() if k != "title"})},
    "non-UTF-8": {"b.yaml": b"cards:\n  - id: x\xff\n"},
    "python tag": {"c.yaml": b"cards: !!python/object/apply:os.system [\"echo hi\"]\n"},
    "several files": {
        "d.yaml": card_file(dict(RUSSIA[0], ops=9)),
        "e.yaml": card_file(RUSSIA[0]),
        "f.yaml": b"cards: [unclosed\n",
    },
}


@pytest.mark.parametrize("case", sorted(BAD_FOLDERS))
def test_cards_check_on_a_bad_folder(case, tmp_path, capfd):
    for name, data in BAD_FOLDERS[case].items():
        (tmp_path / name).write_bytes(data)
    code = main(["--cards", str(tmp_path), "cards", "check"])
    out, err = capfd.readouterr()
    assert code == 1
    assert "Traceback" not in out + err and "hi" not in out.split()
    lines = err.splitlines()
    assert lines
    for line in lines:
        assert FAULT_RE.match(line), line
        assert Path(line.split(":", 1)[0]).parent == tmp_path
    named = {Path(line.split(":", 1)[0]).name for line in lines}
    assert named <= set(BAD_FOLDERS[case])


# --- explicit faults: exact field, line and wording ------------------------------------------

CARD = """\
cards:
  - id: test-card
    title: Test card
    deck: action
    seat: russia
    ops: 2
    text: A test card.
    effects:
      - track: {name: csto, by: 1}
      - adjust: {state: tajikistan, field: border, by: 1}
    source:
      seed: who-will-defend-central-asia.txt
      quote: "The Taliban are taking back many provinces in Afghanistan"
    question: Does it work?
"""
# line:  1 cards  2 id  3 title  4 deck  5 seat  6 ops  7 text  8 effects  9 track  10 adjust
#       11 source  12 seed  13 quote  14 question


def with_line(n: int, new: str | None, text: str = CARD) -> str:
    """CARD with line ``n`` replaced (None: deleted)."""
    lines = text.splitlines()
    lines[n - 1: n] = [] if new is None else [new]
    return "\n".join(lines) + "\n"


def only_fault(text: str | bytes, name: str = "cards.yaml"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    _, faults = one_file(data, name)
    assert len(faults) == 1, [str(f) for f in faults]
    return faults[0]


def test_the_template_card_is_valid():
    cat, faults = one_file(CARD.encode())
    assert faults == [] and list(cat.cards) == ["test-card"]


def test_missing_required_key():
    f = only_fault(with_line(3, None))
    assert (f.line, f.field) == (2, "cards[0]")
    assert f.message == "missing required key 'title'"


def test_unknown_key():
    f = only_fault(with_line(7, "    colour: red\n    text: A test card."))
    assert (f.line, f.field) == (7, "cards[0].colour")
    assert f.message.startswith("unknown key; expected one of actor, date, deck")


@pytest.mark.parametrize("value, found", [
    ('"two"', "text"), ("[2]", "a list"), ("null", "nothing"), ("true", "a boolean"), ("2.5", "a number"),
])
def test_ops_of_the_wrong_type(value, found):
    f = only_fault(with_line(6, f"    ops: {value}"))
    assert (f.line, f.field) == (6, "cards[0].ops")
    assert f.message == f"expected a whole number from 1 to 4, found {found}"


@pytest.mark.parametrize("value, found", [("42", "a number"), ("[a, b]", "a list"), ("null", "nothing"), ("false", "a boolean")])
def test_title_of_the_wrong_type(value, found):
    f = only_fault(with_line(3, f"    title: {value}"))
    assert (f.line, f.field, f.message) == (3, "cards[0].title", f"expected text, found {found}")


def test_effects_of_the_wrong_type():
    f = only_fault(with_line(8, "    effects: 3", with_line(9, None, with_line(10, None))))
    assert (f.line, f.field, f.message) == (8, "cards[0].effects", "expected a list, found a number")


def test_ops_out_of_range():
    f = only_fault(with_line(6, "    ops: 5"))
    assert (f.line, f.field, f.message) == (6, "cards[0].ops", "expected a whole number from 1 to 4, found 5")


@pytest.mark.parametrize("by", [4, -4, 0])
def test_by_out_of_range(by):
    f = only_fault(with_line(9, f"      - track: {{name: csto, by: {by}}}"))
    assert (f.line, f.field) == (9, "cards[0].effects[0].track.by")
    assert f.message == f"expected a whole number from -3 to 3 other than 0, found {by}"


def test_vp_by_out_of_range():
    f = only_fault(with_line(9, "      - vp: {seat: self, by: 6}"))
    assert (f.line, f.field) == (9, "cards[0].effects[0].vp.by")
    assert f.message == "expected a whole number from -5 to 5 other than 0, found 6"


def test_project_turns_out_of_range():
    f = only_fault(with_line(10, "      - project: {state: tajikistan, turns: 5}"))
    assert (f.line, f.field) == (10, "cards[0].effects[1].project.turns")
    assert f.message == "expected a whole number from 1 to 4, found 5"


def test_scenario_turns_out_of_range():
    text = (CARDS_DIR / "scenarios.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.strip() == "turns: 10")  # the first scenario's
    lines[n] = lines[n].replace("10", "13")
    f = only_fault("\n".join(lines) + "\n", "scenarios.yaml")
    assert (f.line, f.field) == (n + 1, "scenarios[0].turns")
    assert f.message == "expected a whole number from 8 to 12, found 13"


def test_unknown_effect():
    f = only_fault(with_line(9, "      - teleport: {to: moscow}"))
    assert (f.line, f.field) == (9, "cards[0].effects[0].teleport")
    assert f.message.startswith("unknown effect; expected one of track, adjust, influence")


def test_unknown_seat():
    f = only_fault(with_line(5, "    seat: russland"))
    assert (f.line, f.field) == (5, "cards[0].seat")
    assert f.message.startswith("expected a seat or none (russia, turkey") and f.message.endswith("found 'russland'")


def test_unknown_state():
    f = only_fault(with_line(10, "      - adjust: {state: afghanistan, field: border, by: 1}"))
    assert (f.line, f.field) == (10, "cards[0].effects[1].adjust.state")
    assert f.message.startswith("expected a state or selector (tajikistan") and f.message.endswith("found 'afghanistan'")


def test_unknown_power():
    f = only_fault(with_line(10, "      - influence: {power: iran, state: tajikistan, by: 1}"))
    assert (f.line, f.field) == (10, "cards[0].effects[1].influence.power")
    assert f.message.endswith("found 'iran'")


def test_quote_not_in_the_seed():
    f = only_fault(with_line(13, '      quote: "The Taliban are taking back every province"'))
    assert (f.line, f.field) == (13, "cards[0].source.quote")
    assert f.message == f"expected words that appear verbatim in seeds/{SEED_FILE}"


def test_duplicate_ids_across_two_files(tmp_path):
    _, by_file = check_dir({"a.yaml": CARD.encode(), "b.yaml": CARD.encode()})
    assert by_file["a.yaml"] == []
    (f,) = by_file["b.yaml"]
    assert (f.line, f.field) == (2, "cards[0].id")
    assert f.message.startswith("duplicate id 'test-card' (first at ") and f.message.endswith("a.yaml:2)")


def test_non_utf8_bytes():
    data = with_line(7, "    text: caf\udce9 au lait").encode("utf-8", errors="surrogateescape")
    assert b"caf\xe9" in data
    f = only_fault(data)
    assert (f.line, f.field, f.message) == (7, "(file)", "expected UTF-8 text, found byte 0xe9")


def test_random_binary_is_a_fault():
    f = only_fault(bytes(range(256)) * 2)
    assert f.field == "(file)" and f.message.startswith("expected UTF-8 text, found byte 0x80")


def test_text_that_is_not_yaml():
    f = only_fault(with_line(9, "      - track: {name: csto, by: 1"))
    assert f.field == "(yaml)" and f.message.startswith("expected valid YAML")
    assert f.line in (9, 10)  # PyYAML notices the missing brace at the next line


def test_text_that_is_yaml_but_not_cards():
    f = only_fault("just some words\n")
    assert (f.line, f.field) == (1, "(file)")
    assert f.message == "expected a mapping with exactly one key, 'cards:' or 'scenarios:'"


def test_a_truncated_file():
    cut = CARD[: CARD.index("    source:")]
    f = only_fault(cut)
    assert (f.line, f.field, f.message) == (2, "cards[0]", "missing required key 'source'")
    f = only_fault(CARD[: CARD.index("Taliban are")])
    assert f.field == "(yaml)" and f.line == 13  # the quote never closes
    f = only_fault("")
    assert f.field == "(file)" and f.message.startswith("empty file")


def test_python_object_apply_is_refused_and_never_run(tmp_path, capfd):
    marker = tmp_path / "ran"
    text = with_line(3, f'    title: !!python/object/apply:os.system ["echo hi; touch {marker}"]')
    f = only_fault(text)
    out, _ = capfd.readouterr()
    assert not marker.exists() and "hi" not in out
    assert (f.line, f.field) == (3, "(yaml)")
    assert f.message == "expected plain data; the tag !!python/object/apply:os.system would build a Python object"


def test_python_name_is_refused():
    f = only_fault(with_line(7, "    text: !!python/name:os.system"))
    assert (f.line, f.field) == (7, "(yaml)")
    assert f.message == "expected plain data; the tag !!python/name:os.system would build a Python object"


# Faults that used to crash the loader (fixed in game/loader.py alongside these tests).


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp soon"])
def test_a_tagged_value_that_cannot_be_read(value):
    f = only_fault(with_line(3, f"    title: {value}"))
    assert f.field == "(yaml)" and f.message.startswith("expected valid YAML")


def test_a_self_referencing_alias():
    refused = "expected plain data; this alias refers to the value that contains it"
    f = only_fault("cards: &loop [*loop]\n")
    assert (f.line, f.field, f.message) == (1, "(yaml)", refused)
    f = only_fault("cards:\n  - &card {id: x, again: *card}\n")
    assert (f.line, f.field, f.message) == (2, "(yaml)", refused)


def test_a_duplicate_key_is_still_found():
    f = only_fault(with_line(4, "    deck: action\n    title: Another title"))
    assert (f.line, f.field, f.message) == (5, "cards[0].title", "duplicate key")


def test_nested_aliases_are_read_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    start = time.perf_counter()
    f = only_fault("\n".join(lines) + "\n")  # 10^9 leaves if every alias were walked
    assert time.perf_counter() - start < 5
    assert f.message == "expected at most 100000 values with aliases expanded"


def test_self_as_a_power_on_a_neutral_card():
    """Any seat may play a neutral card for its event, the Central Asian seat too, and that seat
    has no influence, bases or projects: 'self' as a power would crash the game then."""
    text = with_line(5, "    seat: none", with_line(9, "      - influence: {power: self, state: tajikistan, by: 1}"))
    f = only_fault(text)
    assert (f.line, f.field) == (9, "cards[0].effects[0].influence.power")
    assert "neutral card" in f.message
    # 'self' as a seat (for VP) is fine there: every seat can score.
    _, faults = one_file(with_line(5, "    seat: none", with_line(9, "      - vp: {seat: self, by: 1}")).encode())
    assert faults == []


def _what_if_dated(value: str) -> str:
    """The shipped scenarios with the what-if's ``dated:`` line replaced."""
    text = (CARDS_DIR / "scenarios.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    n = [i for i, line in enumerate(lines) if line.strip().startswith("dated:")][1]
    lines[n] = f"    dated: {value}"
    return "\n".join(lines) + "\n", n + 1


def _with_shipped_cards(scenarios: str) -> tuple:
    files = {p.name: p.read_bytes() for p in CARD_FILES}
    files["scenarios.yaml"] = scenarios.encode("utf-8")
    cat, by_file = check_dir(files)
    return cat, [f for faults in by_file.values() for f in faults]


def test_a_scenario_may_keep_some_dated_cards_on_their_dates():
    text, _ = _what_if_dated("[withdrawal-by-august-31]")
    cat, faults = _with_shipped_cards(text)
    assert faults == [] and cat.scenarios["what-if"].dated == ("withdrawal-by-august-31",)


@pytest.mark.parametrize("value, field, message", [
    ("[no-such-card]", "scenarios[1].dated[0]", "expected the id of a dated news card, found 'no-such-card'"),
    ("[jobless-youth]", "scenarios[1].dated[0]", "expected the id of a dated news card, found 'jobless-youth'"),
    ("[withdrawal-by-august-31, withdrawal-by-august-31]", "scenarios[1].dated", "expected each card once"),
    ("7", "scenarios[1].dated", "expected true, false or a list of dated news card ids, found a number"),
])
def test_a_bad_list_of_dated_cards_is_one_fault_on_its_line(value, field, message):
    text, line = _what_if_dated(value)
    _, faults = _with_shipped_cards(text)
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.field, f.message) for f in faults] == [
        ("scenarios.yaml", line, field, message)]
