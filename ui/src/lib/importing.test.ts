import { describe, expect, it } from "vitest";
import { canImport, changedMapping, countsSentence, undecided } from "./importing";
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
  unmapped: [],
  status_map: [],
  ...over,
});

describe("import wizard", () => {
  it("sends only the columns the user re-mapped", () => {
    const detected = [
      { name: "Tag", target: "tag", samples: ["A-1"] },
      { name: "Raum", target: null, samples: ["B12"] },
      { name: "Name", target: "name", samples: [] },
    ];
    expect(changedMapping(detected, { Tag: "tag", Raum: "custom:Room", Name: "ignore" })).toEqual([
      { column: "Raum", target: "custom:Room" },
      { column: "Name", target: "ignore" },
    ]);
  });

  it("leaves a column no field takes undecided until the user chooses, and sends every column of an unknown format", () => {
    const detected = [
      { name: "Serial Number", target: "serial", samples: ["SN-1"] },
      { name: "Owner", target: null, samples: ["Ana"] },
      { name: "Room", target: null, samples: [] },
    ];
    const chosen = { "Serial Number": "serial", Owner: "", Room: "ignore" };
    expect(undecided(detected, chosen)).toEqual(["Owner"]);
    expect(changedMapping(detected, chosen)).toEqual([{ column: "Room", target: "ignore" }]);
    expect(changedMapping(detected, chosen, true)).toEqual([
      { column: "Serial Number", target: "serial" },
      { column: "Room", target: "ignore" },
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
    expect(canImport(report({ rejected: 0 }), 1)).toBe(false);
    // An empty file (a header, no rows) is an empty, successful import.
    expect(canImport(report({ rejected: 0, rows: 0, created: 0 }))).toBe(true);
  });
});
