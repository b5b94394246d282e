/**
 * Applies pending drizzle migrations over Neon's HTTP driver, the same driver
 * the app uses: to Neon in production (DATABASE_URL), or to the local
 * endpoint when NEON_HTTP_ENDPOINT is set.
 *
 *   node db/migrate.ts            (npm run db:migrate)
 */
import { fileURLToPath } from "node:url";
import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { migrate } from "drizzle-orm/neon-http/migrator";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** A connection string any local endpoint accepts; the endpoint ignores it. */
export const LOCAL_DATABASE_URL = "postgresql://local:local@localhost/todo";

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
  if (!databaseUrl && !endpoint) {
    console.error("Set DATABASE_URL (Neon), or NEON_HTTP_ENDPOINT for a local SQL endpoint.");
    process.exit(1);
  }
  await migrateDatabase({ databaseUrl: databaseUrl ?? LOCAL_DATABASE_URL, endpoint });
  console.log("Migrations applied.");
}
