/**
 * The site's configuration, parsed once per isolate from the Worker's env
 * (wrangler vars, and secrets from web/.dev.vars or `wrangler secret put`).
 */
import { env } from "cloudflare:workers";
import { z } from "zod";
import { type SiteEnv, siteEnvSchema } from "./site-env-schema.ts";

export type { SiteEnv };

const mailSettings = siteEnvSchema.superRefine((value, ctx) => {
  if (value.MAIL_TRANSPORT === "http" && !value.MAIL_API_KEY) {
    ctx.addIssue({ code: "custom", path: ["MAIL_API_KEY"], message: "MAIL_TRANSPORT=http needs MAIL_API_KEY" });
  }
});

let parsed: SiteEnv | undefined;

export function siteEnv(): SiteEnv {
  if (!parsed) {
    const result = mailSettings.safeParse(env);
    if (!result.success) throw new Error(`Invalid site configuration: ${z.prettifyError(result.error)}`);
    parsed = result.data;
  }
  return parsed;
}
