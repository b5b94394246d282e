/**
 * drizzle over Neon's HTTP driver: one fetch per query or batch, no pool and
 * no state between requests. Locally the same driver talks to the
 * Neon-compatible endpoint named by NEON_HTTP_ENDPOINT. Every database the
 * API gets is bound to one user: its statements run under row-level security
 * as that user (./row-level-security.ts).
 */

import { drizzle, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import { type Config, DEFAULT_DATABASE_TIMEOUT_MS } from "../env.ts";
import { type NeonQueryFunction, neon, neonConfig } from "./neon-http/index.ts";
import { asUser, type Epilogue } from "./row-level-security.ts";

export type Database = NeonHttpDatabase;

/** The default wait for the database (DATABASE_TIMEOUT_MS), after which a request answers 503. */
export const DATABASE_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUT_MS;

/** Per-client routing, carried in the driver's per-client fetchOptions (fetch ignores unknown fields). */
interface RoutedInit extends RequestInit {
  endpoint?: string | undefined;
  timeoutMs?: number;
}

// The driver's fetchEndpoint and fetchFunction are process-wide, so neither is written per
// request: this one function, set once, sends each client's queries where that client's
// configuration says, with that configuration's timeout.
neonConfig.fetchFunction = (input: RequestInfo | URL, init: RoutedInit = {}) => {
  const { endpoint, timeoutMs = DATABASE_TIMEOUT_MS, ...rest } = init;
  return fetch(endpoint ?? input, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
};

const clients = new Map<string, NeonQueryFunction<false, false>>();

/** A query function per (endpoint, timeout, connection string): two configurations never share one. */
function clientFor(config: Config): NeonQueryFunction<false, false> {
  const key = JSON.stringify([config.NEON_HTTP_ENDPOINT ?? null, config.DATABASE_TIMEOUT_MS, config.DATABASE_URL]);
  let client = clients.get(key);
  if (!client) {
    const fetchOptions: RoutedInit = { endpoint: config.NEON_HTTP_ENDPOINT, timeoutMs: config.DATABASE_TIMEOUT_MS };
    client = neon(config.DATABASE_URL, { fetchOptions });
    clients.set(key, client);
  }
  return client;
}

/**
 * The database as `userId` sees it: one drizzle instance per request, over a query function cached
 * per configuration. An `epilogue` ends each of its transactions (live sync's read-back of a write's changes).
 */
export function databaseFor(config: Config, userId: string, epilogue?: Epilogue): Database {
  return drizzle({ client: asUser(clientFor(config), userId, epilogue) });
}
