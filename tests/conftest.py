import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import game.rules.loader as loader
from game.rules.loader import load_rules

# CI keeps property tests short; run locally with HYPOTHESIS_PROFILE=thorough for more.
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Most of the suite's time is the TUI's pilot and snapshot tests, each on one core and partly
# asleep in Textual's pauses: spread over the cores, the whole suite takes about half as long,
# and one worker more than the cores fills those pauses (2 cores, whole suite, wall: 2 workers
# 191 s and 182 s, 3 workers 157 s and 163 s, 4 workers 164 s). More than 4 gain little (each
# imports Textual and collects everything) and crowd a shared machine.
MAX_WORKERS = 4


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """Run on the cores (one worker more than there are, at most MAX_WORKERS) unless told otherwise.

    Left serial: an explicit ``-n``/``-n 0``; ``-p no:xdist``; ``--pdb``; ``--snapshot-update``
    (syrupy finds and deletes obsolete snapshots only in a serial run); and a run of one test
    file or test, which two workers' start-up would only slow down.
    """
    option = config.option
    if hasattr(config, "workerinput") or os.environ.get("PYTEST_XDIST_WORKER"):
        return  # a worker: it must not start workers of its own
    if getattr(option, "numprocesses", 0) is not None or not config.pluginmanager.hasplugin("xdist"):
        return
    if option.usepdb or getattr(option, "update_snapshots", False) or config.getoption("collectonly"):
        return
    named = [a for a in config.args if Path(a.split("::")[0]).suffix == ".py"]
    if len(config.args) == 1 and named:
        return
    option.numprocesses = min((os.cpu_count() or 1) + 1, option.maxprocesses or MAX_WORKERS)
    if option.dist == "no":
        option.dist = "worksteal"  # idle workers take tests queued for busy ones: the slow ones vary


# Reading the shipped cards parses every card file with line marks (0.15-0.3 s a time, more on a
# loaded machine), and the suite did it some hundreds of times: each load_rules, each load_game,
# each App's preload. The files do not change during a run, and what is read is immutable (frozen
# cards and scenarios): so the shipped folder is read once per worker, and each call gets its own
# copy of the catalogue's dicts and lists. The key is every file's path, mtime and size, so a
# changed file is read again. Any other folder (the loader's own tests) is always read afresh.
# TEST_READ_CARDS=always turns the sharing off.
_read_catalogue = loader.read_catalogue
_shipped: dict = {}


# The longest tests, started first so that no worker is still running one when the others have
# finished (worksteal can move queued tests, not a running one).
LONGEST_FIRST = ("test_state_machine.py::TestGameMachine", "test_hostile.py::test_hostile_saves")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONGEST_FIRST))


def _stamp(paths: list, seeds_dir: Path) -> tuple:
    files = loader.yaml_files(paths) + (sorted(seeds_dir.iterdir()) if seeds_dir.is_dir() else [])
    return tuple((str(p), (s := p.stat()).st_mtime_ns, s.st_size) for p in files)


def _read_catalogue_shared(paths, seeds_dir=loader.SEEDS_DIR):
    if [Path(p) for p in paths] != [loader.CARDS_DIR] or Path(seeds_dir) != loader.SEEDS_DIR:
        return _read_catalogue(paths, seeds_dir)
    stamp = _stamp(paths, seeds_dir)
    cat = _shipped.get(stamp)
    if cat is None:
        cat = _read_catalogue(paths, seeds_dir)
        _shipped.clear()
        _shipped[stamp] = cat
    return loader.Catalogue(dict(cat.cards), dict(cat.scenarios), list(cat.faults), cat.files)


if os.environ.get("TEST_READ_CARDS") != "always":
    loader.read_catalogue = _read_catalogue_shared


@pytest.fixture(scope="session")
def rules():
    return load_rules("summer-2021")


@pytest.fixture(scope="session")
def whatif_rules():
    return load_rules("what-if")
