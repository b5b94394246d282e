/**
 * Every token here but the first is refused. Forged tokens are signed with
 * keys made in the test; the real ones come from Better Auth.
 */
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { API_AUDIENCE, bearer, request, signUpUser, type TestUser } from "../../test/harness.ts";

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

async function expectInvalidToken(user: TestUser, token: string) {
  const response = await request(`/api/${user.id}/tasks`, bearer({ ...user, token }));
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  expect(response.headers.get("content-type")).toBe("application/problem+json");
}

describe("access tokens", () => {
  it("accepts a token Better Auth issued", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`, bearer(user));
    expect(response.status).toBe(200);
  });

  it("answers 401 with a Bearer challenge when no token is sent", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("answers 403 when the path's user id is not the token's subject", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const response = await request(`/api/${bob.id}/tasks`, bearer(alice));
    expect(response.status).toBe(403);
  });

  it("refuses a token signed by another key under the real kid", async () => {
    const user = await signUpUser();
    await expectInvalidToken(user, await forged(user));
  });

  it("refuses a tampered payload", async () => {
    const user = await signUpUser();
    const other = await signUpUser();
    const [header, , signature] = user.token.split(".");
    const payload = base64url.encode(JSON.stringify({ sub: other.id, iss: inject("authOrigin"), aud: API_AUDIENCE }));
    await expectInvalidToken(other, `${header}.${payload}.${signature}`);
  });

  it("refuses alg none in any spelling", async () => {
    const user = await signUpUser();
    const [, payload] = user.token.split(".");
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      const header = base64url.encode(JSON.stringify({ alg, typ: "JWT" }));
      await expectInvalidToken(user, `${header}.${payload}.`);
      await expectInvalidToken(user, `${header}.${payload}.${base64url.encode("x")}`);
    }
  });

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
    await expectInvalidToken(user, token);
  });

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
    await expectInvalidToken(user, token);
  });

  it("refuses a token with a stripped signature", async () => {
    const user = await signUpUser();
    const [header, payload] = user.token.split(".");
    await expectInvalidToken(user, `${header}.${payload}.`);
  });

  it("refuses a token that is not three segments, or too large", async () => {
    const user = await signUpUser();
    await expectInvalidToken(user, user.token.split(".").slice(0, 2).join("."));
    await expectInvalidToken(user, `${user.token}.${user.token.split(".")[2]}`);
    await expectInvalidToken(user, `${user.token}${"A".repeat(5000)}`);
  });

  it("refuses padded or otherwise non-canonical base64url", async () => {
    const user = await signUpUser();
    const [header, payload, signature] = user.token.split(".");
    await expectInvalidToken(user, `${header}=.${payload}.${signature}`);
    await expectInvalidToken(user, `${header}.${payload}.${signature}==`);
  });
});
