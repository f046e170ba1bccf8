import { describe, expect, it } from "vitest";
import {
  choices,
  formatCount,
  formatDuration,
  formatSize,
  formatMoney,
  formatRange,
  formatTimestamp,
  historyByline,
  historyContext,
  minorDigits,
  moneyToText,
  pickLocale,
  STATUS_LABELS,
} from "./format";

describe("money", () => {
  it("formats minor units at the currency's precision", () => {
    expect(formatMoney({ minor: 123456, currency: "EUR" }, "en-GB")).toBe("€1,234.56");
    expect(formatMoney({ minor: 5, currency: "USD" }, "en-US")).toBe("$0.05");
    expect(formatMoney({ minor: 1234, currency: "JPY" }, "en-US")).toBe("¥1,234");
  });

  it("is exact for large amounts", () => {
    expect(formatMoney({ minor: 9007199254740991, currency: "USD" }, "en-US")).toBe(
      "$90,071,992,547,409.91",
    );
  });

  it("formats negative amounts and nothing", () => {
    expect(formatMoney({ minor: -250, currency: "GBP" }, "en-GB")).toBe("-£2.50");
    expect(formatMoney({ minor: -5, currency: "EUR" }, "en-GB")).toBe("-€0.05");
    expect(formatMoney({ minor: 1, currency: "KWD" }, "en-US")).toMatch(/^KWD\s0\.001$/);
    expect(formatMoney(null)).toBe("");
  });

  it("knows the minor digits of a currency", () => {
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
  });

  it("shows and edits every currency with the core's digits, where the web view's locale data differs", () => {
    const intlDigits = (currency: string) =>
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const differing = Intl.supportedValuesOf("currency").filter((c) => intlDigits(c) !== minorDigits(c));
    // HUF, IDR and COP are among them: 2 digits in ISO 4217 and the core, 0 in the locale data.
    expect(differing).toEqual(expect.arrayContaining(["HUF", "IDR", "COP"]));
    for (const currency of differing) {
      const digits = minorDigits(currency);
      const minor = 123456;
      // The text a form takes back: exactly the stored amount.
      expect(moneyToText({ minor, currency }), currency).toBe(
        digits === 0 ? "123456" : `${Math.floor(minor / 10 ** digits)}.${String(minor % 10 ** digits).padStart(digits, "0")}`,
      );
      // What is shown: the same figures, grouped, never 100 times too large.
      const shown = formatMoney({ minor, currency }, "en-US").replace(/[^0-9.]/g, "");
      expect(shown, currency).toBe(moneyToText({ minor, currency }));
    }
    expect(formatMoney({ minor: 123456, currency: "HUF" }, "en-US")).toMatch(/^HUF\s1,234\.56$/);
  });
});

describe("counts and ranges", () => {
  it("groups thousands", () => {
    expect(formatCount(100000, "en")).toBe("100,000");
  });

  it("says which rows are shown", () => {
    expect(formatRange(0, 50, 1234, "en")).toBe("1–50 of 1,234");
    expect(formatRange(1200, 34, 1234, "en")).toBe("1,201–1,234 of 1,234");
    expect(formatRange(0, 0, 0, "en")).toBe("0 of 0");
  });
});

describe("file sizes", () => {
  it("reads as the core writes them (the same cases as tend_core::human_size)", () => {
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(999)).toBe("999 B");
    expect(formatSize(1_000)).toBe("1.0 KB");
    expect(formatSize(1_449_000)).toBe("1.4 MB");
    expect(formatSize(999_960)).toBe("1.0 MB");
    expect(formatSize(104_857_600)).toBe("104.9 MB");
  });
});

describe("dates and durations", () => {
  it("shows timestamps as local date and minutes", () => {
    expect(formatTimestamp("2025-03-04T10:05:59Z", "UTC")).toBe("2025-03-04 10:05");
    expect(formatTimestamp("2025-03-04T23:30:00Z", "Europe/Berlin")).toBe("2025-03-05 00:30");
    expect(formatTimestamp("not a time")).toBe("not a time");
  });

  it("shows durations in days, hours and minutes", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(1440 + 180)).toBe("1 d 3 h");
    expect(formatDuration(null)).toBe("");
  });
});

describe("labels", () => {
  it("lists choices in display order", () => {
    const c = choices(STATUS_LABELS);
    expect(c[0]).toEqual({ value: "in_service", label: "In service" });
    expect(c).toHaveLength(6);
  });
});

describe("moneyToText", () => {
  it("gives back the decimal a form takes", () => {
    expect(moneyToText({ minor: 123456, currency: "EUR" })).toBe("1234.56");
    expect(moneyToText({ minor: 5, currency: "EUR" })).toBe("0.05");
    expect(moneyToText({ minor: -5, currency: "EUR" })).toBe("-0.05");
    expect(moneyToText({ minor: 1500, currency: "JPY" })).toBe("1500");
    expect(moneyToText(null)).toBe("");
  });
});

describe("pickLocale", () => {
  it("takes the first language Intl supports", () => {
    expect(pickLocale(["de-DE", "en"])).toBe("de-DE");
  });

  it("skips the POSIX locale of an unset LANG", () => {
    expect(pickLocale(["c", "en-US-u-va-posix", "fr"])).toBe("fr");
    expect(pickLocale(["C"])).toBe("en");
    expect(pickLocale([])).toBe("en");
  });

  it("skips invalid tags", () => {
    expect(pickLocale(["not a tag!", "en-GB"])).toBe("en-GB");
  });
});

describe("historyContext", () => {
  it("says what kind of record changed and how", () => {
    expect(historyContext("work_log", "created")).toBe("Work log");
    expect(historyContext("coverage", "updated")).toBe("Coverage · updated");
    expect(historyContext("asset", "archived")).toBe("Asset · archived");
  });
});

describe("historyByline", () => {
  it("adds who made the change, when it is known", () => {
    expect(historyByline({ entity: "asset", action: "updated", author: "Anna Berg" })).toBe(
      "Asset · updated · by Anna Berg",
    );
    expect(historyByline({ entity: "work_log", action: "created", author: "root" })).toBe("Work log · by root");
    expect(historyByline({ entity: "coverage", action: "deleted", author: null })).toBe("Coverage · deleted");
  });
});
