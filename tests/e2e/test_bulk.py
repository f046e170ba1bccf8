"""End-to-end test of the register's selection and bulk changes: ten assets
picked with a click and a shift-click get a new status in one go and the
Undo puts them back; ctrl-click picks a row without opening it; "select all
N matching" archives every match, and Undo brings them back. The `tend`
command line confirms what the register holds after each step.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO, app_session
from test_desktop import TIMEOUT_S, click, css, fill, screen, text_of, wait_text, wait_visible

TEND = REPO / "target" / "debug" / "tend"


def tend(database: Path, *args: str) -> str:
    return subprocess.run(
        [str(TEND), "--db", str(database), *args], check=True, capture_output=True, text=True
    ).stdout


def count(database: Path, *filters: str) -> int:
    page = json.loads(tend(database, "assets", "list", "--json", "--limit", "1000", *filters))
    return len(page["rows"]) if isinstance(page, dict) else len(page)


def boxes(driver: WebDriver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, css("select-row"))


def in_view(driver: WebDriver, element):
    """The element, scrolled to the middle of the window (pointer actions do not scroll)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def test_ten_assets_change_status_at_once_and_undo_puts_them_back(
    display: str, database: Path, tmp_path: Path
) -> None:
    rows = "".join(f"PC-{i:02},Desk PC {i}\n" for i in range(1, 13))
    inventory = tmp_path / "pcs.csv"
    inventory.write_text("tag,name\n" + rows)
    tend(database, "import", str(inventory))
    tend(database, "assets", "add", "--tag", "SRV-01", "--name", "Mail server")
    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-register")
        wait_visible(driver, "register")
        fill(driver, "search", "PC")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: len(boxes(d)) == 12)

        # A click on the first box, a shift-click on the tenth: ten selected.
        boxes(driver)[0].click()
        # The selection bar comes in above the table and moves it: the
        # shift-click waits for it, as a person would see it first.
        wait_text(driver, "selected-count", "1 asset selected")
        ActionChains(driver).key_down(Keys.SHIFT).click(in_view(driver, boxes(driver)[9])).key_up(Keys.SHIFT).perform()
        wait_text(driver, "selected-count", "10 assets selected")
        driver.execute_script("window.scrollTo(0, 0)")
        Select(wait_visible(driver, "bulk-status")).select_by_value("in_repair")
        click(driver, "bulk-apply-status")
        wait_text(driver, "bulk-done", "Status set to in repair on 10 assets.")
        assert count(database, "--status", "in_repair") == 10
        screen(driver, display, "bulk.png")

        click(driver, "bulk-undo")
        wait_text(driver, "bulk-done", "Undone: Status set to in repair on 10 assets.")
        assert count(database, "--status", "in_repair") == 0
        history = json.loads(tend(database, "assets", "show", "PC-05", "--json"))
        changes = [h for h in history["recent_history"] if h.get("field") == "status"]
        assert len(changes) == 2, changes  # the change and its undo, both recorded

        # Ctrl-click selects a row without opening it.
        click(driver, "bulk-clear")
        WebDriverWait(driver, TIMEOUT_S).until_not(lambda d: d.find_elements(By.CSS_SELECTOR, css("bulk-bar")))
        row = driver.find_elements(By.CSS_SELECTOR, css("asset-row"))[11].find_element(By.CSS_SELECTOR, "td.tag")
        ActionChains(driver).key_down(Keys.CONTROL).click(in_view(driver, row)).key_up(Keys.CONTROL).perform()
        wait_text(driver, "selected-count", "1 asset selected")
        assert not driver.find_elements(By.CSS_SELECTOR, css("asset-detail"))

        # Every match at once: archive the twelve, then undo.
        click(driver, "select-all-matching")
        wait_text(driver, "selected-count", "12 assets selected")
        click(driver, "bulk-archive")
        wait_text(driver, "bulk-done", "Archived on 12 assets.")
        assert count(database, "--search", "PC") == 0
        assert count(database) == 1
        click(driver, "bulk-undo")
        wait_text(driver, "bulk-done", "Undone")
        assert count(database, "--search", "PC") == 12


def test_a_selection_gets_a_templates_plan_and_is_exported(
    display: str, database: Path, tmp_path: Path
) -> None:
    rows = "".join(f"LT-{i:02},Laptop {i},Laptop\n" for i in range(1, 6))
    inventory = tmp_path / "laptops.csv"
    inventory.write_text("tag,name,category\n" + rows)
    tend(database, "import", str(inventory))
    tend(database, "plans", "add-template", "--category", "Laptop", "--title", "Battery check",
         "--every", "6", "--unit", "months")
    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-register")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: len(boxes(d)) == 5)
        boxes(driver)[0].click()
        # The selection bar comes in above the table and moves it: the
        # shift-click waits for it, as a person would see it first.
        wait_text(driver, "selected-count", "1 asset selected")
        ActionChains(driver).key_down(Keys.SHIFT).click(in_view(driver, boxes(driver)[2])).key_up(Keys.SHIFT).perform()
        wait_text(driver, "selected-count", "3 assets selected")

        # The template's plan reaches the three selected, and only them.
        Select(wait_visible(driver, "bulk-template")).select_by_index(0)
        click(driver, "bulk-apply-template")
        wait_text(driver, "bulk-done", '"Battery check" added to 3 assets.')
        plans = [json.loads(tend(database, "plans", "list", f"LT-{i:02}", "--json")) for i in range(1, 6)]
        assert [len(p) for p in plans] == [1, 1, 1, 0, 0], plans

        # Export to CSV: the three rows, where the save dialog answered.
        click(driver, "bulk-export")
        done = text_of(wait_text(driver, "bulk-done", "3 assets exported to"))
        written = Path(done.split("exported to ", 1)[1].rstrip("."))
        lines = written.read_text(encoding="utf-8-sig").strip().splitlines()
        assert len(lines) == 4, lines
        assert [line.split(",")[0] for line in lines[1:]] == ["LT-01", "LT-02", "LT-03"], lines
