/** The problem document (RFC 9457) as a zod schema: the OpenAPI component, and the renderer's type. */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { PROBLEM_CODES } from "./codes.ts";

/** A JSON Pointer into the request, and what is wrong there. */
export const FieldError = lazy(() =>
  z.object({
    pointer: z.string().check(z.maxLength(512), z.meta({ example: "#/title", pattern: "^#" })),
    detail: z.string().check(z.maxLength(500), z.meta({ example: "Title must not be empty" })),
  }),
);

export const Problem = lazy(() =>
  z
    .object({
      type: z
        .string()
        .check(z.maxLength(100), z.meta({ example: "/problems/task-not-found", pattern: "^/problems/[a-z-]+$" })),
      title: z.string().check(z.maxLength(100)),
      status: z.int().check(z.gte(400), z.lte(599), z.meta({ format: "int32" })),
      detail: z.optional(z.string().check(z.maxLength(1000))),
      code: z.enum(PROBLEM_CODES),
      instance: z.optional(z.string().check(z.maxLength(2048), z.meta({ format: "uri-reference" }))),
      errors: z.optional(z.array(FieldError()).check(z.maxLength(1000))),
    })
    .check(z.meta({ id: "Problem", description: "RFC 9457 problem details" })),
);

export type ProblemBody = z.infer<ReturnType<typeof Problem>>;
