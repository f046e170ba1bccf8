"""End-to-end test of reports in the desktop app: set the organisation's name
in Settings, make the inventory report to a typed path (a typed path opens
the native save dialog there; under test the dialog accepts it at once, see
conftest.py), and read the PDF back with pdftotext.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from test_desktop import click, fill, wait_text

ORGANISATION = "Stadtwerke Zürich · 東京"


def test_settings_name_appears_on_the_inventory_report(driver: WebDriver, tmp_path: Path) -> None:
    click(driver, "nav-settings")
    fill(driver, "field-setting-organisation_name", ORGANISATION)
    click(driver, "settings-save")
    wait_text(driver, "settings-saved", "Saved")

    out = tmp_path / "reports" / "inventory.pdf"
    out.parent.mkdir()
    click(driver, "nav-reports")
    fill(driver, "field-report-path", str(out))
    click(driver, "report-open-after")  # no PDF viewer on the test machine
    click(driver, "report-generate")
    wait_text(driver, "report-written", "inventory.pdf")

    assert out.exists()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert ORGANISATION in text, text
    assert "Inventory summary" in text and "Page 1 of 1" in text, text

    # A folder that does not exist: a clear error, and no file.
    missing = tmp_path / "nowhere" / "inventory.pdf"
    fill(driver, "field-report-path", str(missing))
    click(driver, "report-generate")
    wait_text(driver, "report-error", "does not exist")
    assert not missing.exists()
