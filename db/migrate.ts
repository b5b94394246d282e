/**
 * Applies pending drizzle migrations over Neon's HTTP driver, the same driver
 * the app uses: to Neon in production (DATABASE_URL), or to the local
 * endpoint when NEON_HTTP_ENDPOINT is set (DATABASE_URL is then the connection
 * string `npm run db:server` prints, with that run's password).
 *
 *   node db/migrate.ts            (npm run db:migrate)
 */
import { fileURLToPath } from "node:url";
import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { migrate } from "drizzle-orm/neon-http/migrator";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export async function migrateDatabase({
  databaseUrl,
  endpoint,
}: {
  databaseUrl: string;
  endpoint?: string | undefined;
}) {
  if (endpoint) neonConfig.fetchEndpoint = endpoint;
  await migrate(drizzle({ client: neon(databaseUrl) }), { migrationsFolder });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL;
  const endpoint = process.env.NEON_HTTP_ENDPOINT;
  if (!databaseUrl) {
    console.error(
      "Set DATABASE_URL: Neon's connection string, or the local endpoint's (printed by npm run db:server) with NEON_HTTP_ENDPOINT.",
    );
    process.exit(1);
  }
  await migrateDatabase({ databaseUrl, endpoint });
  console.log("Migrations applied.");
}
