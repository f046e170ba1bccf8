"""End-to-end test of the keyboard: the command palette (Ctrl+K) opens an
asset by its tag and reaches a screen by name; "g d", "g r", "/", "n" and
"?" do what the "?" sheet says; arrow keys and Enter move from the search
box through the table into an asset.
"""

from __future__ import annotations

import time
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import app_session
from test_bulk import tend
from test_desktop import TIMEOUT_S, css, screen, text_of, wait_text, wait_visible


def keys(driver, *typed: str) -> None:
    """Typed as a person would (not a scanner's burst): a pause between keys."""
    for key in typed:
        ActionChains(driver).send_keys(key).perform()
        time.sleep(0.25)


def unfocus(driver) -> None:
    driver.execute_script("document.activeElement && document.activeElement.blur()")


def test_the_keyboard_reaches_every_screen_and_asset(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-0042", "--name", "Core database server")
    tend(database, "assets", "add", "--tag", "PC-0007", "--name", "Reception PC")
    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "home")

        # Ctrl+K, a tag, Enter: the asset opens.
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        field = wait_visible(driver, "palette-input")
        field.send_keys("SRV-0042")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: any("SRV-0042" in text_of(a) for a in d.find_elements(By.CSS_SELECTOR, css("palette-asset")))
        )
        screen(driver, display, "palette.png")
        # The asset is below the commands that match: arrows reach it.
        choices = driver.find_elements(By.CSS_SELECTOR, '[role="option"]')
        at = next(i for i, c in enumerate(choices) if "SRV-0042" in text_of(c))
        for _ in range(at):
            field.send_keys(Keys.ARROW_DOWN)
        field.send_keys(Keys.ENTER)
        wait_text(driver, "detail-tag", "SRV-0042")
        assert not driver.find_elements(By.CSS_SELECTOR, css("palette"))

        # A screen by name.
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        wait_visible(driver, "palette-input").send_keys("report" + Keys.ENTER)
        wait_visible(driver, "nav-reports")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css("nav-reports")).get_attribute("aria-current") == "page"
        )
        # Esc closes the palette without doing anything.
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        wait_visible(driver, "palette-input").send_keys(Keys.ESCAPE)
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: not d.find_elements(By.CSS_SELECTOR, css("palette")))

        # Sequences and single keys, outside any field.
        unfocus(driver)
        keys(driver, "g", "d")
        wait_visible(driver, "due-view")
        keys(driver, "g", "h")
        wait_visible(driver, "home")
        keys(driver, "?")
        sheet = wait_visible(driver, "shortcuts")
        assert "g r" in text_of(sheet) and "Ctrl" in text_of(sheet), text_of(sheet)
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: not d.find_elements(By.CSS_SELECTOR, css("shortcuts")))
        unfocus(driver)
        keys(driver, "n")
        wait_visible(driver, "field-tag")
        unfocus(driver)
        keys(driver, "g", "r")
        wait_visible(driver, "register")

        # "/" searches; arrow down leaves the box for the rows; Enter opens one.
        unfocus(driver)
        keys(driver, "/")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.switch_to.active_element.get_attribute("data-testid") == "search"
        )
        ActionChains(driver).send_keys("PC-0007").perform()
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: [r.get_attribute("data-tag") for r in d.find_elements(By.CSS_SELECTOR, css("asset-row"))]
            == ["PC-0007"]
        )
        ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.switch_to.active_element.get_attribute("data-tag") == "PC-0007"
        )
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        wait_text(driver, "detail-tag", "PC-0007")
