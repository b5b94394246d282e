/**
 * Assembles the OpenAPI 3.1 document from route definitions: the generator
 * that replaced @hono/zod-openapi's (./operation.ts, ./components.ts,
 * ./json-schema.ts). It works on any zod schema, classic or `zod/mini`.
 */
import { Components } from "./components.ts";
import { operation } from "./operation.ts";
import type { RouteDocumentation } from "./types.ts";

/** The document's own fields (openapi, info, servers, tags, …), and its security schemes. */
export interface DocumentConfig {
  openapi: "3.1.0";
  info: { title: string; version: string; [key: string]: unknown };
  securitySchemes?: Record<string, object>;
  [key: string]: unknown;
}

export function openApiDocument({ securitySchemes, ...config }: DocumentConfig, routes: readonly RouteDocumentation[]) {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = paths[route.path] ?? {};
    item[route.method] = operation(components, route);
    paths[route.path] = item;
  }
  return {
    ...config,
    // `parameters` and `webhooks` stay, empty, as zod-to-openapi wrote them: the served document did not change with the generator.
    components: { ...(securitySchemes ? { securitySchemes } : {}), schemas: components.schemas, parameters: {} },
    paths,
    webhooks: {},
  };
}
