/** Shapes of the push subscription routes (issue 15, specs/001-tasks-api and 004). */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { userThingParams } from "../tasks/schemas.ts";

export const SubscriptionIdParams = lazy(() =>
  userThingParams("Must be a push subscription id (UUID)", "3c9a8e1f-2b47-4d0a-8f6e-51c2d7b9a0e4"),
);

export const CreatedSubscription = lazy(() =>
  z
    .object({
      id: z
        .uuid()
        .check(z.meta({ maxLength: 36 }), z.describe("The subscription's id, for DELETE …/push-subscriptions/{id}")),
    })
    .check(z.meta({ id: "PushSubscriptionCreated" })),
);

export const VapidPublicKey = lazy(() =>
  z
    .object({
      publicKey: z
        .string()
        .check(
          z.regex(/^[A-Za-z0-9_-]{87}$/),
          z.meta({ maxLength: 87 }),
          z.describe("The VAPID public key (base64url P-256 point): the site's applicationServerKey"),
        ),
    })
    .check(z.meta({ id: "VapidPublicKey" })),
);
