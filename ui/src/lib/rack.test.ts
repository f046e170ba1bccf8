import { describe, expect, it } from "vitest";
import { deviceRows, unitRows, unitsTopDown } from "./rack";

describe("the rack's front view", () => {
  it("puts U1 at the bottom and the top unit in the first rows", () => {
    expect(unitRows(1, 42)).toEqual({ start: 83, end: 85 });
    expect(unitRows(42, 42)).toEqual({ start: 1, end: 3 });
  });

  it("stretches a device up from its position by its height, half units included", () => {
    expect(deviceRows({ position: 1, height: 2 }, 42)).toEqual({ start: 81, end: 85 });
    expect(deviceRows({ position: 10.5, height: 1 }, 42)).toEqual({ start: 64, end: 66 });
  });

  it("lists the units from the top down", () => {
    expect(unitsTopDown(3)).toEqual([3, 2, 1]);
  });
});
