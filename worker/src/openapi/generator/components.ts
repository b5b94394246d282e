/**
 * The document's `components.schemas`: every schema with a metadata `id`
 * becomes one, named by it and referenced as `#/components/schemas/<id>`, in
 * the order the routes first reach them (responses, then parameters, then the
 * body, route by route, depth first), as zod-to-openapi ordered them.
 */
import { COMPONENTS_PREFIX, type Converted, mapSubschemas } from "./json-schema.ts";
import { orderKeys } from "./key-order.ts";
import type { JsonSchema } from "./types.ts";

const clone = (schema: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(schema));

export class Components {
  /** By id, in the order first reached; `null` while a component's own body is being walked. */
  readonly #schemas: Record<string, JsonSchema | null> = {};
  /** Each component's body as zod gave it, to refuse two different schemas under one id. */
  readonly #sources = new Map<string, string>();

  /** The components, once every route has been walked. */
  get schemas(): Record<string, JsonSchema> {
    const done = Object.entries(this.#schemas).filter((entry): entry is [string, JsonSchema] => entry[1] !== null);
    return Object.fromEntries(done);
  }

  /** The converted schema as the document holds it; every component it reaches is registered. */
  adopt(converted: Converted): JsonSchema {
    return this.#visit(clone(converted.root), converted.defs);
  }

  /** A part of a converted schema (e.g. one parameter's), with the definitions it may reference. */
  adoptPart(schema: JsonSchema, defs: Converted["defs"]): JsonSchema {
    return this.#visit(clone(schema), defs);
  }

  #visit(node: JsonSchema, defs: Converted["defs"]): JsonSchema {
    // Parameter metadata ({ param: { name, in } }) belongs to the parameter, not its schema.
    delete node.param;
    if (typeof node.$ref === "string") {
      const id = this.#idOf(node.$ref);
      const { $ref: _, ...siblings } = node;
      // A reference with keywords of its own (a description on `Task().optional()`) is written out
      // in full with them, as zod-to-openapi wrote it, rather than as a $ref with siblings.
      if (Object.keys(siblings).length > 0)
        return this.#visit(orderKeys({ ...clone(this.#def(id, defs)), ...siblings }), defs);
      this.#register(id, defs);
      return node;
    }
    mapSubschemas(node, (child) => this.#visit(child, defs));
    if (typeof node.discriminator === "object" && node.discriminator !== null) this.#mapDiscriminator(node, defs);
    return node;
  }

  #register(id: string, defs: Converted["defs"]): void {
    const body = this.#def(id, defs);
    const source = JSON.stringify(body);
    const known = this.#sources.get(id);
    if (known !== undefined) {
      if (known !== source) {
        throw new Error(`Two different schemas have the id "${id}" (is one used in a request and a response?)`);
      }
      return;
    }
    this.#sources.set(id, source);
    this.#schemas[id] = null;
    this.#schemas[id] = this.#visit(clone(body), defs);
  }

  /** `discriminator.mapping` from each referenced option's enum of the property; none unless every option is a component. */
  #mapDiscriminator(node: JsonSchema, defs: Converted["defs"]): void {
    const { propertyName } = node.discriminator as { propertyName: string };
    const options = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined;
    if (!options?.every((option) => typeof option.$ref === "string" && Object.keys(option).length === 1)) {
      delete node.discriminator;
      return;
    }
    const mapping: Record<string, string> = {};
    for (const option of options) {
      const ref = option.$ref as string;
      const properties = this.#def(this.#idOf(ref), defs).properties as Record<string, JsonSchema> | undefined;
      const values = properties?.[propertyName]?.enum;
      for (const value of Array.isArray(values) ? values : []) if (typeof value === "string") mapping[value] = ref;
    }
    node.discriminator = { propertyName, mapping };
  }

  #idOf(ref: string): string {
    if (!ref.startsWith(COMPONENTS_PREFIX)) throw new Error(`Unexpected $ref ${ref} (a recursive schema needs an id)`);
    return ref.slice(COMPONENTS_PREFIX.length);
  }

  #def(id: string, defs: Converted["defs"]): JsonSchema {
    const body = defs[id];
    if (!body) throw new Error(`No definition for component ${id}`);
    return body;
  }
}
