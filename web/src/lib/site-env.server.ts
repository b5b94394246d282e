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
  /** How mail leaves: the local outbox (/dev/mail), Cloudflare's Email Service, or an HTTPS mail API. */
  MAIL_TRANSPORT: z.enum(["outbox", "cloudflare", "http"]).default("outbox"),
  /** The sender address for the cloudflare and http transports. */
  MAIL_FROM: z.string().default("Tasks <no-reply@localhost>"),
  /** The HTTPS mail API's endpoint (Resend's request shape). */
  MAIL_API_URL: z.url().default("https://api.resend.com/emails"),
  /** The HTTPS mail API's key (a secret). */
  MAIL_API_KEY: z.string().optional(),
  /** Refuse sign-in until the email is confirmed; on in production. */
  REQUIRE_EMAIL_VERIFICATION: z.stringbool().default(false),
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
