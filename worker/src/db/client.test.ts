/**
 * databaseFor keeps each configuration's endpoint apart. The driver's
 * fetchEndpoint is process-wide; when it was written per request and clients
 * were cached by DATABASE_URL alone, two configurations served at once (same
 * connection string, different endpoints) sent their queries wherever the
 * last request pointed it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bearer, request, signUpUser, testBindings } from "../../test/harness.ts";

beforeEach(() => {
  // The refused endpoint's 503 is logged by design.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("databaseFor", () => {
  it("sends each configuration's queries to its own endpoint, even when requests interleave", async () => {
    const user = await signUpUser();
    const healthy = testBindings();
    // Same DATABASE_URL, but an endpoint nothing listens on (port 9 is discard; loopback refuses it).
    const unreachable = testBindings({ NEON_HTTP_ENDPOINT: "http://127.0.0.1:9/sql" });
    for (let round = 0; round < 3; round++) {
      const [down, up] = await Promise.all([
        request(`/api/${user.id}/tasks`, bearer(user), unreachable),
        request(`/api/${user.id}/tasks`, bearer(user), healthy),
      ]);
      expect(down.status).toBe(503);
      expect(up.status).toBe(200);
    }
  });
});
