"""The desktop app's own speed and memory (issue 11), measured in the release
app under Xvfb on the 100,000-asset demo register (about a million work-log
entries): what a person waits for, from the moment they act to the frame
that shows the answer.

Run with `cargo xtask bench app` (it builds the release app and the demo
register, then runs this file with pytest). Not part of the test run: it
measures, and asserts only that each measurement was taken; the goals are
compared in the table it prints and in docs/benchmarks.md.

Measured:
- launch to Home painted: from the app process's start (the kernel's start
  time) to the performance mark "tend:home-painted" (HomeView, after the
  figures' frame was painted); three launches after a first one that also
  runs the daily start-up check (reported on its own);
- keystroke to table: from a key's `keydown` in the register's search box
  to the first frame showing the answer to the text typed (the register's
  `data-answered`, no row still waiting), one key at a time at a person's
  pace;
- sort and filter to table, and a jump to the last rows and to the middle
  right after a new sort (the first read of that sort's order);
- scrolling: frames drawn per second while the table scrolls by 60 px a
  frame for 3 s (`requestAnimationFrame`), and how many frames showed a row
  still waiting;
- memory: the proportional set size (PSS) of the app and every process it
  started (the web view's), right after all of the above, and again after
  the app has been left alone for `AT_REST_S`; beside them, the baseline
  of the same app on an empty register, at rest on its welcome screen
  (what the app, GTK and WebKitGTK take before any of the register's data).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from pathlib import Path

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import APP, REPO, app_processes, app_session
from test_clean_close import close_as_a_person_would, ended

REGISTER = Path(os.environ.get("TEND_BENCH_REGISTER", REPO / "target" / "bench-data" / "app-100000.sqlite"))
RESULTS = REPO / "target" / "bench-app.json"
LAUNCHES = 3
PATIENCE_S = 120
# How long the app is left alone before its memory is measured again.
AT_REST_S = 60

# In the page: starts `act`, waits (frame by frame) until the register shows
# its answer — the search `search` and, unless null, the sort `sort` — and
# answers the milliseconds from the act. A null `search` is not checked.
UNTIL_ANSWERED = """
const [act, search, sort, descending, done] = arguments;
const section = () => document.querySelector('[data-testid=register]');
const shows = () => {
  const s = section();
  if (!s || s.getAttribute('aria-busy') !== 'false' || document.querySelector('tr.waiting')) return false;
  let answered;
  try { answered = JSON.parse(s.dataset.answered); } catch { return false; }
  return (search === null || answered[0] === search) && (sort === null || (answered[1] === sort && answered[2] === descending));
};
const t0 = performance.now();
// The register turns busy for the act's query; an answer may come before
// the next frame, so the turn is watched as it happens, not frame by frame.
let sawBusy = false;
const watch = new MutationObserver(() => {
  if (section()?.getAttribute('aria-busy') === 'true') sawBusy = true;
});
if (section()) watch.observe(section(), { attributes: true, attributeFilter: ['aria-busy'] });
const check = () => {
  if ((sawBusy || act === 'none') && shows()) {
    watch.disconnect();
    done(performance.now() - t0);
  } else requestAnimationFrame(check);
};
window.__benchAct(act);
requestAnimationFrame(check);
"""

ACTIONS = """
window.__benchAct = (act) => {
  if (act === 'none') return;
  if (act.startsWith('sort:')) document.querySelector(`[data-testid=sort-${act.slice(5)}]`).click();
  if (act.startsWith('status:')) {
    const select = document.querySelector('[data-testid=filter-status]');
    select.value = act.slice(7);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
};
"""

# In the page: jumps the table to `where` (a fraction of its height) and
# answers the milliseconds until no row in view is still waiting.
JUMP = """
const [where, done] = arguments;
const scroller = document.querySelector('[data-testid=register-scroll]');
const t0 = performance.now();
scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * where;
scroller.dispatchEvent(new Event('scroll'));
let frames = 0;
const check = () => {
  frames++;
  const rows = document.querySelectorAll('[data-testid=asset-row]').length;
  if (frames > 1 && rows > 0 && !document.querySelector('tr.waiting')) done(performance.now() - t0);
  else requestAnimationFrame(check);
};
requestAnimationFrame(check);
"""

# In the page: scrolls by 60 px a frame for `seconds`; answers the frames
# drawn, the seconds taken and the frames that showed a waiting row.
SCROLL = """
const [seconds, done] = arguments;
const scroller = document.querySelector('[data-testid=register-scroll]');
scroller.scrollTop = 0;
let frames = 0, waiting = 0;
const t0 = performance.now();
const step = (now) => {
  frames++;
  if (document.querySelector('tr.waiting')) waiting++;
  if (now - t0 >= seconds * 1000) { done([frames, (now - t0) / 1000, waiting]); return; }
  scroller.scrollTop += 60;
  requestAnimationFrame(step);
};
requestAnimationFrame(step);
"""


def app_pid() -> int:
    """The newest process running the app binary."""
    found = []
    for pid in app_processes():
        try:
            found.append((start_ticks(pid), pid))
        except OSError:  # it ended meanwhile
            continue
    assert found, f"no process runs {APP}"
    return max(found)[1]


def start_ticks(pid: int) -> int:
    # Field 22 of /proc/PID/stat, counted after the command's closing parenthesis.
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[19])


def started_at(pid: int) -> float:
    """The process's start as seconds since the epoch (to the kernel's 10 ms)."""
    since_boot = start_ticks(pid) / os.sysconf("SC_CLK_TCK")
    return time.time() - (time.clock_gettime(time.CLOCK_BOOTTIME) - since_boot)


def home_painted_at(driver) -> float:
    """When Home's figures were painted, as seconds since the epoch."""
    at = WebDriverWait(driver, PATIENCE_S, poll_frequency=0.05).until(
        lambda d: d.execute_script(
            "const m = performance.getEntriesByName('tend:home-painted', 'mark')[0];"
            "return m ? performance.timeOrigin + m.startTime : null;"
        )
    )
    return at / 1000


