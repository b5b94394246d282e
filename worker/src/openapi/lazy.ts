/**
 * A value built on its first call instead of at module load (issue 14:
 * startup CPU). Every zod schema in the Worker is one: a request schema is
 * built by its route's first request, the configuration schema by the first
 * `configFor`, and response and problem schemas, which exist only for the
 * OpenAPI document (built ahead of time) and for the types
 * (`z.infer<ReturnType<typeof Task>>` constructs nothing), never by the Worker.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
