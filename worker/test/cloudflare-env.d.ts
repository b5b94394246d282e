// `env` from "cloudflare:workers" inside the tests: the bindings wrangler.jsonc declares
// (worker-configuration.d.ts is generated with --include-env=false, so it names none).
declare namespace Cloudflare {
  interface Env {
    /** wrangler.jsonc ratelimits; Miniflare simulates it with the configured limit and period. */
    API_RATE_LIMIT: RateLimit;
    /** wrangler.jsonc durable_objects.bindings: the per-user hub (live sockets). */
    USER_HUB: DurableObjectNamespace<import("../src/live/user-hub.ts").UserHub>;
    /** wrangler.jsonc assets: worker/assets, the OpenAPI document. */
    ASSETS: Fetcher;
    /** The run's VAPID key pair (vitest.config.ts generates one per run). */
    VAPID_PUBLIC_KEY: string;
    VAPID_PRIVATE_KEY: string;
  }
}
