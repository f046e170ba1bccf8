"""End-to-end test of Home: its figures are the register's (the CLI wrote
it), completing maintenance from Home's short due list changes them at once,
and a figure, a chart bar (clicked on the canvas) and a chart's table link
each open the register filtered to them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import app_session
from test_bulk import tend
from test_desktop import TIMEOUT_S, click, css, screen, text_of, wait_text, wait_visible


def figure(driver, testid: str) -> str:
    """The number a figure shows."""
    return text_of(wait_visible(driver, testid).find_element(By.CSS_SELECTOR, "strong")).strip()


def wait_figure(driver, testid: str, value: str) -> None:
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: figure(d, testid) == value)


def listed_tags(driver) -> list[str]:
    return [text_of(td).strip() for td in driver.find_elements(By.CSS_SELECTOR, "td.tag")]


def wait_listed(driver, tags: list[str]) -> None:
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: sorted(listed_tags(d)) == sorted(tags))


def test_home_figures_follow_the_register_and_open_it_filtered(
    display: str, database: Path, tmp_path: Path
) -> None:
    today = dt.date.today()
    tend(database, "assets", "add", "--tag", "SRV-01", "--name", "Mail server", "--category", "Server")
    tend(database, "assets", "add", "--tag", "SRV-02", "--name", "File server", "--category", "Server")
    tend(database, "assets", "add", "--tag", "SW-01", "--name", "Core switch", "--category", "Switch",
         "--status", "spare")
    tend(database, "coverage", "add", "SRV-01", "--kind", "manufacturer_warranty",
         "--end", (today + dt.timedelta(days=30)).isoformat())
    tend(database, "plans", "add", "SRV-02", "--title", "Battery self-test", "--every", "1",
         "--unit", "months", "--start", today.isoformat())
    tend(database, "log", "add", "SRV-01", "--kind", "repair", "--summary", "Replaced PSU",
         "--date", today.isoformat(), "--cost", "120", "--currency", "EUR", "--downtime", "90")

    with app_session(display, database, tmp_path) as driver:
        # Home is the first screen; its figures are the register's.
        wait_visible(driver, "home")
        wait_figure(driver, "figure-in-service", "2")
        wait_figure(driver, "figure-ending", "1")
        wait_figure(driver, "figure-no-cover", "2")
        wait_figure(driver, "figure-this-week", "1")
        wait_text(driver, "quarter-cost", "120")
        wait_text(driver, "quarter-downtime", "1 h 30 min")
        wait_text(driver, "latest-work", "Replaced PSU")
        wait_visible(driver, "chart-categories")
        screen(driver, display, "home.png")

        # Done from Home's short due list: the week's figure drops at once.
        row = wait_visible(driver, "due-urgent").find_element(By.CSS_SELECTOR, css("due-complete"))
        row.click()
        wait_figure(driver, "figure-this-week", "0")
        wait_text(driver, "latest-work", "Battery self-test")

        # A figure opens the register filtered to it.
        click(driver, "figure-ending")
        wait_visible(driver, "register")
        wait_listed(driver, ["SRV-01"])
        assert "ending" in (wait_visible(driver, "filter-cover").get_attribute("value") or "")

        # A bar of the category chart, clicked on the canvas: the Switch
        # category's one spare (the right-hand bar of two).
        click(driver, "nav-home")
        canvas = wait_visible(driver, "chart-categories").find_element(By.CSS_SELECTOR, "canvas")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: canvas.size["width"] > 100)
        width, height = canvas.size["width"], canvas.size["height"]
        ActionChains(driver).move_to_element_with_offset(canvas, width // 4, height // 4).click().perform()
        wait_visible(driver, "register")
        wait_listed(driver, ["SW-01"])

        # A month of the repair chart, through its table: the assets repaired then.
        click(driver, "nav-home")
        chart = wait_visible(driver, "chart-repairs")
        chart.find_element(By.CSS_SELECTOR, "summary").click()
        links = chart.find_elements(By.CSS_SELECTOR, "table button.link")
        assert links, text_of(chart)
        links[0].click()
        wait_visible(driver, "register")
        wait_text(driver, "filter-repaired", today.strftime("%Y-%m"))
        wait_listed(driver, ["SRV-01"])
