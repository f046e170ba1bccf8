import { describe, expect, it } from "vitest";
import { canImport, changedMapping, countsSentence } from "./importing";
import type { ImportReport } from "./bindings/ImportReport";

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  file: "a.csv",
  format: "tend",
  kind: "assets",
  encoding: "utf8",
  delimiter: "comma",
  rows: 7,
  created: 3,
  updated: 1,
  unchanged: 2,
  rejected: 1,
  problems: [],
  problem_count: 0,
  committed: false,
  ...over,
});

describe("import wizard", () => {
  it("sends only the columns the user re-mapped", () => {
    const detected = [
      { name: "Tag", target: "tag" },
      { name: "Raum", target: null },
      { name: "Name", target: "name" },
    ];
    expect(changedMapping(detected, { Tag: "tag", Raum: "custom:Room", Name: "ignore" })).toEqual([
      { column: "Raum", target: "custom:Room" },
      { column: "Name", target: "ignore" },
    ]);
  });

  it("describes a preview and a finished import", () => {
    expect(countsSentence(report())).toBe("3 to create, 1 to update, 2 unchanged, 1 rejected");
    expect(countsSentence(report({ committed: true, rejected: 0 }))).toBe("3 created, 1 updated, 2 unchanged, 0 rejected");
  });

  it("imports only after a clean preview", () => {
    expect(canImport(null)).toBe(false);
    expect(canImport(report())).toBe(false);
    expect(canImport(report({ rejected: 0 }))).toBe(true);
    expect(canImport(report({ rejected: 0, committed: true }))).toBe(false);
  });
});
