import { describe, expect, it } from "vitest";
import { columnWidths, COLUMNS, DEFAULT_COLUMNS, SHARED_WIDTH, shownColumns } from "./columns";

describe("column widths", () => {
  it("divide the shared width among the columns shown, in proportion to their shares", () => {
    for (const shown of [shownColumns(DEFAULT_COLUMNS), shownColumns(["tag"]), COLUMNS]) {
      const widths = columnWidths(shown).map((w) => Number.parseFloat(w));
      expect(widths).toHaveLength(shown.length);
      expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(SHARED_WIDTH, 1);
      // The name gets more than the tag wherever both are shown.
      const name = shown.findIndex((c) => c.key === "name");
      if (name >= 0) expect(widths[name]).toBeGreaterThan(widths[0]);
    }
    expect(columnWidths(shownColumns(["tag"]))).toEqual([`${SHARED_WIDTH.toFixed(2)}%`]);
  });
});
