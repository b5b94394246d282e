/**
 * A browser's `PushSubscription.toJSON()` as `POST …/push-subscriptions`
 * takes it. The shape is checked statically; whether the endpoint is a push
 * service the API may call depends on the environment, so the route builds
 * its body schema with `withEndpointPolicy` once per isolate.
 */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { fromBase64Url } from "./base64url.ts";
import { type EndpointCheck, MAX_ENDPOINT_LENGTH } from "./endpoint-policy.ts";

/** base64url text of exactly `length` bytes, optionally starting with `first` (0x04: an uncompressed point). */
const base64urlBytes = (length: number, message: string, first?: number) =>
  z.string().check(
    z.maxLength(128, { message, abort: true }),
    z.refine((value) => {
      const bytes = fromBase64Url(value);
      return bytes?.length === length && (first === undefined || bytes[0] === first);
    }, message),
  );

export const PushSubscriptionKeys = lazy(() =>
  z.strictObject({
    p256dh: base64urlBytes(65, "Must be a base64url uncompressed P-256 public key (65 bytes)", 4),
    auth: base64urlBytes(16, "Must be a base64url authentication secret (16 bytes)"),
  }),
);

export const PushSubscriptionBody = lazy(() =>
  z.strictObject({
    endpoint: z
      .string()
      .check(
        z.maxLength(MAX_ENDPOINT_LENGTH, { abort: true }),
        z.describe("The push service URL the browser was given"),
      ),
    /** Browsers send it (mostly null); it is accepted and not stored. */
    expirationTime: z.optional(z.nullable(z.number().check(z.nonnegative()))),
    keys: PushSubscriptionKeys(),
  }),
);

export type PushSubscriptionInput = z.output<ReturnType<typeof PushSubscriptionBody>>;

/** The body schema with the endpoint checked against the allow-list: a refusal is a 422 at `endpoint`. */
export function withEndpointPolicy(check: (endpoint: string) => EndpointCheck) {
  return PushSubscriptionBody().check(
    z.superRefine((value, ctx) => {
      // zod still runs this when a field failed a refinement; the endpoint is re-checked before use.
      if (typeof value.endpoint !== "string" || value.endpoint.length > MAX_ENDPOINT_LENGTH) return;
      const result = check(value.endpoint);
      if (!result.ok) ctx.addIssue({ code: "custom", path: ["endpoint"], message: result.reason });
    }),
  );
}
