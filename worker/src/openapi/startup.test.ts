/**
 * Issue 14: the Worker's startup builds only what a request needs. Response
 * and problem schemas exist for the document (built ahead of time) and for the
 * types, so loading the Worker must not construct them: every named schema of
 * the served document that no request reaches must be absent from zod's
 * registry after the Worker loads. This file must not import ./document.ts,
 * which builds them all.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { app } from "../app.ts";
import { defineRoute } from "./router.ts";

/** The ids of every schema constructed so far with `.meta({ id })` (zod's global registry). */
function registeredIds(): string[] {
  // `_idmap` is the registry's id index; zod exposes no public listing of it.
  return [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];
}

interface Document {
  paths: Record<string, Record<string, { parameters?: unknown; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

/** The named schemas a request can reach (parameters and bodies, through their references); the rest are response-only. */
function splitComponents(document: Document): { request: Set<string>; responseOnly: string[] } {
  const request = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const name =
          key === "$ref" && typeof value === "string" ? value.replace("#/components/schemas/", "") : undefined;
        if (name !== undefined && !request.has(name)) {
          request.add(name);
          visit(document.components.schemas[name]);
        } else visit(value);
      }
    }
  };
  for (const operations of Object.values(document.paths)) {
    for (const { parameters, requestBody } of Object.values(operations)) visit([parameters, requestBody]);
  }
  return { request, responseOnly: Object.keys(document.components.schemas).filter((name) => !request.has(name)) };
}

describe("the Worker at startup", () => {
  it("builds the request schemas but no response or problem schema (see the guide in tasks/schemas.ts)", async () => {
    expect(app).toBeDefined();
    const ids = registeredIds();
    // The served document, from the Worker's static assets (wrangler.jsonc).
    const served = await env.ASSETS.fetch("http://assets.invalid/openapi.json");
    const { request, responseOnly } = splitComponents((await served.json()) as Document);
    expect(request.size).toBeGreaterThan(0);
    expect(ids).toEqual(expect.arrayContaining([...request]));
    expect(responseOnly).toEqual(expect.arrayContaining(["Task", "TaskList", "Problem"]));
    for (const name of responseOnly) {
      expect(ids, `${name} (response-only) was built at load: declare it with lazy()`).not.toContain(name);
    }
  });

  it("builds a route's responses only when they are read", () => {
    let built = 0;
    const route = defineRoute({
      method: "get",
      path: "/x",
      responses: () => {
        built += 1;
        return { 200: { description: "ok" } };
      },
    });
    expect(built).toBe(0);
    expect(route.responses[200].description).toBe("ok");
    expect(route.responses[200].description).toBe("ok");
    expect(built).toBe(1);
  });
});
