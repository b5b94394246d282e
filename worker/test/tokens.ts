/**
 * Keys and tokens made inside the tests, for tokens Better Auth would never
 * issue: forged ones, and ones whose claims break exactly one rule. Happy-path
 * tokens come from Better Auth itself (harness.ts's signUpUser).
 */
import { exportJWK, generateKeyPair, type JWK, type JWTHeaderParameters, SignJWT } from "jose";
import { expect, inject } from "vitest";
import type { Bindings } from "../src/env.ts";
import { API_AUDIENCE, testBindings } from "./harness.ts";

/** An Ed25519 key pair with the public half as a JWKS member would publish it. */
export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function newSigningKey(kid = `test-${crypto.randomUUID()}`): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" } };
}

/** The Worker's bindings with `keys` as the inline AUTH_JWKS (which replaces AUTH_JWKS_URL). */
export function inlineJwksBindings(keys: TestKey[], overrides: Partial<Bindings> = {}): Bindings {
  return testBindings({ AUTH_JWKS: JSON.stringify({ keys: keys.map((key) => key.publicJwk) }), ...overrides });
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The claims of a token that passes every rule, for `sub`. Override any of
 * them; a claim set to `undefined` is left out of the token (JSON drops it).
 */
export function claimsFor(sub: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { sub, iss: inject("authOrigin"), aud: API_AUDIENCE, iat: now, exp: now + 15 * 60, ...overrides };
}

export interface SignOptions {
  /** Extra protected-header members; `kid: undefined` leaves the kid out. */
  header?: Record<string, unknown>;
  /** Critical header names jose should let us sign with (it refuses unknown ones otherwise). */
  crit?: Record<string, boolean>;
}

/** Signs `claims` exactly as given (no jose defaults) with `key`, under its kid unless told otherwise. */
export function signToken(key: TestKey, claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
  const header: Record<string, unknown> = { alg: "EdDSA", kid: key.kid, ...options.header };
  if (header.kid === undefined) delete header.kid;
  return new SignJWT(claims)
    .setProtectedHeader(header as JWTHeaderParameters)
    .sign(key.privateKey, options.crit ? { crit: options.crit } : {});
}

/** The one answer to any bad token: 401, the invalid_token challenge, problem+json, and no reason given. */
export async function expectInvalidToken(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.text();
  expect(JSON.parse(body)).toMatchObject({ status: 401, code: "INVALID_TOKEN" });
  expect(body).not.toContain("ERR_");
}

/** `init` with `token` as the bearer credentials. */
export function withToken(token: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}
