"""End-to-end test of saved views: a filter and a column choice saved under
a name appear in the navigation, reopen the register as they were, and
are still there after a restart; the column chooser shows and hides
columns.
"""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import app_session
from test_bulk import tend
from test_desktop import TIMEOUT_S, click, fill, text_of, wait_visible


def tags(driver) -> list[str]:
    """The rows' tags, read in one go (the table may be redrawn between two reads)."""
    return sorted(driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=asset-row]')].map(r => r.dataset.tag)"
    ))


def headers(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('th button.sort')].map(b => b.dataset.testid)"
    )


def test_a_saved_view_reopens_the_register_as_it_was(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-01", "--name", "Mail server", "--status", "in_repair",
         "--hostname", "mail01")
    tend(database, "assets", "add", "--tag", "SRV-02", "--name", "File server", "--status", "in_repair")
    tend(database, "assets", "add", "--tag", "PC-01", "--name", "Desk PC")
    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-register")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: tags(d) == ["PC-01", "SRV-01", "SRV-02"])
        Select(wait_visible(driver, "filter-status")).select_by_value("in_repair")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: tags(d) == ["SRV-01", "SRV-02"])
        click(driver, "choose-columns")
        click(driver, "column-hostname")
        click(driver, "column-model")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: "sort-hostname" in headers(d))
        assert "sort-model" not in headers(driver)
        assert "mail01" in text_of(wait_visible(driver, "asset-table"))
        click(driver, "save-view")
        fill(driver, "view-name", "In repair")
        click(driver, "view-save")
        wait_visible(driver, "nav-view")

        # Elsewhere, the filter cleared: the view brings it all back.
        Select(wait_visible(driver, "filter-status")).select_by_value("")
        click(driver, "column-model")
        click(driver, "nav-home")
        click(driver, "nav-view")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: tags(d) == ["SRV-01", "SRV-02"])
        assert "sort-hostname" in headers(driver) and "sort-model" not in headers(driver), headers(driver)

    # After a restart the view is still in the navigation.
    with app_session(display, database, tmp_path) as driver:
        view = wait_visible(driver, "nav-view")
        assert text_of(view).strip() == "In repair"
        view.click()
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: tags(d) == ["SRV-01", "SRV-02"])
