"""Fixtures shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fetchserver import FetchServer, serve


@pytest.fixture
def server() -> Iterator[FetchServer]:
    """A loopback HTTP server (127.0.0.1, free port) serving the fetch fixtures."""
    yield from serve()


@pytest.fixture
def other() -> Iterator[FetchServer]:
    """A second loopback server on another port: an origin no source allows."""
    yield from serve()
