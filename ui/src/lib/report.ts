/**
 * Words and names for the Reports page: the report choices, a suggested file
 * name, and progress as a person reads it. Pure, so it is tested on its own.
 */
import type { ReportKind } from "./bindings/ReportKind";
import type { ReportProgress } from "./bindings/ReportProgress";

/** The reports, in menu order, with what each tells. */
export const REPORTS: { kind: ReportKind; label: string; about: string }[] = [
  { kind: "inventory", label: "Inventory summary", about: "Counts and value by category, status and site; then every asset." },
  { kind: "warranty", label: "Warranty and lifecycle", about: "Cover expired and ending, by quarter; end of life and support ahead." },
  { kind: "maintenance", label: "Maintenance", about: "Overdue and due tasks; completions on time or late; time spent." },
  { kind: "repairs", label: "Repairs and cost", about: "Repair cost and downtime by month and category; the costliest assets." },
  { kind: "asset", label: "Asset dossier", about: "One asset: every field, its coverage, plans and whole history." },
];

/** "inventory-2025-04-01.pdf", or "asset-SRV-0042-2025-04-01.pdf". */
export function suggestedFileName(kind: ReportKind, today: string, tag = ""): string {
  const safeTag = tag.trim().replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return kind === "asset" && safeTag ? `asset-${safeTag}-${today}.pdf` : `${kind}-${today}.pdf`;
}

/** What the progress line says, and how full the bar is (0–1). */
export function progressText(p: ReportProgress): { text: string; fraction: number } {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  switch (p.stage) {
    case "gathering":
      return { text: "Reading the register…", fraction: 0 };
    case "laying_out":
      return {
        text: `Laying out pages: ${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} rows`,
        fraction,
      };
    case "writing":
      return { text: "Writing the file…", fraction: 1 };
  }
}
