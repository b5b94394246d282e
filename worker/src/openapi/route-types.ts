/**
 * The types of an OpenAPI route and of its handler, written on zod's core
 * `$ZodType` so that routes may declare classic `zod` and `zod/mini` schemas
 * alike. @hono/zod-openapi's `RouteConfig` and `OpenAPIHono` accept only
 * classic schemas (they come from zod-to-openapi, which extends classic zod);
 * these follow the same rules as its index.d.mts for what our routes use
 * (JSON bodies, params, query and headers), so handlers and the site's
 * `hc<AppType>` are typed as before. Types only: nothing here reaches the bundle.
 */
import type { Env, Handler, Hono, Schema, ToSchema, TypedResponse } from "hono";
import type { BlankInput, BlankSchema, MergePath } from "hono/types";
import type { StatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type * as z from "zod/mini";

/** Any zod schema, classic or mini: both build on core's `$ZodType`. */
export type AnySchema = z.core.$ZodType;

export type Method = "get" | "post" | "put" | "patch" | "delete" | "head" | "options";

/** A request body. The router validates JSON only; any other media type is a 415. */
export interface JsonBodyConfig {
  description?: string;
  /** When false, a request without a body validates as `{}`. */
  required?: boolean;
  content: { "application/json": { schema: AnySchema } };
}

/**
 * What the router validates before the handler runs (each a zod object, read
 * for the document too). Routes write it as `request: () => ({ … })`
 * (`defineRoute`, ./router.ts), so the types here see the object it returns.
 */
export interface RequestConfig {
  params?: AnySchema;
  query?: AnySchema;
  headers?: AnySchema;
  body?: JsonBodyConfig;
}

/** A response header's schema: plain JSON Schema (the keywords our headers use), which nothing validates at run time. */
export interface HeaderSchema {
  type: "string" | "integer" | "number" | "boolean";
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
}

/** A response header as the document declares it. */
export interface HeaderConfig {
  schema: HeaderSchema;
  description?: string;
}

export interface ResponseConfig {
  description: string;
  headers?: Record<string, HeaderConfig>;
  /** Media type (JSON ones only: `application/json`, `application/problem+json`) to its schema. */
  content?: Record<string, { schema: AnySchema }>;
}

/** A route as the router and the document read it. */
export interface RouteConfig {
  method: Method;
  /** OpenAPI's path template: `/api/{userId}/tasks`. */
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  request?: RequestConfig;
  responses: { [status: number]: ResponseConfig };
}

/** `/api/{userId}/tasks/{id}` → `/api/:userId/tasks/:id`, Hono's form of the same path. */
export type ConvertPathType<T extends string> = T extends `${infer Start}/{${infer Param}}${infer Rest}`
  ? `${Start}/:${Param}${ConvertPathType<Rest>}`
  : T;

// ---- Input: what `c.req.valid(target)` returns (out) and what the typed client sends (in).

type RequestPart<R extends RouteConfig, Part extends keyof RequestConfig> = Part extends keyof NonNullable<R["request"]>
  ? NonNullable<R["request"]>[Part]
  : undefined;

/**
 * One validation target. The client's input keeps the schema's keys and their
 * optionality (as OpenAPIHono's InputTypeBase does for params, query and headers).
 */
type InputOf<R extends RouteConfig, Part extends "params" | "query" | "headers", Target extends string> =
  RequestPart<R, Part> extends infer S extends AnySchema
    ? {
        in: { [K in Target]: { [Key in keyof z.input<S>]: z.input<S>[Key] } };
        out: { [K in Target]: z.output<S> };
      }
    : BlankInput;

type JsonInputOf<R extends RouteConfig> =
  RequestPart<R, "body"> extends { content: { "application/json": { schema: infer S extends AnySchema } } }
    ? { in: { json: z.input<S> }; out: { json: z.output<S> } }
    : BlankInput;

/** The route's Hono `Input`: every target it validates. */
export type RouteInput<R extends RouteConfig> = InputOf<R, "params", "param"> &
  InputOf<R, "query", "query"> &
  InputOf<R, "headers", "header"> &
  JsonInputOf<R>;

// ---- Output: the responses a handler may return, and what the typed client receives.

/** JSON and its RFC 6839 suffixes (`application/problem+json`), as OpenAPIHono's IsJson. */
type IsJson<MediaType> = MediaType extends `application/${infer Start}json${string}`
  ? Start extends "" | `${string}+` | `vnd.${string}+`
    ? true
    : false
  : false;

type Declared<R extends RouteConfig> = keyof R["responses"] & StatusCode;

/** The content's schema output, as JSON carries it (dates as strings, no undefined members). */
type JsonResponseOf<Content, Code extends StatusCode> = {
  [MediaType in keyof Content]: IsJson<MediaType> extends true
    ? Content[MediaType] extends { schema: infer S extends AnySchema }
      ? TypedResponse<JSONParsed<z.output<S>>, Code, "json">
      : never
    : never;
}[keyof Content];

/** OpenAPIHono's data for a response without content: the empty object type. */
type NoContent = Record<never, never>;

/**
 * Per declared status, the response the client sees: JSON typed by the schema,
 * and no content as `TypedResponse<{}, Code, string>` (OpenAPIHono's output, kept
 * so that `hc<AppType>` reads the same types as before).
 */
export type RouteOutput<R extends RouteConfig> = {
  [Code in Declared<R>]: R["responses"][Code] extends { content: infer Content }
    ? JsonResponseOf<Content, Code>
    : TypedResponse<NoContent, Code, string>;
}[Declared<R>];

/**
 * Per declared status, what the handler may return: `c.json(…, status)` of the
 * schema's output, or for a status without content `c.body(null, status)`.
 * Unlike OpenAPIHono, a plain `Response` is never accepted, even when some
 * status has no content: every answer is one the document declares.
 */
export type RouteResponse<R extends RouteConfig> = {
  [Code in Declared<R>]: R["responses"][Code] extends { content: infer Content }
    ? JsonResponseOf<Content, Code>
    : TypedResponse<null, Code, "body">;
}[Declared<R>];

type MaybePromise<T> = T | Promise<T>;

/** The handler `.openapi(route, handler)` takes: the route's path, validated input and responses. */
export type RouteHandler<R extends RouteConfig, E extends Env> = Handler<
  E,
  ConvertPathType<R["path"]>,
  RouteInput<R>,
  MaybePromise<RouteResponse<R>>
>;

/**
 * A Hono router with a typed `.openapi(route, handler)`. Each route adds its
 * entry to the router's schema exactly as OpenAPIHono's `.openapi()` does
 * (Hono's `ToSchema`), which `hc<AppType>` reads through `app.route()`.
 */
export interface OpenApiRouter<E extends Env, S extends Schema = BlankSchema, BasePath extends string = "/">
  extends Hono<E, S, BasePath> {
  openapi<R extends RouteConfig>(
    route: R,
    handler: RouteHandler<R, E>,
  ): OpenApiRouter<
    E,
    S & ToSchema<R["method"], MergePath<BasePath, ConvertPathType<R["path"]>>, RouteInput<R>, RouteOutput<R>>,
    BasePath
  >;
}
