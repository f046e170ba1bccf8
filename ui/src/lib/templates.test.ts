import { describe, expect, it } from "vitest";
import { formErrors } from "./forms";
import {
  appliedInWords,
  blankTemplateForm,
  leadInWords,
  reachInWords,
  ruleInWords,
  TEMPLATE_FIELDS,
  templateInput,
} from "./templates";

describe("templateInput", () => {
  it("sends the plan as typed, one checklist item per line, with no end date", () => {
    const input = templateInput({
      ...blankTemplateForm("UPS"),
      title: "Replace battery",
      every: "3",
      unit: "years",
      anchoring: "floating",
      checklist: "Order battery\r\nSwap\n\nTest on load",
      auto_apply: true,
    });
    expect(input.category).toBe("UPS");
    expect(input.auto_apply).toBe(true);
    expect(input.plan).toMatchObject({
      title: "Replace battery",
      every: "3",
      unit: "years",
      anchoring: "floating",
      start_date: "",
      end_date: "",
      lead_days: "7",
    });
    expect(input.plan.checklist).toEqual(["Order battery", "Swap", "", "Test on load"]);
  });

  it("starts blank: monthly, fixed, a week's notice, only for the assets there now", () => {
    const form = blankTemplateForm();
    expect([form.every, form.unit, form.anchoring, form.lead_days, form.auto_apply]).toEqual([
      "1",
      "months",
      "fixed",
      "7",
      false,
    ]);
  });

  it("shows the core's errors at the template's fields, category included", () => {
    expect(TEMPLATE_FIELDS).toContain("category");
    expect(TEMPLATE_FIELDS).not.toContain("auto_apply");
    const atEvery = formErrors(
      { code: "validation", message: "every: must be at least 1, got 0", field: "every" },
      TEMPLATE_FIELDS,
    );
    expect(atEvery.fields).toEqual({ every: "must be at least 1, got 0" });
    const atCategory = formErrors(
      { code: "validation", message: 'category: no category named "Spaceships"', field: "category" },
      TEMPLATE_FIELDS,
    );
    expect(atCategory.fields.category).toBe('no category named "Spaceships"');
  });
});

describe("words", () => {
  it("says the rule", () => {
    expect(ruleInWords({ every: 1, unit: "months" }, "fixed")).toBe("Every month, fixed to the calendar");
    expect(ruleInWords({ every: 3, unit: "years" }, "floating")).toBe("Every 3 years, from the last completion");
    expect(ruleInWords({ every: 2, unit: "weeks" }, "fixed")).toBe("Every 2 weeks, fixed to the calendar");
  });

  it("says the lead time", () => {
    expect(leadInWords(0)).toBe("on the day");
    expect(leadInWords(1)).toBe("1 day before");
    expect(leadInWords(14)).toBe("14 days before");
  });

  it("says how far a template reaches", () => {
    expect(reachInWords({ assets: 0, planned: 0 })).toBe("no assets in service");
    expect(reachInWords({ assets: 3, planned: 0 })).toBe("0 of 3 assets have it");
    expect(reachInWords({ assets: 3, planned: 2 })).toBe("2 of 3 assets have it");
    expect(reachInWords({ assets: 3, planned: 3 })).toBe("all 3 assets have it");
    expect(reachInWords({ assets: 1, planned: 0 })).toBe("0 of 1 asset has it");
    expect(reachInWords({ assets: 1, planned: 1 })).toBe("the 1 asset has it");
  });

  it("says what a campaign did", () => {
    expect(appliedInWords({ assets: 15, created: 12, already_planned: 3 })).toBe(
      "Created 12 plans; 3 assets already had it.",
    );
    expect(appliedInWords({ assets: 1, created: 1, already_planned: 0 })).toBe("Created 1 plan.");
    expect(appliedInWords({ assets: 2, created: 0, already_planned: 2 })).toBe(
      "Created 0 plans; 2 assets already had it.",
    );
    expect(appliedInWords({ assets: 1, created: 0, already_planned: 1 })).toBe(
      "Created 0 plans; 1 asset already had it.",
    );
    expect(appliedInWords({ assets: 0, created: 0, already_planned: 0 })).toBe(
      "0 assets in this category: no plans created.",
    );
    expect(appliedInWords({ assets: 1200, created: 1200, already_planned: 0 })).toBe("Created 1,200 plans.");
  });
});
