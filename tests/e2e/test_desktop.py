"""End-to-end tests of the Tend desktop app: the real binary, its real
database, driven through tauri-driver + WebKitWebDriver like a person would.

- first launch shows the welcome; add an asset with the form, find it by
  search in the register, open it, log a repair, see it in the history;
- the core's validation messages appear at the fields they name;
- the sample register, with the screenshots used in the README.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import subprocess
from pathlib import Path

from conftest import x_screenshot
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

# Screenshots of the sample register go to target/e2e-screenshots; to refresh
# the README's, run with TEND_SCREENSHOTS=docs/screenshots.
SCREENSHOTS = Path(__file__).resolve().parents[2] / os.environ.get(
    "TEND_SCREENSHOTS", "target/e2e-screenshots"
)
TIMEOUT_S = 30


def screen(driver: WebDriver, display: str, name: str) -> None:
    """The app's window as SCREENSHOTS/name (see `x_screenshot`)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    x_screenshot(driver, display, SCREENSHOTS / name)


def tend_json(database: Path, *args: str) -> str:
    """`tend --db DATABASE ARGS --json`'s output (the command line beside the app)."""
    tend = Path(__file__).resolve().parents[2] / "target" / "debug" / "tend"
    return subprocess.run(
        [str(tend), "--db", str(database), *args, "--json"], check=True, capture_output=True, text=True
    ).stdout


def stand_ins(bin_dir: Path, scripts: dict[str, str], monkeypatch) -> None:
    """Puts stand-in programs (name: shell script) first on PATH for the app
    started next (a print service, the system's viewer)."""
    bin_dir.mkdir()
    for name, script in scripts.items():
        path = bin_dir / name
        path.write_text(script)
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")


def css(testid: str) -> str:
    return f'[data-testid="{testid}"]'


def wait_visible(driver: WebDriver, testid: str) -> WebElement:
    return WebDriverWait(driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, css(testid)))
    )


def wait_text(driver: WebDriver, testid: str, text: str) -> WebElement:
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, css(testid)), text)
    )
    return driver.find_element(By.CSS_SELECTOR, css(testid))


def click(driver: WebDriver, testid: str) -> None:
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, css(testid)))
    ).click()


def text_of(element: WebElement) -> str:
    """The text as rendered (WebKitWebDriver's `.text` skips text in cells that clip overflow)."""
    return element.get_attribute("innerText") or ""


def fill(driver: WebDriver, testid: str, value: str) -> None:
    field = wait_visible(driver, testid)
    field.clear()
    if value:
        field.send_keys(value)


def test_add_find_open_and_log_a_repair(driver: WebDriver) -> None:
    welcome = wait_visible(driver, "welcome")
    assert "Your register is empty" in welcome.text

    # Add an asset with the form.
    click(driver, "add-first-asset")
    fill(driver, "field-tag", "SRV-0042")
    fill(driver, "field-name", "Primary file server")
    fill(driver, "field-category", "Server")
    fill(driver, "field-manufacturer", "Dell")
    fill(driver, "field-model", "PowerEdge R750")
    fill(driver, "field-serial", "7XK2Q93")
    fill(driver, "field-location", "HQ › Building A › Server room › Rack 3")
    fill(driver, "field-purchase_date", "2024-02-29")
    fill(driver, "field-purchase_cost", "8450.00")
    fill(driver, "field-currency", "EUR")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "SRV-0042")

    # Find it by search in the register.
    click(driver, "back-to-register")
    search = wait_visible(driver, "search")
    search.send_keys("7XK2")
    row = WebDriverWait(driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, '[data-testid="asset-row"][data-tag="SRV-0042"]'))
    )
    wait_text(driver, "range", "1–1 of 1")
    assert "Primary file server" in text_of(row)

    # A search that matches nothing empties the table.
    search.send_keys(Keys.END, "zzz-nothing")
    wait_visible(driver, "no-results")
    search.clear()
    search.send_keys("SRV-0042")

    # Open its detail: every field is there.
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid="asset-row"][data-tag="SRV-0042"] td.tag'))
    ).click()
    detail = wait_visible(driver, "asset-detail")
    wait_text(driver, "detail-name", "Primary file server")
    for text in ("PowerEdge R750", "7XK2Q93", "HQ › Building A › Server room › Rack 3", "2024-02-29", "8,450.00"):
        assert text in text_of(detail), f"{text!r} missing from the asset page: {text_of(detail)}"

    # Log a repair and see it in the work log and the history.
    click(driver, "log-repair")
    Select(wait_visible(driver, "field-work-kind")).select_by_value("repair")
    fill(driver, "field-work-summary", "Replaced failed PSU")
    fill(driver, "field-work-details", "PSU 2 showed amber; swapped with spare from stock.")
    Select(wait_visible(driver, "field-work-outcome")).select_by_value("replaced")
    fill(driver, "field-work-cost", "129.90")
    fill(driver, "field-work-currency", "EUR")
    fill(driver, "field-work-downtime_minutes", "45")
    fill(driver, "field-work-performed_by", "Alex")
    click(driver, "field-work-covered_by_warranty")
    click(driver, "repair-save")

    wait_text(driver, "work-log", "Replaced failed PSU")
    work = driver.find_element(By.CSS_SELECTOR, css("work-log")).text
    assert "45 min" in work and "Alex" in work and "Replaced" in work
    history = wait_text(driver, "history", "Replaced failed PSU")
    entries = history.find_elements(By.CSS_SELECTOR, css("history-entry"))
    assert "Replaced failed PSU" in entries[0].text, "the newest history entry comes first"
    # Who: the app records the operating-system user it runs as.
    me = pwd.getpwuid(os.getuid()).pw_name
    assert f"by {me}" in entries[0].text, f"the timeline says who: {entries[0].text!r}"
    assert f"logged by {me}" in work, f"the work log says who logged it: {work!r}"


