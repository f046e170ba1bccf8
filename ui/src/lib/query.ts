/**
 * The state of the register table — search text, filters, sort and page —
 * and the rules that move it: a new filter goes back to the first page,
 * clicking the sorted column flips its direction, paging stays in range.
 * Pure functions over plain objects; the table component holds the state.
 */
import type { AssetQuery } from "./bindings/AssetQuery";
import type { AssetSortColumn } from "./bindings/AssetSortColumn";
import type { AssetStatus } from "./bindings/AssetStatus";
import type { CoverState } from "./bindings/CoverState";
import type { Period } from "./bindings/Period";

/** The "cover ending within" window the register's filter offers. */
export const COVER_ENDING_DAYS = 90;

/** The register's cover filter, in words. */
export const COVER_CHOICES: { value: CoverState; label: string }[] = [
  { value: "in_cover", label: "In cover" },
  { value: "ending", label: `Cover ending within ${COVER_ENDING_DAYS} days` },
  { value: "ended", label: "Out of cover" },
  { value: "none", label: "No cover recorded" },
];

/** Rows per page; the core answers 50-row pages quickly even at 100,000 assets. */
export const PAGE_SIZE = 50;

/** What the user has chosen in the register view. */
export interface TableState {
  search: string;
  status: AssetStatus | null;
  categoryId: number | null;
  /** This place and everything below it (opened from the locations screen). */
  locationId: number | null;
  /** Assigned to this person or team. */
  assignedToId: number | null;
  /** Cover judged on today ("ending": within COVER_ENDING_DAYS). */
  cover: CoverState | null;
  /** With a repair logged in this period (a month opened from Home's chart). */
  repaired: Period | null;
  includeArchived: boolean;
  sort: AssetSortColumn;
  descending: boolean;
  offset: number;
}

export const initialTableState: TableState = {
  search: "",
  status: null,
  categoryId: null,
  locationId: null,
  assignedToId: null,
  cover: null,
  repaired: null,
  includeArchived: false,
  sort: "tag",
  descending: false,
  offset: 0,
};

/** The query the core runs for this state. Blank search means no search. */
export function toQuery(state: TableState, limit: number = PAGE_SIZE): AssetQuery {
  const search = state.search.trim();
  return {
    search: search === "" ? null : search,
    status: state.status,
    category_id: state.categoryId,
    location_id: state.locationId,
    assigned_to_id: state.assignedToId,
    // The desktop judges cover on its own today.
    cover: state.cover === null ? null : { state: state.cover, within_days: COVER_ENDING_DAYS, on: null },
    repaired: state.repaired,
    ids: [],
    include_archived: state.includeArchived,
    sort: state.sort,
    descending: state.descending,
    offset: state.offset,
    limit,
  };
}

/** Changes the filters or search; the list starts again at its first page. */
export function withFilter(state: TableState, change: Partial<Omit<TableState, "offset" | "sort" | "descending">>): TableState {
  return { ...state, ...change, offset: 0 };
}

/** Sorts by `column`; on the column already sorted, flips the direction. */
export function withSort(state: TableState, column: AssetSortColumn): TableState {
  if (state.sort === column) return { ...state, descending: !state.descending, offset: 0 };
  return { ...state, sort: column, descending: false, offset: 0 };
}

/** `aria-sort` value of a column header. */
export function ariaSort(state: TableState, column: AssetSortColumn): "ascending" | "descending" | "none" {
  if (state.sort !== column) return "none";
  return state.descending ? "descending" : "ascending";
}

/**
 * Calls `run` at once when the returned function was last called more than
 * `quietMs` ago, and otherwise once `quietMs` after the last call of a burst
 * (with its arguments); `cancel` drops a pending call. Search as you type:
 * a person's keystroke is searched at once, a barcode scanner's burst of
 * keys once at its end.
 */
export function eager<A extends unknown[]>(run: (...args: A) => void, quietMs: number, now: () => number = () => performance.now()) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const called = (...args: A) => {
    const at = now();
    const quiet = at - last > quietMs;
    last = at;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (quiet) {
      run(...args);
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      run(...args);
    }, quietMs);
  };
  called.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return called;
}

/**
 * Calls `run` once `waitMs` after the last call of the returned function;
 * `cancel` drops a pending call.
 */
export function debounce<A extends unknown[]>(run: (...args: A) => void, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run(...args);
    }, waitMs);
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
