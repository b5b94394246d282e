/** Liveness: answers without touching the database or the key source. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness check",
  tags: ["Meta"],
  responses: {
    200: {
      description: "The Worker is up",
      content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } },
    },
  },
});

export const healthRouter = new OpenAPIHono<AppEnv>().openapi(healthRoute, (c) =>
  c.json({ status: "ok" as const }, 200),
);
