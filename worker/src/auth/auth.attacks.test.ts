/**
 * Every token here but the first is refused. Forged tokens are signed with
 * keys made in the test; the real ones come from Better Auth, whose JWKS URL
 * is the Worker's key source. Claim rules under a trusted key are in
 * token-policy.attacks.test.ts.
 */
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { API_AUDIENCE, bearer, request, signUpUser, type TestUser } from "../../test/harness.ts";
import { newJwksEndpoint } from "../../test/jwks-endpoint.ts";
import { claimsFor, expectInvalidToken, newSigningKey, signToken } from "../../test/tokens.ts";

async function realKid(): Promise<string> {
  const jwks = (await (await fetch(`${inject("authOrigin")}/api/auth/jwks`)).json()) as { keys: { kid: string }[] };
  const kid = jwks.keys[0]?.kid;
  if (!kid) throw new Error("Better Auth published no key");
  return kid;
}

/** A token with the right claims and the real `kid`, signed by an attacker's own Ed25519 key. */
async function forged(user: TestUser, edit: (jwt: SignJWT) => SignJWT = (j) => j) {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwt = new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: "EdDSA", kid: await realKid() })
    .setSubject(user.id)
    .setIssuer(inject("authOrigin"))
    .setAudience(API_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("15m");
  return edit(jwt).sign(privateKey);
}

/** `token`, sent as `user`'s bearer token to their own task list, gets 401 invalid_token. */
async function expectRefused(user: TestUser, token: string) {
  await expectInvalidToken(await request(`/api/${user.id}/tasks`, bearer({ ...user, token })));
}

describe("access tokens", () => {
  // Covers 002 FR-012, 002 FR-013.
  it("accepts a token Better Auth issued", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`, bearer(user));
    expect(response.status).toBe(200);
  });

  // Covers 001 FR-003, 002 FR-018.
  it("answers 401 with a Bearer challenge when no token is sent", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  // Covers 001 FR-003, 002 FR-026.
  it("answers 403 when the path's user id is not the token's subject", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const response = await request(`/api/${bob.id}/tasks`, bearer(alice));
    expect(response.status).toBe(403);
  });

  // Covers 002 FR-021, 002 FR-025.
  it("refuses a token signed by another key under the real kid", async () => {
    const user = await signUpUser();
    await expectRefused(user, await forged(user));
  });

  // Covers 002 FR-021, 002 FR-023.
  it("refuses a tampered payload", async () => {
    const user = await signUpUser();
    const other = await signUpUser();
    const [header, , signature] = user.token.split(".");
    const payload = base64url.encode(JSON.stringify({ sub: other.id, iss: inject("authOrigin"), aud: API_AUDIENCE }));
    await expectRefused(other, `${header}.${payload}.${signature}`);
  });

  // Covers 002 FR-020.
  it("refuses alg none in any spelling", async () => {
    const user = await signUpUser();
    const [, payload] = user.token.split(".");
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      const header = base64url.encode(JSON.stringify({ alg, typ: "JWT" }));
      await expectRefused(user, `${header}.${payload}.`);
      await expectRefused(user, `${header}.${payload}.${base64url.encode("x")}`);
    }
  });

  // Covers 002 FR-020.
  it("refuses HS256 signed with the public key as the secret", async () => {
    const user = await signUpUser();
    const jwks = await (await fetch(`${inject("authOrigin")}/api/auth/jwks`)).text();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: await realKid() })
      .setSubject(user.id)
      .setIssuer(inject("authOrigin"))
      .setAudience(API_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("15m")
      .sign(new TextEncoder().encode(jwks));
    await expectRefused(user, token);
  });

  // Covers 002 FR-020, 002 FR-024.
  it("refuses an embedded jwk header naming the attacker's key", async () => {
    const user = await signUpUser();
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", kid: await realKid(), jwk: await exportJWK(publicKey) })
      .setSubject(user.id)
      .setIssuer(inject("authOrigin"))
      .setAudience(API_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("15m")
      .sign(privateKey);
    await expectRefused(user, token);
  });

  // Covers 002 FR-020.
  it("refuses a token with a stripped signature", async () => {
    const user = await signUpUser();
    const [header, payload] = user.token.split(".");
    await expectRefused(user, `${header}.${payload}.`);
  });

  // Covers 002 FR-020.
  it("refuses a token that is not three segments, or too large", async () => {
    const user = await signUpUser();
    await expectRefused(user, user.token.split(".").slice(0, 2).join("."));
    await expectRefused(user, `${user.token}.${user.token.split(".")[2]}`);
    await expectRefused(user, `${user.token}${"A".repeat(5000)}`);
  });

  // Covers 002 FR-020.
  it("refuses padded or otherwise non-canonical base64url", async () => {
    const user = await signUpUser();
    const [header, payload, signature] = user.token.split(".");
    await expectRefused(user, `${header}=.${payload}.${signature}`);
    await expectRefused(user, `${header}.${payload}.${signature}==`);
  });

  // Covers 002 FR-024, 002 FR-025.
  it("refuses a token under a kid the key set does not have, signed by the attacker", async () => {
    const user = await signUpUser();
    const attacker = await newSigningKey();
    await expectRefused(user, await signToken(attacker, claimsFor(user.id)));
  });

  // Covers 002 FR-021.
  it("refuses the real header and payload under another real token's signature", async () => {
    const user = await signUpUser();
    const other = await signUpUser();
    const [header, payload] = user.token.split(".");
    await expectRefused(user, `${header}.${payload}.${other.token.split(".")[2]}`);
  });

  // Covers 002 FR-020, 002 FR-024.
  it.each(["jku", "x5u"])("refuses a %s header and never fetches the URL it names", async (member) => {
    const user = await signUpUser();
    const attacker = await newSigningKey();
    const attackersKeySet = await newJwksEndpoint(attacker);
    const token = await signToken(attacker, claimsFor(user.id), { header: { [member]: attackersKeySet.url } });
    await expectRefused(user, token);
    expect(await attackersKeySet.requests()).toBe(0);
  });

  // Covers 002 FR-018.
  it("ignores a token in the query string: 401 with a bare Bearer challenge, as if none were sent", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks?access_token=${user.token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  // Covers 002 FR-019.
  it("refuses two Authorization headers, even when both carry the same valid token", async () => {
    const user = await signUpUser();
    const headers = new Headers();
    headers.append("authorization", `Bearer ${user.token}`);
    headers.append("authorization", `Bearer ${user.token}`);
    expect(headers.get("authorization")).toBe(`Bearer ${user.token}, Bearer ${user.token}`);
    await expectInvalidToken(await request(`/api/${user.id}/tasks`, { headers }));
  });
});

describe("the Authorization scheme", () => {
  // Covers 002 FR-019.
  it("is case-insensitive, as HTTP says", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`, { headers: { authorization: `bearer ${user.token}` } });
    expect(response.status).toBe(200);
  });
});
