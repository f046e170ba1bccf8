"""End-to-end test of scanning a label in the desktop app: a barcode or QR
scanner types the label's text and Enter, fast. Anywhere that is not a text
field, a tag (or the link a label's QR code holds, made from the setting
label_qr_url) opens its asset at once; in the register's search box, a whole
tag does too; an unknown tag is said, with "Add asset with this tag", which
opens the form with the tag filled in. A person typing slowly outside a
field opens nothing.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from conftest import REPO, app_session
from test_desktop import click, css, text_of, wait_text, wait_visible

TEND = REPO / "target" / "debug" / "tend"


def tend(database: Path, *args: str) -> None:
    subprocess.run([str(TEND), "--db", str(database), *args], check=True, capture_output=True, text=True)


def unfocus(driver: WebDriver) -> None:
    """Leaves no field focused, as after clicking an empty part of the window."""
    driver.execute_script("document.activeElement && document.activeElement.blur()")


def scan(driver: WebDriver, text: str) -> None:
    """Types `text` and Enter as a scanner does: all at once, on the page."""
    ActionChains(driver).send_keys(text + Keys.ENTER).perform()


def test_a_scanned_label_opens_its_asset_or_offers_to_add_it(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-0001", "--name", "Mail server")
    tend(database, "assets", "add", "--tag", "PC 7/1", "--name", "Reception PC")
    tend(database, "settings", "set", "label_qr_url", "https://wiki.example.org/assets/{tag}")
    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-register")
        wait_visible(driver, "register")
        # On the register page, nothing focused: the tag opens the asset.
        unfocus(driver)
        scan(driver, "SRV-0001")
        wait_text(driver, "detail-tag", "SRV-0001")

        # The link a label's QR code holds opens its asset too.
        click(driver, "nav-register")
        wait_visible(driver, "register")
        scan(driver, "https://wiki.example.org/assets/PC%207%2F1")
        wait_text(driver, "detail-tag", "PC 7/1")

        # In the search box, a whole tag and Enter opens it.
        click(driver, "nav-register")
        search = wait_visible(driver, "search")
        search.send_keys("SRV-0001" + Keys.ENTER)
        wait_text(driver, "detail-tag", "SRV-0001")

        # A person typing slowly outside a field opens nothing.
        click(driver, "nav-register")
        wait_visible(driver, "register")
        unfocus(driver)
        for key in "SRV-0001":
            ActionChains(driver).send_keys(key).perform()
            time.sleep(0.15)
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        time.sleep(1)
        assert not driver.find_elements(By.CSS_SELECTOR, css("detail-tag"))
        assert not driver.find_elements(By.CSS_SELECTOR, css("scan-unknown"))

        # An unknown tag is said; "Add asset with this tag" fills the form.
        scan(driver, "NEW-0042")
        banner = wait_visible(driver, "scan-unknown")
        assert "NEW-0042" in text_of(banner)
        click(driver, "scan-add")
        tag = wait_visible(driver, "field-tag")
        assert tag.get_attribute("value") == "NEW-0042"
