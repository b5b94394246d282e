/**
 * drizzle over Neon's HTTP driver: one fetch per query or batch, no pool and
 * no state between requests. Locally the same driver talks to the
 * Neon-compatible endpoint named by NEON_HTTP_ENDPOINT. Every database the
 * API gets is bound to one user: its statements run under row-level security
 * as that user (./row-level-security.ts).
 */
import { type NeonQueryFunction, neon, neonConfig } from "@neondatabase/serverless";
import { drizzle, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import { type Config, DEFAULT_DATABASE_TIMEOUT_MS } from "../env.ts";
import { asUser, type Epilogue } from "./row-level-security.ts";

export type Database = NeonHttpDatabase;

/** The default wait for the database (DATABASE_TIMEOUT_MS), after which a request answers 503. */
export const DATABASE_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUT_MS;

const clients = new Map<string, NeonQueryFunction<false, false>>();

// Like fetchEndpoint, the driver's fetch is process-wide; the timeout comes from the isolate's
// configuration (DATABASE_TIMEOUT_MS), which is the same for every request an isolate serves.
let timeoutMs = DATABASE_TIMEOUT_MS;
neonConfig.fetchFunction = (input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });

/**
 * The database as `userId` sees it: one drizzle instance per request, over a query function cached
 * per DATABASE_URL. An `epilogue` ends each of its transactions (live sync's read-back of a write's changes).
 */
export function databaseFor(config: Config, userId: string, epilogue?: Epilogue): Database {
  // fetchEndpoint is a global of the driver; set it only for a local endpoint.
  if (config.NEON_HTTP_ENDPOINT) neonConfig.fetchEndpoint = config.NEON_HTTP_ENDPOINT;
  timeoutMs = config.DATABASE_TIMEOUT_MS;
  let client = clients.get(config.DATABASE_URL);
  if (!client) {
    client = neon(config.DATABASE_URL);
    clients.set(config.DATABASE_URL, client);
  }
  return drizzle({ client: asUser(client, userId, epilogue) });
}
