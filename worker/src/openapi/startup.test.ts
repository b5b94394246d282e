/**
 * Issue 14: the Worker's startup builds only what a request needs. Response
 * and problem schemas exist for the document (built ahead of time) and for the
 * types, so loading the Worker must not construct them. This file must not
 * import ./document.ts, which builds them all.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { app } from "../app.ts";
import { defineRoute } from "./router.ts";

/** The ids of every schema constructed so far with `.meta({ id })` (zod's global registry). */
function registeredIds(): string[] {
  // `_idmap` is the registry's id index; zod exposes no public listing of it.
  return [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];
}

describe("the Worker at startup", () => {
  it("builds the request schemas but no response or problem schema (see the guide in tasks/schemas.ts)", () => {
    expect(app).toBeDefined();
    const ids = registeredIds();
    expect(ids).toEqual(expect.arrayContaining(["CreateTask", "ReplaceTask", "CompleteTask", "BulkAction"]));
    for (const responseOnly of ["Task", "TaskList", "TaskCounts", "BulkResult", "TaskEvent", "ChangeFeed", "Problem"]) {
      expect(ids, `${responseOnly} was built at load: declare it with lazy()`).not.toContain(responseOnly);
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
