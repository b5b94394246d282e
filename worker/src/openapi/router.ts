/**
 * What @hono/zod-openapi's `.openapi(route, handler)` does at run time,
 * without that package: its import extends every zod schema with
 * zod-to-openapi, which keeps all of zod (locales included) in the bundle and
 * builds the document at startup, and its types accept classic zod schemas
 * only. Here a route's declared params, query, headers and JSON body become
 * validators, every failure goes to the one validation problem (422), and the
 * handler is typed as strictly as OpenAPIHono types it (./route-types.ts), for
 * classic and `zod/mini` schemas alike. The document is built from the same
 * route definitions ahead of time (./document.ts, `npm run openapi`). Nothing
 * is built when a route is registered: its schemas and validators are built by
 * its first request (issue 14: the Worker's startup builds no schema).
 */
import { type Context, type Env, Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { validator } from "hono/validator";
import { safeParse } from "zod/mini";
import { validationProblem } from "../problems/validation-hook.ts";
import type { AnySchema, OpenApiRouter, RouteConfig } from "./route-types.ts";

export type { OpenApiRouter, RouteConfig } from "./route-types.ts";

/**
 * A route's definition as written: its request and responses are functions,
 * so that only a request (the validators) or the document builds them.
 */
export type RouteDefinition = Omit<RouteConfig, "request" | "responses"> & {
  request?: () => NonNullable<RouteConfig["request"]>;
  responses: () => RouteConfig["responses"];
};

/** The route as OpenAPIHono sees it: `request` and `responses` are the objects the functions return. */
export type DefinedRoute<R extends RouteDefinition> = Omit<R, "request" | "responses"> &
  (R["request"] extends () => infer Request ? { request: Request } : unknown) & {
    responses: ReturnType<R["responses"]>;
  };

/** `key` as a property built by `build` on its first read, then kept. */
function defineBuiltOnRead(target: object, key: string, build: () => unknown): void {
  let built: unknown;
  Object.defineProperty(target, key, { get: () => (built ??= build()), enumerable: true });
}

/**
 * A route's definition (createRoute without its import). Its request schemas
 * are built on first read: by the router at the route's first request, or by
 * the document generator. Its responses (their schemas, headers and problem
 * entries) exist only for the document and the types, so only the generator
 * reads them. Neither is built at the Worker's startup (issue 14).
 */
export function defineRoute<const R extends RouteDefinition>(route: R): DefinedRoute<R> {
  const { request, responses, ...rest } = route;
  if (request) defineBuiltOnRead(rest, "request", request);
  defineBuiltOnRead(rest, "responses", responses);
  return rest as unknown as DefinedRoute<R>;
}

type Target = "query" | "param" | "header" | "json";

function validate(target: Target, schema: AnySchema): MiddlewareHandler {
  return validator(target, (value) => {
    // Synchronous on purpose: no schema refines asynchronously, and zod/mini's async parse
    // defers every transform, which would reorder the 422's errors (a transformed field last).
    const result = safeParse(schema, value);
    if (!result.success) throw validationProblem(target, result.error);
    return result.data;
  });
}

/** The media types JSON bodies may declare (RFC 6839 suffixes and parameters included). */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/** True when the request carries at least one body byte (an empty body is no body). */
async function hasRequestBody(c: Context): Promise<boolean> {
  const body = c.req.raw.clone().body;
  if (body === null) return false;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** 415 unless the body is JSON (or absent), then the body's validator; an absent optional body validates as {}. */
function jsonBody(schema: AnySchema, required: boolean): MiddlewareHandler[] {
  const mediaType: MiddlewareHandler = async (c, next) => {
    const type = c.req.header("content-type");
    const refused = type ? !JSON_MEDIA_TYPE.test(type) : await hasRequestBody(c);
    if (refused) throw new HTTPException(415, { message: "Unsupported Media Type" });
    await next();
  };
  const parse = validate("json", schema);
  if (required) return [mediaType, parse];
  const optional: MiddlewareHandler = async (c, next) => {
    if (c.req.header("content-type")) return parse(c, next);
    c.req.addValidatedData("json", {});
    await next();
  };
  return [mediaType, optional];
}

function validatorsOf(route: RouteConfig): MiddlewareHandler[] {
  const { request } = route;
  const validators: MiddlewareHandler[] = [];
  if (request?.query) validators.push(validate("query", request.query));
  if (request?.params) validators.push(validate("param", request.params));
  if (request?.headers) validators.push(validate("header", request.headers));
  const json = request?.body?.content["application/json"].schema;
  if (json) validators.push(...jsonBody(json, request?.body?.required === true));
  return validators;
}

/**
 * The route's validators, built on its first request (reading `route.request`
 * builds its schemas), then run in order: query, params, headers, body.
 */
function validation(route: RouteConfig): MiddlewareHandler {
  let validators: MiddlewareHandler[] | undefined;
  return function validateRequest(c, next) {
    validators ??= validatorsOf(route);
    const list = validators;
    // A validator that answers (a Response) ends the chain, as in Hono's compose.
    const run = (index: number): ReturnType<MiddlewareHandler> => {
      const validator = list[index];
      return validator ? validator(c, () => run(index + 1) as Promise<void>) : next();
    };
    return run(0);
  };
}

/**
 * A Hono router with a typed `.openapi()`. Only `.openapi()` and Hono's own
 * methods exist at run time; its type (OpenApiRouter) types handlers,
 * `c.req.valid()` and the site's `hc<AppType>` client from the routes.
 */
export function openApiRouter<E extends Env>(): OpenApiRouter<E> {
  const router = new Hono<E>();
  const openapi = (route: RouteConfig, handler: MiddlewareHandler) => {
    const path = route.path.replaceAll(/\/{(.+?)}/g, "/:$1");
    router.on([route.method.toUpperCase()], [path], validation(route), handler);
    return router;
  };
  return Object.assign(router, { openapi }) as unknown as OpenApiRouter<E>;
}
