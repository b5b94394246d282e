/**
 * A timer the test fires by hand, for the dashboard's offers (Undo after a deletion, Undo after a
 * repeating task's completion): they take their timer as a parameter, so they are tested in Node
 * without waiting. It holds at most one pending callback, as the offers use it.
 */
import type { Timer } from "../web/src/components/tasks/undo-offer.ts";

export function manualTimer() {
  let pending: { run: () => void; ms: number } | null = null;
  const timer: Timer = {
    set: (run, ms) => {
      pending = { run, ms };
      return pending;
    },
    clear: (handle) => {
      if (handle === pending) pending = null;
    },
  };
  return { timer, pending: () => pending, fire: () => pending?.run() };
}
