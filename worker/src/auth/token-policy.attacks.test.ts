/**
 * The verification policy, one rule per test. Every token here is signed by a
 * key the Worker trusts (given inline as AUTH_JWKS), so the signature is good
 * and a refusal can only come from the rule under test; the first test shows
 * the same token with nothing broken is accepted.
 */
import { describe, expect, it } from "vitest";
import { request } from "../../test/harness.ts";
import { newJwksEndpoint } from "../../test/jwks-endpoint.ts";
import {
  claimsFor,
  expectInvalidToken,
  inlineJwksBindings,
  newSigningKey,
  nowSeconds,
  type SignOptions,
  signToken,
  withToken,
} from "../../test/tokens.ts";
import { CLOCK_TOLERANCE_SECONDS } from "./verify-access-token.ts";

/** GET the task list of `sub` with a token for `sub` whose claims are `overrides` on the valid ones. */
async function listWith(
  overrides: Record<string, unknown>,
  options: SignOptions = {},
  sub: unknown = crypto.randomUUID(),
) {
  const key = await newSigningKey();
  const token = await signToken(key, claimsFor(sub, overrides), options);
  return request(`/api/${String(sub)}/tasks`, withToken(token), inlineJwksBindings([key]));
}

describe("tokens signed by a trusted key (inline AUTH_JWKS)", () => {
  // Covers 002 FR-021, 002 FR-024, 002 FR-028.
  it("accepts a token that keeps every rule, without fetching any key", async () => {
    const key = await newSigningKey();
    // The URL serves the same key, so a fetch would succeed; inline keys must make it unnecessary.
    const remote = await newJwksEndpoint(key);
    const sub = crypto.randomUUID();
    const response = await request(
      `/api/${sub}/tasks`,
      withToken(await signToken(key, claimsFor(sub))),
      inlineJwksBindings([key], { AUTH_JWKS_URL: remote.url }),
    );
    expect(response.status).toBe(200);
    expect(await remote.requests()).toBe(0);
  });

  // Covers 002 FR-021.
  it("tolerates an exp a few seconds past, for clock skew", async () => {
    const response = await listWith({ exp: nowSeconds() - (CLOCK_TOLERANCE_SECONDS - 2) });
    expect(response.status).toBe(200);
  });

  // Covers 002 FR-021.
  it("refuses a token expired beyond the clock tolerance", async () => {
    await expectInvalidToken(await listWith({ exp: nowSeconds() - (CLOCK_TOLERANCE_SECONDS + 30) }));
  });

  // Covers 002 FR-021.
  it("refuses a token that is not valid yet (nbf in the future)", async () => {
    await expectInvalidToken(await listWith({ nbf: nowSeconds() + CLOCK_TOLERANCE_SECONDS + 60 }));
  });

  // Covers 002 FR-021.
  it("refuses a token issued in the future", async () => {
    await expectInvalidToken(await listWith({ iat: nowSeconds() + CLOCK_TOLERANCE_SECONDS + 60 }));
  });

  // Covers 002 FR-021.
  it("refuses a token issued longer ago than a token lives, even with a far exp", async () => {
    await expectInvalidToken(await listWith({ iat: nowSeconds() - 16 * 60, exp: nowSeconds() + 24 * 60 * 60 }));
  });

  // Covers 002 FR-021.
  it.each(["exp", "iat", "sub"])("refuses a token without %s", async (claim) => {
    const sub = crypto.randomUUID();
    await expectInvalidToken(await listWith({ [claim]: undefined }, {}, sub));
  });

  // Covers 002 FR-022.
  it("refuses a sub that is not a string, even when the path matches it", async () => {
    await expectInvalidToken(await listWith({}, {}, 12345));
  });

  it.each([
    ["exp", "9999999999"],
    ["iat", "0"],
  ])("refuses a non-numeric %s", async (claim, value) => {
    await expectInvalidToken(await listWith({ [claim]: value }));
  });

  // Covers 002 FR-021.
  it("refuses a token from another issuer", async () => {
    await expectInvalidToken(await listWith({ iss: "https://attacker.example" }));
  });

  // Covers 002 FR-021.
  it("refuses a token for another audience", async () => {
    await expectInvalidToken(await listWith({ aud: "https://other-api.example" }));
  });

  // Covers 002 FR-021.
  it("refuses a token without an audience", async () => {
    await expectInvalidToken(await listWith({ aud: undefined }));
  });

  // Covers 002 FR-020.
  it("refuses a token without a kid, though the set has a single key it would match", async () => {
    await expectInvalidToken(await listWith({}, { header: { kid: undefined } }));
  });

  // Covers 002 FR-025.
  it("refuses a token whose kid is not in the set, though signed by a trusted key", async () => {
    await expectInvalidToken(await listWith({}, { header: { kid: "not-published" } }));
  });

  it.each(["jku", "x5u", "jwk", "x5c"])(
    "refuses a %s header, which names a key source, even beside a trusted kid",
    async (member) => {
      const value =
        member === "jwk"
          ? { kty: "OKP", crv: "Ed25519", x: "AAAA" }
          : member === "x5c"
            ? ["AAAA"]
            : "https://attacker.example/keys";
      await expectInvalidToken(await listWith({}, { header: { [member]: value } }));
    },
  );

  // Covers 002 FR-025.
  it("refuses a header marking an unknown extension as critical", async () => {
    const options = { header: { crit: ["urn:example:must-understand"], "urn:example:must-understand": true } };
    await expectInvalidToken(await listWith({}, { ...options, crit: { "urn:example:must-understand": true } }));
  });
});
