import { describe, expect, it } from "vitest";
import { resolveTheme, savedTheme } from "./theme";

describe("theme", () => {
  it("follows the system unless light or dark is chosen", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("reads only a known choice back, else the system's", () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(savedTheme(store("dark"))).toBe("dark");
    expect(savedTheme(store("light"))).toBe("light");
    expect(savedTheme(store("purple"))).toBe("system");
    expect(savedTheme(store(null))).toBe("system");
    expect(
      savedTheme({
        getItem: () => {
          throw new Error("denied");
        },
      }),
    ).toBe("system");
  });
});
