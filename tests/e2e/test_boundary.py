"""End-to-end tests of the desktop boundary: what the web view can do to the
app, and what stored text can do to the web view.

- Names that look like markup (`<img src=x onerror=alert(1)>`,
  `<script>alert(1)</script>`) show as text on every screen that shows them
  (due list, register, asset page, templates, reports page, the import
  wizard's columns and cells); no element is made of them and no script runs.
- A call from the web view that is malformed (unknown field, wrong type,
  bad id, too large a count) is answered with a `validation` error naming
  the argument, not a crash and not Tauri's bare string.
- Files are named by the token of a native dialog's answer: a path, or a
  made-up token, is refused and nothing is written.
- Only the commands the capability grants can be called: plugin commands the
  UI does not use (dialog, opener) and unknown commands are refused by Tauri.

The calls go through `window.__TAURI_INTERNALS__.invoke`, the same door the
UI's `invoke` uses; any script in the page could reach it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from test_desktop import TIMEOUT_S, click, css, text_of, wait_text, wait_visible
from test_import import set_text

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
# A location level may hold no ">" or "/" (they separate levels).
LOC = "<img src=x onerror=alert(1) x="

INVOKE = """
const [command, args, done] = arguments;
window.__TAURI_INTERNALS__.invoke(command, args).then(
  (ok) => done({ ok }),
  (err) => done({ err }),
);
"""


def invoke(driver: WebDriver, command: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    """Calls a command as any script in the page could; {"ok": ...} or {"err": ...}."""
    driver.set_script_timeout(TIMEOUT_S)
    return driver.execute_async_script(INVOKE, command, args or {})


def ok(driver: WebDriver, command: str, args: dict[str, Any] | None = None) -> Any:
    answer = invoke(driver, command, args)
    assert "ok" in answer, f"{command}: {answer}"
    return answer["ok"]


def refused(driver: WebDriver, command: str, args: dict[str, Any]) -> dict[str, Any]:
    answer = invoke(driver, command, args)
    assert "err" in answer, f"{command} {args}: accepted: {answer}"
    return answer["err"]


def catch_alerts(driver: WebDriver) -> None:
    """Records any alert() the page makes from now on (CSP should stop the
    markup's handlers long before; this is the second net)."""
    driver.execute_script("window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));")


def assert_nothing_injected(driver: WebDriver, where: str) -> None:
    injected = driver.execute_script(
        """
        return {
          img: document.querySelectorAll('img[src="x"], img[onerror]').length,
          handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
          scripts: [...document.scripts].filter((s) => s.textContent.includes("alert(")).length,
          alerts: window.__alerts ?? [],
        };
        """
    )
    assert injected == {"img": 0, "handlers": 0, "scripts": 0, "alerts": []}, f"{where}: {injected}"


def wait_for_text(driver: WebDriver, testid: str, *texts: str) -> str:
    """Waits until the element shows every one of `texts` literally; its text."""
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: all(t in text_of(d.find_element(By.CSS_SELECTOR, css(testid))) for t in texts)
    )
    return text_of(driver.find_element(By.CSS_SELECTOR, css(testid)))


