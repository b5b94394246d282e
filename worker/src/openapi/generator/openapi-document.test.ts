/**
 * The generator reads zod/mini schemas exactly as it reads classic ones: the
 * same two routes, written once with each (same checks, defaults, transforms,
 * metadata ids and parameters), give the same document, key order included.
 * zod-to-openapi, which this generator replaced, crashed on the mini ones.
 * And it refuses what would make a wrong document rather than write one.
 */
import { describe, expect, it } from "vitest";
import * as c from "zod";
import * as m from "zod/mini";
import { openApiDocument } from "./openapi-document.ts";
import type { RouteDocumentation } from "./types.ts";

const trim = (text: string) => text.trim();
const etag = (header: string | undefined) => header ?? "*";

function classicRoutes(): RouteDocumentation[] {
  const params = c.object({
    userId: c
      .string()
      .min(1)
      .max(128)
      .meta({ param: { name: "userId", in: "path" }, example: "u1" }),
    id: c.uuid().meta({ maxLength: 36, param: { name: "id", in: "path" } }),
  });
  const query = c.strictObject({
    limit: c.coerce.number().int().min(1).max(100).default(20).meta({ format: "int32" }),
    q: c.string().max(50).optional().meta({ description: "Search text" }),
  });
  const headers = c.object({
    "if-match": c
      .string()
      .max(100)
      .optional()
      .transform(etag)
      .meta({ param: { name: "if-match", in: "header" }, description: "An ETag" }),
  });
  const body = c
    .strictObject({
      name: c.string().min(1).max(200).meta({ example: "Sprocket" }),
      labels: c.array(c.string().max(40).transform(trim)).max(5).default([]),
      note: c.string().max(500).nullable().default(null),
      size: c.enum(["s", "m", "l"]).default("m").describe("How big"),
    })
    .meta({ id: "WidgetInput", description: "A widget as a client sends it" });
  const owner = c.object({ name: c.string().max(100) }).meta({ id: "Owner" });
  const widget = c
    .object({
      id: c.uuid().meta({ maxLength: 36 }),
      size: c.enum(["s", "m", "l"]),
      note: c.string().max(500).nullable(),
      version: c.int().min(0).max(1000).meta({ format: "int32" }),
      updatedAt: c.iso.datetime({ offset: true }).nullable(),
      owner: owner.optional(),
      previousOwner: owner.optional().meta({ description: "Who had it before" }),
    })
    .meta({ id: "Widget" });
  const action = c
    .discriminatedUnion("kind", [
      c.strictObject({ kind: c.literal("paint"), color: c.string().regex(/^#[0-9a-f]{6}$/) }).meta({ id: "Paint" }),
      c.strictObject({ kind: c.enum(["polish", "buff"]) }).meta({ id: "Polish" }),
    ])
    .meta({ id: "WidgetAction" });
  return routes({ params, query, headers, body, widget, action });
}

function miniRoutes(): RouteDocumentation[] {
  const params = m.object({
    userId: m
      .string()
      .check(m.minLength(1), m.maxLength(128), m.meta({ param: { name: "userId", in: "path" }, example: "u1" })),
    id: m.uuid().check(m.meta({ maxLength: 36, param: { name: "id", in: "path" } })),
  });
  const query = m.strictObject({
    limit: m
      ._default(m.coerce.number().check(m.int(), m.minimum(1), m.maximum(100)), 20)
      .check(m.meta({ format: "int32" })),
    q: m.optional(m.string().check(m.maxLength(50))).check(m.meta({ description: "Search text" })),
  });
  const headers = m.object({
    "if-match": m
      .pipe(m.optional(m.string().check(m.maxLength(100))), m.transform(etag))
      .check(m.meta({ param: { name: "if-match", in: "header" }, description: "An ETag" })),
  });
  const body = m
    .strictObject({
      name: m.string().check(m.minLength(1), m.maxLength(200), m.meta({ example: "Sprocket" })),
      labels: m._default(
        m.array(m.pipe(m.string().check(m.maxLength(40)), m.transform(trim))).check(m.maxLength(5)),
        [],
      ),
      note: m._default(m.nullable(m.string().check(m.maxLength(500))), null),
      size: m._default(m.enum(["s", "m", "l"]), "m").check(m.describe("How big")),
    })
    .check(m.meta({ id: "WidgetInput", description: "A widget as a client sends it" }));
  const owner = m.object({ name: m.string().check(m.maxLength(100)) }).check(m.meta({ id: "Owner" }));
  const widget = m
    .object({
      id: m.uuid().check(m.meta({ maxLength: 36 })),
      size: m.enum(["s", "m", "l"]),
      note: m.nullable(m.string().check(m.maxLength(500))),
      version: m.int().check(m.minimum(0), m.maximum(1000), m.meta({ format: "int32" })),
      updatedAt: m.nullable(m.iso.datetime({ offset: true })),
      owner: m.optional(owner),
      previousOwner: m.optional(owner).check(m.meta({ description: "Who had it before" })),
    })
    .check(m.meta({ id: "Widget" }));
  const action = m
    .discriminatedUnion("kind", [
      m
        .strictObject({ kind: m.literal("paint"), color: m.string().check(m.regex(/^#[0-9a-f]{6}$/)) })
        .check(m.meta({ id: "Paint" })),
      m.strictObject({ kind: m.enum(["polish", "buff"]) }).check(m.meta({ id: "Polish" })),
    ])
    .check(m.meta({ id: "WidgetAction" }));
  return routes({ params, query, headers, body, widget, action });
}

type Schemas = Record<"params" | "query" | "headers" | "body" | "widget" | "action", m.core.$ZodType>;

/** The two routes around either set of schemas. */
function routes({ params, query, headers, body, widget, action }: Schemas): RouteDocumentation[] {
  const ok = { description: "The widget", content: { "application/json": { schema: widget } } };
  return [
    {
      operationId: "replaceWidget",
      method: "put",
      path: "/users/{userId}/widgets/{id}",
      tags: ["Widgets"],
      request: {
        params,
        query,
        headers,
        body: { required: true, content: { "application/json": { schema: body } } },
      },
      responses: () => ({ 200: ok }),
    },
    {
      operationId: "actOnWidget",
      method: "post",
      path: "/users/{userId}/widgets/{id}/actions",
      request: { params, body: { required: true, content: { "application/json": { schema: action } } } },
      responses: { 200: ok },
    },
  ];
}

const build = (routeList: RouteDocumentation[]) =>
  openApiDocument({ openapi: "3.1.0", info: { title: "Widgets", version: "1" } }, routeList);

describe("the document generator", () => {
  it("documents zod/mini schemas exactly as it documents classic ones", () => {
    const classic = build(classicRoutes());
    const mini = build(miniRoutes());
    expect(JSON.stringify(mini)).toBe(JSON.stringify(classic));
  });

  it("writes parameters, input and output schemas, components and the discriminator from them", () => {
    const document = build(miniRoutes());
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(["Widget", "Owner", "WidgetInput", "WidgetAction", "Paint", "Polish"]);
    const put = document.paths["/users/{userId}/widgets/{id}"]?.put as { parameters: unknown[] };
    expect(put.parameters).toEqual([
      {
        schema: { type: "string", minLength: 1, maxLength: 128, example: "u1" },
        required: true,
        name: "userId",
        in: "path",
      },
      { schema: { type: "string", maxLength: 36, format: "uuid" }, required: true, name: "id", in: "path" },
      {
        schema: { type: "integer", minimum: 1, maximum: 100, default: 20, format: "int32" },
        required: false,
        name: "limit",
        in: "query",
      },
      {
        schema: { type: "string", maxLength: 50, description: "Search text" },
        required: false,
        description: "Search text",
        name: "q",
        in: "query",
      },
      {
        schema: { type: "string", maxLength: 100, description: "An ETag" },
        required: false,
        description: "An ETag",
        name: "if-match",
        in: "header",
      },
    ]);
    expect(schemas.WidgetInput).toEqual({
      type: "object",
      properties: {
        name: { type: "string", minLength: 1, maxLength: 200, example: "Sprocket" },
        // The default of a transforming field is kept, as the document always had it.
        labels: { type: "array", items: { type: "string", maxLength: 40 }, maxItems: 5, default: [] },
        note: { type: ["string", "null"], maxLength: 500, default: null },
        size: { type: "string", enum: ["s", "m", "l"], default: "m", description: "How big" },
      },
      required: ["name"],
      additionalProperties: false,
      description: "A widget as a client sends it",
    });
    const widget = schemas.Widget as { properties: Record<string, unknown>; required: string[] };
    expect(widget.properties.updatedAt).toEqual({ type: ["string", "null"], format: "date-time" });
    expect(widget.properties.owner).toEqual({ $ref: "#/components/schemas/Owner" });
    expect(widget.properties.previousOwner).toEqual({
      type: "object",
      properties: { name: { type: "string", maxLength: 100 } },
      required: ["name"],
      description: "Who had it before",
    });
    expect(widget.required).toEqual(["id", "size", "note", "version", "updatedAt"]);
    expect(schemas.WidgetAction).toEqual({
      oneOf: [{ $ref: "#/components/schemas/Paint" }, { $ref: "#/components/schemas/Polish" }],
      discriminator: {
        propertyName: "kind",
        mapping: {
          paint: "#/components/schemas/Paint",
          polish: "#/components/schemas/Polish",
          buff: "#/components/schemas/Polish",
        },
      },
    });
  });

  it("refuses two different schemas under one id, and a parameter named differently from its field", () => {
    const named = (name: "a" | "b") => m.object({ [name]: m.string() }).check(m.meta({ id: "Clash" }));
    const route = (schema: m.core.$ZodType, status: number) => ({
      [status]: { description: "x", content: { "application/json": { schema } } },
    });
    expect(() =>
      build([{ method: "get", path: "/clash", responses: { ...route(named("a"), 200), ...route(named("b"), 201) } }]),
    ).toThrow(/Two different schemas have the id "Clash"/);
    const params = m.object({ id: m.string().check(m.meta({ param: { name: "key", in: "path" } })) });
    expect(() => build([{ method: "get", path: "/{id}", request: { params }, responses: {} }])).toThrow(
      /parameter id is declared as path key/,
    );
  });
});
