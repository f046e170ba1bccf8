"""End-to-end test of the locations screen: the tree counts what each place
holds, a rack shows its devices by unit (a model's height set on the page
makes its device taller, overlaps are flagged) and a click on a device
opens it; renaming a room moves every path below it, which the command
line sees in the asset and its history.
"""

from __future__ import annotations

import json
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import app_session
from test_bulk import tend
from test_desktop import TIMEOUT_S, click, css, fill, screen, text_of, wait_text, wait_visible

RACK = "HQ › Building A › Server room › Rack 3"


def place(driver, path: str):
    return WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'{css("place")}[data-path="{path}"]')
    )


def device(driver, tag: str):
    return WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'{css("rack-device")}[data-tag="{tag}"]')
    )


def box(driver, tag: str) -> dict:
    """Where a device is drawn (its client rectangle)."""
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return {top: r.top, height: r.height};",
        device(driver, tag),
    )


def test_a_rack_shows_its_devices_and_a_room_is_renamed(display: str, database: Path, tmp_path: Path) -> None:
    for tag, unit, model in (("SRV-01", "1", "PowerEdge R750"), ("SRV-02", "2", "PowerEdge R650"),
                             ("SW-01", "40", "Switch 48")):
        tend(database, "assets", "add", "--tag", tag, "--name", f"Device {tag}", "--location", RACK,
             "--rack-unit", unit, "--model", model)
    tend(database, "assets", "add", "--tag", "PC-01", "--name", "Desk PC", "--location", "HQ › Building A › Office")

    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-locations")
        assert "4" in text_of(place(driver, "HQ")), text_of(place(driver, "HQ"))
        place(driver, RACK).click()
        wait_visible(driver, "rack-view")
        one_unit = box(driver, "SRV-01")["height"]

        # The R750 is 2 U: set on the page, its device grows over SRV-02's unit.
        buttons = driver.find_elements(By.CSS_SELECTOR, css("model-set-height"))
        next(b for b in buttons if "R750" in text_of(b)).click()
        fill(driver, "model-units", "2")
        click(driver, "model-units-save")
        wait_text(driver, "rack-overlaps", "SRV-01")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: box(d, "SRV-01")["height"] > one_unit * 1.5)
        assert box(driver, "SRV-01")["top"] > box(driver, "SW-01")["top"], "U1 at the bottom"
        screen(driver, display, "rack.png")

        sw = device(driver, "SW-01")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", sw)
        sw.click()
        wait_text(driver, "detail-tag", "SW-01")

        # Rename the room: the rack's path, and its assets', follow.
        click(driver, "nav-locations")
        place(driver, "HQ › Building A › Server room").click()
        fill(driver, "place-name", "Data hall")
        click(driver, "place-rename")
        wait_text(driver, "place-done", "now HQ › Building A › Data hall")
        place(driver, "HQ › Building A › Data hall › Rack 3")
        shown = json.loads(tend(database, "assets", "show", "SRV-02", "--json"))
        assert shown["asset"]["location"] == "HQ › Building A › Data hall › Rack 3"
        assert any(h.get("field") == "location" for h in shown["recent_history"]), shown["recent_history"]

        # The place opens the register filtered to it and below.
        click(driver, "place-register")
        wait_visible(driver, "register")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: sorted(r.get_attribute("data-tag") for r in d.find_elements(By.CSS_SELECTOR, css("asset-row")))
            == ["SRV-01", "SRV-02", "SW-01"]
        )
