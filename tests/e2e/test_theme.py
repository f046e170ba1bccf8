"""End-to-end test of the theme: dark chosen in Settings shows at once, is
still dark after the app is closed and started again (this computer's
choice, kept by the web view), and light takes it back.
"""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import app_session
from test_desktop import TIMEOUT_S, click, screen, wait_visible


def shown(driver: WebDriver) -> tuple[str, str]:
    """The theme on <html> and the page's background colour."""
    return driver.execute_script(
        "return [document.documentElement.dataset.theme || '',"
        " getComputedStyle(document.documentElement).backgroundColor]"
    )


def test_dark_theme_is_chosen_and_still_dark_after_a_restart(display: str, database: Path, tmp_path: Path) -> None:
    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "welcome")
        light = shown(driver)
        click(driver, "nav-settings")
        Select(wait_visible(driver, "settings-theme")).select_by_value("dark")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: shown(d)[0] == "dark")
        dark = shown(driver)
        assert dark[1] != light[1], (light, dark)
        screen(driver, display, "settings-dark.png")

    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "welcome")
        assert shown(driver) == dark, "dark again after a restart"
        click(driver, "nav-settings")
        select = Select(wait_visible(driver, "settings-theme"))
        assert select.first_selected_option.get_attribute("value") == "dark"
        select.select_by_value("light")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: shown(d)[0] == "light")
        assert shown(driver)[1] == light[1]
