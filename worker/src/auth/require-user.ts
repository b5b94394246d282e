/**
 * Guards `/api/:userId/*`: a valid bearer token is required (401 otherwise),
 * and the path's user id must be the token's `sub` (403 otherwise). Sets
 * `c.var.userId` and `c.var.db`, the database as that user sees it.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { isWebSocketUpgrade, tokenFromSubprotocols } from "../live/subprotocol.ts";
import { ProblemError } from "../problems/problem-error.ts";

/** RFC 9110 §11.1: the scheme name is case-insensitive; the token is one run of token68 characters. */
const BEARER = /^bearer ([^\s,]+)$/i;

function unauthenticated(code: "UNAUTHENTICATED" | "INVALID_TOKEN", cause?: unknown): ProblemError {
  // RFC 6750 §3: no error attribute when the request carried no credentials at all.
  const challenge = code === "INVALID_TOKEN" ? 'Bearer error="invalid_token"' : "Bearer";
  return new ProblemError(code, {
    detail:
      code === "INVALID_TOKEN" ? "The access token is invalid or expired." : "Send an access token as a Bearer token.",
    headers: { "www-authenticate": challenge },
    cause,
  });
}

/** A WebSocket upgrade's token, from Sec-WebSocket-Protocol (browsers cannot set Authorization there). */
function socketCredentials(request: Request): string | undefined {
  if (!isWebSocketUpgrade(request)) return undefined;
  const token = tokenFromSubprotocols(request.headers.get("sec-websocket-protocol") ?? undefined);
  return token === undefined ? undefined : `Bearer ${token}`;
}

export const requireUser = createMiddleware<AppEnv>(async function requireUser(c, next) {
  const header = c.req.header("authorization") ?? socketCredentials(c.req.raw);
  if (header === undefined) throw unauthenticated("UNAUTHENTICATED");
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthenticated("INVALID_TOKEN");

  // jose loads with the first token to verify, not at startup (issue 14); a request without one never needs it.
  const { InvalidTokenError, KeySourceError, verifyAccessToken } = await import("./verify-access-token.ts");
  let sub: string;
  let exp: number;
  try {
    ({ sub, exp } = await verifyAccessToken(token, c.var.config));
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      console.warn(`Refused access token: ${error.message}`);
      throw unauthenticated("INVALID_TOKEN", error);
    }
    if (error instanceof KeySourceError) {
      throw new ProblemError("AUTH_UNAVAILABLE", {
        detail: "Verification keys are unavailable; try again shortly.",
        headers: { "retry-after": "5" },
        cause: error,
      });
    }
    throw error;
  }

  if (c.req.param("userId") !== sub) {
    throw new ProblemError("FORBIDDEN", { detail: "The path's user id is not the signed-in user." });
  }
  c.set("userId", sub);
  c.set("tokenExpiresAt", exp * 1000);
  // The database is bound to the user as soon as there is one: no route can reach it unscoped.
  const { userDatabase } = await import("./user-database.ts");
  c.set("db", userDatabase(c, sub));
  await next();
});
