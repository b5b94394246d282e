/**
 * Write routes accept JSON only, and at most 64 KB of it: 415 and 413
 * problems before any parsing, so a client never meets a 500 for its body.
 */
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ProblemError("PAYLOAD_TOO_LARGE", { detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
  },
});

export const jsonBody = createMiddleware<AppEnv>(async function jsonBody(c, next) {
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  const type = c.req.header("content-type");
  const hasBody =
    type !== undefined ||
    c.req.header("content-length") !== undefined ||
    c.req.header("transfer-encoding") !== undefined;
  if (hasBody && !JSON_TYPE.test(type ?? "")) {
    throw new ProblemError("UNSUPPORTED_MEDIA_TYPE", { detail: "Send the request body as application/json." });
  }
  return limit(c, next);
});
