/**
 * Saved views of the register: a name for a filter, a sort and the columns
 * shown. Views are this computer's (like the theme: a team shares a
 * register, not a way of looking at it), kept in the web view's storage.
 * The current column choice is kept the same way.
 */
import type { AssetSortColumn } from "./bindings/AssetSortColumn";
import { COLUMNS, DEFAULT_COLUMNS } from "./columns";
import { initialTableState, type TableState } from "./query";

export interface SavedView {
  name: string;
  table: TableState;
  columns: AssetSortColumn[];
}

const VIEWS_KEY = "tend.views";
const COLUMNS_KEY = "tend.columns";
/** Longest name a view may have. */
export const VIEW_NAME_MAX = 60;

type Store = Pick<Storage, "getItem" | "setItem">;

const KNOWN = new Set<string>(COLUMNS.map((c) => c.key));

function columnsFrom(value: unknown): AssetSortColumn[] | null {
  if (!Array.isArray(value)) return null;
  const keys = value.filter((k): k is AssetSortColumn => typeof k === "string" && KNOWN.has(k));
  return keys.length > 0 ? keys : null;
}

/** The views kept (none when nothing, or something unreadable, is kept). */
export function loadViews(storage: Store | undefined = globalThis.localStorage): SavedView[] {
  try {
    const raw = JSON.parse(storage?.getItem(VIEWS_KEY) ?? "[]") as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((v: Partial<SavedView>) =>
      typeof v?.name === "string" && v.table && typeof v.table === "object"
        ? [{ name: v.name, table: { ...initialTableState, ...v.table, offset: 0 }, columns: columnsFrom(v.columns) ?? DEFAULT_COLUMNS }]
        : [],
    );
  } catch {
    return [];
  }
}

/** `views` with `view` added, replacing one of the same name (ignoring case); sorted by name. */
export function withView(views: SavedView[], view: SavedView): SavedView[] {
  const name = view.name.trim().slice(0, VIEW_NAME_MAX);
  const rest = views.filter((v) => v.name.toLowerCase() !== name.toLowerCase());
  return [...rest, { ...view, name, table: { ...view.table, offset: 0 } }].sort((a, b) => a.name.localeCompare(b.name));
}

export function withoutView(views: SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

export function storeViews(views: SavedView[], storage: Store | undefined = globalThis.localStorage): void {
  storage?.setItem(VIEWS_KEY, JSON.stringify(views));
}

/** The columns chosen on this computer (the default ones when none). */
export function loadColumns(storage: Store | undefined = globalThis.localStorage): AssetSortColumn[] {
  try {
    return columnsFrom(JSON.parse(storage?.getItem(COLUMNS_KEY) ?? "null")) ?? DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

export function storeColumns(columns: AssetSortColumn[], storage: Store | undefined = globalThis.localStorage): void {
  storage?.setItem(COLUMNS_KEY, JSON.stringify(columns));
}
