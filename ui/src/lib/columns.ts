/**
 * The register's columns: every sortable field of an asset, the ones shown
 * by default, and the text of a cell. The tag is always shown (it names the
 * row); the others are the user's choice (the column chooser, saved views).
 */
import type { Asset } from "./bindings/Asset";
import type { AssetSortColumn } from "./bindings/AssetSortColumn";
import { formatDate, formatMoney, formatTimestamp, STATUS_LABELS } from "./format";

export interface Column {
  key: AssetSortColumn;
  label: string;
  /** Monospaced (codes, dates). */
  mono?: boolean;
  text: (asset: Asset) => string;
}

export const COLUMNS: Column[] = [
  { key: "tag", label: "Tag", mono: true, text: (a) => a.tag },
  { key: "name", label: "Name", text: (a) => a.name },
  { key: "category", label: "Category", text: (a) => a.category },
  { key: "status", label: "Status", text: (a) => STATUS_LABELS[a.status] },
  { key: "location", label: "Location", text: (a) => a.location ?? "" },
  { key: "manufacturer", label: "Manufacturer", text: (a) => a.manufacturer ?? "" },
  { key: "model", label: "Model", text: (a) => a.model ?? "" },
  { key: "serial", label: "Serial", mono: true, text: (a) => a.serial ?? "" },
  { key: "hostname", label: "Hostname", mono: true, text: (a) => a.hostname ?? "" },
  { key: "ip_address", label: "IP address", mono: true, text: (a) => a.ip_address ?? "" },
  { key: "assigned_to", label: "Assigned to", text: (a) => a.assigned_to ?? "" },
  { key: "purchase_date", label: "Purchased", mono: true, text: (a) => formatDate(a.purchase_date) },
  { key: "purchase_cost", label: "Cost", text: (a) => formatMoney(a.purchase_cost) },
  { key: "end_of_life", label: "End of life", mono: true, text: (a) => formatDate(a.end_of_life) },
  { key: "end_of_support", label: "End of support", mono: true, text: (a) => formatDate(a.end_of_support) },
  { key: "updated_at", label: "Changed", mono: true, text: (a) => formatTimestamp(a.updated_at) },
];

/** Shown until the user chooses. */
export const DEFAULT_COLUMNS: AssetSortColumn[] = [
  "tag",
  "name",
  "category",
  "status",
  "location",
  "manufacturer",
  "model",
  "serial",
  "purchase_date",
];

/** The columns to show for a choice: known keys in the table's order, the tag always first. */
export function shownColumns(choice: readonly string[]): Column[] {
  const wanted = new Set(choice);
  return COLUMNS.filter((c) => c.key === "tag" || wanted.has(c.key));
}

/** The choice with `key` shown or hidden (the tag stays). */
export function toggleColumn(choice: readonly AssetSortColumn[], key: AssetSortColumn): AssetSortColumn[] {
  if (key === "tag") return [...choice];
  return choice.includes(key) ? choice.filter((k) => k !== key) : COLUMNS.map((c) => c.key).filter((k) => k === key || choice.includes(k));
}
