/**
 * The command palette's commands (every screen and action) and how typed
 * text picks them: every word must start a word of the label, or appear in
 * it; labels whose words start with the text come first.
 */

export interface PaletteCommand {
  id: string;
  label: string;
  /** A shortcut shown beside it ("g r"). */
  keys?: string;
  /** Words that find it besides its label. */
  also?: string;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** How well `text` matches `command`: 2 every word a prefix, 1 every word inside, 0 not at all. */
export function matchScore(command: PaletteCommand, text: string): number {
  const wanted = words(text);
  if (wanted.length === 0) return 1;
  const haystack = words(`${command.label} ${command.also ?? ""}`);
  if (wanted.every((w) => haystack.some((h) => h.startsWith(w)))) return 2;
  const flat = haystack.join(" ");
  if (wanted.every((w) => flat.includes(w))) return 1;
  return 0;
}

/** The commands `text` finds, best first (in their own order within a rank). */
export function matchCommands(commands: PaletteCommand[], text: string): PaletteCommand[] {
  return commands
    .map((command, index) => ({ command, index, score: matchScore(command, text) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => m.command);
}

/** The index after moving `by` through `count` items, wrapping round. */
export function moveIndex(index: number, by: number, count: number): number {
  if (count === 0) return 0;
  return (((index + by) % count) + count) % count;
}