def test_names_that_look_like_markup_show_as_text_everywhere(driver: WebDriver, tmp_path: Path) -> None:
    wait_visible(driver, "welcome")
    today = dt.date.today().isoformat()
    soon = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    first = ok(driver, "create_asset", {"input": {
        "tag": "XSS-1", "name": IMG, "category": SCRIPT, "location": f"HQ › {LOC}",
        "assigned_to": SCRIPT, "notes": f"{IMG} {SCRIPT}", "custom_fields": {IMG: SCRIPT},
    }})
    ok(driver, "create_asset", {"input": {"tag": SCRIPT, "name": SCRIPT, "category": SCRIPT}})
    ok(driver, "create_plan", {"asset_id": first["id"], "input": {
        "title": IMG, "every": "1", "unit": "weeks", "start_date": today, "checklist": [SCRIPT],
        "assignee": IMG,
    }})
    ok(driver, "create_coverage", {"asset_id": first["id"], "input": {
        "kind": "support_contract", "provider": IMG, "reference": SCRIPT, "end_date": soon,
    }})
    ok(driver, "create_work", {"asset_id": first["id"], "input": {
        "kind": "repair", "summary": SCRIPT, "details": IMG, "performed_by": IMG,
    }})
    ok(driver, "create_template", {"input": {
        "category": SCRIPT, "plan": {"title": SCRIPT, "every": "3", "unit": "years", "checklist": [IMG]},
    }})

    # The main screen: the due list and the register.
    driver.refresh()
    catch_alerts(driver)
    # The check itself notices an injected element (then it is taken away).
    driver.execute_script("document.body.insertAdjacentHTML('beforeend', '<img id=probe src=x>')")
    try:
        assert_nothing_injected(driver, "probe")
        raise RuntimeError("assert_nothing_injected missed an <img src=x>")
    except AssertionError:
        driver.execute_script("document.getElementById('probe').remove()")
    click(driver, "nav-register")
    wait_for_text(driver, "asset-table", IMG, SCRIPT)
    assert_nothing_injected(driver, "register")
    click(driver, "nav-due")
    wait_for_text(driver, "due-view", IMG, "XSS-1")
    assert_nothing_injected(driver, "due list")

    # The asset page: fields, custom fields, coverage, plans, work log, history.
    WebDriverWait(driver, TIMEOUT_S).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'{css("due-item")}[data-plan-id="1"] button.link'))
    ).click()
    wait_text(driver, "detail-name", IMG)
    detail = wait_for_text(driver, "asset-detail", IMG, SCRIPT, f"HQ › {LOC}")
    for text in (IMG, SCRIPT):
        assert detail.count(text) >= 3, detail
    wait_for_text(driver, "work-log", SCRIPT)
    wait_for_text(driver, "history", SCRIPT)
    assert_nothing_injected(driver, "asset page")

    # Templates: the title and the category.
    click(driver, "nav-templates")
    wait_for_text(driver, "template-table", SCRIPT)
    assert_nothing_injected(driver, "templates")

    # Reports: the category and location lists.
    click(driver, "nav-reports")
    wait_visible(driver, "reports-view")
    WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: SCRIPT in d.execute_script(
            "return [...document.querySelectorAll('option')].map((o) => o.textContent).join('\\n')"
        )
    )
    options = driver.execute_script("return [...document.querySelectorAll('option')].map((o) => o.textContent)")
    assert SCRIPT in options and f"HQ › {LOC}" in options, options
    assert_nothing_injected(driver, "reports")

    # The import wizard shows a file's header names and cell values as text.
    source = tmp_path / "markup.csv"
    source.write_text(
        f"Asset Tag,Asset Name,Purchase Date,{IMG}\r\nXSS-9,{SCRIPT},{IMG},{SCRIPT}\r\n", encoding="utf-8"
    )
    click(driver, "nav-csv")
    set_text(driver, "import-path", str(source))
    click(driver, "import-inspect")
    wait_visible(driver, "import-detected")
    assert IMG in text_of(driver.find_element(By.CSS_SELECTOR, css("import-wizard")))
    click(driver, "import-preview")
    problems = WebDriverWait(driver, TIMEOUT_S).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, css("import-problem"))
    )
    assert any(IMG in text_of(p) for p in problems), [text_of(p) for p in problems]
    assert_nothing_injected(driver, "import wizard")

    # The start-up note (and the desktop notification, made from the same
    # counts) carries no names at all.
    driver.refresh()
    catch_alerts(driver)
    wait_visible(driver, "due-urgent")
    for note in driver.find_elements(By.CSS_SELECTOR, css("due-launch-note")):
        assert "<" not in text_of(note), text_of(note)
    assert_nothing_injected(driver, "after restart")


