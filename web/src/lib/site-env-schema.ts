/**
 * The site's configuration schema, apart from the Worker's env so that tests
 * in Node can check it. Parsed once per isolate by siteEnv().
 */
import { z } from "zod";

/**
 * The value web/.dev.vars.example ships with. It is long enough to pass the
 * length check, so it is refused by name: a copied example must not become a
 * real secret.
 */
export const EXAMPLE_SECRET = "replace-with-at-least-32-random-characters";

const secretText = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .refine((value) => value !== EXAMPLE_SECRET, `${name} is the example's placeholder: generate a secret`);

export const siteEnvSchema = z.object({
  /** This site's origin: Better Auth's baseURL and the tokens' issuer. */
  SITE_ORIGIN: z.url().default("http://localhost:4321"),
  /** The API's origin: the tokens' audience, and where the browser sends API calls. */
  API_ORIGIN: z.url().default("http://localhost:8787"),
  /** Signs cookies and encrypts the signing keys at rest. */
  BETTER_AUTH_SECRET: secretText("BETTER_AUTH_SECRET"),
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
        .array(z.object({ version: z.int().nonnegative(), value: secretText("each BETTER_AUTH_SECRETS secret") }), {
          error: 'BETTER_AUTH_SECRETS must be "version:secret" entries, secrets of 32+ characters',
        })
        .min(1)
        .optional(),
    ),
  /**
   * The header that carries the client's address, for per-IP rate limits: "cf-connecting-ip" in
   * production, where Cloudflare sets it. Unset locally, where any client can send that header.
   */
  CLIENT_IP_HEADER: z
    .string()
    .optional()
    .transform((name) => name?.trim().toLowerCase() || undefined),
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
