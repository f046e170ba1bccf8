/**
 * The register as one scrolling table over every matching asset: only the
 * rows in view (and a few around them) are drawn, and they are fetched
 * from the core in blocks as they come into view. Pure arithmetic and a
 * block cache; the component holds the scroll position.
 */
import type { Asset } from "./bindings/Asset";

/** Rows fetched at once. */
export const BLOCK = 100;
/**
 * Blocks held at most (3,000 rows): scrolling through 100,000 assets keeps
 * the ones nearest to where the table was last read, not every row seen.
 */
export const KEPT_BLOCKS = 30;
/** Rows drawn beyond the window's edges, so a scroll shows no blank. */
export const OVERSCAN = 12;

/** The rows in view at `scrollTop`, widened by `overscan` and kept within `total`. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number = OVERSCAN,
): { first: number; last: number } {
  if (total === 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const top = Math.floor(Math.max(scrollTop, 0) / rowHeight);
  const shown = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight);
  const first = Math.max(0, Math.min(top - overscan, total - 1));
  const last = Math.min(total - 1, top + shown + overscan);
  return { first, last };
}

/** The blocks holding rows `first` to `last`. */
export function blocksFor(first: number, last: number, block: number = BLOCK): number[] {
  if (last < first) return [];
  const out: number[] = [];
  for (let b = Math.floor(first / block); b <= Math.floor(last / block); b++) out.push(b);
  return out;
}

/**
 * Blocks of rows of one query (filters and sort); another query starts
 * afresh. Until the new query's first block comes, the rows of the one
 * before stay drawn where they were (the table does not flash "…" rows and
 * then draw every row again, the costly part of a new sort). At most
 * `kept` blocks are held: a block that comes in drops the one farthest
 * from it, which is asked again if the table scrolls back to it.
 */
export class RowCache {
  constructor(private readonly kept: number = KEPT_BLOCKS) {}

  private blocks = new Map<number, Asset[]>();
  private asked = new Set<number>();
  /** The previous query's blocks, drawn until this one's first block comes. */
  private before = new Map<number, Asset[]>();
  key = "";

  /** Starts afresh when the query changed; says whether it did. */
  reset(key: string): boolean {
    if (key === this.key) return false;
    this.key = key;
    this.before = this.blocks;
    this.blocks = new Map();
    this.asked.clear();
    return true;
  }

  /** Forgets the rows but keeps the query (the register changed). */
  clear(): void {
    this.blocks.clear();
    this.asked.clear();
    this.before.clear();
  }

  /** Blocks among `wanted` neither held nor asked for; they count as asked from now. */
  toAsk(wanted: number[]): number[] {
    const missing = wanted.filter((b) => !this.blocks.has(b) && !this.asked.has(b));
    for (const b of missing) this.asked.add(b);
    return missing;
  }

  /** A block's rows arrived (for the query `key`; a stale answer is dropped). */
  put(key: string, block: number, rows: Asset[]): boolean {
    if (key !== this.key) return false;
    this.blocks.set(block, rows);
    this.before.clear();
    while (this.blocks.size > this.kept) {
      let farthest = block;
      for (const held of this.blocks.keys()) {
        if (Math.abs(held - block) > Math.abs(farthest - block)) farthest = held;
      }
      this.blocks.delete(farthest);
      this.asked.delete(farthest);
    }
    return true;
  }

  /** A block's request failed: it may be asked again (and the rows of the query before are no longer drawn). */
  failed(block: number): void {
    this.asked.delete(block);
    this.before.clear();
  }

  /** Rows `first` to `last`, null where not yet here. */
  rows(first: number, last: number, block: number = BLOCK): (Asset | null)[] {
    const out: (Asset | null)[] = [];
    for (let i = first; i <= last; i++) {
      const at = Math.floor(i / block);
      out.push(this.blocks.get(at)?.[i % block] ?? this.before.get(at)?.[i % block] ?? null);
    }
    return out;
  }
}
