/** Only same-site paths are allowed as `returnTo`, so a link cannot bounce a person elsewhere. */
export function safeReturnTo(value: string | null, fallback = "/tasks"): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
