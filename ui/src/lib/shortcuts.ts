/**
 * The app's keyboard shortcuts outside text fields: single keys ("/", "n",
 * "?") and two-key sequences ("g h"). A scanner types just as a person
 * does, only faster, so the app fires a shortcut only when no other key
 * follows within the scanner's gap (see scanner.ts); this module reads the
 * keys, the app keeps that timer.
 */

export type Shortcut = "help" | "search" | "new-asset" | "go-home" | "go-register" | "go-due";

/** Every shortcut, as the "?" sheet lists them (Ctrl+K and Esc are handled apart). */
export const SHORTCUTS: { keys: string; shortcut: Shortcut; what: string }[] = [
  { keys: "/", shortcut: "search", what: "Search the register" },
  { keys: "n", shortcut: "new-asset", what: "New asset" },
  { keys: "g h", shortcut: "go-home", what: "Go to Home" },
  { keys: "g r", shortcut: "go-register", what: "Go to the register" },
  { keys: "g d", shortcut: "go-due", what: "Go to the due list" },
  { keys: "?", shortcut: "help", what: "Show these shortcuts" },
];

/** The longest pause between the two keys of a sequence. */
export const SEQUENCE_GAP_MS = 1500;

export class ShortcutKeys {
  private typed: string[] = [];
  private last = -Infinity;

  /**
   * A key typed outside a text field at `time` (ms): the shortcut it
   * completes, "more" when it starts a sequence, or null.
   */
  push(key: string, time: number): Shortcut | "more" | null {
    if (time - this.last > SEQUENCE_GAP_MS) this.typed = [];
    this.last = time;
    this.typed.push(key);
    const sequence = this.typed.join(" ");
    const found = SHORTCUTS.find((s) => s.keys === sequence);
    if (found) {
      this.typed = [];
      return found.shortcut;
    }
    if (SHORTCUTS.some((s) => s.keys.startsWith(`${sequence} `))) return "more";
    this.typed = [];
    return null;
  }

  /** Forgets a sequence begun (a scan came, or a field took the focus). */
  reset(): void {
    this.typed = [];
    this.last = -Infinity;
  }
}