CLOSES_IGNORED: list[int] = []


def close_window(display: str, pid: int) -> None:
    """Closes the app's window as a person does and waits for the app to end.

    A close asked for right after the app started is now and then ignored
    (the window stays, the app idle; a second close works): seen in this
    bench, cause not found in the GTK/tao/WebKit stack. As a person would,
    the close is asked again after 5 s; how often that was needed is
    reported, because an app left to be killed is checked at its next start."""
    for attempt in range(3):
        close_as_a_person_would(display, pid)
        deadline = time.time() + (5 if attempt < 2 else PATIENCE_S)
        while not ended(pid) and time.time() < deadline:
            time.sleep(0.05)
        if ended(pid):
            return
        CLOSES_IGNORED.append(pid)


def pss_kib(root: int) -> dict[str, int]:
    """PSS of `root` and every process under it, by command name."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    out: dict[str, int] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        kib = next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        out[f"{name} ({pid})"] = kib
    return out


def answered(driver, act: str, search: str | None, sort: str | None = None, descending: bool = False) -> float:
    driver.execute_script(ACTIONS)
    try:
        return driver.execute_async_script(UNTIL_ANSWERED, act, search, sort, descending)
    except TimeoutException:
        state = driver.execute_script(
            "const s = document.querySelector('[data-testid=register]');"
            "return s && [s.getAttribute('aria-busy'), s.dataset.answered,"
            " document.querySelectorAll('tr.waiting').length, document.body.innerText.slice(0, 400)];"
        )
        raise AssertionError(f"the register did not show the answer to {act!r}: {state}") from None


def typing(driver, text: str, gap_s: float = 0.25) -> list[float]:
    """Types `text` into the search box one key at a time; each key's latency."""
    box = driver.find_element(By.CSS_SELECTOR, '[data-testid="search"]')
    box.click()
    driver.execute_script(
        """
window.__keys = [];
const box = document.querySelector('[data-testid=search]');
if (!window.__keysTimed) box.addEventListener('keydown', () => {
  const t0 = performance.now();
  const check = () => {
    const s = document.querySelector('[data-testid=register]');
    let shown = null;
    try { shown = JSON.parse(s.dataset.answered)[0]; } catch {}
    if (s.getAttribute('aria-busy') === 'false' && !document.querySelector('tr.waiting')
        && shown === box.value.trim()) window.__keys.push(performance.now() - t0);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}, true);
window.__keysTimed = true;
"""
    )
    for key in text:
        box.send_keys(key)
        time.sleep(gap_s)
    WebDriverWait(driver, PATIENCE_S).until(lambda d: d.execute_script("return window.__keys.length") == len(text))
    return driver.execute_script("return window.__keys")


def ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.0f} ms, max {max(values):.0f} ms"


def test_app_speed(display: str, tmp_path: Path) -> None:
    assert REGISTER.exists(), f"{REGISTER} is missing: run `cargo xtask bench app`"
    database = tmp_path / "tend.sqlite"
    shutil.copyfile(REGISTER, database)
    results: dict[str, object] = {}

    # The first launch on a file the app has not checked today also runs the
    # start-up check (it reads the whole file). Each launch ends by closing
    # the window, as a person does: an app killed (as the WebDriver session's
    # end does) is checked again at its next start.
    with app_session(display, database, tmp_path) as driver:
        pid = app_pid()
        results["first launch (start-up check) to Home painted, s"] = home_painted_at(driver) - started_at(pid)
        close_window(display, pid)

    launches = []
    for _ in range(LAUNCHES):
        with app_session(display, database, tmp_path) as driver:
            pid = app_pid()
            launches.append(home_painted_at(driver) - started_at(pid))
            close_window(display, pid)
    results["launch to Home painted, s"] = launches

    with app_session(display, database, tmp_path) as driver:
        home_painted_at(driver)
        driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-register"]').click()
        answered(driver, "none", "")

        results["keystroke to table, ms (typing 'poweredge')"] = typing(driver, "poweredge")
        box = driver.find_element(By.CSS_SELECTOR, '[data-testid="search"]')
        box.send_keys(Keys.ESCAPE)  # the register's own "clear the search"
        answered(driver, "none", "")
        results["keystroke to table, ms (typing a tag)"] = typing(driver, shown_tag(driver))
        box.send_keys(Keys.ESCAPE)  # the register's own "clear the search"
        answered(driver, "none", "")

        sorts = {}
        for column in ["name", "category", "status", "location", "purchase_date", "tag"]:
            to_table = answered(driver, f"sort:{column}", "", column, False)
            last = driver.execute_async_script(JUMP, 1.0)
            middle = driver.execute_async_script(JUMP, 0.5)
            reversed_to_table = answered(driver, f"sort:{column}", "", column, True)
            reversed_last = driver.execute_async_script(JUMP, 1.0)
            sorts[column] = {
                "sort to table": to_table,
                "then the last rows": last,
                "then the middle": middle,
                "reversed to table": reversed_to_table,
                "then the last rows, reversed": reversed_last,
            }
        results["sort, ms"] = sorts
        filters = {}
        for status in ["in_repair", "spare", ""]:
            driver.execute_async_script(JUMP, 1.0)
            driver.execute_script(ACTIONS)
            filters[status or "any status"] = answered(driver, f"status:{status}", None)
        results["status filter from the last rows to table, ms"] = filters

        frames, seconds, waiting = driver.execute_async_script(SCROLL, 3)
        results["scrolling, frames per second"] = frames / seconds
        results["scrolling, frames showing a waiting row"] = f"{waiting} of {frames}"
        results["memory, PSS of the app and its processes, MiB"] = {
            name: round(kib / 1024, 1) for name, kib in pss_kib(app_pid()).items()
        }
        # The app left open, as it is most of the day: the same after a
        # rest (the app gives memory back once a burst of work is over, the
        # web view after its own idle time).
        time.sleep(AT_REST_S)
        results["memory at rest, PSS of the app and its processes, MiB"] = {
            name: round(kib / 1024, 1) for name, kib in pss_kib(app_pid()).items()
        }

    # The baseline, last so that it weighs on no timing above: the same app
    # on an empty register, left alone on its welcome screen as long.
    empty = tmp_path / "empty" / "tend.sqlite"
    empty.parent.mkdir()
    with app_session(display, empty, tmp_path / "empty") as driver:
        WebDriverWait(driver, PATIENCE_S).until(
            lambda d: "Your register is empty" in d.find_element(By.TAG_NAME, "body").text
        )
        time.sleep(AT_REST_S)
        results["memory on an empty register at rest (baseline), PSS, MiB"] = {
            name: round(kib / 1024, 1) for name, kib in pss_kib(app_pid()).items()
        }

    results["closes asked again (the first was ignored)"] = len(CLOSES_IGNORED)
    RESULTS.write_text(json.dumps(results, indent=2))
    report(results)


