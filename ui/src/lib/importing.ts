/**
 * The import wizard's logic, kept apart from its markup so it can be tested:
 * the mapping a wizard sends (only the columns the user changed), what the
 * preview says in words, and whether the import may run.
 */
import type { ColumnInfo } from "./bindings/ColumnInfo";
import type { ColumnMapping } from "./bindings/ColumnMapping";
import type { ImportReport } from "./bindings/ImportReport";

/** The target a column shows in the mapping step: its field, or "ignore". */
export function targetOf(column: ColumnInfo): string {
  return column.target ?? "ignore";
}

/**
 * The mapping to send: every column whose chosen target differs from what
 * the importer detected (so the profile still binds the others).
 */
export function changedMapping(detected: ColumnInfo[], chosen: Record<string, string>): ColumnMapping[] {
  return detected
    .filter((c) => chosen[c.name] !== undefined && chosen[c.name] !== targetOf(c))
    .map((c) => ({ column: c.name, target: chosen[c.name] }));
}

/** "3 to create, 1 to update, 2 unchanged, 1 rejected". */
export function countsSentence(report: ImportReport): string {
  const verb = report.committed ? ["created", "updated"] : ["to create", "to update"];
  return `${report.created} ${verb[0]}, ${report.updated} ${verb[1]}, ${report.unchanged} unchanged, ${report.rejected} rejected`;
}

/** The import runs only after a preview with no rejected row. */
export function canImport(preview: ImportReport | null): boolean {
  return preview !== null && !preview.committed && preview.rejected === 0 && preview.rows > 0;
}
