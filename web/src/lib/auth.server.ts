/** The site's Better Auth instance, built once per isolate from its configuration. */
import { waitUntil } from "cloudflare:workers";
import { type Auth, createAuth } from "./create-auth.server.ts";
import { siteMailer } from "./mail/site-mailer.server.ts";
import { siteEnv } from "./site-env.server.ts";

let instance: Auth | undefined;

export function auth(): Auth {
  if (!instance) {
    const env = siteEnv();
    instance = createAuth({
      siteOrigin: env.SITE_ORIGIN,
      apiAudience: env.API_ORIGIN,
      secret: env.BETTER_AUTH_SECRET,
      secrets: env.BETTER_AUTH_SECRETS,
      databaseUrl: env.DATABASE_URL,
      sqlEndpoint: env.NEON_HTTP_ENDPOINT,
      trustedOrigins: env.TRUSTED_ORIGINS,
      mailer: siteMailer(env),
      requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
      runInBackground: (task) => waitUntil(task),
      clientIpHeader: env.CLIENT_IP_HEADER,
    });
  }
  return instance;
}

export type SessionUser = Auth["$Infer"]["Session"]["user"];
