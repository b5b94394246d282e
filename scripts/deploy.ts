/**
 * `npm run deploy`: checks that the two production configurations agree,
 * builds the site for production, then deploys the site and the API, in that
 * order (the API's service binding AUTH_SITE needs the site's Worker to exist).
 *
 *   npm run deploy                 build and deploy (after `wrangler login`, secrets and migrations)
 *   npm run deploy -- --dry-run    build and bundle both, upload nothing, print the sizes
 *
 * The dry run needs no account and no network, so CI runs it: a change that
 * cannot be bundled or is configured inconsistently cannot land.
 *
 * API_ORIGIN  the API origin the site's Content-Security-Policy allows; defaults to
 *             web/wrangler.jsonc's production API_ORIGIN and must agree with it.
 *
 * The site is built into .artifacts/deploy/site-build, not web/dist, so a
 * production build never replaces what `npm run preview` serves.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { unstable_readConfig } from "wrangler";
import { API_RATE_LIMIT_POLICY } from "../worker/src/http/rate-limit-policy.ts";

const dryRun = process.argv.includes("--dry-run");
const ENV = "production";
const OUT = resolve(".artifacts/deploy");
const SITE_BUILD = join(OUT, "site-build");
const MiB = 1024 * 1024;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (status !== 0) fail(`${command} failed (exit ${status})`);
}

/**
 * The parts of Wrangler's resolved configuration used here. Wrangler's published types name
 * its Config from a package it does not ship, so TypeScript sees `any` without this.
 */
interface WorkerConfig {
  name?: string | undefined;
  vars: Record<string, unknown>;
  services?: { binding: string; service: string }[] | undefined;
  send_email?: { name: string }[] | undefined;
  ratelimits?: { name: string; simple: { limit: number; period: number } }[] | undefined;
  assets?: { directory?: string; binding?: string; run_worker_first?: boolean | string[] } | undefined;
}

/** The API's per-user limit as a Wrangler environment declares it, e.g. "300/60s", or "missing". */
function apiRateLimit(config: WorkerConfig): string {
  const binding = config.ratelimits?.find((limit) => limit.name === "API_RATE_LIMIT");
  return binding ? `${binding.simple.limit}/${binding.simple.period}s` : "missing";
}

/** The production settings both Workers will run with, as Wrangler resolves them. */
function readProductionConfigs() {
  const read = (config: string): WorkerConfig => unstable_readConfig({ config, env: ENV }, { hideWarnings: true });
  const site = read("web/wrangler.jsonc");
  const api = read("wrangler.jsonc");
  const apiDevelopment: WorkerConfig = unstable_readConfig({ config: "wrangler.jsonc" }, { hideWarnings: true });
  const text = (vars: Record<string, unknown>, name: string) => (typeof vars[name] === "string" ? vars[name] : "");
  return {
    siteName: site.name ?? "",
    siteOrigin: text(site.vars, "SITE_ORIGIN"),
    apiOrigin: text(site.vars, "API_ORIGIN"),
    siteVars: Object.keys(site.vars),
    mailTransport: text(site.vars, "MAIL_TRANSPORT") || "outbox",
    requireEmailVerification: text(site.vars, "REQUIRE_EMAIL_VERIFICATION"),
    mailBinding: (site.send_email ?? []).some((binding) => binding.name === "EMAIL"),
    clientIpHeader: text(site.vars, "CLIENT_IP_HEADER"),
    apiName: api.name ?? "",
    apiVars: Object.keys(api.vars),
    issuer: text(api.vars, "AUTH_ISSUER"),
    audience: text(api.vars, "AUTH_AUDIENCE"),
    jwksUrl: text(api.vars, "AUTH_JWKS_URL"),
    allowedOrigins: text(api.vars, "ALLOWED_ORIGINS")
      .split(",")
      .map((origin) => origin.trim()),
    siteBinding: api.services?.find((service) => service.binding === "AUTH_SITE")?.service,
    apiBinding: site.services?.find((service) => service.binding === "API")?.service,
    rateLimit: apiRateLimit(api),
    developmentRateLimit: apiRateLimit(apiDevelopment),
    apiAssets: api.assets,
  };
}

