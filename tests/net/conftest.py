"""The ``host`` fixture: a game server on loopback in this process (tests/net/helpers.py)."""

from __future__ import annotations

import pytest

from tests.net.helpers import start_host, stop_host


@pytest.fixture
async def host(tmp_path):
    h = await start_host(tmp_path / "games.sqlite")
    try:
        yield h
    finally:
        await stop_host(h)
