import { describe, expect, it } from "vitest";
import { progressText, REPORTS, suggestedFileName } from "./report";

describe("report page words", () => {
  it("suggests a file name per report, with a safe asset tag", () => {
    expect(suggestedFileName("inventory", "2025-04-01")).toBe("inventory-2025-04-01.pdf");
    expect(suggestedFileName("asset", "2025-04-01", "SRV/0042 ")).toBe("asset-SRV_0042-2025-04-01.pdf");
    expect(suggestedFileName("asset", "2025-04-01", "東京-1")).toBe("asset-東京-1-2025-04-01.pdf");
    expect(suggestedFileName("asset", "2025-04-01", "")).toBe("asset-2025-04-01.pdf");
  });

  it("turns progress into words and a bar", () => {
    expect(progressText({ stage: "laying_out", done: 2500, total: 10000 })).toEqual({
      text: "Laying out pages: 2,500 of 10,000 rows",
      fraction: 0.25,
    });
    expect(progressText({ stage: "gathering", done: 1, total: 4 }).fraction).toBe(0);
    expect(progressText({ stage: "writing", done: 0, total: 0 }).fraction).toBe(1);
    expect(progressText({ stage: "laying_out", done: 5, total: 0 }).fraction).toBe(0);
  });

  it("offers all five reports", () => {
    expect(REPORTS.map((r) => r.kind)).toEqual(["inventory", "warranty", "maintenance", "repairs", "asset"]);
  });
});
