import { describe, expect, it } from "vitest";
import { addMonths, dateFormat, formatDay, monthGrid, parseDay } from "./dates";

describe("dates as people see them", () => {
  it("shows an ISO date in the chosen format, and anything else as it is", () => {
    expect(formatDay("2026-03-07", "DD.MM.YYYY")).toBe("07.03.2026");
    expect(formatDay("2026-03-07", "DD/MM/YYYY")).toBe("07/03/2026");
    expect(formatDay("2026-03-07", "MM/DD/YYYY")).toBe("03/07/2026");
    expect(formatDay("2026-03-07", "YYYY-MM-DD")).toBe("2026-03-07");
    expect(formatDay("soon", "DD.MM.YYYY")).toBe("soon");
    expect(formatDay(null, "DD.MM.YYYY")).toBe("");
  });

  it("reads ISO always, and the chosen format", () => {
    expect(parseDay(" 2026-03-07 ", "DD.MM.YYYY")).toBe("2026-03-07");
    expect(parseDay("7.3.2026", "DD.MM.YYYY")).toBe("2026-03-07");
    expect(parseDay("07/03/2026", "DD/MM/YYYY")).toBe("2026-03-07");
    expect(parseDay("03/07/2026", "MM/DD/YYYY")).toBe("2026-03-07");
  });

  it("refuses what is no day, or written in another format", () => {
    expect(parseDay("2026-02-30", "YYYY-MM-DD")).toBeNull();
    expect(parseDay("31.02.2026", "DD.MM.YYYY")).toBeNull();
    expect(parseDay("07/03/2026", "DD.MM.YYYY")).toBeNull();
    expect(parseDay("07.03.2026", "YYYY-MM-DD")).toBeNull();
    expect(parseDay("next week", "DD.MM.YYYY")).toBeNull();
  });

  it("knows the app's formats and falls back to ISO", () => {
    expect(dateFormat("MM/DD/YYYY")).toBe("MM/DD/YYYY");
    expect(dateFormat("YY")).toBe("YYYY-MM-DD");
  });
});

describe("the date picker's month", () => {
  it("lays out weeks from Monday, with blanks outside the month", () => {
    const weeks = monthGrid(2026, 2); // 1 Feb 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-02-01"]);
    expect(weeks.at(-1)?.filter(Boolean).at(-1)).toBe("2026-02-28");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it("moves across years", () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
  });
});
