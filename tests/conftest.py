import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from game.rules.loader import load_rules

# CI keeps property tests short; run locally with HYPOTHESIS_PROFILE=thorough for more.
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Most of the suite's time is the TUI's pilot and snapshot tests, each on one core and partly
# asleep in Textual's pauses: spread over the cores, the whole suite takes about half as long.
# More than 4 workers gain little (each imports Textual and collects everything) and crowd a
# shared machine.
MAX_WORKERS = 4


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """Run on the cores (``-n auto``, at most MAX_WORKERS) unless told otherwise.

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
    option.numprocesses = "auto"
    option.maxprocesses = option.maxprocesses or MAX_WORKERS
    if option.dist == "no":
        option.dist = "worksteal"  # idle workers take tests queued for busy ones: the slow ones vary


@pytest.fixture(scope="session")
def rules():
    return load_rules("summer-2021")


@pytest.fixture(scope="session")
def whatif_rules():
    return load_rules("what-if")
