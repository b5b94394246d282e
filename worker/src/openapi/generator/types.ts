/**
 * What the generator reads from a route definition: a structural type of its
 * own, so any route object with these fields (classic or mini zod schemas,
 * whatever types the router gives it) can be documented.
 */
import type * as z from "zod/mini";

/** A JSON Schema (or OpenAPI Schema Object) as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/** OpenAPI's methods (3.2 adds `query`; route types that allow it are accepted). */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" | "query";

/** A response header as the routes declare it: already plain JSON Schema. */
export interface HeaderDefinition {
  schema: object;
  description?: string | undefined;
}

/** A media type's zod schema, e.g. `{ "application/json": { schema } }`. */
export type ContentDefinition = Record<string, { schema: z.core.$ZodType }>;

export interface ResponseDefinition {
  description: string;
  headers?: Record<string, HeaderDefinition> | undefined;
  content?: ContentDefinition | undefined;
}

export interface RequestBodyDefinition {
  description?: string | undefined;
  required?: boolean | undefined;
  content: ContentDefinition;
}

export type ResponsesDefinition = Record<string | number, ResponseDefinition>;

export interface RouteDocumentation {
  method: HttpMethod;
  path: string;
  operationId?: string | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  tags?: readonly string[] | undefined;
  security?: readonly Record<string, readonly string[]>[] | undefined;
  request?: {
    /** Object schemas: each field is one parameter; `param: { name, in }` metadata is checked against it. */
    params?: z.core.$ZodType | undefined;
    query?: z.core.$ZodType | undefined;
    headers?: z.core.$ZodType | undefined;
    body?: RequestBodyDefinition | undefined;
  };
  /** The responses, or the function that builds them (route definitions build them lazily). */
  responses: ResponsesDefinition | (() => ResponsesDefinition);
}