/** Every mismatch that would make production refuse its own tokens or reach for a local database. */
function configurationProblems(config: ReturnType<typeof readProductionConfigs>, apiOrigin: string): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(config.siteOrigin !== "", "web/wrangler.jsonc env.production.vars.SITE_ORIGIN is not set");
  expect(config.apiOrigin !== "", "web/wrangler.jsonc env.production.vars.API_ORIGIN is not set");
  expect(apiOrigin === config.apiOrigin, `API_ORIGIN=${apiOrigin} differs from the site's ${config.apiOrigin}`);
  expect(config.issuer === config.siteOrigin, `AUTH_ISSUER ${config.issuer} is not SITE_ORIGIN ${config.siteOrigin}`);
  expect(
    config.audience === config.apiOrigin,
    `AUTH_AUDIENCE ${config.audience} is not API_ORIGIN ${config.apiOrigin}`,
  );
  expect(
    config.jwksUrl === `${config.siteOrigin}/api/auth/jwks`,
    `AUTH_JWKS_URL ${config.jwksUrl} is not ${config.siteOrigin}/api/auth/jwks`,
  );
  expect(config.allowedOrigins.includes(config.siteOrigin), `ALLOWED_ORIGINS does not include ${config.siteOrigin}`);
  expect(
    config.siteBinding === config.siteName,
    `the API's AUTH_SITE binds "${config.siteBinding}", not the site "${config.siteName}"`,
  );
  expect(
    config.apiBinding === config.apiName,
    `the site's API binding names "${config.apiBinding}", not the API "${config.apiName}": /tasks would go over the Internet`,
  );
  // Production mail must leave the building, and sign-ins wait for a confirmed address.
  expect(config.mailTransport !== "outbox", "the site's production MAIL_TRANSPORT is the local outbox");
  expect(
    config.mailTransport !== "cloudflare" || config.mailBinding,
    "MAIL_TRANSPORT=cloudflare needs a send_email binding named EMAIL in env.production",
  );
  expect(
    config.requireEmailVerification !== "false",
    "the site's production REQUIRE_EMAIL_VERIFICATION is off; remove it or set it to true",
  );
  expect(
    config.clientIpHeader === "cf-connecting-ip",
    "web/wrangler.jsonc env.production.vars.CLIENT_IP_HEADER is not cf-connecting-ip: every visitor would share one rate-limit bucket",
  );
  // The RateLimit headers restate the binding's figures, which the Worker cannot read.
  const policy = `${API_RATE_LIMIT_POLICY.limit}/${API_RATE_LIMIT_POLICY.period}s`;
  expect(config.rateLimit === policy, `the API's production API_RATE_LIMIT is ${config.rateLimit}, not ${policy}`);
  expect(
    config.developmentRateLimit === policy,
    `the API's development API_RATE_LIMIT is ${config.developmentRateLimit}, not ${policy}`,
  );
  expect(!config.apiVars.includes("API_DOCS"), "the API's production vars set API_DOCS; /docs is for development");
  expect(
    !config.apiVars.includes("PUSH_ALLOW_LOOPBACK"),
    "the API's production vars set PUSH_ALLOW_LOOPBACK; loopback push endpoints are for development",
  );
  // /openapi.json reads the document through ASSETS, behind the Worker's own middleware (ADR 0015).
  const assets = config.apiAssets;
  expect(
    assets?.binding === "ASSETS" && assets.run_worker_first === true,
    "the API's assets are not bound as ASSETS with run_worker_first: true (wrangler.jsonc)",
  );
  expect(
    assets?.directory !== undefined && existsSync(join(assets.directory, "openapi.json")),
    "the API's assets directory has no openapi.json: run `npm run openapi`",
  );
  expect(config.apiVars.includes("VAPID_SUBJECT"), "the API's production vars do not set VAPID_SUBJECT (reminders)");
  expect(
    !config.apiVars.includes("VAPID_PRIVATE_KEY"),
    "the API's production vars set VAPID_PRIVATE_KEY; it must be a secret (wrangler secret put)",
  );
  for (const [worker, vars] of [
    ["site", config.siteVars],
    ["API", config.apiVars],
  ] as const) {
    for (const name of ["NEON_HTTP_ENDPOINT", "DATABASE_URL"]) {
      expect(!vars.includes(name), `the ${worker}'s production vars set ${name}; it must be unset (or a secret)`);
    }
  }
  return problems;
}

