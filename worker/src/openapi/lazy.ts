/**
 * A value built on its first call instead of at module load. Response and
 * problem schemas exist only for the OpenAPI document (built ahead of time)
 * and for the types (`z.infer<ReturnType<typeof Task>>` constructs nothing),
 * so the Worker never builds them (issue 14: startup CPU). Request schemas
 * stay plain values: the router validates with them.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
