/**
 * The site's configuration, parsed once per isolate from the Worker's env
 * (wrangler vars, and secrets from web/.dev.vars or `wrangler secret put`).
 */
import { env } from "cloudflare:workers";
import { z } from "zod";

const siteEnvSchema = z.object({
  /** This site's origin: Better Auth's baseURL and the tokens' issuer. */
  SITE_ORIGIN: z.url().default("http://localhost:4321"),
  /** The API's origin: the tokens' audience, and where the browser sends API calls. */
  API_ORIGIN: z.url().default("http://localhost:8787"),
  /** Signs cookies and encrypts the signing keys at rest. */
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters"),
  /** Optional versioned secrets for rotation: "2:new-secret,1:old-secret", newest first. */
  BETTER_AUTH_SECRETS: z
    .string()
    .optional()
    .transform((list) =>
      list
        ?.split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const colon = entry.indexOf(":");
          return { version: Number(entry.slice(0, colon)), value: entry.slice(colon + 1) };
        }),
    )
    .pipe(
      z
        .array(z.object({ version: z.int().nonnegative(), value: z.string().min(32) }), {
          error: 'BETTER_AUTH_SECRETS must be "version:secret" entries, secrets of 32+ characters',
        })
        .min(1)
        .optional(),
    ),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
  /** A local Neon-compatible SQL endpoint; unset in production. */
  NEON_HTTP_ENDPOINT: z.url().optional(),
  /** Extra origins allowed to call /api/auth/* (comma-separated). */
  TRUSTED_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});

export type SiteEnv = z.infer<typeof siteEnvSchema>;

let parsed: SiteEnv | undefined;

export function siteEnv(): SiteEnv {
  if (!parsed) {
    const result = siteEnvSchema.safeParse(env);
    if (!result.success) throw new Error(`Invalid site configuration: ${z.prettifyError(result.error)}`);
    parsed = result.data;
  }
  return parsed;
}
