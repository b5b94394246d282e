/**
 * The connection string as the endpoint receives it (`Neon-Connection-String`), checked and
 * normalised the way the official driver does it, with an `application_name` added unless it
 * has one. Its host also names Neon's endpoint when no `fetchEndpoint` is set.
 */
import { NeonDbError } from "./neon-db-error.ts";

/** Shown in pg_stat_activity: this transport, not the official package it stands in for. */
export const APPLICATION_NAME = "todo-api/neon-http";

/** Parsed as an http: URL, as the official driver parses it (so user, host and path are read alike). */
function urlOf(connectionString: string, complete: boolean): URL {
  let protocol: string;
  let url: URL;
  try {
    protocol = new URL(connectionString).protocol;
    url = new URL(`http:${connectionString.slice(protocol.length)}`);
  } catch {
    throw new NeonDbError(
      `Database connection string provided to neon() is not a valid URL (connection string: ${connectionString})`,
    );
  }
  const { username, hostname, pathname } = url;
  const missing = !username || !hostname || hostname === "-" || !pathname || pathname === "/";
  if ((protocol !== "postgres:" && protocol !== "postgresql:") || (complete && missing)) {
    throw new NeonDbError("Wrong URL scheme or missing user, host or database in connection parameters");
  }
  return url;
}

/** The connection string to send, and its parsed form (for the endpoint's host and port). */
export function resolveConnectionString(connectionString: unknown = "postgresql://-"): {
  resolved: string;
  url: URL;
} {
  if (typeof connectionString !== "string") {
    throw new NeonDbError("Connection string must be a string or a function resolving to one");
  }
  const url = urlOf(connectionString, false);
  if (!url.searchParams.has("application_name")) url.searchParams.append("application_name", APPLICATION_NAME);
  const resolved = `postgresql:${url.href.slice(url.protocol.length)}`;
  return { resolved, url: urlOf(resolved, true) };
}

/** The official driver's other ways of naming a database; this transport takes a connection string only. */
const CONNECTION_PARAMETERS = [
  "connectionString",
  "user",
  "username",
  "password",
  "host",
  "hostname",
  "port",
  "database",
];

/** Refuses options that would change the database, rather than ignoring them. */
export function refuseConnectionParameters(...options: (object | undefined)[]): void {
  for (const option of options) {
    const given = option && CONNECTION_PARAMETERS.find((key) => (option as Record<string, unknown>)[key] !== undefined);
    if (given) throw new NeonDbError(`neon-http: pass a connection string, not the "${given}" option`);
  }
}
