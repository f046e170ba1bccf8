/**
 * Category plan templates on screen: the form as typed (one flat record, so
 * the core's field names map straight onto its inputs), the rule and the
 * reach in words, and the result of a campaign in one sentence.
 */
import { formatCount } from "./format";
import type { Anchoring } from "./bindings/Anchoring";
import type { Interval } from "./bindings/Interval";
import type { IntervalUnit } from "./bindings/IntervalUnit";
import type { PlanTemplateInput } from "./bindings/PlanTemplateInput";
import type { TemplateApplied } from "./bindings/TemplateApplied";
import type { TemplateReach } from "./bindings/TemplateReach";

/** The template form as typed. Each key but `auto_apply` is a field name the core may name in an error. */
export interface TemplateForm {
  category: string;
  title: string;
  every: string;
  unit: IntervalUnit;
  anchoring: Anchoring;
  start_date: string;
  lead_days: string;
  assignee: string;
  expected_minutes: string;
  /** One checklist item per line. */
  checklist: string;
  notes: string;
  auto_apply: boolean;
}

export function blankTemplateForm(category = ""): TemplateForm {
  return {
    category,
    title: "",
    every: "1",
    unit: "months",
    anchoring: "fixed",
    start_date: "",
    lead_days: "7",
    assignee: "",
    expected_minutes: "",
    checklist: "",
    notes: "",
    auto_apply: false,
  };
}

/** The fields a save error can be shown at. */
export const TEMPLATE_FIELDS: readonly string[] = Object.keys(blankTemplateForm()).filter((k) => k !== "auto_apply");

/** What the core takes: the plan's text as typed, the checklist one item per line (blank lines dropped by the core). */
export function templateInput(form: TemplateForm): PlanTemplateInput {
  return {
    category: form.category,
    auto_apply: form.auto_apply,
    plan: {
      title: form.title,
      every: form.every,
      unit: form.unit,
      anchoring: form.anchoring,
      start_date: form.start_date,
      end_date: "",
      lead_days: form.lead_days,
      assignee: form.assignee,
      expected_minutes: form.expected_minutes,
      checklist: form.checklist.split(/\r?\n/),
      notes: form.notes,
      // A template is only ever created: nothing to compare with.
      expected_updated_at: "",
    },
  };
}

export const UNIT_CHOICES: { value: IntervalUnit; label: string }[] = [
  { value: "days", label: "days" },
  { value: "weeks", label: "weeks" },
  { value: "months", label: "months" },
  { value: "years", label: "years" },
];

export const ANCHORING_CHOICES: { value: Anchoring; label: string }[] = [
  { value: "fixed", label: "Fixed (due dates never drift)" },
  { value: "floating", label: "Floating (from the last completion)" },
];

function count(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "Every month, fixed to the calendar"; "Every 3 years, from the last completion". */
export function ruleInWords(interval: Interval, anchoring: Anchoring): string {
  const unit = interval.unit.replace(/s$/, "");
  const every = interval.every === 1 ? `Every ${unit}` : `Every ${interval.every} ${interval.unit}`;
  return anchoring === "fixed" ? `${every}, fixed to the calendar` : `${every}, from the last completion`;
}

/** "7 days before", "on the day". */
export function leadInWords(days: number): string {
  return days === 0 ? "on the day" : `${count(days, "day", "days")} before`;
}

/** "2 of 3 assets have it", "no assets in service". */
export function reachInWords(reach: Pick<TemplateReach, "assets" | "planned">): string {
  if (reach.assets === 0) return "no assets in service";
  if (reach.planned === reach.assets) {
    return reach.assets === 1 ? "the 1 asset has it" : `all ${formatCount(reach.assets)} assets have it`;
  }
  return `${formatCount(reach.planned)} of ${count(reach.assets, "asset has", "assets have")} it`;
}

/** "Created 12 plans; 3 assets already had it", "0 assets in this category". */
export function appliedInWords(applied: Pick<TemplateApplied, "assets" | "created" | "already_planned">): string {
  if (applied.assets === 0) return "0 assets in this category: no plans created.";
  const created = `Created ${count(applied.created, "plan", "plans")}`;
  if (applied.already_planned === 0) return `${created}.`;
  return `${created}; ${count(applied.already_planned, "asset", "assets")} already had it.`;
}
