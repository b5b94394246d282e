/**
 * Request bodies are limited to 64 KB (413 problem, before any parsing).
 * The media type is checked by each route's validator (415), which knows what
 * the route declares and reads the body to tell "empty" from "absent".
 */
import { bodyLimit } from "hono/body-limit";
import { ProblemError } from "../problems/problem-error.ts";

export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ProblemError("PAYLOAD_TOO_LARGE", { detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
  },
});
