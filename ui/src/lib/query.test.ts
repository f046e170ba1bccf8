import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ariaSort,
  debounce,
  eager,
  initialTableState,
  toQuery,
  withFilter,
  withSort,
} from "./query";

describe("table state", () => {
  it("becomes the core's query, blank search meaning none", () => {
    const q = toQuery({ ...initialTableState, search: "   " });
    expect(q.search).toBeNull();
    expect(q.limit).toBe(50);
    expect(q.sort).toBe("tag");
    expect(toQuery({ ...initialTableState, search: " srv " }).search).toBe("srv");
  });

  it("goes back to the first page when a filter changes", () => {
    const s = withFilter({ ...initialTableState, offset: 150 }, { status: "in_repair" });
    expect(s.offset).toBe(0);
    expect(s.status).toBe("in_repair");
  });

  it("sorts ascending on a new column and flips on the same one", () => {
    const byName = withSort({ ...initialTableState, offset: 100 }, "name");
    expect(byName).toMatchObject({ sort: "name", descending: false, offset: 0 });
    const flipped = withSort(byName, "name");
    expect(flipped.descending).toBe(true);
    expect(ariaSort(flipped, "name")).toBe("descending");
    expect(ariaSort(flipped, "tag")).toBe("none");
    expect(withSort(flipped, "status").descending).toBe(false);
  });
});

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once with the last arguments after the wait", () => {
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 200);
    d("s");
    d("sr");
    vi.advanceTimersByTime(199);
    d("srv");
    vi.advanceTimersByTime(199);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["srv"]);
  });

  it("can be cancelled", () => {
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 100);
    d("x");
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([]);
  });
});

describe("eager", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs a lone call at once, and a burst once at its end with the last arguments", () => {
    const seen: string[] = [];
    let clock = 0;
    const e = eager((s: string) => seen.push(s), 40, () => clock);
    clock = 1000;
    e("s");
    expect(seen).toEqual(["s"]);
    // A person's next key, 120 ms later: at once too.
    clock = 1120;
    e("sr");
    expect(seen).toEqual(["s", "sr"]);
    // A scanner's keys 10 ms apart: gathered.
    for (const typed of ["sr1", "sr12", "sr123"]) {
      clock += 10;
      e(typed);
    }
    expect(seen).toEqual(["s", "sr"]);
    vi.advanceTimersByTime(39);
    expect(seen).toEqual(["s", "sr"]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["s", "sr", "sr123"]);
  });

  it("can be cancelled", () => {
    const seen: string[] = [];
    let clock = 0;
    const e = eager((s: string) => seen.push(s), 40, () => clock);
    e("x");
    clock = 5;
    e("xy");
    e.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual(["x"]);
  });
});

describe("the filters Home's links open", () => {
  it("sends cover, repairs and assignee to the core, cover judged by the desktop's today", () => {
    const q = toQuery({
      ...initialTableState,
      cover: "ending",
      assignedToId: 4,
      repaired: { from: "2026-03-01", to: "2026-03-31" },
    });
    expect(q.cover).toEqual({ state: "ending", within_days: 90, on: null });
    expect(q.assigned_to_id).toBe(4);
    expect(q.repaired).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(toQuery(initialTableState).cover).toBeNull();
  });
});
