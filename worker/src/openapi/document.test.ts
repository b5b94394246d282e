/**
 * The served document is generated ahead of time (scripts/generate-openapi.ts) into a static
 * asset (worker/assets/openapi.json): it must be exactly what the routes' zod schemas produce
 * today, and /openapi.json must serve it through the Worker's own middleware, as any route.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { request, SITE_ORIGIN } from "../../test/harness.ts";
import { openApiJson } from "./document.ts";

/** The asset as the ASSETS binding holds it (the file wrangler.jsonc's assets.directory uploads). */
async function assetText(): Promise<string> {
  const asset = await env.ASSETS.fetch("http://assets.invalid/openapi.json");
  expect(asset.status).toBe(200);
  return asset.text();
}

describe("/openapi.json", () => {
  it("is the document the routes' schemas generate (run `npm run openapi` after changing them)", async () => {
    // A boolean, not the two texts: a diff of two one-line 126 KB documents says nothing more.
    const current = (await assetText()) === openApiJson();
    expect(current, "worker/assets/openapi.json is stale: run `npm run openapi`").toBe(true);
  });

  // Covers 001 FR-002.
  it("serves the asset byte for byte, as JSON, through the Worker's middleware", async () => {
    const response = await request("/openapi.json", { headers: { origin: SITE_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe(await assetText());
    // CORS and the security headers, as on every route: the asset server answers nothing itself.
    expect(response.headers.get("access-control-allow-origin")).toBe(SITE_ORIGIN);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  // Covers 001 FR-002.
  it("answers the whole document whatever conditional or range headers the client sends", async () => {
    const etag = (await env.ASSETS.fetch("http://assets.invalid/openapi.json")).headers.get("etag") ?? '"x"';
    const response = await request("/openapi.json", { headers: { "if-none-match": etag, range: "bytes=0-9" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(await assetText());
  });

  // Covers 001 FR-002, 001 FR-018.
  it("refuses other methods with 405 problem+json", async () => {
    const response = await request("/openapi.json", { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("is served as JSON, with an operationId on every operation", async () => {
    const response = await request("/openapi.json");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const document = (await response.json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operationIds = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    );
    expect(operationIds).toEqual([
      "listTasks",
      "createTask",
      "getTask",
      "replaceTask",
      "deleteTask",
      "completeTask",
      "restoreTask",
      "listTaskCompletions",
      "undoTaskCompletion",
      "bulkTasks",
      "listChanges",
      "createPushSubscription",
      "deletePushSubscription",
      "getVapidPublicKey",
      "getHealth",
    ]);
  });
});
