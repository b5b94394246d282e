/**
 * Runs the local SQL-over-HTTP endpoint and applies migrations.
 *
 *   node db/local-server/main.ts   (npm run db:server)
 *
 * LOCAL_SQL_PORT     port to listen on (default 5480)
 * LOCAL_SQL_DATA     PGlite data folder (default .data/pglite; ":memory:" for none)
 * LOCAL_SQL_POSTGRES a postgres:// URL: serve a real PostgreSQL server instead of PGlite
 * LOCAL_SQL_PASSWORD the password connection strings must carry (default: a new random one,
 *                    printed in the connection string on start); `npm run dev` sets it per run
 */
import { mkdirSync } from "node:fs";
import { migrateDatabase } from "../migrate.ts";
import type { SqlBackend } from "./backend.ts";
import { createPgliteBackend } from "./pglite-backend.ts";
import { createPostgresBackend } from "./postgres-backend.ts";
import { newSqlPassword, startLocalSqlServer } from "./server.ts";

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
const passwordGiven = Boolean(process.env.LOCAL_SQL_PASSWORD);
const server = await startLocalSqlServer(backend, {
  port: Number(process.env.LOCAL_SQL_PORT ?? DEFAULT_PORT),
  password: process.env.LOCAL_SQL_PASSWORD || newSqlPassword(),
});
await migrateDatabase({ databaseUrl: server.connectionString, endpoint: server.url });
console.log(`Local SQL endpoint (${backend.name}) ready at ${server.url}`);
// Whoever set the password knows the connection string; otherwise this is the only way to learn it.
if (!passwordGiven) console.log(`Connection string for this run: ${server.connectionString}`);

async function shutdown() {
  await server.close();
  await backend.close();
  process.exit(0);
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
