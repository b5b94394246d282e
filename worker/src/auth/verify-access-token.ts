/**
 * Stateless verification of the site's EdDSA access tokens with jose.
 * jose's defaults are not a policy (see STYLE.md's traps), so every rule is
 * spelled out here and each has a test in *.attacks.test.ts.
 */
import {
  base64url,
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  type FetchImplementation,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import type { Config } from "../env.ts";

/** Tokens larger than this are refused before any parsing: ours are ~400 bytes. */
export const MAX_TOKEN_BYTES = 4096;
/** Allowed clock skew between the site and the API. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** Our tokens live 15 minutes; an older `iat` means someone made their own. */
const MAX_TOKEN_AGE = "15m";
/** A kid missing from the cached key set re-fetches it at most this often, so rotations show up without a fetch per forged kid. */
export const JWKS_COOLDOWN_MS = 30_000;
/**
 * Cached keys are re-fetched once this old, so a withdrawn key stops working.
 * jose's default, written down: if that fetch fails, requests get 503 (fail closed).
 */
export const JWKS_MAX_AGE_MS = 10 * 60_000;
/** A key source slower than this counts as down. */
const JWKS_TIMEOUT_MS = 3_000;

const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** Header members that would let a token choose its own key; jose ignores them, we refuse them. */
const FORBIDDEN_HEADERS = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"];

export interface AccessClaims {
  sub: string;
  /** When the token expires, in seconds since the epoch. */
  exp: number;
  email?: string;
  name?: string;
}

/** Why a token was refused: logged, never sent to the client. */
export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
}

/** The key source could not be reached or returned garbage: a 503, not the token's fault. */
export class KeySourceError extends Error {
  override name = "KeySourceError";
}

/** Key sets at module scope, one per source, so keys are cached for the isolate's lifetime. */
const keySets = new Map<string, JWTVerifyGetKey>();
/**
 * The site's service binding per cached key set. It is looked up at fetch time, not captured
 * when the set is made, so caching never depends on the binding object staying the same.
 */
const siteBindings = new Map<string, Fetcher>();

function remoteKeySet(url: string, fetchVia?: FetchImplementation): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    cooldownDuration: JWKS_COOLDOWN_MS,
    cacheMaxAge: JWKS_MAX_AGE_MS,
    timeoutDuration: JWKS_TIMEOUT_MS,
    ...(fetchVia ? { [customFetch]: fetchVia } : {}),
  });
}

/**
 * Where keys come from, first match wins: the inline AUTH_JWKS; AUTH_JWKS_URL fetched through
 * the site's service binding (AUTH_SITE); AUTH_JWKS_URL fetched over the Internet.
 */
function keySetFor(config: Config): JWTVerifyGetKey {
  if (config.AUTH_JWKS) {
    const cacheKey = `inline:${JSON.stringify(config.AUTH_JWKS)}`;
    let keySet = keySets.get(cacheKey);
    if (!keySet) {
      keySet = createLocalJWKSet(config.AUTH_JWKS as Parameters<typeof createLocalJWKSet>[0]);
      keySets.set(cacheKey, keySet);
    }
    return keySet;
  }
  const site = config.AUTH_SITE;
  const cacheKey = `${site ? "site" : "remote"}:${config.AUTH_JWKS_URL}`;
  if (site) siteBindings.set(cacheKey, site);
  let keySet = keySets.get(cacheKey);
  if (!keySet) {
    keySet = site
      ? remoteKeySet(config.AUTH_JWKS_URL, (url, init) => (siteBindings.get(cacheKey) ?? site).fetch(url, init))
      : remoteKeySet(config.AUTH_JWKS_URL);
    keySets.set(cacheKey, keySet);
  }
  return keySet;
}

/** Base64url exactly as RFC 7515 writes it: no padding, no whitespace, no stray trailing bits. */
function isCanonicalSegment(segment: string): boolean {
  if (!SEGMENT.test(segment)) return false;
  try {
    return base64url.encode(base64url.decode(segment)) === segment;
  } catch {
    return false;
  }
}

function checkShape(token: string): void {
  if (token.length > MAX_TOKEN_BYTES) throw new InvalidTokenError("token too large");
  const segments = token.split(".");
  if (segments.length !== 3) throw new InvalidTokenError("token is not three segments");
  if (!segments.every(isCanonicalSegment)) throw new InvalidTokenError("token is not canonical base64url");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new InvalidTokenError("header is not a JSON object", { cause: error });
  }
  if (header.alg !== "EdDSA") throw new InvalidTokenError(`alg ${String(header.alg)} not allowed`);
  if (typeof header.kid !== "string" || header.kid === "") throw new InvalidTokenError("kid missing");
  const embedded = FORBIDDEN_HEADERS.find((name) => name in header);
  if (embedded) throw new InvalidTokenError(`header ${embedded} not allowed`);
}

/** jose codes that mean the token itself is bad; anything else is the key source failing. */
const TOKEN_FAULTS = new Set([
  "ERR_JWT_CLAIM_VALIDATION_FAILED",
  "ERR_JWT_EXPIRED",
  "ERR_JWT_INVALID",
  "ERR_JWS_INVALID",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  "ERR_JOSE_ALG_NOT_ALLOWED",
  "ERR_JOSE_NOT_SUPPORTED",
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
]);

/**
 * Verifies `token` against the configured keys and policy.
 * @throws InvalidTokenError for any token fault; KeySourceError when keys cannot be had.
 */
export async function verifyAccessToken(token: string, config: Config): Promise<AccessClaims> {
  checkShape(token);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySetFor(config), {
      algorithms: ["EdDSA"],
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE,
    }));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && TOKEN_FAULTS.has(code)) {
      // jose names the claim at fault (exp, aud, …); the log says which, the client never does.
      const claim = (error as { claim?: unknown }).claim;
      throw new InvalidTokenError(typeof claim === "string" ? `${code} (${claim})` : code, { cause: error });
    }
    throw new KeySourceError("could not obtain verification keys", { cause: error });
  }
  if (typeof payload.sub !== "string" || payload.sub === "") throw new InvalidTokenError("sub is not a string");
  // jwtVerify has checked that exp is a number in the future (a required claim).
  const claims: AccessClaims = { sub: payload.sub, exp: payload.exp as number };
  if (typeof payload.email === "string") claims.email = payload.email;
  if (typeof payload.name === "string") claims.name = payload.name;
  return claims;
}
