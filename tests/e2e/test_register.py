"""End-to-end test of Settings → Register: the desktop app connecting to a
team register on a throw-away PostgreSQL (TEND_TEST_POSTGRES, which `cargo
xtask test` and `cargo xtask pg` give), "Test connection" saying in words
what is wrong or what is there, the password kept in the operating system's
keyring (a throw-away one: tests/e2e/keyring-session.sh) and in no file, the
choice remembered at the next start, and "Use a file on this computer"
switching back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO, _free_port, app_session
from test_desktop import TIMEOUT_S, click, css, fill, screen, text_of, wait_text, wait_visible

TEND = REPO / "target" / "debug" / "tend"
# Connecting and testing can take a few seconds (TLS, a 10 s connect timeout).
CONNECT_TIMEOUT_S = 60

# The labels of buttons that change the register (rows' own actions included).
WRITE_ACTIONS = {
    "Add asset", "Edit", "Log a repair", "Archive", "Add coverage", "Change", "Remove",
    "Add plan", "Done", "Skip", "Snooze", "Pause", "Resume", "Undo last",
}




def required(variable: str, why: str) -> str | None:
    value = os.environ.get(variable)
    if value:
        return value
    if os.environ.get(f"{variable}_REQUIRED"):
        pytest.fail(f"{variable} is not set ({why})")
    pytest.skip(f"{variable} is not set ({why})")
    return None


class Server:
    """The throw-away PostgreSQL, as its superuser."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.admin_user = parts.username or ""
        self.admin_password = parts.password or ""
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 5432

    def url(self, database: str, user: str | None = None, password: str | None = None) -> str:
        user = user or self.admin_user
        password = password if password is not None else self.admin_password
        return f"postgres://{user}:{password}@{self.host}:{self.port}/{database}?sslmode=disable"

    def sql(self, database: str, statement: str) -> None:
        subprocess.run(
            ["psql", "-v", "ON_ERROR_STOP=1", "-q", self.url(database), "-c", statement],
            check=True,
            capture_output=True,
            text=True,
        )

    def database(self) -> str:
        name = f"e2e_register_{uuid.uuid4().hex[:10]}"
        self.sql("postgres", f"CREATE DATABASE {name}")
        return name

    def login(self) -> tuple[str, str]:
        name = f"e2e_person_{uuid.uuid4().hex[:10]}"
        password = f"pw-{uuid.uuid4().hex}"
        self.sql("postgres", f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        return name, password


@pytest.fixture
def server() -> Server:
    url = required("TEND_TEST_POSTGRES", "run through `cargo xtask test` or `cargo xtask pg`")
    assert url is not None
    if shutil.which("psql") is None:
        pytest.fail("psql is not on PATH (apt install postgresql)")
    return Server(url)


@pytest.fixture
def keyring() -> None:
    required("TEND_TEST_KEYRING", "run inside tests/e2e/keyring-session.sh")
    if shutil.which("secret-tool") is None:
        pytest.fail("secret-tool is not on PATH (apt install libsecret-tools)")


def keyring_password(account: str) -> str | None:
    """What the keyring holds for Tend's entry `account`, read with another client than Tend's."""
    done = subprocess.run(
        ["secret-tool", "lookup", "service", "tend", "username", account],
        capture_output=True,
        text=True,
    )
    return done.stdout if done.returncode == 0 else None


def files_holding(text: str, *folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and text.encode() in path.read_bytes():
                found.append(path)
    return found


def fill_server(driver: WebDriver, server: Server, database: str, user: str, password: str, tls: str) -> None:
    fill(driver, "field-register-host", server.host)
    fill(driver, "field-register-port", str(server.port))
    fill(driver, "field-register-database", database)
    fill(driver, "field-register-user", user)
    fill(driver, "field-register-password", password)
    Select(wait_visible(driver, "field-register-tls")).select_by_value(tls)


def press_test_connection(driver: WebDriver) -> None:
    click(driver, "register-test")


def probe_text(driver: WebDriver, line: str) -> str:
    return text_of(
        WebDriverWait(driver, CONNECT_TIMEOUT_S).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css(f"probe-{line}"))
        )
    )


def error_text(driver: WebDriver) -> str:
    return text_of(
        WebDriverWait(driver, CONNECT_TIMEOUT_S).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css("register-error"))
        )
    )


