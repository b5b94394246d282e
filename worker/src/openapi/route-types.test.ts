/**
 * A route written with `zod/mini` schemas is typed as a classic one was under
 * OpenAPIHono: the handler's `c.req.valid()` by each schema's output, its
 * return by the declared responses, and the typed client by the inputs and
 * JSON outputs. `tsc -p worker/tsconfig.json` checks the types (the
 * `@ts-expect-error` lines fail it if a wrong return or input is accepted);
 * vitest runs the route itself, so the validators are proven on mini too.
 */
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod/mini";
import { renderError } from "../problems/render.ts";
import { defineRoute, openApiRouter } from "./router.ts";

const ThingParams = z.strictObject({ userId: z.string(), id: z.string().check(z.minLength(3)) });
/** Input differs from output: the client sends text (or nothing), the handler reads a number. */
const ThingQuery = z.strictObject({
  limit: z.pipe(
    z.optional(z.string()),
    z.transform((value) => (value === undefined ? 20 : Number(value))),
  ),
});
const ThingHeaders = z.object({ "if-match": z.optional(z.string()) });
const ThingBody = z.strictObject({ title: z.string(), done: z._default(z.boolean(), false) });
const Thing = z.object({ id: z.string(), title: z.string(), done: z.boolean(), createdAt: z.date() });
const Problem = z.object({ title: z.string(), status: z.number() });

const putThingRoute = defineRoute({
  method: "put",
  path: "/users/{userId}/things/{id}",
  request: () => ({
    params: ThingParams,
    query: ThingQuery,
    headers: ThingHeaders,
    body: { required: true, content: { "application/json": { schema: ThingBody } } },
  }),
  responses: () => ({
    200: { description: "The thing", content: { "application/json": { schema: Thing } } },
    204: { description: "Nothing to say" },
    404: { description: "No such thing", content: { "application/problem+json": { schema: Problem } } },
  }),
});

const router = openApiRouter<{ Bindings: object }>().openapi(putThingRoute, (c) => {
  expectTypeOf(c.req.valid("param")).toEqualTypeOf<{ userId: string; id: string }>();
  expectTypeOf(c.req.valid("query")).toEqualTypeOf<{ limit: number }>();
  expectTypeOf(c.req.valid("header")).toEqualTypeOf<{ "if-match"?: string | undefined }>();
  expectTypeOf(c.req.valid("json")).toEqualTypeOf<{ title: string; done: boolean }>();
  // The OpenAPI path becomes Hono's, so the raw params are typed too.
  expectTypeOf(c.req.param("id")).toEqualTypeOf<string>();
  // @ts-expect-error the route declares no form body
  c.req.valid("form");
  const { id } = c.req.valid("param");
  const { title, done } = c.req.valid("json");
  if (title === "") return c.body(null, 204);
  if (id === "missing") return c.json({ title: "Not found", status: 404 }, 404);
  return c.json({ id, title: `${title} ×${c.req.valid("query").limit}`, done, createdAt: new Date(0) }, 200);
});
router.onError(renderError);

const refusals = openApiRouter()
  // @ts-expect-error the 200's JSON must match its schema (id is a string)
  .openapi(putThingRoute, (c) => c.json({ id: 1, title: "a", done: false, createdAt: new Date(0) }, 200))
  // @ts-expect-error 201 is not a declared response
  .openapi(putThingRoute, (c) => c.json({ id: "a", title: "a", done: false, createdAt: new Date(0) }, 201))
  // @ts-expect-error a plain Response is not one of the declared responses
  .openapi(putThingRoute, () => new Response(null, { status: 204 }))
  // @ts-expect-error the 200 has content, so it cannot be bodyless
  .openapi(putThingRoute, (c) => c.body(null, 200));

const client = hc<typeof router>("http://localhost");
const putThing = client.users[":userId"].things[":id"].$put;

/** The client's input is an intersection of one object per target; flattened, it compares as one object. */
type Flat<T> = { [K in keyof T]: T[K] };

describe("routes typed on zod/mini schemas", () => {
  it("type the client's input by z.input and its JSON output by z.output", () => {
    expectTypeOf<Flat<InferRequestType<typeof putThing>>>().toEqualTypeOf<{
      param: { userId: string; id: string };
      query: { limit?: string | undefined };
      header: { "if-match"?: string | undefined };
      json: { title: string; done?: boolean | undefined };
    }>();
    expectTypeOf<InferResponseType<typeof putThing, 200>>().toEqualTypeOf<{
      id: string;
      title: string;
      done: boolean;
      createdAt: string;
    }>();
    expectTypeOf<InferResponseType<typeof putThing, 404>>().toEqualTypeOf<{ title: string; status: number }>();
    const wrongInputs = () => [
      // @ts-expect-error the body's title is required
      putThing({ param: { userId: "u", id: "abc" }, query: {}, header: {}, json: { done: true } }),
      // @ts-expect-error the path's params are required
      putThing({ query: {}, header: {}, json: { title: "a" } }),
      // @ts-expect-error limit travels as text
      putThing({ param: { userId: "u", id: "abc" }, query: { limit: 3 }, header: {}, json: { title: "a" } }),
    ];
    expect(wrongInputs).toBeTypeOf("function");
    expect(refusals).toBeDefined();
  });

  it("validate with the mini schemas and answer what the handler returns", async () => {
    const put = (path: string, body: unknown) =>
      router.request(path, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const ok = await put("/users/u/things/abc?limit=3", { title: "Tea" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: "abc", title: "Tea ×3", done: false, createdAt: "1970-01-01T00:00:00.000Z" });

    const invalid = await put("/users/u/things/ab", { title: 1, extra: true });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(["#/path/id"]);

    const badBody = await put("/users/u/things/abc", { title: 1, extra: true });
    expect(badBody.status).toBe(422);
    const bodyProblem = (await badBody.json()) as { errors: { pointer: string }[] };
    expect(bodyProblem.errors.map((e) => e.pointer).sort()).toEqual(["#/extra", "#/title"]);
  });
});
