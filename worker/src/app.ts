/**
 * The API Worker: global middleware, routers and the one error renderer.
 * Exports AppType so the site's `hono/client` is typed from these routes.
 */
import { Hono } from "hono";
import { except } from "hono/combine";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { requireUser } from "./auth/require-user.ts";
import type { AppEnv } from "./env.ts";
import { healthRouter } from "./health/index.ts";
import { limitBody } from "./http/body-limit.ts";
import { allowedMethods } from "./http/method-not-allowed.ts";
import { noStore } from "./http/no-store.ts";
import { rateLimitFields, rateLimitPerUser } from "./http/rate-limit.ts";
import { requestContext } from "./http/request-context.ts";
import { liveRouter } from "./live/index.ts";
import { mountOpenApi } from "./openapi/index.ts";
import { ProblemError } from "./problems/problem-error.ts";
import { renderError } from "./problems/render.ts";
import { pushSubscriptionsRouter } from "./push-subscriptions/index.ts";
import { VAPID_PUBLIC_KEY_PATH } from "./push-subscriptions/routes.ts";
import { tasksRouter } from "./tasks/index.ts";

const app = new Hono<AppEnv>();

app.use(requestContext);
app.use(secureHeaders({ crossOriginResourcePolicy: "cross-origin" }));
app.use(
  cors({
    origin: (origin, c) => (c.var.config.ALLOWED_ORIGINS.includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "If-Match", "Idempotency-Key"],
    exposeHeaders: [
      "ETag",
      "Location",
      "Link",
      "Retry-After",
      "Allow",
      "Idempotent-Replayed",
      "RateLimit",
      "RateLimit-Policy",
      "X-RateLimit-Limit",
    ],
    maxAge: 600,
    credentials: false,
  }),
);
// The VAPID public key is the one public route under /api/ (no user in its path).
app.use(
  "/api/:userId/*",
  except(VAPID_PUBLIC_KEY_PATH, noStore, rateLimitFields, requireUser, rateLimitPerUser, limitBody),
);

mountOpenApi(app);

const routes = app
  .route("/", healthRouter)
  .route("/", tasksRouter)
  .route("/", liveRouter)
  .route("/", pushSubscriptionsRouter);

app.notFound((c) => {
  const allow = allowedMethods(app, c.req.path);
  if (allow.length > 0) {
    throw new ProblemError("METHOD_NOT_ALLOWED", {
      detail: `${c.req.method} is not supported here; use ${allow.join(", ")}.`,
      headers: { allow: allow.join(", ") },
    });
  }
  throw new ProblemError("NOT_FOUND", { detail: "No such route." });
});
app.onError(renderError);

export type AppType = typeof routes;
export { app };
