/**
 * What the generator reads from a route definition: a structural type of its
 * own, so any route object with these fields (classic or mini zod schemas,
 * whatever types the router gives it) can be documented.
 */
import type * as z from "zod/mini";

/** A JSON Schema (or OpenAPI Schema Object) as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** A response header as the routes declare it: already plain JSON Schema. */
export interface HeaderDefinition {
  schema: object;
  description?: string;
}

/** A media type's zod schema, e.g. `{ "application/json": { schema } }`. */
export type ContentDefinition = Record<string, { schema: z.core.$ZodType }>;

export interface ResponseDefinition {
  description: string;
  headers?: Record<string, HeaderDefinition>;
  content?: ContentDefinition;
}

export interface RequestBodyDefinition {
  description?: string;
  required?: boolean;
  content: ContentDefinition;
}

export type ResponsesDefinition = Record<string | number, ResponseDefinition>;

export interface RouteDocumentation {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary?: string;
  description?: string;
  tags?: readonly string[];
  security?: readonly Record<string, readonly string[]>[];
  request?: {
    /** Object schemas: each field is one parameter; `param: { name, in }` metadata is checked against it. */
    params?: z.core.$ZodType;
    query?: z.core.$ZodType;
    headers?: z.core.$ZodType;
    body?: RequestBodyDefinition;
  };
  /** The responses, or the function that builds them (route definitions build them lazily). */
  responses: ResponsesDefinition | (() => ResponsesDefinition);
}
