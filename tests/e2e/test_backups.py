"""End-to-end test of backups in the desktop app: the start-up backup made
once a day in the background (none, and no warning, for a brand-new
register: it waits for the register's first opening), "Back up now",
restoring a backup after a confirmation that says what it undoes (the
register as it was is kept), a backup folder that has gone offline shown as
a warning on every screen, and a damaged register shown as such, with
writes refused and the way back offered.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO
from test_desktop import TIMEOUT_S, click, css, fill, screen, text_of, wait_text, wait_visible

TEND = REPO / "target" / "debug" / "tend"


def tend(database: Path, *args: str) -> str:
    done = subprocess.run(
        [str(TEND), "--db", str(database), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def database(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The register each test starts from, made with the `tend` CLI."""
    path = tmp_path / "tend.sqlite"
    name = request.node.name
    if "offline" in name:
        tend(path, "assets", "add", "--tag", "SRV-1", "--name", "First server")
        with sqlite3.connect(path) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_folder', ?)",
                (str(tmp_path / "share-gone"),),
            )
    elif "damaged" in name:
        tend(path, "demo", "--assets", "300")
        tend(path, "db", "backup")
        data = bytearray(path.read_bytes())
        page = len(data) // 4096 // 2
        data[page * 4096 : page * 4096 + 4096] = b"\x5a" * 4096
        path.write_bytes(bytes(data))
    return path


def rows(driver: WebDriver) -> list[str]:
    return [text_of(r) for r in driver.find_elements(By.CSS_SELECTOR, css("backup-row"))]


def open_backups(driver: WebDriver) -> None:
    click(driver, "nav-backups")
    wait_visible(driver, "backups-page")


def test_back_up_now_and_restore_with_a_confirmation(driver: WebDriver, database: Path, display: str) -> None:
    wait_visible(driver, "welcome")
    click(driver, "add-first-asset")
    fill(driver, "field-tag", "KEPT-1")
    fill(driver, "field-name", "In the backup")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "KEPT-1")

    open_backups(driver)
    assert str(database) in text_of(wait_visible(driver, "backups-register"))
    wait_text(driver, "backups-folder", str(database.parent / "backups"))
    # The register was brand-new at start-up: nothing to back up, and no
    # warning ("no such table: settings" when the backup raced its creation).
    assert not driver.find_elements(By.CSS_SELECTOR, css("backup-warning"))
    assert not any("daily" in r for r in rows(driver)), rows(driver)
    click(driver, "back-up-now")
    wait_text(driver, "backups-outcome", "Backed up")
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: any("by hand" in r for r in rows(d)))
    assert all("checked" in r for r in rows(driver)), rows(driver)

    # A change after the backup, then restore it.
    click(driver, "add-asset")
    fill(driver, "field-tag", "LOST-1")
    fill(driver, "field-name", "Made after the backup")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "LOST-1")
    open_backups(driver)
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: any("by hand" in r for r in rows(d)))
    by_hand = [
        r for r in driver.find_elements(By.CSS_SELECTOR, css("backup-row")) if "by hand" in text_of(r)
    ][0]
    by_hand.find_element(By.CSS_SELECTOR, css("restore-backup")).click()
    question = text_of(wait_visible(driver, "restore-question"))
    assert re.search(r"\b[1-9]\d* changes? made since then will no longer be in the register", question), question
    assert "backed up first" in question
    click(driver, "restore-yes")
    outcome = text_of(wait_text(driver, "backups-outcome", "Restored"))
    assert "kept at" in outcome, outcome
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: any("before restore" in r for r in rows(d)))
    screen(driver, display, "backups.png")

    # The register is the backup's: KEPT-1 is there, LOST-1 is not.
    click(driver, "nav-register")
    search = wait_visible(driver, "search")
    search.send_keys("KEPT-1")
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, '[data-testid="asset-row"][data-tag="KEPT-1"]'))
    )
    search.clear()
    search.send_keys("LOST-1")
    wait_visible(driver, "no-results")
    assert "LOST-1" not in tend(database, "assets", "list")


def test_a_backup_folder_gone_offline_is_a_warning_on_every_screen(driver: WebDriver, database: Path) -> None:
    warning = wait_visible(driver, "backup-warning")
    assert "daily backup could not be made" in text_of(warning)
    assert "share-gone" in text_of(warning)
    assert not (database.parent / "share-gone").exists(), "no local folder stands in for the share"
    click(driver, "nav-reports")
    wait_visible(driver, "backup-warning")
    # The register itself is untouched and still works.
    assert "SRV-1" in tend(database, "assets", "list")


def test_a_damaged_register_says_so_and_refuses_writes(driver: WebDriver, database: Path) -> None:
    banner = wait_visible(driver, "damaged-banner")
    assert "damaged" in text_of(banner)
    before = database.read_bytes()
    click(driver, "add-asset")
    fill(driver, "field-tag", "NEW-1")
    fill(driver, "field-name", "Not written")
    click(driver, "asset-save")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: "damaged" in d.find_element(By.TAG_NAME, "main").get_attribute("innerText")
    )
    open_backups(driver)
    damage = text_of(wait_visible(driver, "backups-damage"))
    assert "Restore the newest backup" in damage
    assert database.read_bytes() == before, "not one byte written"


def write_lock_taken(database: Path) -> bool:
    """True while another connection holds the register's write lock."""
    conn = sqlite3.connect(database, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def test_a_save_during_a_terminal_import_waits_says_why_and_goes_through(
    driver: WebDriver, database: Path, tmp_path: Path
) -> None:
    wait_visible(driver, "welcome")
    csv = tmp_path / "big.csv"
    with csv.open("w") as out:
        out.write("tag,name,serial,notes\n")
        for i in range(50_000):
            out.write(f"B-{i:06},Imported {i},SN{i:09},note {i}\n")
    importing = subprocess.Popen(
        [str(TEND), "--db", str(database), "import", str(csv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        WebDriverWait(driver, 120, poll_frequency=0.05).until(
            lambda _: write_lock_taken(database) or importing.poll() is not None
        )
        assert importing.poll() is None, "the import ended before the test could write during it"
        click(driver, "add-first-asset")
        fill(driver, "field-tag", "DURING-1")
        fill(driver, "field-name", "Saved during an import")
        click(driver, "asset-save")
        note = text_of(wait_visible(driver, "waiting-note"))
        assert "tend import" in note and "big.csv" in note, note
        assert "will be saved" in note, note
        wait_text(driver, "detail-tag", "DURING-1")
    finally:
        _, err = importing.communicate(timeout=120)
    assert importing.returncode == 0, err
    assert "DURING-1" in tend(database, "assets", "list", "--search", "DURING-1")
