"""End-to-end test of date fields: in the register's date format (here
DD.MM.YYYY, set with the command line) a date is typed that way or picked
from the calendar, stored as ISO (the command line reads it back), and
shown in that format on the asset's page.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.file_detector import UselessFileDetector

from conftest import app_session
from test_bulk import tend
from test_desktop import click, fill, text_of, wait_text, wait_visible


def test_dates_are_typed_or_picked_in_the_registers_format(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-01", "--name", "Mail server")
    tend(database, "settings", "set", "date_format", "DD.MM.YYYY")
    fifteenth = dt.date.today().replace(day=15)
    with app_session(display, database, tmp_path) as driver:
        click(driver, "add-asset")
        fill(driver, "field-tag", "UPS-01")
        fill(driver, "field-name", "Rack UPS")
        fill(driver, "field-purchase_date", "29.02.2024")
        # The calendar opens on this month; the 15th is a click away.
        click(driver, "pick-end_of_life")
        calendar = wait_visible(driver, "calendar-end_of_life")
        calendar.find_element(By.CSS_SELECTOR, f'[data-day="{fifteenth.isoformat()}"]').click()
        assert wait_visible(driver, "field-end_of_life").get_attribute("value") == fifteenth.strftime("%d.%m.%Y")
        click(driver, "asset-save")
        wait_text(driver, "detail-tag", "UPS-01")
        assert "29.02.2024" in text_of(wait_visible(driver, "asset-detail"))

        stored = json.loads(tend(database, "assets", "show", "UPS-01", "--json"))["asset"]
        assert (stored["purchase_date"], stored["end_of_life"]) == ("2024-02-29", fifteenth.isoformat())

        # A day that does not exist is the core's to refuse, at the field.
        click(driver, "edit-asset")
        fill(driver, "field-purchase_date", "31.02.2024")
        click(driver, "asset-save")
        assert "31.02.2024" in text_of(wait_visible(driver, "error-purchase_date"))


def test_the_logo_is_chosen_in_the_dialog_and_shown(display: str, database: Path, tmp_path: Path) -> None:
    from test_attachments import png

    tend(database, "assets", "add", "--tag", "SRV-01", "--name", "Mail server")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(60, 20))
    (tmp_path / "notes.txt").write_text("not an image")
    with app_session(display, database, tmp_path) as driver:
        # A typed path is text here, not a file for WebDriver to upload.
        driver.file_detector = UselessFileDetector()
        click(driver, "nav-settings")
        # The typed path only says where the dialog opens; the dialog chooses.
        fill(driver, "field-setting-logo_path", str(logo))
        click(driver, "setting-logo-choose")
        preview = wait_visible(driver, "setting-logo-preview")
        assert driver.execute_script("return arguments[0].naturalWidth", preview) == 60
        stored = tend(database, "settings", "get", "logo_path").strip()
        assert stored.endswith("logo.png"), stored
