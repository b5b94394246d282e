/**
 * web/.dev.vars, the only place `astro dev`'s Cloudflare plugin reads values
 * from besides web/wrangler.jsonc. It holds the developer's own secrets (kept)
 * and, below a marker line, the values of the current run (rewritten each run).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const PER_RUN_NOTE = "# Below: written by npm run dev on every run (the SQL endpoint's password changes each time).";

/** Local secrets are generated once into the git-ignored web/.dev.vars, never committed. */
export function ensureDevVars(file: string): void {
  if (!existsSync(file)) {
    writeFileSync(file, `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
    console.log("Created web/.dev.vars with a fresh BETTER_AUTH_SECRET.");
  }
}

/**
 * Puts this run's values into `file` below the marker, keeping every other line, except lines
 * that set one of `values` (a developer's own DATABASE_URL would be refused by this run's SQL
 * endpoint) and, below the marker, lines that set one of `managed`: values an earlier run wrote
 * (e.g. origins on other ports) must not linger. Empty values are left out.
 */
export function writePerRunDevVars(file: string, values: Record<string, string>, managed: readonly string[]): void {
  const sets = (keys: readonly string[]) => (line: string) => keys.some((key) => line.startsWith(`${key}=`));
  const lines = readFileSync(file, "utf8").split("\n");
  const marker = lines.indexOf(PER_RUN_NOTE);
  const above = marker === -1 ? lines : lines.slice(0, marker);
  const below = marker === -1 ? [] : lines.slice(marker + 1);
  const kept = [
    ...above.filter((line) => !sets(Object.keys(values))(line)),
    ...below.filter((line) => !sets([...Object.keys(values), ...managed])(line)),
  ]
    .join("\n")
    .trimEnd();
  const perRun = Object.entries(values)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}=${value}`);
  writeFileSync(file, `${kept}\n${PER_RUN_NOTE}\n${perRun.join("\n")}\n`, { mode: 0o600 });
}

/**
 * Claims this checkout's dev stack for this process (its id in `ownerFile`); returns the release. Two `astro dev`s in one checkout break each
 * other even on other ports: each rewrites web/.dev.vars, which makes the other restart with the
 * wrong password, and they share Vite's dependency cache under web/node_modules/.vite.
 */
export function claimDevStack(ownerFile: string): () => void {
  try {
    const owner = Number(readFileSync(ownerFile, "utf8"));
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0) {
      process.kill(owner, 0);
      throw new Error(
        `another dev stack runs in this checkout (process ${owner}); two would share web/.dev.vars and Vite's cache. Stop it, or use another checkout.`,
      );
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("another dev stack")) throw error;
    // No file, or its process is gone: the checkout is free.
  }
  mkdirSync(dirname(ownerFile), { recursive: true });
  writeFileSync(ownerFile, String(process.pid));
  return () => rmSync(ownerFile, { force: true });
}
