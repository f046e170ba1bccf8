/**
 * Home's figures turned into what the page draws and where each figure
 * leads: the two charts' data (counts and amounts, with floats only as bar
 * heights), the comparison of this quarter with the last, and the register
 * filter each bar, segment or figure opens. Pure functions over the core's
 * `Overview`.
 */
import type { AssetStatus } from "./bindings/AssetStatus";
import type { CoverState } from "./bindings/CoverState";
import type { Money } from "./bindings/Money";
import type { Overview } from "./bindings/Overview";
import type { RepairFigures } from "./bindings/RepairFigures";
import { formatDuration, formatMoney, minorDigits, STATUS_LABELS } from "./format";
import { initialTableState, type TableState } from "./query";

/** Statuses in the order the core lists them, which the stacked bars follow. */
export const STATUS_ORDER: AssetStatus[] = ["in_service", "in_repair", "spare", "retired", "disposed", "lost"];

/** The category chart: one bar per category, one stacked segment per status. */
export interface CategoryChart {
  categories: { id: number; name: string }[];
  /** One series per status present, counts by category (0 where none). */
  series: { status: AssetStatus; label: string; counts: number[] }[];
}

export function categoryChart(o: Overview): CategoryChart {
  const categories: { id: number; name: string }[] = [];
  const index = new Map<number, number>();
  for (const row of o.by_category) {
    if (!index.has(row.category_id)) {
      index.set(row.category_id, categories.length);
      categories.push({ id: row.category_id, name: row.category });
    }
  }
  const series = STATUS_ORDER.flatMap((status) => {
    const rows = o.by_category.filter((r) => r.status === status);
    if (rows.length === 0) return [];
    const counts = categories.map(() => 0);
    for (const r of rows) counts[index.get(r.category_id) ?? 0] = r.count;
    return [{ status, label: STATUS_LABELS[status], counts }];
  });
  return { categories, series };
}

/**
 * The currency the cost bars are drawn in (one currency per axis: amounts in
 * different currencies do not add up): the register's own currency when any
 * repair cost was in it, else the one spent in during the most months (ties
 * by code).
 */
export function chartCurrency(months: RepairFigures[], preferred: string | null = null): string | null {
  const monthsWith = new Map<string, number>();
  for (const m of months) for (const c of m.cost) monthsWith.set(c.currency, (monthsWith.get(c.currency) ?? 0) + 1);
  if (preferred !== null && monthsWith.has(preferred)) return preferred;
  let best: string | null = null;
  for (const [currency, count] of [...monthsWith].sort(([a], [b]) => a.localeCompare(b))) {
    if (best === null || count > (monthsWith.get(best) ?? 0)) best = currency;
  }
  return best;
}

/** The repair chart: cost in one currency (major units, a bar height only) and downtime in hours, per month. */
export interface RepairChart {
  months: string[];
  currency: string | null;
  cost: number[];
  downtimeHours: number[];
  /** Currencies spent in but not drawn (one currency per axis). */
  otherCurrencies: string[];
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mar 2026" for a period starting 2026-03-01. */
export function monthLabel(from: string): string {
  const [year, month] = from.split("-");
  return `${MONTH_NAMES[Number(month) - 1] ?? month} ${year}`;
}

export function repairChart(o: Overview, preferred: string | null = null): RepairChart {
  const currency = chartCurrency(o.months, preferred);
  const others = new Set<string>();
  const cost = o.months.map((m) => {
    let height = 0;
    for (const c of m.cost) {
      if (c.currency === currency) height = c.minor / 10 ** minorDigits(c.currency);
      else others.add(c.currency);
    }
    return height;
  });
  return {
    months: o.months.map((m) => monthLabel(m.from)),
    currency,
    cost,
    downtimeHours: o.months.map((m) => Math.round((m.downtime_minutes / 60) * 10) / 10),
    otherCurrencies: [...others].sort(),
  };
}

/** Cost in words: every currency, "none" when nothing was spent. */
export function costInWords(cost: Money[]): string {
  return cost.length === 0 ? "no cost" : cost.map((c) => formatMoney(c)).join(" + ");
}

/** "up from 2", "down from 5", "as last quarter": how this quarter compares. */
export function comparedWith(now: number, before: number): string {
  if (now === before) return "as last quarter";
  return `${now > before ? "up" : "down"} from ${before} last quarter`;
}

/** Downtime of a quarter in words, compared with the last. */
export function downtimeCompared(now: number, before: number): string {
  if (now === before) return "as last quarter";
  return `${now > before ? "up" : "down"} from ${formatDuration(before) || "none"} last quarter`;
}

/** The register filtered to one category and status (a segment of the category chart). */
export function categoryFilter(categoryId: number, status: AssetStatus): TableState {
  return { ...initialTableState, categoryId, status };
}

/** The register filtered to the assets repaired in one month of the repair chart. */
export function monthFilter(month: RepairFigures): TableState {
  return { ...initialTableState, repaired: { from: month.from, to: month.to } };
}

/** The register filtered to a cover state (a cover figure). */
export function coverFilter(cover: CoverState): TableState {
  return { ...initialTableState, cover };
}

/** The register filtered to a status (the in-service figure). */
export function statusFilter(status: AssetStatus): TableState {
  return { ...initialTableState, status };
}
