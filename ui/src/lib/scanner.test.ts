import { describe, expect, it } from "vitest";
import { ScanBuffer, SCAN_GAP_MS, typesCharacter } from "./scanner";

function scan(buffer: ScanBuffer, text: string, start: number, gap: number): number {
  let t = start;
  for (const key of text) {
    buffer.push(key, t);
    t += gap;
  }
  return t;
}

describe("ScanBuffer", () => {
  it("gives what a scanner typed on its Enter", () => {
    const b = new ScanBuffer();
    const end = scan(b, "SRV-0001", 1000, 5);
    expect(b.take(end)).toBe("SRV-0001");
    expect(b.take(end + 1)).toBeNull();
  });

  it("starts again after a pause, so a person's stray keys are not part of the tag", () => {
    const b = new ScanBuffer();
    scan(b, "gh", 0, 300);
    const end = scan(b, "SW-2", 2000, 4);
    expect(b.take(end)).toBe("SW-2");
  });

  it("is under way while keys come fast, so that a slash in a link is not a shortcut", () => {
    const b = new ScanBuffer();
    expect(b.active(0)).toBe(false);
    const end = scan(b, "https:", 0, 5);
    expect(b.active(end)).toBe(true);
    // The slash itself already pushed by another listener: still a scan.
    b.push("/", end);
    expect(b.active(end)).toBe(true);
    expect(b.active(end + SCAN_GAP_MS + 5)).toBe(false);
  });

  it("takes a person's single key for a shortcut, whichever listener sees it first", () => {
    const b = new ScanBuffer();
    scan(b, "ab", 0, 300);
    expect(b.active(5000)).toBe(false);
    b.push("/", 5000);
    expect(b.active(5000)).toBe(false);
  });

  it("ignores an Enter pressed by a person long after the last key", () => {
    const b = new ScanBuffer();
    const end = scan(b, "SRV-0001", 0, 5);
    expect(b.take(end + SCAN_GAP_MS + 1)).toBeNull();
  });

  it("counts only keys that type characters", () => {
    expect(typesCharacter({ key: "a", ctrlKey: false, metaKey: false, altKey: false })).toBe(true);
    expect(typesCharacter({ key: "k", ctrlKey: true, metaKey: false, altKey: false })).toBe(false);
    expect(typesCharacter({ key: "Shift", ctrlKey: false, metaKey: false, altKey: false })).toBe(false);
  });
});
