"""End-to-end test of the import wizard in the desktop app: a column no
field takes is listed with its first values and must be decided on; type the
path of a CSV file (a typed path opens the native dialog there; under test the dialog
accepts it at once, see conftest.py), see the detected format, preview, and
find the bad row's error (row, column, value, reason) in the preview; nothing
is imported until the file is fixed, then the import runs. Then export the
register where the save dialog says: the file is replaced whole.
"""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from test_desktop import click, css, text_of, wait_text, wait_visible


def set_text(driver: WebDriver, testid: str, value: str) -> None:
    """Puts `value` in a text field as typing would (an input event). Typing a
    long path key by key with WebKitWebDriver stalled the session under Xvfb,
    so the value is set in one step."""
    field = wait_visible(driver, testid)
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        field,
        value,
    )

BAD = (
    "Asset Tag,Asset Name,Serial Number,Purchase Date,Purchase Cost,Status\r\n"
    "LAP-0001,Finance laptop,5CG1,2023-01-31,\"1,249.00\",Deployed\r\n"
    "LAP-0002,Spare laptop,5CG2,03/04/2025,899.00,Ready to Deploy\r\n"
)


def test_the_preview_shows_a_row_error_and_nothing_is_imported(driver: WebDriver, tmp_path: Path) -> None:
    source = tmp_path / "snipeit.csv"
    source.write_bytes(b"\xef\xbb\xbf" + BAD.encode("utf-8"))

    click(driver, "nav-csv")
    set_text(driver, "import-path", str(source))
    click(driver, "import-inspect")
    wait_visible(driver, "import-detected")
    shown = {
        testid: driver.execute_script(
            "return arguments[0].selectedOptions[0].textContent", wait_visible(driver, testid)
        )
        for testid in ("import-format", "import-encoding", "import-delimiter")
    }
    assert shown == {
        "import-format": "Detected: snipe_it",
        "import-encoding": "Detected: UTF-8 with BOM",
        "import-delimiter": "Detected: comma",
    }, shown

    click(driver, "import-preview")
    wait_text(driver, "import-counts", "1 to create")
    counts = text_of(wait_visible(driver, "import-counts"))
    assert "2 rows: 1 to create, 0 to update, 0 unchanged, 1 rejected" == counts, counts
    rows = driver.find_elements(By.CSS_SELECTOR, css("import-problem"))
    cells = [[text_of(td) for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    error = [c for c in cells if c[1] == "Purchase Date"]
    assert error, cells
    assert error[0][0] == "3" and error[0][2] == "03/04/2025", error
    assert "declare the date format" in error[0][3], error
    assert not driver.find_element(By.CSS_SELECTOR, css("import-run")).is_enabled()

    # Declaring the date format fixes the row; then the import runs.
    set_text(driver, "import-date-format", "DD/MM/YYYY")
    click(driver, "import-preview")
    wait_text(driver, "import-counts", "2 to create")
    click(driver, "import-run")
    wait_text(driver, "import-done", "Imported: 2 created")

    # Export: the save dialog answers with its suggested name in the test's
    # folder, where an older export is replaced whole (no part file left).
    exported = tmp_path / "tend-assets.csv"
    exported.write_text("an older export\n", encoding="utf-8")
    click(driver, "export-assets")
    wait_text(driver, "export-written", f"2 rows written to {exported}")
    text = exported.read_text(encoding="utf-8-sig")
    assert "LAP-0001" in text and "LAP-0002" in text and "older" not in text, text
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], list(tmp_path.iterdir())


NETBOX = (
    "ID,Name,Status,Site,Rack,Position (U),Type,Manufacturer,Role,Serial number,Cluster\r\n"
    "101,edge-rtr1,Active,Paris DC/2,Panel 07/08,10.5,ASR-1001-X,Cisco,Router,FOX1,cl-01\r\n"
    "102,,Offline,Paris DC/2,Panel 07/08,72,PowerEdge R650,Dell,Server,CN7A,cl-02\r\n"
)


def test_a_column_no_field_takes_is_listed_with_its_values_until_the_user_chooses(
    driver: WebDriver, tmp_path: Path
) -> None:
    source = tmp_path / "netbox.csv"
    source.write_bytes(NETBOX.encode("utf-8"))

    click(driver, "nav-csv")
    set_text(driver, "import-path", str(source))
    click(driver, "import-inspect")
    wait_visible(driver, "import-detected")
    wait_text(driver, "import-undecided", "Cluster")
    columns = [
        [text_of(td) for td in row.find_elements(By.TAG_NAME, "td")]
        for row in driver.find_elements(By.CSS_SELECTOR, css("import-column"))
    ]
    cluster = [c for c in columns if c[0] == "Cluster"]
    assert cluster and "cl-01" in cluster[0][1], columns
    assert "statuses become Tend's" in text_of(wait_visible(driver, "import-status-map"))

    click(driver, "import-preview")
    wait_text(driver, "import-counts", "2 to create")
    assert not driver.find_element(By.CSS_SELECTOR, css("import-run")).is_enabled()

    # Choosing "ignore" for it lets the import run.
    select = driver.find_element(By.CSS_SELECTOR, "select[aria-label='Field for Cluster']")
    driver.execute_script(
        "arguments[0].value = 'ignore';"
        "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        select,
    )
    click(driver, "import-preview")
    wait_text(driver, "import-counts", "2 to create")
    click(driver, "import-run")
    wait_text(driver, "import-done", "Imported: 2 created")
