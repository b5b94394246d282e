/**
 * The workerd configuration (Cap'n Proto text) the CPU bench runs the API's
 * bundle with: the API's compatibility date and flags from wrangler.jsonc,
 * its vars as text bindings, its Durable Object (USER_HUB, SQLite-backed, in
 * memory), a bench-only rate limiter behind API_RATE_LIMIT, and an outbound
 * network that reaches loopback (the site's JWKS, the replay endpoint).
 */

/** A bench-only stand-in for the Rate Limiting binding (a Cloudflare service): counts per key, per minute. */
export const RATE_LIMITER_SOURCE = `import { WorkerEntrypoint } from "cloudflare:workers";
const counts = new Map();
export class Limiter extends WorkerEntrypoint {
  async limit({ key }) {
    const slot = \`\${key}@\${Math.floor(Date.now() / 60000)}\`;
    const count = (counts.get(slot) ?? 0) + 1;
    counts.set(slot, count);
    return { success: count <= Number(this.env.LIMIT) };
  }
}
export default { fetch: () => new Response(null, { status: 404 }) };
`;

export interface WorkerdConfigInput {
  /** The bundle's module files, relative to the config file; the first is the main module. */
  modules: string[];
  compatibilityDate: string;
  compatibilityFlags: readonly string[];
  /** Text bindings. */
  vars: Record<string, string>;
  /** Durable Object classes the bundle exports, with their binding names. */
  durableObjects: { binding: string; className: string }[];
  /** Rate-limit bindings, each backed by the bench's limiter at `limit` requests per minute per key. */
  rateLimits: { binding: string; limit: number }[];
  /** The file holding RATE_LIMITER_SOURCE, relative to the config file. */
  rateLimiterModule: string;
  /** Where the API listens, e.g. 127.0.0.1:41234. */
  address: string;
}

/** A Cap'n Proto text literal (JSON's escapes are valid there). */
const text = (value: string) => JSON.stringify(value);

export function workerdConfig(input: WorkerdConfigInput): string {
  const modules = input.modules.map((path) => `(name = ${text(path)}, esModule = embed ${text(path)})`);
  const bindings = [
    ...Object.entries(input.vars).map(([name, value]) => `(name = ${text(name)}, text = ${text(value)})`),
    ...input.durableObjects.map(
      (d) => `(name = ${text(d.binding)}, durableObjectNamespace = (className = ${text(d.className)}))`,
    ),
    ...input.rateLimits.map(
      (r) => `(name = ${text(r.binding)}, service = (name = "rate-limit-${r.limit}", entrypoint = "Limiter"))`,
    ),
  ];
  const namespaces = input.durableObjects.map(
    (d) => `(className = ${text(d.className)}, uniqueKey = ${text(`cpu-bench-${d.className}`)}, enableSql = true)`,
  );
  const limiters = [...new Set(input.rateLimits.map((r) => r.limit))].map(
    (limit) => `(name = "rate-limit-${limit}", worker = (
      modules = [(name = "limiter.js", esModule = embed ${text(input.rateLimiterModule)})],
      compatibilityDate = ${text(input.compatibilityDate)},
      bindings = [(name = "LIMIT", text = "${limit}")]))`,
  );
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "api", worker = (
      modules = [${modules.join(", ")}],
      compatibilityDate = ${text(input.compatibilityDate)},
      compatibilityFlags = [${input.compatibilityFlags.map(text).join(", ")}],
      bindings = [${bindings.join(", ")}],
      durableObjectNamespaces = [${namespaces.join(", ")}],
      durableObjectStorage = (inMemory = void),
      globalOutbound = "internet")),
    ${limiters.join(",\n    ")}${limiters.length > 0 ? "," : ""}
    (name = "internet", network = (allow = ["public", "private", "local"]))
  ],
  sockets = [(name = "http", address = ${text(input.address)}, http = (), service = "api")]
);
`;
}
