/**
 * The dashboard's server-side data path (issue 13): one access token per
 * render, minted without a database read (the session comes from the signed
 * cookie cache, the signing key from the isolate), and one API call for the
 * first page. In production the call goes to the API Worker through the
 * service binding `API` (web/wrangler.jsonc, ADR 0008), so it never leaves
 * Cloudflare; without the binding (`npm run dev`, `npm run preview`) it goes
 * to API_ORIGIN over HTTP.
 */
import { env } from "cloudflare:workers";
import { createApiClient } from "#api/client";
import { auth } from "./auth.server.ts";
import { siteEnv } from "./site-env.server.ts";
import { createTasksClient } from "./tasks-client.ts";

/** A service binding's shape, as far as this module uses it. */
interface ApiBinding {
  fetch: typeof fetch;
}

/** The API Worker, where the production config binds it. */
function apiBinding(): ApiBinding | undefined {
  const binding = (env as { API?: Partial<ApiBinding> }).API;
  return typeof binding?.fetch === "function" ? (binding as ApiBinding) : undefined;
}

/**
 * The tasks client for the person making `request` (user `userId`), with a token
 * minted once for this render. The token stays on the server (spec 002 FR-017).
 */
export async function serverTasks(request: Request, userId: string) {
  const { token } = await auth().api.getToken({ headers: request.headers });
  const binding = apiBinding();
  const api = createApiClient(siteEnv().API_ORIGIN, {
    headers: { authorization: `Bearer ${token}` },
    ...(binding ? { fetch: ((input, init) => binding.fetch(input, init)) satisfies typeof fetch } : {}),
  });
  return createTasksClient(api, userId);
}
