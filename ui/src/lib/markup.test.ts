import { describe, expect, it } from "vitest";

/**
 * Nothing from the register or from a file may reach the page as markup:
 * Svelte escapes text, so the one way in would be raw HTML. This keeps every
 * such door shut in the UI's own sources (the end-to-end test
 * test_boundary.py shows markup-like names as text on every screen).
 */
const sources = import.meta.glob(["../**/*.svelte", "../**/*.ts", "!../**/*.test.ts", "!../lib/bindings/**"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const RAW_HTML = [/\{@html/, /\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/];

describe("the UI's sources", () => {
  it("are all read", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources)).toContain("../App.svelte");
  });

  it("never insert raw HTML or run strings as code", () => {
    const found = Object.entries(sources).flatMap(([file, text]) =>
      RAW_HTML.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`),
    );
    expect(found).toEqual([]);
  });
});