def test_validation_errors_are_shown_at_the_field(driver: WebDriver) -> None:
    wait_visible(driver, "welcome")
    click(driver, "add-asset")

    # Empty tag.
    fill(driver, "field-name", "Edge switch")
    click(driver, "asset-save")
    error = wait_visible(driver, "error-tag")
    assert error.text.strip() != ""
    assert driver.find_element(By.CSS_SELECTOR, css("field-tag")).get_attribute("aria-invalid") == "true"

    # A malformed date: the message names what was typed, at the date field.
    fill(driver, "field-tag", "SW-0001")
    fill(driver, "field-purchase_date", "2025-13-45")
    click(driver, "asset-save")
    error = wait_visible(driver, "error-purchase_date")
    assert "2025-13-45" in error.text
    assert not driver.find_elements(By.CSS_SELECTOR, css("error-tag")), "the fixed field's error is gone"

    # A negative cost.
    fill(driver, "field-purchase_date", "2025-01-15")
    fill(driver, "field-purchase_cost", "-10")
    click(driver, "asset-save")
    wait_visible(driver, "error-purchase_cost")

    # Fixed: the asset is saved.
    fill(driver, "field-purchase_cost", "310.00")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "SW-0001")

    # The repair form shows its errors at its fields too.
    click(driver, "log-repair")
    fill(driver, "field-work-performed_on", "yesterday")
    fill(driver, "field-work-summary", "Reseated uplink")
    click(driver, "repair-save")
    wait_visible(driver, "error-work-performed_on")

    # A duplicate tag, differing only in case, is refused at the tag.
    click(driver, "add-asset")
    fill(driver, "field-tag", "sw-0001")
    fill(driver, "field-name", "Another switch")
    click(driver, "asset-save")
    wait_visible(driver, "error-tag")


def test_sample_register(driver: WebDriver, database: Path) -> None:
    click(driver, "load-sample")
    # The sample lands on Home; the register is a page of its own.
    wait_visible(driver, "home")
    click(driver, "nav-register")
    table = wait_visible(driver, "asset-table")
    total = int(re.sub(r"\D", "", wait_text(driver, "range", "1–").text.split("of")[1]))
    assert 250 < total <= 300, "the sample's 300 assets, less the archived ones"
    # One scrolling list, drawn only where it is in view.
    drawn = len(table.find_elements(By.CSS_SELECTOR, css("asset-row")))
    assert 5 < drawn < total, drawn

    # Scrolled to the end: the last rows come, the list says where it is.
    driver.execute_script(
        "const s = arguments[0]; s.scrollTop = s.scrollHeight", wait_visible(driver, "register-scroll")
    )
    wait_text(driver, "range", f"–{total} of {total}")
    last_tag = json.loads(tend_json(database, "assets", "list", "--limit", "1", "--sort", "tag", "--desc"))["rows"][0]["tag"]
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-tag="{last_tag}"]')
    )
    # Sorting is done by the core, and starts again at the top.
    click(driver, "sort-name")
    wait_text(driver, "range", "1–")
    click(driver, "sort-tag")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "th[aria-sort='ascending'] " + css("sort-tag"))
    )

    # Filters: in repair only.
    Select(wait_visible(driver, "filter-status")).select_by_value("in_repair")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: re.search(r"of \d", d.find_element(By.CSS_SELECTOR, css("range")).text)
        and all(
            "In repair" in text_of(r) for r in d.find_elements(By.CSS_SELECTOR, css("asset-row"))
        )
    )
    Select(wait_visible(driver, "filter-status")).select_by_value("")
    wait_text(driver, "range", f" of {total}")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "register.png"))
    click(driver, "nav-due")
    wait_visible(driver, "due-view")
    driver.save_screenshot(str(SCREENSHOTS / "due.png"))

    # The due list shows the 200 most urgent; "Show more" brings the rest,
    # counted the same.
    note = text_of(wait_visible(driver, "due-truncated"))
    match = re.search(r"of ([\d,]+) items", note)
    assert match, note
    due_total = int(match.group(1).replace(",", ""))
    assert len(driver.find_elements(By.CSS_SELECTOR, css("due-item"))) == 200
    click(driver, "due-more")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, css("due-truncated"))
        and len(d.find_elements(By.CSS_SELECTOR, css("due-item"))) == min(due_total, 400)
    )

    # Keyboard: "/" focuses the search, Enter on a row opens it.
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.switch_to.active_element.get_attribute("data-testid") == "search"
    )
    first = driver.find_elements(By.CSS_SELECTOR, css("asset-row"))[0]
    tag = first.get_attribute("data-tag")
    first.send_keys(Keys.ENTER)
    wait_text(driver, "detail-tag", tag)
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, css("history-entry"))) > 1
    )
    driver.save_screenshot(str(SCREENSHOTS / "asset.png"))


