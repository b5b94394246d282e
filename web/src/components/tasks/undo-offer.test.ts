import { describe, expect, it } from "vitest";
import { manualTimer } from "../../../../test-support/manual-timer.ts";
import type { Task } from "./types.ts";
import { createUndoOffer, type Deletion, UNDO_MS } from "./undo-offer.ts";

const task = { id: "a", title: "Water the plants" } as Task;
const deletion = (): Deletion => ({ kind: "task", placed: { task, index: 0 }, sent: Promise.resolve(true) });

describe("undo offer", () => {
  it("offers each deletion until the window after the last one ends", () => {
    const clock = manualTimer();
    const seen: Deletion[][] = [];
    const offer = createUndoOffer((d) => seen.push(d), clock.timer);
    const [one, two] = [deletion(), deletion()];
    offer.offer(one);
    offer.offer(two);
    expect(seen.at(-1)).toEqual([one, two]);
    expect(clock.pending()?.ms).toBe(UNDO_MS);
    clock.fire();
    expect(seen.at(-1)).toEqual([]);
  });

  it("stays while held, and starts a fresh window when let go", () => {
    const clock = manualTimer();
    const seen: Deletion[][] = [];
    const offer = createUndoOffer((d) => seen.push(d), clock.timer);
    offer.offer(deletion());
    offer.hold(true);
    expect(clock.pending()).toBeNull();
    offer.hold(false);
    expect(clock.pending()?.ms).toBe(UNDO_MS);
  });

  it("hands over everything on offer once, and a withdrawn deletion is not among it", () => {
    const clock = manualTimer();
    const offer = createUndoOffer(() => undefined, clock.timer);
    const [kept, refused] = [deletion(), deletion()];
    offer.offer(kept);
    offer.offer(refused);
    offer.withdraw(refused);
    expect(offer.take()).toEqual([kept]);
    expect(offer.take()).toEqual([]);
    expect(clock.pending()).toBeNull();
  });

  it("forgets a hold when the notice goes away, so the next offer times out again", () => {
    const clock = manualTimer();
    const offer = createUndoOffer(() => undefined, clock.timer);
    offer.offer(deletion());
    offer.hold(true);
    offer.take();
    offer.offer(deletion());
    expect(clock.pending()?.ms).toBe(UNDO_MS);
  });
});
