/**
 * `npm run bench`: measures, in one run and side by side, what this app costs.
 *   1. JWT verification inside workerd (per request and per verification, vs raw jose EdDSA/ES256/RS256)
 *   2. the API under load on the preview stack (list, create, toggle vs /health; SQL round trips)
 *   3. Worker bundle sizes against Cloudflare's limits, and browser JavaScript per page
 *   4. Lighthouse scores for / and /tasks
 *   5. the site's data path: SQL round trips per page view, and /tasks under database latency
 *   6. CPU per request per route inside workerd, the database answered from recordings
 * Parts run 4, 3, 1, 5, 2, 6 (the build-dependent ones first) and print in order 1–6.
 * Prints tables (progress goes to stderr) and writes .artifacts/bench/latest.json.
 * `node bench/run.ts verify load` runs only the parts named (`npm run bench -- cpu`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { stopAll, stopAllOnSignals } from "../scripts/lib/process-group.ts";
import { startSqlFaultProxy } from "../test-support/sql-fault-proxy.ts";
import { cpuTable } from "./cpu/cpu-table.ts";
import { measureCpu } from "./cpu/measure-cpu.ts";
import { dataPathTable } from "./data-path/data-path-table.ts";
import { measureDataPath } from "./data-path/measure-data-path.ts";
import { auditPages } from "./lighthouse/audit-pages.ts";
import { measureLoad } from "./load/measure-load.ts";
import { scenarios } from "./load/scenarios.ts";
import { lighthouseTable, loadTable, sizeTable, verifyTable } from "./report/tables.ts";
import { measurePageScripts } from "./size/page-scripts.ts";
import { LIMITS, measureWorkerBundle } from "./size/worker-bundles.ts";
import { measureWorkerStartup } from "./size/worker-startup.ts";
import { missingAssets } from "./support/served-build.ts";
import { startPreviewStack } from "./support/stack.ts";
import { seedTasks, signUpUser } from "./support/users.ts";
import { measureVerify } from "./verify/measure-verify.ts";

const OUT_DIR = ".artifacts/bench";
const PARTS = ["verify", "load", "size", "lighthouse", "data-path", "cpu"] as const;
/** Sized so the whole run stays under about four minutes on 2 cores. */
const SETTINGS = {
  verify: { k: 400, rounds: 15, perRound: 5 },
  load: { concurrency: [1, 10, 50], duration: 2, repetitions: 3, warmup: 1 },
  lighthouseRuns: 3,
  dataPath: { latencyMs: 50, samples: 15 },
  cpu: { samples: 200, warmupRounds: 20 },
} as const;

const requested = process.argv.slice(2);
const unknown = requested.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  console.error(`Unknown part(s): ${unknown.join(", ")}. Parts: ${PARTS.join(", ")}.`);
  process.exit(2);
}
const wanted = (part: (typeof PARTS)[number]) => requested.length === 0 || requested.includes(part);
const progress = (line: string) => console.error(line);

