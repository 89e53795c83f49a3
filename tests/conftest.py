import os

import pytest
from hypothesis import HealthCheck, settings

from game.loader import load_rules

# CI keeps property tests short; run locally with HYPOTHESIS_PROFILE=thorough for more.
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def rules():
    return load_rules("summer-2021")


@pytest.fixture(scope="session")
def whatif_rules():
    return load_rules("what-if")
