/**
 * A Worker that exists only for `npm run bench`: it runs the API's own auth
 * code inside workerd so its cost can be measured there, not in Node.
 *
 * On Cloudflare, Date.now() and performance.now() stand still while a request
 * computes (they move only at I/O: a Spectre mitigation), so the bench does
 * not rely on this Worker timing itself. It times requests from outside and
 * compares a route that runs a step K times with one that awaits K times.
 * Each loop still reports how far its own clock moved, as a cross-check: in
 * local development (wrangler dev) timers do run during computation, as
 * developers.cloudflare.com/workers/runtime-apis/performance says.
 */
import { Hono } from "hono";
import { type CryptoKey, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { requireUser } from "../../worker/src/auth/require-user.ts";
import { verifyAccessToken } from "../../worker/src/auth/verify-access-token.ts";
import { type AppEnv, configFor } from "../../worker/src/env.ts";
import { requestContext } from "../../worker/src/http/request-context.ts";
import { renderError } from "../../worker/src/problems/render.ts";

/** The reference algorithms for raw jose: ours (EdDSA) and the two common alternatives. */
const ALGORITHMS = ["EdDSA", "ES256", "RS256"] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const AUDIENCE = "https://bench.invalid";

interface Fixture {
  token: string;
  key: CryptoKey;
}

/** Keys cannot be made at module scope (no crypto randomness there), so once per isolate, on first use. */
let fixtures: Promise<Map<Algorithm, Fixture>> | undefined;

async function makeFixture(alg: Algorithm): Promise<Fixture> {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === "RS256" ? { modulusLength: 2048 } : {});
  // The same claims and lifetime as the site's tokens, so only the algorithm differs.
  const token = await new SignJWT({ email: "bench@example.test", name: "Bench" })
    .setProtectedHeader({ alg, kid: `bench-${alg}` })
    .setSubject("bench-user")
    .setIssuer(AUDIENCE)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("15m")
    .sign(privateKey);
  return { token, key: publicKey };
}

function loadFixtures(): Promise<Map<Algorithm, Fixture>> {
  fixtures ??= Promise.all(ALGORITHMS.map(async (alg) => [alg, await makeFixture(alg)] as const)).then(
    (entries) => new Map(entries),
  );
  return fixtures;
}

const MAX_ITERATIONS = 10_000;

const app = new Hono<AppEnv>();
// As app.ts: the configuration goes into c.var.config first, where requireUser reads it.
app.use(requestContext);

/** The baseline: the same Worker and Hono router, no authentication. */
app.get("/bare", (c) => c.text("ok"));

/** The API's real guard, exactly as app.ts mounts it, in front of a route that does nothing else. */
app.use("/api/:userId/*", requireUser);
app.get("/api/:userId/ping", (c) => c.text(`ok ${c.var.userId}`));

/**
 * K awaited verifications in one request. `impl`:
 * - none: K empty awaits (the loop's own cost, subtracted by the bench)
 * - require-user: the whole middleware on this request's context (header, verification, sub check; path has the user id)
 * - verify-access-token: the API's verifyAccessToken with the bearer token sent (shape checks, cached JWKS, policy)
 * - EdDSA | ES256 | RS256: bare jose jwtVerify with an imported CryptoKey
 */
app.get("/loop/:impl/:userId?", async (c) => {
  const impl = c.req.param("impl");
  const n = Math.min(Number(c.req.query("n") ?? "0"), MAX_ITERATIONS);
  let step: () => Promise<unknown>;
  if (impl === "none") {
    step = () => Promise.resolve();
  } else if (impl === "require-user") {
    const next = () => Promise.resolve();
    step = () => requireUser(c, next);
  } else if (impl === "verify-access-token") {
    const token = c.req.header("authorization")?.replace(/^Bearer /i, "") ?? "";
    const config = configFor(c.env);
    step = () => verifyAccessToken(token, config);
  } else if ((ALGORITHMS as readonly string[]).includes(impl)) {
    const alg = impl as Algorithm;
    const fixture = (await loadFixtures()).get(alg);
    if (!fixture) return c.text("no fixture", 500);
    step = () => jwtVerify(fixture.token, fixture.key, { algorithms: [alg], issuer: AUDIENCE, audience: AUDIENCE });
  } else {
    return c.text(`unknown impl ${impl}`, 404);
  }
  const clockStart = Date.now();
  const perfStart = performance.now();
  for (let i = 0; i < n; i++) await step();
  return c.json({ impl, n, clockMs: Date.now() - clockStart, perfMs: performance.now() - perfStart });
});

app.onError(renderError);

export default app;