/** What Wrangler uploads and checks against the size limit: the modules, gzipped together. */
function bundleSize(dir: string): { files: number; bytes: number; gzipBytes: number } {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => !file.endsWith(".map") && file !== "README.md" && statSync(join(dir, file)).isFile())
    .sort();
  const content = Buffer.concat(files.map((file) => readFileSync(join(dir, file))));
  return { files: files.length, bytes: content.length, gzipBytes: gzipSync(content).length };
}

/** `astro build` leaves Wrangler a redirect to its output; the deploy build puts back the one it found. */
function keepingRedirect(build: () => void): void {
  const redirect = "web/.wrangler/deploy/config.json";
  const before = existsSync(redirect) ? readFileSync(redirect) : undefined;
  try {
    build();
  } finally {
    if (before) writeFileSync(redirect, before);
    else rmSync(redirect, { force: true });
  }
}

const config = readProductionConfigs();
const apiOrigin = process.env.API_ORIGIN ?? config.apiOrigin;
const problems = configurationProblems(config, apiOrigin);
if (!dryRun && [config.siteOrigin, config.apiOrigin].some((origin) => origin.includes("example.com"))) {
  problems.push("the production origins are still the example.com placeholders: edit them first");
}
if (problems.length > 0) fail(`The production configuration is inconsistent:\n  - ${problems.join("\n  - ")}`);
console.log(`Site ${config.siteOrigin} (${config.siteName}), API ${config.apiOrigin} (${config.apiName})`);

rmSync(SITE_BUILD, { recursive: true, force: true });
keepingRedirect(() =>
  run("astro", ["build", "--root", "web", "--outDir", SITE_BUILD], { CLOUDFLARE_ENV: ENV, API_ORIGIN: apiOrigin }),
);
// The build copies web/.dev.vars (local secrets) beside its output. Deploys never read it; drop it anyway.
rmSync(join(SITE_BUILD, "server/.dev.vars"), { force: true });

const targets = [
  { name: config.siteName, args: ["--config", join(SITE_BUILD, "server/wrangler.json")] },
  { name: config.apiName, args: ["--config", "wrangler.jsonc", "--env", ENV] },
];
for (const { name, args } of targets) {
  const dry = dryRun ? ["--dry-run", "--outdir", join(OUT, name)] : [];
  if (dryRun) rmSync(join(OUT, name), { recursive: true, force: true });
  run("wrangler", ["deploy", ...args, ...dry]);
}

if (dryRun) {
  console.log("\nBundles (the Workers size limit applies to the gzipped figure: 3 MiB free, 10 MiB paid):");
  for (const { name } of targets) {
    const { files, bytes, gzipBytes } = bundleSize(join(OUT, name));
    const share = ((gzipBytes / (3 * MiB)) * 100).toFixed(0);
    console.log(
      `  ${name.padEnd(10)} ${files} files, ${(bytes / 1024).toFixed(1)} KiB, gzip ${(gzipBytes / 1024).toFixed(1)} KiB (${share}% of the free plan's 3 MiB)`,
    );
  }
  if (config.apiAssets?.directory) {
    const { files, bytes } = bundleSize(config.apiAssets.directory);
    console.log(
      `  ${config.apiName.padEnd(10)} static assets (not in the bundle): ${files} files, ${(bytes / 1024).toFixed(1)} KiB`,
    );
  }
  console.log(`\nDry run: nothing was uploaded. The bundles are in ${OUT}.`);
}
