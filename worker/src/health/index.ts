/** Liveness: answers without touching the database or the key source. */
import * as z from "zod/mini";
import type { AppEnv } from "../env.ts";
import { defineRoute, openApiRouter } from "../openapi/router.ts";

export const healthRoute = defineRoute({
  operationId: "getHealth",
  method: "get",
  path: "/health",
  summary: "Liveness check",
  description: "Answers 200 while the Worker runs; touches neither the database nor the key source.",
  tags: ["Meta"],
  responses: () => ({
    200: {
      description: "The Worker is up",
      content: {
        "application/json": { schema: z.object({ status: z.literal("ok") }).check(z.meta({ id: "Health" })) },
      },
    },
  }),
});

export const healthRouter = openApiRouter<AppEnv>().openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
