/**
 * One `vitest run` for every suite:
 * - tooling: the test run's own machinery (the honest closing line, the trace from
 *   every spec requirement to the tests that cover it) and the bench's own pieces
 * - site: the site's plain modules and its own rules (return paths, Better
 *   Auth's configuration, the latter against the local SQL endpoint on PGlite), in Node
 * - db: the local SQL endpoint's protocol, against PGlite and real PostgreSQL
 * - worker (pglite) / worker (postgres): the API inside workerd via
 *   @cloudflare/vitest-plugin (the renamed @cloudflare/vitest-pool-workers),
 *   once per database
 * - e2e: the browser journeys in Chromium against the running stack
 */
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig, defineProject } from "vitest/config";
import { generateVapidKeys } from "./worker/src/push/vapid.ts";

/** A VAPID key pair per test run, as dev stacks make one per start: the private key is never committed. */
const vapid = await generateVapidKeys();

/**
 * The Worker's lean Neon transport in place of the official package (ADR 0012), as wrangler.jsonc's
 * `alias` puts it in the bundle: the tests run what production runs, drizzle-orm/neon-http included.
 */
const WORKER_ALIASES = {
  "@neondatabase/serverless": fileURLToPath(new URL("./worker/src/db/neon-http/index.ts", import.meta.url)),
};

function workerProject(database: "pglite" | "postgres") {
  return defineProject({
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.jsonc" },
        remoteBindings: false,
        // The Durable Object and the scheduled handler read the Worker's own env (tests pass theirs
        // to app.request): aim it at the test stack, as test/harness.ts's testBindings() does.
        miniflare: {
          bindings: {
            DATABASE_URL: inject("databaseUrl"),
            NEON_HTTP_ENDPOINT: inject("sqlEndpoint"),
            VAPID_PUBLIC_KEY: vapid.publicKey,
            VAPID_PRIVATE_KEY: vapid.privateKey,
          },
        },
      })),
    ],
    resolve: { alias: WORKER_ALIASES },
    test: {
      name: `worker (${database})`,
      include: ["worker/**/*.test.ts"],
      globalSetup: ["test-support/worker-global-setup.ts"],
      env: { TEST_DATABASE: database },
      testTimeout: 20_000,
    },
  });
}

/** Browser journeys against `npm run dev`, and against `npm run preview` (the production build, with its CSP). */
function e2eProject(stack: "dev" | "preview") {
  return defineProject({
    test: {
      name: `e2e (${stack})`,
      include: ["e2e/**/*.test.ts"],
      // *.preview.test.ts measure the production build only (e.g. its SQL round trips per page view).
      exclude: [...configDefaults.exclude, ...(stack === "dev" ? ["e2e/**/*.preview.test.ts"] : [])],
      environment: "node",
      globalSetup: ["test-support/e2e-global-setup.ts"],
      // The preview builds while earlier files run; each journey file waits here until it serves.
      setupFiles: ["test-support/e2e-stack-ready.ts"],
      env: { E2E_STACK: stack },
      testTimeout: 90_000,
      hookTimeout: 60_000,
      // expect.poll waits for a state the page reaches; on a loaded 2-core machine that can take
      // seconds, so it waits up to 15 s instead of vitest's 1 s. It still returns as soon as it holds.
      expect: { poll: { timeout: 15_000 } },
    },
  });
}

/**
 * The Node suites share one module graph per worker instead of a fresh one per file: each
 * file restores its own mocks and timers, and re-importing Better Auth, PGlite and vitest's
 * own modules per file was about a third of their time on 2 cores (295 s → 190 s under load).
 */
const SHARED_MODULES = { isolate: false } as const;

export default defineConfig({
  test: {
    reporters: ["default", "./scripts/summary-reporter.ts"],
    // The Worker logs every refused token by design; in tests that is the expected outcome.
    onConsoleLog: (log) => !log.startsWith("Refused access token"),
    projects: [
      defineProject({
        test: {
          name: "tooling",
          // The bench's own pieces (e.g. its SQL replay endpoint) are tooling too.
          include: ["scripts/**/*.test.ts", "bench/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          ...SHARED_MODULES,
        },
      }),
      // The site's plain modules (mail transports, and later the dashboard's state), in Node.
      defineProject({
        test: {
          name: "site",
          include: ["web/src/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          // Better Auth's own tests start PGlite and migrate it first.
          hookTimeout: 60_000,
          ...SHARED_MODULES,
        },
      }),
      defineProject({
        test: {
          name: "db",
          include: ["db/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          ...SHARED_MODULES,
        },
      }),
      workerProject("pglite"),
      workerProject("postgres"),
      e2eProject("dev"),
      e2eProject("preview"),
    ],
  },
});
