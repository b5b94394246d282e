/**
 * The one Better Auth configuration, as a factory so that the site (on
 * workerd) and the test harness (on Node) build exactly the same auth.
 * Tokens: EdDSA (Ed25519), 15 minutes, `iss` the site, `aud` the API,
 * payload trimmed to `sub`, `email` and `name`.
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { jwt } from "better-auth/plugins";
import { drizzle } from "drizzle-orm/neon-http";
import { authSchema } from "../../../db/schema/auth.ts";

export interface AuthSettings {
  /** The site's origin: Better Auth's baseURL and the tokens' `iss`. */
  siteOrigin: string;
  /** The API's origin: the tokens' `aud`. */
  apiAudience: string;
  /** BETTER_AUTH_SECRET: encrypts the signing keys at rest and signs cookies. */
  secret: string;
  databaseUrl: string;
  /** A local Neon-compatible endpoint; unset in production. */
  sqlEndpoint?: string | undefined;
  /** Further origins allowed to POST to /api/auth/* besides siteOrigin. */
  trustedOrigins?: string[] | undefined;
}

/** Access tokens live this long; the browser refreshes them shortly before. */
export const ACCESS_TOKEN_TTL = "15m";

export function createAuth(settings: AuthSettings) {
  if (settings.sqlEndpoint) neonConfig.fetchEndpoint = settings.sqlEndpoint;
  const db = drizzle({ client: neon(settings.databaseUrl) });

  return betterAuth({
    baseURL: settings.siteOrigin,
    secret: settings.secret,
    trustedOrigins: settings.trustedOrigins ?? [],
    // neon-http has no interactive transactions; the adapter's default (false) runs steps in order.
    database: drizzleAdapter(db, { provider: "pg", schema: authSchema, transaction: false }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    advanced: {
      // Keep origin/CSRF checks on even when NODE_ENV=test: the tests exercise them.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip", "x-forwarded-for"] },
    },
    plugins: [
      jwt({
        jwks: { keyPairConfig: { alg: "EdDSA", crv: "Ed25519" } },
        jwt: {
          issuer: settings.siteOrigin,
          audience: settings.apiAudience,
          expirationTime: ACCESS_TOKEN_TTL,
          definePayload: ({ user }) => ({ email: user.email, name: user.name }),
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
