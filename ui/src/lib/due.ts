/**
 * Words for the due list: how far an item is from today, and the one-line
 * summary shown at launch (in the app and in the desktop notification).
 */
import type { DueCounts } from "./bindings/DueCounts";
import type { DueItem } from "./bindings/DueItem";
import type { DueKind } from "./bindings/DueKind";

export const DUE_KIND_LABELS: Record<DueKind, string> = {
  maintenance: "Maintenance",
  coverage_end: "Coverage ends",
  renewal_notice: "Renewal notice",
  end_of_life: "End of life",
  end_of_support: "End of support",
};

function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

/** "12 days overdue (3 periods)", "due today", "in 5 days", "ended 40 days ago". */
export function dueWhen(item: Pick<DueItem, "state" | "days" | "periods_overdue">): string {
  const n = Math.abs(item.days);
  switch (item.state) {
    case "overdue":
      return item.periods_overdue > 1
        ? `${days(n)} overdue (${item.periods_overdue} periods)`
        : `${days(n)} overdue`;
    case "due":
      return "due today";
    case "expired":
      return `ended ${days(n)} ago`;
    case "upcoming":
      return `in ${days(n)}`;
  }
}

/** "2 overdue, 1 due today, 1 expired" — or null when nothing needs saying. */
export function launchSummary(counts: DueCounts): string | null {
  const parts: string[] = [];
  if (counts.overdue > 0) parts.push(`${counts.overdue} overdue`);
  if (counts.due > 0) parts.push(`${counts.due} due today`);
  if (counts.expired > 0) parts.push(`${counts.expired} expired`);
  return parts.length === 0 ? null : parts.join(", ");
}
