/**
 * Push subscriptions (issue 15): browsers where a user turned reminders on.
 * Postgres holds them; the user's hub reads them when a reminder is due
 * (ADR 0014), so a change here needs nothing more.
 */
import { MAX_PUSH_SUBSCRIPTIONS_PER_USER } from "../../../db/schema/values.ts";
import type { AppEnv, Config } from "../env.ts";
import { openApiRouter } from "../openapi/router.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { validationProblem } from "../problems/validation-hook.ts";
import { endpointPolicy } from "../push/endpoint-policy.ts";
import { withEndpointPolicy } from "../push/schemas.ts";
import {
  createSubscriptionRoute,
  deleteSubscriptionRoute,
  VAPID_KEY_MAX_AGE_SECONDS,
  vapidPublicKeyRoute,
} from "./routes.ts";

/** The queries, drizzle and the table, loaded by the first request that needs them (see tasks/data.ts). */
const queries = () => import("./queries.ts");

/** The body schema with this deployment's allow-list, built once per configuration. */
const policies = new WeakMap<Config, ReturnType<typeof withEndpointPolicy>>();
function bodyWithPolicy(config: Config) {
  let schema = policies.get(config);
  if (!schema) {
    const check = endpointPolicy({
      ...(config.PUSH_SERVICE_HOSTS ? { hosts: config.PUSH_SERVICE_HOSTS } : {}),
      allowLoopback: config.PUSH_ALLOW_LOOPBACK === "on",
    });
    schema = withEndpointPolicy(check);
    policies.set(config, schema);
  }
  return schema;
}

/** The cap trigger of the push_subscriptions migration, raised as a check violation. */
function isCapViolation(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    if ((current as { constraint?: unknown }).constraint === "push_subscriptions_per_user_limit") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const pushSubscriptionsRouter = openApiRouter<AppEnv>()
  .openapi(vapidPublicKeyRoute, (c) => {
    const publicKey = c.var.config.VAPID_PUBLIC_KEY;
    if (!publicKey) {
      throw new ProblemError("PUSH_UNAVAILABLE", { detail: "This deployment has no VAPID key pair configured." });
    }
    c.header("cache-control", `public, max-age=${VAPID_KEY_MAX_AGE_SECONDS}`);
    return c.json({ publicKey }, 200);
  })
  .openapi(createSubscriptionRoute, async (c) => {
    // Synchronous, as the router's validators (see openapi/router.ts).
    const checked = bodyWithPolicy(c.var.config).safeParse(c.req.valid("json"));
    if (!checked.success) throw validationProblem("json", checked.error);
    const input = checked.data;
    const { upsertSubscription } = await queries();
    let id: string;
    try {
      id = await upsertSubscription(c.var.db, c.var.userId, input);
    } catch (error) {
      if (!isCapViolation(error)) throw error;
      throw new ProblemError("PUSH_SUBSCRIPTION_LIMIT_REACHED", {
        detail: `At most ${MAX_PUSH_SUBSCRIPTIONS_PER_USER} browsers per user receive reminders; delete one to add another.`,
        cause: error,
      });
    }
    return c.json({ id }, 201);
  })
  .openapi(deleteSubscriptionRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { deleteSubscription } = await queries();
    if (!(await deleteSubscription(c.var.db, c.var.userId, id))) {
      throw new ProblemError("PUSH_SUBSCRIPTION_NOT_FOUND", { detail: `No push subscription ${id} for you.` });
    }
    return c.body(null, 204);
  });
