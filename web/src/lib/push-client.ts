/**
 * The API's push routes for the notifications button (004 FR-025): the VAPID
 * public key (no token needed) and saving a browser's push subscription.
 * Through the typed client, and failing with the one `ApiProblem`, as the
 * tasks client does.
 */
import type { InferRequestType } from "hono/client";
import type { ApiClient } from "#api/client";
import { createApi } from "./api.ts";
import { succeeded } from "./tasks-client.ts";

type SubscriptionBody = InferRequestType<ApiClient["api"][":userId"]["push-subscriptions"]["$post"]>["json"];

export function createPushClient(apiOrigin: string, userId: string) {
  const api = createApi(apiOrigin).api;
  return {
    async vapidPublicKey(): Promise<string> {
      const response = await succeeded(api.push["vapid-public-key"].$get());
      return (await response.json()).publicKey;
    },
    /** The browser's `PushSubscription.toJSON()`; the API checks its fields (004 FR-023). */
    async saveSubscription(subscription: PushSubscriptionJSON): Promise<void> {
      const json = subscription as SubscriptionBody;
      await succeeded(api[":userId"]["push-subscriptions"].$post({ param: { userId }, json }));
    },
  };
}
