/**
 * An HTTP-only stand-in for `@neondatabase/serverless` (ADR 0012): the part of its API that
 * drizzle's neon-http driver and the API use, speaking the same protocol. The official package
 * is one pre-bundled module that carries a whole pg client (WebSocket Pool and Client, a Buffer
 * polyfill) which no bundler can drop, though the Worker sends every query over HTTP.
 *
 * wrangler.jsonc and the Worker test projects (vitest.config.ts) alias the package name to this
 * file, so drizzle-orm/neon-http imports it too. The types are the official package's own: its
 * declarations stay the contract, and db/local-server/neon-http-equivalence.test.ts proves the
 * behaviour matches, query for query, against the official driver.
 */
import type * as Official from "@neondatabase/serverless";
import { neonConfig } from "./config.ts";
import { neon as leanNeon } from "./neon.ts";
import { NeonQueryPromise as LeanQueryPromise } from "./query-promise.ts";

export type {
  FullQueryResults,
  HTTPQueryOptions,
  HTTPTransactionOptions,
  NeonQueryFunction,
} from "@neondatabase/serverless";
export { NeonDbError } from "./neon-db-error.ts";
export { types } from "./type-parsers.ts";
export { neonConfig };

// The implementation's own types are plainer than the official generics; the casts say what the
// equivalence test checks.
export const neon = leanNeon as unknown as typeof Official.neon;
export const NeonQueryPromise = LeanQueryPromise as unknown as typeof Official.NeonQueryPromise;
export type NeonQueryPromise<
  ArrayMode extends boolean,
  FullResults extends boolean,
  T = unknown,
> = Official.NeonQueryPromise<ArrayMode, FullResults, T>;