def shown_tag(driver) -> str:
    """The tag of the register's first row."""
    rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid="asset-row"]')
    assert rows
    tag = rows[0].get_attribute("data-tag")
    assert tag
    return tag


def report(results: dict[str, object]) -> None:
    launches = results["launch to Home painted, s"]
    pss = results["memory, PSS of the app and its processes, MiB"]
    rested = results["memory at rest, PSS of the app and its processes, MiB"]
    lines = [
        "",
        "| what | measured | goal |",
        "| --- | --- | --- |",
        f"| launch to Home painted ({LAUNCHES} launches) | {ms([s * 1000 for s in launches])} | ≤ 1 s |",
        f"| first launch of the day (with the start-up check) | {results['first launch (start-up check) to Home painted, s'] * 1000:.0f} ms | — |",
    ]
    for name in ("keystroke to table, ms (typing 'poweredge')", "keystroke to table, ms (typing a tag)"):
        lines.append(f"| {name.replace(', ms', '')} | {ms(results[name])} | ≤ 50 ms |")
    for column, taken in results["sort, ms"].items():
        lines.append(
            f"| sort by {column}: to table / then the last rows / then the middle; reversed: to table / the last rows | "
            f"{taken['sort to table']:.0f} / {taken['then the last rows']:.0f} / {taken['then the middle']:.0f}; "
            f"{taken['reversed to table']:.0f} / {taken['then the last rows, reversed']:.0f} ms | ≤ 50 ms |"
        )
    for status, taken in results["status filter from the last rows to table, ms"].items():
        lines.append(f"| filter {status}, from the last rows | {taken:.0f} ms | ≤ 50 ms |")
    lines.append(f"| scrolling | {results['scrolling, frames per second']:.0f} frames/s ({results['scrolling, frames showing a waiting row']} with a waiting row) | ≥ 50 |")
    baseline = results["memory on an empty register at rest (baseline), PSS, MiB"]
    for label, figures in [
        ("right after the work", pss),
        (f"after {AT_REST_S} s at rest", rested),
        (f"on an empty register after {AT_REST_S} s at rest (baseline)", baseline),
    ]:
        lines.append(f"| PSS, all the app's processes, {label} | {sum(figures.values()):.0f} MiB = {sum(figures.values()) * 1.048576:.0f} MB ({', '.join(f'{k}: {v:.0f}' for k, v in figures.items())}) | ≤ 350 MB |")
    lines.append(f"| closes asked again (the first ignored) | {results['closes asked again (the first was ignored)']} of {LAUNCHES + 1} | — |")
    print("\n".join(lines))
