/**
 * One route as an OpenAPI Operation Object: its parameters (one per field of
 * the params, query and headers object schemas), its request body (the input
 * type) and its responses (the output type).
 */
import type * as z from "zod/mini";
import type { Components } from "./components.ts";
import { convert, type Io } from "./json-schema.ts";
import type {
  ContentDefinition,
  JsonSchema,
  RequestBodyDefinition,
  ResponseDefinition,
  RouteDocumentation,
} from "./types.ts";

type Location = "path" | "query" | "header";

interface ParamMetadata {
  name?: string;
  in?: string;
  [key: string]: unknown;
}

function content(components: Components, definition: ContentDefinition, io: Io) {
  const entries = Object.entries(definition).map(([mediaType, { schema, ...rest }]) => [
    mediaType,
    { ...rest, schema: components.adopt(convert(schema, io)) },
  ]);
  return Object.fromEntries(entries);
}

function response(components: Components, { content: body, headers, ...rest }: ResponseDefinition) {
  return {
    ...rest,
    ...(headers ? { headers } : {}),
    ...(body ? { content: content(components, body, "output") } : {}),
  };
}

function requestBodyOf(components: Components, { content: media, ...rest }: RequestBodyDefinition) {
  return { ...rest, content: content(components, media, "input") };
}

/** Each field of the object schema as a parameter; its `param` metadata may name it, but not differently. */
function parameters(components: Components, schema: z.core.$ZodType | undefined, location: Location, route: string) {
  if (!schema) return [];
  const { root, defs } = convert(schema, "input");
  const properties = root.properties as Record<string, JsonSchema> | undefined;
  if (root.type !== "object" || !properties)
    throw new Error(`${route}: the ${location} parameters must be an object schema`);
  const required = Array.isArray(root.required) ? root.required : [];
  return Object.entries(properties).map(([name, property]) => {
    const param = (property.param ?? {}) as ParamMetadata;
    if ((param.name ?? name) !== name || (param.in ?? location) !== location) {
      throw new Error(`${route}: parameter ${name} is declared as ${param.in} ${param.name}`);
    }
    const description = typeof property.description === "string" ? { description: property.description } : {};
    return {
      schema: components.adoptPart(property, defs),
      required: required.includes(name),
      ...description,
      ...param,
      name,
      in: location,
    };
  });
}

/** The operation; its schemas are walked responses first, as zod-to-openapi did, so components keep their order. */
export function operation(components: Components, route: RouteDocumentation) {
  const where = `${route.method.toUpperCase()} ${route.path}`;
  const definitions = typeof route.responses === "function" ? route.responses() : route.responses;
  const responses = Object.fromEntries(
    Object.entries(definitions).map(([status, definition]) => [status, response(components, definition)]),
  );
  const { request } = route;
  const params = [
    ...parameters(components, request?.params, "path", where),
    ...parameters(components, request?.query, "query", where),
    ...parameters(components, request?.headers, "header", where),
  ];
  const requestBody = request?.body && requestBodyOf(components, request.body);
  const { operationId, summary, description, tags, security } = route;
  return {
    ...(operationId !== undefined ? { operationId } : {}),
    ...(summary !== undefined ? { summary } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(tags ? { tags } : {}),
    ...(security ? { security } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}
