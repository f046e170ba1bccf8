/**
 * How values of the register are shown to people: money, dates, counts and
 * the words for the core's enumerations. Pure functions, unit-tested.
 */
import { formatDay } from "./dates";
import { dateDisplay } from "./dateDisplay.svelte";
import type { AssetStatus } from "./bindings/AssetStatus";
import type { ChangeAction } from "./bindings/ChangeAction";
import type { EntityKind } from "./bindings/EntityKind";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { CoverageKind } from "./bindings/CoverageKind";
import type { Money } from "./bindings/Money";
import type { Outcome } from "./bindings/Outcome";
import type { WorkKind } from "./bindings/WorkKind";
import { CURRENCY_DIGITS } from "./bindings/currencyDigits";

/** Locale used for numbers; `undefined` means the app's ({@link APP_LOCALE}). Tests pin it. */
export type Locale = string | undefined;

/**
 * The first of the user's languages that Intl knows, skipping the POSIX "C"
 * locale (what an unset LANG gives, and which formats 8450 without grouping);
 * English when none is left.
 */
export function pickLocale(languages: readonly string[]): string {
  for (const tag of languages) {
    if (!tag || /^(c|posix)$/i.test(tag) || /posix/i.test(tag)) continue;
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported && !/posix/i.test(new Intl.NumberFormat(supported).resolvedOptions().locale)) {
        return supported;
      }
    } catch {
      // not a valid language tag: try the next
    }
  }
  return "en";
}

/** The locale the app formats numbers in. */
export const APP_LOCALE: string = pickLocale(
  typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]),
);

/**
 * Digits after the decimal point of `currency`, as the core stores it
 * (ISO 4217, the table generated from tend-core): never the web view's locale
 * data, which gives 0 for HUF, IDR, COP and others where the core keeps 2, and
 * would show such an amount 100 times too large.
 */
export function minorDigits(currency: string): number {
  return CURRENCY_DIGITS[currency] ?? 2;
}

/**
 * Formats integer minor units as money ("€1,234.56"), exactly: the whole
 * units are formatted as a BigInt (for the locale's symbol, sign and
 * grouping) and the minor digits are put in as they are. No float arithmetic.
 */
export function formatMoney(money: Money | null | undefined, locale: Locale = undefined): string {
  if (!money) return "";
  const digits = minorDigits(money.currency);
  const scale = 10n ** BigInt(digits);
  const minor = BigInt(money.minor);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(digits, "0");
  try {
    const format = new Intl.NumberFormat(locale ?? APP_LOCALE, {
      style: "currency",
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    // -0 keeps the minus sign of amounts between -1 and 0.
    const parts = negative && whole === 0n ? format.formatToParts(-0) : format.formatToParts(negative ? -whole : whole);
    return parts.map((p) => (p.type === "fraction" ? fraction : p.value)).join("");
  } catch {
    const sign = negative ? "-" : "";
    return `${sign}${whole}${digits > 0 ? `.${fraction}` : ""} ${money.currency}`;
  }
}

/** Formats a whole number with grouping ("1,234"). */
export function formatCount(n: number, locale: Locale = undefined): string {
  return new Intl.NumberFormat(locale ?? APP_LOCALE, { maximumFractionDigits: 0 }).format(n);
}

/** "1–50 of 1,234", "0 of 0" for an empty list. */
export function formatRange(offset: number, shown: number, total: number, locale: Locale = undefined): string {
  if (total === 0 || shown === 0) return `0 of ${formatCount(total, locale)}`;
  const first = formatCount(offset + 1, locale);
  const last = formatCount(offset + shown, locale);
  return `${first}–${last} of ${formatCount(total, locale)}`;
}

/** A calendar date as stored (ISO 8601), shown in the register's date format (Settings). */
export function formatDate(iso: string | null | undefined): string {
  return formatDay(iso, dateDisplay.format);
}

/** An RFC 3339 timestamp shown in local time as "YYYY-MM-DD HH:MM". */
export function formatTimestamp(rfc3339: string, timeZone: string | undefined = undefined): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** A file size as the core writes it (tend_core::human_size): "512 B", "1.4 KB", "23.0 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit + 1 < units.length) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** "1 h 30 min", "45 min", "2 d 3 h". */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "";
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (mins) parts.push(`${mins} min`);
  return parts.join(" ");
}

export const STATUS_LABELS: Record<AssetStatus, string> = {
  in_service: "In service",
  in_repair: "In repair",
  spare: "Spare / in stock",
  retired: "Retired",
  disposed: "Disposed",
  lost: "Lost",
};

export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  repair: "Repair",
  preventive_maintenance: "Preventive maintenance",
  inspection: "Inspection",
  upgrade: "Upgrade",
  incident: "Incident",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fixed: "Fixed",
  workaround: "Workaround",
  replaced: "Replaced",
  sent_to_vendor: "Sent to vendor",
  could_not_fix: "Could not fix",
};

export const COVERAGE_KIND_LABELS: Record<CoverageKind, string> = {
  manufacturer_warranty: "Manufacturer warranty",
  extended_warranty: "Extended warranty",
  support_contract: "Support contract",
};

export const ACTION_LABELS: Record<ChangeAction, string> = {
  created: "Created",
  updated: "Updated",
  deleted: "Deleted",
  archived: "Archived",
  restored: "Restored",
};

const ENTITY_LABELS: Record<EntityKind, string> = {
  asset: "Asset",
  coverage: "Coverage",
  plan: "Maintenance plan",
  work_log: "Work log",
};

/**
 * The small line under a history entry: what kind of record changed and how
 * ("Coverage · updated"). A work-log entry is simply "Work log": it is
 * created when the work is logged, and its summary already says what.
 */
export function historyContext(entity: EntityKind, action: ChangeAction): string {
  if (entity === "work_log" && action === "created") return ENTITY_LABELS.work_log;
  return `${ENTITY_LABELS[entity]} · ${ACTION_LABELS[action].toLowerCase()}`;
}

/**
 * The line under a history entry: what changed and how, then who made the
 * change ("Asset · updated · by Anna Berg"); nothing about who for entries
 * recorded before Tend kept it.
 */
export function historyByline(entry: Pick<HistoryEntry, "entity" | "action" | "author">): string {
  const context = historyContext(entry.entity, entry.action);
  return entry.author ? `${context} · by ${entry.author}` : context;
}

/** The keys of a label table, in display order, for `<select>` options. */
export function choices<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** Money as the plain decimal text a form takes back ("1234.56"), exactly. */
export function moneyToText(money: Money | null | undefined): string {
  if (!money) return "";
  const digits = minorDigits(money.currency);
  const minor = BigInt(money.minor);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
