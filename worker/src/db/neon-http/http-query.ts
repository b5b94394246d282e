/**
 * One HTTP exchange with the SQL-over-HTTP endpoint (Neon's, or db/local-server locally): a
 * query, or a batch run as one transaction, POSTed as JSON with the Neon-* headers, answered with
 * text values and type OIDs, which are parsed here. A Postgres error comes back as HTTP 400 and
 * is raised as a NeonDbError carrying its fields; a failed fetch as one naming the cause.
 */
import { neonConfig } from "./config.ts";
import { refuseConnectionParameters, resolveConnectionString } from "./connection-string.ts";
import { ERROR_FIELDS, NeonDbError } from "./neon-db-error.ts";
import { prepareValue } from "./prepare-value.ts";
import { type QueryData, SqlTemplate } from "./query-promise.ts";
import { types as globalTypes } from "./type-parsers.ts";

/** The per-query options drizzle and the API pass (the official HTTPQueryOptions, less connection parameters). */
export interface QueryOptions {
  arrayMode?: boolean | undefined;
  fullResults?: boolean | undefined;
  fetchOptions?: Record<string, unknown> | undefined;
  authToken?: string | (() => string | Promise<string>) | undefined;
  types?: { getTypeParser(oid: number, format?: "text"): (value: string) => unknown } | undefined;
}

/** For a whole batch (and for `neon()` itself): one transaction's isolation, access mode and deferrability. */
export interface TransactionOptions extends QueryOptions {
  isolationLevel?: "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable" | undefined;
  readOnly?: boolean | undefined;
  deferrable?: boolean | undefined;
}

interface Field {
  name: string;
  dataTypeID: number;
}

/** What the endpoint answers for one query; the full result is this, with rows parsed. */
interface RawResult {
  fields: Field[];
  rows: (string | null)[][];
  [key: string]: unknown;
}

function prepareQuery(queryData: QueryData): { query: string; params: unknown[] } {
  const { query, params } = queryData instanceof SqlTemplate ? queryData.toParameterizedQuery() : queryData;
  return { query, params: params.map((param) => prepareValue(param)) };
}

/** Rows as arrays or objects, every non-null value through its type's parser. */
function processResult(result: RawResult, { arrayMode, fullResults, types = globalTypes }: QueryOptions): unknown {
  const names = result.fields.map((field) => field.name);
  const parsers = result.fields.map((field) => types.getTypeParser(field.dataTypeID));
  const parse = (row: (string | null)[]) =>
    row.map((value, i) => (value === null ? null : (parsers[i] as (value: string) => unknown)(value)));
  const rows =
    arrayMode === true
      ? result.rows.map(parse)
      : result.rows.map((row) => Object.fromEntries(parse(row).map((value, i) => [names[i], value])));
  if (!fullResults) return rows;
  return Object.assign(result, { viaNeonFetch: true, rowAsArray: arrayMode, rows, _parsers: parsers, _types: types });
}

async function authTokenOf(token: QueryOptions["authToken"]): Promise<string | undefined> {
  if (typeof token !== "function") return token;
  try {
    return await token();
  } catch (error) {
    throw new NeonDbError(
      error instanceof Error ? `Error getting auth token: ${error.message}` : "Error getting auth token.",
    );
  }
}

/**
 * Sends one query (`queryOptions` an object) or a batch (`queryOptions` one per query), with the
 * options of `neon()` under those of the transaction (`transactionOptions`, batches only).
 */
export async function httpQuery(
  connectionString: string | undefined,
  neonOptions: TransactionOptions,
  queryData: QueryData | QueryData[],
  queryOptions: QueryOptions | QueryOptions[] | undefined,
  transactionOptions?: TransactionOptions,
): Promise<unknown> {
  const { fetchEndpoint, fetchFunction } = neonConfig;
  const batch = Array.isArray(queryData);
  const single = Array.isArray(queryOptions) ? undefined : queryOptions;
  // Parameters first, as the official driver prepares them: a value it cannot send fails before anything else.
  const body = JSON.stringify(batch ? { queries: queryData.map(prepareQuery) } : prepareQuery(queryData));
  refuseConnectionParameters(neonOptions, transactionOptions, single);
  const settings = { ...neonOptions, ...definedOf(transactionOptions) };
  const fetchOptions = { ...neonOptions.fetchOptions, ...transactionOptions?.fetchOptions, ...single?.fetchOptions };
  const arrayMode = settings.arrayMode ?? false;
  const fullResults = settings.fullResults ?? false;
  const authToken = single?.authToken !== undefined ? single.authToken : neonOptions.authToken;

  const { resolved, url } = resolveConnectionString(connectionString);
  const endpoint =
    typeof fetchEndpoint === "function"
      ? fetchEndpoint(url.hostname, url.port, { jwtAuth: authToken !== undefined })
      : fetchEndpoint;
  const headers: Record<string, string> = {
    "Neon-Connection-String": resolved,
    "Neon-Raw-Text-Output": "true",
    "Neon-Array-Mode": "true",
  };
  const token = await authTokenOf(authToken);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (batch) {
    if (settings.isolationLevel !== undefined) headers["Neon-Batch-Isolation-Level"] = settings.isolationLevel;
    if (settings.readOnly !== undefined) headers["Neon-Batch-Read-Only"] = String(settings.readOnly);
    if (settings.deferrable !== undefined) headers["Neon-Batch-Deferrable"] = String(settings.deferrable);
  }

  let response: Response;
  try {
    response = await (fetchFunction ?? fetch)(endpoint, { method: "POST", body, headers, ...fetchOptions });
  } catch (error) {
    const failure = new NeonDbError(`Error connecting to database: ${error}`);
    failure.sourceError = error;
    throw failure;
  }

  if (response.ok) {
    const answer = await response.json();
    if (!batch) return processResult(answer as RawResult, { arrayMode, fullResults, ...definedOf(single) });
    const results = (answer as { results?: unknown }).results;
    if (!Array.isArray(results)) throw new NeonDbError("Neon internal error: unexpected result format");
    const perQuery = (queryOptions ?? []) as QueryOptions[];
    return results.map((result: RawResult, i) =>
      processResult(result, { arrayMode, fullResults, ...definedOf(perQuery[i]) }),
    );
  }
  if (response.status === 400) {
    const fields = (await response.json()) as Record<string, string | undefined>;
    const error = new NeonDbError(fields.message);
    for (const field of ERROR_FIELDS) error[field] = fields[field] ?? undefined;
    throw error;
  }
  throw new NeonDbError(`Server error (HTTP status ${response.status}): ${await response.text()}`);
}

/** The options that are set: an `undefined` option leaves the one beneath it in force. */
function definedOf<T extends object>(options: T | undefined): Partial<T> {
  if (!options) return {};
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
