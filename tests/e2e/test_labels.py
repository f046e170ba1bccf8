"""End-to-end test of printing labels from the desktop app: "Print label" on
an asset's page and "Print labels for these N assets" under the register's
current filter show the first page as the PDF will print it, and "Save PDF…"
writes a PDF at exact size whose QR codes read back (zbarimg) as the tags;
with a print service, "Print" hands the PDF to `lp` at 100 % (a stand-in
print service here: lpstat and lp scripts that keep what they were given).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO, app_session
from test_desktop import TIMEOUT_S, click, css, fill, screen, stand_ins, wait_text, wait_visible

TEND = REPO / "target" / "debug" / "tend"


def tend(database: Path, *args: str) -> None:
    subprocess.run([str(TEND), "--db", str(database), *args], check=True, capture_output=True, text=True)


def codes(pdf: Path) -> set[str]:
    """The QR codes of the PDF's first page, read from a 300 dpi rendering."""
    png = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
    out = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True).stdout
    return set(out.split())


def page_size_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return float(size[2]) * 25.4 / 72, float(size[4]) * 25.4 / 72


def open_by_tag(driver: WebDriver, tag: str) -> None:
    """Opens an asset as a person with its tag would: the tag and Enter in the search box."""
    click(driver, "nav-register")
    wait_visible(driver, "register")
    fill(driver, "search", tag)
    driver.find_element(By.CSS_SELECTOR, css("search")).send_keys(Keys.ENTER)
    wait_text(driver, "detail-tag", tag)


def wait_preview(driver: WebDriver) -> None:
    """Until the preview image has loaded and has a size."""
    image = wait_visible(driver, "labels-preview")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)
    )


def test_labels_are_previewed_and_saved_for_an_asset_and_for_the_filter(
    display: str, database: Path, tmp_path: Path
) -> None:
    tend(database, "assets", "add", "--tag", "SRV-0001", "--name", "Mail server", "--serial", "SN-1")
    tend(database, "assets", "add", "--tag", "SRV-0002", "--name", "File server")
    tend(database, "assets", "add", "--tag", "PC-0003", "--name", "Reception PC")
    with app_session(display, database, tmp_path) as driver:
        # One asset's label, on a thermal label of 62 × 29 mm.
        open_by_tag(driver, "SRV-0001")
        click(driver, "print-label")
        wait_preview(driver)
        Select(wait_visible(driver, "labels-layout")).select_by_value("brother-62x29")
        wait_preview(driver)
        click(driver, "labels-open-after")  # no PDF viewer on the test machine
        click(driver, "labels-save")
        wait_text(driver, "labels-written", "1 label on 1 page")
        single = tmp_path / "label-SRV-0001.pdf"
        assert single.exists()
        width, height = page_size_mm(single)
        assert abs(width - 62) < 0.05 and abs(height - 29) < 0.05, (width, height)
        assert codes(single) == {"SRV-0001"}

        # The register filtered to two servers: their labels, on a sheet.
        click(driver, "nav-register")
        fill(driver, "search", "SRV")
        wait_text(driver, "print-labels", "these 2 assets")
        click(driver, "print-labels")
        wait_preview(driver)
        fill(driver, "labels-start", "3")
        wait_preview(driver)
        screen(driver, display, "labels.png")
        click(driver, "labels-open-after")
        click(driver, "labels-save")
        wait_text(driver, "labels-written", "2 labels on 1 page")
        sheet = tmp_path / "labels.pdf"
        width, height = page_size_mm(sheet)
        assert abs(width - 210) < 0.1 and abs(height - 297) < 0.1, (width, height)
        assert codes(sheet) == {"SRV-0001", "SRV-0002"}


FAKE_LPSTAT = """#!/bin/sh
[ "$1" = "-e" ] && printf 'Office_QL\\nZebra_Stores\\n'
"""

FAKE_LP = """#!/bin/sh
# Keeps its arguments and the file it was given, as CUPS would spool it.
printf '%s\\n' "$@" > "$PRINTED/args"
for last; do :; done
cp "$last" "$PRINTED/job.pdf"
echo "request id is $2-7 (1 file(s))"
"""


def test_labels_go_to_the_printer_chosen_at_actual_size(
    display: str, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed"
    printed.mkdir()
    stand_ins(tmp_path / "bin", {"lpstat": FAKE_LPSTAT, "lp": FAKE_LP}, monkeypatch)
    monkeypatch.setenv("PRINTED", str(printed))
    tend(database, "assets", "add", "--tag", "UPS-0009", "--name", "Rack UPS")
    with app_session(display, database, tmp_path) as driver:
        open_by_tag(driver, "UPS-0009")
        click(driver, "print-label")
        wait_preview(driver)
        Select(wait_visible(driver, "labels-printer")).select_by_value("Zebra_Stores")
        Select(wait_visible(driver, "labels-layout")).select_by_value("zebra-2x1")
        wait_preview(driver)
        click(driver, "labels-print")
        wait_text(driver, "labels-printed", "Sent to Zebra_Stores (request id is Zebra_Stores-7")
    args = (printed / "args").read_text().split("\n")
    assert args[:4] == ["-d", "Zebra_Stores", "-o", "print-scaling=none"], args
    width, height = page_size_mm(printed / "job.pdf")
    assert abs(width - 50.8) < 0.05 and abs(height - 25.4) < 0.05, (width, height)
    assert codes(printed / "job.pdf") == {"UPS-0009"}


def test_zebra_labels_go_to_the_printers_port_in_zpl_or_to_a_file(
    display: str, database: Path, tmp_path: Path
) -> None:
    import socket
    import threading

    tend(database, "assets", "add", "--tag", "SW-0042", "--name", "Core switch")
    received: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def printer() -> None:
        conn, _ = server.accept()
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
        received.append(data)
        conn.close()

    listener = threading.Thread(target=printer, daemon=True)
    listener.start()
    with app_session(display, database, tmp_path) as driver:
        open_by_tag(driver, "SW-0042")
        click(driver, "print-label")
        wait_preview(driver)
        Select(wait_visible(driver, "labels-layout")).select_by_value("zebra-2x1")
        fill(driver, "labels-zebra", f"127.0.0.1:{port}")
        click(driver, "labels-send-zpl")
        wait_text(driver, "labels-zpl-done", f"Sent in ZPL to 127.0.0.1:{port}")
        listener.join(timeout=TIMEOUT_S)
        assert received and received[0].startswith(b"^XA"), received
        assert b"SW-0042" in received[0] and received[0].rstrip().endswith(b"^XZ")

        click(driver, "labels-save-zpl")
        wait_text(driver, "labels-zpl-done", "Saved ZPL")
        saved = (tmp_path / "label-SW-0042.zpl").read_bytes()
        assert saved == received[0]

        # A printer that is not there is said in words.
        server.close()
        fill(driver, "labels-zebra", f"127.0.0.1:{port}")
        click(driver, "labels-send-zpl")
        wait_text(driver, "labels-error", f"could not send the labels to 127.0.0.1:{port}")
