import { describe, expect, it } from "vitest";
import type { Asset } from "./bindings/Asset";
import { blocksFor, RowCache, visibleRange } from "./window";

const asset = (id: number) => ({ id, tag: `A-${id}` }) as Asset;

describe("the register's window", () => {
  it("draws the rows in view and a few around, within the list", () => {
    expect(visibleRange(0, 330, 33, 1000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRange(3300, 330, 33, 1000, 5)).toEqual({ first: 95, last: 115 });
    expect(visibleRange(33_000, 330, 33, 1000, 5)).toEqual({ first: 995, last: 999 });
    expect(visibleRange(0, 330, 33, 0)).toEqual({ first: 0, last: -1 });
  });

  it("asks for the blocks that hold them", () => {
    expect(blocksFor(95, 115, 100)).toEqual([0, 1]);
    expect(blocksFor(0, -1)).toEqual([]);
  });
});

describe("the row cache", () => {
  it("asks once for each block, and shows what has come", () => {
    const cache = new RowCache();
    cache.reset("q1");
    expect(cache.toAsk([0, 1])).toEqual([0, 1]);
    expect(cache.toAsk([0, 1, 2])).toEqual([2]);
    cache.put("q1", 0, [asset(1), asset(2)]);
    expect(cache.rows(0, 2, 2).map((a) => a?.id ?? null)).toEqual([1, 2, null]);
  });

  it("drops an answer to a query no longer shown, and starts afresh on a new one", () => {
    const cache = new RowCache();
    cache.reset("q1");
    cache.toAsk([0]);
    expect(cache.reset("q2")).toBe(true);
    expect(cache.put("q1", 0, [asset(1)])).toBe(false);
    expect(cache.rows(0, 0)).toEqual([null]);
    expect(cache.toAsk([0])).toEqual([0]);
    cache.failed(0);
    expect(cache.toAsk([0])).toEqual([0]);
    expect(cache.reset("q2")).toBe(false);
  });

  it("draws the query before's rows until the new one's first block comes", () => {
    const cache = new RowCache();
    cache.reset("by tag");
    cache.put("by tag", 0, [asset(1), asset(2)]);
    expect(cache.reset("by name")).toBe(true);
    expect(cache.rows(0, 2, 2).map((a) => a?.id ?? null)).toEqual([1, 2, null]);
    expect(cache.toAsk([0])).toEqual([0]);
    cache.put("by name", 0, [asset(7)]);
    expect(cache.rows(0, 1, 2).map((a) => a?.id ?? null)).toEqual([7, null]);
  });

  it("stops drawing them when the new query fails", () => {
    const cache = new RowCache();
    cache.reset("by tag");
    cache.put("by tag", 0, [asset(1)]);
    cache.reset("by name");
    cache.toAsk([0]);
    cache.failed(0);
    expect(cache.rows(0, 0)).toEqual([null]);
  });

  it("holds at most its share of blocks, dropping the farthest from the one that came", () => {
    const cache = new RowCache(3);
    cache.reset("q");
    expect(cache.toAsk([0, 1, 2, 3])).toEqual([0, 1, 2, 3]);
    for (const block of [0, 1, 2]) cache.put("q", block, [asset(block)]);
    cache.put("q", 3, [asset(3)]);
    expect(cache.rows(0, 3, 1).map((a) => a?.id ?? null)).toEqual([null, 1, 2, 3]);
    // Scrolling back asks the dropped block again, and drops the far end.
    expect(cache.toAsk([0, 1])).toEqual([0]);
    cache.put("q", 0, [asset(0)]);
    expect(cache.rows(0, 3, 1).map((a) => a?.id ?? null)).toEqual([0, 1, 2, null]);
  });
});
