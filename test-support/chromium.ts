/**
 * Where the browser comes from. Playwright cannot download its own here, and a
 * new machine has none, so: `CHROMIUM_PATH` if set, else the system's
 * `/usr/bin/chromium` (Debian's), else the headless build shipped inside the
 * `@sparticuz/chromium` npm package, which unpacks itself to the temp folder.
 */
import { statSync } from "node:fs";

export interface ChromiumBuild {
  executablePath: string;
  /** Where it came from, for logs. */
  source: "CHROMIUM_PATH" | "system" | "npm";
}

/**
 * Flags every launch gets. This machine has no outside network, so Chromium is
 * kept from reaching for it. Sparticuz's own `args` are made for AWS Lambda
 * (`--disable-web-security`, `--single-process`, …) and would weaken the very
 * CSP the journeys check, so they are not used.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

let resolved: Promise<ChromiumBuild> | undefined;

/** Resolves once per process; the npm build is unpacked on first use only. */
export function resolveChromium(): Promise<ChromiumBuild> {
  resolved ??= locate();
  return resolved;
}

async function locate(): Promise<ChromiumBuild> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return { executablePath: configured, source: "CHROMIUM_PATH" };
  if (isNonEmptyFile(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  const { default: Chromium } = await import("@sparticuz/chromium");
  return { executablePath: await Chromium.executablePath(), source: "npm" };
}

/** `/dev/null` bind-mounted over the binary (one way to hide it) exists, but is no browser. */
function isNonEmptyFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size > 0;
  } catch {
    return false;
  }
}
