/**
 * Where a rack's units and devices go in the front view: a grid of half
 * units, top row first, U1 at the bottom. Pure arithmetic over the core's
 * RackView.
 */
import type { RackDevice } from "./bindings/RackDevice";

/** Grid rows (1-based, end exclusive) of a device of a `units`-high rack. */
export function deviceRows(device: Pick<RackDevice, "position" | "height">, units: number): { start: number; end: number } {
  const from = Math.round(device.position * 2); // U1 → 2, U10.5 → 21
  const to = from + device.height * 2;
  const last = units * 2 + 3; // one past the top row's half unit
  return { start: Math.max(1, last - to), end: last - from };
}

/** Grid rows of unit `u`'s label. */
export function unitRows(u: number, units: number): { start: number; end: number } {
  return deviceRows({ position: u, height: 1 }, units);
}

/** Units from the top down (42 … 1). */
export function unitsTopDown(units: number): number[] {
  return Array.from({ length: units }, (_, i) => units - i);
}

/**
 * Sets a CSS property through the CSSOM (`element.style`), which the app's
 * content security policy allows where a `style` attribute is refused.
 * A Svelte action: `use:styled={["gridRow", "3 / 5"]}`.
 */
export function styled(node: HTMLElement, [property, value]: [keyof CSSStyleDeclaration & string, string]) {
  const set = ([p, v]: [string, string]) => node.style.setProperty(p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), v);
  set([property, value]);
  return { update: (next: [string, string]) => set(next) };
}
