"""Every main screen of the sample register, in the light and the dark
theme, as a person sees it: each screen is reached through the navigation
and shows its content before it is photographed. The pictures go to
target/e2e-screenshots (docs/screenshots with TEND_SCREENSHOTS=docs/screenshots,
which is how the README's are made).
"""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import app_session
from test_desktop import TIMEOUT_S, click, css, screen, wait_visible


def theme(driver, name: str) -> None:
    """Chosen as a person would: the palette's "Use the … theme"."""
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    wait_visible(driver, "palette-input").send_keys(f"use the {name} theme" + Keys.ENTER)
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.execute_script("return document.documentElement.dataset.theme") == name
    )


def test_every_screen_in_both_themes(display: str, database: Path, tmp_path: Path) -> None:
    with app_session(display, database, tmp_path) as driver:
        click(driver, "load-sample")
        wait_visible(driver, "home")
        for name in ("light", "dark"):
            theme(driver, name)
            click(driver, "nav-home")
            wait_visible(driver, "chart-categories")
            WebDriverWait(driver, TIMEOUT_S).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, f'{css("due-urgent")} {css("due-item")}')
            )
            screen(driver, display, f"home-{name}.png")

            click(driver, "nav-register")
            WebDriverWait(driver, TIMEOUT_S).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, css("asset-row"))) > 5)
            screen(driver, display, f"register-{name}.png")

            click(driver, "nav-due")
            wait_visible(driver, "due-item")
            screen(driver, display, f"due-{name}.png")

            click(driver, "nav-locations")
            racks = WebDriverWait(driver, TIMEOUT_S).until(
                lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, css("place")) if "rack" in p.text]
            )
            racks[0].click()
            wait_visible(driver, "rack-view")
            screen(driver, display, f"locations-{name}.png")

            driver.find_elements(By.CSS_SELECTOR, css("rack-device"))[0].click()
            wait_visible(driver, "asset-detail")
            WebDriverWait(driver, TIMEOUT_S).until(lambda d: d.find_elements(By.CSS_SELECTOR, css("history-entry")))
            screen(driver, display, f"asset-{name}.png")

            click(driver, "nav-reports")
            screen(driver, display, f"reports-{name}.png")
            click(driver, "nav-settings")
            wait_visible(driver, "settings-theme")
            screen(driver, display, f"settings-{name}.png")
