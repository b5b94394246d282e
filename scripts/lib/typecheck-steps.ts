/**
 * The type checks, shared by `npm test` and `npm run typecheck` so the two
 * always check the same things: the Wrangler-generated binding types first
 * (git-ignored, so a fresh clone has none), then every TypeScript project and
 * the site's Astro files.
 */
import { spawnSync } from "node:child_process";

/** A command and its arguments. */
export type Step = readonly [command: string, args: readonly string[]];

export const TYPECHECK_STEPS: readonly Step[] = [
  ["wrangler", ["types", "worker/worker-configuration.d.ts", "--config", "wrangler.jsonc", "--include-env=false"]],
  ["wrangler", ["types", "web/site-configuration.d.ts", "--config", "web/wrangler.jsonc", "--strict-vars=false"]],
  // Scripts, tests, the bench and the database (tsconfig.json), then the API (worker/tsconfig.json).
  ["tsc", ["-p", "tsconfig.json"]],
  ["tsc", ["-p", "worker/tsconfig.json"]],
  // The site: astro check runs tsc over web/ and checks the .astro files too.
  ["astro", ["check", "--root", "web"]],
];

/** Runs `steps` in order, printing each; stops at the first that fails and returns what failed. */
export function runSteps(steps: readonly Step[]): { failed?: string; status: number } {
  for (const [command, args] of steps) {
    console.log(`\n▶ ${command} ${args.join(" ")}`);
    const { status } = spawnSync(command, args, { stdio: "inherit" });
    if (status !== 0) return { failed: command, status: status ?? 1 };
  }
  return { status: 0 };
}
