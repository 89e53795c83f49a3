"""Saves on disk, as the title and load screens list them; light enough to import before the
title screen is drawn (no engine, and YAML only when a file is read)."""

from __future__ import annotations

import time
from pathlib import Path

import attrs

SEATS = ("russia", "turkey", "china", "usa", "central_asia")  # as game.rules.model.SEATS
SHORT_NAMES = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "US",
               "central_asia": "C. Asia"}
SEAT_LETTERS = {"russia": "R", "turkey": "T", "china": "C", "usa": "U", "central_asia": "A"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def month_year(yyyymm: str, long: bool = False) -> str:
    """'2021-09' -> 'Sep 2021' (or 'September 2021')."""
    year, month = yyyymm[:4], int(yyyymm[5:7])
    return f"{(MONTH_NAMES if long else MONTHS)[month - 1]} {year}"


@attrs.frozen
class SaveInfo:
    """One save file as the load screen lists it; ``error`` says why it cannot be used."""

    path: Path
    modified: float
    scenario: str = ""
    turn: int = 0
    seats: dict = attrs.field(factory=dict)
    over: bool = False
    seed: int | None = None
    error: str | None = None

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def autosave(self) -> bool:
        return self.path.name.startswith(AUTOSAVE_PREFIX)

    def seats_text(self) -> str:
        """Who plays, short enough for the Load table at 80 columns."""
        people = [s for s in SEATS if self.seats.get(s) == "human"]
        if not people:
            return "all AI"
        if len(people) == 1:
            return SHORT_NAMES[people[0]]
        return " ".join(SEAT_LETTERS[s] for s in people)  # hot-seat: the seats' letters


AUTOSAVE_PREFIX = "autosave-"


def read_save_info(path: Path) -> SaveInfo:
    """The header of a save (no replay): cheap enough to list a folder. Never raises.

    The file is read as load_game reads it (size, nesting and aliases bounded; see game.rules.loader)
    and every header field is type-checked, so a hostile file is one marked row. The header is
    what the list shows; load_game refuses a save whose header disagrees with its replayed
    choices, so what is shown is what loading it gives, or it does not load."""
    from game.rules.loader import MAX_SAVE_BYTES, control_character, read_yaml

    path = Path(path)
    try:
        st = path.stat()
        modified = st.st_mtime
    except OSError:
        modified = 0.0
    try:
        doc, faults = read_yaml(path, path.name, max_bytes=MAX_SAVE_BYTES)
        if faults:
            return SaveInfo(path, modified, error=faults[0].message)
        data = doc.data
        if not isinstance(data, dict) or data.get("game") != "new-great-game":
            return SaveInfo(path, modified, error="not a saved game of The New Great Game")
        scenario, seats, turn, seed = data.get("scenario"), data.get("seats"), data.get("turn", 0), data.get("seed")
        if not isinstance(scenario, str) or not scenario or len(scenario) > 100 or control_character(scenario):
            return SaveInfo(path, modified, error="damaged header (scenario)")
        if not isinstance(seats, dict) or not all(s in SEATS and isinstance(w, str) and len(w) <= 20
                                                  for s, w in seats.items()):
            return SaveInfo(path, modified, error="damaged header (seats)")
        return SaveInfo(
            path, modified,
            scenario=scenario,
            turn=turn if isinstance(turn, int) and not isinstance(turn, bool) and 0 <= turn <= 99 else 0,
            seats=dict(seats),
            over=data.get("over") is True,
            seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
            error=None if isinstance(data.get("choices"), list) else "incomplete save",
        )
    except Exception as e:  # any other oddity in a file we did not write
        return SaveInfo(path, modified, error=f"cannot be read ({type(e).__name__})")


def list_saves(folder: Path) -> list[SaveInfo]:
    """Every *.yaml in ``folder``, newest first. A missing folder is an empty list. Temporary
    files left there by a killed writer are removed once stale (game.rules.loader.clean_stale_temps)."""
    from game.rules.loader import clean_stale_temps

    folder = Path(folder)
    try:
        paths = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
    except OSError:
        return []
    clean_stale_temps(folder)
    infos = [read_save_info(p) for p in paths]
    infos.sort(key=lambda i: (-i.modified, i.path.name))
    return infos


def latest_autosave(folder: Path) -> SaveInfo | None:
    """The newest autosave of a game still in progress (what Continue resumes)."""
    for info in list_saves(folder):
        if info.autosave and not info.over:
            return info
    return None


def has_autosave(folder: Path) -> bool:
    """Cheap check for the title screen: is there any autosave file at all?"""
    try:
        return any(p.name.startswith(AUTOSAVE_PREFIX) and p.suffix == ".yaml" for p in Path(folder).iterdir())
    except OSError:
        return False


def autosave_path(folder: Path, seed: int, now: float | None = None) -> Path:
    """A fresh autosave file for a new game: never the name of a file already there."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    base = Path(folder) / f"{AUTOSAVE_PREFIX}{stamp}-seed{seed}"
    path, n = base.with_suffix(".yaml"), 2
    while path.exists():
        path = Path(f"{base}-{n}.yaml")
        n += 1
    return path


def safe_save_name(text: str) -> str:
    """A file name from what the player typed: letters, digits, '-', '_' and '.' only."""
    keep = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text.strip())
    keep = keep.strip(".-") or "save"
    return keep[:60]
