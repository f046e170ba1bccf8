"""End-to-end test of category plan templates in the desktop app: define a
plan once for the UPS category (errors shown at the fields they name), apply
it to every UPS in one step and read the result in words, then find the plan
on an asset's page and in the due list; an automatic template reaches a UPS
added later, an empty category says "0 assets", and a deleted template leaves
its plans in place.
"""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_desktop import TIMEOUT_S, click, css, fill, text_of, wait_text, wait_visible

TITLE = "Replace UPS battery"


def add_asset(driver: WebDriver, button: str, tag: str, name: str, category: str) -> None:
    click(driver, button)
    fill(driver, "field-tag", tag)
    fill(driver, "field-name", name)
    fill(driver, "field-category", category)
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", tag)


def template_row(driver: WebDriver, category: str) -> WebElement:
    return WebDriverWait(driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, f'{css("template-row")}[data-category="{category}"]'))
    )


def new_template(driver: WebDriver, category: str, title: str, every: str, unit: str) -> None:
    click(driver, "template-add")
    wait_visible(driver, "template-form")
    if category:
        Select(wait_visible(driver, "field-template-category")).select_by_value(category)
    fill(driver, "field-template-title", title)
    fill(driver, "field-template-every", every)
    Select(wait_visible(driver, "field-template-unit")).select_by_value(unit)


def open_asset(driver: WebDriver, tag: str) -> None:
    click(driver, "nav-register")
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'{css("asset-row")}[data-tag="{tag}"] td.tag'))
    ).click()
    wait_text(driver, "detail-tag", tag)


def test_a_template_plans_every_asset_of_its_category(driver: WebDriver) -> None:
    today = dt.date.today().isoformat()

    # Two UPSes and a server.
    add_asset(driver, "add-first-asset", "UPS-0001", "Rack UPS A", "UPS")
    add_asset(driver, "add-asset", "UPS-0002", "Rack UPS B", "UPS")
    add_asset(driver, "add-asset", "SRV-0001", "File server", "Server")

    click(driver, "nav-templates")
    wait_visible(driver, "no-templates")

    # Bad input is refused at the field it names: no category, then every 0.
    new_template(driver, "", TITLE, "1", "years")
    click(driver, "template-save")
    wait_visible(driver, "error-template-category")
    Select(wait_visible(driver, "field-template-category")).select_by_value("UPS")
    fill(driver, "field-template-every", "0")
    click(driver, "template-save")
    error = wait_visible(driver, "error-template-every")
    assert "at least 1" in error.text, error.text
    assert not driver.find_elements(By.CSS_SELECTOR, css("error-template-category"))
    assert driver.find_element(By.CSS_SELECTOR, css("field-template-every")).get_attribute("aria-invalid") == "true"

    # Fixed: yearly, no start date (each plan starts the day it is applied),
    # a checklist, and also for UPSes added later.
    fill(driver, "field-template-every", "1")
    fill(driver, "field-template-lead_days", "14")
    fill(driver, "field-template-assignee", "Facilities")
    fill(driver, "field-template-checklist", Keys.ENTER.join(["Order battery", "Swap battery", "Run self-test"]))
    click(driver, "field-template-auto_apply")
    click(driver, "template-save")
    row = template_row(driver, "UPS")
    text = text_of(row)
    for words in (TITLE, "Every year, fixed to the calendar", "when applied", "14 days before", "Facilities",
                  "3 checklist items", "also new assets", "0 of 2 assets have it"):
        assert words in text, f"{words!r} missing from the template row: {text}"

    # The campaign: one plan on each UPS, said in words.
    row.find_element(By.CSS_SELECTOR, css("template-apply")).click()
    result = wait_text(driver, "template-result", "Created 2 plans.")
    assert TITLE in result.text, result.text
    wait_text(driver, "template-reach", "all 2 assets have it")

    # Again: nothing doubles.
    template_row(driver, "UPS").find_element(By.CSS_SELECTOR, css("template-apply")).click()
    wait_text(driver, "template-result", "Created 0 plans; 2 assets already had it.")

    # An empty category is a result, not an error.
    new_template(driver, "Printer", "Clean rollers", "3", "months")
    click(driver, "template-save")
    template_row(driver, "Printer").find_element(By.CSS_SELECTOR, css("template-apply")).click()
    wait_text(driver, "template-result", "0 assets in this category")

    # The plan is on the asset's page, due today, with its history.
    open_asset(driver, "UPS-0001")
    plan = wait_text(driver, "plan-section", TITLE)
    assert "every 1 year, fixed" in text_of(plan), text_of(plan)
    wait_text(driver, "plan-next-due", today)
    wait_text(driver, "history", f"Maintenance plan added from the UPS template: {TITLE}")

    # It falls due today, so the due list on the main screen has both UPSes.
    click(driver, "nav-due")
    wait_text(driver, "due-counts", "2 due today")
    due = wait_visible(driver, "due-view")
    for tag in ("UPS-0001", "UPS-0002"):
        assert tag in text_of(due), f"{tag} missing from the due list: {text_of(due)}"
    assert TITLE in text_of(due) and "SRV-0001" not in text_of(due), text_of(due)

    # The server got nothing; a UPS added now gets the plan automatically.
    open_asset(driver, "SRV-0001")
    server_plans = wait_visible(driver, "plan-section")
    assert TITLE not in text_of(server_plans)
    add_asset(driver, "add-asset", "UPS-0003", "Rack UPS C", "UPS")
    wait_text(driver, "plan-section", TITLE)

    # Deleting the template keeps the plans it made.
    click(driver, "nav-templates")
    row = template_row(driver, "UPS")
    assert "all 3 assets have it" in text_of(row), text_of(row)
    row.find_element(By.CSS_SELECTOR, css("template-delete")).click()
    template_row(driver, "UPS").find_element(By.CSS_SELECTOR, css("template-delete-confirm")).click()
    wait_text(driver, "template-result", "the plans it created stay")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, f'{css("template-row")}[data-category="UPS"]')
    )
    open_asset(driver, "UPS-0002")
    wait_text(driver, "plan-section", TITLE)
