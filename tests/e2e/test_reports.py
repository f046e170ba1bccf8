"""End-to-end test of reports in the desktop app: set the organisation's name
in Settings, make the inventory report (the native save dialog opens on the
suggested file name; under test it accepts it at once in the test's folder,
see conftest.py), and read the PDF back with pdftotext. There is no typed
path: the page shows the file the dialog chose.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from test_desktop import click, fill, text_of, wait_text

ORGANISATION = "Stadtwerke Zürich · 東京"


def test_settings_name_appears_on_the_inventory_report(driver: WebDriver, tmp_path: Path) -> None:
    click(driver, "nav-settings")
    fill(driver, "field-setting-organisation_name", ORGANISATION)
    click(driver, "settings-save")
    wait_text(driver, "settings-saved", "Saved")

    click(driver, "nav-reports")
    click(driver, "report-choose")
    target = wait_text(driver, "report-target", "inventory-")
    out = Path(text_of(target).strip())
    assert out.parent == tmp_path, out
    click(driver, "report-open-after")  # no PDF viewer on the test machine
    click(driver, "report-generate")
    wait_text(driver, "report-written", out.name)

    assert out.exists()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert ORGANISATION in text, text
    assert "Inventory summary" in text and "Page 1 of 1" in text, text

    # Made again: the dialog opens again (a chosen file is written once).
    out.unlink()
    click(driver, "report-generate")
    wait_text(driver, "report-written", out.name)
    assert out.exists()
