/**
 * Calendar dates as people see and type them: the register's display format
 * (Settings → date format, the one the reports use), and ISO 8601, which is
 * what the core stores and always accepted too. A month laid out for the
 * date picker. Pure functions; no time zones (a date is a calendar day).
 */

export const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function iso(year: number, month: number, day: number): string | null {
  return isRealDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/** A display format known to the app, or ISO for anything else. */
export function dateFormat(text: string | null | undefined): DateFormat {
  return (DATE_FORMATS as readonly string[]).includes(text ?? "") ? (text as DateFormat) : "YYYY-MM-DD";
}

/** An ISO date in `format`; anything that is not an ISO date is shown as it is. */
export function formatDay(value: string | null | undefined, format: DateFormat): string {
  if (!value) return "";
  const m = ISO.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  switch (format) {
    case "DD.MM.YYYY":
      return `${d}.${mo}.${y}`;
    case "DD/MM/YYYY":
      return `${d}/${mo}/${y}`;
    case "MM/DD/YYYY":
      return `${mo}/${d}/${y}`;
    default:
      return value;
  }
}

/**
 * What a person typed, as an ISO date: ISO itself, or the display format
 * (one-digit day and month allowed). Null when it is neither, or not a
 * real day (31.02.2026).
 */
export function parseDay(text: string, format: DateFormat): string | null {
  const t = text.trim();
  const m = ISO.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  const parts = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  if (!parts || format === "YYYY-MM-DD") return null;
  const [a, b, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const separator = format === "DD.MM.YYYY" ? "." : "/";
  if (!t.includes(separator)) return null;
  return format === "MM/DD/YYYY" ? iso(year, a, b) : iso(year, b, a);
}

/** The weeks of a month, Monday first: ISO dates, null outside the month. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = Array(offset).fill(null);
  for (let d = 1; d <= days; d++) cells.push(iso(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month after (`by` 1) or before (-1) `year`/`month`. */
export function addMonths(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}
