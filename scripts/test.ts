/**
 * `npm test`: lint and format check, type checks, a deploy dry run, then every vitest project
 * (tooling, database protocol, the API in workerd on PGlite and on PostgreSQL, and the
 * browser journeys). Stops at the first failing step. Ends with one line, `N passed, N failed`,
 * which is what CI reads: a failed step before vitest counts as one failure, and vitest's own
 * counts are checked against its exit status (scripts/lib/run-vitest.ts).
 */
import { runVitest } from "./lib/run-vitest.ts";
import { runSteps, type Step, TYPECHECK_STEPS } from "./lib/typecheck-steps.ts";
import { closingLine } from "./summary-reporter.ts";

const steps: Step[] = [
  ["biome", ["ci", "."]],
  // The OpenAPI contract: current, 0 Spectral errors, and the generated client's types (issue 14).
  [process.execPath, ["scripts/lint-contract.ts"]],
  // The same checks as `npm run typecheck`.
  ...TYPECHECK_STEPS,
  // A change that cannot be deployed does not land: build and bundle both Workers, upload nothing.
  [process.execPath, ["scripts/deploy.ts", "--dry-run"]],
];

const started = Date.now();
const { failed, status } = runSteps(steps);
if (failed) {
  console.error(`✖ ${failed} failed (exit ${status})`);
  console.log(`\n${closingLine({ passed: 0, failed: 1 })}`);
  process.exit(status);
}

const vitestArgs = process.argv.slice(2);
console.log(`\n▶ vitest run ${vitestArgs.join(" ")}`);
const outcome = runVitest(vitestArgs);
for (const problem of outcome.problems) console.error(`✖ ${problem}`);
console.log(`\nnpm test took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`\n${closingLine(outcome)}`);
process.exit(outcome.failed > 0 ? 1 : 0);