def test_test_connection_says_what_is_wrong_and_what_is_there_in_words(
    driver: WebDriver, server: Server
) -> None:
    empty = server.database()
    user, password = server.login()
    click(driver, "nav-settings")
    wait_text(driver, "register-place", "A file on this computer")

    # Nothing listens on this port.
    fill_server(driver, server, empty, user, password, "require")
    fill(driver, "field-register-port", str(_free_port()))
    press_test_connection(driver)
    assert "cannot reach the server" in error_text(driver)

    fill(driver, "field-register-port", str(server.port))
    fill(driver, "field-register-password", "not-the-password")
    press_test_connection(driver)
    assert "wrong password" in error_text(driver)

    fill(driver, "field-register-password", password)
    press_test_connection(driver)
    assert "the database is empty" in probe_text(driver, "database")
    link = probe_text(driver, "link")
    assert link.startswith("Encrypted (TLS)") and "not checked" in link, link
    assert "cannot use" in text_of(wait_visible(driver, "probe-verdict"))

    # Plainly said: before testing, and by the test.
    Select(wait_visible(driver, "field-register-tls")).select_by_value("disable")
    assert "not encrypted" in text_of(wait_visible(driver, "register-link-warning"))
    press_test_connection(driver)
    assert probe_text(driver, "link").startswith("Not encrypted")

    # A register from a newer Tend.
    newer = server.database()
    server.sql(
        newer,
        "CREATE SCHEMA tend; CREATE TABLE tend.tend_schema "
        "(version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); "
        "INSERT INTO tend.tend_schema VALUES (99, '0099_future', '2030-01-01')",
    )
    fill(driver, "field-register-database", newer)
    press_test_connection(driver)
    assert "may not look inside" in probe_text(driver, "database")
    assert f'"{user}" may not read this register' in probe_text(driver, "access")
    server.sql(newer, f"GRANT USAGE ON SCHEMA tend TO {user}; GRANT SELECT ON tend.tend_schema TO {user}")
    press_test_connection(driver)
    assert "newer Tend (schema version 99" in probe_text(driver, "database")

    # An empty database is not used: nothing is switched.
    fill(driver, "field-register-database", empty)
    click(driver, "register-use-server")
    assert "not a Tend register yet" in error_text(driver)
    assert "A file on this computer" in text_of(wait_visible(driver, "register-place"))


def test_a_team_register_is_remembered_with_its_password_in_the_keyring_only_and_the_file_comes_back(
    display: str, database: Path, tmp_path: Path, server: Server, keyring: None
) -> None:
    if not TEND.exists():
        pytest.fail(f"{TEND} does not exist (cargo build -p tend-cli)")
    db = server.database()
    user, password = server.login()
    admin = server.url(db)
    for args in (["db", "init"], ["db", "grant", user, "editor"]):
        subprocess.run([str(TEND), "--db", admin, *args], check=True, capture_output=True, text=True)
    account = f"{user}@{server.host}:{server.port}/{db}"
    config = tmp_path / "config" / "app.tend.desktop"

    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-settings")
        wait_text(driver, "register-place", "A file on this computer")
        fill_server(driver, server, db, user, password, "require")
        press_test_connection(driver)
        assert "a Tend register (schema version" in probe_text(driver, "database")
        assert f'"{user}" is an editor' in probe_text(driver, "access")
        assert "Tend can use this register" in text_of(wait_visible(driver, "probe-verdict"))
        screen(driver, display, "settings-register.png")

        click(driver, "register-use-server")
        WebDriverWait(driver, CONNECT_TIMEOUT_S).until(
            lambda d: "team register" in text_of(d.find_element(By.CSS_SELECTOR, css("register-place")))
        )
        place = text_of(wait_visible(driver, "register-place"))
        assert f"{user}@{server.host}:{server.port}/{db} (TLS require)" in place, place
        # The register on the server is open: its report settings load from
        # it, and it holds no asset yet.
        wait_visible(driver, "settings-view")
        assert not driver.find_elements(By.CSS_SELECTOR, css("register-open-error"))
        click(driver, "nav-register")
        wait_visible(driver, "welcome")

    # The password is in the keyring, as another client reads it, and in no
    # file the app wrote or the test made.
    assert keyring_password(account) == password
    assert files_holding(password, tmp_path) == []
    data_home = os.environ.get("XDG_DATA_HOME")
    if data_home:
        assert files_holding(password, Path(data_home)) == [], "the keyring keeps it encrypted"
    choice = json.loads((config / "register.json").read_text())
    assert choice == {
        "kind": "server",
        "server": {"host": server.host, "port": server.port, "database": db, "user": user, "tls": "require"},
    }

    # Remembered at the next start; "Use a file on this computer" goes back.
    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-settings")
        wait_text(driver, "register-place", "A team register on a PostgreSQL server")
        assert wait_visible(driver, "field-register-database").get_attribute("value") == db
        assert wait_visible(driver, "field-register-password").get_attribute("value") == ""
        # No password typed: the app takes the keyring's.
        press_test_connection(driver)
        assert f'"{user}" is an editor' in probe_text(driver, "access")
        click(driver, "register-use-file")
        wait_text(driver, "register-place", "A file on this computer")
        wait_visible(driver, "settings-view")
        assert not driver.find_elements(By.CSS_SELECTOR, css("register-open-error"))
        click(driver, "nav-register")
        wait_visible(driver, "welcome")

    assert json.loads((config / "register.json").read_text()) == {"kind": "file"}
    assert keyring_password(account) is None, "switching back removes the password"


