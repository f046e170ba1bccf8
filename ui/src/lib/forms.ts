/**
 * Form support: blank inputs, and placing a failed save's error where the
 * user will see it — at the field the core named, or as a general message.
 */
import { ApiFailure, toFailure } from "./api";
import { moneyToText } from "./format";
import type { AssetInput } from "./bindings/AssetInput";
import type { CompletionInput } from "./bindings/CompletionInput";
import type { Coverage } from "./bindings/Coverage";
import type { CoverageInput } from "./bindings/CoverageInput";
import type { WorkLogInput } from "./bindings/WorkLogInput";

/** Errors of one form: per field, and one general message for the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const noErrors: FormErrors = { fields: {}, general: null };

/**
 * Where to show a failed save. A validation or conflict error naming a
 * field the form has goes to that field; anything else is general.
 */
export function formErrors(reason: unknown, formFields: readonly string[]): FormErrors {
  const failure: ApiFailure = toFailure(reason);
  if (isChangedMeanwhile(failure)) {
    // Not a field the user typed: someone else saved first.
    return { fields: {}, general: fieldMessage(failure) };
  }
  if (failure.isInput && failure.field && formFields.includes(failure.field)) {
    return { fields: { [failure.field]: fieldMessage(failure) }, general: null };
  }
  return { fields: {}, general: failure.message };
}

/**
 * A save refused because someone else changed the record after the form
 * was opened: the message says who changed what; the form keeps its values.
 */
export function isChangedMeanwhile(failure: ApiFailure): boolean {
  return failure.code === "conflict" && failure.field === "expected_updated_at";
}

/** The core's messages start with "field: "; at the field itself that prefix is noise. */
export function fieldMessage(failure: ApiFailure): string {
  const prefix = `${failure.field}: `;
  return failure.field && failure.message.startsWith(prefix)
    ? failure.message.slice(prefix.length)
    : failure.message;
}

export function blankAsset(): AssetInput {
  return {
    tag: "",
    name: "",
    category: "",
    manufacturer: "",
    model: "",
    serial: "",
    status: "in_service",
    location: "",
    rack_unit: "",
    assigned_to: "",
    hostname: "",
    ip_address: "",
    mac_address: "",
    firmware: "",
    purchase_date: "",
    purchase_cost: "",
    currency: "",
    supplier: "",
    order_number: "",
    end_of_life: "",
    end_of_support: "",
    notes: "",
    custom_fields: {},
    expected_updated_at: "",
  };
}

/** Today's date in local time, ISO 8601. */
export function today(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function blankWork(now: Date = new Date()): WorkLogInput {
  return {
    kind: "repair",
    performed_on: today(now),
    performed_by: "",
    summary: "",
    details: "",
    outcome: "fixed",
    cost: "",
    currency: "",
    downtime_minutes: "",
    parts_used: "",
    covered_by_warranty: false,
    coverage_id: null,
    external_ref: "",
    expected_updated_at: "",
  };
}

/**
 * "Done" with nothing more said, for the occurrence a screen shows (its due
 * date, or the date it was snoozed to): if another desk completed it
 * meanwhile, the core refuses and says who did.
 */
export function plainCompletion(occurrence: string): CompletionInput {
  return {
    completed_on: "",
    performed_by: "",
    notes: "",
    cost: "",
    currency: "",
    minutes_spent: "",
    checked: [],
    occurrence,
  };
}

export function blankCoverage(): CoverageInput {
  return {
    kind: "manufacturer_warranty",
    provider: "",
    reference: "",
    start_date: "",
    end_date: "",
    service_level: "",
    cost: "",
    currency: "",
    notice_days: "",
    notes: "",
    expected_updated_at: "",
  };
}

/** The input that would recreate a stored coverage record, for its edit form. */
export function coverageInput(c: Coverage): CoverageInput {
  return {
    kind: c.kind,
    provider: c.provider ?? "",
    reference: c.reference ?? "",
    start_date: c.start_date ?? "",
    end_date: c.end_date,
    service_level: c.service_level ?? "",
    cost: moneyToText(c.cost),
    currency: c.cost?.currency ?? "",
    notice_days: c.notice_days === null ? "" : String(c.notice_days),
    notes: c.notes ?? "",
    expected_updated_at: c.updated_at,
  };
}
