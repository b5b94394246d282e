/**
 * The contract check in `npm test` (issue 14):
 * 1. the served OpenAPI document is current (what the zod schemas generate now);
 * 2. Spectral (`spectral:oas` + the OWASP API Security ruleset, pinned in package.json and
 *    imported from node_modules, so it runs offline) finds 0 errors in it; warnings are
 *    printed, and each one left is justified in specs/001-tasks-api/plan.md;
 * 3. openapi-typescript turns it into the types the generated-client test type-checks
 *    against (worker/test/openapi-types.generated.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApiJson } from "../worker/src/openapi/document.ts";
import { OPENAPI_ASSET } from "./lib/openapi-asset.ts";

// The file the Worker serves (a static asset, wrangler.jsonc), as uploaded.
const OPENAPI_JSON = readFileSync(OPENAPI_ASSET, "utf8");
if (OPENAPI_JSON !== openApiJson()) {
  console.error("✖ worker/assets/openapi.json is stale: run `npm run openapi`.");
  process.exit(1);
}

const document = join(mkdtempSync(join(tmpdir(), "contract-")), "openapi.json");
writeFileSync(document, JSON.stringify(JSON.parse(OPENAPI_JSON), null, 2));

interface Finding {
  code: string;
  severity: number;
  message: string;
  path: string[];
}
const ruleset = process.env.CONTRACT_RULESET ?? "scripts/contract/spectral-ruleset.mjs";
const lint = spawnSync("spectral", ["lint", document, "--ruleset", ruleset, "--format", "json", "--quiet"], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (lint.error || !lint.stdout.trim().startsWith("[")) {
  console.error(`✖ Spectral did not run: ${lint.error?.message ?? lint.stderr}`);
  process.exit(1);
}
const findings = JSON.parse(lint.stdout) as Finding[];
const errors = findings.filter((finding) => finding.severity === 0);
const warnings = findings.filter((finding) => finding.severity === 1);
for (const finding of [...errors, ...warnings]) {
  const level = finding.severity === 0 ? "error" : "warning";
  console.log(`  ${level} ${finding.code} at ${finding.path.join(".")}: ${finding.message}`);
}
console.log(`Spectral (spectral:oas + OWASP): ${errors.length} errors, ${warnings.length} warnings`);
if (errors.length > 0) process.exit(1);

const types = "worker/test/openapi-types.generated.ts";
const generated = spawnSync("openapi-typescript", [document, "--output", types, "--default-non-nullable", "false"], {
  encoding: "utf8",
});
if (generated.status !== 0) {
  console.error(`✖ openapi-typescript failed: ${generated.stderr}`);
  process.exit(1);
}
spawnSync("biome", ["format", "--write", types], { stdio: "ignore" });
console.log(`openapi-typescript: ${readFileSync(types, "utf8").split("\n").length} lines in ${types}`);
