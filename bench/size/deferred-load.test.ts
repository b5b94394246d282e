/**
 * Issue 14: the API Worker's bundle loads neither drizzle's tables, nor the
 * database driver, nor jose when it starts. Building the seven tables was the
 * largest part of startup, and a preflight, /health, a 401 or a 422 needs none
 * of them: they load with the first request that does (tasks/data.ts,
 * live/data.ts, auth/user-database.ts, reminders/hub-data.ts and the lazy
 * imports in auth/require-user.ts, push-subscriptions/index.ts and reminders/cron.ts).
 *
 * Checked on what is deployed: wrangler bundles the Worker as `npm run deploy`
 * does (unminified, so module names stay readable). esbuild wraps a module
 * that is reached through a dynamic import() in a function that evaluates it on
 * first use (`var init_x = __esm({ "path"() {…} })`). Each watched module must
 * be so wrapped, and none may be evaluated when the bundle is imported: a
 * probe is put at the start of each body, and the bundle is imported in Node
 * with a stand-in for `cloudflare:workers` (only DurableObject is imported).
 * The positive control runs one body's initializer and sees its probe fire.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dryRunBundle } from "./worker-bundles.ts";

/** The modules that must not be evaluated at startup, as esbuild names them in the bundle. */
const DEFERRED = [
  "db/schema/user.ts",
  "db/schema/tasks.ts",
  "db/schema/changes.ts",
  "db/schema/push.ts",
  "worker/src/db/client.ts",
  "worker/src/auth/verify-access-token.ts",
];

const dir = mkdtempSync(join(tmpdir(), "deferred-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundle(): string {
  dryRunBundle("wrangler.jsonc", dir, ["--minify=false"]);
  return readFileSync(join(dir, "index.js"), "utf8");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

describe("the API Worker's bundle", () => {
  it("evaluates no table, no database driver and no jose until a request needs them", async () => {
    let source = bundle();
    const initializers = new Map<string, string>();
    for (const path of DEFERRED) {
      const wrapped = new RegExp(`var (init_\\w+) = __esm\\(\\{\\s*"${escapeRegExp(path)}"\\(\\) \\{`).exec(source);
      expect(wrapped, `${path} is evaluated at load: reach it only through a dynamic import()`).not.toBeNull();
      const [opening, initializer] = wrapped as RegExpExecArray & [string, string];
      initializers.set(path, initializer);
      source = source.replace(opening, `${opening}\nglobalThis.__evaluated.push(${JSON.stringify(path)});`);
    }
    const stub = "class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }";
    source = source.replace(/^import \{ DurableObject \} from "cloudflare:workers";$/m, stub);
    expect(source, "the bundle imports more than DurableObject from cloudflare:workers").not.toContain(
      "cloudflare:workers",
    );
    source += `\nexport const __initializeTasks = ${initializers.get("db/schema/tasks.ts")};\n`;
    const file = join(dir, "probed.mjs");
    writeFileSync(file, source);

    const evaluated: string[] = [];
    Object.assign(globalThis, { __evaluated: evaluated });
    const worker = await import(pathToFileURL(file).href);
    expect(worker.default.fetch).toBeTypeOf("function");
    expect(worker.UserHub).toBeTypeOf("function");
    expect(evaluated, "evaluated when the Worker loads").toEqual([]);

    // Positive control: a probe fires when its module is evaluated (with the module it imports).
    worker.__initializeTasks();
    expect(evaluated.sort()).toEqual(["db/schema/tasks.ts", "db/schema/user.ts"]);
  });
});
