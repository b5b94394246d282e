import { describe, expect, it } from "vitest";
import { request } from "../../test/harness.ts";

describe("meta routes", () => {
  // Covers 001 FR-001.
  it("answers /health without authentication", async () => {
    const response = await request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  // Covers 001 FR-002.
  it("serves an OpenAPI 3.1 document describing the task routes", async () => {
    const response = await request("/openapi.json");
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/api/{userId}/tasks", "/api/{userId}/tasks/{id}"]),
    );
  });

  // Covers 001 FR-018, 001 FR-017.
  it("answers an unknown route with 404 problem+json", async () => {
    const response = await request("/nope");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  // Covers 001 FR-024.
  it("allows CORS only from the configured site origin", async () => {
    const preflight = (origin: string) =>
      request("/api/u/tasks", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
      });
    const allowed = await preflight("http://localhost:4321");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:4321");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});
