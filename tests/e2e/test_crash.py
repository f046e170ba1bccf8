"""The desktop app killed with SIGKILL while it saves a form: the register
must pass `tend db check` afterwards, and the asset is there when the app
had shown it saved, or not at all — never half of it.

Each trial starts the app on a fresh register, fills the add-asset form,
presses Save and kills the app a random moment later (0–400 ms, the span
of a save here, or after it has shown the saved asset).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from conftest import APP, REPO
from test_desktop import click, css, fill, wait_visible

TEND = REPO / "target" / "debug" / "tend"
SEED = int(os.environ.get("TEND_CRASH_SEED", time.time_ns()))


def app_pid(database: Path) -> int:
    """The desktop process working on `database` (found by its environment)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if Path(os.readlink(entry / "exe")).name != APP.name:
                continue
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"TEND_DB={database}".encode() in environ:
            return int(entry.name)
    raise AssertionError(f"no {APP.name} process works on {database}")


@pytest.mark.parametrize("trial", range(3))
def test_the_app_killed_while_saving_a_form_leaves_a_sound_register(
    driver: WebDriver, database: Path, trial: int
) -> None:
    rng = random.Random(SEED + trial)
    delay = rng.uniform(0, 0.4)
    print(f"TEND_CRASH_SEED={SEED}, trial {trial}: kill {delay * 1000:.0f} ms after Save")
    wait_visible(driver, "welcome")
    click(driver, "add-first-asset")
    fill(driver, "field-tag", f"KILL-{trial}")
    fill(driver, "field-name", "Saved while the app was killed")
    fill(driver, "field-location", "HQ › Room 1 › Rack 2")
    fill(driver, "field-serial", f"SN-KILL-{trial}")
    pid = app_pid(database)
    click(driver, "asset-save")
    time.sleep(delay)
    shown = bool(driver.find_elements(By.CSS_SELECTOR, css("detail-tag")))
    os.kill(pid, signal.SIGKILL)

    check = subprocess.run(
        [str(TEND), "--db", str(database), "db", "check", "--json"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["ok"] is True
    listed = subprocess.run(
        [str(TEND), "--db", str(database), "assets", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(listed.stdout)["rows"]
    tags = [r["tag"] for r in rows]
    print(f"  shown as saved before the kill: {shown}; in the register after: {bool(tags)}")
    if shown:
        assert tags == [f"KILL-{trial}"], f"shown as saved, then lost: {tags}"
    else:
        assert tags in ([], [f"KILL-{trial}"]), tags
    for r in rows:  # all of it, or none of it
        assert r["serial"] == f"SN-KILL-{trial}" and r["location"], r
