/**
 * The key order zod-to-openapi wrote each kind of schema in: its own keywords
 * first, in a fixed order, then the metadata (description, example, …) in the
 * order zod gives it. JSON Schema does not care; the committed document and
 * its diffs do (it stayed byte-identical when this generator replaced that one).
 */
import type { JsonSchema } from "./types.ts";

const KEYWORDS = {
  string: ["type", "minLength", "maxLength", "format", "pattern", "default"],
  number: ["type", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "default"],
  array: ["type", "items", "prefixItems", "minItems", "maxItems", "default"],
  object: ["type", "properties", "default", "required", "additionalProperties"],
  enum: ["type", "enum", "default"],
  oneOf: ["oneOf", "discriminator", "default"],
  anyOf: ["anyOf", "discriminator", "default"],
  allOf: ["allOf", "default"],
  other: ["$ref", "type", "default"],
} as const;

function kindOf(node: JsonSchema): keyof typeof KEYWORDS {
  if (Array.isArray(node.enum)) return "enum";
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const type = types.find((t) => t !== "null");
  if (type === "string") return "string";
  if (type === "number" || type === "integer") return "number";
  if (type === "array") return "array";
  if (type === "object" || "properties" in node) return "object";
  if ("oneOf" in node) return "oneOf";
  if ("anyOf" in node) return "anyOf";
  if ("allOf" in node) return "allOf";
  return "other";
}

/** The node with its keys in that order (a new object; the node is left as it is). */
export function orderKeys(node: JsonSchema): JsonSchema {
  const keywords: readonly string[] = KEYWORDS[kindOf(node)];
  const ordered: JsonSchema = {};
  for (const key of keywords) if (key in node) ordered[key] = node[key];
  for (const [key, value] of Object.entries(node)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}
