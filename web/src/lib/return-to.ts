/**
 * Where to send a person after signing in: only a path on this site, so a
 * crafted link cannot bounce them to a look-alike page elsewhere.
 */

/** Any dummy origin does: only whether the value stays on it matters. */
const HERE = "https://return-to.invalid";

/** C0 controls, DEL and C1 controls: browsers drop some of them (TAB, LF) from URLs, and headers refuse others. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * `value` when it names a path on this site, as path, query and hash;
 * otherwise `fallback`. Refuses control characters and backslashes outright
 * (`/%09/evil.example` would become `//evil.example` in a browser), then
 * resolves the value against a dummy origin and keeps it only if it stayed there.
 */
export function safeReturnTo(value: string | null, fallback = "/tasks"): string {
  if (!value?.startsWith("/") || CONTROL.test(value) || value.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const target = url.pathname + url.search + url.hash;
  // A path that resolves to `//…` is protocol-relative in a Location header.
  return target.startsWith("//") ? fallback : target;
}
