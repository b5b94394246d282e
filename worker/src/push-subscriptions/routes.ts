/** OpenAPI definitions of the push subscription routes and the VAPID public key; handlers in ./index.ts. */
import { defineRoute } from "../openapi/router.ts";
import { problemResponses } from "../problems/openapi.ts";
import { PushSubscriptionBody } from "../push/schemas.ts";
import { everyRouteProblems, rateLimitPolicy, security } from "../tasks/routes.ts";
import { TaskParams } from "../tasks/schemas.ts";
import { CreatedSubscription, SubscriptionIdParams, VapidPublicKey } from "./schemas.ts";

const tags = ["Reminders"];

/** Public, outside /api/{userId}/: the site reads it before a user is known to the API. */
export const VAPID_PUBLIC_KEY_PATH = "/api/push/vapid-public-key";
/** The key changes only when an operator rotates it; browsers and CDNs may keep it an hour. */
export const VAPID_KEY_MAX_AGE_SECONDS = 3600;

export const createSubscriptionRoute = defineRoute({
  operationId: "createPushSubscription",
  method: "post",
  path: "/api/{userId}/push-subscriptions",
  summary: "Send reminders to a browser: store its PushSubscription",
  description:
    "The body is the browser's PushSubscription.toJSON(). The endpoint must be a known push service over https (in development also loopback); anything else is a 422 at #/endpoint. Subscribing the same endpoint again updates its keys and answers the same id. At most 20 per user.",
  tags,
  security,
  request: () => ({
    params: TaskParams(),
    body: { required: true, content: { "application/json": { schema: PushSubscriptionBody() } } },
  }),
  responses: () => ({
    201: {
      description: "Stored (or updated); reminders now go to this browser",
      headers: rateLimitPolicy,
      content: { "application/json": { schema: CreatedSubscription() } },
    },
    ...problemResponses(400, 409, 413, 415, ...everyRouteProblems),
  }),
});

export const deleteSubscriptionRoute = defineRoute({
  operationId: "deletePushSubscription",
  method: "delete",
  path: "/api/{userId}/push-subscriptions/{id}",
  summary: "Stop sending reminders to a browser",
  description: "Deletes the subscription here and in the user's hub; another user's id is a 404.",
  tags,
  security,
  request: () => ({ params: SubscriptionIdParams() }),
  responses: () => ({
    204: { description: "Deleted", headers: rateLimitPolicy },
    ...problemResponses(404, ...everyRouteProblems),
  }),
});

export const vapidPublicKeyRoute = defineRoute({
  operationId: "getVapidPublicKey",
  method: "get",
  path: VAPID_PUBLIC_KEY_PATH,
  summary: "The VAPID public key browsers subscribe with",
  description:
    "No token needed. Pass it to pushManager.subscribe as applicationServerKey. Cacheable for an hour; 503 when the deployment has no VAPID key pair.",
  tags,
  responses: () => ({
    200: {
      description: "The key (Cache-Control: public, max-age=3600)",
      content: { "application/json": { schema: VapidPublicKey() } },
    },
    ...problemResponses(500, 503),
  }),
});
