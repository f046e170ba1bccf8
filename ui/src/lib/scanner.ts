/**
 * A barcode or QR scanner is a keyboard that types a label's text and Enter,
 * a few milliseconds a key. Outside text fields, the app collects what is
 * typed that fast and, on Enter, asks the core which asset it names.
 */

/** Longest pause between two keys of one scan; a person types slower. */
export const SCAN_GAP_MS = 80;

export class ScanBuffer {
  private text = "";
  private last = -Infinity;
  /** When the key before the last one came (in the same scan). */
  private beforeLast = -Infinity;

  /** A printable key typed at `time` (ms): starts a new scan after a pause. */
  push(key: string, time: number): void {
    if (time - this.last > SCAN_GAP_MS) {
      this.text = "";
      this.last = -Infinity;
    }
    this.beforeLast = this.last;
    this.last = time;
    this.text += key;
  }

  /**
   * Whether a scan is under way at `time`: another key came just before
   * this one, so the key now is part of a label, not a shortcut ("/" in a
   * link). The key at `time` itself may already have been pushed (the
   * listeners of one key event run in any order); it does not count.
   */
  active(time: number): boolean {
    const previous = this.last === time ? this.beforeLast : this.last;
    return time - previous <= SCAN_GAP_MS;
  }

  /**
   * On Enter at `time`: what was scanned, if the last key came just before
   * (else nothing: a person pressed Enter). Empties the buffer either way.
   */
  take(time: number): string | null {
    const text = time - this.last <= SCAN_GAP_MS ? this.text.trim() : "";
    this.text = "";
    this.last = -Infinity;
    this.beforeLast = -Infinity;
    return text === "" ? null : text;
  }
}

/** The app's one scanner: the keys typed outside text fields. */
export const scanner = new ScanBuffer();

/** Whether a key event comes from a place where typing means text. */
export function inTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element?.closest?.("input, textarea, select, [contenteditable]"));
}

/** A key that types a character (not a shortcut). */
export function typesCharacter(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}
