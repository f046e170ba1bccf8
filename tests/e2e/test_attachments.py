"""End-to-end test of attachments in the desktop app: files chosen in the
native dialog (scripted in debug builds, see src-tauri/dialogs.rs) go onto
an asset's page with their size, an image shows its thumbnail, "Save as…"
writes the same bytes, "Remove" takes one off, both recorded in the
history; the register attaches a file to every asset its filter matches.
The `tend` command line confirms what the register holds.

Dropping files on the window cannot be driven here: WebDriver has no way to
make the system's drag and drop, and the page may not raise the event
itself (no permission to emit).
"""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, app_session
from test_desktop import TIMEOUT_S, click, css, fill, screen, text_of, wait_text, wait_visible
from test_labels import open_by_tag

TEND = REPO / "target" / "debug" / "tend"


def tend(database: Path, *args: str) -> str:
    return subprocess.run(
        [str(TEND), "--db", str(database), *args], check=True, capture_output=True, text=True
    ).stdout


def png(width: int, height: int) -> bytes:
    """A real PNG: red, width × height, made here so the test needs no image tools."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def rows(driver: WebDriver, n: int) -> list:
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, css("attachment-row"))) == n
    )
    return driver.find_elements(By.CSS_SELECTOR, css("attachment-row"))


def pick(tmp_path: Path, *names: str) -> None:
    """What the scripted open dialog answers next: these files of tmp_path."""
    (tmp_path / "e2e-pick.txt").write_text("\n".join(names))


def test_files_are_attached_shown_saved_and_removed(display: str, database: Path, tmp_path: Path) -> None:
    tend(database, "assets", "add", "--tag", "SRV-0001", "--name", "Mail server")
    tend(database, "assets", "add", "--tag", "SRV-0002", "--name", "File server")
    tend(database, "assets", "add", "--tag", "PC-0003", "--name", "Reception PC")
    inbox = tmp_path / "in"
    inbox.mkdir()
    invoice = bytes(range(256)) * 6_000  # 1.5 MB: two chunks
    (inbox / "invoice 2026-117.pdf").write_bytes(invoice)
    (inbox / "rack photo.png").write_bytes(png(40, 30))
    with app_session(display, database, tmp_path) as driver:
        open_by_tag(driver, "SRV-0001")
        wait_visible(driver, "no-attachments")
        pick(tmp_path, "in/invoice 2026-117.pdf", "in/rack photo.png")
        fill(driver, "attach-note", "warranty claim")
        click(driver, "attach-files")
        wait_text(driver, "attachments-notice", "Attached invoice 2026-117.pdf, rack photo.png")
        found = rows(driver, 2)
        texts = [text_of(r) for r in found]
        assert any("invoice 2026-117.pdf" in t and "1.5 MB" in t and "warranty claim" in t for t in texts), texts
        # The image's thumbnail is the picture itself, loaded.
        thumb = wait_visible(driver, "attachment-thumbnail")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth === 40", thumb)
        )
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: "Attached rack photo.png" in text_of(d.find_element(By.CSS_SELECTOR, css("history")))
        )
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", wait_visible(driver, "attachments"))
        screen(driver, display, "attachments.png")

        # Save as…: the dialog (scripted) saves under the file's own name.
        invoice_row = next(r for r in found if "invoice" in text_of(r))
        invoice_row.find_element(By.CSS_SELECTOR, css("save-attachment")).click()
        wait_text(driver, "attachments-notice", "Saved")
        assert (tmp_path / "invoice 2026-117.pdf").read_bytes() == invoice

        # Remove the photo: one file left, and the history says so.
        photo_row = next(r for r in rows(driver, 2) if "rack photo" in text_of(r))
        photo_row.find_element(By.CSS_SELECTOR, css("remove-attachment")).click()
        rows(driver, 1)
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: "Removed attachment rack photo.png" in text_of(d.find_element(By.CSS_SELECTOR, css("history")))
        )
        listed = json.loads(tend(database, "attachments", "list", "SRV-0001", "--json"))
        assert [(a["name"], a["note"], a["size"]) for a in listed] == [
            ("invoice 2026-117.pdf", "warranty claim", len(invoice))
        ]

        # A bad file says why on the page and stores nothing.
        (inbox / "empty.txt").write_bytes(b"")
        pick(tmp_path, "in/empty.txt")
        click(driver, "attach-files")
        wait_text(driver, "attachments-error", "is empty (0 bytes)")
        rows(driver, 1)

        # The register: one file to every asset its filter matches.
        click(driver, "back-to-register")
        fill(driver, "search", "SRV")
        wait_text(driver, "attach-to-matching", "Attach files to these 2 assets")
        pick(tmp_path, "in/rack photo.png")
        click(driver, "attach-to-matching")
        wait_text(driver, "attached-to-matching", "Attached 1 file to 2 assets.")
    for tag, names in [("SRV-0001", {"invoice 2026-117.pdf", "rack photo.png"}), ("SRV-0002", {"rack photo.png"}), ("PC-0003", set())]:
        listed = json.loads(tend(database, "attachments", "list", tag, "--json"))
        assert {a["name"] for a in listed} == names, tag
