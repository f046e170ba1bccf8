import { describe, expect, it } from "vitest";
import { matchCommands, moveIndex, type PaletteCommand } from "./palette";
import { SEQUENCE_GAP_MS, ShortcutKeys } from "./shortcuts";

describe("shortcut keys", () => {
  it("reads single keys and two-key sequences", () => {
    const keys = new ShortcutKeys();
    expect(keys.push("/", 0)).toBe("search");
    expect(keys.push("n", 1000)).toBe("new-asset");
    expect(keys.push("g", 2000)).toBe("more");
    expect(keys.push("r", 2300)).toBe("go-register");
    expect(keys.push("g", 4000)).toBe("more");
    expect(keys.push("d", 4100)).toBe("go-due");
    expect(keys.push("?", 6000)).toBe("help");
  });

  it("drops a sequence left too long, and keys that make none", () => {
    const keys = new ShortcutKeys();
    expect(keys.push("g", 0)).toBe("more");
    expect(keys.push("h", SEQUENCE_GAP_MS + 1)).toBeNull();
    expect(keys.push("x", 5000)).toBeNull();
    expect(keys.push("g", 6000)).toBe("more");
    expect(keys.push("x", 6100)).toBeNull();
    expect(keys.push("h", 6200)).toBeNull();
  });

  it("forgets a sequence begun when reset", () => {
    const keys = new ShortcutKeys();
    keys.push("g", 0);
    keys.reset();
    expect(keys.push("h", 10)).toBeNull();
  });
});

describe("the command palette", () => {
  const commands: PaletteCommand[] = [
    { id: "home", label: "Go to Home" },
    { id: "register", label: "Go to the register" },
    { id: "new", label: "New asset", also: "add" },
    { id: "reports", label: "Reports", also: "pdf" },
  ];

  it("finds commands by the start of their words first, then by any part", () => {
    expect(matchCommands(commands, "reg").map((c) => c.id)).toEqual(["register"]);
    expect(matchCommands(commands, "add").map((c) => c.id)).toEqual(["new"]);
    expect(matchCommands(commands, "go").map((c) => c.id)).toEqual(["home", "register"]);
    expect(matchCommands(commands, "ports").map((c) => c.id)).toEqual(["reports"]);
    expect(matchCommands(commands, "zzz")).toEqual([]);
    expect(matchCommands(commands, "").length).toBe(4);
  });

  it("moves through the list, wrapping round", () => {
    expect(moveIndex(0, -1, 3)).toBe(2);
    expect(moveIndex(2, 1, 3)).toBe(0);
    expect(moveIndex(0, 1, 0)).toBe(0);
  });
});
