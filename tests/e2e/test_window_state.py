"""End-to-end test: the window opens where and as large as it was left
(tauri-plugin-window-state, kept in the app's configuration folder). There
is no window manager under Xvfb, so this checks size and position; the
maximised state needs a window manager to mean anything.
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import app_session
from test_bulk import tend
from test_clean_close import app_pid, close_and_wait
from test_desktop import wait_visible


def test_the_window_opens_where_and_as_large_as_it_was_left(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-1", "--name", "File server")
    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "home")
        first = driver.get_window_rect()
        wanted = {"x": 120, "y": 90, "width": 1010, "height": 690}
        assert (first["width"], first["height"]) != (wanted["width"], wanted["height"]), first
        driver.set_window_rect(**wanted)
        deadline = time.time() + 5
        while time.time() < deadline and driver.get_window_rect() != wanted:
            time.sleep(0.1)
        assert driver.get_window_rect() == wanted, "the window did not take the size asked"
        close_and_wait(display, app_pid())

    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "home")
        assert driver.get_window_rect() == wanted, "the window did not open as it was left"
