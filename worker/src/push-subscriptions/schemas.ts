/** Shapes of the push subscription routes (issue 15, specs/001-tasks-api and 004). */
import * as z from "zod";
import { TaskParams } from "../tasks/schemas.ts";

export const SubscriptionIdParams = TaskParams.extend({
  id: z.uuid("Must be a push subscription id (UUID)").meta({
    maxLength: 36,
    param: { name: "id", in: "path" },
    example: "3c9a8e1f-2b47-4d0a-8f6e-51c2d7b9a0e4",
  }),
});

export const CreatedSubscription = z
  .object({
    id: z.uuid().meta({ maxLength: 36 }).describe("The subscription's id, for DELETE …/push-subscriptions/{id}"),
  })
  .meta({ id: "PushSubscriptionCreated" });

export const VapidPublicKey = z
  .object({
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/)
      .meta({ maxLength: 87 })
      .describe("The VAPID public key (base64url P-256 point): the site's applicationServerKey"),
  })
  .meta({ id: "VapidPublicKey" });
