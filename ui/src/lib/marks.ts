/**
 * Performance marks the app benchmark reads (`cargo xtask bench app`):
 * a named moment in the web view's timeline, the first time only.
 */

/** Marks `name` once the frame now being prepared has been painted. */
export function markPainted(name: string): void {
  if (performance.getEntriesByName(name, "mark").length > 0) return;
  // The second frame callback runs after the first frame was painted.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
  }));
}
