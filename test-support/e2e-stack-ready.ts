/**
 * Set up before every browser-journey file: waits until the stack under test serves. The preview
 * is still building when the first test files run (test-support/e2e-global-setup.ts), so its
 * journeys wait for it here, and fail with its own reason if it never started.
 */
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, inject } from "vitest";

/** What the global setup writes once the stack serves, or has given up starting. */
export type StackReadiness = { ready: true } | { ready: false; error: string };

/** Longer than the stack may take to start (startStack's own limit, 180 s), which then says why. */
const WAIT_MS = 240_000;

async function readiness(file: string): Promise<StackReadiness | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as StackReadiness;
  } catch {
    // Not written yet, or caught between its creation and its one write.
    return undefined;
  }
}

beforeAll(async () => {
  const file = inject("stackReadyFile");
  let answer = await readiness(file);
  while (!answer) {
    await sleep(250);
    answer = await readiness(file);
  }
  if (!answer.ready) throw new Error(`The ${inject("stack")} stack did not start: ${answer.error}`);
}, WAIT_MS);
