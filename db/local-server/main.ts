/**
 * Runs the local SQL-over-HTTP endpoint and applies migrations.
 *
 *   node db/local-server/main.ts   (npm run db:server)
 *
 * LOCAL_SQL_PORT     port to listen on (default 5480)
 * LOCAL_SQL_DATA     PGlite data folder (default .data/pglite; ":memory:" for none)
 * LOCAL_SQL_POSTGRES a postgres:// URL: serve a real PostgreSQL server instead of PGlite
 */
import { mkdirSync } from "node:fs";
import { LOCAL_DATABASE_URL, migrateDatabase } from "../migrate.ts";
import type { SqlBackend } from "./backend.ts";
import { createPgliteBackend } from "./pglite-backend.ts";
import { createPostgresBackend } from "./postgres-backend.ts";
import { startLocalSqlServer } from "./server.ts";

export const DEFAULT_PORT = 5480;

async function openBackend(): Promise<SqlBackend> {
  const postgresUrl = process.env.LOCAL_SQL_POSTGRES;
  if (postgresUrl) return createPostgresBackend(postgresUrl);
  const dataDir = process.env.LOCAL_SQL_DATA ?? ".data/pglite";
  if (dataDir === ":memory:") return createPgliteBackend();
  mkdirSync(dataDir, { recursive: true });
  return createPgliteBackend(dataDir);
}

const backend = await openBackend();
const server = await startLocalSqlServer(backend, { port: Number(process.env.LOCAL_SQL_PORT ?? DEFAULT_PORT) });
await migrateDatabase({ databaseUrl: LOCAL_DATABASE_URL, endpoint: server.url });
console.log(`Local SQL endpoint (${backend.name}) ready at ${server.url}`);

async function shutdown() {
  await server.close();
  await backend.close();
  process.exit(0);
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
