/**
 * The typed API client. Types come from the Worker's routes (AppType), so
 * nothing here restates a request or response shape.
 */
import { hc } from "hono/client";
import type { AppType } from "../../../worker/src/app.ts";
import { accessToken } from "./access-token.ts";

/** fetch with the bearer token; one retry with a fresh token after a 401. */
const authorizedFetch: typeof fetch = async (input, init) => {
  const send = async (fresh: boolean) => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${await accessToken({ fresh })}`);
    return fetch(input, { ...init, headers });
  };
  const response = await send(false);
  return response.status === 401 ? send(true) : response;
};

export function createApi(apiOrigin: string) {
  return hc<AppType>(apiOrigin, { fetch: authorizedFetch });
}

export type Api = ReturnType<typeof createApi>;
