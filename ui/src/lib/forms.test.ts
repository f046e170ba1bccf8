import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api";
import { blankWork, coverageInput, formErrors, today } from "./forms";

const FIELDS = ["tag", "name", "purchase_date"] as const;

describe("formErrors", () => {
  it("puts a validation error at the field it names, without the field prefix", () => {
    const e = formErrors(
      { code: "validation", message: "purchase_date: not a date: 2025-13-01", field: "purchase_date" },
      FIELDS,
    );
    expect(e.fields).toEqual({ purchase_date: "not a date: 2025-13-01" });
    expect(e.general).toBeNull();
  });

  it("puts a conflict on the tag at the tag", () => {
    const e = formErrors(new ApiFailure("conflict", "tag: SRV-1 is already used", "tag"), FIELDS);
    expect(e.fields.tag).toBe("SRV-1 is already used");
  });

  it("shows an error for a field the form lacks as a general message", () => {
    const e = formErrors({ code: "validation", message: "currency: unknown", field: "currency" }, FIELDS);
    expect(e.fields).toEqual({});
    expect(e.general).toBe("currency: unknown");
  });

  it("shows errors without a field as a general message", () => {
    const e = formErrors({ code: "busy", message: "the database is locked" }, FIELDS);
    expect(e.general).toBe("the database is locked");
  });
});

describe("blank inputs", () => {
  it("dates a new work-log entry today, in local time", () => {
    const now = new Date(2025, 0, 9, 23, 30);
    expect(today(now)).toBe("2025-01-09");
    expect(blankWork(now).performed_on).toBe("2025-01-09");
    expect(blankWork(now).kind).toBe("repair");
  });
});

describe("coverageInput", () => {
  it("turns a stored coverage back into form text", () => {
    const input = coverageInput({
      id: 1,
      asset_id: 2,
      kind: "support_contract",
      provider: "Dell",
      reference: null,
      start_date: "2024-01-01",
      end_date: "2027-01-01",
      service_level: "NBD on-site",
      cost: { minor: 49900, currency: "EUR" },
      notice_days: 60,
      notes: null,
      updated_at: "2026-12-06T10:42:00.000Z",
    });
    expect(input).toMatchObject({
      kind: "support_contract",
      reference: "",
      cost: "499.00",
      currency: "EUR",
      notice_days: "60",
      notes: "",
      expected_updated_at: "2026-12-06T10:42:00.000Z",
    });
  });
});

describe("formErrors", () => {
  it("shows a save refused because someone else changed the record above the form, not at a field", () => {
    const errors = formErrors(
      {
        code: "conflict",
        field: "expected_updated_at",
        message: "expected_updated_at: asset SRV-1 was changed since it was read: anna changed location at 2026-12-06 10:42 UTC",
      },
      ["tag", "expected_updated_at"],
    );
    expect(errors.fields).toEqual({});
    expect(errors.general).toMatch(/^asset SRV-1 was changed since it was read: anna changed location/);
  });
});
