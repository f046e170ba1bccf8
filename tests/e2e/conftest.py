"""Fixtures that drive the real Tend desktop binary.

An Xvfb display (one per test session, on a display number Xvfb picks itself),
and per test: a fresh database file, `tauri-driver` on free ports with the
WebKitWebDriver of the system, and a selenium session whose application is
target/debug/tend-desktop (override with $TEND_DESKTOP_BIN). The app opens the
database named by $TEND_DB, so every test starts from an empty register; its
file dialogs accept what they are opened on ($TEND_E2E_DIALOG, debug builds
only).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import selenium.webdriver.support.wait as selenium_wait
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver

REPO = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("TEND_DESKTOP_BIN", REPO / "target" / "debug" / "tend-desktop"))
NATIVE_DRIVER = os.environ.get("TEND_NATIVE_DRIVER", "/usr/bin/WebKitWebDriver")
STARTUP_TIMEOUT_S = 30
# Longest a single WebDriver command may take before the test fails (not hangs).
COMMAND_TIMEOUT_S = 60

# Every wait polls again when the page redrew under it: an element found
# (the register's rows, refilled when a block of rows arrives) can be gone
# by the time WebDriver makes its handle, and the next poll sees the page as
# it is now. Selenium reads this default each time a wait is made.
selenium_wait.IGNORED_EXCEPTIONS = (NoSuchElementException, StaleElementReferenceException)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tauri-driver exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"tauri-driver did not listen on port {port} within {STARTUP_TIMEOUT_S} s")


def app_processes() -> set[int]:
    """The processes running the app's binary now."""
    target = os.path.realpath(APP)
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.path.realpath(entry / "exe") == target:
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def _end_left_over(before: set[int]) -> None:
    """Ends the app processes started since `before` that are still running:
    an app the session could not quit (hung, or asked a question no one
    answers) would otherwise stay on the display for the next test."""
    deadline = time.time() + 5
    while (left := app_processes() - before) and time.time() < deadline:
        time.sleep(0.1)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)


def x_screenshot(driver: WebDriver, display: str, path: Path) -> None:
    """The app's window as `path`, taken from the X screen: WebKitWebDriver's
    own screenshot hangs on some pages here (the welcome screen of an empty
    register, for one)."""
    rect = driver.get_window_rect()
    crop = f"{rect['width']}x{rect['height']}+{max(rect['x'], 0)}+{max(rect['y'], 0)}"
    subprocess.run(
        ["import", "-display", display, "-window", "root", "-crop", crop, "+repage", str(path)],
        check=True,
        timeout=30,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An X display for the app: Xvfb on a free display number."""
    if not APP.exists():
        pytest.exit(f"{APP} does not exist: build the UI and `cargo build -p tend-desktop` first", 2)
    for tool in ("Xvfb", "tauri-driver"):
        if shutil.which(tool) is None:
            pytest.exit(f"{tool} is not on PATH (see tests/e2e/run.sh)", 2)
    read_fd, write_fd = os.pipe()
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    with log.open("w") as out:
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    os.close(write_fd)
    with os.fdopen(read_fd) as r:
        number = r.readline().strip()
    if not number:
        _stop(xvfb)
        raise RuntimeError(f"Xvfb did not start:\n{log.read_text()}")
    try:
        yield f":{number}"
    finally:
        _stop(xvfb)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A database file that does not exist yet: the app creates it empty."""
    return tmp_path / "tend.sqlite"


@contextlib.contextmanager
def app_session(display: str, database: Path, tmp_path: Path) -> Iterator[WebDriver]:
    """A selenium session on a freshly started Tend window, quit on leaving.

    The app's configuration folder (where Settings → Register keeps its
    choice) is tmp_path/config and its web view's storage (the theme) is
    under tmp_path/data, so no test sees another's choice or the user's
    own; a second session on the same tmp_path sees the first's."""
    port, native_port = _free_port(), _free_port()
    # WebDriver cannot drive native file dialogs: the debug build's dialogs
    # answer at once with the path they would open on (a typed path, or a
    # suggested file name taken in this test's folder); see src-tauri/dialogs.rs.
    env = dict(
        os.environ,
        DISPLAY=display,
        TEND_DB=str(database),
        TEND_E2E_DIALOG=f"accept:{tmp_path}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        # The web view's own storage (the theme chosen) is this test's too.
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    # The driver is not for a GPU; software rendering is the reliable choice under Xvfb.
    env.setdefault("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
    env.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
    log = tmp_path / f"tauri-driver-{port}.log"
    before = app_processes()
    with log.open("w") as out:
        tauri_driver = subprocess.Popen(
            [
                "tauri-driver",
                "--port",
                str(port),
                "--native-port",
                str(native_port),
                "--native-driver",
                NATIVE_DRIVER,
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        # tauri-driver listens at once but proxies to WebKitWebDriver, which
        # it starts on the native port: wait for both.
        _wait_for_port(port, tauri_driver, log)
        _wait_for_port(native_port, tauri_driver, log)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP)})
        connection = RemoteConnection(
            client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}", timeout=COMMAND_TIMEOUT_S)
        )
        session = webdriver.Remote(command_executor=connection, options=options)
        try:
            session.implicitly_wait(0)
            yield session
        finally:
            try:
                session.quit()
            except Exception:  # the app was killed on purpose (test_crash.py)
                pass
    finally:
        _stop(tauri_driver)
        _end_left_over(before)


@pytest.fixture
def driver(display: str, database: Path, tmp_path: Path) -> Iterator[WebDriver]:
    """A selenium session on a freshly started Tend window."""
    with app_session(display, database, tmp_path) as session:
        yield session


FAILURES = REPO / "target" / "e2e-failures"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On a failed test, keep a screenshot and the page text in target/e2e-failures/."""
    outcome = yield
    report = outcome.get_result()
    funcargs = getattr(item, "funcargs", {})
    session, display = funcargs.get("driver"), funcargs.get("display")
    if report.when == "call" and report.failed and session is not None and display is not None:
        FAILURES.mkdir(parents=True, exist_ok=True)
        try:
            x_screenshot(session, display, FAILURES / f"{item.name}.png")
            body = session.find_element("tag name", "body").get_attribute("innerText") or ""
            (FAILURES / f"{item.name}.txt").write_text(body)
        except Exception as e:  # the app may be gone; the test's own failure is what matters
            report.sections.append(("e2e", f"no screenshot: {e}"))
        else:
            report.sections.append(("e2e", f"screenshot and page text in {FAILURES}/{item.name}.*"))
