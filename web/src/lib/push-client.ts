/**
 * The API's push routes for the notifications button (004 FR-025): the VAPID
 * public key (no token needed) and saving a browser's push subscription.
 * Through the typed client, and failing with the one `ApiProblem`, as the
 * tasks client does.
 */
import type { InferRequestType } from "hono/client";
import type { ApiClient } from "#api/client";
import { createApi } from "./api.ts";
import { ApiProblem } from "./tasks-client.ts";

type SubscriptionBody = InferRequestType<ApiClient["api"][":userId"]["push-subscriptions"]["$post"]>["json"];

async function answered<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  sending: Promise<R>,
): Promise<Extract<R, { ok: true }>> {
  let response: R;
  try {
    response = await sending;
  } catch (reason) {
    throw ApiProblem.unanswered(reason);
  }
  if (!response.ok) throw ApiProblem.answered(response.status, await response.json().catch(() => null));
  return response as Extract<R, { ok: true }>;
}

export function createPushClient(apiOrigin: string, userId: string) {
  const api = createApi(apiOrigin).api;
  return {
    async vapidPublicKey(): Promise<string> {
      const response = await answered(api.push["vapid-public-key"].$get());
      return (await response.json()).publicKey;
    },
    /** The browser's `PushSubscription.toJSON()`; the API checks its fields (004 FR-023). */
    async saveSubscription(subscription: PushSubscriptionJSON): Promise<void> {
      const json = subscription as SubscriptionBody;
      await answered(api[":userId"]["push-subscriptions"].$post({ param: { userId }, json }));
    },
  };
}
