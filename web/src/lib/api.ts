/**
 * The browser's API client: the Worker's typed client (`#api/client`) with the
 * person's bearer token, and the tasks API bound to them.
 */
import { createApiClient } from "#api/client";
import { accessToken } from "./access-token.ts";
import { createTasksClient } from "./tasks-client.ts";

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
  return createApiClient(apiOrigin, { fetch: authorizedFetch });
}

export type Api = ReturnType<typeof createApi>;

/** The tasks API for `userId`, from the browser. */
export function browserTasksClient(apiOrigin: string, userId: string) {
  return createTasksClient(createApi(apiOrigin), userId);
}
