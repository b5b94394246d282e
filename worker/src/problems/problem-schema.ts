/** The problem document (RFC 9457) as a zod schema: the OpenAPI component, and the renderer's type. */
import * as z from "zod";
import { lazy } from "../openapi/lazy.ts";
import { PROBLEM_CODES } from "./codes.ts";

/** A JSON Pointer into the request, and what is wrong there. */
export const FieldError = lazy(() =>
  z.object({
    pointer: z.string().max(512).meta({ example: "#/title", pattern: "^#" }),
    detail: z.string().max(500).meta({ example: "Title must not be empty" }),
  }),
);

export const Problem = lazy(() =>
  z
    .object({
      type: z.string().max(100).meta({ example: "/problems/task-not-found", pattern: "^/problems/[a-z-]+$" }),
      title: z.string().max(100),
      status: z.int().min(400).max(599).meta({ format: "int32" }),
      detail: z.string().max(1000).optional(),
      code: z.enum(PROBLEM_CODES),
      instance: z.string().max(2048).meta({ format: "uri-reference" }).optional(),
      errors: z.array(FieldError()).max(1000).optional(),
    })
    .meta({ id: "Problem", description: "RFC 9457 problem details" }),
);

export type ProblemBody = z.infer<ReturnType<typeof Problem>>;
