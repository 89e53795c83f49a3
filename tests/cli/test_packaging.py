"""The game as a package: a wheel must carry every module, style sheet, card and the article.

(.ci/run also builds the wheel, installs it in a fresh venv and runs it from outside the
checkout; these tests catch the usual cause of a broken wheel, a package or file left out of
pyproject.toml, in a second.)
"""

import tomllib
from pathlib import Path

from game.rules import paths

ROOT = Path(__file__).resolve().parents[2]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_python_package_is_listed():
    listed = set(_setuptools()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "game").rglob("__init__.py")}
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_every_data_file_is_matched_by_package_data():
    config = _setuptools()
    data = config["package-data"]
    where = {pkg: ROOT / config.get("package-dir", {}).get(pkg, pkg.replace(".", "/")) for pkg in data}
    for suffix in ("*.tcss", "*.yaml", "*.txt"):
        for f in list((ROOT / "game").rglob(suffix)) + list((ROOT / "cards").glob(suffix)) + list(
                (ROOT / "seeds").glob(suffix)):
            owners = [pkg for pkg, folder in where.items() if f.parent == folder]
            assert owners, f"{f.relative_to(ROOT)} lies in no package with package data"
            assert any(f.match(pattern) for pkg in owners for pattern in data[pkg]), (
                f"{f.relative_to(ROOT)} is not matched by package-data")


def test_installed_data_is_preferred_over_the_checkout(tmp_path, monkeypatch):
    (tmp_path / "data" / "cards").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", tmp_path)
    assert paths.data_dir("cards") == tmp_path / "data" / "cards"
    assert paths.data_dir("seeds") == tmp_path.parent / "seeds"  # no installed copy: the checkout's


def test_a_checkout_uses_its_top_level_folders():
    assert paths.CARDS_DIR == ROOT / "cards" and paths.SEEDS_DIR == ROOT / "seeds"
