/**
 * The one error type handlers throw. `app.onError` renders it as RFC 9457
 * problem+json; nothing else decides a status code.
 */
import { type ProblemCode, problemCodes } from "./codes.ts";

/** One field at fault: a JSON Pointer into the request, and what is wrong with it. */
export interface FieldError {
  pointer: string;
  detail: string;
}

export interface ProblemOptions {
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

export class ProblemError extends Error {
  override name = "ProblemError";
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, options: ProblemOptions = {}) {
    super(options.detail ?? problemCodes[code].title, { cause: options.cause });
    this.code = code;
    this.status = problemCodes[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}
