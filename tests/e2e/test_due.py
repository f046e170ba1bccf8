"""End-to-end test of maintenance plans and the due list in the desktop app:
create a plan on an asset, complete it from the due list on the main screen,
see its next due date advance and the completion in the asset's history.
"""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_desktop import TIMEOUT_S, click, css, fill, text_of, wait_text, wait_visible

TITLE = "Battery self-test"


def due_row(driver: WebDriver):
    return WebDriverWait(driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, f'{css("due-item")}[data-plan-id="1"]'))
    )


def test_complete_a_plan_from_the_due_list(driver: WebDriver) -> None:
    today = dt.date.today()
    next_week = (today + dt.timedelta(days=7)).isoformat()

    # An asset, and a weekly plan on it starting today (the start defaults to today).
    click(driver, "add-first-asset")
    fill(driver, "field-tag", "UPS-0001")
    fill(driver, "field-name", "Rack UPS")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "UPS-0001")
    click(driver, "plan-add")
    fill(driver, "plan-title", TITLE)
    fill(driver, "plan-every", "1")
    Select(wait_visible(driver, "plan-unit")).select_by_value("weeks")
    click(driver, "plan-save")
    wait_text(driver, "plan-next-due", today.isoformat())

    # The main screen leads with the due list: the plan is due today.
    click(driver, "nav-due")
    wait_text(driver, "due-counts", "1 due today")
    row = due_row(driver)
    assert TITLE in text_of(row) and "due today" in text_of(row), text_of(row)

    # Complete it from the list: it moves a week ahead, still listed as upcoming.
    row.find_element(By.CSS_SELECTOR, css("due-complete")).click()
    WebDriverWait(driver, TIMEOUT_S).until(lambda d: "in 7 days" in text_of(due_row(d)))
    assert next_week in text_of(due_row(driver))
    wait_text(driver, "due-counts", "0 due today")

    # The asset shows the new next due date, the work-log entry and the history.
    due_row(driver).find_element(By.CSS_SELECTOR, "button.link").click()
    wait_text(driver, "plan-next-due", next_week)
    wait_text(driver, "work-log", TITLE)
    history = wait_text(driver, "history", f"Preventive maintenance: {TITLE}")
    assert "next_due" in text_of(history), text_of(history)
