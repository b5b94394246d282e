/**
 * The Undo offer: the deletions the person can still take back, for a few
 * seconds after the last one, held open while the notice has focus or the
 * pointer (WCAG 2.2.1, timing adjustable). No React, and the timer is passed
 * in, so it is tested in Node without waiting.
 */
import type { Placed } from "./list-state.ts";

/** How long the Undo notice stays after the last deletion. */
export const UNDO_MS = 6000;

/** A deletion the person can still undo. `sent` settles once the server has answered. */
export type Deletion =
  | { kind: "task"; placed: Placed; sent: Promise<boolean> }
  | { kind: "batch"; placed: Placed[]; count: number; sent: Promise<string | null> };

export interface Timer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: Timer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createUndoOffer(onChange: (offered: Deletion[]) => void, timer: Timer = realTimer) {
  let offered: Deletion[] = [];
  let held = false;
  let handle: unknown;

  const update = (next: Deletion[]) => {
    offered = next;
    onChange(next);
    timer.clear(handle);
    // A notice that goes away takes its focus with it, and React sends no blur for that.
    if (next.length === 0) held = false;
    if (next.length > 0 && !held) handle = timer.set(() => update([]), UNDO_MS);
  };

  return {
    offer: (deletion: Deletion) => update([...offered, deletion]),
    withdraw: (deletion: Deletion) => update(offered.filter((d) => d !== deletion)),
    /** Pauses the window (true) or starts it afresh (false). */
    hold(paused: boolean) {
      held = paused;
      update(offered);
    },
    /** Everything on offer, which is no longer offered. */
    take(): Deletion[] {
      const all = offered;
      if (all.length > 0) update([]);
      return all;
    },
    dispose: () => timer.clear(handle),
  };
}

export type UndoOffer = ReturnType<typeof createUndoOffer>;
