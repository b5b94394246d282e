/**
 * Issue 14: loading the Worker builds no zod schema at all. Every schema is
 * `lazy(() => …)` (./lazy.ts): request schemas are built by a route's first
 * request (`defineRoute`'s `request` getter, read by the router's validation
 * middleware), response schemas only by the document generator, and the
 * configuration schema by the first `configFor` call.
 *
 * The guard counts constructions, not names: zod runs
 * `globalThis.__zod_globalConfig.postProcessor` (`z.core.globalConfig`) on
 * every instance its constructors build, schemas and checks alike (zod's own
 * hook for `zod/compile`). The probe is installed before the Worker is
 * imported (dynamically, so the import runs after it), and must see nothing;
 * zod's global registry must hold no id either (a `z.meta({ id })` registers
 * as it is built). A positive control builds one request schema afterwards and
 * sees both move, so the probe is known to watch the Worker's own zod. This
 * file must not import the Worker, ./document.ts or any schema module statically.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { defineRoute, openApiRouter } from "./router.ts";

/** The ids of every schema constructed so far with `z.meta({ id })` (zod's global registry). */
function registeredIds(): string[] {
  // `_idmap` is the registry's id index; zod exposes no public listing of it.
  return [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];
}

type Config = typeof z.core.globalConfig & { postProcessor?: (instance: unknown) => void };

/** Counts zod constructions while `run` runs. */
async function constructionsDuring(run: () => Promise<unknown> | unknown): Promise<number> {
  const config = z.core.globalConfig as Config;
  let count = 0;
  config.postProcessor = () => {
    count += 1;
  };
  try {
    await run();
  } finally {
    delete config.postProcessor;
  }
  return count;
}

describe("the Worker at startup", () => {
  it("constructs no zod schema when it loads (see the guide in tasks/schemas.ts)", async () => {
    expect(registeredIds()).toEqual([]);
    const atLoad = await constructionsDuring(async () => {
      const { app } = await import("../app.ts");
      expect(app).toBeDefined();
    });
    expect(atLoad, "a schema was built at load: declare it with lazy() and build it where it is used").toBe(0);
    expect(registeredIds()).toEqual([]);

    // Positive control: the probe sees the Worker's zod, and a request schema builds on its first use only.
    const { CreateTaskBody } = await import("../tasks/schemas.ts");
    expect(await constructionsDuring(() => CreateTaskBody())).toBeGreaterThan(0);
    expect(registeredIds()).toContain("CreateTask");
    expect(await constructionsDuring(() => CreateTaskBody())).toBe(0);
  });

  it("builds a route's request on its first request and its responses only when read", async () => {
    const built = { request: 0, responses: 0 };
    const route = defineRoute({
      method: "get",
      path: "/x/{id}",
      request: () => {
        built.request += 1;
        return { params: z.object({ id: z.string().check(z.maxLength(3)) }) };
      },
      responses: () => {
        built.responses += 1;
        return { 200: { description: "ok" } };
      },
    });
    const router = openApiRouter().openapi(route, (c) => c.body(null, 200));
    router.onError((error) => new Response(null, { status: (error as { status?: number }).status ?? 500 }));
    expect(built).toEqual({ request: 0, responses: 0 });

    expect((await router.request("/x/abc")).status).toBe(200);
    expect(built).toEqual({ request: 1, responses: 0 });
    expect((await router.request("/x/abcd")).status).toBe(422);
    expect(built).toEqual({ request: 1, responses: 0 });

    expect(route.responses[200].description).toBe("ok");
    expect(route.responses[200].description).toBe("ok");
    expect(built).toEqual({ request: 1, responses: 1 });
  });
});
