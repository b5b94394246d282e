/** `npm run typecheck`: the same type checks `npm test` runs (scripts/lib/typecheck-steps.ts). */
import { runSteps, TYPECHECK_STEPS } from "./lib/typecheck-steps.ts";

const { failed, status } = runSteps(TYPECHECK_STEPS);
if (failed) console.error(`✖ ${failed} failed (exit ${status})`);
process.exit(status);
