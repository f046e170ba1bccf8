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
  /** Its share of the table's width, against the other columns shown (about its usual text in rem). */
  width: number;
  text: (asset: Asset) => string;
}

export const COLUMNS: Column[] = [
  { key: "tag", label: "Tag", mono: true, width: 8, text: (a) => a.tag },
  { key: "name", label: "Name", width: 14, text: (a) => a.name },
  { key: "category", label: "Category", width: 9, text: (a) => a.category },
  { key: "status", label: "Status", width: 10, text: (a) => STATUS_LABELS[a.status] },
  { key: "location", label: "Location", width: 17, text: (a) => a.location ?? "" },
  { key: "manufacturer", label: "Manufacturer", width: 10.5, text: (a) => a.manufacturer ?? "" },
  { key: "model", label: "Model", width: 11, text: (a) => a.model ?? "" },
  { key: "serial", label: "Serial", mono: true, width: 9, text: (a) => a.serial ?? "" },
  { key: "hostname", label: "Hostname", mono: true, width: 11, text: (a) => a.hostname ?? "" },
  { key: "ip_address", label: "IP address", mono: true, width: 8.5, text: (a) => a.ip_address ?? "" },
  { key: "assigned_to", label: "Assigned to", width: 10, text: (a) => a.assigned_to ?? "" },
  { key: "purchase_date", label: "Purchased", mono: true, width: 8.5, text: (a) => formatDate(a.purchase_date) },
  { key: "purchase_cost", label: "Cost", width: 8, text: (a) => formatMoney(a.purchase_cost) },
  { key: "end_of_life", label: "End of life", mono: true, width: 8.5, text: (a) => formatDate(a.end_of_life) },
  { key: "end_of_support", label: "End of support", mono: true, width: 10, text: (a) => formatDate(a.end_of_support) },
  { key: "updated_at", label: "Changed", mono: true, width: 10, text: (a) => formatTimestamp(a.updated_at) },
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

/** The share of the table's width the shown columns divide (the rest is the selection box's). */
export const SHARED_WIDTH = 95;

/**
 * Each shown column's width in percent of the table's: fixed, so that rows
 * arriving or a new sort never move the columns, and the table lays out
 * without measuring every cell.
 */
export function columnWidths(columns: readonly Column[]): string[] {
  const sum = columns.reduce((total, c) => total + c.width, 0);
  return columns.map((c) => `${((c.width / sum) * SHARED_WIDTH).toFixed(2)}%`);
}

/** The choice with `key` shown or hidden (the tag stays). */
export function toggleColumn(choice: readonly AssetSortColumn[], key: AssetSortColumn): AssetSortColumn[] {
  if (key === "tag") return [...choice];
  return choice.includes(key) ? choice.filter((k) => k !== key) : COLUMNS.map((c) => c.key).filter((k) => k === key || choice.includes(k));
}
