/**
 * /docs runs a third-party script on the API's origin, so it exists only in
 * development (API_DOCS=on, wrangler.jsonc's vars) and loads one pinned version.
 */
import { describe, expect, it } from "vitest";
import { request, testBindings } from "../../test/harness.ts";
import { SCALAR_BUNDLE } from "./index.ts";

describe("/docs", () => {
  // Covers 001 FR-026.
  it("is not served unless API_DOCS is on, as in production", async () => {
    const response = await request("/docs");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await request("/docs", {}, testBindings({ API_DOCS: "off" }))).status).toBe(404);
    // The document itself stays public.
    expect((await request("/openapi.json")).status).toBe(200);
  });

  // Covers 001 FR-026.
  it("loads an exact version of Scalar in development", async () => {
    const response = await request("/docs", {}, testBindings({ API_DOCS: "on" }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(SCALAR_BUNDLE).toMatch(/@scalar\/api-reference@\d+\.\d+\.\d+$/);
    expect(html).toContain(SCALAR_BUNDLE);
    expect(html).not.toContain('"https://cdn.jsdelivr.net/npm/@scalar/api-reference"');
  });
});
