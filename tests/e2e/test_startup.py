"""End-to-end test: a database written by a newer Tend is refused, the app
says so instead of crashing, and the file is left byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from test_desktop import wait_visible


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Overrides conftest's fresh file with one from a future schema version."""
    path = tmp_path / "newer.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute("PRAGMA user_version = 999")
    return path


@pytest.fixture
def digest_before(database: Path) -> str:
    """The file's digest before the app starts (requested ahead of `driver`)."""
    return hashlib.sha256(database.read_bytes()).hexdigest()


def test_a_newer_database_is_refused_on_screen_and_left_untouched(
    digest_before: str, driver: WebDriver, database: Path
) -> None:
    panel = wait_visible(driver, "startup-error")
    assert "newer" in panel.get_attribute("innerText")
    assert not driver.find_elements("css selector", '[data-testid="add-asset"]')
    assert hashlib.sha256(database.read_bytes()).hexdigest() == digest_before
