/**
 * Issue 13: SQL round trips per page view on the production build, counted at
 * the local SQL endpoint. The counts are deterministic: the session comes from
 * the signed cookie cache, the signing key from the isolate, and /tasks makes
 * only the API's own round trip (ADR 0008).
 */
import { describe, expect, inject, it } from "vitest";
import { countPageRoundTrips } from "../test-support/page-round-trips.ts";
import { SITE } from "./browser.ts";

// Only the preview project runs *.preview.test.ts (vitest.config.ts): the counts are the production build's.
describe("SQL round trips per page view (npm run preview)", () => {
  // Covers 002 FR-072, 002 FR-073.
  it("is 0 for signed-in /, 1 for /tasks, 1 for a token, 0 for a repeated JWKS, at most 3 for sign-in", async () => {
    const counts = await countPageRoundTrips({ site: SITE, sql: inject("sqlUrl"), databaseUrl: inject("databaseUrl") });
    expect(counts).toEqual({ landing: 0, tasks: 1, token: 1, repeatedJwks: 0, signIn: expect.any(Number) });
    expect(counts.signIn).toBeLessThanOrEqual(3);
  });
});
