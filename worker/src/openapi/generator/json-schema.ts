/**
 * One zod schema (classic or mini) as OpenAPI 3.1 Schema Objects, from zod's
 * own `z.toJSONSchema` (its public API; `_zod.def` read only in the override
 * below, where the JSON alone cannot tell). The output is shaped the way
 * @asteasolutions/zod-to-openapi 9.1 wrote it before this generator replaced it,
 * so the served document stayed the same:
 * - request schemas are the input type (`io: "input"`), responses the output type;
 * - a format's own pattern (uuid, date-time) is left to `format`, as before;
 * - `X | null` is `type: [X, "null"]` rather than an anyOf, a literal an `enum`;
 * - a default on a transforming field is kept (zod drops it from input schemas,
 *   as it is the output's value; ours are valid inputs as well);
 * - a discriminated union carries its `discriminator` (mapping filled in by ./components.ts);
 * - keys are in zod-to-openapi's order (./key-order.ts).
 */
import * as z from "zod/mini";
import { orderKeys } from "./key-order.ts";
import type { JsonSchema } from "./types.ts";

export type Io = "input" | "output";

/** A converted schema: its body, and the schemas with an `id` it reaches, by id (refs are `#/components/schemas/<id>`). */
export interface Converted {
  root: JsonSchema;
  defs: Record<string, JsonSchema>;
}

const DEFS_PREFIX = "#/$defs/";
export const COMPONENTS_PREFIX = "#/components/schemas/";

type Override = NonNullable<NonNullable<Parameters<typeof z.toJSONSchema>[1]>["override"]>;

/** Corrections that need the zod schema; each reads only what its `def.type` guarantees. */
function override(io: Io): Override {
  return ({ zodSchema, jsonSchema }) => {
    const def = zodSchema._zod.def as unknown as Record<string, unknown>;
    if (def.type === "string" && typeof def.format === "string" && def.pattern instanceof RegExp) {
      if (jsonSchema.pattern === def.pattern.source) delete jsonSchema.pattern;
    } else if (def.type === "object" && def.catchall === undefined && io === "output") {
      // zod closes every object's output (unknown keys are stripped); the document keeps `additionalProperties: false` for strict objects.
      delete jsonSchema.additionalProperties;
    } else if (def.type === "union" && typeof def.discriminator === "string") {
      (jsonSchema as JsonSchema).discriminator = { propertyName: def.discriminator };
    } else if (def.type === "default" && io === "input" && !("default" in jsonSchema)) {
      const value = def.defaultValue;
      if (value !== undefined) jsonSchema.default = JSON.parse(JSON.stringify(value));
    }
  };
}

/** The schema as JSON Schema, its `$defs` split off as components. */
export function convert(schema: z.core.$ZodType, io: Io): Converted {
  const result = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    cycles: "ref",
    reused: "inline",
    override: override(io),
  }) as JsonSchema;
  const { $schema: _, $defs, ...root } = result;
  const defs: Record<string, JsonSchema> = {};
  for (const [id, body] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) defs[id] = normalize(body);
  return { root: normalize(root), defs };
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Subschemas, wherever JSON Schema nests them. */
export function mapSubschemas(node: JsonSchema, map: (child: JsonSchema) => JsonSchema): void {
  for (const key of ["items", "additionalProperties", "not"]) {
    const child = node[key];
    if (isSchema(child)) node[key] = map(child);
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    const list = node[key];
    if (Array.isArray(list)) node[key] = list.map((child) => (isSchema(child) ? map(child) : child));
  }
  const properties = node.properties;
  if (isSchema(properties)) {
    for (const [name, child] of Object.entries(properties)) if (isSchema(child)) properties[name] = map(child);
  }
}

const isNull = (schema: unknown) => isSchema(schema) && Object.keys(schema).length === 1 && schema.type === "null";

/** `anyOf: [X, {type: "null"}]` as X with `type: [X.type, "null"]`, when X is a plain typed schema. */
function mergeNullable(node: JsonSchema): JsonSchema {
  const options = node.anyOf;
  if (!Array.isArray(options) || options.length !== 2 || !isNull(options[1])) return node;
  const [inner] = options as [JsonSchema];
  if (typeof inner.type !== "string" || "$ref" in inner || "anyOf" in inner || "oneOf" in inner || "allOf" in inner) {
    return node;
  }
  const { anyOf: _, ...outer } = node;
  const merged: JsonSchema = { ...inner, ...outer, type: [inner.type, "null"] };
  if (Array.isArray(inner.enum)) merged.enum = [...inner.enum, null];
  return merged;
}

/** The OpenAPI form of one node and, first, of everything under it. */
function normalize(input: JsonSchema): JsonSchema {
  let node: JsonSchema = { ...input };
  mapSubschemas(node, normalize);
  if ("const" in node && !("enum" in node)) {
    const { const: value, ...rest } = node;
    node = { ...rest, enum: [value] };
  }
  node = mergeNullable(node);
  if (typeof node.$ref === "string" && node.$ref.startsWith(DEFS_PREFIX)) {
    node.$ref = COMPONENTS_PREFIX + node.$ref.slice(DEFS_PREFIX.length);
  }
  return orderKeys(node);
}