def test_malformed_calls_are_validation_errors_naming_the_argument(driver: WebDriver) -> None:
    wait_visible(driver, "welcome")
    cases = [
        ("create_asset", {"input": {"tag": "A-1", "name": "x", "is_admin": True}}, "input"),
        ("create_asset", {"input": {"tag": 7}}, "input"),
        ("create_asset", {"input": "A-1"}, "input"),
        ("create_asset", {}, "input"),
        ("create_asset", {"input": {"tag": "A-1", "name": "x", "notes": "n" * 100_001}}, "notes"),
        ("get_asset", {"id": -1}, "id"),
        ("get_asset", {"id": 0}, "id"),
        ("get_asset", {"id": 1.5}, "id"),
        ("get_asset", {"id": "1"}, "id"),
        ("list_assets", {"query": {"sort": "password"}}, "query"),
        ("list_assets", {"query": {"limit": -5}}, "query"),
        ("due_list", {"query": {"kinds": ["maintenance"] * 1001}}, "kinds"),
        ("list_lookups", {"kind": "users"}, "kind"),
        ("load_demo", {"assets": 1_000_000}, "assets"),
        ("load_demo", {"assets": 10**12}, "assets"),
        ("snooze_plan", {"id": 1, "until": {"$gt": ""}}, "until"),
        ("update_settings", {"input": {"organisation_name": "x", "logo": "/etc/shadow"}}, "input"),
    ]
    for command, args, field in cases:
        err = refused(driver, command, args)
        shown = str(args)[:80]
        assert isinstance(err, dict), f"{command} {shown}: {err!r}"
        assert err.get("code") == "validation", f"{command} {shown}: {err}"
        assert err.get("field") == field, f"{command} {shown}: {err}"
    assert ok(driver, "count_assets") == 0, "nothing was written"


def test_files_are_named_by_dialog_tokens_not_paths(driver: WebDriver, tmp_path: Path) -> None:
    wait_visible(driver, "welcome")
    target = tmp_path / "forged.pdf"
    options = {"kind": "inventory"}
    for forged in (str(target), "0" * 32, ""):
        err = refused(driver, "write_report", {"options": options, "path": forged, "open_after": False})
        assert err.get("code") == "validation" and err.get("field") == "path", err
    assert not target.exists()

    secret = tmp_path / "secret.csv"
    secret.write_text("Asset Tag,Asset Name\r\nS-1,hidden\r\n", encoding="utf-8")
    for args in ({"file": str(secret), "options": {}}, {"path": str(secret), "options": {}}):
        err = refused(driver, "inspect_import", args)
        assert err.get("code") == "validation", err
        assert "S-1" not in str(err) and "Asset Tag" not in str(err), err

    # The dialog's answer works, once, for what it was chosen for.
    chosen = ok(driver, "choose_report_path", {"start": str(tmp_path / "real.pdf")})
    assert set(chosen) == {"token", "name"} and chosen["name"] == str(tmp_path / "real.pdf"), chosen
    err = refused(driver, "inspect_import", {"file": chosen["token"], "options": {}})
    assert err.get("field") == "file", "a report's target is no file to import"
    ok(driver, "write_report", {"options": options, "path": chosen["token"], "open_after": False})
    assert (tmp_path / "real.pdf").read_bytes().startswith(b"%PDF")
    err = refused(driver, "write_report", {"options": options, "path": chosen["token"], "open_after": False})
    assert err.get("field") == "path", "a token is used once"

    # Logos too: only the one the dialog chose is taken.
    err = refused(driver, "update_settings", {"input": {"logo_path": "/etc/passwd"}})
    assert err.get("field") == "logo_path", err


def test_only_granted_commands_can_be_called(driver: WebDriver) -> None:
    wait_visible(driver, "welcome")
    for command, args in (
        ("plugin:dialog|open", {"options": {}}),
        ("plugin:opener|open_path", {"path": "/etc/passwd"}),
        ("plugin:opener|open_url", {"url": "https://example.com"}),
        ("plugin:window|close", {}),
        ("plugin:notification|get_active", {}),
        ("drop_register", {}),
    ):
        err = refused(driver, command, args)
        assert isinstance(err, str) and ("not allowed" in err or "not found" in err), f"{command}: {err!r}"
    assert ok(driver, "count_assets") == 0
    # What the start-up notification needs is granted (whether the system
    # then shows it is up to the system).
    assert isinstance(ok(driver, "plugin:notification|is_permission_granted"), (bool, type(None)))
    answer = invoke(driver, "plugin:notification|notify", {"options": {"title": "Tend", "body": "test"}})
    assert "not allowed" not in str(answer.get("err", "")), answer
