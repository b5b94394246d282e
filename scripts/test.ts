/**
 * `npm test`: lint and format check, type checks, a deploy dry run, then every vitest project
 * (database protocol, the API in workerd on PGlite and on PostgreSQL, and the
 * browser journeys). Stops at the first failing step.
 */
import { spawnSync } from "node:child_process";

const steps: [string, string[]][] = [
  ["biome", ["ci", "."]],
  ["wrangler", ["types", "worker/worker-configuration.d.ts", "--config", "wrangler.toml", "--include-env=false"]],
  ["wrangler", ["types", "web/site-configuration.d.ts", "--config", "web/wrangler.jsonc", "--strict-vars=false"]],
  ["tsc", ["-p", "tsconfig.json"]],
  ["tsc", ["-p", "worker/tsconfig.json"]],
  ["astro", ["check", "--root", "web"]],
  // A change that cannot be deployed does not land: build and bundle both Workers, upload nothing.
  [process.execPath, ["scripts/deploy.ts", "--dry-run"]],
  ["vitest", ["run", ...process.argv.slice(2)]],
];

for (const [command, args] of steps) {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status !== 0) {
    console.error(`✖ ${command} failed (exit ${status})`);
    process.exit(status ?? 1);
  }
}