function version(pkg: string): string {
  return (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")) as { version: string }).version;
}

function machine() {
  return {
    cores: cpus().length,
    model: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main() {
  // Interrupts and failures stop the processes the bench started before it exits.
  stopAllOnSignals(130, (signal) => console.error(`\n${signal}: stopping the processes the bench started…`));
  mkdirSync(OUT_DIR, { recursive: true });
  const startedAt = new Date();
  const clock = performance.now();
  const report: Record<string, unknown> = {
    date: startedAt.toISOString(),
    machine: machine(),
    versions: {
      node: process.versions.node,
      ...Object.fromEntries(["wrangler", "jose", "hono", "autocannon", "lighthouse"].map((p) => [p, version(p)])),
    },
  };
  const tables = new Map<string, string>();

  // Both Workers reach the SQL endpoint through a proxy that adds no delay except during part 5.
  let latencyControl = "";
  progress("Starting the preview stack (astro build, wrangler dev ×2, local SQL endpoint)…");
  const stack = await startPreviewStack(join(OUT_DIR, "stack.log"), {
    sqlProxy: async (sqlEndpoint) => {
      const proxy = await startSqlFaultProxy(sqlEndpoint);
      latencyControl = `${proxy.origin}/control/bench`;
      return { endpoint: `${proxy.origin}/sql/bench`, close: () => proxy.close() };
    },
  });
  report.stack = { site: stack.site, api: stack.api, sql: stack.sql, log: join(OUT_DIR, "stack.log") };
  // The build this stack serves: each preview builds into a folder of its own (scripts/lib/stack.ts).
  const build = stack.buildDir;
  try {
    progress("Signing up users and seeding 50 tasks…");
    const reader = await signUpUser(stack.site, "reader");
    const writer = await signUpUser(stack.site, "writer");
    const taskIds = await seedTasks(stack.api, reader, 50);

    // Each part reports its own failure and the others still run.
    const part = async (name: (typeof PARTS)[number], title: string, body: () => Promise<string>) => {
      if (!wanted(name)) return;
      progress(title);
      try {
        tables.set(name, await body());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report[name] = { error: message };
        tables.set(name, `\n${title.replace(/…$/, "")}: FAILED — ${message}`);
      }
    };
    // Lighthouse and the page sizes first: they need the files of this run's build, which any other
    // preview's `astro build` in this working tree replaces, so the sooner the better.
    await part("lighthouse", "4. Lighthouse…", async () => {
      const pages = [{ path: "/" }, { path: "/tasks", cookie: reader.cookie }];
      const before = await missingAssets(stack.site, pages);
      const lighthouse = await auditPages(stack.site, pages, SETTINGS.lighthouseRuns);
      const missing = [...new Set([...before, ...(await missingAssets(stack.site, pages))])];
      if (missing.length > 0 && "pages" in lighthouse) {
        lighthouse.invalid = `the site stopped serving ${missing.join(", ")}: the build changed during this run, so these scores describe broken pages. Rerun.`;
      }
      report.lighthouse = lighthouse;
      return lighthouseTable(lighthouse);
    });
    await part("size", "3. Bundle sizes…", async () => {
      const workers = [
        measureWorkerBundle("API (wrangler.jsonc)", "wrangler.jsonc"),
        measureWorkerBundle("site", join(build, "server/wrangler.json")),
      ];
      const pages = [];
      for (const [path, cookie] of [["/"], ["/sign-in"], ["/tasks", reader.cookie]] as const) {
        pages.push(await measurePageScripts(stack.site, path, join(build, "client"), cookie));
      }
      const startup = measureWorkerStartup("wrangler.jsonc");
      report.size = { limits: LIMITS, workers, pages, startup };
      const runs = startup.runsMs.map((ms) => `${ms.toFixed(1)} ms`).join(", ");
      const work = startup.workMs.map((ms) => ms.toFixed(1)).join(", ");
      return [
        `${sizeTable(workers, pages)}\n`,
        `3c. API startup CPU (wrangler check startup): best ${startup.bestMs.toFixed(1)} ms of ${runs}`,
        `    startup work without the profiler's late first sample: median ${startup.medianWorkMs.toFixed(1)} ms of ${work}`,
      ].join("\n");
    });
    await part("verify", "1. JWT verification inside workerd…", async () => {
      const verify = await measureVerify(stack, reader, OUT_DIR, SETTINGS.verify);
      report.verify = verify;
      return verifyTable(verify);
    });
    await part("data-path", "5. The site's data path…", async () => {
      const dataPath = await measureDataPath({ ...stack, latencyControl }, SETTINGS.dataPath);
      report.dataPath = dataPath;
      return dataPathTable(dataPath);
    });
    await part("load", "2. API under load…", async () => {
      const rows = await measureLoad(stack, scenarios(reader, writer, taskIds), SETTINGS.load, progress);
      report.load = { options: SETTINGS.load, rows };
      return loadTable(rows, SETTINGS.load);
    });
    await part("cpu", "6. CPU per route…", async () => {
      const cpu = await measureCpu(stack, OUT_DIR, SETTINGS.cpu, progress);
      report.cpu = cpu;
      return cpuTable(cpu);
    });
  } finally {
    progress("Stopping the preview stack…");
    await stack.stop();
  }

  const seconds = Math.round((performance.now() - clock) / 1000);
  report.durationSeconds = seconds;
  const { cores, model, memoryGiB } = report.machine as ReturnType<typeof machine>;
  console.log(
    `npm run bench — ${startedAt.toISOString()} — ${cores} cores (${model}), ${memoryGiB} GiB, Node ${process.versions.node}`,
  );
  console.log(PARTS.flatMap((name) => tables.get(name) ?? []).join("\n"));
  const out = join(OUT_DIR, "latest.json");
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nTook ${seconds} s. JSON: ${out}`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAll();
  process.exit(1);
});
