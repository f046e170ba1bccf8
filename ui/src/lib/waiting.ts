/**
 * Calls to the backend that are still running, and what to say when one has
 * been waiting a while: Tend's own import or restore, or another Tend
 * program (a `tend import` in a terminal) holding the register. A save made
 * meanwhile is not lost: it waits for the register and goes through.
 */
import type { RegisterActivity } from "./bindings/RegisterActivity";

let pending = 0;
const listeners = new Set<(count: number) => void>();

/** Counts `call` as running until it settles. */
export function track<T>(call: Promise<T>): Promise<T> {
  pending += 1;
  notify();
  return call.finally(() => {
    pending -= 1;
    notify();
  });
}

function notify() {
  for (const listener of listeners) listener(pending);
}

/** Calls `listener` with the number of running calls whenever it changes; returns the unsubscribe. */
export function onPending(listener: (count: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * What the notice says while a call waits: null when nothing else holds the
 * register (the call is just slow, e.g. a long report), so nothing is said.
 */
export function waitingInWords(activity: RegisterActivity): string | null {
  if (activity.in_app) {
    return `Waiting: Tend is ${activity.in_app}. Your change will be saved when it has finished.`;
  }
  if (activity.other_programs.length > 0) {
    return `Waiting: the register is in use by ${activity.other_programs.join(", ")}. Your change will be saved when it has finished (or refused after 30 seconds, saying so).`;
  }
  return null;
}
