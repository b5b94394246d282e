/**
 * In production the API reaches the site's key set through a service binding
 * (AUTH_SITE), Worker to Worker, instead of over the Internet. Here the
 * binding is a stand-in Fetcher serving a key set made in the test; the
 * public AUTH_JWKS_URL is a real endpoint that counts its fetches.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { request, testBindings } from "../../test/harness.ts";
import { newJwksEndpoint } from "../../test/jwks-endpoint.ts";
import {
  claimsFor,
  expectInvalidToken,
  inlineJwksBindings,
  newSigningKey,
  signToken,
  type TestKey,
  withToken,
} from "../../test/tokens.ts";
import type { Bindings } from "../env.ts";

/** A stand-in for the site's Worker behind a service binding, recording what it was asked for. */
function fakeSite(answer: () => Response) {
  const requests: Request[] = [];
  const binding: Fetcher = {
    async fetch(input, init) {
      requests.push(new Request(input, init));
      return answer();
    },
    connect() {
      throw new Error("the site binding is only fetched");
    },
  };
  return { binding, requests };
}

const serving =
  (...keys: TestKey[]) =>
  () =>
    Response.json({ keys: keys.map((key) => key.publicJwk) });

/** GET a fresh subject's task list with a token signed by `key`, against `bindings`. */
async function listWith(key: TestKey, bindings: Bindings): Promise<Response> {
  const sub = crypto.randomUUID();
  return request(`/api/${sub}/tasks`, withToken(await signToken(key, claimsFor(sub))), bindings);
}

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

// Covers 002 FR-024.
describe("key set through the site's service binding", () => {
  it("fetches the key set at AUTH_JWKS_URL through the binding, once, and never from the public URL", async () => {
    const key = await newSigningKey();
    const publicUrl = await newJwksEndpoint(key);
    const site = fakeSite(serving(key));
    const bindings = testBindings({ AUTH_JWKS_URL: publicUrl.url, AUTH_SITE: site.binding });

    expect((await listWith(key, bindings)).status).toBe(200);
    expect((await listWith(key, bindings)).status).toBe(200);
    expect(site.requests.map((r) => [r.method, r.url])).toEqual([["GET", publicUrl.url]]);
    expect(await publicUrl.requests()).toBe(0);
  });

  it("trusts only the keys the binding serves, even when the public URL publishes others", async () => {
    const siteKey = await newSigningKey();
    const otherKey = await newSigningKey();
    const publicUrl = await newJwksEndpoint(otherKey);
    const bindings = testBindings({ AUTH_JWKS_URL: publicUrl.url, AUTH_SITE: fakeSite(serving(siteKey)).binding });

    await expectInvalidToken(await listWith(otherKey, bindings));
    expect((await listWith(siteKey, bindings)).status).toBe(200);
    expect(await publicUrl.requests()).toBe(0);
  });

  // Covers 002 FR-025.
  it("answers 503 AUTH_UNAVAILABLE with Retry-After when the site behind the binding fails", async () => {
    const key = await newSigningKey();
    const publicUrl = await newJwksEndpoint(key);
    const site = fakeSite(() => new Response("internal error", { status: 500 }));
    const response = await listWith(key, testBindings({ AUTH_JWKS_URL: publicUrl.url, AUTH_SITE: site.binding }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ code: "AUTH_UNAVAILABLE" });
    expect(site.requests).toHaveLength(1);
    expect(await publicUrl.requests()).toBe(0);
  });

  it("leaves the binding unused when an inline AUTH_JWKS is configured", async () => {
    const key = await newSigningKey();
    const site = fakeSite(serving(key));
    expect((await listWith(key, inlineJwksBindings([key], { AUTH_SITE: site.binding }))).status).toBe(200);
    expect(site.requests).toHaveLength(0);
  });
});