def test_a_change_made_at_another_desk_on_the_team_register_shows_in_the_open_app(
    display: str, database: Path, tmp_path: Path, server: Server, keyring: None
) -> None:
    """Two desks on one team register: the app, and `tend` run by a
    colleague. What the colleague adds appears in the app's open register
    within two seconds, and an edit made in the app is what the colleague
    then reads, with who made it."""
    if not TEND.exists():
        pytest.fail(f"{TEND} does not exist (cargo build -p tend-cli)")
    db = server.database()
    me, my_password = server.login()
    colleague, their_password = server.login()
    admin = server.url(db)
    for args in (["db", "init"], ["db", "grant", me, "editor"], ["db", "grant", colleague, "editor"]):
        subprocess.run([str(TEND), "--db", admin, *args], check=True, capture_output=True, text=True)
    theirs = server.url(db, colleague, their_password)

    def colleague_runs(*args: str) -> str:
        done = subprocess.run(
            [str(TEND), "--db", theirs, *args], check=True, capture_output=True, text=True
        )
        return done.stdout

    with app_session(display, database, tmp_path) as driver:
        click(driver, "nav-settings")
        fill_server(driver, server, db, me, my_password, "require")
        click(driver, "register-use-server")
        WebDriverWait(driver, CONNECT_TIMEOUT_S).until(
            lambda d: "team register" in text_of(d.find_element(By.CSS_SELECTOR, css("register-place")))
        )
        colleague_runs("assets", "add", "--tag", "SRV-1", "--name", "Mail server")
        click(driver, "nav-register")
        row = '[data-testid="asset-row"][data-tag="SRV-1"]'
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: d.find_elements(By.CSS_SELECTOR, row))

        # Added at the other desk while the register is open on this one.
        colleague_runs("assets", "add", "--tag", "SRV-2", "--name", "File server")
        seen = '[data-testid="asset-row"][data-tag="SRV-2"]'
        WebDriverWait(driver, 2.5).until(lambda d: d.find_elements(By.CSS_SELECTOR, seen))

        # An edit in the app is what the colleague reads next, with who made it.
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.find_element(By.CSS_SELECTOR, row + " td.tag")
        ).click()
        click(driver, "edit-asset")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css("field-name")).get_attribute("value")
            == "Mail server"
        )
        fill(driver, "field-name", "Mail server (new disks)")
        click(driver, "asset-save")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda _d: "Mail server (new disks)" in colleague_runs("assets", "show", "SRV-1")
        )
        shown = json.loads(colleague_runs("assets", "show", "SRV-1", "--json"))
        assert shown["recent_history"][0]["author"] == me, shown["recent_history"][0]


def test_a_reader_sees_the_team_register_read_only(
    display: str, database: Path, tmp_path: Path, server: Server, keyring: None
) -> None:
    """A manager granted `reader`: the register opens, the header says
    read-only, and the actions that change it are not offered."""
    if not TEND.exists():
        pytest.fail(f"{TEND} does not exist (cargo build -p tend-cli)")
    db = server.database()
    reader, password = server.login()
    admin = server.url(db)
    for args in (
        ["db", "init"],
        ["db", "grant", reader, "reader"],
        ["assets", "add", "--tag", "SRV-1", "--name", "Mail server"],
        # Rows with actions of their own: an overdue plan (due list and
        # asset page) and a coverage record.
        ["plans", "add", "SRV-1", "--title", "Check UPS", "--every", "1", "--unit", "months",
         "--start", "2026-01-05"],
        ["coverage", "add", "SRV-1", "--kind", "support_contract", "--end", "2030-01-01"],
    ):
        subprocess.run([str(TEND), "--db", admin, *args], check=True, capture_output=True, text=True)

    def offered_writes(driver: WebDriver) -> list[str]:
        """The visible buttons that would change the register."""
        return [
            e.text
            for e in driver.find_elements(By.TAG_NAME, "button")
            if e.is_displayed() and e.text.strip() in WRITE_ACTIONS
        ]

    with app_session(display, database, tmp_path) as driver:
        wait_visible(driver, "add-asset")
        assert not driver.find_elements(By.CSS_SELECTOR, css("read-only"))
        click(driver, "nav-settings")
        fill_server(driver, server, db, reader, password, "require")
        press_test_connection(driver)
        assert "reader" in probe_text(driver, "access")
        click(driver, "register-use-server")
        WebDriverWait(driver, CONNECT_TIMEOUT_S).until(
            lambda d: "team register" in text_of(d.find_element(By.CSS_SELECTOR, css("register-place")))
        )
        wait_visible(driver, "read-only")
        click(driver, "nav-due")
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: "Check UPS" in text_of(d.find_element(By.CSS_SELECTOR, css("due-view")))
        )
        assert offered_writes(driver) == [], "the due list offers a reader its actions"
        screen(driver, display, "read-only.png")
        click(driver, "nav-register")
        row = '[data-testid="asset-row"][data-tag="SRV-1"] td.tag'
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: d.find_element(By.CSS_SELECTOR, row)).click()
        wait_text(driver, "detail-tag", "SRV-1")
        WebDriverWait(driver, TIMEOUT_S).until(lambda d: "Check UPS" in d.find_element(By.TAG_NAME, "body").text)
        assert offered_writes(driver) == [], "the asset page offers a reader its plans' and cover's actions"
        for action in ("add-asset", "edit-asset", "log-repair"):
            shown = [e for e in driver.find_elements(By.CSS_SELECTOR, css(action)) if e.is_displayed()]
            assert shown == [], f"{action} is offered to a reader"
