/**
 * The import wizard's logic, kept apart from its markup so it can be tested:
 * the mapping a wizard sends (only the columns the user changed), what the
 * preview says in words, and whether the import may run.
 */
import type { ColumnInfo } from "./bindings/ColumnInfo";
import type { ColumnMapping } from "./bindings/ColumnMapping";
import type { ImportReport } from "./bindings/ImportReport";

/**
 * The target a column shows in the mapping step: its field, or "" (not
 * decided yet) for a column no field takes: the user chooses "ignore", a
 * field or a custom field for it.
 */
export function targetOf(column: ColumnInfo): string {
  return column.target ?? "";
}

/**
 * The mapping to send: every column whose chosen target differs from what
 * the importer detected (so the profile still binds the others), or every
 * decided column when `all` (a file of no known format, whose columns are
 * only pre-filled by name). An undecided column is not sent: the importer
 * lists it with its first values.
 */
export function changedMapping(detected: ColumnInfo[], chosen: Record<string, string>, all = false): ColumnMapping[] {
  return detected
    .filter((c) => {
      const target = chosen[c.name];
      return target !== undefined && target !== "" && (all || target !== targetOf(c));
    })
    .map((c) => ({ column: c.name, target: chosen[c.name] }));
}

/** The columns no field takes that the user has not decided on yet. */
export function undecided(detected: ColumnInfo[], chosen: Record<string, string>): string[] {
  return detected.filter((c) => (chosen[c.name] ?? "") === "").map((c) => c.name);
}

/** "3 to create, 1 to update, 2 unchanged, 1 rejected". */
export function countsSentence(report: ImportReport): string {
  const verb = report.committed ? ["created", "updated"] : ["to create", "to update"];
  return `${report.created} ${verb[0]}, ${report.updated} ${verb[1]}, ${report.unchanged} unchanged, ${report.rejected} rejected`;
}

/**
 * The import runs only after a preview with no rejected row, once every
 * column no field takes has been decided on (`open` of them still are not).
 */
export function canImport(preview: ImportReport | null, open = 0): boolean {
  return preview !== null && !preview.committed && preview.rejected === 0 && open === 0;
}
