import { describe, expect, it } from "vitest";
import type { Overview } from "./bindings/Overview";
import {
  categoryChart,
  categoryFilter,
  chartCurrency,
  comparedWith,
  costInWords,
  monthFilter,
  monthLabel,
  repairChart,
} from "./home";

function month(from: string, to: string, cost: [number, string][], downtime = 0, repairs = 1) {
  return {
    from,
    to,
    repairs,
    cost: cost.map(([minor, currency]) => ({ minor, currency })),
    downtime_minutes: downtime,
  };
}

const overview: Overview = {
  today: "2026-05-15",
  in_service: 3,
  cover: { covered: 1, ending: 1, ended: 0, none: 1, ending_days: 90 },
  maintenance_overdue: 1,
  maintenance_due_this_week: 0,
  this_quarter: month("2026-04-01", "2026-05-15", []),
  last_quarter: month("2026-01-01", "2026-03-31", []),
  by_category: [
    { category_id: 7, category: "PC", status: "retired", count: 1 },
    { category_id: 3, category: "Server", status: "in_service", count: 2 },
    { category_id: 3, category: "Server", status: "spare", count: 4 },
    { category_id: 7, category: "PC", status: "in_service", count: 1 },
  ],
  months: [
    month("2026-03-01", "2026-03-31", [
      [1_000, "HUF"],
      [250, "EUR"],
    ], 90),
    month("2026-04-01", "2026-04-30", [[1_999, "HUF"]]),
    month("2026-05-01", "2026-05-15", [[5_000, "USD"]], 0, 0),
  ],
  latest_work: [],
};

describe("the category chart", () => {
  it("has a bar per category and a segment per status present, zero where a category has none", () => {
    const chart = categoryChart(overview);
    expect(chart.categories.map((c) => c.name)).toEqual(["PC", "Server"]);
    expect(chart.series.map((s) => s.status)).toEqual(["in_service", "spare", "retired"]);
    expect(chart.series[0].counts).toEqual([1, 2]);
    expect(chart.series[1].counts).toEqual([0, 4]);
    expect(chart.series[2].counts).toEqual([1, 0]);
  });

  it("opens the register filtered to the segment's category and status", () => {
    const state = categoryFilter(3, "spare");
    expect(state.categoryId).toBe(3);
    expect(state.status).toBe("spare");
    expect(state.offset).toBe(0);
  });
});

describe("the repair chart", () => {
  it("draws the register's currency when repairs cost in it", () => {
    expect(chartCurrency(overview.months, "USD")).toBe("USD");
    expect(chartCurrency(overview.months, "GBP")).toBe("HUF");
  });

  it("else the currency spent in during the most months, and names the others", () => {
    expect(chartCurrency(overview.months)).toBe("HUF");
    const chart = repairChart(overview);
    expect(chart.currency).toBe("HUF");
    // HUF has 2 digits in ISO 4217 (the core's table), not the web view's 0.
    expect(chart.cost).toEqual([10, 19.99, 0]);
    expect(chart.otherCurrencies).toEqual(["EUR", "USD"]);
    expect(chart.downtimeHours).toEqual([1.5, 0, 0]);
    expect(chart.months).toEqual(["Mar 2026", "Apr 2026", "May 2026"]);
  });

  it("has no currency when nothing cost anything", () => {
    expect(chartCurrency([month("2026-01-01", "2026-01-31", [])])).toBeNull();
  });

  it("opens the register filtered to the month's repairs", () => {
    expect(monthFilter(overview.months[2]).repaired).toEqual({ from: "2026-05-01", to: "2026-05-15" });
  });

  it("labels a month by its first day", () => {
    expect(monthLabel("2025-12-01")).toBe("Dec 2025");
  });
});

describe("the quarter's figures", () => {
  it("compares with the last quarter in words", () => {
    expect(comparedWith(3, 1)).toBe("up from 1 last quarter");
    expect(comparedWith(0, 2)).toBe("down from 2 last quarter");
    expect(comparedWith(2, 2)).toBe("as last quarter");
  });

  it("says the cost in every currency", () => {
    expect(costInWords([])).toBe("no cost");
    expect(costInWords([{ minor: 150, currency: "JPY" }])).toContain("150");
  });
});
