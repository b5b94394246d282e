/**
 * Declares a route's problem responses from the one codes table, so the
 * document, the typed client and the renderer agree on every status.
 */
import { codesWithStatus, type ProblemCode, type ProblemHeaders, problemCodes, problemDefinition } from "./codes.ts";
import { Problem } from "./problem-schema.ts";

/** A header's text: bounded, and shaped by a pattern, so generated clients and linters know its form. */
const text = (maxLength: number, pattern: string) => ({ type: "string" as const, maxLength, pattern });

const RATE_LIMIT_POLICY_PATTERN = '^"[a-z-]+";q=[0-9]+;w=[0-9]+$';

/** Every header a problem may carry, as the document declares it. */
const headerDocs: Record<keyof ProblemHeaders, { schema: object; description: string }> = {
  "Retry-After": {
    schema: { type: "integer", format: "int32", minimum: 0, maximum: 86_400 },
    description: "Seconds to wait before retrying",
  },
  "WWW-Authenticate": {
    schema: text(200, "^Bearer"),
    description: 'The Bearer challenge, e.g. Bearer error="invalid_token"',
  },
  Allow: { schema: text(100, "^[A-Z]+(, [A-Z]+)*$"), description: "The methods the route supports" },
  Upgrade: { schema: text(20, "^websocket$"), description: "The protocol to upgrade to: websocket" },
  ETag: { schema: text(100, '^"[0-9]+"$'), description: "The task's current version, for If-Match" },
  RateLimit: {
    schema: text(100, '^"[a-z-]+";r=[0-9]+;t=[0-9]+$'),
    description: 'What is left of the quota and when it resets, e.g. "per-user";r=0;t=60',
  },
  "RateLimit-Policy": {
    schema: text(100, RATE_LIMIT_POLICY_PATTERN),
    description: 'The quota and its window in seconds, e.g. "per-user";q=300;w=60 (also sent on every other answer)',
  },
};

/** On every answer to a browser whose Origin is allowed (ALLOWED_ORIGINS). */
export const corsHeader = {
  "Access-Control-Allow-Origin": {
    schema: { type: "string" as const, format: "uri", maxLength: 2048 },
    description: "The request's Origin, when it is one of the allowed browser origins",
  },
};

/** On every answer under /api/{userId}/, problems included (the limit is per user, per window). */
export const rateLimitFields = {
  "RateLimit-Policy": {
    schema: text(100, RATE_LIMIT_POLICY_PATTERN),
    description: 'The per-user quota and its window in seconds, e.g. "per-user";q=300;w=60',
  },
  "X-RateLimit-Limit": {
    schema: { type: "integer" as const, format: "int32", minimum: 1, maximum: 1_000_000 },
    description: "How many requests a user may make per window",
  },
};

/** The statuses a task route can answer with a problem. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

function responseFor(status: ProblemStatus) {
  const codes: ProblemCode[] = codesWithStatus(status);
  const headers: Record<string, { schema: object; description: string }> = {
    ...corsHeader,
    // A 429 declares RateLimit instead of X-RateLimit-Limit (it sends both): the OWASP rule wants exactly one of the two.
    ...(status < 500 && status !== 429 ? rateLimitFields : {}),
  };
  for (const code of codes) {
    const carried = problemDefinition(code).headers ?? {};
    for (const name of Object.keys(carried) as (keyof ProblemHeaders)[]) headers[name] = headerDocs[name];
  }
  return {
    description: codes.map((code) => `${code}: ${problemCodes[code].description}`).join(" "),
    headers,
    content: { "application/problem+json": { schema: Problem() } },
  };
}

/** `responses: { 200: …, ...problemResponses(401, 404) }` */
export function problemResponses<const S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((status) => [status, responseFor(status)])) as unknown as {
    [K in S]: { description: string; content: { "application/problem+json": { schema: ReturnType<typeof Problem> } } };
  };
}