def test_edit_archive_restore_and_coverage(driver: WebDriver) -> None:
    wait_visible(driver, "welcome")
    click(driver, "add-asset")
    fill(driver, "field-tag", "UPS-0007")
    fill(driver, "field-name", "Rack UPS")
    fill(driver, "field-category", "UPS")
    click(driver, "custom-add")
    driver.find_element(By.CSS_SELECTOR, css("custom-key")).send_keys("Battery model")
    driver.find_element(By.CSS_SELECTOR, css("custom-value")).send_keys("RBC55")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "UPS-0007")
    assert "RBC55" in text_of(wait_visible(driver, "asset-detail"))

    # Edit: the form comes back filled; a change is recorded in the history.
    click(driver, "edit-asset")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_element(By.CSS_SELECTOR, css("field-name")).get_attribute("value") == "Rack UPS"
    )
    fill(driver, "field-name", "Rack UPS, server room")
    click(driver, "asset-save")
    wait_text(driver, "detail-name", "Rack UPS, server room")
    wait_text(driver, "history", "Rack UPS, server room")

    # Coverage: a validation error at the end date, then saved.
    click(driver, "add-coverage")
    fill(driver, "field-coverage-provider", "APC")
    fill(driver, "field-coverage-end_date", "31/12/2027")
    click(driver, "coverage-save")
    wait_visible(driver, "error-coverage-end_date")
    fill(driver, "field-coverage-end_date", "2027-12-31")
    click(driver, "coverage-save")
    wait_text(driver, "coverage-list", "2027-12-31")

    # A repair logged today starts out covered by the warranty in force.
    click(driver, "log-repair")
    wait_text(driver, "work-coverage-in-force", "2027-12-31")
    assert driver.find_element(By.CSS_SELECTOR, css("field-work-covered_by_warranty")).is_selected()
    # Done after the warranty ended: the core's rule (as the CLI's) unticks it.
    fill(driver, "field-work-performed_on", "2028-06-01")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: not d.find_element(By.CSS_SELECTOR, css("field-work-covered_by_warranty")).is_selected()
    )
    assert not driver.find_elements(By.CSS_SELECTOR, css("work-coverage-in-force"))
    click(driver, "repair-cancel")

    # Archive and restore.
    click(driver, "archive-toggle")
    wait_visible(driver, "archived-badge")
    wait_text(driver, "archive-toggle", "Restore")
    click(driver, "archive-toggle")
    wait_text(driver, "archive-toggle", "Archive")
    assert not driver.find_elements(By.CSS_SELECTOR, css("archived-badge"))


def test_the_highest_rack_unit_is_set_in_settings_and_checked_at_the_field(driver: WebDriver) -> None:
    wait_visible(driver, "welcome")
    click(driver, "nav-settings")
    fill(driver, "field-setting-rack_units_max", "0")
    click(driver, "settings-save")
    assert "from 1 to 9999" in text_of(wait_visible(driver, "error-setting-rack_units_max"))
    fill(driver, "field-setting-rack_units_max", "48")
    click(driver, "settings-save")
    wait_text(driver, "settings-saved", "Saved")

    click(driver, "add-asset")
    fill(driver, "field-tag", "SW-0048")
    fill(driver, "field-name", "Top-of-rack switch")
    fill(driver, "field-location", "HQ › Rack 1")
    fill(driver, "field-rack_unit", "50")
    click(driver, "asset-save")
    assert "48" in text_of(wait_visible(driver, "error-rack_unit"))
    fill(driver, "field-rack_unit", "47.5")
    click(driver, "asset-save")
    wait_text(driver, "detail-tag", "SW-0048")
