"""End-to-end test of the asset page's quick actions: the fields are edited
in place (the core's message at the field, the page stays), and the dossier
PDF is written through the save dialog and handed to the system's viewer
(a stand-in `xdg-open` on PATH records what it was given).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import app_session
from test_bulk import tend
from test_desktop import click, css, fill, stand_ins, text_of, wait_text, wait_visible
from test_labels import open_by_tag

FAKE_XDG_OPEN = """#!/bin/sh
printf '%s' "$1" > "$OPENED"
"""


def test_an_asset_is_edited_in_place_and_its_dossier_opens_in_the_viewer(
    display: str, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_ins(tmp_path / "bin", {"xdg-open": FAKE_XDG_OPEN}, monkeypatch)
    opened = tmp_path / "opened.txt"
    monkeypatch.setenv("OPENED", str(opened))
    tend(database, "assets", "add", "--tag", "SRV-0042", "--name", "Mail server", "--category", "Server")

    with app_session(display, database, tmp_path) as driver:
        open_by_tag(driver, "SRV-0042")

        # Edit: the form takes the fields' place on the same page.
        click(driver, "edit-asset")
        page = wait_visible(driver, "asset-detail")
        name = page.find_element(By.CSS_SELECTOR, css("field-name"))
        assert name.get_attribute("value") == "Mail server"
        assert text_of(wait_visible(driver, "detail-tag")) == "SRV-0042"
        fill(driver, "field-name", "Mail server, rack 2")
        fill(driver, "field-purchase_date", "2025-02-30")
        click(driver, "asset-save")
        assert "2025-02-30" in text_of(wait_visible(driver, "error-purchase_date"))
        assert text_of(wait_visible(driver, "detail-name")) == "Mail server", "nothing saved"
        fill(driver, "field-purchase_date", "2025-02-28")
        click(driver, "asset-save")
        wait_text(driver, "detail-name", "Mail server, rack 2")
        assert not driver.find_elements(By.CSS_SELECTOR, css("field-name")), "the form gave way to the fields"
        wait_text(driver, "history", "Mail server, rack 2")

        # The dossier: saved where the dialog said, then opened.
        click(driver, "write-dossier")
        wait_text(driver, "dossier-written", "Saved")
    pdfs = list(tmp_path.glob("asset-SRV-0042-*.pdf"))
    assert len(pdfs) == 1, pdfs
    assert opened.read_text() == str(pdfs[0])
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "SRV-0042" in text and "Mail server, rack 2" in text, text
