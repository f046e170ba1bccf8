"""End-to-end test: closing the window closes the register cleanly, so the
next start (the app's or the CLI's) does not read the whole file again with
the start-up check. The lock file beside the register records the clean
close (`crates/tend-core/src/presence.rs`); an app that ended without
closing the register left none, and every start after it was a checked one.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from Xlib import X, Xatom, display as xdisplay
from Xlib.protocol import event

from conftest import app_processes, app_session
from test_bulk import tend
from test_desktop import wait_visible


def app_pid() -> int:
    """The one process running the app's binary."""
    pids = app_processes()
    assert len(pids) == 1, sorted(pids)
    return pids.pop()


def ended(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2] == "Z"


def close_as_a_person_would(display: str, pid: int) -> None:
    """Asks the app's window to close as a window manager does when its close
    button is clicked: the client message WM_DELETE_WINDOW. (WebDriver's own
    "close window" ends the app without its exit events.)"""
    x = xdisplay.Display(display)
    try:
        delete = x.intern_atom("WM_DELETE_WINDOW")
        protocols = x.intern_atom("WM_PROTOCOLS")
        net_pid = x.intern_atom("_NET_WM_PID")
        for window in _windows(x.screen().root):
            owner = window.get_full_property(net_pid, Xatom.CARDINAL)
            if (
                owner
                and owner.value[0] == pid
                and window.get_attributes().map_state == X.IsViewable
                and delete in (window.get_wm_protocols() or [])
            ):
                message = event.ClientMessage(window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
                window.send_event(message)
                x.flush()
                return
        raise AssertionError(f"no window of process {pid} takes WM_DELETE_WINDOW")
    finally:
        x.close()


def close_and_wait(display: str, pid: int, patience_s: float = 30) -> float:
    """Closes the window as a person would and waits for the app to end;
    answers the seconds from the close to the end. Under WebDriver the app
    now and then ignores the first close (never seen without WebDriver:
    docs/benchmarks.md), so it is asked once more after 5 s."""
    closed_at = time.time()
    close_as_a_person_would(display, pid)
    asked_again = False
    while not ended(pid) and time.time() < closed_at + patience_s:
        if not asked_again and time.time() > closed_at + 5:
            close_as_a_person_would(display, pid)
            asked_again = True
        time.sleep(0.05)
    assert ended(pid), "the app did not end when its window closed"
    return time.time() - closed_at


def _windows(window):
    yield window
    for child in window.query_tree().children:
        yield from _windows(child)


def test_closing_the_window_records_a_clean_close(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-1", "--name", "File server")
    lock = Path(f"{database}.lock")
    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "home")
        pid = app_pid()
        assert json.loads(lock.read_text()).get("closed") is None, "in use while open"
        close_and_wait(display, pid)
    record = json.loads(lock.read_text())
    assert record.get("closed") is not None, record
    assert not Path(f"{database}-wal").exists(), "the log was moved into the file"


def test_closing_at_once_on_a_large_register_closes_it_cleanly(display: str, database: Path, tmp_path: Path) -> None:
    """The first start of the day backs the register up in the background;
    a person who closes the window at once does not wait for it, and the
    register still records a clean close (a backup still running is
    stopped and its connection closed first: the desktop's unit test
    `finishing_stops_a_start_up_backup_still_running` proves the stop).
    Whatever the timing, no partial copy is left, and a backup that was
    made is whole (listed with its record)."""
    tend(database, "assets", "add", "--tag", "SRV-1", "--name", "File server")
    photos = tmp_path / "rack-photos.bin"
    photos.write_bytes(os.urandom(95_000_000))
    tend(database, "attach", "SRV-1", str(photos))
    photos.unlink()
    lock = Path(f"{database}.lock")
    backups = database.with_name("backups")
    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "home")
        pid = app_pid()
        assert close_and_wait(display, pid) < 10, "the app waited for its backup"
    record = json.loads(lock.read_text())
    assert record.get("closed") is not None, record
    left = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    assert not [n for n in left if n.endswith(".partial")], f"a partial copy was left: {left}"
    for name in (n for n in left if n.endswith(".sqlite")):
        assert f"{name}.json" in left, f"a backup without its record: {left}"
